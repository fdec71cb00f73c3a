"""The scored summary a merchant reads on a terminal: one Report in, one string out.

Why a string and not printing: the CLI decides where the report goes (stdout, ``--output``),
and tests read exactly what a merchant would. Rich lays the text out (wrapping, tables,
the score panel) on a private in-memory Console whose width and colour come only from the
arguments, so the same Report gives the same text everywhere, whatever the terminal or
environment (``NO_COLOR`` is the caller's business: it passes ``color=False``).

Order of the sections is fixed (header, score, findings by severity, muted, coverage, checks,
assumptions, warnings, next steps) because a merchant reads top to bottom and should meet the
money before the fine print. Every piece of report text goes in as ``rich.text.Text``, never
as markup, so a SKU like ``[RED]`` is printed as written.
"""

from __future__ import annotations

import io
from datetime import datetime, timezone
from typing import Any, Iterable

from rich import box
from rich.console import Console, Group, RenderableType
from rich.padding import Padding
from rich.panel import Panel
from rich.rule import Rule
from rich.table import Table
from rich.text import Text

from ..money import fmt_money
from .model import ChannelCoverage, Finding, Report, Severity

DEFAULT_WIDTH = 100
DEFAULT_MAX_PER_SEVERITY = 8

BAND_STYLE = {"low": "green", "moderate": "yellow", "high": "dark_orange", "critical": "bold red"}
SEVERITY_STYLE = {Severity.critical: "bold red", Severity.high: "dark_orange", Severity.medium: "yellow", Severity.low: "cyan"}
SEVERITY_ORDER = (Severity.critical, Severity.high, Severity.medium, Severity.low)


def render_terminal(
    report: Report, *, width: int = DEFAULT_WIDTH, color: bool = False, max_per_severity: int = DEFAULT_MAX_PER_SEVERITY
) -> str:
    """The whole summary as text: ANSI colour only when ``color`` is true."""
    out = io.StringIO()
    # Every setting explicit, so nothing is taken from the environment (COLUMNS, TERM, FORCE_COLOR).
    console = Console(
        file=out, width=max(40, width), height=25, color_system="truecolor" if color else None,
        force_terminal=color, force_jupyter=False, force_interactive=False, no_color=not color,
        markup=False, emoji=False, highlight=False, legacy_windows=False, soft_wrap=False,
    )
    currency = report.summary.money_at_risk.currency
    sections: list[RenderableType | None] = [
        _header(report),
        _score_panel(report),
        *_findings(report.findings, currency, max(1, max_per_severity)),
        _muted(report, max(1, max_per_severity)),
        *_coverage(report, console.width),
        _checks_line(report),
        *_assumptions(report),
        _warnings(report),
        _hint(report),
    ]
    for section in sections:
        if section is not None:
            console.print(section)
    # Rich pads every line to the width; trailing blanks only get in the way of copy and diff.
    return "\n".join(line.rstrip() for line in out.getvalue().split("\n"))


# --- small helpers -------------------------------------------------------------------------------
# Control characters (ESC above all) in a SKU or a title from a marketplace must not reach the
# terminal: they could recolour it, move the cursor or hide text. Newline and tab stay.
_CONTROL = {c: "\ufffd" for c in [*range(0, 9), *range(11, 32), 127, *range(0x80, 0xA0)]}


def _text(text: str, style: str = "") -> Text:
    return Text(str(text).translate(_CONTROL), style=style)


def _heading(title: str) -> RenderableType:
    return Group(_text(""), Rule(_text(title, style="bold"), align="left", style="dim"))


def _indent(renderable: RenderableType, left: int = 2) -> Padding:
    return Padding(renderable, (0, 0, 0, left))


def _pairs(rows: Iterable[tuple[str, str]], label_style: str = "", value_style: str = "") -> Table:
    """Two columns, label then text, so a long text wraps with a hanging indent."""
    grid = Table.grid(padding=(0, 2))
    grid.add_column(no_wrap=True, style=label_style)
    grid.add_column(ratio=1, overflow="fold", style=value_style)
    for label, value in rows:
        grid.add_row(_text(label), _text(value))
    return grid


def _per_month(amount: float, currency: str) -> str:
    return f"{fmt_money(amount, currency)} a month"


def _num(n: float) -> str:
    return f"{int(round(n)):,}"


def _parse(value: str) -> datetime | None:
    try:
        return datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None


def _when(value: str) -> str:
    """ISO times as a person reads them: 2026-11-20 09:14 UTC (anything unparsable as written)."""
    parsed = _parse(value)
    if parsed is None or len(value) <= 10:
        return value
    offset = parsed.utcoffset()
    zone = "" if offset is None else " UTC" if not offset else parsed.strftime(" %z")
    return parsed.strftime("%Y-%m-%d %H:%M") + zone


def _utc(value: str | None, as_of: str | None) -> str:
    """A time in UTC, short: 20 Nov 08:02 (the year only when it is not the scan's); else as written."""
    parsed = _parse(value) if value else None
    if parsed is None:
        return value or ""
    if parsed.tzinfo is not None:
        parsed = parsed.astimezone(timezone.utc)
    same_year = bool(as_of) and as_of.startswith(str(parsed.year))
    return parsed.strftime("%d %b %H:%M" if same_year else "%d %b %Y %H:%M")


def _plural(n: int, one: str) -> str:
    return f"{n:,} {one if n == 1 else one + 's'}"


# --- sections ------------------------------------------------------------------------------------
def _header(report: Report) -> Group:
    """Who the report is for and by (``report:`` in the config), then what was scanned."""
    s, meta = report.summary, report.summary.report
    lines = [_text(meta.title, style="bold")] if meta.title else []
    who = (f" for {meta.prepared_for}" if meta.prepared_for else "") + (f" by {meta.prepared_by}" if meta.prepared_by else "")
    if who:
        lines.append(_text(f"Prepared{who}"))
    parts = [f"{report.tool} {report.version}".strip()]
    parts.append(f"owner {s.owner}" if s.owner else "no owner channel set")
    if s.as_of:
        parts.append(f"as of {_when(s.as_of)}")
    parts.append(_plural(len(s.channels), "channel"))
    parts.append(f"{s.history_days} days of history")
    return Group(*lines, _text(" · ".join(parts), style="bold"))


def _score_panel(report: Report) -> Panel:
    s = report.summary
    m = s.money_at_risk
    style = BAND_STYLE.get(s.band, "bold")
    lines: list[Text] = [_text(f"Leak score {s.score}/100 · {s.band.upper()}", style=f"bold {style}")]
    money = _text("Money at risk ")
    money.append(_per_month(m.amount, m.currency), style="bold")
    if abs(m.high - m.low) >= 0.005:
        money.append(f" (range {fmt_money(m.low, m.currency)} – {fmt_money(m.high, m.currency)})")
    lines.append(money)
    if s.revenue_per_month > 0:
        lines.append(_text(f"Revenue seen {_per_month(s.revenue_per_month, m.currency)}"))
    else:
        lines.append(_text("Revenue seen: none (no orders were read)"))
    counts = s.counts
    found = [f"{getattr(counts, sev.value)} {sev.value}" for sev in SEVERITY_ORDER]
    total = sum(getattr(counts, sev.value) for sev in SEVERITY_ORDER)
    lines.append(_text(f"{_plural(total, 'finding')}: " + " · ".join(found)))
    if s.score_basis:
        lines.append(_text(f"Score: {s.score_basis}", style="dim"))
    return Panel(Group(*lines), border_style=style, padding=(1, 2), box=box.ROUNDED)


def _top_by_money(findings: list[Finding], n: int) -> tuple[list[Finding], list[Finding]]:
    """The n that cost most (ties keep report order), shown in report order; and the rest."""
    ranked = sorted(range(len(findings)), key=lambda i: -(findings[i].money.amount if findings[i].money else -1.0))
    keep = set(ranked[:n])
    return [f for i, f in enumerate(findings) if i in keep], [f for i, f in enumerate(findings) if i not in keep]


def _findings(findings: list[Finding], currency: str, limit: int) -> list[RenderableType]:
    out: list[RenderableType] = [_heading("Findings")]
    if not findings:
        out.append(_indent(_text("No leaks found in what was read. Check the coverage below for what was not.")))
        return out
    money_width = max(len(_money_cell(f)) for f in findings)  # one column width for every group
    for sev in SEVERITY_ORDER:
        group = [f for f in findings if f.severity is sev]
        if not group:
            continue
        shown, rest = _top_by_money(group, limit)
        out.append(_text(""))
        out.append(_indent(_text(f"{sev.value.capitalize()} ({len(group)})", style=f"bold {SEVERITY_STYLE[sev]}")))
        out.append(_indent(_finding_table(shown, money_width)))
        if rest:
            priced = [f.money.amount for f in rest if f.money]
            money = f" ({_per_month(sum(priced), currency)})" if priced else ""
            more = f"… and {len(rest)} more {sev.value} {'finding' if len(rest) == 1 else 'findings'}{money}: see --format json or csv"
            out.append(_indent(_text(more, style="italic"), 4))
    return out


def _money_cell(f: Finding) -> str:
    return _per_month(f.money.amount, f.money.currency) if f.money else "not priced"


def _finding_table(findings: list[Finding], money_width: int) -> Table:
    grid = Table.grid(padding=(0, 1))
    grid.add_column(no_wrap=True, width=len("CRITICAL"))  # severity
    grid.add_column(no_wrap=True)  # check id
    grid.add_column(no_wrap=True, justify="right", width=money_width)
    grid.add_column(ratio=1, overflow="fold")  # message, then the basis
    for f in findings:
        money = _money_cell(f)
        grid.add_row(
            _text(f.severity.value.upper(), style=SEVERITY_STYLE[f.severity]),
            _text(f.check_id, style="bold"),
            _text(money, style="bold" if f.money else "dim"),
            _new(f) + _text(f.message),
        )
        basis = f.money.basis if f.money and f.money.basis else ""
        if f.confidence != "high":
            basis = f"{basis} ({f.confidence} confidence)" if basis else f"{f.confidence.capitalize()} confidence"
        if basis:
            grid.add_row("", "", "", _text(basis, style="dim"))
    return grid


def _new(f: Finding) -> Text:
    """With --baseline: a finding the baseline did not have is marked, so it stands out."""
    return _text("NEW ", style="bold reverse") if f.new else _text("")


def _muted(report: Report, limit: int) -> RenderableType | None:
    parts: list[RenderableType] = []
    if report.suppressed:
        rows = []
        for s in report.suppressed[:limit]:
            f = s.finding
            what = f"{f.check_id} {', '.join(f.skus)}".strip()
            until = f" (until {s.until})" if s.until else ""
            rows.append((what, f"{s.reason}{until}"))
        parts.append(_indent(_text(f"{_plural(len(report.suppressed), 'finding')} muted by the ignore list in your config:")))
        parts.append(_indent(_pairs(rows, value_style="dim"), 4))
        if len(report.suppressed) > limit:
            parts.append(_indent(_text(f"… and {len(report.suppressed) - limit} more: see --format json"), 4))
    if report.resolved is not None:
        n = len(report.resolved)
        parts.append(_indent(_text(f"{_plural(n, 'finding')} from the baseline {'is' if n == 1 else 'are'} gone since last time.")))
    if not parts:
        return None
    return Group(_text(""), *parts)


def _coverage_table(channels: list[ChannelCoverage], as_of: str | None, width: int) -> Table:
    """One row per channel; kept to about 78 columns so it never truncates at width 80."""
    exported = any(c.exported_at for c in channels)
    rows = []
    for c in channels:
        history = f"{c.history_days:.0f} days" if c.history_days else "none"
        row = [c.name + (" (owner)" if c.owner else ""), f"{c.type} ({c.way_in})",
               _num(c.listings), _num(c.events), _num(c.orders), history]
        if exported:
            row.append(_utc(c.exported_at, as_of))
        rows.append(row)
    headers = ["Channel", "Platform", "Listings", "Stock changes", "Orders", "History"]
    if exported:
        headers.append("Exported (UTC)")
    natural = sum(max([len(h)] + [len(r[i]) for r in rows]) for i, h in enumerate(headers)) + 2 * len(headers)
    roomy = natural + 2 <= width  # then headers stay on one line
    table = Table(box=box.SIMPLE_HEAD, pad_edge=False, show_edge=False, header_style="bold", padding=(0, 1))
    for i, name in enumerate(headers):
        # Names may wrap between words and headers may wrap; numbers and dates are never cut.
        cells = [w for r in rows for w in r[i].split()] if i < 2 else [r[i] for r in rows]
        widest = max([len(cell) for cell in cells] + [len(name) if roomy else max(len(w) for w in name.split())])
        if i < 2:
            table.add_column(name, min_width=min(widest, 24), overflow="fold")
        else:
            table.add_column(name, justify="right" if i <= 5 else "left", width=widest, overflow="fold")
    for c, row in zip(channels, rows):
        table.add_row(*(_text(cell, style="bold" if i == 0 and c.owner else "") for i, cell in enumerate(row)))
    return table


def _not_evaluated(report: Report) -> list[str]:
    """"IDS: reason (channels)" lines: a reason shared by several checks and channels is said once.

    Reasons are grouped by their text, so "no oversell setting" on five channels is one line naming
    the five, not five lines; a reason that names its own channel stays on its own line.
    """
    groups: dict[str, tuple[list[str], list[str]]] = {}
    for c in report.summary.channels:
        for entry in c.not_evaluated:
            ids, names = groups.setdefault(entry.why, ([], []))
            if entry.check_id not in ids:
                ids.append(entry.check_id)
            if c.name not in names:
                names.append(c.name)
    lines = [f"{', '.join(sorted(ids))}: {why} ({', '.join(names)})" for why, (ids, names) in groups.items()]
    for run in report.summary.checks:
        if run.status == "not_evaluated":
            lines.append(f"{run.check_id}: {run.why or 'no channel could feed it'} (not run at all)")
    return lines


def _coverage(report: Report, width: int) -> list[RenderableType]:
    channels = report.summary.channels
    out: list[RenderableType] = [_heading("Coverage: what was read"), _indent(_coverage_table(channels, report.summary.as_of, width))]
    not_read = [(f"{c.name}:", f"{n.what} ({n.why})" + ("; only history was lost" if n.history_only else ""))
                for c in channels for n in c.not_read]
    if not_read:
        out += [_text(""), _indent(_text("Not read", style="bold")), _indent(_pairs(not_read), 4)]
    bad = [c for c in channels if c.bad_rows or c.bad_rows_total]
    if bad:
        out += [_text(""), _indent(_text("Rows that could not be read (the rest of each file was read)", style="bold"))]
        for c in bad:
            total = max(c.bad_rows_total, len(c.bad_rows))
            shown = c.bad_rows[:3]
            more = f", first {len(shown)} shown" if total > len(shown) else ""
            out.append(_indent(_text(f"{c.name}: {_plural(total, 'row')}{more}"), 4))
            out += [_indent(_text(f"{b.file} row {b.row}: {b.why}", style="dim"), 6) for b in shown]
    skipped = _not_evaluated(report)
    if skipped:
        out += [_text(""), _indent(_text("Checks not evaluated, and why", style="bold"))]
        out += [_indent(_text(line), 4) for line in skipped]
    notes = [(f"{c.name}:", note) for c in channels for note in c.notes]
    if notes:
        out += [_text(""), _indent(_text("Notes", style="bold")), _indent(_pairs(notes), 4)]
    return out


def _checks_line(report: Report) -> RenderableType | None:
    runs = report.summary.checks
    if not runs:
        return None
    counts = {status: sum(1 for r in runs if r.status == status) for status in ("fired", "passed", "not_evaluated", "skipped")}
    parts = [f"{counts['fired']} fired", f"{counts['passed']} passed", f"{counts['not_evaluated']} not evaluated"]
    if counts["skipped"]:
        parts.append(f"{counts['skipped']} skipped (--only / --skip)")
    line = _text("Checks: ", style="bold")
    line.append(", ".join(parts), style="")
    if report.summary.duration_seconds:
        line.append(f" (the scan took {report.summary.duration_seconds:.1f} s)", style="dim")
    return Group(_text(""), line)


_LABELS = {
    "currency": ("Currency of every money figure", "{}"),
    "cost_per_oversold_order": ("Cost of one oversold order (refund, support, penalty)", "money"),
    "gross_margin": ("Gross margin", "share"),
    "lost_sale_share": ("Share of hidden-stock sales really lost", "share"),
    "default_units_per_day": ("Sales assumed where there is no order history", "units"),
    "default_price": ("Price assumed where no channel lists one", "money"),
    "safety_buffer_velocity": ("A product is a fast mover above", "units"),
    "reservation_max_age_days": ("An order or reservation is stuck after", "{:g} days"),
    "exchange_rates": ("Exchange rates", "rates"),
}


def _assumption_row(key: str, value: Any, currency: str) -> tuple[str, str]:
    """A label a merchant understands and the value in their units; unknown keys as written."""
    label, how = _LABELS.get(key, (key.replace("_", " ").capitalize(), "{}"))
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        if how == "money":
            return label, fmt_money(float(value), currency)
        if how == "share":
            return label, f"{value:.0%}"
        if how == "units":
            return label, f"{value:g} {'unit' if value == 1 else 'units'} a day"
        return label, how.format(value) if "{" in how else str(value)
    if how == "rates" and isinstance(value, dict):
        rates = [f"1 {k} = {fmt_money(v, currency) if isinstance(v, (int, float)) else v}" for k, v in sorted(value.items())]
        return label, "; ".join(rates) or "none given"
    if isinstance(value, dict):
        return label, "; ".join(f"{k}: {v}" for k, v in value.items()) or "none"
    if isinstance(value, (list, tuple)):
        return label, ", ".join(str(v) for v in value) or "none"
    return label, str(value)


def _assumptions(report: Report) -> list[RenderableType]:
    s = report.summary
    currency = str(s.assumptions.get("currency") or s.money_at_risk.currency)
    out: list[RenderableType] = [_heading("Assumptions behind the money (change them under assumptions: in the config)")]
    rows = [_assumption_row(key, value, currency) for key, value in s.assumptions.items()]
    if rows:
        out.append(_indent(_pairs(rows)))
    note = s.money_basis or ("The total counts each product once (the largest finding that names it), "
                             "so findings about the same product do not add up twice.")
    out += [_text(""), _indent(_text(note, style="dim"))]
    return out


def _warnings(report: Report) -> RenderableType | None:
    s = report.summary
    items = [*s.ignore_warnings, *s.warnings]
    if not items:
        return None
    return Group(_heading("Warnings"), _indent(_pairs((("!", w) for w in items), label_style="yellow")))


def _hint(report: Report) -> Text:
    first = report.findings[0].check_id if report.findings else None
    parts = [f"leakcheck explain {first}" if first else "leakcheck checks", "leakcheck explain money", "--format json"]
    return _text("\n" + "Next: " + " · ".join(parts), style="dim")

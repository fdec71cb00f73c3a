"""What the consultant's report says, worked out once for both its html and its Markdown forms.

Why a view between the Report and the templates: the two formats must say the same things in
the same order (the three costliest leaks, money by check and by channel, every finding with its
evidence and arithmetic, the coverage, the assumptions), and templates should only lay text
out. So every sentence, sum, ranking and formatted figure is made here, as plain strings and
numbers; html.py adds the SVG charts and markdown.py the text tables. Nothing here escapes:
the html template autoescapes, and Markdown is text.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import Any

from ..money import fmt_money
from .model import Finding, Report, Severity, StockSeries
from .terminal import _assumption_row, _not_evaluated, _when

SEVERITY_ORDER = (Severity.critical, Severity.high, Severity.medium, Severity.low)
SEVERITY_COLOR = {"critical": "#b42318", "high": "#d9480f", "medium": "#b7791f", "low": "#4c6ef5"}
BAND_COLOR = {"low": "#2f855a", "moderate": "#b7791f", "high": "#d9480f", "critical": "#b42318"}
MAX_SKUS = 12  # SKUs listed under a finding; the rest are counted (the csv has them all)
MAX_ROWS = 15  # rows of one evidence table
MAX_BARS = 10

# Short names for the bars; a check not named here shows its own title, shortened.
SHORT = {
    "SKU001": "One product, two codes", "SKU002": "One code, two products", "SKU003": "Listings with no code",
    "SKU004": "Code unknown to owner", "SET001": "Sells when sold out", "SET002": "Stock not tracked",
    "SET003": "No safety buffer", "SYN001": "Sync on a timer", "SYN002": "Slow stock updates",
    "SYN003": "Sale never synced", "WRT001": "Several writers", "WRT002": "Counts flip-flop",
    "WRT003": "No agreed owner", "BUN001": "Bundle offers too many", "BUN002": "Bundle kept by hand",
    "BUN003": "Bundle part missing", "DRF001": "Phantom stock", "DRF002": "Hidden stock",
    "DRF003": "Stock below zero", "RES001": "Stuck reservations", "RET001": "Returns not restocked",
}


@dataclass
class EvidenceItem:
    label: str
    text: str = ""
    pairs: list[tuple[str, str]] = field(default_factory=list)
    columns: list[str] = field(default_factory=list)
    rows: list[list[str]] = field(default_factory=list)
    more: int = 0

    @property
    def kind(self) -> str:
        return "table" if self.columns else "pairs" if self.pairs else "text"


@dataclass
class FindingView:
    anchor: str
    finding: Finding
    severity: str
    color: str
    skus: list[str]
    skus_more: int
    money: str
    money_range: str
    evidence: list[EvidenceItem]
    series: list[StockSeries]
    series_sku: str


@dataclass
class ReportView:
    report: Report
    title: str
    prepared_for: str
    prepared_by: str
    facts: list[str]
    score: int
    band: str
    band_color: str
    money: str
    money_range: str
    share_of_revenue: str
    revenue: str
    per_year: str
    counts: list[tuple[str, int, str, int]]  # severity, findings, colour, bar length in % of the largest
    top: list[tuple[FindingView, str]]
    by_check: list[tuple[str, str, float, str, str]]  # label, full label, value, text, colour
    by_channel: list[tuple[str, str, float, str, str]]
    findings: list[FindingView]
    coverage: list[dict[str, str]]
    not_read: list[tuple[str, str]]
    bad_rows: list[tuple[str, str, list[str]]]
    not_evaluated: list[str]
    notes: list[tuple[str, str]]
    assumptions: list[tuple[str, str]]
    money_basis: str
    score_basis: str
    warnings: list[str]
    suppressed: list[tuple[str, str]]
    checks_line: str
    generated: str


def build_view(report: Report) -> ReportView:
    s = report.summary
    cur = s.money_at_risk.currency
    meta = s.report
    findings = [_finding_view(i, f, cur) for i, f in enumerate(report.findings)]
    ranked = sorted(findings, key=lambda v: -(v.finding.money.amount if v.finding.money else -1.0))
    top = [(v, _sentence(v)) for v in ranked[:3] if v.finding.money and v.finding.money.amount > 0]
    m = s.money_at_risk
    counts = {sev.value: getattr(s.counts, sev.value) for sev in SEVERITY_ORDER}
    total = sum(counts.values())
    facts = [f"{len(s.channels)} channels"]
    if s.owner:
        facts.append(f"owner: {s.owner}")
    facts.append(f"{s.history_days} days of history")
    if s.as_of:
        facts.append(f"data as of {_when(s.as_of)}")
    facts.append(f"{total} findings")
    return ReportView(
        report=report,
        title=meta.title or "Money-leak check",
        prepared_for=meta.prepared_for or "", prepared_by=meta.prepared_by or "",
        facts=facts, score=s.score, band=s.band, band_color=BAND_COLOR.get(s.band, "#243b53"),
        money=fmt_money(m.amount, cur), money_range=_range(m.low, m.high, m.amount, cur),
        share_of_revenue=_share(m.amount, s.revenue_per_month),
        revenue=fmt_money(s.revenue_per_month, cur) if s.revenue_per_month > 0 else "",
        per_year=fmt_money(m.amount * 12, cur),
        counts=[(sev.value, n, SEVERITY_COLOR[sev.value], round(100 * n / max(1, *counts.values())))
                for sev, n in ((sev, counts[sev.value]) for sev in SEVERITY_ORDER)],
        top=top, by_check=_by_check(report.findings, cur), by_channel=_by_channel(report.findings, cur),
        findings=findings, coverage=_coverage(report),
        not_read=[(c.name, f"{n.what}: {n.why}" + (" (only history was lost)" if n.history_only else ""))
                  for c in s.channels for n in c.not_read],
        bad_rows=[(c.name, f"{max(c.bad_rows_total, len(c.bad_rows)):,} rows",
                   [f"{b.file} row {b.row}: {b.why}" for b in c.bad_rows[:5]])
                  for c in s.channels if c.bad_rows or c.bad_rows_total],
        not_evaluated=_not_evaluated(report),
        notes=[(c.name, note) for c in s.channels for note in c.notes],
        assumptions=[_assumption_row(k, v, str(s.assumptions.get("currency") or cur)) for k, v in s.assumptions.items()],
        money_basis=s.money_basis or ("The total counts each product once (the largest finding that names it), "
                                      "so findings about the same product do not add up twice."),
        score_basis=s.score_basis,
        warnings=[*s.ignore_warnings, *s.warnings],
        suppressed=[(f"{x.finding.check_id} {', '.join(x.finding.skus[:3])}".strip(),
                     x.reason + (f" (until {x.until})" if x.until else "")) for x in report.suppressed],
        checks_line=_checks_line(report),
        generated=f"{report.tool} {report.version}".strip(),
    )


def _finding_view(i: int, f: Finding, cur: str) -> FindingView:
    series = f.series or []
    return FindingView(
        anchor=f"f{i + 1}-{f.check_id.lower()}", finding=f, severity=f.severity.value,
        color=SEVERITY_COLOR[f.severity.value], skus=[s if s else "(no code)" for s in f.skus[:MAX_SKUS]],
        skus_more=max(0, len(f.skus) - MAX_SKUS),
        money=f"{fmt_money(f.money.amount, f.money.currency)} a month" if f.money else "not priced",
        money_range=_range(f.money.low, f.money.high, f.money.amount, f.money.currency) if f.money else "",
        evidence=evidence_items(f.evidence), series=series, series_sku=series[0].sku if series else "",
    )


def _sentence(v: FindingView) -> str:
    """One sentence per costly leak: what is wrong (each format puts its cost beside it)."""
    msg = v.finding.message.rstrip()
    msg = msg if msg.endswith((".", "!", "?")) else msg + "."
    return msg


def _share(amount: float, revenue: float) -> str:
    if revenue <= 0:
        return ""
    share = amount / revenue
    return "under 0.1%" if 0 < share < 0.001 else f"{share:.1%}"


def _range(low: float, high: float, amount: float, cur: str) -> str:
    if abs(high - low) < 0.005:
        return ""
    return f"{fmt_money(low, cur)} to {fmt_money(high, cur)}"


def _label(check_id: str, title: str) -> str:
    return f"{check_id} {SHORT.get(check_id) or (title if len(title) <= 24 else title[:23] + '…')}"


def _by_check(findings: list[Finding], cur: str) -> list[tuple[str, str, float, str, str]]:
    sums: dict[str, list] = {}
    for f in findings:
        if f.money and f.money.amount > 0:
            entry = sums.setdefault(f.check_id, [0.0, f.title, f.severity])
            entry[0] += f.money.amount
            if f.severity.rank > entry[2].rank:
                entry[2] = f.severity
    rows = sorted(sums.items(), key=lambda kv: (-kv[1][0], kv[0]))
    out = [(_label(cid, t), f"{cid} {t}", v, fmt_money(v, cur), SEVERITY_COLOR[sev.value]) for cid, (v, t, sev) in rows]
    return _fold(out, cur, "other checks")


def _acting_channel(f: Finding) -> str:
    """The channel a finding's money is booked to: the one its evidence names, else the first it names."""
    ev = f.evidence or {}
    for key in ("channel", "to_channel"):
        name = ev.get(key)
        if isinstance(name, str) and name in f.channels:
            return name
    return f.channels[0] if f.channels else "(none)"


def _by_channel(findings: list[Finding], cur: str) -> list[tuple[str, str, float, str, str]]:
    sums: dict[str, float] = {}
    for f in findings:
        if f.money and f.money.amount > 0:
            ch = _acting_channel(f)
            sums[ch] = sums.get(ch, 0.0) + f.money.amount
    rows = sorted(sums.items(), key=lambda kv: (-kv[1], kv[0]))
    return _fold([(name, name, v, fmt_money(v, cur), "#0b6e4f") for name, v in rows], cur, "other channels")


def _fold(rows: list, cur: str, other: str) -> list:
    if len(rows) <= MAX_BARS:
        return rows
    rest = sum(r[2] for r in rows[MAX_BARS - 1:])
    return rows[:MAX_BARS - 1] + [(other, other, rest, fmt_money(rest, cur), "#829ab1")]


def _coverage(report: Report) -> list[dict[str, str]]:
    out = []
    for c in report.summary.channels:
        out.append({
            "name": c.name + (" (owner)" if c.owner else ""), "platform": c.type, "way_in": c.way_in,
            "listings": f"{c.listings:,}", "events": f"{c.events:,}", "orders": f"{c.orders:,}",
            "history": f"{c.history_days:.0f} days" if c.history_days else "none",
            "exported": _when(c.exported_at) if c.exported_at else "",
            "not_read": str(len(c.not_read)) if c.not_read else "",
            "bad_rows": f"{max(c.bad_rows_total, len(c.bad_rows)):,}" if (c.bad_rows or c.bad_rows_total) else "",
            "not_evaluated": ", ".join(sorted({n.check_id for n in c.not_evaluated})),
        })
    return out


def _checks_line(report: Report) -> str:
    runs = report.summary.checks
    if not runs:
        return ""
    n = {st: sum(1 for r in runs if r.status == st) for st in ("fired", "passed", "not_evaluated", "skipped")}
    line = f"{len(runs)} checks: {n['fired']} found something, {n['passed']} passed, {n['not_evaluated']} could not be evaluated"
    return line + (f", {n['skipped']} skipped" if n["skipped"] else "") + "."


# --- evidence ------------------------------------------------------------------------------------
def evidence_items(evidence: dict[str, Any]) -> list[EvidenceItem]:
    """A finding's evidence as label/value lines, key/value pairs and small tables."""
    items = []
    for key, value in (evidence or {}).items():
        label = key.replace("_", " ")
        if isinstance(value, list) and value and all(isinstance(v, dict) for v in value):
            cols = list(dict.fromkeys(c for v in value for c in v))
            rows = [[cell(v.get(c)) for c in cols] for v in value[:MAX_ROWS]]
            items.append(EvidenceItem(label, columns=[c.replace("_", " ") for c in cols], rows=rows,
                                      more=max(0, len(value) - MAX_ROWS)))
        elif isinstance(value, dict) and value:
            pairs = [(str(k), cell(v)) for k, v in list(value.items())[:MAX_ROWS]]
            items.append(EvidenceItem(label, pairs=pairs, more=max(0, len(value) - MAX_ROWS)))
        else:
            items.append(EvidenceItem(label, text=cell(value)))
    return items


def cell(value: Any) -> str:
    """One evidence value as a person reads it."""
    if value is None:
        return "–"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float):
        return f"{value:,.2f}".rstrip("0").rstrip(".") if value != int(value) else f"{int(value):,}"
    if isinstance(value, int):
        return f"{value:,}"
    if isinstance(value, str):
        if len(value) >= 16 and value[4:5] == "-" and value[10:11] == "T":
            return _when(value)
        return value if value else "''"
    if isinstance(value, dict):
        return "; ".join(f"{k}: {cell(v)}" for k, v in value.items())
    if isinstance(value, (list, tuple)):
        shown = ", ".join(cell(v) for v in value[:MAX_ROWS])
        return shown + (f" … and {len(value) - MAX_ROWS} more" if len(value) > MAX_ROWS else "") if value else "none"
    return str(value)


def parse_time(value: str) -> float:
    return datetime.fromisoformat(value.replace("Z", "+00:00")).astimezone(timezone.utc).timestamp()

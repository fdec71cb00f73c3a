"""``--format md``: the consultant's report as Markdown, to paste into a proposal or a ticket.

The same content as the html report, from the same view (view.py), in the same order: the
summary, the three costliest leaks, money by check and by channel (tables with text bars), every
finding with its evidence, arithmetic and fix (and, for sync and drift findings, the stock of one
product over time as a table of its changes), then coverage and assumptions.

Text from the data (SKUs, titles, messages) is escaped so it stays text wherever the Markdown is
rendered: ``<script>`` in a SKU shows as ``<script>``, a ``|`` cannot break a table, and a
backtick cannot end a code span early.
"""

from __future__ import annotations

import re

from .model import Report, StockSeries
from .view import FindingView, ReportView, build_view, cell

_SPECIAL = re.compile(r"([\\`*_\[\]<>|#])")
BAR_WIDTH = 20
MAX_SERIES_ROWS = 20


def esc(text: object) -> str:
    """Plain text made safe for Markdown: no HTML, no emphasis, no table breaks, one line."""
    return _SPECIAL.sub(r"\\\1", str(text)).replace("\r", " ").replace("\n", " ")


def code(text: object) -> str:
    """A code span that holds any text (a backtick inside gets a longer fence); never HTML."""
    s = str(text).replace("\n", " ").replace("|", "\\|")
    fence = "``" if "`" in s else "`"
    pad = " " if s.startswith("`") or s.endswith("`") or not s.strip() else ""
    return f"{fence}{pad}{s}{pad}{fence}"


def render_markdown(report: Report) -> str:
    """The whole report as Markdown text, ending with a newline."""
    v = build_view(report)
    out: list[str] = []
    out += _head(v)
    out += _top(v)
    out += _bars(v)
    out += _findings(v)
    out += _coverage(v)
    out += _assumptions(v)
    out.append(f"_Made with {esc(v.generated)}, which reads stores and exports read-only and changes nothing._")
    return "\n".join(out).rstrip() + "\n"


def _table(headers: list[str], rows: list[list[str]], right: set[int] = frozenset()) -> list[str]:
    lines = ["| " + " | ".join(headers) + " |",
             "|" + "|".join("---:" if i in right else "---" for i in range(len(headers))) + "|"]
    lines += ["| " + " | ".join(r) + " |" for r in rows]
    return lines + [""]


def _head(v: ReportView) -> list[str]:
    out = [f"# {esc(v.title)}", ""]
    who = " · ".join(x for x in (f"Prepared for **{esc(v.prepared_for)}**" if v.prepared_for else "",
                                  f"by **{esc(v.prepared_by)}**" if v.prepared_by else "") if x)
    if who:
        out += [who, ""]
    out += [" · ".join(esc(f) for f in v.facts), "", "## Summary", ""]
    counts = ", ".join(f"{n} {name}" for name, n, *_ in v.counts)
    out += _table(["Leak score", "Money at risk a month", "Likely range", "Findings"],
                  [[f"**{v.score}/100** ({v.band})", f"**{esc(v.money)}**", esc(v.money_range) or "–", counts]])
    share = f"; {v.share_of_revenue} of the {esc(v.revenue)} a month of sales seen" if v.share_of_revenue else ""
    out += [f"About {esc(v.per_year)} a year at this rate{share}.", ""]
    return out


def _top(v: ReportView) -> list[str]:
    out = ["## The three costliest leaks", ""]
    if not v.top:
        return out + ["No leak with money at risk was found in what was read.", ""]
    for i, (fv, sentence) in enumerate(v.top, 1):
        out.append(f"{i}. **{esc(fv.money)}**: {esc(sentence)} ({fv.finding.check_id})")
    return out + [""]


def _bars(v: ReportView) -> list[str]:
    if not v.by_check and not v.by_channel:
        return []
    out = ["## Where the money leaks", ""]
    for title, rows in (("By check", v.by_check), ("By channel", v.by_channel)):
        if not rows:
            continue
        top = max(r[2] for r in rows) or 1.0
        out += [f"### {title}", ""]
        out += _table(["", "Money a month", ""],
                      [[esc(full), esc(text), "█" * max(1, round(BAR_WIDTH * value / top))] for _, full, value, text, _ in rows],
                      right={1})
    out += ["Each row adds up the findings it names. One product can appear in several findings, so the rows add "
            "up to more than the total, which counts each product once.", ""]
    return out


def _findings(v: ReportView) -> list[str]:
    out = ["## Every finding", ""]
    if not v.findings:
        return out + ["No leaks found in what was read.", ""]
    for i, fv in enumerate(v.findings, 1):
        out += _finding(i, fv)
    return out


def _finding(i: int, fv: FindingView) -> list[str]:
    f = fv.finding
    new = " (new)" if f.new else ""
    out = [f"### {i}. {fv.severity.upper()} {f.check_id}{new}: {esc(f.title)} ({esc(fv.money)})", "", esc(f.message), ""]
    skus = " ".join(code(s) for s in fv.skus) + (f" and {fv.skus_more} more (see the CSV)" if fv.skus_more else "")
    out += [f"- **Channels:** {esc(', '.join(f.channels))}", f"- **SKUs:** {skus}", f"- **Confidence:** {f.confidence}", ""]
    if f.money:
        rng = f" (range {esc(fv.money_range)})" if fv.money_range else ""
        out += [f"**The money{rng}:** {esc(f.money.basis or 'no arithmetic was given')}", ""]
    if fv.series:
        out += _series(fv.series_sku, fv.series)
    if fv.evidence:
        out += ["**Evidence**", ""]
        simple = [[esc(it.label), esc(it.text)] for it in fv.evidence if it.kind == "text"]
        simple += [[esc(it.label), "; ".join(f"{esc(k)}: {esc(val)}" for k, val in it.pairs)
                    + (f" and {it.more} more" if it.more else "")] for it in fv.evidence if it.kind == "pairs"]
        if simple:
            out += _table(["", ""], simple)
        for it in fv.evidence:
            if it.kind == "table":
                out += [f"_{esc(it.label)}_", ""]
                out += _table([esc(c) for c in it.columns], [[esc(c) for c in row] for row in it.rows])
                if it.more:
                    out += [f"and {it.more} more rows (the JSON and CSV have them all)", ""]
    if f.remediation:
        out += [f"**How to fix it:** {esc(f.remediation)}", ""]
    return out


def _series(sku: str, series: list[StockSeries]) -> list[str]:
    """The stock lines as a table: one row per moment any channel's count changed."""
    levels: dict[str, dict[str, int]] = {}
    for s in series:
        for t, q in s.points:
            levels.setdefault(t, {})
    times = sorted(levels)
    cursors = {s.channel: 0 for s in series}
    rows, last = [], None
    for t in times:
        row = []
        for s in series:
            k = cursors[s.channel]
            while k + 1 < len(s.points) and s.points[k + 1][0] <= t:
                k += 1
            cursors[s.channel] = k
            row.append(s.points[k][1])
        if row != last or t in (times[0], times[-1]):
            rows.append([cell(t)] + [str(q) for q in row] + ["differ" if len(set(row)) > 1 else ""])
        last = row
    note = ""
    if len(rows) > MAX_SERIES_ROWS:
        note = f"(the last {MAX_SERIES_ROWS} of {len(rows)} changes)"
        rows = rows[-MAX_SERIES_ROWS:]
    out = [f"**Stock of {code(sku)} over time on each channel** {note}".rstrip(), ""]
    return out + _table(["Time"] + [esc(s.channel) for s in series] + [""], rows,
                        right=set(range(1, len(series) + 1)))


def _coverage(v: ReportView) -> list[str]:
    out = ["## Coverage: what was read", ""]
    out += _table(["Channel", "Platform", "Way in", "Listings", "Stock changes", "Order lines", "History", "Exported",
                   "Not read", "Bad rows", "Not evaluated"],
                  [[esc(c[k]) for k in ("name", "platform", "way_in", "listings", "events", "orders", "history",
                                         "exported", "not_read", "bad_rows", "not_evaluated")] for c in v.coverage],
                  right={3, 4, 5, 8, 9})
    if v.checks_line:
        out += [esc(v.checks_line), ""]
    if v.not_read:
        out += ["**Not read**", ""] + [f"- **{esc(n)}**: {esc(w)}" for n, w in v.not_read] + [""]
    if v.bad_rows:
        out += ["**Rows that could not be read** (the rest of each file was read)", ""]
        for name, n, rows in v.bad_rows:
            out.append(f"- **{esc(name)}**: {esc(n)}")
            out += [f"  - {esc(r)}" for r in rows]
        out.append("")
    if v.not_evaluated:
        out += ["**Checks not evaluated, and why**", ""] + [f"- {esc(line)}" for line in v.not_evaluated] + [""]
    if v.notes:
        out += ["**Notes from the sources**", ""] + [f"- **{esc(n)}**: {esc(note)}" for n, note in v.notes] + [""]
    if v.suppressed:
        out += ["**Muted by the ignore list**", ""] + [f"- {esc(w)}: {esc(r)}" for w, r in v.suppressed] + [""]
    return out


def _assumptions(v: ReportView) -> list[str]:
    out = ["## Assumptions behind the money", ""]
    out += _table(["Assumption", "Value"], [[esc(a), esc(b)] for a, b in v.assumptions])
    out += [esc(v.money_basis), ""]
    if v.score_basis:
        out += [f"Score: {esc(v.score_basis)}.", ""]
    out += ["Change any of these under `assumptions:` in the configuration and scan again.", ""]
    if v.warnings:
        out += ["**Warnings**", ""] + [f"- {esc(w)}" for w in v.warnings] + [""]
    return out

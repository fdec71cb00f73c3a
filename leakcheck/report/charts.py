"""Small inline SVG charts for the html report: horizontal money bars and stock step lines.

Why our own: a report a consultant mails must open anywhere with no network, so no chart
library from a CDN and no JavaScript; and these two shapes are a few dozen lines each. Every
piece of text that reaches the SVG (channel names, SKUs, labels) is escaped here, because the
templates mark the SVG as safe. Sizes are in a viewBox, so a chart scales to a phone or an A4 page.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timezone

from markupsafe import Markup, escape

# Okabe-Ito colours: distinct for colour-blind readers and in greyscale print.
PALETTE = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#000000", "#F0E442")
GAP_FILL = "rgba(213, 94, 0, 0.14)"
FONT = 'font-family="inherit"'


@dataclass(frozen=True)
class Bar:
    label: str
    value: float
    text: str  # the value as shown ("£94.24")
    color: str = "#0b6e4f"
    hint: str = ""  # the full label, shown on hover


@dataclass(frozen=True)
class Line:
    name: str
    points: list[tuple[float, int]]  # epoch seconds, quantity; steps after each point


@dataclass(frozen=True)
class Chart:
    svg: Markup
    legend: list[tuple[str, str]]  # (name, colour)


def bar_chart(bars: list[Bar], title: str, width: int = 480) -> Markup:
    """Horizontal bars, largest first as given, each labelled with its name and value."""
    row, label_w, value_w = 30, 204, 70
    height = row * len(bars) + 8
    biggest = max((b.value for b in bars), default=0) or 1.0
    span = width - label_w - value_w - 12
    parts = [f'<svg class="chart bars" viewBox="0 0 {width} {height}" role="img" aria-label="{escape(title)}" '
             f'preserveAspectRatio="xMinYMin meet">']
    for i, b in enumerate(bars):
        y = 4 + i * row
        w = max(2.0, span * max(b.value, 0) / biggest)
        label = b.label if len(b.label) <= 30 else b.label[:29] + "…"
        parts.append(f'<g><title>{escape(b.hint or b.label)}: {escape(b.text)}</title>'
                     f'<text x="0" y="{y + 19}" font-size="13" {FONT} fill="#243b53">{escape(label)}</text>'
                     f'<rect x="{label_w}" y="{y + 5}" width="{w:.1f}" height="18" rx="3" fill="{escape(b.color)}"/>'
                     f'<text x="{label_w + w + 6:.1f}" y="{y + 19}" font-size="13" font-weight="600" {FONT} '
                     f'fill="#102a43">{escape(b.text)}</text></g>')
    parts.append("</svg>")
    return Markup("".join(parts))


def step_chart(lines: list[Line], title: str, width: int = 600, height: int = 240) -> Chart:
    """Stock over time, one step line per channel; where the channels disagree the band is shaded.

    Lines that coincide are nudged apart by a pixel or two so each stays visible.
    """
    left, right, top, bottom = 44, 12, 10, 28
    xs = [ts for ln in lines for ts, _ in ln.points]
    qs = [q for ln in lines for _, q in ln.points]
    if not xs:
        return Chart(Markup(""), [])
    t0, t1 = min(xs), max(xs)
    lo, hi = min(qs), max(qs)
    if lo <= 0 or hi - lo >= hi / 2:  # from zero, unless that would flatten a gap of a few units among many
        lo = min(0, lo)
    else:
        lo, hi = lo - 1, hi + 1
    if hi == lo:
        hi = lo + 1
    ticks = _ticks(lo, hi)
    lo, hi = min(lo, ticks[0]), max(hi, ticks[-1])
    pw, ph = width - left - right, height - top - bottom

    def x(ts: float) -> float:
        return left + (pw * (ts - t0) / (t1 - t0) if t1 > t0 else pw / 2)

    def y(q: float) -> float:
        return top + ph - ph * (q - lo) / (hi - lo)

    out = [f'<svg class="chart steps" viewBox="0 0 {width} {height}" role="img" aria-label="{escape(title)}" '
           f'preserveAspectRatio="xMinYMin meet">']
    for a, b in _gaps(lines):
        out.append(f'<rect x="{x(a):.1f}" y="{top}" width="{max(1.5, x(b) - x(a)):.1f}" height="{ph}" fill="{GAP_FILL}"/>')
    for t in ticks:
        out.append(f'<line x1="{left}" x2="{width - right}" y1="{y(t):.1f}" y2="{y(t):.1f}" '
                   f'stroke="{"#9fb3c8" if t == 0 else "#e4e7eb"}" stroke-width="1"/>'
                   f'<text x="{left - 6}" y="{y(t) + 4:.1f}" font-size="12" text-anchor="end" {FONT} fill="#52606d">{t}</text>')
    for ts, anchor in ((t0, "start"), ((t0 + t1) / 2, "middle"), (t1, "end")):
        out.append(f'<text x="{x(ts):.1f}" y="{height - 8}" font-size="12" text-anchor="{anchor}" {FONT} '
                   f'fill="#52606d">{escape(_when(ts, t1 - t0))}</text>')
    legend = []
    for i, ln in enumerate(lines):
        color = PALETTE[i % len(PALETTE)]
        nudge = (i - (len(lines) - 1) / 2) * 2.0
        d = []
        for j, (ts, q) in enumerate(ln.points):
            px, py = x(ts), y(q) + nudge
            d.append(f"M{px:.1f},{py:.1f}" if j == 0 else f"H{px:.1f}V{py:.1f}")
        out.append(f'<path d="{"".join(d)}" fill="none" stroke="{color}" stroke-width="2.2" '
                   f'stroke-linejoin="round"><title>{escape(ln.name)}</title></path>')
        legend.append((ln.name, color))
    out.append("</svg>")
    return Chart(Markup("".join(out)), legend)


def _gaps(lines: list[Line]) -> list[tuple[float, float]]:
    """Stretches of time in which the lines' levels differ."""
    if len(lines) < 2:
        return []
    times = sorted({ts for ln in lines for ts, _ in ln.points})
    cursor = [0] * len(lines)
    spans: list[tuple[float, float]] = []
    start = None
    for ts in times:
        levels = set()
        for k, ln in enumerate(lines):
            while cursor[k] + 1 < len(ln.points) and ln.points[cursor[k] + 1][0] <= ts:
                cursor[k] += 1
            levels.add(ln.points[cursor[k]][1])
        if len(levels) > 1 and start is None:
            start = ts
        elif len(levels) == 1 and start is not None:
            spans.append((start, ts))
            start = None
    if start is not None and start < times[-1]:
        spans.append((start, times[-1]))
    return spans


def _ticks(lo: float, hi: float) -> list[int]:
    """Three to six whole-number gridlines covering lo..hi."""
    span = hi - lo
    step = 1
    for candidate in (1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000, 2000, 5000, 10000):
        step = candidate
        if span / candidate <= 5:
            break
    else:
        step = int(span / 5) or 1
    first = int(lo // step) * step
    ticks = list(range(first, int(hi) + step, step))
    return ticks if len(ticks) >= 2 else [first, first + step]


def _when(ts: float, span: float) -> str:
    moment = datetime.fromtimestamp(ts, tz=timezone.utc)
    return moment.strftime("%d %b" if span > 3 * 86400 else "%d %b %H:%M")

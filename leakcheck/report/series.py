"""Stock of one product over time on each channel, for the timed-sync and drift findings' charts.

Why: "ebay updates every 15 minutes" is a number; two step lines that part when the last unit
sells and meet again a quarter of an hour later are the leak itself, and a client sees it at a
glance. This module works the lines out from the Snapshot (through the Index) once per scan, for
the few findings that want them, and hangs them on ``Finding.series``; the html and md renderers
only draw them.

How a line is built: a channel's stock events give the quantity after each change, or only the
change. Where only changes are known, the line is rebuilt backwards from the listing's current
count (the count at the scan's moment): the level before a change is the level after it minus the
change. Each location is rebuilt on its own and the channel's line is their sum.

What is shown: one product per finding (the one its evidence names first, preferring one whose
stock moves on at least two of its channels), every channel of the finding that lists it (and
the owner, as the reference). Drift findings show the whole history window; sync findings zoom
on one gap: the example sale the evidence names, else the latest moment the channels disagreed.
At most ``MAX_POINTS`` points per channel and ``MAX_CHARTS`` findings, so neither a busy product nor
a huge catalog can bloat the report or slow the scan.
"""

from __future__ import annotations

from bisect import bisect_right
from datetime import datetime, timezone
from typing import Any, Iterable

from ..index import DAY, Index
from ..skus import product_key
from .model import Finding, StockSeries

SERIES_CHECKS = frozenset({"SYN001", "SYN002", "DRF001", "DRF002", "DRF003"})
SYNC_CHECKS = frozenset({"SYN001", "SYN002"})
MAX_POINTS = 200
MAX_CANDIDATES = 20  # products tried per finding before settling for the first that has a line
MIN_ZOOM = 3600.0  # a zoomed window is at least an hour wide
MAX_CHARTS = 40  # findings that get lines, in report order: a huge catalog's thousands of drifts cost no time

Points = list[tuple[float, int]]


def attach_series(index: Index, findings: Iterable[Finding]) -> None:
    """Hang a stock-over-time line per channel on the first MAX_CHARTS timed-sync and drift findings
    (most severe and costly first, as the findings are sorted); None where there is nothing to draw."""
    wanted = [f for f in findings if f.check_id in SERIES_CHECKS]
    for finding in sorted(wanted, key=_importance)[:MAX_CHARTS]:
        finding.series = series_for(index, finding) or None


def _importance(f: Finding) -> tuple[int, float]:
    return (-f.severity.rank, -(f.money.amount if f.money else 0.0))


def series_for(index: Index, finding: Finding) -> list[StockSeries]:
    """The lines of one finding: one product, each of its channels (and the owner) that lists it."""
    snap = index.snapshot
    start, end = snap.as_of - snap.history_days * DAY, snap.as_of
    channels = list(dict.fromkeys(finding.channels + ([snap.owner] if snap.owner else [])))
    chosen: tuple[str, dict[str, Points], tuple[float, float] | None] | None = None
    for sku, anchor in _candidates(finding)[:MAX_CANDIDATES]:
        key = product_key(sku)
        lines = {ch: pts for ch in channels if (pts := _line(index, ch, key, start, end))}
        moving = sum(1 for pts in lines.values() if len(pts) > 2)
        if lines and (chosen is None or moving >= min(2, len(lines))):
            chosen = (sku, lines, anchor)
            if moving >= min(2, len(lines)):
                break
    if chosen is None or not any(len(pts) > 2 for pts in chosen[1].values()):
        return []  # no stock history on any channel: flat lines would claim a past nobody recorded
    sku, lines, anchor = chosen
    t0, t1 = _window(finding.check_id, lines, anchor, start, end)
    t0 = _cap(lines, t0, t1)
    return [StockSeries(channel=ch, sku=sku, points=[(_iso(ts), q) for ts, q in _clip(pts, t0, t1)])
            for ch, pts in lines.items()]


def _candidates(finding: Finding) -> list[tuple[str, tuple[float, float] | None]]:
    """SKUs to draw, best first, each with the (sale time, lag seconds) of an example when the evidence has one."""
    ev: dict[str, Any] = finding.evidence or {}
    out: list[tuple[str, tuple[float, float] | None]] = []
    for example in ev.get("examples") or []:
        if isinstance(example, dict) and example.get("sku") and example.get("sold_at"):
            sold = _parse(str(example["sold_at"]))
            lag = example.get("lag_seconds")
            if sold is not None and isinstance(lag, (int, float)):
                out.append((str(example["sku"]), (sold, float(lag))))
    for item in ev.get("top_products") or []:
        if isinstance(item, dict) and item.get("sku"):
            out.append((str(item["sku"]), None))
    out += [(sku, None) for sku in finding.skus if sku]
    seen: set[tuple[str, bool]] = set()
    unique = []
    for sku, anchor in out:
        if (sku, anchor is None) not in seen:
            seen.add((sku, anchor is None))
            unique.append((sku, anchor))
    return unique


def _line(index: Index, channel: str, key: str, start: float, end: float) -> Points:
    """The channel's stock of one product as step points from ``start`` to ``end`` ([] when unknown)."""
    listings = index.listings_of(channel, key) or []
    events = [e for e in index.events_for(channel, key) if start <= e.ts <= end]
    now_by_loc: dict[str, int | None] = {}
    for listing in listings:
        if listing.available is not None:
            now_by_loc[listing.location] = now_by_loc.get(listing.location, 0) + listing.available
        else:
            now_by_loc.setdefault(listing.location, None)
    event_locs = {e.location for e in events}
    if not event_locs <= set(now_by_loc):  # events name locations the listings do not: one pooled count
        known = [v for v in now_by_loc.values() if v is not None]
        now_by_loc = {"": sum(known) if known else None}
        events_by_loc = {"": events}
    else:
        events_by_loc = {loc: [e for e in events if e.location == loc] for loc in now_by_loc}
    per_loc: dict[str, Points] = {}
    for loc, now in now_by_loc.items():
        pts = _rebuild(events_by_loc.get(loc, []), now, start, end)
        if pts:
            per_loc[loc] = pts
    if not per_loc:
        return []
    if len(per_loc) == 1:
        return next(iter(per_loc.values()))
    return _sum_lines(per_loc)


def _rebuild(events: list, now: int | None, start: float, end: float) -> Points:
    """One location's steps: absolute counts where the log has them, changes carried forward from
    the last absolute count, and what is still unknown rebuilt backwards from the current count."""
    afters: list[int | None] = []
    level: int | None = None
    for e in events:  # forward: a set is a fact; a change after a known count moves it
        if e.quantity_after is not None:
            level = e.quantity_after
        elif level is not None and e.change is not None:
            level = level + e.change
        else:
            level = None
        afters.append(level)
    level = now
    for i in range(len(events) - 1, -1, -1):  # backward: from the count now, undo each change
        if afters[i] is None:
            afters[i] = level
        after, change = afters[i], events[i].change
        level = after - change if after is not None and change is not None else None
    pts = [(e.ts, q) for e, q in zip(events, afters) if q is not None]
    first = level if level is not None else (pts[0][1] if pts else now)
    if first is None:
        return []
    final = now if now is not None else pts[-1][1] if pts else first
    return [(start, first)] + pts + [(end, final)]


def _sum_lines(lines: dict[str, Points]) -> Points:
    """The sum of several step lines, stepping wherever any of them steps."""
    times = sorted({ts for pts in lines.values() for ts, _ in pts})
    keyed = [(pts, [p[0] for p in pts]) for pts in lines.values()]
    return [(ts, sum(_level_at(pts, ts, xs) for pts, xs in keyed)) for ts in times]


def _level_at(pts: Points, ts: float, xs: list[float] | None = None) -> int:
    """The level of a step line at ``ts`` (``xs``: its times, when the caller already has them)."""
    i = bisect_right(xs if xs is not None else [p[0] for p in pts], ts) - 1
    return pts[max(i, 0)][1]


def _window(check_id: str, lines: dict[str, Points], anchor: tuple[float, float] | None,
            start: float, end: float) -> tuple[float, float]:
    """Drift: the whole window. Sync: around the example sale, else around the latest disagreement."""
    if check_id not in SYNC_CHECKS:
        return start, end
    if anchor is not None:
        sold, lag = anchor
        pad = max(lag, MIN_ZOOM / 4)
        return max(start, sold - 2 * pad), min(end, sold + 3 * pad)
    gap = _latest_gap(lines)
    if gap is None:
        return start, end
    g0, g1 = gap
    pad = max(3 * (g1 - g0), MIN_ZOOM / 2)
    return max(start, g0 - pad), min(end, g1 + pad)


def _latest_gap(lines: dict[str, Points]) -> tuple[float, float] | None:
    """The latest stretch of time in which the channels' counts differ (None when they never do)."""
    if len(lines) < 2:
        return None
    times = sorted({ts for pts in lines.values() for ts, _ in pts[1:-1]})
    keyed = [(pts, [p[0] for p in pts]) for pts in lines.values()]
    gap_end = None
    for i in range(len(times) - 1, -1, -1):
        differ = len({_level_at(pts, times[i], xs) for pts, xs in keyed}) > 1
        after = times[i + 1] if i + 1 < len(times) else times[i]
        if differ and gap_end is None:
            gap_end = after
        elif not differ and gap_end is not None:
            return after, gap_end
    return (times[0], gap_end) if gap_end is not None else None


def _cap(lines: dict[str, Points], t0: float, t1: float) -> float:
    """Move the window's start later until no channel has more than MAX_POINTS points in it."""
    for pts in lines.values():
        inside = [ts for ts, _ in pts if t0 < ts <= t1]
        if len(inside) > MAX_POINTS - 2:
            t0 = max(t0, inside[-(MAX_POINTS - 2)] - 1)
    return t0


def _clip(pts: Points, t0: float, t1: float) -> Points:
    """The line between t0 and t1: its level at t0, the steps inside, and its level at t1."""
    out = [(t0, _level_at(pts, t0))]
    out += [(ts, q) for ts, q in pts if t0 < ts < t1]
    out.append((t1, _level_at(pts, t1)))
    return out


def _iso(ts: float) -> str:
    return datetime.fromtimestamp(ts, tz=timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def _parse(value: str) -> float | None:
    try:
        parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=timezone.utc)
    return parsed.timestamp()

"""Finding a timer in a stock log: batches of changes that come back every T minutes.

Shared by SYN001, which reports the timer, and SYN002, which leaves to SYN001 a lag that a timer
explains; kept out of both check modules so that neither check imports the other.
"""

from __future__ import annotations

from itertools import compress, count, repeat
from operator import attrgetter, gt, sub

from ..model import StockEvent
from ._timing import memo, products_of, writes, _ts

BATCH_GAP_SECONDS = 10.0  # changes this close together belong to one batch
MIN_BATCHES = 6  # fewer batches cannot show a rhythm
MIN_INTERVAL_SECONDS = 60.0  # shorter "intervals" are bursts, not a timer
MAX_INTERVAL_SECONDS = 26 * 3600.0  # a daily feed is a timed sync; a weekly job is not
MIN_SPAN_SHARE = 0.5  # a sync's timer runs all along: batches over less of the log were a job run for a while
TOLERANCE = 0.1  # a gap within ±10 % of a whole number of intervals is regular...
TOLERANCE_SECONDS = 30.0  # ...but never more than ±30 seconds off (random times fit ~2·tolerance/T of the time)
REGULAR_SHARE = 0.6  # share of regular gaps (and of batches on the timer's phase) that makes a timer
MAX_SCORED_GAPS = 5000  # gaps scored per candidate interval (an even sample of longer logs)
_key, _sku = attrgetter("key"), attrgetter("sku")
# what ``periodic`` finds: (interval, batch starts, regular share, product keys, codes as written)
Timer = tuple[float, list[float], float, "set[str] | None", "set[str] | None"]


def channel_timer(index, channel: str) -> tuple[str, tuple] | None:
    """(writer, what ``periodic`` found) for the writer on a channel whose changes keep the most
    batches on a timer; None when none does. Shared with SYN002, which leaves a lag a timer
    explains to this check."""
    cache = memo(index)
    tag = ("timer", channel)
    if tag not in cache:
        best = None
        events = index.events_by_channel.get(channel) or []
        span = events[-1].ts - events[0].ts if events else 0.0
        for writer, wevs in sorted(writes(index, channel)[1].items()):
            found = periodic(wevs, span)
            if found and (best is None or len(found[1]) > len(best[1][1])):
                best = (writer, found)
        if best is not None and best[1][3] is None:
            best = (best[0], best[1][:3] + products_of(index, channel, best[0]))
        cache[tag] = best
    return cache[tag]


def tolerance(interval: float) -> float:
    """How far a gap may sit from a whole number of intervals and still keep time."""
    return min(TOLERANCE * interval, TOLERANCE_SECONDS)


def runs(ts: list[float]) -> list[int]:
    """Where each run of changes with no pause longer than BATCH_GAP_SECONDS begins (indexes)."""
    return [0, *compress(count(1), map(gt, map(sub, ts[1:], ts), repeat(BATCH_GAP_SECONDS)))]


def best_interval(gaps: list[float]) -> tuple[float, float] | None:
    """(interval, share of gaps it explains): the interval T that best explains the gaps as whole
    multiples of it (gap within ``tolerance(T)`` of k·T, k >= 1).

    Most runs of a timed sync in a big catalogue change one product, and many runs change none, so
    the gaps are 15, 30, 45... minutes: the median gap is not the interval, their greatest common
    interval is. The candidates are the small gaps (the low quantiles: the smallest gap cluster),
    each refined to the total time over the total count of intervals in the gaps it explains; the
    one explaining most gaps wins, a larger one on a near tie (a timer every 15 minutes also
    "explains" every 7.5). Random gaps fit a candidate by chance about 2·tolerance/T of the time.
    """
    if len(gaps) > MAX_SCORED_GAPS:  # an even sample keeps this cheap on a million changes
        step = len(gaps) / MAX_SCORED_GAPS
        gaps = [gaps[int(i * step)] for i in range(MAX_SCORED_GAPS)]
    usable = sorted(g for g in gaps if g >= MIN_INTERVAL_SECONDS * (1 - TOLERANCE))
    if len(usable) < MIN_BATCHES - 1:
        return None
    n = len(usable)
    candidates = {usable[min(n - 1, int(q * n))] for q in (0.0, 0.02, 0.05, 0.1, 0.25, 0.5)}
    best = None
    for c in sorted(candidates):
        for _ in range(2):  # refine twice: the second pass counts with the better interval
            tol = tolerance(c)
            total = count = 0.0
            for g in usable:
                k = round(g / c)
                if k and abs(g - k * c) <= tol:
                    total += g
                    count += k
            if not count:
                break
            c = total / count
        if c < MIN_INTERVAL_SECONDS:
            continue
        tol = tolerance(c)
        fit = sum(1 for g in gaps if (k := round(g / c)) and abs(g - k * c) <= tol) / len(gaps)
        if best is None or fit > best[1] + 0.02 or (fit >= best[1] - 0.02 and c > best[0]):
            best = (c, fit)
    return best


def _busiest_phase(phases: list[float], interval: float, tol: float) -> float:
    """The phase (seconds past the tick) with the most batches within ``tol`` of it, round the clock."""
    ring = sorted(phases)
    n = len(ring)
    ring += [p + interval for p in ring]
    best, centre, j = -1, 0.0, 0
    for i in range(n):
        while ring[j] < ring[i] + 2 * tol:
            j += 1
            if j == len(ring):
                break
        if j - i > best:
            best, centre = j - i, (ring[i] + ring[j - 1]) / 2
        if j == len(ring):
            break
    return centre % interval


def periodic(events: list[StockEvent], span: float = 0.0) -> Timer | None:
    """(interval seconds, batch starts, regular share, products, codes) when one writer's changes keep
    time; products and codes are None when every change did (they are then the writer's, see
    ``channel_timer``, which computes them once and shares them).

    A batch is a run of changes a few seconds apart. A run of one product counts as a batch when
    it lands at the timer's phase (the same seconds past the tick as the others): a per-sale
    writer's changes come at random times, so few of them share a phase and their gaps are no
    whole multiples of anything; a timer's do both. ``span``: how long the channel's log runs (a
    timer is expected to keep time over at least half of it).
    """
    if len(events) < MIN_BATCHES:
        return None
    ts = list(map(_ts, events))
    begins = runs(ts)
    if len(begins) < MIN_BATCHES:
        return None
    starts = [ts[i] for i in begins]
    gaps = list(map(sub, starts[1:], starts))
    found = best_interval(gaps)
    if found is None or found[1] < REGULAR_SHARE or found[0] > MAX_INTERVAL_SECONDS:
        return None
    interval, share = found
    tol = tolerance(interval)
    origin = starts[0]
    phases = [(t - origin) % interval for t in starts]
    centre = _busiest_phase(phases, interval, tol)
    half = interval / 2
    on_tick = [i for i, p in enumerate(phases) if abs((p - centre + half) % interval - half) <= tol]
    if len(on_tick) < MIN_BATCHES or len(on_tick) < REGULAR_SHARE * len(starts):
        return None
    if starts[on_tick[-1]] - starts[on_tick[0]] < MIN_SPAN_SHARE * span:
        return None
    if len(on_tick) == len(begins):
        keys = codes = None  # every change keeps time: the writer's products (channel_timer fills them in)
    else:
        ends = begins[1:] + [len(events)]
        batch = [e for i in on_tick for e in events[begins[i]:ends[i]]]
        keys, codes = set(map(_key, batch)), set(map(_sku, batch))
    return interval, [starts[i] for i in on_tick], share, keys, codes

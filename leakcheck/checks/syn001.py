"""SYN001: a channel whose stock changes in timed batches (a sync on a timer), and its interval."""

from __future__ import annotations

from itertools import compress, count, repeat
from operator import attrgetter, gt, sub
from typing import Iterable

from ..model import CAP_EVENTS, CAP_ORDERS, StockEvent
from ..report.model import Severity
from ._timing import (
    channel_span_days, days_words, fastest, memo, minutes_words, products_of, selldowns_per_month, total_money,
    writes, _ts,
)
from ._words import iso, join_names, spelling
from .base import Check, CheckContext, Leak

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


class TimedSync(Check):
    """A channel's stock changes in timed batches, not when things sell

    ## What it finds
    A channel whose stock log shows one writer's changes landing in batches at regular times, each
    batch the same few seconds past the tick: a sync running on a timer (every 5, 15 or 60
    minutes) instead of on each sale. A run with nothing to send leaves no trace, so the gaps are
    often two or three intervals; the interval is the one that explains them all. It reports the
    interval, the writer and when the batches ran.

    ## Why it costs money
    Between two runs the channels disagree. When the last unit sells on one channel, the others
    keep offering it until the next run, and a customer there can buy a unit that is gone: an
    oversold order, a refund and an apology. The money is, per product the other channels also
    sell, each sell-down to the last unit on this channel (from its log, at least one a month)
    times the other channels' expected sales in the half-interval that, on average, remains.

    ## How to fix
    Switch the connector to real-time (event- or webhook-driven) stock updates, or shorten its
    interval. Until then, hold back a small safety buffer of the fast sellers on the channels
    that update late, so the last units are never on offer in two places at once.

    ## Evidence
    `interval_minutes`: the time between batches, in minutes.
    `batches`: how many batches the log shows.
    `regular_share`: share of the gaps between batches that are the interval or a whole multiple of it (±10 %, at most ±30 seconds).
    `writer`: who writes the batches ("" when the log does not say).
    `first_times`: when the first few batches started (ISO 8601, UTC).
    `products`: how many products the batches change.
    `top_products`: the products with the most money at risk (up to 10), each `sku` and `amount`.
    """

    id = "SYN001"
    severity = Severity.high
    needs = frozenset({CAP_EVENTS})

    def run(self, ctx: CheckContext) -> Iterable[Leak]:
        ix = ctx.index
        found = []
        for ch in ctx.channels:
            events = ix.events_by_channel.get(ch.name)
            if not events:
                ctx.not_evaluated(ch.name, "its stock-change log holds no changes in the history window")
                continue
            best = channel_timer(ix, ch.name)
            if best is not None:
                found.append((ch.name, best))
        # one timer writing several channels (a sync app pushing counts out and bringing sales back
        # on the same run) is one finding, on the channel it writes most
        kept = []
        for name, (writer, timer) in sorted(found, key=lambda f: -len(f[1][1][1])):
            if not any(writer and w == writer and abs(t[0] - timer[0]) <= tolerance(timer[0]) for _, (w, t) in kept):
                kept.append((name, (writer, timer)))
        for name, (writer, timer) in sorted(kept):
            yield self._leak(ctx, name, writer, *timer)

    def _leak(self, ctx: CheckContext, name: str, writer: str, interval: float, starts: list[float],
              share: float, keys: set[str], codes: set[str]) -> Leak:
        ix, pricer = ctx.index, ctx.pricer
        sellers = [c.name for c in ctx.snapshot.channels.values() if c.name != name and c.has(CAP_ORDERS)]
        stock, sold = ix.stock, ix.sold
        # the products the other selling channels list too, and the units they sold of each (the
        # fastest are priced); one look-up per product and channel, no list per product
        sold_there: dict[str, int] = {}
        listing: set[str] = set()
        for c in sellers:
            for key in keys:
                if (c, key) in stock:
                    sold_there[key] = sold_there.get(key, 0) + sold.get((c, key), 0)
                    listing.add(c)
        other_names = sorted(listing)
        days = channel_span_days(ix, name)
        gap = interval / 2
        chosen, left_out = fastest(sold_there, sold_there.__getitem__)
        others_of = {key: [c for c in sellers if (c, key) in stock] for key in chosen}
        parts = []
        for key in chosen:
            per_month, seen = selldowns_per_month(ix, name, key, days)
            sku = spelling(ix, name, key)
            why = (
                f"{name} updates every {minutes_words(interval)}, so after a sell-out the other channels keep "
                f"offering it for {minutes_words(gap)} on average; {sku} got down to its last unit {seen} times "
                f"in {days_words(days)} on {name}, counted as at least {per_month:.1f} a month"
            )
            demand = pricer.demand(key, others_of[key])
            parts.append((sku, pricer.sync_gap(demand, gap, per_month, 0, key, None, why)))
        money, top = total_money(pricer, parts, f"timed sync on {name}", left_out)
        minutes = interval / 60
        who = f"writer: {writer}" if writer else "the log does not say who writes them"
        if other_names:
            every = "both" if len(other_names) == 1 else "all"
            tail = f"so {join_names(other_names + [name])} can {every} sell the last unit in the gap"
        else:
            tail = "so it is always up to that long behind the stock it copies"
        message = f"{name}'s stock changes in batches every {minutes_words(interval)} ({who}), {tail}."
        return Leak(
            check_id=self.id,
            message=message,
            channels=[name] + other_names,
            skus=sorted(codes),
            keys=sorted(keys),
            evidence={
                "interval_minutes": round(minutes, 1),
                "batches": len(starts),
                "regular_share": round(share, 2),
                "writer": writer,
                "first_times": [iso(t) for t in starts[:5]],
                "products": len(keys),
                "top_products": top,
            },
            money=money,
            confidence="high" if writer and share >= 0.8 else "medium",
        )


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

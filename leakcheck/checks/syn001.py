"""SYN001: a channel whose stock changes in timed batches (a sync on a timer), and its interval."""

from __future__ import annotations

from operator import sub
from statistics import median
from typing import Iterable

from ..model import CAP_EVENTS, StockEvent
from ..report.model import Severity
from ._timing import (
    channel_span_days, days_words, fastest, minutes_words, selldowns_per_month, total_money, writes, _ts,
)
from ._words import iso, join_names, spelling
from .base import Check, CheckContext, Leak

BATCH_GAP_SECONDS = 10.0  # changes this close together belong to one batch
MIN_BATCH_PRODUCTS = 2  # a batch changes at least this many products (a single change is a sale's echo)
MIN_BATCHES = 6  # fewer batches cannot show a rhythm
MIN_INTERVAL_SECONDS = 60.0  # shorter "intervals" are bursts, not a timer
TOLERANCE = 0.2  # a gap within ±20 % of the interval (or of a whole multiple of it) is regular
REGULAR_SHARE = 0.6  # share of regular gaps that makes the batches periodic (random times give ~0.3)


class TimedSync(Check):
    """A channel's stock changes in timed batches, not when things sell

    ## What it finds
    A channel whose stock log shows many products changing within a few seconds of each other,
    by the same writer, at regular times: a sync running on a timer (every 5, 15 or 60 minutes)
    instead of on each sale. It reports the interval, the writer and when the batches ran.

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
    `regular_share`: share of the gaps between batches that are the interval or a whole multiple of it (±20 %).
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
        for ch in ctx.channels:
            events = ix.events_by_channel.get(ch.name)
            if not events:
                ctx.not_evaluated(ch.name, "its stock-change log holds no changes in the history window")
                continue
            best = None
            for writer, wevs in sorted(writes(ix, ch.name)[1].items()):
                found = periodic(wevs)
                if found and (best is None or len(found[1]) > len(best[1][1])):
                    best = (writer, found)
            if best is not None:
                yield self._leak(ctx, ch.name, best[0], *best[1])

    def _leak(self, ctx: CheckContext, name: str, writer: str, interval: float, starts: list[float],
              share: float, keys: set[str]) -> Leak:
        ix, pricer = ctx.index, ctx.pricer
        others_of: dict[str, list[str]] = {}
        for key in keys:
            others = [c for c in ix.channels_of(key) if c != name]
            if others:
                others_of[key] = others
        other_names = sorted({c for others in others_of.values() for c in others})
        days = channel_span_days(ix, name)
        gap = interval / 2
        chosen, left_out = fastest(others_of, lambda k: sum(ix.sold.get((c, k), 0) for c in others_of[k]))
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
            tail = f"so {join_names(other_names + [name])} can both sell the last unit in the gap"
        else:
            tail = "so it is always up to that long behind the stock it copies"
        message = f"{name}'s stock changes in batches every {minutes_words(interval)} ({who}), {tail}."
        return Leak(
            check_id=self.id,
            message=message,
            channels=[name] + other_names,
            skus=sorted({s for key in keys for s in ix.spellings.get((name, key), ())} or keys),
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


def batches(events: list[StockEvent]) -> list[tuple[float, set[str]]]:
    """(start time, products) of each run of changes with no pause longer than BATCH_GAP_SECONDS."""
    ts = list(map(_ts, events))
    n = len(ts)
    if n < MIN_BATCHES * MIN_BATCH_PRODUCTS:
        return []
    cuts = [i for i, d in enumerate(map(sub, ts[1:], ts), 1) if d > BATCH_GAP_SECONDS]
    bounds = [0, *cuts, n]
    found = []
    for a, b in zip(bounds, bounds[1:]):
        if b - a >= MIN_BATCH_PRODUCTS:
            keys = {e.key for e in events[a:b]}
            if len(keys) >= MIN_BATCH_PRODUCTS:
                found.append((ts[a], keys))
    return found


def periodic(events: list[StockEvent]) -> tuple[float, list[float], float, set[str]] | None:
    """(interval seconds, batch starts, regular share, products) when one writer's batches keep time."""
    found = batches(events)
    if len(found) < MIN_BATCHES:
        return None
    starts = [t for t, _ in found]
    gaps = [b - a for a, b in zip(starts, starts[1:])]
    m = median(gaps)
    if m < MIN_INTERVAL_SECONDS:
        return None
    regular = []
    for g in gaps:
        k = round(g / m)
        if k >= 1 and abs(g - k * m) <= TOLERANCE * m:
            regular.append(g / k)
    share = len(regular) / len(gaps)
    if share < REGULAR_SHARE:
        return None
    keys: set[str] = set()
    for _, batch_keys in found:
        keys |= batch_keys
    return median(regular), starts, share, keys

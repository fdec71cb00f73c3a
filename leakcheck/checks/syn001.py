"""SYN001: a channel whose stock changes in timed batches (a sync on a timer), and its interval."""

from __future__ import annotations

from typing import Iterable

from ..model import CAP_EVENTS, CAP_ORDERS
from ..report.model import Severity
from ._timers import channel_timer, tolerance
from ._timing import channel_span_days, days_words, fastest, minutes_words, selldowns_per_month, total_money
from ._words import iso, join_names, spelling
from .base import Check, CheckContext, Leak

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
        # the products the other selling channels list too, and the units they sold of each (the
        # fastest are priced): one set intersection per channel, no look-up per product and channel
        sold_there: dict[str, int] = {}
        listing: set[str] = set()
        for c in sellers:
            common = ix.listed.get(c, {}).keys() & keys
            if not common:
                continue
            listing.add(c)
            sold_there.update(dict.fromkeys(common - sold_there.keys(), 0))
            sold = ix.sold_of.get(c, {})
            for key in sold.keys() & common:  # only the products it sold add anything
                sold_there[key] += sold[key]
        other_names = sorted(listing)
        days = channel_span_days(ix, name)
        gap = interval / 2
        chosen, left_out = fastest(sold_there, sold_there.__getitem__)
        others_of = {key: [c for c in sellers if key in ix.listed.get(c, {})] for key in chosen}
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



"""SYN002: how long a sale on one channel takes to reach another channel's stock."""

from __future__ import annotations

import heapq
import math
from typing import Iterable

from ..model import CAP_EVENTS
from ..report.model import Severity
from ._pairing import match_sales, sources_and_targets
from ._timers import channel_timer
from ._timing import channel_span_days, days_words, fastest, minutes_words, selldowns_per_month, total_money
from ._words import iso, spelling
from .base import Check, CheckContext, Leak

SLOW_P95_SECONDS = 300.0  # 19 sales in 20 should reach the other channels within 5 minutes
MIN_MATCHED = 5  # fewer matched sales say too little about a channel pair's lag


class SyncLag(Check):
    """A sale on one channel takes minutes to reach another channel's stock

    ## What it finds
    For every sale on a channel with orders, the next drop in the same product's stock on each
    other channel that keeps a stock log: the time between the two is how long that channel
    went on showing a unit that was already sold. It reports the median and the slowest 5 %
    (95th percentile) per pair of channels when the slowest 5 % take more than 5 minutes.
    Drops more than a day after the sale are left to SYN003 (missed updates), and a lag that a
    sync on a timer explains (no longer than its interval) to SYN001.

    ## Why it costs money
    While the update is on its way, the other channel still offers the unit. When it was the
    last one, a customer there can buy it: an oversold order, a refund and an apology.

    ## How to fix
    Make the connector push each sale as it happens (webhooks or event-driven sync) rather than
    on a schedule or a slow queue, and check that it is not throttled during busy hours. Keep a
    small safety buffer on the slower channel for the fast sellers until the lag is gone.

    ## Evidence
    `from_channel`: where the sales happened.
    `to_channel`: the channel whose stock followed late.
    `sales_matched`: how many sales were paired with a later stock drop within a day.
    `median_seconds`: the median time from sale to stock drop.
    `p95_seconds`: the time within which 95 % of the stock drops came.
    `examples`: the slowest sales (up to 5), each `order_id`, `sku`, `sold_at` and `lag_seconds`.
    `top_products`: the products with the most money at risk (up to 10), each `sku` and `amount`.
    """

    id = "SYN002"
    severity = Severity.medium
    needs = frozenset({CAP_EVENTS})

    def run(self, ctx: CheckContext) -> Iterable[Leak]:
        ix = ctx.index
        sources, targets = sources_and_targets(ctx, "time")
        if not targets:
            return
        for (a, b), pair in sorted(match_sales(ix, sources, targets).items()):
            if len(pair.lags) < MIN_MATCHED:
                continue
            lags = sorted(pair.lags)
            n = len(lags)
            med = lags[n // 2] if n % 2 else (lags[n // 2 - 1] + lags[n // 2]) / 2
            p95 = lags[min(n - 1, math.ceil(0.95 * n) - 1)]
            if p95 <= SLOW_P95_SECONDS or _timed(ix, (a, b), p95):
                continue
            yield self._leak(ctx, a, b, pair, med, p95)

    def _leak(self, ctx: CheckContext, a: str, b: str, pair, med: float, p95: float) -> Leak:
        ix, pricer = ctx.index, ctx.pricer
        days = channel_span_days(ix, b)
        keys = pair.matched_keys
        sold = ix.sold_of.get(b, {})
        chosen, left_out = fastest(keys, lambda k: sold.get(k, 0) + keys[k])
        parts = []
        for key in chosen:
            per_month, seen = selldowns_per_month(ix, b, key, days)
            sku = spelling(ix, b, key)
            why = (
                f"a sale on {a} reaches {b} after {minutes_words(med)} (median of {len(pair.lags)} sales), "
                f"so {b} keeps offering a sold unit that long; {sku} got down to its last unit {seen} times in "
                f"{days_words(days)} on {b}, counted as at least {per_month:.1f} a month"
            )
            parts.append((sku, pricer.sync_gap(pricer.demand(key, [b]), med, per_month, 0, key, b, why)))
        money, top = total_money(pricer, parts, f"sync lag from {a} to {b}", left_out)
        slowest = heapq.nsmallest(5, pair.matched, key=lambda m: (-m[0], m[3]))
        labelled = any(e.writer_kind for e in ix.events_by_channel.get(b, ())[:1000])
        message = (
            f"A sale on {a} takes {minutes_words(med)} to show in {b}'s stock (median; 1 in 20 takes over "
            f"{minutes_words(p95)}), so {b} can sell the last unit after it has gone."
        )
        skus = sorted({o.sku for o in pair.lines})
        return Leak(
            check_id=self.id,
            message=message,
            channels=[a, b],
            skus=skus,
            keys=sorted(keys),
            evidence={
                "from_channel": a,
                "to_channel": b,
                "sales_matched": len(pair.lags),
                "median_seconds": round(med),
                "p95_seconds": round(p95),
                "examples": [
                    {"order_id": oid, "sku": sku, "sold_at": iso(t), "lag_seconds": round(lag)}
                    for lag, oid, sku, t in slowest
                ],
                "top_products": top,
            },
            money=money,
            confidence="high" if labelled else "medium",
        )


def _timed(ix, channels, p95: float) -> bool:
    """A timed sync on either channel explains the lag (SYN001 reports it, with its interval).

    Waiting for the next run of a timer every T makes lags spread from 0 to T, so the slowest 5 %
    come close to T; a lag far below T is something else (a slow queue), and is reported here.
    """
    for name in channels:
        timer = channel_timer(ix, name)
        if timer is not None and timer[1][0] / 2 <= p95 <= timer[1][0] + SLOW_P95_SECONDS:
            return True
    return False

"""SET003: a fast mover shared by several channels, each showing the owner's full count."""

from __future__ import annotations

import math
from itertools import compress, repeat
from operator import ge, truediv
from typing import Iterable

from ..model import CAP_STOCK
from ..money import MONTH_DAYS
from ..report.model import Severity
from ._rates import selling_channels
from ._words import join_names
from .base import Check, CheckContext, Leak

ASSUMED_GAP_SECONDS = 15 * 60.0  # sync gap assumed when a check sees no measured one
BUFFER_HOURS = 1.0  # the suggested buffer covers this much demand (four assumed gaps)
UNITS_LEFT = 1  # the risk is priced at the last unit: two channels both sell it inside the gap
MAX_SELL_DOWNS = 30.0  # at most one sell-down a day: restocks take time


class NoSafetyBuffer(Check):
    """A fast mover sold on several channels with no safety buffer: its last units are oversold.

    ## What it finds
    Products selling at least `safety_buffer_velocity` units a day across all channels (1 by
    default), listed on two or more channels that sell, where another selling channel shows the
    owner's full count (or more) instead of holding a few units back. A channel showing at least
    one unit fewer than the owner has a buffer. A channel that takes no orders (a warehouse or
    the accounts: a stock-holding type, no orders in its files, or none in the window while
    other channels have some) holds stock without selling it and needs no buffer; one that
    gives no orders at all is named in the coverage.

    ## Why it costs money
    Channels hear about each other's sales only after a sync gap. While the last unit is shown
    everywhere, two channels can both sell it. For each sell-down to the last unit, the demand
    arriving inside the gap beyond that one unit is oversold: E[max(0, N − 1)] with
    N ~ Poisson(demand a day × gap). The gap is assumed to be 15 minutes (the SYN checks measure
    it where history allows); sell-downs a month = demand × 30 ÷ the owner's stock, at most 30.
    Each oversold order costs the handling cost plus the lost margin.

    ## How to fix
    Set a safety buffer on the other channels for fast movers: show the owner's count minus
    about an hour of sales (the evidence suggests a number), so the last units sell on one
    channel only. Faster syncing shrinks the gap too.

    ## Evidence
    `demand_per_day`: units a day across all channels, from orders.
    `channels`: the selling channels listing the product, the owner first.
    `available`: each of those channels' stock of it.
    `unbuffered_channels`: selling channels showing the owner's full count or more.
    `suggested_buffer`: units to hold back on those channels (an hour of demand, at least 1).
    `gap_minutes_assumed`: the sync gap the money assumes.
    `sell_downs_per_month`: how often the stock is assumed to sell down to its last unit.
    """

    id = "SET003"
    severity = Severity.medium
    needs = frozenset({CAP_STOCK})
    owner_needs = frozenset({CAP_STOCK})

    def run(self, ctx: CheckContext) -> Iterable[Leak]:
        ix = ctx.index
        owner = ctx.owner
        assert owner is not None  # owner_needs guarantees it
        if not any(c.name in ix.order_days for c in ctx.snapshot.channels.values()):
            ctx.not_evaluated(None, "no channel gave order history, so fast-moving products cannot be told apart")
            return
        selling, untold = selling_channels(ctx.snapshot, ix)
        for name in sorted(untold & {c.name for c in ctx.others()}):
            ctx.not_evaluated(name, f"{name} gave no orders, so it is treated as holding stock without selling it "
                                    "(like a warehouse or the accounts); give its orders if it sells")
        # the owner's count is the one the others are measured against, whether or not it sells
        names = ({c.name for c in ctx.channels} & selling) | {owner.name}
        if len(names) < 2:
            return
        threshold = ctx.assumptions.safety_buffer_velocity
        # An upper bound of each product's demand, from one pass over units sold per (channel, key).
        # Channels in order, so each key's sum adds up the same way every time; the first channel's
        # rates are taken as they are, in C (0.0 + a rate is that rate).
        rough: dict[str, float] = {}
        for channel, sold in ix.sold_of.items():
            rates = map(truediv, sold.values(), repeat(ix.order_days[channel]))
            if not rough:
                rough = dict(zip(sold.keys(), rates))
                continue
            get = rough.get
            for key, rate in zip(sold.keys(), rates):
                rough[key] = get(key, 0.0) + rate
        fast = filter(None, compress(rough.keys(), map(ge, rough.values(), repeat(threshold))))  # no blank key
        for key in sorted(fast):
            leak = self._leak(ctx, owner.name, names, selling, key, threshold)
            if leak is not None:
                yield leak

    def _leak(self, ctx: CheckContext, owner: str, names: set[str], selling: set[str], key: str,
              threshold: float) -> Leak | None:
        ix = ctx.index
        listed = [c for c in ix.channels_of(key) if c in names]
        if owner not in listed or len(listed) < 2:
            return None
        sellers = [c for c in listed if c != owner]
        if owner not in selling and len(sellers) < 2:
            return None  # one channel sells it: nobody else can sell its last unit
        demand = ctx.pricer.demand(key)
        if demand.assumed or demand.value < threshold:
            return None
        available: dict[str, int] = {}
        for channel in listed:
            s = ix.stock_of(channel, key)
            if s is not None and s.available is not None:
                available[channel] = s.available
        own = available.get(owner)
        if own is None or own <= 0:
            return None  # nothing left to protect (negative stock is DRF003's)
        unbuffered = sorted(c for c in sellers if c in available and available[c] >= own)
        if not unbuffered:
            return None

        channels = [owner] + sorted(c for c in listed if c != owner)
        buffer = max(1, math.ceil(demand.value * BUFFER_HOURS / 24.0))
        sell_downs = min(MAX_SELL_DOWNS, demand.value * MONTH_DAYS / own)
        why = (
            f"assumed {ASSUMED_GAP_SECONDS / 60:.0f} min sync gap, no measured one; {owner} holds {own}, "
            f"so {demand.value:.2f}/day × {MONTH_DAYS:.0f} ÷ {own} = {sell_downs:.1f} sell-downs a month"
        )
        money = ctx.pricer.sync_gap(demand, ASSUMED_GAP_SECONDS, sell_downs, UNITS_LEFT, key, owner, why)
        sku = sorted(ix.spellings.get((owner, key), {key}))[0]
        skus = sorted({s for c in listed for s in ix.spellings.get((c, key), ())})
        message = (
            f"{sku} sells {demand.value:.1f} a day across {join_names(channels)}, and "
            f"{join_names(unbuffered)} {'shows' if len(unbuffered) == 1 else 'show'} all {own} units {owner} has, "
            f"so two channels can sell the last one before the counts catch up."
        )
        return Leak(
            check_id=self.id,
            message=message,
            channels=channels,
            skus=skus,
            keys=[key],
            evidence={
                "demand_per_day": round(demand.value, 3),
                "channels": channels,
                "available": {c: available[c] for c in channels if c in available},
                "unbuffered_channels": unbuffered,
                "suggested_buffer": buffer,
                "gap_minutes_assumed": ASSUMED_GAP_SECONDS / 60,
                "sell_downs_per_month": round(sell_downs, 2),
            },
            money=money,
            confidence="medium",
        )

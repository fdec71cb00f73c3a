"""DRF001: a channel offers more of a product than the owner has (phantom stock).

Also home of the few small helpers the drift, bundle, reservation and return checks share
(monthly rates, capping a rate at a unit count, the export-time gap, plain names). They live
here rather than in a new shared module because each check is one file; they are pure and tiny.
"""

from __future__ import annotations

from datetime import datetime, timezone
from typing import Iterable

from ..index import Index
from ..model import CAP_STOCK, ChannelData, Listing
from ..money import MONTH_DAYS, Rate
from ..report.model import Severity
from .base import Check, CheckContext, Leak

EXPORT_GAP_SECONDS = 86400.0  # exports taken further apart than this make drift findings inferred
_CONFIDENCE = ("low", "medium", "high")


# --- helpers shared by sibling checks --------------------------------------------------------
def per_month(rate: Rate, words: str | None = None) -> Rate:
    """A units-a-day rate as units a month (30 days)."""
    return rate.scaled(MONTH_DAYS, words)


def at_most(rate: Rate, units: float) -> Rate:
    """A rate that cannot exceed ``units`` (say, the phantom units there are to oversell)."""
    return Rate(min(rate.value, units), min(rate.low, units), min(rate.high, units), rate.words, rate.assumed)


def less(rate: Rate, units: float) -> Rate:
    """A rate minus a fixed number of units, never below zero."""
    return Rate(max(0.0, rate.value - units), max(0.0, rate.low - units), max(0.0, rate.high - units),
                rate.words, rate.assumed)


def smaller(a: Rate, b: Rate) -> Rate:
    """The element-wise smaller of two rates (value, low and high each)."""
    return Rate(min(a.value, b.value), min(a.low, b.low), min(a.high, b.high), a.words, a.assumed or b.assumed)


def lowered(confidence: str, steps: int = 1) -> str:
    """One (or more) steps down the high > medium > low ladder."""
    return _CONFIDENCE[max(0, _CONFIDENCE.index(confidence) - steps)]


def export_gap_hours(a: ChannelData | None, b: ChannelData | None) -> float | None:
    """Hours between two channels' export times when more than 24 h apart, else None."""
    if a is None or b is None or a is b or a.exported_at is None or b.exported_at is None:
        return None
    gap = abs(a.exported_at - b.exported_at)
    return round(gap / 3600.0, 1) if gap > EXPORT_GAP_SECONDS else None


def gap_clause(hours: float | None) -> str:
    """The end of a message sentence that warns the two counts were taken apart."""
    return "" if hours is None else f", though the two exports were taken {hours:g} hours apart"


def spelling(index: Index, channel: str, key: str) -> str:
    """The code as a channel writes it (the first, sorted, when it has several)."""
    found = index.spellings.get((channel, key))
    return min(found) if found else key


def all_spellings(index: Index, channels: Iterable[str], key: str) -> list[str]:
    codes: set[str] = set()
    for name in channels:
        codes |= index.spellings.get((name, key), set())
    return sorted(codes) or [key]


def units_of(n: int) -> str:
    """``1 unit``, ``3 units``."""
    return f"{n} unit" if n == 1 else f"{n} units"


def title_case(name: str) -> str:
    """A channel name at the start of a sentence: ``amazon`` -> ``Amazon``."""
    return name[:1].upper() + name[1:]


def iso(ts: float) -> str:
    return datetime.fromtimestamp(ts, tz=timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def offered(listings: list[Listing]) -> int | None:
    """Units a channel offers: the sum over its active listings (drafts and archived are not sold)."""
    if len(listings) == 1:  # the common case, kept cheap for a million listings
        one = listings[0]
        return one.available if one.status == "active" else None
    total: int | None = None
    for listing in listings:
        if listing.status == "active" and listing.available is not None:
            total = listing.available if total is None else total + listing.available
    return total


# --- the check --------------------------------------------------------------------------------
class PhantomStock(Check):
    """A channel offers more of a product than the owner has

    ## What it finds
    Products that a channel shows as available in a larger number than the owner channel (the
    one whose count is the truth) has. Draft or archived listings are not counted: they are not
    for sale. One finding per product per channel.

    ## Why it costs money
    The extra units do not exist. Every one a customer buys is an order you must cancel: a
    refund, the handling, the margin of a sale you lost, and on marketplaces a cancellation that
    counts against your account. Money at risk is the oversold orders a month: the phantom units,
    but no more than the channel sells in a month (its own orders; 0.1 a day assumed without
    them), times the cost of one oversold order.

    ## How to fix
    Make the owner's count the only one that is written, and have the channel read it: fix or
    reconnect the sync for this product, then set the channel's stock to the owner's figure. If
    the channel is meant to hold its own stock (a separate warehouse), make it the owner of that
    stock or give it its own location, so the two counts stop being compared.

    ## Evidence
    `owner`: the owner channel's name.
    `channel`: the channel that offers too much.
    `owner_available`: units the owner has (summed over locations).
    `channel_available`: units the channel offers (active listings, summed over locations).
    `excess`: units offered beyond the owner's count (an owner count below zero counts as 0).
    `export_gap_hours`: hours between the two exports when more than 24, else null (then the
    finding's confidence is lowered: the counts may simply be from different days).
    """

    id = "DRF001"
    severity = Severity.high
    needs = frozenset({CAP_STOCK})
    owner_needs = frozenset({CAP_STOCK})

    def run(self, ctx: CheckContext) -> Iterable[Leak]:
        index, owner = ctx.index, ctx.owner
        assert owner is not None  # owner_needs guarantees it
        others = {c.name: c for c in ctx.others()}
        if not others:
            return
        stock, owner_name = index.stock, owner.name
        for key, per_channel in index.by_key.items():
            if len(per_channel) < 2:
                continue
            owner_listings = per_channel.get(owner_name)
            if owner_listings is None:
                continue
            if len(owner_listings) == 1:  # the owner's count includes drafts: its stock is real
                owner_available = owner_listings[0].available
            else:
                owner_available = stock[(owner_name, key)].available
            if owner_available is None:
                continue
            real = max(owner_available, 0)
            for name, listings in per_channel.items():
                if len(listings) == 1:  # inlined offered(): this loop sees every listing
                    one = listings[0]
                    shown = one.available if one.status == "active" else None
                else:
                    shown = offered(listings)
                if shown is None or shown <= real or name == owner_name:
                    continue
                channel = others.get(name)
                if channel is not None:
                    yield self._leak(ctx, owner, channel, key, owner_available, shown, shown - real)

    def _leak(self, ctx: CheckContext, owner: ChannelData, channel: ChannelData, key: str,
              owner_available: int, shown: int, excess: int) -> Leak:
        index, name = ctx.index, channel.name
        gap = export_gap_hours(owner, channel)
        demand = per_month(ctx.pricer.velocity(key, name))
        units = at_most(demand, excess)
        why = (f"the smaller of the {excess} units {name} shows beyond {owner.name}'s count and {name}'s "
               f"demand: {demand.words} = {demand.value:.1f} a month")
        money = ctx.pricer.oversell(units, key, name, why)
        confidence = "high"
        if gap is not None:
            confidence = lowered(confidence)
        if demand.assumed:
            confidence = lowered(confidence)
        sku = spelling(index, name, key)
        message = (f"{title_case(name)} offers {shown} of {sku} but {owner.name}, which owns the count, "
                   f"has {owner_available}{gap_clause(gap)}.")
        return Leak(
            check_id=self.id, message=message, channels=[owner.name, name],
            skus=all_spellings(index, (owner.name, name), key), keys=[key],
            evidence={
                "owner": owner.name, "channel": name, "owner_available": owner_available,
                "channel_available": shown, "excess": excess, "export_gap_hours": gap,
            },
            money=money, confidence=confidence,
        )

"""The small pieces of arithmetic several checks price their findings with.

Monthly rates, a rate capped at the units there are, the units a channel offers, the gap
between two exports, which channels sell at all, and the share of sales or time that lands on
the last units or past zero. Several checks use each; doing each one way, here, keeps their
money agreeing, and keeps each check module to the one check it holds (check modules are
scanned for checks; a module whose name starts with ``_`` is not). The timing and writer
checks' own arithmetic lives in ``_timing``; bundles' in ``_bundles``.
"""

from __future__ import annotations

from ..index import DAY, Index
from ..model import CAP_ORDERS, ChannelData, Listing, Snapshot
from ..money import MONTH_DAYS, Rate

EXPORT_GAP_SECONDS = 86400.0  # exports taken further apart than this make drift findings inferred

# A sale the owner never hears about turns into an oversell when it lands on units that are
# already gone. Stock spends roughly one day in ten at its last units between restocks, so at
# least BASE_SHARE of the unlinked sales are priced as oversold; when the stock left would sell
# out within LAST_UNITS_DAYS at the current pace, the share rises towards every sale.
BASE_SHARE = 0.1
LAST_UNITS_DAYS = 3.0

# Share of the month a product spends at or below zero, when its stock history cannot say:
# never below SHARE_FLOOR (products run out between restocks even with cover), never above
# SHARE_CEILING (assume a restock arrives within half a month), and SHARE_CEILING when the
# stock is already at or below zero.
SHARE_FLOOR = 0.05
SHARE_CEILING = 0.5
MIN_HISTORY_DAYS = 7.0  # stock history shorter than this is not trusted to measure the share


# --- rates -------------------------------------------------------------------------------------
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


# --- counts and times --------------------------------------------------------------------------
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


def mixes_products(listings: list[Listing]) -> bool:
    """True when one code's listings on a channel belong to two different products (SKU002's finding).

    Their counts added up are two products' stock, not one's, so comparing that sum with another
    channel's count says nothing about drift. Listings without a product id say nothing either way.
    """
    first = ""
    for listing in listings:
        pid = listing.product_id
        if pid:
            if first and pid != first:
                return True
            first = pid
    return False


def export_gap_hours(a: ChannelData | None, b: ChannelData | None) -> float | None:
    """Hours between two channels' export times when more than 24 h apart, else None."""
    if a is None or b is None or a is b or a.exported_at is None or b.exported_at is None:
        return None
    gap = abs(a.exported_at - b.exported_at)
    return round(gap / 3600.0, 1) if gap > EXPORT_GAP_SECONDS else None


# --- who sells ----------------------------------------------------------------------------------
# Channel types that hold a stock count without selling from it (the accounts, a warehouse system).
STOCK_HOLDING_TYPES = frozenset({"accounts", "warehouse", "wms", "erp", "xero", "quickbooks", "sage"})


def selling_channels(snapshot: Snapshot, ix: Index) -> tuple[set[str], set[str]]:
    """(channels that sell, channels that may sell but gave no orders to tell).

    A warehouse or the accounts hold a count but take no orders, so they cannot sell a last
    unit twice and need no buffer. A channel sells when its type is not a stock-holding one and
    it took orders in the window; one that gives orders but took none while others did is
    holding stock, not selling it. A channel that gives no orders at all cannot be told from a
    warehouse: it is left out, and named in the second set so a check can say so. When no
    channel took any order, nothing can be told, and every channel that gives orders counts.
    """
    anyone_sold = bool(ix.order_days)
    selling: set[str] = set()
    untold: set[str] = set()
    for ch in snapshot.channels.values():
        if (ch.type or "").lower() in STOCK_HOLDING_TYPES:
            continue
        if CAP_ORDERS not in ch.provides:
            untold.add(ch.name)
        elif ch.name in ix.order_days or not anyone_sold:
            selling.add(ch.name)
    return selling, untold


# --- shares of sales and time ------------------------------------------------------------------
def last_units_share(available: int | None, demand_per_day: float) -> tuple[float, float | None]:
    """(share of sales that land on the last units, days of cover or None when unknown).

    share = LAST_UNITS_DAYS ÷ days of cover, kept between BASE_SHARE and 1: 30 days of cover
    gives 0.1, 10 days 0.3, 3 days or less (or nothing left) every sale.
    """
    if available is None or demand_per_day <= 0:
        return BASE_SHARE, None
    if available <= 0:
        return 1.0, 0.0
    cover = available / demand_per_day
    return min(1.0, max(BASE_SHARE, LAST_UNITS_DAYS / cover)), cover


def share_at_or_below_zero(available: int | None, demand_per_day: float) -> tuple[float, float | None, str]:
    """(share of the month at or below zero, days of cover or None, the estimate in words).

    share = (30 − days of cover) ÷ 30, kept between 0.05 and 0.5: stock that lasts a month or
    more still runs out now and then; stock already at zero stays there for half the month.
    """
    if available is None:
        return SHARE_FLOOR, None, f"stock unknown, {SHARE_FLOOR:.0%} of the time assumed"
    if available <= 0:
        return SHARE_CEILING, 0.0, f"stock {available} now, {SHARE_CEILING:.0%} of the time assumed"
    if demand_per_day <= 0:
        return SHARE_FLOOR, None, f"stock {available}, no demand seen, {SHARE_FLOOR:.0%} of the time assumed"
    cover = available / demand_per_day
    share = min(SHARE_CEILING, max(SHARE_FLOOR, (MONTH_DAYS - cover) / MONTH_DAYS))
    return share, cover, f"stock {available}, {cover:.1f} days of cover, {share:.0%} of the time estimated"


def observed_share(ix: Index, channel: str, key: str) -> tuple[float, float] | None:
    """(share of time at or below zero, days observed) from the channel's stock history, if it tells."""
    events = [e for e in ix.events_for(channel, key) if e.quantity_after is not None]
    as_of = ix.snapshot.as_of
    if not events or not as_of:
        return None
    start = events[0].ts
    span = as_of - start
    if span < MIN_HISTORY_DAYS * DAY:
        return None
    below = 0.0
    for event, following in zip(events, events[1:] + [None]):
        end = following.ts if following is not None else as_of
        if event.quantity_after is not None and event.quantity_after <= 0:
            below += max(0.0, end - event.ts)
    return below / span, span / DAY

"""The one pass over a Snapshot that every check reads, so no check walks the data itself.

Built once per scan in linear time: listings, events and orders grouped by product key and
channel, channel totals per product, spellings per channel, units sold and revenue. Checks
then only look things up; a million listings costs one pass, not twenty-one.
"""

from __future__ import annotations

from itertools import groupby
from operator import attrgetter
from dataclasses import dataclass, field

from .model import STATUS_CANCELLED, ChannelData, Listing, OrderLine, Snapshot, StockEvent

DAY = 86400.0


@dataclass(slots=True)
class Stock:
    """One product's stock on one channel, summed over its locations (None: not known)."""

    available: int | None = None
    on_hand: int | None = None
    committed: int | None = None
    reserved: int | None = None
    items: list[Listing] = field(default_factory=list)

    @property
    def listings(self) -> int:
        return len(self.items)


class Spellings:
    """(channel, key) -> the codes as written on that channel, derived on demand from the listings.

    Most products have one spelling, so building a set per product up front would be wasted work
    on a million listings; this answers the same questions from the grouped listings instead.
    """

    __slots__ = ("_stock",)

    def __init__(self, stock: dict[tuple[str, str], Stock]):
        self._stock = stock

    def get(self, ck: tuple[str, str], default=None):
        s = self._stock.get(ck)
        return default if s is None else {listing.sku for listing in s.items}

    def __contains__(self, ck: object) -> bool:
        return ck in self._stock

    def __getitem__(self, ck: tuple[str, str]) -> set[str]:
        return {listing.sku for listing in self._stock[ck].items}


def _add(a: int | None, b: int | None) -> int | None:
    if b is None:
        return a
    return b if a is None else a + b


@dataclass
class Index:
    snapshot: Snapshot
    # key -> channel -> listings of that product on that channel
    by_key: dict[str, dict[str, list[Listing]]] = field(default_factory=dict)
    # (channel, key) -> summed stock
    stock: dict[tuple[str, str], Stock] = field(default_factory=dict)
    # (channel, key) -> events sorted by time; channel -> all its events sorted by time
    events: dict[tuple[str, str], list[StockEvent]] = field(default_factory=dict)
    events_by_channel: dict[str, list[StockEvent]] = field(default_factory=dict)
    # (channel, key) -> order lines; (channel, key) -> units sold (not cancelled) in the window
    orders: dict[tuple[str, str], list[OrderLine]] = field(default_factory=dict)
    sold: dict[tuple[str, str], int] = field(default_factory=dict)
    # channel -> days of order history it covers (at least 1)
    order_days: dict[str, float] = field(default_factory=dict)
    # channel -> revenue seen in the window, in the channel's own currency
    revenue: dict[str, float] = field(default_factory=dict)

    @property
    def spellings(self) -> Spellings:
        """(channel, key) -> the codes as written on that channel."""
        return Spellings(self.stock)

    @property
    def owner(self) -> ChannelData | None:
        name = self.snapshot.owner
        return self.snapshot.channels.get(name) if name else None

    def channels_of(self, key: str) -> dict[str, list[Listing]]:
        return self.by_key.get(key, {})

    def stock_of(self, channel: str, key: str) -> Stock | None:
        return self.stock.get((channel, key))

    def units_per_day(self, channel: str, key: str) -> float | None:
        """Observed sales velocity, or None when the channel has no order history."""
        days = self.order_days.get(channel)
        if days is None:
            return None
        return self.sold.get((channel, key), 0) / days


_BY_TS = attrgetter("ts")
_BY_KEY = attrgetter("key")


def _group_orders(ix: Index, ch: ChannelData, as_of: float) -> None:
    """Orders by (channel, key), units sold (not cancelled), revenue kept, and the days they span."""
    name = ch.name
    grouped: dict[tuple[str, str], list[OrderLine]] = {}
    sold: dict[tuple[str, str], int] = {}
    get, sold_get = grouped.get, sold.get
    revenue = 0.0
    first = last = ch.orders[0].ts
    for o in ch.orders:
        ck = (name, o.key)
        bucket = get(ck)
        if bucket is None:
            grouped[ck] = [o]
        else:
            bucket.append(o)
        ts = o.ts
        if ts < first:
            first = ts
        elif ts > last:
            last = ts
        if o.status == STATUS_CANCELLED:
            continue
        sold[ck] = sold_get(ck, 0) + o.quantity
        kept = o.quantity - o.refunded_quantity
        if o.unit_price is not None and kept > 0:
            revenue += kept * o.unit_price
    ix.orders.update(grouped)
    ix.sold.update(sold)
    ix.revenue[name] = revenue
    window = ch.history_days if ch.history_days else ((as_of or last) - first) / DAY
    ix.order_days[name] = max(1.0, float(window))


def build_index(snapshot: Snapshot) -> Index:
    """Group everything by product key in one pass per record list."""
    ix = Index(snapshot)
    by_key = ix.by_key
    stock = ix.stock
    for ch in snapshot.channels.values():
        name = ch.name
        stock_get, by_key_get = stock.get, by_key.get
        for listing in ch.listings:
            key = listing.key
            if not key:
                continue
            ck = (name, key)
            s = stock_get(ck)
            if s is None:
                s = stock[ck] = Stock(listing.available, listing.on_hand, listing.committed, listing.reserved, [listing])
                per_channel = by_key_get(key)
                if per_channel is None:
                    by_key[key] = {name: s.items}
                else:
                    per_channel[name] = s.items
                continue
            s.items.append(listing)
            s.available = _add(s.available, listing.available)
            s.on_hand = _add(s.on_hand, listing.on_hand)
            s.committed = _add(s.committed, listing.committed)
            s.reserved = _add(s.reserved, listing.reserved)

        if ch.events:
            events = sorted(ch.events, key=_BY_TS)
            ix.events_by_channel[name] = events
            # A stable sort by product keeps each product's events in time order; grouping runs of
            # one key in C is faster than a dict lookup per event into a dict of many products.
            ix.events.update(((name, key), list(run)) for key, run in groupby(sorted(events, key=_BY_KEY), key=_BY_KEY))

        if ch.orders:
            _group_orders(ix, ch, snapshot.as_of)
    return ix

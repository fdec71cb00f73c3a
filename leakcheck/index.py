"""The one pass over a Snapshot that every check reads, so no check walks the data itself.

Built once per scan in linear time: listings, events and orders grouped by product key and
channel, channel totals per product, spellings per channel, units sold and revenue. Checks
then only look things up; a million listings costs one pass, not twenty-one.
"""

from __future__ import annotations

from collections import defaultdict
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
    listings: int = 0


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
    # (channel, key) -> the codes as written on that channel
    spellings: dict[tuple[str, str], set[str]] = field(default_factory=dict)
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


def build_index(snapshot: Snapshot) -> Index:
    """Group everything by product key in one pass per record list."""
    ix = Index(snapshot)
    by_key = ix.by_key
    stock = ix.stock
    spellings = ix.spellings
    for ch in snapshot.channels.values():
        name = ch.name
        for listing in ch.listings:
            key = listing.key
            if not key:
                continue
            per_channel = by_key.get(key)
            if per_channel is None:
                per_channel = by_key[key] = {}
            bucket = per_channel.get(name)
            if bucket is None:
                bucket = per_channel[name] = []
            bucket.append(listing)
            ck = (name, key)
            s = stock.get(ck)
            if s is None:
                s = stock[ck] = Stock()
                spellings[ck] = {listing.sku}
            else:
                spellings[ck].add(listing.sku)
            s.available = _add(s.available, listing.available)
            s.on_hand = _add(s.on_hand, listing.on_hand)
            s.committed = _add(s.committed, listing.committed)
            s.reserved = _add(s.reserved, listing.reserved)
            s.listings += 1

        if ch.events:
            events = sorted(ch.events, key=lambda e: e.ts)
            ix.events_by_channel[name] = events
            grouped: dict[tuple[str, str], list[StockEvent]] = defaultdict(list)
            for e in events:
                grouped[(name, e.key)].append(e)
            ix.events.update(grouped)

        if ch.orders:
            grouped_orders: dict[tuple[str, str], list[OrderLine]] = defaultdict(list)
            sold: dict[tuple[str, str], int] = defaultdict(int)
            revenue = 0.0
            first = last = ch.orders[0].ts
            for o in ch.orders:
                ck = (name, o.key)
                grouped_orders[ck].append(o)
                if o.ts < first:
                    first = o.ts
                elif o.ts > last:
                    last = o.ts
                if o.status == STATUS_CANCELLED:
                    continue
                kept = o.quantity - o.refunded_quantity
                sold[ck] += o.quantity
                if o.unit_price is not None and kept > 0:
                    revenue += kept * o.unit_price
            ix.orders.update(grouped_orders)
            ix.sold.update(sold)
            ix.revenue[name] = revenue
            if ch.history_days:
                window = ch.history_days
            else:
                window = ((snapshot.as_of or last) - first) / DAY
            ix.order_days[name] = max(1.0, float(window))
    return ix

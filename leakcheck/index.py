"""The one pass over a Snapshot that every check reads, so no check walks the data itself.

Built once per scan in linear time: listings, events and orders grouped by channel and product
key, units sold and revenue. Checks then only look things up; a million listings costs one
pass, not twenty-one.

Everything is kept per channel (channel -> product key -> records), not under (channel, key)
pairs: a million pair tuples and a million summed-stock objects cost more to build and free than
the rest of the index together, and a string key's hash is cached where a tuple's is not. The
pair views (``stock``, ``events``, ``orders``, ``sold``) answer ``(channel, key)`` look-ups for
code that asks one product at a time; a product's summed stock is worked out when asked for.

On a million listings each pass over the records costs a few tenths of a second, mostly in
reaching records and dicts scattered through memory rather than in the Python that reads them: a
check that walks everything should walk it once, iterate the grouped dicts rather than look each
product up in them, and leave what it can to C (``map``, ``compress``, set operations).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from operator import attrgetter
from types import MappingProxyType
from typing import Callable, Generic, Iterator, Mapping, TypeVar

from .model import STATUS_CANCELLED, ChannelData, Listing, OrderLine, Snapshot, StockEvent

DAY = 86400.0
V = TypeVar("V")
W = TypeVar("W")


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


def stock_of_listings(items: list[Listing]) -> Stock:
    """The summed stock of one product's listings on one channel (a quantity none gives stays None)."""
    if len(items) == 1:
        one = items[0]
        return Stock(one.available, one.on_hand, one.committed, one.reserved, items)
    available = on_hand = committed = reserved = None
    for listing in items:  # each quantity summed over the listings that give it
        v = listing.available
        if v is not None:
            available = v if available is None else available + v
        v = listing.on_hand
        if v is not None:
            on_hand = v if on_hand is None else on_hand + v
        v = listing.committed
        if v is not None:
            committed = v if committed is None else committed + v
        v = listing.reserved
        if v is not None:
            reserved = v if reserved is None else reserved + v
    return Stock(available, on_hand, committed, reserved, items)


class PairView(Generic[V, W]):
    """A read-only ``(channel, key) -> value`` view of ``channel -> key -> record``, derived on demand.

    For code that looks up one product at a time; a walk over many products reads the
    per-channel dicts instead (no tuple per look-up)."""

    __slots__ = ("_by_channel", "_make")

    def __init__(self, by_channel: dict[str, dict[str, V]], make: Callable[[V], W] | None = None):
        self._by_channel = by_channel
        self._make = make

    def get(self, ck: tuple[str, str], default=None):
        inner = self._by_channel.get(ck[0])
        found = inner.get(ck[1]) if inner is not None else None
        if found is None:
            return default
        return found if self._make is None else self._make(found)

    def __getitem__(self, ck: tuple[str, str]) -> W:
        found = self._by_channel[ck[0]][ck[1]]
        return found if self._make is None else self._make(found)

    def __contains__(self, ck: object) -> bool:
        if not isinstance(ck, tuple) or len(ck) != 2:
            return False
        inner = self._by_channel.get(ck[0])
        return inner is not None and ck[1] in inner

    def __len__(self) -> int:
        return sum(map(len, self._by_channel.values()))

    def __iter__(self) -> Iterator[tuple[str, str]]:
        for channel, inner in self._by_channel.items():
            for key in inner:
                yield channel, key

    def keys(self) -> Iterator[tuple[str, str]]:
        return iter(self)

    def items(self) -> Iterator[tuple[tuple[str, str], W]]:
        make = self._make
        for channel, inner in self._by_channel.items():
            for key, found in inner.items():
                yield (channel, key), (found if make is None else make(found))


class Spellings:
    """(channel, key) -> the codes as written on that channel, derived on demand from the listings.

    Most products have one spelling, so building a set per product up front would be wasted work
    on a million listings; this answers the same questions from the grouped listings instead.
    """

    __slots__ = ("_listed",)

    def __init__(self, listed: dict[str, dict[str, list[Listing]]]):
        self._listed = listed

    def get(self, ck: tuple[str, str], default=None):
        items = self._listed.get(ck[0], {}).get(ck[1])
        return default if items is None else {listing.sku for listing in items}

    def __contains__(self, ck: object) -> bool:
        return isinstance(ck, tuple) and len(ck) == 2 and ck[1] in self._listed.get(ck[0], {})

    def __getitem__(self, ck: tuple[str, str]) -> set[str]:
        return {listing.sku for listing in self._listed[ck[0]][ck[1]]}


_NONE: Mapping = MappingProxyType({})  # what a look-up of nothing returns: read-only, shared


@dataclass
class Index:
    """Everything a check reads, grouped once per scan (see the module docstring); never changed after."""

    snapshot: Snapshot
    # key -> channel -> listings of that product on that channel (the same lists as ``listed``)
    by_key: dict[str, dict[str, list[Listing]]] = field(default_factory=dict)
    # channel -> key -> its listings of that product; channel -> the keys it lists more than once
    listed: dict[str, dict[str, list[Listing]]] = field(default_factory=dict)
    several: dict[str, set[str]] = field(default_factory=dict)
    # channel -> key -> that product's events, in time order; channel -> all its events in time order
    events_of: dict[str, dict[str, list[StockEvent]]] = field(default_factory=dict)
    events_by_channel: dict[str, list[StockEvent]] = field(default_factory=dict)
    # channel -> key -> order lines (as read); channel -> key -> units sold (not cancelled) in the window
    orders_of: dict[str, dict[str, list[OrderLine]]] = field(default_factory=dict)
    sold_of: dict[str, dict[str, int]] = field(default_factory=dict)
    # channel -> days of order history it covers (at least 1)
    order_days: dict[str, float] = field(default_factory=dict)
    # channel -> revenue seen in the window, in the channel's own currency
    revenue: dict[str, float] = field(default_factory=dict)

    # --- (channel, key) views, for one-product look-ups ----------------------------------------
    @property
    def stock(self) -> PairView[list[Listing], Stock]:
        """(channel, key) -> summed stock (worked out per look-up: ``stock_of`` for one product)."""
        return PairView(self.listed, stock_of_listings)

    @property
    def events(self) -> PairView[list[StockEvent], list[StockEvent]]:
        """(channel, key) -> that product's events in time order."""
        return PairView(self.events_of)

    @property
    def orders(self) -> PairView[list[OrderLine], list[OrderLine]]:
        """(channel, key) -> order lines."""
        return PairView(self.orders_of)

    @property
    def sold(self) -> PairView[int, int]:
        """(channel, key) -> units sold, not cancelled, in the window."""
        return PairView(self.sold_of)

    @property
    def spellings(self) -> Spellings:
        """(channel, key) -> the codes as written on that channel."""
        return Spellings(self.listed)

    @property
    def owner(self) -> ChannelData | None:
        name = self.snapshot.owner
        return self.snapshot.channels.get(name) if name else None

    def channels_of(self, key: str) -> Mapping[str, list[Listing]]:
        return self.by_key.get(key, _NONE)

    def listings_of(self, channel: str, key: str) -> list[Listing] | None:
        return self.listed.get(channel, _NONE).get(key)

    def stock_of(self, channel: str, key: str) -> Stock | None:
        items = self.listed.get(channel, _NONE).get(key)
        return None if items is None else stock_of_listings(items)

    def events_for(self, channel: str, key: str) -> list[StockEvent]:
        """One product's events on one channel, in time order (empty when none)."""
        return self.events_of.get(channel, _NONE).get(key) or []

    def units_per_day(self, channel: str, key: str) -> float | None:
        """Observed sales velocity, or None when the channel has no order history."""
        days = self.order_days.get(channel)
        if days is None:
            return None
        return self.sold_of.get(channel, _NONE).get(key, 0) / days


_BY_TS = attrgetter("ts")


def _group_listings(ix: Index, ch: ChannelData) -> None:
    """The channel's listings by product key (a key's listings in the order read)."""
    mine: dict[str, list[Listing]] = {}
    several: set[str] = set()
    get, again = mine.get, several.add
    for listing in ch.listings:
        key = listing.key
        items = get(key)
        if items is None:
            mine[key] = [listing]
        else:
            items.append(listing)
            again(key)
    mine.pop("", None)  # a listing with no code belongs to no product (SKU003 reads those itself)
    several.discard("")
    ix.listed[ch.name] = mine
    ix.several[ch.name] = several


def _by_key(ix: Index) -> None:
    """key -> channel -> listings, from the per-channel groups (channels in snapshot order)."""
    by_key = ix.by_key
    get = by_key.get
    for name, mine in ix.listed.items():
        if not by_key:
            by_key.update({key: {name: items} for key, items in mine.items()})
            continue
        for key, items in mine.items():
            per_channel = get(key)
            if per_channel is None:
                by_key[key] = {name: items}
            else:
                per_channel[name] = items


def _group_events(ix: Index, ch: ChannelData) -> None:
    """The channel's events in time order, and each product's (a stable sort: ties keep the order read).

    A log nearly always comes in time order, so the events are grouped as read, noting on the
    way whether they were in order: one pass over a million events that are scattered through
    memory instead of two (a sort, then the grouping). Only an unordered log is sorted and grouped
    again.
    """
    grouped: dict[str, list[StockEvent]] = {}
    setdefault = grouped.setdefault  # a new list per event is cheaper than a second look-up
    ordered, prev = True, ch.events[0].ts
    for e in ch.events:
        ts = e.ts
        if ts < prev:
            ordered = False
        prev = ts
        setdefault(e.key, []).append(e)
    if ordered:
        events = list(ch.events)
    else:
        events = sorted(ch.events, key=_BY_TS)
        grouped = {}
        setdefault = grouped.setdefault
        for e in events:
            setdefault(e.key, []).append(e)
    ix.events_by_channel[ch.name] = events
    ix.events_of[ch.name] = grouped


def _group_orders(ix: Index, ch: ChannelData, as_of: float) -> None:
    """Orders by key, units sold (not cancelled), revenue kept, and the days they span."""
    name = ch.name
    grouped: dict[str, list[OrderLine]] = {}
    sold: dict[str, int] = {}
    get, sold_get = grouped.get, sold.get
    revenue = 0.0
    first = last = ch.orders[0].ts
    cancelled = STATUS_CANCELLED
    for o in ch.orders:
        key = o.key
        bucket = get(key)
        if bucket is None:
            grouped[key] = [o]
        else:
            bucket.append(o)
        ts = o.ts
        if ts < first:
            first = ts
        elif ts > last:
            last = ts
        if o.status == cancelled:
            continue
        q = o.quantity
        sold[key] = sold_get(key, 0) + q
        kept = q - o.refunded_quantity
        if kept > 0 and o.unit_price is not None:
            revenue += kept * o.unit_price
    ix.orders_of[name] = grouped
    ix.sold_of[name] = sold
    ix.revenue[name] = revenue
    window = ch.history_days if ch.history_days else ((as_of or last) - first) / DAY
    ix.order_days[name] = max(1.0, float(window))


def build_index(snapshot: Snapshot) -> Index:
    """Group everything by channel and product key in one pass per record list."""
    ix = Index(snapshot)
    for ch in snapshot.channels.values():
        _group_listings(ix, ch)
        if ch.events:
            _group_events(ix, ch)
        if ch.orders:
            _group_orders(ix, ch, snapshot.as_of)
    _by_key(ix)
    return ix

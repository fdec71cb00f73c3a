"""The World's records: channel kinds, listings, stock events, orders. Plain data, no behaviour.

Kept apart from world.py so the simulation and the writers can import them without importing
the builder that imports them.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class ChannelSpec:
    """What kind of system a channel is, and how it is wired to the owner in the clean world."""

    name: str
    platform: str  # shopify | amazon | ebay | square | xero | warehouse
    role: str  # owner | marketplace | till | accounts | warehouse
    share: float = 0.0  # its share of an item's sales among the channels that list it (0: sells nothing)
    coverage: float = 1.0  # share of the catalogue it lists
    markup: float = 1.0  # its price over the owner's
    writer: str = ""  # who pushes the owner's count to it, and brings its sales back
    writer_kind: str = "integration"
    history: bool = False  # keeps a stock log (the `history:` file)
    records: frozenset[str] = frozenset()  # what its records carry (leakcheck.model CAP_* words)
    order_prefix: str = ""


@dataclass(slots=True)
class WListing:
    """A variant as one channel lists it, at one location ("" when the channel keeps one count)."""

    channel: str
    sku: str  # as written on that channel ("" for none)
    item: str  # the owner's SKU of the variant it really is
    title: str
    price: float | None
    location: str = ""
    available: int | None = None
    on_hand: int | None = None
    committed: int | None = None
    unavailable: int | None = None
    incoming: int | None = None
    tracked: bool | None = None
    policy: str | None = None
    product_id: str = ""
    stocked: bool = True  # False: the location does not stock it (Shopify's "Not stocked")
    linked: bool = True  # False: its code differs from the owner's, so no sync reaches it
    raw: dict[str, str] | None = None  # unreadable text a file shows instead of a field (bad rows)


@dataclass(slots=True)
class WEvent:
    """One change to one channel's count. ``change`` is None for an absolute set."""

    ts: float
    sku: str
    location: str
    change: int | None
    quantity_after: int
    writer: str
    writer_kind: str
    reason: str = ""
    before: int | None = None  # the count an absolute set replaced (logs that show "before" print it)


@dataclass(slots=True)
class WLine:
    sku: str  # as written on the channel
    item: str  # the owner's SKU
    quantity: int
    unit_price: float
    refunded: int = 0
    restocked: int | None = None  # None: the channel's records cannot say
    refused: bool = False  # the channel had no stock when it came: the sale never happened
    reaches_owner: bool = True
    forced: bool = False  # sold even where the channel shows none (a till does not stop you)
    planted: bool = False  # a leak's sale: the simulation must not refuse it


@dataclass(slots=True)
class WOrder:
    order_id: str
    ts: float
    lines: list[WLine]
    status: str = "fulfilled"  # open | fulfilled | cancelled | refunded
    fulfilled_ts: float | None = None
    closed_ts: float | None = None  # cancelled or refunded at
    number: int = 0


@dataclass
class Channel:
    spec: ChannelSpec
    listings: list[WListing] = field(default_factory=list)
    events: list[WEvent] = field(default_factory=list)
    orders: list[WOrder] = field(default_factory=list)

    @property
    def name(self) -> str:
        return self.spec.name

"""The Snapshot: one normalised model of every channel, whatever platform or way in it came from.

Sources produce these records and nothing else; checks read nothing else. The records are
slotted dataclasses, not pydantic models, because a large merchant has a million of them and
one pydantic model per row costs more than reading the file (see benchmarks/). Times are kept
as UTC epoch seconds (``ts``): cheap to compare and subtract, turned into dates only when shown.

What a channel could supply is stated once, in ``ChannelData.provides`` (the ``CAP_*`` words
below). A check declares the words it needs; a channel without them gets NOT_EVALUATED in its
coverage instead of a silent pass.
"""

from __future__ import annotations

from dataclasses import dataclass, field

# --- what a channel can supply (checks declare which of these they need) ---------------------
CAP_STOCK = "stock"  # available quantities per listing
CAP_ON_HAND = "on_hand"  # on-hand quantities (physical count)
CAP_RESERVATIONS = "reservations"  # committed / reserved quantities
CAP_LOCATIONS = "locations"  # quantities per location
CAP_POLICY = "policy"  # the oversell policy (continue selling / backorders)
CAP_TRACKED = "tracked"  # whether stock is tracked at all
CAP_PRICES = "prices"  # listing prices
CAP_BUNDLES = "bundles"  # bundle components, from the platform itself
CAP_PRODUCT_IDS = "product_ids"  # which product a listing belongs to (for SKU002)
CAP_EVENTS = "events"  # dated stock changes
CAP_WRITERS = "writers"  # stock changes say who wrote them
CAP_ORDERS = "orders"  # order lines with dates
CAP_RESTOCKS = "restocks"  # order lines say how many refunded units went back into stock

ALL_CAPABILITIES = (
    CAP_STOCK, CAP_ON_HAND, CAP_RESERVATIONS, CAP_LOCATIONS, CAP_POLICY, CAP_TRACKED, CAP_PRICES,
    CAP_BUNDLES, CAP_PRODUCT_IDS, CAP_EVENTS, CAP_WRITERS, CAP_ORDERS, CAP_RESTOCKS,
)

# Words a reader sees when a capability is missing ("... has no <phrase>").
CAPABILITY_PHRASES = {
    CAP_STOCK: "stock quantities",
    CAP_ON_HAND: "on-hand quantities",
    CAP_RESERVATIONS: "committed or reserved quantities",
    CAP_LOCATIONS: "per-location quantities",
    CAP_POLICY: "oversell setting (continue selling / backorders)",
    CAP_TRACKED: "stock-tracking setting",
    CAP_PRICES: "prices",
    CAP_BUNDLES: "bundle definitions",
    CAP_PRODUCT_IDS: "product identifiers",
    CAP_EVENTS: "stock-change history",
    CAP_WRITERS: "record of who changed stock",
    CAP_ORDERS: "orders",
    CAP_RESTOCKS: "restock records on returns",
}

# --- enumerations kept as plain strings (cheap, JSON-ready) ------------------------------------
POLICY_DENY = "deny"  # stops selling at zero
POLICY_CONTINUE = "continue"  # keeps selling below zero (backorders, "continue selling")

WRITER_APP = "app"
WRITER_STAFF = "staff"
WRITER_ORDER = "order"
WRITER_INTEGRATION = "integration"
WRITER_KINDS = (WRITER_APP, WRITER_STAFF, WRITER_ORDER, WRITER_INTEGRATION)

STATUS_OPEN = "open"  # paid or pending, not yet fulfilled
STATUS_FULFILLED = "fulfilled"
STATUS_CANCELLED = "cancelled"
STATUS_REFUNDED = "refunded"  # fully refunded (partial refunds keep their status, see refunded_quantity)
ORDER_STATUSES = (STATUS_OPEN, STATUS_FULFILLED, STATUS_CANCELLED, STATUS_REFUNDED)

WAY_FILES = "files"
WAY_LIVE = "live"
WAY_REPLAY = "replay"


@dataclass(slots=True)
class Listing:
    """One sellable variant on one channel, at one location ("" when the channel has one count).

    ``sku`` is the code exactly as the platform holds it (spaces and case included): that is
    what sync tools match on. ``key`` is its normalised product key (skus.product_key).
    Quantities are None when the source did not say, which is different from 0.
    """

    channel: str
    sku: str
    key: str
    title: str = ""
    price: float | None = None
    currency: str | None = None
    location: str = ""
    available: int | None = None
    on_hand: int | None = None
    committed: int | None = None
    reserved: int | None = None
    tracked: bool | None = None
    policy: str | None = None  # POLICY_DENY | POLICY_CONTINUE | None (unknown)
    product_id: str = ""  # the platform's product (handle, parent id): two products sharing a SKU is SKU002
    variant_id: str = ""
    components: dict[str, int] | None = None  # bundle: component SKU as written -> quantity per bundle
    stock_derived: bool | None = None  # bundle: True when the platform derives its stock from components
    status: str = "active"  # active | draft | archived (drafts are read but not sold)
    updated_ts: float | None = None
    row: int = 0  # where it came from (file row number), for evidence


@dataclass(slots=True)
class StockEvent:
    """One change to a listing's stock: a delta, an absolute set, or both.

    ``writer`` names who made the change (an app's name, a staff member, "order #1001"),
    ``writer_kind`` is one of WRITER_KINDS or "" when the source cannot tell.
    """

    channel: str
    ts: float
    sku: str
    key: str
    location: str = ""
    change: int | None = None
    quantity_after: int | None = None
    writer: str = ""
    writer_kind: str = ""
    reason: str = ""


@dataclass(slots=True)
class OrderLine:
    """One line of one order: a SKU sold on a channel, with what happened to it since."""

    channel: str
    order_id: str
    ts: float
    sku: str
    key: str
    quantity: int
    unit_price: float | None = None
    currency: str | None = None
    status: str = STATUS_FULFILLED  # one of ORDER_STATUSES
    refunded_quantity: int = 0
    restocked_quantity: int | None = None  # None: the source cannot say (RET001 needs it)
    day_only: bool = False  # the export gives the sale's date without a time (eBay, Etsy): ``ts`` is its midnight


@dataclass(slots=True)
class BadRow:
    """A row a source could not read: named in the coverage, the rest of the file still read."""

    file: str
    row: int
    why: str


@dataclass(slots=True)
class NotRead:
    """Something a source was asked to read and could not (a file, an endpoint, a window)."""

    what: str
    why: str
    lost_stock: bool = True  # True: stock or settings were lost (exit 3); False: history only


@dataclass
class ChannelData:
    """Everything one channel supplied, plus what it could not."""

    name: str
    type: str  # platform type from the config: shopify, amazon, csv, ...
    way_in: str = WAY_FILES
    currency: str | None = None
    listings: list[Listing] = field(default_factory=list)
    events: list[StockEvent] = field(default_factory=list)
    orders: list[OrderLine] = field(default_factory=list)
    provides: set[str] = field(default_factory=set)
    bad_rows: list[BadRow] = field(default_factory=list)
    not_read: list[NotRead] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    exported_at: float | None = None  # when the data was taken (file date, or the scan time)
    history_days: float | None = None  # how far back events and orders reach

    def has(self, *capabilities: str) -> bool:
        return all(c in self.provides for c in capabilities)


@dataclass
class Snapshot:
    """All channels of one merchant at one moment, plus the merchant's own declarations."""

    channels: dict[str, ChannelData]
    owner: str | None = None
    bundles: dict[str, dict[str, int]] = field(default_factory=dict)  # config `bundles:`
    as_of: float = 0.0  # the moment the scan describes (UTC epoch seconds)
    history_days: int = 60

    def channel(self, name: str) -> ChannelData:
        return self.channels[name]

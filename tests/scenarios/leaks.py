"""Planted leaks, as data: each check's story is a list of small facts the simulation obeys.

A plant never adds a code path to the simulation. It is a ``Plant`` (a check id, the story a
merchant would tell, and knobs) where every knob is one of the small records below: a code
spelled differently on one channel, a setting, a sync that runs on a timer, a person or an app
that sets stock, a sale that never reaches the owner. ``make_plan`` folds the chosen plants
into one ``Plan`` the simulation reads; without plants the world is clean (every channel in
step with the owner within a minute, one writer per channel, returns back in stock).

``BASE`` holds the facts every world shares whatever is planted (which channels list the
named items), so a world with one leak differs from the clean one by that leak alone.
``also`` names the checks a story sets off by its very nature (a code nobody syncs drifts),
so a test of "only this check fires" knows what else to expect.
Times are (days before as-of, "HH:MM" London time).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Iterable, Union

# An absolute count, or relative to the moment's numbers: "owner" (what the owner's sync would show
# there, less its buffer), "owner+N"/"owner-N", "total+N" (the owner's whole count), "allow"/"allow+N"
# (what a bundle's components allow), "undo" (the count before that channel's last sale).
Value = Union[int, str]


@dataclass(frozen=True)
class Spell:
    """The channel writes the owner's ``sku`` as ``written``: no sync links them."""
    channel: str
    sku: str
    written: str


@dataclass(frozen=True)
class ListOn:
    """The channel lists this item (whatever the random coverage says)."""
    channel: str
    sku: str


@dataclass(frozen=True)
class OwnerOnly:
    sku: str


@dataclass(frozen=True)
class Policy:
    channel: str
    sku: str
    policy: str  # "continue" keeps selling below zero


@dataclass(frozen=True)
class Untracked:
    channel: str
    sku: str


@dataclass(frozen=True)
class Buffer:
    """Units the sync holds back from this channel (the clean world keeps 2 back for fast movers)."""
    channel: str
    sku: str
    units: int


@dataclass(frozen=True)
class Sync:
    """How a channel is kept in step: pushed at once (after push_lag seconds) or in batches every
    ``interval`` seconds; its sales reach the owner after import_lag seconds (or at the batch)."""
    channel: str
    mode: str = "realtime"  # realtime | batch
    interval: int = 900
    push_lag: tuple[float, float] = (5.0, 60.0)
    import_lag: tuple[float, float] = (10.0, 90.0)


@dataclass(frozen=True)
class SetStock:
    """Someone sets the channel's count to ``to`` at a moment; ``detach``: the owner's sync stops
    reaching that listing from then on."""
    channel: str
    sku: str
    days_ago: int
    at: str
    to: Value
    writer: str
    kind: str
    reason: str = ""
    detach: bool = False


@dataclass(frozen=True)
class Sale:
    """An extra sale on a channel, with what became of it."""
    channel: str
    sku: str
    days_ago: int
    at: str
    quantity: int = 1
    state: str = "fulfilled"  # fulfilled | open (never dispatched) | refunded | cancelled
    restocked: bool = True  # for refunded/cancelled: did the unit go back into stock
    reaches_owner: bool = True
    force: bool = False  # sold even when the channel shows none (a till does not stop you)
    refund_after_days: float = 4.0


@dataclass(frozen=True)
class Underived:
    """A bundle whose count nobody recalculates from its components."""
    sku: str


@dataclass(frozen=True)
class BundleConfig:
    """What the merchant's config says a bundle holds (may differ from what it really holds)."""
    sku: str
    components: tuple[tuple[str, int], ...]


@dataclass(frozen=True)
class Ignore:
    check: str
    sku: str
    reason: str
    until: str


@dataclass(frozen=True)
class Garble:
    """A file shows unreadable text instead of a field (a bad row a reader must name)."""
    channel: str
    sku: str
    field: str
    text: str


Knob = Union[Spell, ListOn, OwnerOnly, Policy, Untracked, Buffer, Sync, SetStock, Sale, Underived,
             BundleConfig, Ignore, Garble]


@dataclass(frozen=True)
class Plant:
    check: str
    story: str
    knobs: tuple[Knob, ...]
    also: frozenset[str] = frozenset()


RB, SAM, JO = "RepriceBot", "Sam (staff)", "Jo (staff)"

PLANTS: tuple[Plant, ...] = (
    Plant("SKU001", "The same product is coded three ways: 'mug-red ' on Amazon, a Cyrillic Е in the eBay code "
          "for Earl Grey 50g, full-width letters for the blue mug on the till. No sync links them.",
          (Spell("amazon", "MUG-RED", "mug-red "), Spell("ebay", "TEA-EARLGREY-50G", "T\u0415A-EARLGREY-50G"),
           Spell("till", "MUG-BLUE", "\uff2d\uff35\uff27-BLUE")), also=frozenset({"DRF001", "DRF002"})),
    Plant("SKU002", "The reed diffuser page was copied from the cedar candle and kept its SKU.",
          (Spell("shop", "DIFFUSER-CEDAR-200ML", "CANDLE-CEDAR-400G"),)),
    Plant("SKU003", "Two eBay listings were made by hand with no custom label.",
          (Spell("ebay", "COASTER-SLATE-SET4", ""), Spell("ebay", "TOWEL-LINEN-STRIPE", ""))),
    Plant("SKU004", "eBay lists Assam 250g as TEA-ASSAM-250 (the G went missing).",
          (Spell("ebay", "TEA-ASSAM-250G", "TEA-ASSAM-250"),)),
    Plant("SET001", "'Continue selling when out of stock' is ticked on three fast movers, and on the advent "
          "calendar pre-order (which is meant, and ignored in the config).",
          (Policy("shop", "CARD-HARBOUR-POSTCARD", "continue"), Policy("shop", "TEA-ASSAM-100G", "continue"),
           Policy("shop", "INFUSER-STEEL", "continue"), Policy("shop", "PREORDER-ADVENT-TEA-2026", "continue"),
           Ignore("SET001", "PREORDER-*", "pre-orders are meant to oversell", "2027-03-31"))),
    Plant("SET002", "The navy tea towel has 'Track quantity' switched off.", (Untracked("shop", "TOWEL-LINEN-NAVY"),)),
    Plant("SET003", "The navy mug, the fastest seller, is on four channels and every one shows the full count.",
          (Buffer("amazon", "MUG-NAVY", 0), Buffer("ebay", "MUG-NAVY", 0), Buffer("till", "MUG-NAVY", 0))),
    Plant("SYN001", "SyncMaster pushes the shop's counts to eBay every 15 minutes, in batches.",
          (Sync("ebay", mode="batch", interval=900),)),
    Plant("SYN002", "Till sales reach the shop's stock 20 to 40 minutes late.",
          (Sync("till", import_lag=(1200.0, 2400.0)),)),
    Plant("SYN003", "Three Amazon sales never reached the shop (or eBay).",
          (Sale("amazon", "TEA-ENGBREAKFAST-250G", 12, "13:41", reaches_owner=False),
           Sale("amazon", "TEA-ENGBREAKFAST-250G", 7, "20:17", reaches_owner=False),
           Sale("amazon", "MUG-CREAM", 3, "09:58", reaches_owner=False)), also=frozenset({"WRT002"})),
    Plant("WRT001", "RepriceBot and Sam both set the cast-iron teapot's stock on Amazon, beside the connector.",
          tuple(SetStock("amazon", "TEAPOT-CASTIRON-1.2L", d, "02:00", "owner", RB, "app", "repricer stock rule")
                for d in (40, 33, 26, 19, 12, 5))
          + tuple(SetStock("amazon", "TEAPOT-CASTIRON-1.2L", d, "14:10", "owner", SAM, "staff", "stock check")
                  for d in (37, 23, 9)), also=frozenset({"WRT003"})),
    Plant("WRT002", "RepriceBot runs every two hours and keeps 3 sea salt candles back; Sam puts them back each "
          "time. And when a navy cushion sold, RepriceBot put the count straight back up.",
          tuple(SetStock("amazon", "CANDLE-SEASALT-200G", d, at, "owner-3" if who == RB else "owner", who,
                         "app" if who == RB else "staff", "repricer stock rule" if who == RB else "put back")
                for d in (6, 5, 4)
                for at, who in (("09:00", RB), ("09:40", SAM), ("11:00", RB), ("11:35", SAM), ("13:00", RB)))
          + (Sale("amazon", "CUSHION-NAVY-45", 3, "15:02"),
             SetStock("amazon", "CUSHION-NAVY-45", 3, "15:06", "undo", RB, "app", "")),
          # RepriceBot's put-back offers the sold cushion again on Amazon: one more than the shop has (DRF001)
          also=frozenset({"WRT001", "WRT003", "DRF001"})),
    Plant("WRT003", "Jo recounts the green mug on the till and Sam types eBay's breakfast tea count by hand.",
          (SetStock("till", "MUG-GREEN", 10, "09:15", "owner+2", JO, "staff", "shelf recount"),
           SetStock("till", "MUG-GREEN", 3, "09:20", "owner-1", JO, "staff", "shelf recount"),
           SetStock("ebay", "TEA-ENGBREAKFAST-100G", 8, "16:40", "owner+3", SAM, "staff", "")),
          also=frozenset({"WRT001", "DRF001", "DRF002"})),
    Plant("BUN001", "Tea gift boxes were 'packed' on Sunday night: the shop offers 8 more than its Earl Grey allows.",
          (Underived("GIFT-BOX-TEA"),
           SetStock("shop", "GIFT-BOX-TEA", 1, "21:30", "allow+8", "Warehouse goods-in", "integration",
                    "goods in: gift boxes packed")),
          # the box count goods-in typed in is never recalculated from its parts: a hand-kept bundle (BUN002)
          also=frozenset({"BUN002"})),
    Plant("BUN002", "Sam counts the candle gift boxes by hand every week instead of letting them follow the candles.",
          (Underived("GIFT-BOX-CANDLE"),)
          + tuple(SetStock("shop", "GIFT-BOX-CANDLE", d, "08:45", "allow", SAM, "staff", "counted boxes")
                  for d in (49, 42, 35, 28, 21, 14, 7))
          + (SetStock("shop", "GIFT-BOX-CANDLE", 0, "06:40", "allow", SAM, "staff", "counted boxes"),),
          also=frozenset({"WRT001"})),
    Plant("BUN003", "The config says the afternoon tea box holds SCONE-MIX-500G, which nobody sells any more.",
          (BundleConfig("GIFT-BOX-AFTERNOON", (("TEA-ASSAM-100G", 1), ("MUG-CREAM", 1), ("SCONE-MIX-500G", 1))),)),
    Plant("DRF001", "eBay was relisted with an old saved quantity: it offers 6 more cast-iron teapots than the shop has.",
          (SetStock("ebay", "TEAPOT-CASTIRON-0.8L", 0, "03:15", "total+6", "SyncMaster", "app",
                    "relisted with saved quantity", detach=True),)),
    Plant("DRF002", "Amazon suppressed the amber candle a week ago and still shows none; the shop has plenty.",
          (SetStock("amazon", "CANDLE-AMBER-400G", 8, "10:12", 0, "Amazon connector", "integration",
                    "listing suppressed", detach=True),)),
    Plant("DRF003", "The till lost its link to the honey five days ago and kept selling: it now shows minus stock.",
          (SetStock("till", "HONEY-WILDFLOWER-340G", 5, "09:05", 1, "Square sync", "integration",
                    "stock sync from shop", detach=True),
           Sale("till", "HONEY-WILDFLOWER-340G", 4, "11:20", force=True),
           Sale("till", "HONEY-WILDFLOWER-340G", 3, "14:05", force=True),
           Sale("till", "HONEY-WILDFLOWER-340G", 2, "10:40", force=True)),
          # cut off from the shop, the till's honey count sits far below the shop's while the shop has stock (DRF002)
          also=frozenset({"DRF002"})),
    Plant("RES001", "Three orders from three weeks ago were never dispatched and still hold their stock.",
          (Sale("shop", "TEAPOT-CASTIRON-1.2L", 23, "19:42", state="open"),
           Sale("shop", "CANDLE-AMBER-400G", 21, "08:15", quantity=2, state="open"),
           Sale("amazon", "MUG-CREAM", 22, "20:03", state="open"))),
    Plant("RET001", "Refunded returns on Amazon and a refunded till sale never went back into stock.",
          (Sale("amazon", "TEA-ASSAM-100G", 18, "13:10", state="refunded", restocked=False, refund_after_days=5),
           Sale("amazon", "CANDLE-FIG-200G", 14, "19:55", state="refunded", restocked=False, refund_after_days=4),
           Sale("till", "INFUSER-STEEL", 9, "11:30", state="refunded", restocked=False, refund_after_days=0.02))),
)

# Every world lists the named items on the same channels, planted or not.
BASE: tuple[Knob, ...] = (
    *(ListOn(c, "MUG-NAVY") for c in ("amazon", "ebay", "till")),
    ListOn("amazon", "MUG-RED"), ListOn("ebay", "TEA-EARLGREY-50G"), ListOn("till", "MUG-BLUE"),
    ListOn("ebay", "COASTER-SLATE-SET4"), ListOn("ebay", "TOWEL-LINEN-STRIPE"), ListOn("ebay", "TEA-ASSAM-250G"),
    ListOn("amazon", "TEA-ENGBREAKFAST-250G"), ListOn("ebay", "TEA-ENGBREAKFAST-250G"), ListOn("amazon", "MUG-CREAM"),
    ListOn("amazon", "TEAPOT-CASTIRON-1.2L"), ListOn("amazon", "CANDLE-SEASALT-200G"), ListOn("till", "MUG-GREEN"),
    ListOn("ebay", "TEA-ENGBREAKFAST-100G"), ListOn("ebay", "TEAPOT-CASTIRON-0.8L"), ListOn("amazon", "CANDLE-AMBER-400G"),
    ListOn("till", "HONEY-WILDFLOWER-340G"), ListOn("amazon", "TEA-ASSAM-100G"), ListOn("amazon", "CANDLE-FIG-200G"),
    ListOn("till", "INFUSER-STEEL"), ListOn("till", "CARD-HARBOUR-POSTCARD"), ListOn("amazon", "CUSHION-NAVY-45"),
    OwnerOnly("DIFFUSER-CEDAR-200ML"), OwnerOnly("TOWEL-LINEN-NAVY"),
)

# The quirks of real exports: not leaks, but a reader must name them as bad rows.
MESS: tuple[Knob, ...] = (
    Garble("warehouse", "TEAPOT-GLASS-1L", "available", "#VALUE!"),
    Garble("warehouse", "COASTER-SLATE-SET4", "available", "approx 40"),
    Garble("accounts", "CUSHION-NAVY-45", "on_hand", "12.5"),
)

ALL_LEAKS = frozenset(p.check for p in PLANTS)


@dataclass
class Plan:
    """The chosen plants folded into lookups the simulation reads."""

    plants: list[Plant] = field(default_factory=list)
    spell: dict[tuple[str, str], str] = field(default_factory=dict)
    list_on: set[tuple[str, str]] = field(default_factory=set)
    owner_only: set[str] = field(default_factory=set)
    policy: dict[tuple[str, str], str] = field(default_factory=dict)
    untracked: set[tuple[str, str]] = field(default_factory=set)
    buffer: dict[tuple[str, str], int] = field(default_factory=dict)
    sync: dict[str, Sync] = field(default_factory=dict)
    sets: list[SetStock] = field(default_factory=list)
    sales: list[Sale] = field(default_factory=list)
    underived: set[str] = field(default_factory=set)
    bundle_config: dict[str, dict[str, int]] = field(default_factory=dict)
    ignore: list[Ignore] = field(default_factory=list)
    garble: list[Garble] = field(default_factory=list)

    def add(self, knob: Knob) -> None:
        """The one place a knob becomes part of the plan."""
        if isinstance(knob, Spell):
            self.spell[(knob.channel, knob.sku)] = knob.written
        elif isinstance(knob, ListOn):
            self.list_on.add((knob.channel, knob.sku))
        elif isinstance(knob, OwnerOnly):
            self.owner_only.add(knob.sku)
        elif isinstance(knob, Policy):
            self.policy[(knob.channel, knob.sku)] = knob.policy
        elif isinstance(knob, Untracked):
            self.untracked.add((knob.channel, knob.sku))
        elif isinstance(knob, Buffer):
            self.buffer[(knob.channel, knob.sku)] = knob.units
        elif isinstance(knob, Sync):
            self.sync[knob.channel] = knob
        elif isinstance(knob, SetStock):
            self.sets.append(knob)
        elif isinstance(knob, Sale):
            self.sales.append(knob)
        elif isinstance(knob, Underived):
            self.underived.add(knob.sku)
        elif isinstance(knob, BundleConfig):
            self.bundle_config[knob.sku] = dict(knob.components)
        elif isinstance(knob, Ignore):
            self.ignore.append(knob)
        elif isinstance(knob, Garble):
            self.garble.append(knob)
        else:  # pragma: no cover - a new knob type must be taught here
            raise TypeError(f"unknown knob {knob!r}")

    def skus(self) -> set[str]:
        """Owner SKUs the plan names (the catalogue must hold them all)."""
        found = {k[1] for k in (*self.spell, *self.list_on, *self.policy, *self.untracked, *self.buffer)}
        found |= self.owner_only | self.underived | {s.sku for s in self.sets} | {s.sku for s in self.sales}
        found |= {g.sku for g in self.garble}
        return found


def make_plan(leaks: Iterable[str] | None = None, mess: bool = True) -> Plan:
    """Fold BASE, the chosen plants (default: all) and, with ``mess``, MESS into one Plan."""
    wanted = ALL_LEAKS if leaks is None else {c.upper() for c in leaks}
    unknown = sorted(wanted - ALL_LEAKS)
    if unknown:
        raise ValueError(f"no plant for {', '.join(unknown)}; known: {', '.join(sorted(ALL_LEAKS))}")
    plan = Plan()
    for knob in BASE:
        plan.add(knob)
    for plant in PLANTS:
        if plant.check in wanted:
            plan.plants.append(plant)
            for knob in plant.knobs:
                plan.add(knob)
    if mess:
        for knob in MESS:
            plan.add(knob)
    return plan

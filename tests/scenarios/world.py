"""The World: one merchant, its channels, and 60+ days of what happened to its stock.

A World knows nothing about file formats or APIs: it is the ground truth that every writer
(writers/), the in-memory Snapshot builder (snapshot.py) and, later, the API emulators render
in their own way. It is built deterministically from a seed, a size and a fixed as-of time
(never the clock), in four steps:

1. the catalogue (catalog.py): products, variants, prices, pace of sale;
2. the plan (leaks.py): which leaks to plant, as data (spellings, settings, sync modes,
   extra writers, extra sales), on top of a clean baseline;
3. which channel lists which variant;
4. the simulation (simulate.py): orders, syncs, goods-in, refunds, planted writers, minute by
   minute, leaving every channel's final counts, its stock events and its orders.

Every random choice comes from a ``random.Random`` seeded from ``seed`` and the step's name, so
planting one more leak does not reshuffle the catalogue or the other channels.
"""

from __future__ import annotations

import gc
import random
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Iterable

from . import catalog, simulate
from . import leaks as planting
from .catalog import Item, Product
from .records import Channel, ChannelSpec, WEvent, WLine, WListing, WOrder  # noqa: F401 (re-exported)

MINUTE, HOUR, DAY = 60.0, 3600.0, 86400.0
DEMO_AS_OF = 1_789_970_400.0  # 2026-09-21 06:00 UTC: Monday 07:00 in London, before the shop opens
DEMO_SEED = 20260921
TIMEZONE = "Europe/London"
OWNER_LOCATIONS = ("Harbour St Shop", "Warehouse Unit 4")


_SOLD = frozenset({"stock", "prices", "events", "writers", "orders"})
DEMO_CHANNELS: tuple[ChannelSpec, ...] = (
    ChannelSpec("shop", "shopify", "owner", share=0.45, history=True,
                records=_SOLD | {"on_hand", "reservations", "locations", "policy", "tracked", "product_ids"}),
    ChannelSpec("amazon", "amazon", "marketplace", share=0.25, coverage=0.45, markup=1.15,
                writer="Amazon connector", history=True, records=_SOLD | {"restocks"}),
    ChannelSpec("ebay", "ebay", "marketplace", share=0.12, coverage=0.35, markup=1.08,
                writer="SyncMaster", writer_kind="app", history=True, records=_SOLD),
    ChannelSpec("till", "square", "till", share=0.18, coverage=0.5, writer="Square sync", history=True,
                records=_SOLD | {"restocks"}),
    ChannelSpec("accounts", "xero", "accounts", coverage=0.97, records=frozenset({"on_hand", "prices"})),
    ChannelSpec("warehouse", "warehouse", "warehouse", coverage=1.0,
                records=frozenset({"stock", "on_hand", "reservations", "prices"})),
)


@dataclass
class World:
    seed: int
    size: int
    as_of: float
    days: int
    merchant: str
    currency: str
    owner: str
    timezone: str
    products: list[Product]
    items: dict[str, Item]
    channels: dict[str, Channel]
    plan: "planting.Plan"
    bundles: dict[str, dict[str, int]] = field(default_factory=dict)  # as the config declares them
    history_days: int = 60

    @property
    def planted(self) -> list["planting.Plant"]:
        return self.plan.plants

    def start(self) -> float:
        return self.as_of - self.days * DAY

    def listing(self, channel: str, item: str, location: str = "") -> WListing | None:
        for lst in self.channels[channel].listings:
            if lst.item == item and lst.location == location:
                return lst
        return None

    def counts(self) -> dict[str, dict[str, int]]:
        """Listings, events and orders (order lines) per channel: the numbers a report quotes."""
        return {name: {"listings": len(ch.listings), "events": len(ch.events),
                       "orders": len(ch.orders), "order_lines": sum(len(o.lines) for o in ch.orders)}
                for name, ch in self.channels.items()}


def build_world(seed: int = DEMO_SEED, size: int = 200, leaks: Iterable[str] | None = None, *, as_of: float = DEMO_AS_OF, days: int = 63,
                channels: tuple[ChannelSpec, ...] = DEMO_CHANNELS, units_per_day: float | None = None,
                mess: bool = True, merchant: str = "Harbour & Hearth", currency: str = "GBP") -> World:
    """Build one merchant world.

    ``leaks``: check ids to plant (default: all of leaks.PLANTS; ``set()`` for a clean world).
    ``size``: number of variants (sellable SKUs) the owner lists. ``units_per_day``: total sales
    pace to scale the catalogue to (benchmarks); by default the catalogue's own pace.
    ``mess``: the quirks real exports have (unreadable rows), on by default.
    """
    with no_gc():
        return _build(seed, size, leaks, as_of, days, channels, units_per_day, mess, merchant, currency)


@contextmanager
def no_gc():
    """Millions of small records and no reference cycles: the cyclic collector would only rescan them."""
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()


def _build(seed, size, leaks, as_of, days, channels, units_per_day, mess, merchant, currency) -> World:
    plan = planting.make_plan(leaks, mess=mess)
    products = catalog.build_catalog(random.Random(f"{seed}:catalog"), size)
    items = {i.sku: i for p in products for i in p.items}
    missing = sorted(plan.skus() - set(items))
    if missing:
        raise ValueError(f"the plan names SKUs the catalogue lacks: {', '.join(missing)}")
    if units_per_day:
        pace = sum(i.per_day for i in items.values()) or 1.0
        for i in items.values():
            i.per_day = i.per_day * units_per_day / pace
    owner = next(c.name for c in channels if c.role == "owner")
    world = World(seed, size, as_of, days, merchant, currency, owner, TIMEZONE, products, items,
                  {c.name: Channel(c) for c in channels}, plan)
    world.bundles = {sku: dict(i.components) for sku, i in items.items() if i.components}
    world.bundles.update({sku: dict(c) for sku, c in plan.bundle_config.items()})
    _list(world, random.Random(f"{seed}:listings"))
    simulate.run(world, random.Random(f"{seed}:simulate"))
    return world


def _list(world: World, rng: random.Random) -> None:
    """Decide which channel lists which variant, with the owner's price and settings as a start."""
    plan = world.plan
    for product in world.products:
        for item in product.items:
            for ch in world.channels.values():
                spec = ch.spec
                name = spec.name
                if spec.role != "owner":
                    if item.family in ("giftbox", "preorder") or item.sku in plan.owner_only:
                        continue
                    wanted = (name, item.sku) in plan.list_on or (name, item.sku) in plan.spell
                    p = spec.coverage if item.per_day < 1 else max(spec.coverage, 0.95)
                    if not wanted and rng.random() >= p:
                        continue
                written = plan.spell.get((name, item.sku), item.sku)
                linked = written == item.sku or spec.role == "owner"
                price = _price(item.price * spec.markup)
                if spec.role == "owner":
                    policy = plan.policy.get((name, item.sku), "deny")
                    tracked = (name, item.sku) not in plan.untracked
                    for loc in OWNER_LOCATIONS:
                        ch.listings.append(WListing(name, written, item.sku, item.title, price, loc, tracked=tracked,
                                                    policy=policy, product_id=product.handle))
                else:
                    ch.listings.append(WListing(name, written, item.sku, item.title, price, linked=linked))


def _price(p: float) -> float:
    """Marketplace prices end in .99 or .49 or .00 the way people set them."""
    if abs(p - round(p)) < 1e-9:
        return round(p, 2)
    whole = int(p)
    return whole + (0.49 if p - whole < 0.5 else 0.99)

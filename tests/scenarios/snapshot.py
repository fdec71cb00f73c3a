"""World -> leakcheck.model.Snapshot in memory: what a scan of the world's files would read, without files.

For check tests and benchmarks. Each channel gives what its records carry (``ChannelSpec.records``:
Amazon has no on-hand counts, Xero no available ones, only Shopify says who a variant belongs
to), and only the last ``history_days`` of events and orders, as a source would read them.
Unreadable rows (leaks.MESS) become BadRow entries, as a reader names them.

Built for a million records: model records are created positionally in list comprehensions,
product keys are computed once per distinct code, strings are shared with the World rather than
copied, and with ``consume=True`` the World's records are released chunk by chunk as they are
converted, so the two copies never coexist in full.
"""

from __future__ import annotations

from leakcheck.model import BadRow, ChannelData, Listing, OrderLine, Snapshot, StockEvent, WAY_FILES
from leakcheck.skus import product_key

from .world import no_gc

DAY = 86400.0
CHUNK = 50_000
_EVENT_CAPS = frozenset({"events", "writers"})


class _Keys(dict):
    """sku -> product key, each distinct code normalised once."""

    def __missing__(self, sku: str) -> str:
        key = self[sku] = product_key(sku)
        return key


def _chunks(records: list, consume: bool):
    """Slices of ``records``; with ``consume`` each slice is released once the caller is done with it."""
    for start in range(0, len(records), CHUNK):
        part = records[start:start + CHUNK]
        yield part
        if consume:
            records[start:start + CHUNK] = [None] * len(part)
    if consume:
        records.clear()


def to_snapshot(world, history_days: int | None = None, consume: bool = False) -> Snapshot:
    """The Snapshot a scan of ``world`` would produce. ``consume`` empties the World's record lists."""
    with no_gc():
        return _convert(world, history_days, consume)


def _convert(world, history_days: int | None, consume: bool) -> Snapshot:
    days = history_days if history_days is not None else world.history_days
    since = world.as_of - days * DAY
    keys = _Keys()
    channels: dict[str, ChannelData] = {}
    for name, ch in world.channels.items():
        spec = ch.spec
        caps = set(spec.records) if spec.history else set(spec.records) - _EVENT_CAPS
        data = ChannelData(name=name, type="shopify" if spec.platform == "shopify" else "csv", way_in=WAY_FILES,
                           currency=world.currency, provides=caps, exported_at=world.as_of, history_days=float(days))
        data.listings = _listings(name, ch.listings, caps, world.currency, keys, data, consume)
        if "events" in caps:
            data.events = [StockEvent(name, e.ts, e.sku, keys[e.sku], e.location, e.change, e.quantity_after,
                                      e.writer, e.writer_kind, e.reason)
                           for part in _chunks(ch.events, consume) for e in part if e.ts >= since]
        elif consume:
            ch.events.clear()
        if "orders" in caps:
            restocks = "restocks" in caps
            cur = world.currency
            data.orders = [OrderLine(name, o.order_id, o.ts, x.sku, keys[x.sku], x.quantity, x.unit_price, cur,
                                     o.status, x.refunded, x.restocked if restocks else None)
                           for part in _chunks(ch.orders, consume) for o in part if o.ts >= since for x in o.lines]
        channels[name] = data
    return Snapshot(channels=channels, owner=world.owner, bundles={k: dict(v) for k, v in world.bundles.items()},
                    as_of=world.as_of, history_days=days)


def _listings(name: str, listings: list, caps: set, currency: str, keys: _Keys, data: ChannelData,
              consume: bool) -> list[Listing]:
    stock, on_hand, held = "stock" in caps, "on_hand" in caps, "reservations" in caps
    policy, tracked, ids, locs = "policy" in caps, "tracked" in caps, "product_ids" in caps, "locations" in caps
    out: list[Listing] = []
    row = 1
    for part in _chunks(listings, consume):
        for lst in part:
            row += 1
            if not lst.stocked:
                continue
            if lst.raw:
                field, text = next(iter(lst.raw.items()))
                data.bad_rows.append(BadRow(f"{name} listings", row, f"{field} is {text!r}, not a number"))
                continue
            out.append(Listing(
                name, lst.sku, keys[lst.sku], lst.title, lst.price, currency, lst.location if locs else "",
                lst.available if stock else None, lst.on_hand if on_hand else None,
                lst.committed if held else None, None, lst.tracked if tracked else None,
                lst.policy if policy else None, lst.product_id if ids else "", "", None, None, "active", None, row))
    return out

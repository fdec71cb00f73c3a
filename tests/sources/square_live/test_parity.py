"""What the live Square source reads from the emulator equals the world's truth (to_snapshot) for the till.

Compared: what Square's API carries. Listings: SKU as written, title, price, available (the world's
single-count till is Square's "Harbour St Shop" location). Events: time (to Square's millisecond),
SKU, delta or absolute set, writer and writer kind (Square cannot tell an app from an integration:
both are EXTERNAL_API, read as integration). Square records no reason for a physical count and no
count after an adjustment, so those are not compared. Orders: id, time, SKU, quantity, unit price,
status, refunded and restocked units.
"""

from __future__ import annotations

import json
import math
import time

from leakcheck.sources.square.wire import format_time, parse_time
from tests.emulators.square import SquareEmulator
from tests.emulators.square.account import DEFAULT_LOCATION
from tests.scenarios import build_world, to_snapshot
from tests.scenarios.records import WListing

from .conftest import read, source


def wire(ts: float) -> float:
    """A World time as it comes back from Square's millisecond RFC 3339."""
    return parse_time(format_time(ts))


def listings(records, world_side: bool) -> list[tuple]:
    return sorted((x.sku, x.title, x.price, x.available, (x.location or DEFAULT_LOCATION) if world_side else x.location)
                  for x in records)


def events(records, world_side: bool) -> list[tuple]:
    kinds = {"app": "integration"}
    return sorted((wire(e.ts) if world_side else e.ts, e.sku, e.change, e.quantity_after if e.change is None else None,
                   e.writer, kinds.get(e.writer_kind, e.writer_kind)) for e in records)


def orders(records, world_side: bool) -> list[tuple]:
    return sorted((o.order_id, wire(o.ts) if world_side else o.ts, o.sku, o.quantity, o.unit_price, o.status,
                   o.refunded_quantity, o.restocked_quantity) for o in records)


def test_the_till_reads_as_the_world_says(emu, world):
    truth = to_snapshot(world).channel("till")
    data = read(emu, world)
    assert data.not_read == [] and data.bad_rows == []
    assert listings(data.listings, False) == listings(truth.listings, True)
    assert events(data.events, False) == events(truth.events, True)
    assert orders(data.orders, False) == orders(truth.orders, True)
    assert truth.provides <= data.provides  # everything the world's till records, the API gives
    assert data.currency == "GBP" and data.way_in == "live" and data.history_days == 60
    # the planted stories arrive as Square tells them
    assert any(e.writer_kind == "staff" and e.change is None for e in data.events)  # Jo's recounts
    assert any(x.available is not None and x.available < 0 for x in data.listings)  # the honey
    refunded = [o for o in data.orders if o.refunded_quantity]
    assert {o.restocked_quantity for o in refunded} >= {0, 1}  # one refund never went back into stock
    assert all(x.tracked is True and x.committed == 0 and x.on_hand == x.available for x in data.listings)
    assert all(x.product_id and x.variant_id and x.location == DEFAULT_LOCATION for x in data.listings)


def test_pagination_reaches_the_last_page_of_every_list(world, emu):
    whole = read(emu, world)
    with SquareEmulator(world, requests_per_second=None, page_limit=3) as tiny:
        paged = read(tiny, world)
        acc = tiny.account
        calls: dict[str, int] = {}
        for seen in tiny.seen:
            calls[seen["path"]] = calls.get(seen["path"], 0) + 1
    assert listings(paged.listings, False) == listings(whole.listings, False)
    assert events(paged.events, False) == events(whole.events, False)
    assert orders(paged.orders, False) == orders(whole.orders, False)
    window = world.as_of - 60 * 86400
    changes = sum(1 for t in acc.change_ts if window < t < world.as_of)
    sales = sum(1 for w in acc.order_ts if window <= w["created_at"] < world.as_of)
    assert calls["/v2/catalog/search"] == math.ceil(len(acc.items) / 3)
    assert calls["/v2/inventory/counts/batch-retrieve"] == math.ceil(len(acc.counts) / 3)
    assert calls["/v2/inventory/changes/batch-retrieve"] == math.ceil(changes / 3)
    assert calls["/v2/orders/search"] == math.ceil(sales / 3)


def _two_shop_world():
    """The small world, plus a market stall stocking some of the till's lines at other prices and
    settings, a gift box sold from the green mugs (a one-component Square conversion), and twelve
    more locations so that SearchOrders must split its location list."""
    world = build_world(seed=5, size=40)
    till = world.channels["till"]
    for n, lst in enumerate(list(till.listings)[:6]):
        till.listings.append(WListing("till", lst.sku, lst.item, lst.title, round(lst.price + 1, 2), "Market Stall",
                                      available=[0, 4, 2, -1, 7, 0][n], tracked=n != 2))
    item = world.items["GIFT-BOX-MUG-PAIR"]
    till.listings.append(WListing("till", "GIFT-BOX-MUG-PAIR", item.sku, item.title, 30.0, "", available=None))
    for k in range(12):
        lst = till.listings[0]
        till.listings.append(WListing("till", lst.sku, lst.item, lst.title, lst.price, f"Pop-up {k + 1:02d}",
                                      available=1))
    return world


def test_locations_overrides_bundles_and_order_batches():
    world = _two_shop_world()
    truth = to_snapshot(world).channel("till")
    with SquareEmulator(world, requests_per_second=None) as emu:
        data = read(emu, world)
        searches = [s for s in emu.seen if s["path"] == "/v2/orders/search"]
    assert data.not_read == []
    box = [x for x in data.listings if x.sku == "GIFT-BOX-MUG-PAIR"]
    green = next(x.sku for x in data.listings if x.variant_id and x.title.endswith("Sea Green"))
    assert [(x.components, x.stock_derived, x.available) for x in box] == [({green: 2}, True, None)]
    mine = [x for x in listings(data.listings, False) if x[0] != "GIFT-BOX-MUG-PAIR"]
    # to_snapshot drops the till's locations (its files have one count); the World has them
    theirs = [x for x in listings(world.channels["till"].listings, True) if x[0] != "GIFT-BOX-MUG-PAIR"]
    assert mine == theirs
    stall = {x.sku: x for x in data.listings if x.location == "Market Stall"}
    assert [stall[x.sku].tracked for x in world.channels["till"].listings[:6]] == [True, True, False, True, True, True]
    bodies = [json.loads(s["body"]) for s in searches]
    assert all(len(b["location_ids"]) <= 10 for b in bodies)
    assert len({tuple(b["location_ids"]) for b in bodies}) == 2  # 14 locations: a batch of 10 and one of 4
    assert sum(len(set(b["location_ids"])) for b in {json.dumps(b["location_ids"]): b for b in bodies}.values()) == 14
    assert orders(data.orders, False) == orders(truth.orders, True)


def test_a_location_marked_sold_out_with_units_left_reads_as_none_available(world):
    with SquareEmulator(world, requests_per_second=None) as emu:
        loc = emu.account.locations[0]["id"]
        target = next(c for c in emu.account.counts if c["state"] == "IN_STOCK" and int(c["quantity"]) > 0)
        var = next(v for i in emu.account.items for v in i["item_data"]["variations"]
                   if v["id"] == target["catalog_object_id"])
        var["item_variation_data"]["location_overrides"] = [{"location_id": loc, "sold_out": True}]
        data = read(emu, world)
    hit = next(x for x in data.listings if x.variant_id == target["catalog_object_id"])
    assert (hit.available, hit.on_hand) == (0, int(target["quantity"]))
    assert any("sold out" in n for n in data.notes)


def test_one_location_only(world, emu):
    loc = emu.account.locations[0]["id"]
    before = len(emu.seen)
    data = read(emu, world, location_id=loc)
    assert data.not_read == [] and data.listings
    asked = {s["path"]: json.loads(s["body"] or "{}") for s in emu.seen[before:]}
    for path in ("/v2/inventory/counts/batch-retrieve", "/v2/inventory/changes/batch-retrieve", "/v2/orders/search"):
        assert asked[path]["location_ids"] == [loc]
    wrong = read(emu, world, location_id="LNOSUCHPLACE1")
    assert wrong.listings == [] and wrong.not_read[0].lost_stock
    assert "LNOSUCHPLACE1 is not one of this seller's locations" in wrong.not_read[0].why
    assert "Harbour St Shop = " + loc in wrong.not_read[0].why


def test_a_scan_without_an_as_of_reads_the_last_days_to_now(world):
    """The CLI reads "the last 60 days up to now": a world shifted to now is read from 60 days before the clock."""
    shift = time.time() - world.as_of
    with SquareEmulator(world, requests_per_second=None, time_shift=shift) as emu:
        src = source(emu, world)
        src.ctx.as_of = None
        before = time.time()
        data = src.read()
        after = time.time()
        asked = json.loads(next(s["body"] for s in emu.seen if s["path"].endswith("changes/batch-retrieve")))
    start = parse_time(asked["updated_after"])
    assert before - 60 * 86400 - 1 <= start <= after - 60 * 86400
    assert before - 1 <= parse_time(asked["updated_before"]) <= after
    assert data.not_read == [] and data.events and data.orders
    assert min(e.ts for e in data.events) > start and min(o.ts for o in data.orders) >= start
    truth = [e for e in world.channels["till"].events if start < parse_time(format_time(e.ts + shift))]
    assert len(data.events) == len(truth)
"""What the live source reads from the emulator is what the World holds (to_snapshot, and the World
itself for what only the API has: reserved, restocks, variant ids), by both paths: pages and bulk."""

from __future__ import annotations

from collections import Counter

import pytest

from leakcheck.model import CAP_BUNDLES, CAP_EVENTS, CAP_ORDERS, CAP_RESTOCKS, CAP_STOCK
from leakcheck.sources.shopify import catalog, orders_live
from tests.scenarios import build_world, to_snapshot

from .conftest import read

LISTING_FIELDS = ("sku", "key", "title", "price", "currency", "location", "available", "on_hand", "committed",
                  "tracked", "policy", "product_id")
ORDER_FIELDS = ("order_id", "sku", "key", "quantity", "unit_price", "currency", "status", "refunded_quantity")


def _listings(items):
    return Counter(tuple(getattr(x, f) for f in LISTING_FIELDS) for x in items)


def _orders(lines):
    return Counter(tuple(getattr(x, f) for f in ORDER_FIELDS) + (int(x.ts),) for x in lines)


def assert_same_as_world(data, world, location: str | None = None):
    shop = to_snapshot(world).channels["shop"]
    expected = [x for x in shop.listings if location is None or x.location == location]
    assert _listings(data.listings) == _listings(expected)
    truth = {(x.sku, x.product_id, x.location): x for x in world.channels["shop"].listings}
    for listing in data.listings:
        w = truth[(listing.sku, listing.product_id, listing.location)]
        assert listing.reserved == (w.unavailable or 0)
        assert listing.variant_id.startswith("gid://shopify/ProductVariant/") and listing.status == "active"
        assert listing.updated_ts is not None
    assert _orders(data.orders) == _orders(shop.orders)
    # restocks are not in the orders CSV (the snapshot has None), but the API has them: the World's truth
    since = world.as_of - 60 * 86400
    restocked = Counter((o.order_id, x.sku, x.restocked or 0) for o in world.channels["shop"].orders if o.ts >= since
                        for x in o.lines)
    assert Counter((x.order_id, x.sku, x.restocked_quantity) for x in data.orders) == restocked


def test_small_shop_is_read_page_by_page_and_matches_the_world(emulator, world):
    emu = emulator(max_cost=300)  # a 300-point cap halves the pages: 2 of variants, ~20 of orders
    data = read(emu)
    assert not data.not_read and not data.bad_rows
    assert_same_as_world(data, world)
    assert {CAP_STOCK, CAP_ORDERS, CAP_RESTOCKS, CAP_BUNDLES} <= data.provides and CAP_EVENTS not in data.provides
    assert data.currency == "GBP" and data.history_days == 60.0
    names = Counter(name for _, _, name in emu.log)
    assert names["Variants"] >= 2 and names["Orders"] >= 10 and names["Refunds"] >= 1
    assert "RunBulk" not in names  # a small shop never starts a bulk operation
    assert any("no stock-change history" in n for n in data.notes)


def test_big_shop_is_read_with_three_concurrent_bulk_operations(emulator, big_world):
    emu = emulator(big_world)
    data = read(emu)
    assert not data.not_read
    assert_same_as_world(data, big_world)
    names = [name for _, _, name in emu.log]
    assert names.count("RunBulk") == 3 and "Variants" not in names and "Orders" not in names
    # the refunded orders' small operation first (the refund reads wait on it), then the catalogue's (stock
    # first), then the orders', all started before the first poll, so Shopify prepared them at once
    started = [op.query for op in sorted(emu._ops.values(), key=lambda o: o.number)]
    assert "financial_status:refunded" in started[0] and "productVariants" in started[1]
    assert started[2].startswith("{ orders(") and "financial_status" not in started[2]
    assert names.index("RunBulk") < names.index("PollBulk")
    # every refunded order of this world lost units on one line or restocked alike: no line item named
    assert "Refunds" in names and "RefundsByLine" not in names
    assert any("read while Shopify prepared the files" in n for n in data.notes)
    assert emu.tokens_sent_to_storage == 0  # the signed file URL is fetched without the shop's token


def test_bulk_threshold_is_a_constant_the_path_follows(emulator, world, monkeypatch):
    monkeypatch.setattr(catalog, "BULK_THRESHOLD", 10)
    monkeypatch.setattr(orders_live, "ORDERS_BULK_THRESHOLD", 10)
    emu = emulator()
    data = read(emu)
    assert_same_as_world(data, world)
    assert [n for _, _, n in emu.log].count("RunBulk") == 3  # refunded orders, orders, catalogue


@pytest.mark.parametrize("bulk", [False, True])
def test_location_setting_reads_only_that_location(emulator, world, monkeypatch, bulk):
    if bulk:
        monkeypatch.setattr(catalog, "BULK_THRESHOLD", 10)
    data = read(emulator(), location="Harbour St Shop")
    assert {x.location for x in data.listings} == {"Harbour St Shop"}
    assert_same_as_world(data, world, location="Harbour St Shop")


def test_unknown_location_is_named_with_the_ones_the_shop_has(emulator):
    data = read(emulator(), location="Basement")
    (miss,) = data.not_read
    assert miss.what == "location 'Basement'" and "Harbour St Shop" in miss.why and miss.lost_stock
    assert not data.listings and not data.orders


def test_native_bundles_become_listing_components(emulator, world):
    data = read(emulator(native_bundles=True))
    boxes = {x.sku: x.components for x in data.listings if x.components}
    # what the boxes really hold (the config's `bundles:` may say otherwise: that is BUN003's plant)
    expected = {sku: item.components for sku, item in world.items.items() if item.components}
    assert boxes and boxes == {sku: expected[sku] for sku in boxes}
    assert set(boxes) == {s for s in expected if any(x.item == s for x in world.channels["shop"].listings)}


def test_orders_older_than_60_days_need_read_all_orders(emulator):
    world = build_world(seed=7, size=40, mess=False, units_per_day=1, days=100)
    emu = emulator(world)
    short = read(emu, history_days=90)
    full = read(emulator(world, scopes=("read_products", "read_inventory", "read_locations", "read_orders",
                                        "read_all_orders")), history_days=90)
    assert min(x.ts for x in short.orders) >= world.as_of - 60 * 86400
    assert min(x.ts for x in full.orders) < world.as_of - 80 * 86400

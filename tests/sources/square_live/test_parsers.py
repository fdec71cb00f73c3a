"""The Square parsers, one rule at a time, on answers shaped as the spec says (no server needed)."""

from __future__ import annotations

import pytest

from leakcheck.model import STATUS_CANCELLED, STATUS_FULFILLED, STATUS_OPEN, STATUS_REFUNDED
from leakcheck.sources.square.catalog import read_catalog
from leakcheck.sources.square.changes import read_changes, writer_of
from leakcheck.sources.square.orders import finish, read_orders
from leakcheck.sources.square.stock import build_listings, read_counts
from leakcheck.sources.square.wire import money, parse_time, quantity, whole

LOC, LOC2 = "L1", "L2"
PLACES = {LOC: "Shop", LOC2: "Stall"}


def variation(vid, sku, name="Regular", item="I1", **data):
    return {"type": "ITEM_VARIATION", "id": vid, "item_variation_data": {
        "item_id": item, "name": name, "sku": sku, "price_money": {"amount": 1450, "currency": "GBP"},
        "track_inventory": True, **data}}


def item(iid="I1", name="Mug", variations=(), **extra):
    data = {"name": name, "variations": list(variations), "product_type": extra.pop("product_type", "REGULAR")}
    data.update(extra.pop("item_data", {}))
    return {"type": "ITEM", "id": iid, **extra, "item_data": data}


def test_wire_formats():
    assert parse_time("2026-09-21T06:00:00Z") == 1789970400.0
    assert parse_time("2026-09-21T07:00:00.500+01:00") == 1789970400.5
    assert parse_time("yesterday") is None and parse_time(None) is None
    assert money({"amount": 1450, "currency": "GBP"}) == (14.5, "GBP")
    assert money({"amount": 1450, "currency": "JPY"}) == (1450.0, "JPY")
    assert money({"amount": 1450, "currency": "KWD"}) == (1.45, "KWD")
    assert money(None) == (None, None)
    assert whole(quantity("3")) == 3 and whole(quantity("3.00000")) == 3 and whole(quantity("-2")) == -2
    assert whole(quantity("1.5")) is None and quantity("many") is None


@pytest.mark.parametrize("source,before,after,tx,expected", [
    ({"product": "SQUARE_POS", "name": "Square POS 6.8"}, "IN_STOCK", "SOLD", "ORD1", ("order ORD1", "order")),
    ({"product": "ONLINE_STORE"}, "IN_STOCK", "SOLD_ONLINE", "ORD2", ("order ORD2", "order")),
    ({"product": "SQUARE_POS"}, "RETURNED_BY_CUSTOMER", "IN_STOCK", "ORD3", ("order ORD3", "order")),
    ({"product": "SQUARE_POS"}, "RESERVED_FOR_SALE", "IN_STOCK", "ORD4", ("order ORD4", "order")),
    ({"product": "EXTERNAL_API", "application_id": "sq0idp-x", "name": "Stock Sync Pro"}, None, None, "",
     ("Stock Sync Pro", "integration")),
    ({"product": "EXTERNAL_API", "application_id": "sq0idp-x"}, "NONE", "IN_STOCK", "",
     ("application sq0idp-x", "integration")),
    ({"product": "SQUARE_POS", "name": "Square POS 6.8"}, "IN_STOCK", "WASTE", "", ("Square POS 6.8", "staff")),
    ({"product": "DASHBOARD"}, None, None, "", ("Square Dashboard", "staff")),
    ({"product": "ITEM_LIBRARY_IMPORT"}, None, None, "", ("item library import", "staff")),
    ({"product": "INVOICES"}, "NONE", "IN_STOCK", "", ("Square Invoices", "app")),
    ({"product": "OTHER"}, None, None, "", ("Square", "")),
    (None, None, None, "", ("unknown", "")),
])
def test_who_wrote_a_change(source, before, after, tx, expected):
    assert writer_of(source, before, after, tx) == expected


def catalog_of(*objects):
    return read_catalog([{"objects": list(objects)}])


def test_changes_count_only_moves_into_or_out_of_in_stock():
    cat = catalog_of(item(variations=[variation("V1", "MUG-RED")]))
    adj = lambda f, t, q="2", **kw: {"type": "ADJUSTMENT", "adjustment": {  # noqa: E731
        "catalog_object_id": kw.pop("var", "V1"), "location_id": LOC, "from_state": f, "to_state": t, "quantity": q,
        "occurred_at": "2026-09-01T10:00:00Z", "source": {"product": "SQUARE_POS"}, **kw}}
    pages = [{"changes": [
        {"type": "PHYSICAL_COUNT", "physical_count": {
            "catalog_object_id": "V1", "location_id": LOC, "state": "IN_STOCK", "quantity": "12",
            "occurred_at": "2026-09-01T09:00:00Z", "source": {"product": "EXTERNAL_API", "name": "Sync"}}},
        adj("IN_STOCK", "SOLD", transaction_id="T1"),
        adj("SOLD", "RETURNED_BY_CUSTOMER", refund_id="R1", transaction_id="T1"),  # not sellable either side
        adj("RETURNED_BY_CUSTOMER", "IN_STOCK", "1", refund_id="R1", transaction_id="T1"),
        adj("NONE", "IN_STOCK", "5"), adj("IN_STOCK", "WASTE", "1"), adj("IN_STOCK", "SOLD", "0.5"),
        adj("IN_STOCK", "SOLD", var="GONE"),
        {"type": "PHYSICAL_COUNT", "physical_count": {"catalog_object_id": "V1", "location_id": LOC, "state": "WASTE",
                                                      "quantity": "1", "occurred_at": "2026-09-01T11:00:00Z"}},
    ]}]
    h = read_changes(pages, "till", cat, PLACES)
    got = [(e.change, e.quantity_after, e.writer, e.writer_kind, e.reason, e.location) for e in h.events]
    assert got == [
        (None, 12, "Sync", "integration", "", "Shop"),
        (-2, None, "order T1", "order", "sold", "Shop"),
        (1, None, "order T1", "order", "return restocked", "Shop"),
        (5, None, "Square Point of Sale", "staff", "stock received", "Shop"),
        (-1, None, "Square Point of Sale", "staff", "waste (damaged, lost or stolen)", "Shop"),
    ]
    assert (h.unknown_items, h.fractional, h.changes) == (1, 1, 9)
    assert [(r.variation_id, r.quantity, r.refund_id, r.transaction_id, r.cancel) for r in h.restocks] == \
        [("V1", 1, "R1", "T1", False)]


def test_catalogue_rules():
    cat = catalog_of(
        item("I1", "Mug", [variation("V1", "MUG-RED", "Red"), variation("V2", "MUG-BLUE", "Blue",
                                                                       pricing_type="VARIABLE_PRICING")],
             present_at_all_locations=False, present_at_location_ids=[LOC]),
        item("I2", "Postcard", [variation("V3", "CARD", "Regular", item="I2", track_inventory=None)],
             item_data={"is_archived": True}),
        item("I3", "Gift card", [variation("V4", "GC", item="I3")], product_type="GIFT_CARD"),
        variation("V5", " tea-50g ", "50g", item="I4"),  # arrives before its item
        item("I4", "Tea", [], absent_at_location_ids=[LOC2]),
    )
    v = cat.variations
    assert list(v) == ["V1", "V2", "V3", "V5"] and cat.skipped_types == {"GIFT_CARD": 1}
    assert (v["V1"].title, v["V1"].price, v["V2"].price, v["V3"].title, v["V5"].title) == \
        ("Mug - Red", 14.5, None, "Postcard", "Tea - 50g")
    assert v["V5"].sku == " tea-50g "  # as written: spaces and case are evidence
    assert (v["V1"].present(LOC), v["V1"].present(LOC2), v["V5"].present(LOC), v["V5"].present(LOC2)) == \
        (True, False, True, False)
    assert (v["V3"].status, v["V3"].tracked, v["V1"].status) == ("archived", False, "active")


def test_listings_from_counts_overrides_and_conversions():
    cat = catalog_of(item("I1", "Water", [
        variation("SINGLE", "WATER-1", "Single", location_overrides=[
            {"location_id": LOC2, "price_money": {"amount": 200, "currency": "GBP"}, "sold_out": True},
            {"location_id": LOC, "track_inventory": False}]),
        variation("SIX", "WATER-6", "Six-pack", stockable=False, stockable_conversion={
            "stockable_item_variation_id": "SINGLE", "stockable_quantity": "6", "nonstockable_quantity": "1"}),
        variation("HALF", "WATER-HALF", "Half", stockable=False, stockable_conversion={
            "stockable_item_variation_id": "SINGLE", "stockable_quantity": "1", "nonstockable_quantity": "2"}),
        variation("LOOSE", "WATER-L", "Loose", track_inventory=False),
    ]))
    counts = read_counts([{"counts": [
        {"catalog_object_id": "SINGLE", "location_id": LOC, "state": "IN_STOCK", "quantity": "7.5"},
        {"catalog_object_id": "SINGLE", "location_id": LOC2, "state": "IN_STOCK", "quantity": "4"},
        {"catalog_object_id": "SINGLE", "location_id": LOC2, "state": "RESERVED_FOR_SALE", "quantity": "2"},
        {"catalog_object_id": "SIX", "location_id": LOC, "state": "IN_STOCK", "quantity": "1", "is_estimated": True},
    ]}])
    built = build_listings("till", cat, PLACES, counts)
    got = {(x.sku, x.location): (x.price, x.tracked, x.available, x.committed, x.on_hand, x.components, x.stock_derived)
           for x in built.listings}
    assert got[("WATER-1", "Shop")] == (14.5, False, 7, 0, 7, None, None)
    assert got[("WATER-1", "Stall")] == (2.0, True, 0, 2, 6, None, None)  # sold out: 0 available, 4 + 2 on hand
    assert got[("WATER-6", "Shop")] == (14.5, True, None, None, None, {"WATER-1": 6}, True)
    assert got[("WATER-HALF", "Shop")][5:] == (None, True)
    assert got[("WATER-L", "Shop")][1:5] == (False, None, None, None)  # untracked, never counted: not said
    notes = " | ".join(built.notes)
    assert "1 listing(s) are marked sold out" in notes and "1 count(s) had a fraction" in notes
    assert "no components given for WATER-HALF" in notes
    assert counts.estimated == 1
    unread = build_listings("till", cat, PLACES, None)
    assert all(x.available is None and x.on_hand is None for x in unread.listings)


def test_orders_returns_and_restocks():
    cat = catalog_of(item(variations=[variation("V1", "MUG-RED"), variation("V2", "MUG-BLUE")]))
    line = lambda uid, var, q="1": {"uid": uid, "catalog_object_id": var, "quantity": q,  # noqa: E731
                                    "base_price_money": {"amount": 1400, "currency": "GBP"}}
    sale = lambda oid, state, *lines: {"id": oid, "location_id": LOC, "state": state,  # noqa: E731
                                       "created_at": "2026-09-01T10:00:00Z", "line_items": list(lines)}
    pages = [{"orders": [
        sale("A", "COMPLETED", line("a1", "V1", "2"), line("a2", "V2")),
        sale("B", "COMPLETED", line("b1", "V1")),
        sale("C", "CANCELED", line("c1", "V2", "3")),
        sale("D", "OPEN", line("d1", "V1"), {"uid": "d2", "quantity": "1", "name": "Custom amount"}),
        sale("E", "COMPLETED", line("e1", "V1", "1.5")),
        {"id": "RA", "location_id": LOC, "state": "COMPLETED", "created_at": "2026-09-03T10:00:00Z",
         "returns": [{"source_order_id": "A", "return_line_items": [
             {"source_line_item_uid": "a1", "quantity": "1", "catalog_object_id": "V1"}]}],
         "refunds": [{"id": "RFA", "location_id": LOC, "reason": "x", "status": "APPROVED",
                      "amount_money": {"amount": 1400, "currency": "GBP"}}]},
        {"id": "RB", "location_id": LOC, "state": "COMPLETED", "created_at": "2026-09-03T10:00:00Z",
         "returns": [{"source_order_id": "B", "return_line_items": [{"quantity": "1", "catalog_object_id": "V1"}]}],
         "refunds": [{"id": "RFB", "location_id": LOC, "reason": "x", "status": "APPROVED",
                      "amount_money": {"amount": 1400, "currency": "GBP"}}]},
        {"id": "M", "location_id": LOC, "state": "COMPLETED", "created_at": "2026-09-03T10:00:00Z",
         "refunds": [{"id": "RFM", "location_id": LOC, "reason": "goodwill", "status": "APPROVED",
                      "amount_money": {"amount": 500, "currency": "GBP"}}]},
    ]}]
    orders = read_orders(pages, "till", cat)
    assert (orders.orders, orders.no_item, orders.fractional, orders.money_only_refunds) == (8, 1, 1, 1)
    from leakcheck.sources.square.changes import Restock
    restocks = [Restock("V1", 1, "RFB", "B", False), Restock("V2", 2, "", "C", True)]
    lines = {(x.order_id, x.sku): x for x in finish(orders, restocks)}
    pick = lambda k: (lines[k].status, lines[k].refunded_quantity, lines[k].restocked_quantity)  # noqa: E731
    assert pick(("A", "MUG-RED")) == (STATUS_FULFILLED, 1, 0)  # part refunded, nothing back on the shelf
    assert pick(("A", "MUG-BLUE")) == (STATUS_FULFILLED, 0, None)
    assert pick(("B", "MUG-RED")) == (STATUS_REFUNDED, 1, 1)  # tied by the refund's id
    assert pick(("C", "MUG-BLUE")) == (STATUS_CANCELLED, 3, 2)  # tied by the order's transaction id
    assert pick(("D", "MUG-RED")) == (STATUS_OPEN, 0, None)
    assert lines[("A", "MUG-RED")].unit_price == 14.0 and lines[("A", "MUG-RED")].quantity == 2
    blind = {(x.order_id, x.sku): x for x in finish(read_orders(pages, "till", cat), None)}
    assert blind[("B", "MUG-RED")].refunded_quantity == 1 and blind[("B", "MUG-RED")].restocked_quantity is None

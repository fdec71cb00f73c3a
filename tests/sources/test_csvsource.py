"""`type: csv`: the neutral way in, its column mapping, its messages, and what it provides."""

from __future__ import annotations

from datetime import datetime, timezone

import pytest
from pydantic import ValidationError

from leakcheck.model import (
    CAP_BUNDLES, CAP_EVENTS, CAP_LOCATIONS, CAP_ORDERS, CAP_POLICY, CAP_PRICES, CAP_PRODUCT_IDS, CAP_RESERVATIONS,
    CAP_RESTOCKS, CAP_STOCK, CAP_TRACKED, CAP_WRITERS,
)
from leakcheck.sources.base import all_sources
from leakcheck.sources.csvsource import CsvChannel, CsvFiles
from leakcheck.sources.csvsource.listings import parse_components
from leakcheck.sources.csvsource.orders import parse_order_status
from leakcheck.sources.cells import CellError


def read(ctx, config: dict):
    return CsvFiles("wms", CsvChannel.model_validate({"type": "csv", **config}), ctx).read()


def utc(*args):
    return datetime(*args, tzinfo=timezone.utc).timestamp()


WAREHOUSE = (
    "Item No,Description,Free Stock,Physical,Allocated,RRP,Bin,Backorders,Kit,Parent,Live\n"
    "MUG-RED,Red mug,\"1,204\",1300,96,£12.50,A1,notify,,mugs,yes\n"
    "TEA-50G,Tea,abc,5,0,4.00,A2,no,,teas,yes\n"
    "GIFT-BOX,Gift box,3,3,0,20,A3,no,\"TEA-50G:2; MUG-RED:1\",gifts,draft\n"
    " mug-red ,Red mug again,0,0,0,12.50,B1,deny,,mugs,archived\n"
)
FULL_MAP = {"sku": "Item No", "title": "Description", "available": "Free Stock", "on_hand": "Physical",
            "committed": "Allocated", "price": "RRP", "location": "Bin", "policy": "Backorders",
            "components": "Kit", "product_id": "Parent", "status": "Live"}


def test_short_form_maps_listings(write, ctx):
    write("wh.csv", WAREHOUSE)
    data = read(ctx, {"files": ["wh.csv"], "columns": FULL_MAP, "currency": "GBP"})
    got = [(lst.sku, lst.key, lst.title, lst.available, lst.on_hand, lst.committed, lst.price, lst.currency,
            lst.location, lst.policy, lst.components, lst.product_id, lst.status, lst.row) for lst in data.listings]
    assert got == [
        ("MUG-RED", "mugred", "Red mug", 1204, 1300, 96, 12.5, "GBP", "A1", "continue", None, "mugs", "active", 2),
        ("GIFT-BOX", "giftbox", "Gift box", 3, 3, 0, 20.0, "GBP", "A3", "deny", {"TEA-50G": 2, "MUG-RED": 1},
         "gifts", "draft", 4),
        (" mug-red ", "mugred", "Red mug again", 0, 0, 0, 12.5, "GBP", "B1", "deny", None, "mugs", "archived", 5),
    ]
    assert [(b.file, b.row, b.why) for b in data.bad_rows] == [
        ("wh.csv", 3, "column 'Free Stock': 'abc' is not a whole number")]
    assert data.provides == {CAP_STOCK, "on_hand", CAP_RESERVATIONS, CAP_PRICES, CAP_LOCATIONS, CAP_POLICY,
                             CAP_BUNDLES, CAP_PRODUCT_IDS}
    assert all_sources()["csv"] is CsvFiles


def test_provides_follows_what_is_mapped(write, ctx):
    write("wh.csv", WAREHOUSE)
    data = read(ctx, {"files": ["wh.csv"], "columns": {"sku": "Item No", "available": "Free Stock"}})
    assert data.provides == {CAP_STOCK}
    assert data.listings[0].price is None and data.listings[0].policy is None  # unmapped is "not said"
    data = read(ctx, {"listings": {"files": ["wh.csv"], "columns": {"sku": "Item No", "reserved": "Allocated",
                                                                    "tracked": "Live"}}})
    assert data.provides == {CAP_RESERVATIONS, CAP_TRACKED}
    assert [(b.row, b.why) for b in data.bad_rows] == [
        (4, "column 'Live': 'draft' is not yes or no"), (5, "column 'Live': 'archived' is not yes or no")]


def test_missing_header_names_the_file_the_header_and_what_the_file_has(write, ctx):
    write("wh.csv", WAREHOUSE)
    write("other.csv", "Item No,Free Stock\nX,1\n")
    data = read(ctx, {"files": ["wh.csv", "other.csv"], "columns": {"sku": "Item No", "available": "Free Stock",
                                                                   "price": "Retail Price"}})
    assert len(data.not_read) == 2
    first = data.not_read[0]
    assert first.what == "wh.csv" and first.lost_stock
    assert first.why == ("the header 'Retail Price' (for price) is not in this file; its headers are: 'Item No', "
                         "'Description', 'Free Stock', 'Physical', 'Allocated', 'RRP', 'Bin', 'Backorders', 'Kit', "
                         "'Parent', 'Live'")
    assert data.listings == [] and data.provides == set()  # nothing read: nothing claimed


def test_one_bad_file_does_not_stop_the_others(write, ctx):
    write("other.csv", "Item No,Free Stock\nX,1\n")
    data = read(ctx, {"files": ["missing.csv", "other.csv"], "columns": {"sku": "Item No", "available": "Free Stock"}})
    assert [lst.sku for lst in data.listings] == ["X"]
    assert [(n.what, n.why) for n in data.not_read] == [("missing.csv", "the file does not exist")]
    assert data.provides == {CAP_STOCK}


def test_options_delimiter_decimal_encoding(write, ctx):
    write("eu.csv", "Artikel;Bestand;Preis\nA-1;1.234;12,50 €\n".encode("cp1252"))
    data = read(ctx, {"files": ["eu.csv"], "columns": {"sku": "Artikel", "available": "Bestand", "price": "Preis"},
                      "options": {"decimal": ",", "encoding": "cp1252", "delimiter": ";"}})
    assert [(lst.available, lst.price, lst.currency) for lst in data.listings] == [(1234, 12.5, "EUR")]


def test_events_and_orders_sections(write, ctx):
    write("log.csv", "When,Code,Store,Delta,After,Who,Kind,Why\n"
                     "01/09/2026 10:00,MUG,Main,-1,4,Sync App,integration,sale\n"
                     "13/09/2026 10:00,MUG,Main,,10,Sam,user,count\n"
                     "soon,MUG,Main,,1,Sam,staff,\n"
                     "14/09/2026 10:00,TEA,Main,,,Sam,staff,\n"
                     "15/09/2026 10:00,TEA,Main,+2,,Robo,robot,\n")
    write("orders.csv", "Date,Order,SKU,Qty,Each,State,Refunded,Restocked\n"
                        "2026-09-01T10:00:00Z,A1,MUG,2,£10.00,shipped,,\n"
                        "2026-09-02T10:00:00Z,A2,MUG,1,10,returned,,\n"
                        "2026-09-03T10:00:00Z,A3,MUG,1,10,Cancelled,,\n"
                        "2026-09-04T10:00:00Z,A4,MUG,3,10,processing,1,1\n"
                        "2026-09-05T10:00:00Z,A5,MUG,1,10,lost in the post,,\n")
    data = read(ctx, {
        "events": {"files": ["log.csv"], "columns": {"time": "When", "sku": "Code", "location": "Store", "change": "Delta",
                                                     "quantity_after": "After", "writer": "Who", "writer_kind": "Kind",
                                                     "reason": "Why"},
                   "options": {"date_format": "%d/%m/%Y %H:%M", "timezone": "Europe/London"}},
        "orders": {"files": ["orders.csv"], "columns": {"time": "Date", "order_id": "Order", "sku": "SKU",
                                                         "quantity": "Qty", "unit_price": "Each", "status": "State",
                                                         "refunded_quantity": "Refunded",
                                                         "restocked_quantity": "Restocked"}},
    })
    assert [(e.ts, e.sku, e.location, e.change, e.quantity_after, e.writer, e.writer_kind, e.reason)
            for e in data.events] == [
        (utc(2026, 9, 1, 9), "MUG", "Main", -1, 4, "Sync App", "integration", "sale"),
        (utc(2026, 9, 13, 9), "MUG", "Main", None, 10, "Sam", "staff", "count"),
        (utc(2026, 9, 15, 9), "TEA", "Main", 2, None, "Robo", "", ""),
    ]
    assert [(o.order_id, o.quantity, o.unit_price, o.currency, o.status, o.refunded_quantity, o.restocked_quantity)
            for o in data.orders] == [
        ("A1", 2, 10.0, "GBP", "fulfilled", 0, 0),
        ("A2", 1, 10.0, None, "refunded", 1, 0),
        ("A3", 1, 10.0, None, "cancelled", 0, 0),
        ("A4", 3, 10.0, None, "open", 1, 1),
    ]
    assert [(b.file, b.row, b.why) for b in data.bad_rows] == [
        ("log.csv", 4, "column 'When': 'soon' is not a date and time we can read"),
        ("log.csv", 5, "column 'After': blank: the row says neither the change nor the quantity after it"),
        ("orders.csv", 6, "column 'State': 'lost in the post' is not an order status we know (open, fulfilled, "
                          "cancelled or refunded, or words like paid, shipped, completed, voided, returned)"),
    ]
    assert any("1 rows name a writer kind we do not know ('robot')" in n for n in data.notes)
    assert data.provides == {CAP_EVENTS, CAP_WRITERS, CAP_ORDERS, CAP_RESTOCKS}
    assert data.history_days == 14.0
    assert data.exported_at is None  # no date in the file names: no guess (filedate.py)


def test_orders_without_restock_column_cannot_say(write, ctx):
    write("orders.csv", "Date,SKU,Qty\n2026-09-01,MUG,2\n")
    data = read(ctx, {"orders": {"files": ["orders.csv"], "columns": {"time": "Date", "sku": "SKU", "quantity": "Qty"}}})
    (line,) = data.orders
    assert (line.order_id, line.status, line.restocked_quantity) == ("row 2", "fulfilled", None)
    assert CAP_RESTOCKS not in data.provides


@pytest.mark.parametrize("config, message", [
    ({"files": ["a.csv"], "columns": {"sku": "A", "avialable": "B"}}, "listings columns: 'avialable' is not a field"),
    ({"files": ["a.csv"], "columns": {"available": "B"}}, "listings columns: 'sku' must be given"),
    ({"files": ["a.csv"]}, "files: needs columns:"),
    ({"columns": {"sku": "A"}}, "columns: needs files:"),
    ({}, "names no files"),
    ({"events": {"files": ["l.csv"], "columns": {"time": "T", "sku": "S"}}},
     "events columns: 'change' or 'quantity_after' must be given"),
    ({"orders": {"files": ["o.csv"], "columns": {"time": "T", "sku": "S", "qty": "Q"}}}, "'qty' is not a field"),
    ({"listings": {"files": [], "columns": {"sku": "S"}}}, "listings: names no files"),
    ({"files": ["a.csv"], "columns": {"sku": "A"}, "timezone": "Mars/Base"}, "'Mars/Base' is not a time zone name"),
    ({"files": ["a.csv"], "columns": {"sku": "A"}, "history": {"files": ["l.csv"], "columns": {"sku": "S"}}},
     "history columns: 'time' must be given"),
    ({"files": ["a.csv"], "columns": {"sku": "A"}, "listings": {"files": ["b.csv"], "columns": {"sku": "S"}}},
     "not both"),
])
def test_config_mistakes_are_caught_when_the_config_loads(config, message):
    with pytest.raises(ValidationError, match=message.replace("(", r"\(")):
        CsvChannel.model_validate({"type": "csv", **config})


@pytest.mark.parametrize("text, expected", [
    ("TEA-50G:2; MUG-RED:1", {"TEA-50G": 2, "MUG-RED": 1}),
    ("TEA-50G x2 | MUG-RED", {"TEA-50G": 2, "MUG-RED": 1}),
    ("2 x TEA-50G, MUG-RED*3", {"TEA-50G": 2, "MUG-RED": 3}),
    ("A-100", {"A-100": 1}),
    ("", None),
])
def test_parse_components(text, expected):
    assert parse_components(text) == expected


def test_parse_components_rejects_zero():
    with pytest.raises(CellError):
        parse_components("TEA:0")


@pytest.mark.parametrize("word, status", [
    ("paid", "open"), ("Pending", "open"), ("unfulfilled", "open"), ("processing", "open"), ("on-hold", "open"),
    ("shipped", "fulfilled"), ("Completed", "fulfilled"), ("complete", "fulfilled"),
    ("canceled", "cancelled"), ("voided", "cancelled"), ("refunded", "refunded"), ("RETURNED", "refunded"),
    ("", "fulfilled"),
])
def test_order_status_words(word, status):
    assert parse_order_status(word) == status

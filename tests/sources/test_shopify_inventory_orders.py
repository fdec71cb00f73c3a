"""Shopify inventory and orders CSVs, and how the channel puts its files together."""

from __future__ import annotations

from datetime import datetime, timezone


from leakcheck.model import (
    CAP_LOCATIONS, CAP_ON_HAND, CAP_ORDERS, CAP_POLICY, CAP_RESERVATIONS, CAP_STOCK, ChannelData,
)
from leakcheck.sources.shopify import ShopifyChannel, ShopifyFiles

from .test_shopify_products import CURRENT


def read(ctx, *files: str, **config) -> ChannelData:
    return ShopifyFiles("shop", ShopifyChannel(type="shopify", files=list(files), **config), ctx).read()


INVENTORY = (
    "Handle,Title,Option1 Name,Option1 Value,Option2 Name,Option2 Value,Option3 Name,Option3 Value,SKU,Barcode,"
    "HS Code,COO,Location,Bin name,Incoming (not editable),Unavailable (not editable),Committed (not editable),"
    "Available (not editable),On hand (current),On hand (new)\n"
    "red-mug,Red Mug,Size,Small,Colour,Red,,,MUG-RED-S,,,,Shop floor,,0,0,2,5,7,\n"
    "red-mug,Red Mug,Size,Small,Colour,Red,,,MUG-RED-S,,,,Warehouse,,0,1,0,20,21,\n"
    "red-mug,Red Mug,Size,Large,Colour,Red,,,MUG-RED-L,,,,Shop floor,,not stocked,not stocked,not stocked,"
    "not stocked,not stocked,\n"
    "red-mug,Red Mug,Size,Large,Colour,Red,,,MUG-RED-L,,,,Warehouse,,0,0,0,9,9,\n"
    "spoon,Spoon,Title,Default Title,,,,,SPOON,,,,Warehouse,,0,0,0,4,4,\n"
)


def test_inventory_gives_per_location_listings_with_product_settings(write, ctx):
    write("products.csv", CURRENT)
    write("inventory.csv", INVENTORY)
    data = read(ctx, "products.csv", "inventory.csv")
    got = sorted((lst.sku, lst.location, lst.available, lst.on_hand, lst.committed, lst.price, lst.policy,
                  lst.tracked, lst.status, lst.product_id) for lst in data.listings)
    assert got == [
        ("MUG-RED-L", "Warehouse", 9, 9, 0, 14.0, "continue", True, "active", "red-mug"),  # not stocked at the shop
        ("MUG-RED-S", "Shop floor", 5, 7, 2, 12.5, "deny", True, "active", "red-mug"),
        ("MUG-RED-S", "Warehouse", 20, 21, 0, 12.5, "deny", True, "active", "red-mug"),
        ("SPOON", "Warehouse", 4, 4, 0, None, None, None, "active", "spoon"),  # only in the inventory file
        ("TEA-50G", "", 3, None, None, 4.0, "deny", False, "archived", "tea-50g"),  # only in the product file
    ]
    assert {CAP_STOCK, CAP_ON_HAND, CAP_RESERVATIONS, CAP_LOCATIONS, CAP_POLICY} <= data.provides
    assert "inventory.csv: read as a Shopify inventory export (4 variant-locations, 1 not stocked at their " \
           "location)" in data.notes
    mug = next(lst for lst in data.listings if lst.sku == "MUG-RED-S")
    assert mug.title == "Red Mug - Small / Red" and mug.row == 2


def test_older_inventory_headers_without_suffixes(write, ctx):
    write("inv.csv", "Handle,Title,SKU,Location,Incoming,Unavailable,Committed,Available,On hand\n"
                     "mug,Mug,MUG,Main,0,0,1,3,4\nmug,Mug,MUG,Pop-up,0,0,0,abc,0\n")
    data = read(ctx, "inv.csv")
    assert [(lst.sku, lst.location, lst.available, lst.on_hand, lst.committed) for lst in data.listings] == [
        ("MUG", "Main", 3, 4, 1)]
    assert [(b.row, b.why) for b in data.bad_rows] == [(3, "column 'Available': 'abc' is not a whole number")]


def test_available_only_inventory_export(write, ctx):
    write("inv.csv", "Handle,Title,SKU,Location,Available (not editable)\nmug,Mug,MUG,Main,3\n")
    data = read(ctx, "inv.csv")
    assert data.listings[0].on_hand is None and data.listings[0].committed is None
    assert CAP_ON_HAND not in data.provides and CAP_RESERVATIONS not in data.provides and CAP_STOCK in data.provides


ORDER_HEADER = (
    "Name,Email,Financial Status,Paid at,Fulfillment Status,Fulfilled at,Accepts Marketing,Currency,Subtotal,"
    "Shipping,Taxes,Total,Discount Code,Discount Amount,Shipping Method,Created at,Lineitem quantity,Lineitem name,"
    "Lineitem price,Lineitem compare at price,Lineitem sku,Lineitem requires shipping,Lineitem taxable,"
    "Lineitem fulfillment status,Billing Name,Billing Street,Billing Phone,Notes,Note Attributes,Cancelled at,"
    "Payment Method,Payment Reference,Refunded Amount,Vendor,Outstanding Balance,Employee,Location,Device ID,Id,"
    "Tags,Risk Level,Source,Lineitem discount\n"
)


def order_row(name, financial="", fulfillment="", currency="", created="", qty="1", price="10.00", sku="MUG",
              line_status="pending", cancelled="", email="", billing="", phone=""):
    cells = [name, email, financial, "", fulfillment, "", "", currency, "", "", "", "", "", "", "", created, qty,
             "Mug", price, "", sku, "true", "true", line_status, billing, "1 Secret Street", phone, "", "", cancelled,
             "", "", "", "Acme", "", "", "", "", "", "", "", "web", "0"]
    return ",".join(cells) + "\n"


ORDERS = ORDER_HEADER + "".join([
    order_row("#1001", "paid", "fulfilled", "GBP", "2026-09-01 14:03:22 +0100", email="ann@example.com",
              billing="Ann Example", phone="+44 7700 900123", line_status="fulfilled"),
    order_row("#1001", qty="2", sku="TEA-50G", price="4.00"),  # later line: order-level cells blank
    order_row("#1002", "refunded", "fulfilled", "GBP", "2026-09-03 09:00:00 +0100", qty="3"),
    order_row("#1003", "paid", "unfulfilled", "GBP", "2026-09-05 10:00:00 +0100"),
    order_row("#1004", "paid", "partial", "GBP", "2026-09-06 10:00:00 +0100"),
    order_row("#1005", "voided", "", "GBP", "2026-09-07 10:00:00 +0100", cancelled="2026-09-07 11:00:00 +0100"),
    order_row("#1006", "paid", "fulfilled", "GBP", "2026-09-08 10:00:00 +0100", qty="many"),
])


def utc(*args):
    return datetime(*args, tzinfo=timezone.utc).timestamp()


def test_orders_carry_order_level_cells_forward_and_map_statuses(write, ctx):
    write("orders_export.csv", ORDERS)
    data = read(ctx, "orders_export.csv")
    got = [(o.order_id, o.sku, o.quantity, o.unit_price, o.currency, o.status, o.refunded_quantity,
            o.restocked_quantity, o.ts) for o in data.orders]
    assert got == [
        ("#1001", "MUG", 1, 10.0, "GBP", "fulfilled", 0, None, utc(2026, 9, 1, 13, 3, 22)),
        ("#1001", "TEA-50G", 2, 4.0, "GBP", "fulfilled", 0, None, utc(2026, 9, 1, 13, 3, 22)),
        ("#1002", "MUG", 3, 10.0, "GBP", "refunded", 3, None, utc(2026, 9, 3, 8)),
        ("#1003", "MUG", 1, 10.0, "GBP", "open", 0, None, utc(2026, 9, 5, 9)),
        ("#1004", "MUG", 1, 10.0, "GBP", "open", 0, None, utc(2026, 9, 6, 9)),
        ("#1005", "MUG", 1, 10.0, "GBP", "cancelled", 0, None, utc(2026, 9, 7, 9)),
    ]
    assert [(b.file, b.row, b.why) for b in data.bad_rows] == [
        ("orders_export.csv", 8, "column 'Lineitem quantity': 'many' is not a whole number")]
    assert data.currency == "GBP"
    assert data.exported_at is None  # no date in the file name: no guess (filedate.py)
    assert data.history_days == round((utc(2026, 9, 7, 9) - utc(2026, 9, 1, 13, 3, 22)) / 86400, 1)
    assert CAP_ORDERS in data.provides
    assert data.notes == ["orders_export.csv: read as a Shopify orders export (6 order lines)"]


def test_an_order_s_lines_apart_and_a_date_given_on_a_later_line(write, ctx):
    """An order's cells are settled once per order: a later line that fills a blank one settles it anew."""
    write("orders_export.csv", ORDER_HEADER + "".join([
        order_row("#2001", "paid", "fulfilled", "GBP", ""),  # no date yet: this line cannot be dated
        order_row("#2002", "paid", "fulfilled", "GBP", "2026-09-09 10:00:00 +0100", sku="TEA"),
        order_row("#2001", created="2026-09-10 10:00:00 +0100", qty="2"),  # apart from its first line
        order_row("#2001", qty="3", sku="TEA"),
    ]))
    data = read(ctx, "orders_export.csv")
    assert [(o.order_id, o.sku, o.quantity, o.status, o.ts) for o in data.orders] == [
        ("#2002", "TEA", 1, "fulfilled", utc(2026, 9, 9, 9)),
        ("#2001", "MUG", 2, "fulfilled", utc(2026, 9, 10, 9)),
        ("#2001", "TEA", 3, "fulfilled", utc(2026, 9, 10, 9)),
    ]
    assert [(b.row, b.why) for b in data.bad_rows] == [(2, "column 'Created at': the order has no date")]


def test_orders_never_carry_personal_data_into_records(write, ctx):
    write("orders_export.csv", ORDERS.replace("#1006", "#1007").replace("many", "1"))
    data = read(ctx, "orders_export.csv")
    everything = repr(data)
    for secret in ("ann@example.com", "Ann Example", "7700 900123", "Secret Street"):
        assert secret not in everything


def test_orders_currency_sets_listing_currency(write, ctx):
    write("products.csv", CURRENT)
    write("orders.csv", ORDERS.replace("GBP", "EUR"))
    data = read(ctx, "products.csv", "orders.csv", currency="GBP")
    assert data.currency == "EUR"  # the files say so; the config's currency is for files that do not
    assert {lst.currency for lst in data.listings} == {"EUR"}


def test_no_files_means_the_live_source_reads_the_channel(ctx):
    from leakcheck.sources.base import source_for
    from leakcheck.sources.shopify.config import ShopifyChannel
    from leakcheck.sources.shopify.files import ShopifyFiles
    from leakcheck.sources.shopify.live import ShopifyLive

    live = ShopifyChannel(type="shopify", shop="example.myshopify.com", token="shpat_x")
    files = ShopifyChannel(type="shopify", files=["products.csv"])
    assert source_for(live, ctx) is ShopifyLive and source_for(files, ctx) is ShopifyFiles

"""Seller Hub reports: active listings with variations, orders with preamble, summary rows and footer."""

from __future__ import annotations

import pytest

from leakcheck.model import CAP_ORDERS, CAP_PRICES, CAP_PRODUCT_IDS, CAP_STOCK, STATUS_FULFILLED, STATUS_OPEN
from leakcheck.sources.ebay import EbayChannel, EbayFiles
from leakcheck.sources.ebay.cells import parse_date, parse_money
from leakcheck.sources.cells import CellError
from leakcheck.sources.times import zone

LISTINGS = (
    "\ufeff\"Item number\",\"Title\",\"Variation details\",\"Custom label (SKU)\",\"Available quantity\",\"Format\","
    "\"Currency\",\"Start price\",\"Auction Buy It Now price\",\"Reserve price\",\"Current price\",\"Sold quantity\","
    "\"Watchers\",\"Bids\",\"Start date\",\"End date\",\"Condition\",,\r\n"
    "\"204000000001\",\"Harbour Mug\",\"\",\"\",\"19\",\"FIXED_PRICE\",\"GBP\",\"16.49\",\"\",\"\",\"16.49\",\"3\",\"1\","
    "\"\",\"Mar-12-24 10:15:22 GMT\",\"\",\"New\",,\r\n"
    "\"204000000001\",\"\",\"Colour:Red\",\"MUG-RED\",\"12\",\"\",\"\",\"\",\"\",\"\",\"\",\"\",\"\",\"\",\"\",\"\",\"\",,\r\n"
    "\"204000000001\",\"\",\"Colour:Blue\",\"MUG-BLUE\",\"7\",\"\",\"\",\"\",\"\",\"\",\"17.99\",\"\",\"\",\"\",\"\",\"\","
    "\"\",,\r\n"
    "\"204000000002\",\"Tea Caddy\",\"\",\"TEA-CADDY\",\"4\",\"FIXED_PRICE\",\"GBP\",\"£22.00\",\"\",\"\",\"£22.00\","
    "\"0\",\"0\",\"\",\"Mar-12-24 10:15:22 GMT\",\"\",\"New\",,\r\n"
    "\"204000000003\",\"Teapot\",\"\",\"TEAPOT\",\"many\",\"FIXED_PRICE\",\"GBP\",\"30.00\",\"\",\"\",\"30.00\",\"0\","
    "\"0\",\"\",\"Mar-12-24 10:15:22 GMT\",\"\",\"New\",,\r\n"
)
ORDERS = (
    ",,,,,,,,,,,\n"
    "\"Sales Record Number\",\"Order Number\",\"Buyer Username\",\"Buyer Name\",\"Item Number\",\"Item Title\","
    "\"Custom Label\",\"Quantity\",\"Sold For\",\"Postage And Handling\",\"Total Price\",\"Sale Date\","
    "\"Paid On Date\",\"Dispatched On Date\"\n"
    "\"\",\"\",\"\",\"\",\"\",\"\",\"\",\"\",\"\",\"\",\"\",\"\",\"\",\"\"\n"
    "\"149\",\"11-10000-00001\",\"buyer_one\",\"A Buyer\",\"204000000002\",\"Tea Caddy\",\"TEA-CADDY\",\"1\","
    "\"£22.00\",\"£0.00\",\"£22.00\",\"Sep-18-26\",\"Sep-18-26\",\"Sep-19-26\"\n"
    "\"150\",\"11-10000-00002\",\"buyer_two\",\"B Buyer\",\"\",\"\",\"\",\"3\",\"£50.47\",\"£0.00\",\"£50.47\","
    "\"Sep-19-26\",\"Sep-19-26\",\"\"\n"
    "\"150\",\"11-10000-00002\",\"buyer_two\",\"B Buyer\",\"204000000001\",\"Harbour Mug\",\"MUG-RED\",\"2\","
    "\"£16.49\",\"£0.00\",\"£32.98\",\"Sep-19-26\",\"Sep-19-26\",\"\"\n"
    "\"150\",\"11-10000-00002\",\"buyer_two\",\"B Buyer\",\"204000000001\",\"Harbour Mug\",\"MUG-BLUE\",\"1\","
    "\"£17.49\",\"£0.00\",\"£17.49\",\"Sep-19-26\",\"Sep-19-26\",\"\"\n"
    "\"151\",\"11-10000-00003\",\"buyer_three\",\"C Buyer\",\"204000000002\",\"Tea Caddy\",\"TEA-CADDY\",\"1\","
    "\"£22.00\",\"£0.00\",\"£22.00\",\"Sept 31st\",\"\",\"\"\n"
    "\"\",\"\",\"\",\"\",\"\",\"\",\"\",\"\",\"\",\"\",\"\",\"\",\"\",\"\"\n"
    "\"3 record(s) downloaded\"\n"
    "\"Seller ID : harbour-and-hearth\"\n"
)


def read(ctx, *files, **config):
    return EbayFiles("ebay", EbayChannel(type="ebay", files=list(files), **config), ctx).read()


def test_active_listings_variations_inherit_from_their_parent(write, ctx):
    write("eBay-all-active-listings-report-2026-09-21.csv", LISTINGS)
    data = read(ctx, "eBay-all-active-listings-report-2026-09-21.csv")
    got = [(x.sku, x.title, x.price, x.currency, x.available, x.product_id) for x in data.listings]
    assert got == [("MUG-RED", "Harbour Mug - Red", 16.49, "GBP", 12, "204000000001"),
                   ("MUG-BLUE", "Harbour Mug - Blue", 17.99, "GBP", 7, "204000000001"),
                   ("TEA-CADDY", "Tea Caddy", 22.0, "GBP", 4, "204000000002")]
    assert [(b.row, b.why) for b in data.bad_rows] == [(6, "column 'Available quantity': 'many' is not a whole number")]
    assert data.provides == {CAP_STOCK, CAP_PRICES, CAP_PRODUCT_IDS}
    assert data.currency == "GBP" and data.exported_at is not None
    assert data.notes[0].endswith("(3 listings, 2 of them variations of 1 multi-variation listings)")


def test_orders_report_preamble_summary_rows_and_footer(write, ctx):
    write("orders.csv", ORDERS)
    data = read(ctx, "orders.csv", timezone="Europe/London")
    got = [(o.order_id, o.sku, o.quantity, o.unit_price, o.currency, o.status) for o in data.orders]
    assert got == [("11-10000-00001", "TEA-CADDY", 1, 22.0, "GBP", STATUS_FULFILLED),
                   ("11-10000-00002", "MUG-RED", 2, 16.49, "GBP", STATUS_OPEN),
                   ("11-10000-00002", "MUG-BLUE", 1, 17.49, "GBP", STATUS_OPEN)]
    assert data.orders[0].ts == 1789686000.0  # 18 Sep 2026 00:00 in London (BST)
    assert [(b.row, b.why.split(":")[0]) for b in data.bad_rows] == [(8, "column 'Sale Date'")]
    assert data.provides == {CAP_ORDERS}
    assert "1 order summary rows passed over" in data.notes[0]


def test_buyer_columns_are_never_read(write, ctx):
    write("orders.csv", ORDERS)
    data = read(ctx, "orders.csv")
    text = repr(data)
    assert "buyer_one" not in text and "A Buyer" not in text


def test_orders_report_without_custom_label_says_what_it_costs(write, ctx):
    write("orders.csv", "Sales record number,Order number,Item number,Quantity,Sale date\n1,1-2,20400,1,Sep-18-26\n")
    data = read(ctx, "orders.csv")
    assert len(data.orders) == 1 and data.orders[0].sku == ""
    assert ("orders.csv: no column 'Custom label' (no SKUs: sales cannot be matched to listings); "
            "no column 'Sold for' (no sale prices)") in data.notes


@pytest.mark.parametrize("text, expected", [
    ("AU $3,000.00", (3000.0, "AUD")), ("£12.99", (12.99, "GBP")), ("EUR 90,00", (90.0, "EUR")),
    ("1 234,50 €", (1234.5, "EUR")), ("C $1.00", (1.0, "CAD")), ("US $9.99", (9.99, "USD")), ("16.49", (16.49, None)),
    ("1,234", (1234.0, None)), ("", (None, None)),
])
def test_money(text, expected):
    assert parse_money(text) == expected


@pytest.mark.parametrize("text, expected", [
    ("Sep-18-26", 1789689600.0), ("18-Sep-26", 1789689600.0), ("Sep-18-2026", 1789689600.0),
    ("Sep-18-26 10:15:22 PDT", 1789751722.0), ("2026-09-18T00:00:00Z", 1789689600.0),
])
def test_dates(text, expected):
    assert parse_date(text, zone("UTC")) == expected


@pytest.mark.parametrize("text", ["Sept 31st", "Sep-31-26", "Foo-01-26", "Sep-18-26 10:00 XYZ"])
def test_bad_dates(text):
    with pytest.raises(CellError):
        parse_date(text, zone("UTC"))


def test_not_an_ebay_report(write, ctx):
    write("x.csv", "a,b\n1,2\n")
    data = read(ctx, "x.csv")
    assert data.not_read[0].why.startswith("not an eBay active listings or orders report: header has 'a', 'b'")


def test_sample_like_listings_report_in_cp1252(write, ctx):
    write("l.csv", LISTINGS.replace("\ufeff", ""), encoding="cp1252")
    data = read(ctx, "l.csv")
    assert [x.sku for x in data.listings] == ["MUG-RED", "MUG-BLUE", "TEA-CADDY"]
    assert data.listings[2].price == 22.0 and data.listings[2].currency == "GBP"




def test_item_rows_take_blank_order_cells_from_their_summary_row(write, ctx):
    text = ("Sales record number,Order number,Item number,Custom label,Quantity,Sold for,Sale date,Shipped on date\n"
            "7,12-1,,,3,£30.00,Sep-18-26,Sep-19-26\n"
            "7,,2040,A,1,£10.00,,\n"
            "7,,2041,B,2,£10.00,,\n")
    write("o.csv", text)
    data = read(ctx, "o.csv")
    assert [(o.order_id, o.sku, o.quantity, o.status, o.ts) for o in data.orders] == [
        ("12-1", "A", 1, STATUS_FULFILLED, 1789689600.0), ("12-1", "B", 2, STATUS_FULFILLED, 1789689600.0)]


def test_a_parent_row_after_its_variations_still_gives_them_its_title(write, ctx):
    text = ("Item number,Title,Variation details,Custom label (SKU),Available quantity,Currency,Start price\n"
            "9,,Size=S;Colour=Red,S-R,1,,5.00\n"
            "9,Shirt,,,1,USD,5.00\n")
    write("l.csv", text)
    data = read(ctx, "l.csv")
    assert [(x.sku, x.title, x.currency, x.price) for x in data.listings] == [("S-R", "Shirt - S / Red", "USD", 5.0)]

"""Amazon Seller Central reports: the real sample, each report kind in its documented layout, and the quirks."""

from __future__ import annotations

import math

import pytest

from leakcheck.model import (
    CAP_EVENTS, CAP_ORDERS, CAP_PRICES, CAP_RESERVATIONS, CAP_STOCK, STATUS_CANCELLED, STATUS_FULFILLED, STATUS_OPEN,
)
from leakcheck.sources.amazon import AmazonChannel, AmazonFiles
from leakcheck.sources.base import ReadContext

from ..conftest import SAMPLES

ALL_LISTINGS = (
    "item-name\titem-description\tlisting-id\tseller-sku\tprice\tquantity\topen-date\timage-url\titem-is-marketplace\t"
    "product-id-type\tzshop-shipping-fee\titem-note\titem-condition\tzshop-category1\tzshop-browse-path\t"
    "zshop-storefront-feature\tasin1\tasin2\tasin3\twill-ship-internationally\texpedited-shipping\tzshop-boldface\t"
    "product-id\tbid-for-featured-placement\tadd-delete\tpending-quantity\tfulfillment-channel\t"
    "merchant-shipping-group\tstatus\r\n"
    "Harbour Mug – Red\t\t0912345678UK\tMUG-RED\t16.49\t12\t12/03/2024 10:15:22 GMT\t\ty\t1\t\t\t11\t\t\t\t"
    "B060407971\t\t\t1\t\t\tB060407971\t\t\t\tDEFAULT\tMigrated Template\tActive\r\n"
    "Harbour Mug – Blue\t\t0912345679UK\tMUG-BLUE\t16.49\t0\t12/03/2024 10:15:22 GMT\t\ty\t1\t\t\t11\t\t\t\t"
    "B060407972\t\t\t1\t\t\tB060407972\t\t\t\tDEFAULT\tMigrated Template\tInactive\r\n"
    "Tea Caddy £ edition\t\t0912345680UK\tTEA-CADDY\t22.00\t\t12/03/2024 10:15:22 GMT\t\ty\t1\t\t\t11\t\t\t\t"
    "B060407973\t\t\t1\t\t\tB060407973\t\t\t\tAMAZON_EU\t\tActive\r\n"
    "Old Teapot\t\t0912345681UK\tTEAPOT-OLD\t30.00\t4\t12/03/2024 10:15:22 GMT\t\ty\t1\t\t\t11\t\t\t\t"
    "B060407974\t\t\t1\t\t\tB060407974\t\t\t\tDEFAULT\t\tInactive\r\n"
    "Broken\t\t0912345682UK\tBROKEN\t9.99\tlots\t\t\ty\t1\t\t\t11\t\t\t\t\t\t\t1\t\t\t\t\t\t\tDEFAULT\t\tActive\r\n"
)
FBA = (
    "sku\tfnsku\tasin\tproduct-name\tcondition\tyour-price\tmfn-listing-exists\tmfn-fulfillable-quantity\t"
    "afn-listing-exists\tafn-warehouse-quantity\tafn-fulfillable-quantity\tafn-unsellable-quantity\t"
    "afn-reserved-quantity\tafn-total-quantity\tper-unit-volume\tafn-inbound-working-quantity\t"
    "afn-inbound-shipped-quantity\tafn-inbound-receiving-quantity\tafn-researching-quantity\t"
    "afn-reserved-future-supply\tafn-future-supply-buyable\tstore\n"
    "TEA-CADDY\tX00ABC\tB060407973\tTea Caddy\tNew\t22.00\tNo\t\tYes\t9\t7\t1\t1\t9\t0.1\t0\t0\t0\t0\t0\t0\t\n"
    "FBA-ONLY\tX00ABD\tB060407975\tFBA only thing\tNew\t5.00\tNo\t\tYes\t3\t3\t0\t0\t3\t0.1\t0\t0\t0\t0\t0\t0\t\n"
    "MUG-RED\tX00ABE\tB060407971\tHarbour Mug\tNew\t16.49\tYes\t12\tNo\t0\t0\t0\t0\t0\t0.1\t0\t0\t0\t0\t0\t0\t\n"
)
LEDGER = (
    '"Date","FNSKU","ASIN","MSKU","Title","Event Type","Reference ID","Quantity","Fulfillment Center",'
    '"Disposition","Reason","Country","Reconciled Quantity","Unreconciled Quantity"\n'
    '"09/14/2026","X00ABC","B060407973","TEA-CADDY","Tea Caddy","Receipts","FBA15ABC","10","LTN4","SELLABLE","",'
    '"GB","",""\n'
    '"09/15/2026","X00ABC","B060407973","TEA-CADDY","Tea Caddy","Shipments","206-1","-2","LTN4","SELLABLE","","GB","",""\n'
    '"09/16/2026","X00ABC","B060407973","TEA-CADDY","Tea Caddy","Adjustments","","-1","LTN4","SELLABLE","E","GB","",""\n'
    '"09/16/2026","X00ABC","B060407973","TEA-CADDY","Tea Caddy","Adjustments","","1","LTN4","DEFECTIVE","E","GB","",""\n'
    '"someday","X00ABC","B060407973","TEA-CADDY","Tea Caddy","Shipments","","-1","LTN4","SELLABLE","","GB","",""\n'
)
ORDERS = (
    "amazon-order-id\tmerchant-order-id\tpurchase-date\tlast-updated-date\torder-status\tfulfillment-channel\t"
    "sales-channel\torder-channel\turl\tship-service-level\tproduct-name\tsku\tasin\titem-status\tquantity\tcurrency\t"
    "item-price\titem-tax\tshipping-price\tshipping-tax\tgift-wrap-price\tgift-wrap-tax\titem-promotion-discount\t"
    "ship-promotion-discount\tship-city\tship-state\tship-postal-code\tship-country\tpromotion-ids\t"
    "is-business-order\tpurchase-order-number\tprice-designation\n"
    "206-1\t\t2026-09-15T08:00:00+00:00\t2026-09-15T18:00:00+00:00\tShipped\tAmazon\tAmazon.co.uk\t\t\tStandard\t"
    "Tea Caddy\tTEA-CADDY\tB060407973\tShipped\t2\tGBP\t44.00\t0\t0\t0\t\t\t\t\tLONDON\t\tSW1A 1AA\tGB\t\tfalse\t\t\n"
    "206-1\t\t2026-09-15T08:00:00+00:00\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t-1.00\t\t\t\t\t\tPROMO1\t\t\t\n"
    "206-2\t\t2026-09-16T09:30:00+01:00\t2026-09-16T09:30:00+01:00\tPending\tMerchant\tAmazon.co.uk\t\t\tStandard\t"
    "Harbour Mug\tMUG-RED\tB060407971\tUnshipped\t1\tGBP\t\t\t\t\t\t\t\t\t\t\t\t\t\tfalse\t\t\n"
    "206-3\t\t2026-09-17T10:00:00+00:00\t2026-09-17T11:00:00+00:00\tCancelled\tMerchant\tAmazon.co.uk\t\t\tStandard\t"
    "Harbour Mug\tMUG-BLUE\tB060407972\tCancelled\t0\tGBP\t\t\t\t\t\t\t\t\t\t\t\t\t\tfalse\t\t\n"
    "206-4\t\t2026-09-18T10:00:00+00:00\t2026-09-18T11:00:00+00:00\tShipped\tMerchant\tAmazon.co.uk\t\t\tStandard\t"
    "Harbour Mug\tMUG-RED\tB060407971\tShipped\tthree\tGBP\t3.00\t\t\t\t\t\t\t\t\t\t\t\t\tfalse\t\t\n"
)


def read(ctx: ReadContext, *files: str, **config):
    return AmazonFiles("amazon", AmazonChannel(type="amazon", files=list(files), **config), ctx).read()


def by_sku(data):
    return {x.sku: x for x in data.listings}


def test_real_open_listings_inventory_report():
    data = read(ReadContext(base_dir=SAMPLES / "amazon"), "Product_inventory_lowercase_example.csv", currency="AUD")
    assert not data.bad_rows and not data.not_read
    assert [(x.sku, x.price, x.available) for x in data.listings] == [
        ("Guard175-testsku", 25.0, 7), ("RLS895-test1", 21.0, 120), ("testSku4", 44.5, 155), ("testsku1", 1.2, 200),
        ("AMZ-AU-FBAtest1", 9.0, None), ("AMZ-AU-test1", 10.0, None), ("testSku2", 33.45, None),
        ("testSku5", 62.5, None)]
    assert all(x.currency == "AUD" and x.status == "active" for x in data.listings)
    assert data.provides == {CAP_STOCK, CAP_PRICES}
    assert data.notes == [
        "Product_inventory_lowercase_example.csv: read as an Amazon inventory report (open listings) "
        "(8 listings, 4 fulfilled by Amazon, 4 without a quantity)",
        "4 Amazon listings have no quantity, so their stock is unknown "
        "(4 fulfilled by Amazon: add the FBA Manage Inventory report to read their stock)"]


def test_all_listings_report_statuses_fba_blank_and_bad_row(write, ctx):
    write("All+Listings+Report+09-21-2026.txt", ALL_LISTINGS)
    data = read(ctx, "All+Listings+Report+09-21-2026.txt")
    got = by_sku(data)
    assert set(got) == {"MUG-RED", "MUG-BLUE", "TEA-CADDY", "TEAPOT-OLD"}
    assert got["MUG-RED"].title == "Harbour Mug – Red" and got["MUG-RED"].available == 12
    assert got["MUG-BLUE"].status == "active"  # Inactive because it ran out: still a live listing
    assert got["TEAPOT-OLD"].status == "archived"  # Inactive with stock: closed
    assert got["TEA-CADDY"].available is None  # FBA: blank quantity is unknown, not 0
    assert [(b.row, b.why) for b in data.bad_rows] == [(6, "column 'quantity': 'lots' is not a whole number")]
    assert data.exported_at is not None
    assert data.currency is None


def test_fba_report_fills_amazon_fulfilled_stock_and_adds_fba_only_skus(write, ctx):
    write("listings.txt", ALL_LISTINGS)
    write("fba.txt", FBA)
    data = read(ctx, "listings.txt", "fba.txt", currency="gbp")
    got = by_sku(data)
    assert (got["TEA-CADDY"].available, got["TEA-CADDY"].reserved) == (7, 1)
    assert got["MUG-RED"].available == 12  # the seller's own count stays
    assert got["FBA-ONLY"].available == 3 and got["FBA-ONLY"].title == "FBA only thing"
    assert data.provides >= {CAP_STOCK, CAP_RESERVATIONS, CAP_PRICES}
    assert all(x.currency == "GBP" for x in data.listings)
    assert "1 SKUs in the FBA inventory report are not in the listings report: read from the FBA report alone" \
        in data.notes


def test_fba_report_alone_defines_listings(write, ctx):
    write("myi.txt", FBA)
    data = read(ctx, "myi.txt")
    assert [(x.sku, x.available, x.reserved) for x in data.listings] == [
        ("TEA-CADDY", 7, 1), ("FBA-ONLY", 3, 0), ("MUG-RED", 12, None)]
    assert "myi.txt: read as an Amazon FBA Manage Inventory report (2 SKUs in Amazon's warehouses, " \
           "1 seller-fulfilled)" in data.notes


def test_ledger_gives_sellable_movements_written_by_amazon(write, ctx):
    write("ledger.csv", LEDGER)
    data = read(ctx, "ledger.csv", timezone="Europe/London")
    assert [(e.sku, e.change, e.writer, e.writer_kind, e.reason) for e in data.events] == [
        ("TEA-CADDY", 10, "Amazon FBA", "integration", "Receipts"),
        ("TEA-CADDY", -2, "Amazon FBA", "order", "Shipments"),
        ("TEA-CADDY", -1, "Amazon FBA", "integration", "Adjustments (E)")]
    assert data.events[0].ts == 1789340400.0  # 2026-09-14 00:00 in London
    assert data.provides == {CAP_EVENTS}  # dated changes, but no record of which app made them
    assert [(b.row, b.why.split(":")[0]) for b in data.bad_rows] == [(6, "column 'Date'")]
    assert "1 movements of unsellable stock passed over" in data.notes[0]


def test_orders_report_unit_prices_statuses_and_continuation_rows(write, ctx):
    write("orders.txt", ORDERS)
    data = read(ctx, "orders.txt")
    lines = [(o.order_id, o.sku, o.quantity, o.unit_price, o.status, o.currency) for o in data.orders]
    assert lines == [("206-1", "TEA-CADDY", 2, 22.0, STATUS_FULFILLED, "GBP"),
                     ("206-2", "MUG-RED", 1, None, STATUS_OPEN, "GBP"),
                     ("206-3", "MUG-BLUE", 0, None, STATUS_CANCELLED, "GBP")]
    assert data.orders[1].ts == 1789547400.0  # +01:00 honoured
    assert all(o.restocked_quantity is None for o in data.orders)
    assert data.provides == {CAP_ORDERS} and data.currency == "GBP"
    assert [(b.row, b.why) for b in data.bad_rows] == [(6, "column 'quantity': 'three' is not a whole number")]
    assert "1 continuation rows passed over" in data.notes[0]
    assert data.history_days == 2.1  # 15 Sep 08:00 to 17 Sep 10:00


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le-bom", "cp1252", "utf-8-sig"])
def test_encodings_amazon_writes(write, ctx, encoding):
    if encoding == "utf-16-le-bom":
        content = b"\xff\xfe" + ALL_LISTINGS.replace("–", "-").encode("utf-16-le")
    else:
        content = ALL_LISTINGS.replace("–", "-").encode(encoding)
    write("l.txt", content)
    data = read(ctx, "l.txt")
    got = by_sku(data)
    assert got["TEA-CADDY"].title == "Tea Caddy £ edition"
    assert len(data.listings) == 4 and len(data.bad_rows) == 1


def test_renamed_reordered_extra_and_trailing_columns(write, ctx):
    text = ("status\tquantity\textra-thing\tseller-sku\tprice\t\t\n"
            "Active\t5\tx\tA-1\t1.50\t\t\n"
            "Active\t6\ty\tA-2\t2.50\t\t\n")
    write("odd.txt", text)
    data = read(ctx, "odd.txt")
    assert [(x.sku, x.available, x.price) for x in data.listings] == [("A-1", 5, 1.5), ("A-2", 6, 2.5)]
    assert data.listings[0].title == ""


def test_missing_price_column_is_named(write, ctx):
    write("fba.txt", "sku\tafn-fulfillable-quantity\nA\t4\n")
    data = read(ctx, "fba.txt")
    assert data.listings[0].available == 4 and CAP_PRICES not in data.provides
    assert ("fba.txt: no column 'your-price' (no prices); no column 'afn-reserved-quantity' "
            "(no reserved quantities)") in data.notes


def test_a_file_of_another_kind_is_not_read_and_named(write, ctx):
    write("shop.csv", "Handle,Title,Variant SKU,Variant Price\nx,X,X,1\n")
    write("gone.txt", b"")
    data = read(ctx, "shop.csv", "gone.txt", "missing.txt")
    assert [n.what for n in data.not_read] == ["shop.csv", "gone.txt", "missing.txt"]
    assert data.not_read[0].why.startswith("not an Amazon listings, FBA inventory, ledger or orders report: header has")
    assert data.listings == []


def test_minimal_orders_report_with_a_bare_date(write, ctx):
    write("orders.txt", "amazon-order-id\tpurchase-date\tsku\tquantity\n1\t2026-09-01\tA\t1\n")
    data = read(ctx, "orders.txt")
    assert len(data.orders) == 1 and math.isclose(data.orders[0].ts, 1788220800.0)


def test_german_all_listings_report(write, ctx):
    text = ("Artikelbezeichnung\tAngebotsnummer\tHändler-SKU\tPreis\tMenge\tErstellungsdatum\tVersender\tStatus\n"
            "Becher Rot\t0912\tMUG-RED\t16,49\t12\t12.03.2024\tDEFAULT\tAktiv\n"
            "Becher Blau\t0913\tMUG-BLUE\t1.016,50\t3\t12.03.2024\tDEFAULT\tInaktiv\n"
            "Teedose\t0914\tTEA\t22,00\t\t12.03.2024\tAMAZON_EU\tAktiv\n")
    write("Alle+Angebote.txt", text.encode("cp1252"))
    data = read(ctx, "Alle+Angebote.txt", currency="EUR")
    assert [(x.sku, x.title, x.price, x.available, x.status) for x in data.listings] == [
        ("MUG-RED", "Becher Rot", 16.49, 12, "active"), ("MUG-BLUE", "Becher Blau", 1016.5, 3, "archived"),
        ("TEA", "Teedose", 22.0, None, "active")]
    assert "Alle+Angebote.txt: not UTF-8 text; read as Windows-1252" in data.notes
    assert "1 fulfilled by Amazon" in data.notes[1]


def test_multi_channel_fulfilment_lines_are_not_amazon_sales(write, ctx):
    text = ("amazon-order-id\tpurchase-date\torder-status\tsales-channel\tsku\tquantity\tcurrency\titem-price\n"
            "206-1\t2026-09-15T08:00:00+00:00\tShipped\tAmazon.co.uk\tTEA\t1\tGBP\t5.00\n"
            "S01-2\t2026-09-15T09:00:00+00:00\tShipped\tNon-Amazon UK\tTEA\t2\tGBP\t10.00\n")
    write("o.txt", text)
    data = read(ctx, "o.txt")
    assert [o.order_id for o in data.orders] == ["206-1"]
    assert "1 multi-channel fulfilment lines (sold elsewhere, shipped by FBA) passed over" in data.notes[0]

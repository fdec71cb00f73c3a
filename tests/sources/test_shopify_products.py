"""Shopify product CSVs: the two real samples, the current header, and the quirks around them."""

from __future__ import annotations

import shutil
from collections import Counter

from leakcheck.model import CAP_POLICY, CAP_PRICES, CAP_PRODUCT_IDS, CAP_STOCK, CAP_TRACKED
from leakcheck.sources.base import ReadContext
from leakcheck.sources.shopify import ShopifyChannel, ShopifyFiles

from .conftest import SAMPLES


def read(ctx: ReadContext, *files: str, **config):
    channel = ShopifyChannel(type="shopify", files=list(files), **config)
    return ShopifyFiles("shop", channel, ctx).read()


def sample_ctx() -> ReadContext:
    return ReadContext(base_dir=SAMPLES / "shopify")


def test_real_product_export_reads_every_variant_and_skips_image_rows():
    data = read(sample_ctx(), "products_export_1.csv")
    assert not data.bad_rows and not data.not_read
    assert len(data.listings) == 14  # 61 rows - 47 image-only rows
    assert data.notes == ["products_export_1.csv: read as a Shopify product export (older header) "
                          "(14 variants, 47 image-only rows passed over)"]
    skus = Counter(listing.sku for listing in data.listings)
    assert sorted(s for s, n in skus.items() if n > 1) == [
        "stmw-med-neutral-backroom-1oz-usa", "stmw-med-neutral-bayrum-1oz-usa", "stmw-med-neutral-citrus-1oz-usa",
    ]
    assert "" not in skus
    assert Counter(listing.tracked for listing in data.listings) == {True: 14}
    assert Counter(listing.policy for listing in data.listings) == {"continue": 12, "deny": 2}
    assert Counter(listing.status for listing in data.listings) == {"active": 10, "draft": 4}
    assert len({listing.product_id for listing in data.listings}) == 8  # eight handles in the file
    assert data.provides == {CAP_STOCK, CAP_POLICY, CAP_TRACKED, CAP_PRICES, CAP_PRODUCT_IDS}


def test_real_product_export_values_and_row_numbers():
    data = read(sample_ctx(), "products_export_1.csv")
    by_sku = {listing.sku: listing for listing in data.listings}
    first = data.listings[0]
    assert (first.sku, first.available, first.price, first.product_id, first.row) == (
        "og1oz-light-black-usa", 0, 15.99, "mustache-wax", 2)
    assert first.title.startswith("Mustache Wax - 1 Ounce (Pack of 1) / Medium Hold")
    # the variant rows of "mustache-wax" carry no Status: the product's first row gives it
    assert by_sku["stmw-med-neutral-bayrum-tube-half-oz"].status == "active"
    assert by_sku["og1oz-dark-black-usa"].row == 46  # its record starts on line 46 (multi-line description above)
    assert by_sku["wax-original-2oz"].row == 108
    assert by_sku["wax-original-2oz"].available == 46
    assert by_sku["original-1oz"].available == 38
    negative = [listing for listing in data.listings if listing.sku == "stmw-med-neutral-citrus-1oz-usa"]
    assert sorted(listing.available for listing in negative) == [-2, 0]
    # "Default Title" is Shopify's placeholder for a product without options: the title is the product's own
    assert by_sku["og1oz-dark-black-usa"].title == "Mustache Wax - Dark Black - Medium Hold - Light Citrus Scent " \
                                                   "- One Ounce Tin"
    assert by_sku["kent-81t-tortoiseshell-usa"].policy == "deny"


def test_legacy_template_blank_sku_untracked_and_no_quantities():
    data = read(sample_ctx(), "product_template.csv")
    assert [listing.sku for listing in data.listings] == ["", "example-shirt-s", "example-shirt-m"]
    assert [listing.tracked for listing in data.listings] == [False, False, True]
    assert [listing.available for listing in data.listings] == [None, None, None]
    assert [listing.price for listing in data.listings] == [25.0, 19.99, 19.99]
    assert {listing.policy for listing in data.listings} == {"deny"}
    assert {listing.status for listing in data.listings} == {"active"}  # no Status column: active
    assert data.listings[0].title == 'Example T-Shirt - Lithograph - Height: 9" x Width: 12"'
    assert data.listings[1].title == "Example T-Shirt - Small"
    assert CAP_STOCK not in data.provides  # no quantity anywhere: the file says nothing about stock
    assert {CAP_POLICY, CAP_TRACKED, CAP_PRICES} <= data.provides


CURRENT = (
    "Title,URL handle,Description,Vendor,Status,SKU,Barcode,Option1 name,Option1 value,Option2 name,Option2 value,"
    "Price,Compare-at price,Inventory tracker,Inventory quantity,Continue selling when out of stock,"
    "Product image URL\n"
    "Red Mug,red-mug,\"Lovely\nmug\",Acme,Active,MUG-RED-S,,Size,Small,Colour,Red,12.50,,shopify,7,deny,\n"
    ",red-mug,,,,MUG-RED-L,,,Large,,Red,14.00,,shopify,\"1,204\",continue,\n"
    ",red-mug,,,,,,,,,,,,,,,https://cdn.example/img2.png\n"
    "Tea,tea-50g,,Acme,Archived,TEA-50G,,Title,Default Title,,,4.00,,,3,FALSE,\n"
)


def test_current_header_is_read(write, ctx):
    write("export.csv", CURRENT)
    data = read(ctx, "export.csv", currency="GBP")
    assert data.notes == ["export.csv: read as a Shopify product export (3 variants, 1 image-only rows passed over)"]
    got = [(lst.sku, lst.title, lst.available, lst.price, lst.policy, lst.tracked, lst.status, lst.product_id,
            lst.currency, lst.row) for lst in data.listings]
    assert got == [
        ("MUG-RED-S", "Red Mug - Small / Red", 7, 12.5, "deny", True, "active", "red-mug", "GBP", 2),
        ("MUG-RED-L", "Red Mug - Large / Red", 1204, 14.0, "continue", True, "active", "red-mug", "GBP", 4),
        ("TEA-50G", "Tea", 3, 4.0, "deny", False, "archived", "tea-50g", "GBP", 6),
    ]


def test_bad_quantity_cell_is_named_and_the_other_rows_are_read(write, ctx):
    text = CURRENT.replace('"1,204"', "lots")
    write("export.csv", text)
    data = read(ctx, "export.csv")
    assert [listing.sku for listing in data.listings] == ["MUG-RED-S", "TEA-50G"]
    assert [(b.file, b.row, b.why) for b in data.bad_rows] == [
        ("export.csv", 4, "column 'Inventory quantity': 'lots' is not a whole number")]


def test_bad_price_and_policy_cells_are_named(write, ctx):
    text = CURRENT.replace("12.50", "twelve").replace(",continue,", ",sometimes,")
    write("export.csv", text)
    data = read(ctx, "export.csv")
    assert [listing.sku for listing in data.listings] == ["TEA-50G"]
    assert [(b.row, b.why) for b in data.bad_rows] == [
        (2, "column 'Price': 'twelve' is not a price"),
        (4, "column 'Continue selling when out of stock': 'sometimes' is not an oversell setting (deny or continue)"),
    ]


def test_windows_1252_export_with_bom_less_pound_signs(write, ctx):
    text = "Handle,Title,Variant SKU,Variant Price,Variant Inventory Qty\nmug,Mug £ edition,MUG,£9.50,3\n"
    write("p.csv", text.encode("cp1252"))
    data = read(ctx, "p.csv")
    assert data.listings[0].title == "Mug £ edition" and data.listings[0].price == 9.5
    assert "p.csv: not UTF-8 text; read as Windows-1252" in data.notes


def test_sample_copies_are_the_real_files(tmp_path):
    # the fixtures are byte-for-byte copies; a CRLF template must stay CRLF (no git newline rewriting)
    raw = (SAMPLES / "shopify" / "product_template.csv").read_bytes()
    assert raw.count(b"\r\n") == 4
    shutil.copy(SAMPLES / "shopify" / "product_template.csv", tmp_path / "t.csv")
    assert read(ReadContext(base_dir=tmp_path), "t.csv").listings[2].row == 4

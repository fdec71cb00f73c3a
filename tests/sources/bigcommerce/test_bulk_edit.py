"""BigCommerce's Bulk Edit export: SKU rows inherit from the Product row above, Rule rows passed over."""

from __future__ import annotations

from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from leakcheck.model import CAP_POLICY, CAP_PRICES, CAP_PRODUCT_IDS, CAP_STOCK, CAP_TRACKED
from leakcheck.sources.bigcommerce import BigCommerceFiles
from leakcheck.sources.bigcommerce.bulk_edit import option_text
from leakcheck.sources.recognise import identify, recognise

from ..square_files.support import assert_never_raises, mangle, read
from ..square_files.xlsx_writer import write_xlsx

HEADER = ("Item Type,Product ID,Product Name,Product Type,Product Code/SKU,Bin Picking Number,Brand Name,"
          "Option Set,Option Set Align,Product Description,Price,Cost Price,Retail Price,Sale Price,"
          "Fixed Shipping Cost,Free Shipping,Product Warranty,Product Weight,Product Width,Product Height,"
          "Product Depth,Allow Purchases?,Product Visible?,Product Availability,Track Inventory,"
          "Current Stock Level,Low Stock Level,Category")
EXPORT = "\n".join([
    HEADER,
    "Product,101,Stoneware Mug,P,MUG,,Harbour,Colours,Right,<p>Mug</p>,14.00,4.00,0.00,0.00,0,N,,0.4,9,10,9,Y,Y,,by option,0,1,Mugs",
    "SKU,,\"[RB]Colour=Blue\",,MUG-BLUE,,,,,,,,,,,,,,,,,,,,,3,1,",
    "SKU,,\"[RB]Colour=Red\",,MUG-RED,,,,,,15.50,,,,,,,,,,,,,,,0,1,",
    "Rule,,,,,,,,,,,,,,,,,,,,,,,,,,,",
    "Product,102,Tea Caddy,P,TEA,,,,,,\"1,200.00\",,,9.99,,,,,,,,Y,N,,by product,7,0,Tea",
    "SKU,,\"[S]Size=Small,[RB]Lid=Oak\",,TEA-S,,,,,,,,,,,,,,,,,,,,,2,,",
    "Product,103,Gift card,D,GIFT,,,,,,25,,,,,,,,,,,Y,Y,,none,0,0,Gifts",
    "Product,104,Candle,P,CANDLE,,,,,,9,,,,,,,,,,,Y,Y,,by product,lots,0,Home",
    "SKU,,\"[RB]Scent=Fig\",,CANDLE-FIG,,,,,,,,,,,,,,,,,,,,,1,,",
    "Product,105,Jar,P,JAR,,,,,,5,,,,,,,,,,,N,Y,,by product,-1,0,Home",
]) + "\n"


def test_reads_products_and_variants(write):
    data = read(BigCommerceFiles, "bigcommerce", write("products-2026-09-21.csv", "\ufeff" + EXPORT), currency="USD")
    got = [(x.sku, x.title, x.available, x.tracked, x.price, x.status, x.product_id) for x in data.listings]
    assert got == [
        ("MUG-BLUE", "Stoneware Mug - Blue", 3, True, 14.0, "active", "101"),
        ("MUG-RED", "Stoneware Mug - Red", 0, True, 15.5, "active", "101"),
        ("TEA-S", "Tea Caddy - Small / Oak", 7, True, 9.99, "draft", "102"),  # by product: the product's count
        ("GIFT", "Gift card", None, False, 25.0, "active", "103"),
        ("JAR", "Jar", -1, True, 5.0, "draft", "105"),
    ]
    assert {x.currency for x in data.listings} == {"USD"}
    assert [(b.row, b.why) for b in data.bad_rows] == [
        (9, "column 'Current Stock Level': 'lots' is not a whole number"),
        (10, "its Product row (9) could not be read, so this variant was not either")]
    assert data.provides == {CAP_STOCK, CAP_TRACKED, CAP_PRICES, CAP_PRODUCT_IDS}
    assert CAP_POLICY not in data.provides
    assert any("1 rule rows passed over" in n for n in data.notes)


def test_option_text():
    assert option_text("[S]Size=Small,[RB]Colour=Red") == "Small / Red"
    assert option_text("") == ""


def test_xlsx_and_reordered_columns(tmp_path: Path):
    rows = [["Product Code/SKU", "Current Stock Level", "Item Type", "Product Name", "Product ID", "Price", "Extra", ""],
            ["MUG", 0, "Product", "Mug", 7, 12.5, "x"], ["MUG-1", 4, "SKU", "[RB]Colour=Blue", None, None, ""],
            ["PLAIN", 2, "Product", "Plain", 8, 3, ""]]
    data = read(BigCommerceFiles, "bigcommerce", write_xlsx(tmp_path / "bulk.xlsx", rows))
    assert [(x.sku, x.available, x.tracked, x.price, x.product_id) for x in data.listings] == [
        ("MUG-1", 4, None, 12.5, "7"), ("PLAIN", 2, None, 3.0, "8")]
    assert CAP_TRACKED not in data.provides


def test_not_the_export_is_named(write):
    data = read(BigCommerceFiles, "bigcommerce", write("x.csv", "Item,ID,Name,SKU\nProduct,1,A,B\n"))
    assert data.listings == [] and data.not_read[0].why.startswith("not a BigCommerce Bulk Edit product export")


def test_recognised_on_sight_as_the_store(tmp_path: Path):
    (tmp_path / "bulk.csv").write_text(EXPORT)
    result = recognise([tmp_path])
    assert result.channels == {"bigcommerce": {"type": "bigcommerce", "files": [str(tmp_path / "bulk.csv")]}}
    assert result.owner == "bigcommerce"
    assert identify(HEADER.split(",")).platform == "bigcommerce"


@settings(max_examples=60, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.binary(max_size=400) | st.builds(
    mangle, st.just(EXPORT.splitlines()), st.lists(st.integers(0, 200), max_size=4),
    st.lists(st.sampled_from(["", ",", '"', "\x00", "é", ",,,,,,,,,,,,,,,", "\r", "9" * 40, "SKU", "Rule"]),
             max_size=3)))
def test_fuzz_never_raises(content):
    assert_never_raises(BigCommerceFiles, "bigcommerce", content)

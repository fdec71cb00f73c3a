"""WooCommerce's product CSV exporter: variations joined to parents, stock and backorder words, the real sample."""

from __future__ import annotations

from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from leakcheck.model import CAP_POLICY, CAP_PRICES, CAP_PRODUCT_IDS, CAP_STOCK, CAP_TRACKED
from leakcheck.sources.recognise import identify, recognise
from leakcheck.sources.woocommerce import WooCommerceFiles

from ..conftest import SAMPLES
from ..square_files.support import assert_never_raises, mangle, read

SAMPLE = SAMPLES / "woocommerce" / "experimental_fashion_sample_9_products.csv"
EXPORT = (
    "ID,Type,SKU,Name,Published,Is featured?,Visibility in catalog,In stock?,Stock,Manage stock?,"
    "Backorders allowed?,Sale price,Regular price,Parent,Grouped products,Position,Attribute 1 name,"
    "Attribute 1 value(s),,\n"
    "10,variable,MUG,Stoneware Mug,1,0,visible,1,12,1,notify,,14,,,0,Colour,\"Blue, Red\",,\n"
    "11,variation,MUG-BLUE,Stoneware Mug - Blue,1,0,visible,1,3,1,0,,14,id:10,,1,Colour,Blue,,\n"
    "12,variation,MUG-RED,Stoneware Mug - Red,0,0,visible,1,parent,parent,parent,12.50,14,MUG,,2,Colour,Red,,\n"
    "13,\"simple, virtual\",GIFT-CARD,Gift card,1,0,visible,1,,0,0,,25,,,0,,,,\n"
    "14,simple,TEA,Tea,-1,0,visible,backorder,-2,1,1,,\"1,200.00\",,,0,,,,\n"
    "15,grouped,SET,Mug and tea,1,0,visible,1,,0,0,,,,\"MUG, TEA\",0,,,,\n"
    "16,external,BOOK,Cook book,1,0,visible,1,,0,0,,9,,,0,,,,\n"
    "17,variation,ODD-1,,1,0,visible,1,4,1,yes,,5,id:99,,0,,,,\n"
    "18,simple,BAD,Bad,1,0,visible,1,lots,1,0,,5,,,0,,,,\n"
)


def test_the_official_sample_reads_right():
    data = read(WooCommerceFiles, "woocommerce", SAMPLE)
    got = {x.sku: (x.available, x.tracked, x.policy, x.price) for x in data.listings}
    assert len(got) == 9 and data.bad_rows == [] and data.not_read == []
    assert got["woo-fasion-shirt"] == (10, True, "deny", 18.0)  # sale price 18, regular 20
    assert got["woo-fasion-blouse"] == (None, False, "deny", None)  # Stock blank: not managed, no price
    assert got["woo-fasion-sweater"] == (5, True, "deny", 16.0)  # variable with no variations in the file
    assert got["woo-fasion-shirt-cream"][0] == 5
    assert any("2 variable product(s) have no variation rows" in n for n in data.notes)
    assert data.provides == {CAP_STOCK, CAP_TRACKED, CAP_POLICY, CAP_PRICES, CAP_PRODUCT_IDS}


def test_variations_inherit_from_their_parent(write):
    data = read(WooCommerceFiles, "woocommerce", write("wc-product-export-21-9-2026.csv", "\ufeff" + EXPORT),
                currency="EUR")
    got = [(x.sku, x.title, x.available, x.tracked, x.policy, x.price, x.status, x.product_id, x.variant_id)
           for x in data.listings]
    assert got == [
        ("MUG-BLUE", "Stoneware Mug - Blue", 3, True, "deny", 14.0, "active", "id:10", "11"),
        ("MUG-RED", "Stoneware Mug - Red", 12, True, "continue", 12.5, "draft", "id:10", "12"),  # parent by SKU
        ("GIFT-CARD", "Gift card", None, False, "deny", 25.0, "active", "id:13", "13"),
        ("TEA", "Tea", -2, True, "continue", 1200.0, "draft", "id:14", "14"),
        ("ODD-1", "", 4, True, "continue", 5.0, "active", "id:99", "17"),
    ]
    assert {x.currency for x in data.listings} == {"EUR"}
    assert [(b.row, b.why) for b in data.bad_rows] == [(10, "column 'Stock': 'lots' is not a whole number")]
    assert any("1 variation(s) name a parent that is not in the file" in n for n in data.notes)
    assert any("1 external/affiliate product(s) left out" in n for n in data.notes)


def test_variation_before_its_parent_and_crlf_and_cp1252(write):
    lines = EXPORT.splitlines()
    text = "\r\n".join([lines[0], lines[2], lines[1]]).replace("Stoneware Mug - Blue", "Café Mug - Blue") + "\r\n"
    data = read(WooCommerceFiles, "woocommerce", write("p.csv", text, encoding="cp1252"))
    assert [(x.sku, x.title, x.product_id) for x in data.listings] == [("MUG-BLUE", "Café Mug - Blue", "id:10")]


def test_without_backorders_column_policy_is_not_claimed(write):
    data = read(WooCommerceFiles, "woocommerce", write("p.csv", "Type,SKU,Name,In stock?,Stock\nsimple,A,Alpha,1,3\n"))
    assert [(x.sku, x.available, x.policy) for x in data.listings] == [("A", 3, None)]
    assert CAP_POLICY not in data.provides and CAP_PRICES not in data.provides
    assert any("no 'Backorders allowed?' column" in n for n in data.notes)


def test_not_the_export_is_named(write):
    data = read(WooCommerceFiles, "woocommerce", write("x.csv", "SKU,Name\nA,B\n"))
    assert data.listings == [] and data.not_read[0].why.startswith("not a WooCommerce product export")


def test_recognised_on_sight_as_the_store(tmp_path: Path):
    (tmp_path / "products.csv").write_bytes(SAMPLE.read_bytes())
    result = recognise([tmp_path])
    assert result.channels == {"woocommerce": {"type": "woocommerce", "files": [str(tmp_path / "products.csv")]}}
    assert result.owner == "woocommerce"
    assert identify(EXPORT.splitlines()[0].split(",")).platform == "woocommerce"


@settings(max_examples=60, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.binary(max_size=400) | st.builds(
    mangle, st.just(EXPORT.splitlines()), st.lists(st.integers(0, 200), max_size=4),
    st.lists(st.sampled_from(["", ",", '"', "\x00", "é", ",,,,,,,,,,,,,,,", "\r", "9" * 40, "parent", "id:10"]),
             max_size=3)))
def test_fuzz_never_raises(content):
    assert_never_raises(WooCommerceFiles, "woocommerce", content)


def test_repeated_cells_read_alike_and_a_repeated_bad_one_is_a_bad_row_each_time(write):
    """Stock, backorders and price cells are parsed once per distinct text; errors are never kept."""
    text = ("Type,SKU,Name,In stock?,Stock,Backorders allowed?,Regular price\n"
            + "".join(f"simple,S{n},Item,1,{stock},{back},{price}\n"
                      for n, (stock, back, price) in enumerate([("3", "notify", '"2,50"'), ("3", "notify", '"2,50"'),
                                                                ("lots", "0", "1"), ("lots", "0", "1"),
                                                                ("1", "maybe", "1"), ("1", "maybe", "1")])))
    data = read(WooCommerceFiles, "woocommerce", write("p.csv", text))
    assert [(x.sku, x.available, x.policy, x.price) for x in data.listings] == [
        ("S0", 3, "continue", 2.5), ("S1", 3, "continue", 2.5)]
    assert [(b.row, b.why.split(":")[0]) for b in data.bad_rows] == [
        (4, "column 'Stock'"), (5, "column 'Stock'"),
        (6, "column 'Backorders allowed?'"), (7, "column 'Backorders allowed?'")]

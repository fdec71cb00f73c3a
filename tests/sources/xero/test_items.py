"""Xero's inventory items export: CSV and XLSX, quirks, missing columns, parity with the World, recognition."""

from __future__ import annotations

from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from leakcheck.model import CAP_ON_HAND, CAP_PRICES
from leakcheck.sources.recognise import identify, recognise
from leakcheck.sources.xero import XeroFiles
from tests.scenarios import to_snapshot
from tests.scenarios.writers import xero_native

from ..square_files.support import assert_never_raises, mangle, read, small_world
from ..square_files.xlsx_writer import write_xlsx

HEADER = ("*ItemCode,ItemName,QuantityOnHand,PurchasesDescription,PurchasesUnitPrice,PurchasesAccount,"
          "PurchasesTaxRate,SalesDescription,SalesUnitPrice,SalesAccount,SalesTaxRate,InventoryAssetAccount,"
          "CostOfGoodsSoldAccount")
ITEMS = (HEADER + "\r\n"
         "MUG-RED,Red mug,12,Red mug,4.00,,20% (VAT on Expenses),Red mug,12.50,200,20% (VAT on Income),630,310\r\n"
         "DELIVERY,Delivery,,,,,,Delivery,\"1,250.00\",200,20% (VAT on Income),,\r\n"
         "TEA-1,\"Tea, loose\",0.0000,,,,,,,,,630,310\r\n"
         "HALF,Half,12.5,,,,,,3,,,630,310\r\n")


def test_reads_items_with_on_hand_and_prices(write):
    data = read(XeroFiles, "xero", write("InventoryItems-20260921.csv", "\ufeff" + ITEMS), currency="GBP")
    assert [(x.sku, x.title, x.on_hand, x.available, x.price, x.currency) for x in data.listings] == [
        ("MUG-RED", "Red mug", 12, None, 12.5, "GBP"),
        ("DELIVERY", "Delivery", None, None, 1250.0, "GBP"),
        ("TEA-1", "Tea, loose", 0, None, None, "GBP"),
    ]
    assert data.provides == {CAP_ON_HAND, CAP_PRICES}
    assert [(b.row, b.why) for b in data.bad_rows] == [(5, "column 'QuantityOnHand': '12.5' is not a whole number")]
    assert data.not_read == []
    assert any("1 not tracked as inventory" in n for n in data.notes)
    assert data.exported_at is not None  # the date in the file name


def test_reordered_renamed_and_extra_columns_and_trailing_empties(write):
    text = ("Status,ItemCode,SalesUnitPrice,ItemName,QuantityOnHand,,\n"
            "Active,A,2.5,Alpha,3,,\n"
            "Active,B,,Beta,7,,\n")
    data = read(XeroFiles, "xero", write("items.csv", text))
    assert [(x.sku, x.on_hand, x.price) for x in data.listings] == [("A", 3, 2.5), ("B", 7, None)]


def test_without_quantity_column_says_what_is_lost(write):
    data = read(XeroFiles, "xero", write("items.csv", "*ItemCode,ItemName,SalesUnitPrice\nA,Alpha,2\n"))
    assert [x.on_hand for x in data.listings] == [None]
    assert CAP_ON_HAND not in data.provides and CAP_PRICES in data.provides
    assert any("no QuantityOnHand column; on-hand counts" in n for n in data.notes)


def test_xlsx_reads_like_the_csv(tmp_path: Path, write):
    csv_data = read(XeroFiles, "xero", write("a.csv", ITEMS))
    import csv
    import io

    rows = [[float(c) if c.replace(".", "").isdigit() else c for c in r] for r in csv.reader(io.StringIO(ITEMS))]
    book = write_xlsx(tmp_path / "items.xlsx", rows)
    xlsx_data = read(XeroFiles, "xero", book)
    assert [(x.sku, x.on_hand, x.price) for x in xlsx_data.listings] == [
        (x.sku, x.on_hand, x.price) for x in csv_data.listings]
    assert len(xlsx_data.bad_rows) == 1


def test_not_an_items_export_is_named(write):
    data = read(XeroFiles, "xero", write("x.csv", "Handle,Title\nx,y\n"))
    assert data.listings == [] and len(data.not_read) == 1
    assert data.not_read[0].why.startswith("not a Xero inventory items export: header has 'Handle', 'Title'")
    broken = read(XeroFiles, "xero", write("y.xlsx", b"PK\x03\x04garbage"))
    assert "not an Excel workbook we can read" in broken.not_read[0].why


def test_parity_with_the_world(tmp_path: Path):
    world = small_world()
    want = to_snapshot(world).channels["accounts"]
    for xlsx in (False, True):
        path = xero_native.write(world, tmp_path / str(xlsx), "accounts", xlsx=xlsx)["items"]
        got = read(XeroFiles, "xero", path)
        assert sorted((x.sku, x.on_hand, x.price) for x in got.listings) == sorted(
            (x.sku, x.on_hand, round(x.price, 2)) for x in want.listings)
        assert got.provides == want.provides and got.bad_rows == []


def test_recognised_on_sight(tmp_path: Path):
    (tmp_path / "export (2).csv").write_text(ITEMS)
    result = recognise([tmp_path])
    assert result.channels == {"xero": {"type": "xero", "files": [str(tmp_path / "export (2).csv")]}}
    assert result.table[0].platform == "Xero"
    assert identify(HEADER.split(",")).platform == "xero"


@settings(max_examples=60, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.binary(max_size=400) | st.builds(
    mangle, st.just(ITEMS.splitlines()), st.lists(st.integers(0, 120), max_size=4),
    st.lists(st.sampled_from(["", ",", '"', "\x00", "é", ",,,,,,,,,,,,,,,", "\r", "9" * 40]), max_size=3)))
def test_fuzz_never_raises(content):
    assert_never_raises(XeroFiles, "xero", content)

"""Square's item library export (the till's files way in): locations from headers, CSV and XLSX, the real sample."""

from __future__ import annotations

from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from leakcheck.config import config_from_dict
from leakcheck.engine import read_snapshot
from leakcheck.model import CAP_LOCATIONS, CAP_PRICES, CAP_PRODUCT_IDS, CAP_STOCK
from leakcheck.sources.base import source_for, ReadContext
from leakcheck.sources.recognise import identify, recognise
from leakcheck.sources.square import SquareChannel
from leakcheck.sources.square.files import SquareFiles
from tests.scenarios import to_snapshot
from tests.scenarios.writers import square_native

from ..conftest import SAMPLES
from .support import assert_never_raises, mangle, read, small_world
from .xlsx_writer import write_xlsx

SAMPLE = SAMPLES / "square" / "2XJWG21S422RM_catalog-2025-08-31-2022.csv"
HEADER = ("Token,Item Name,Variation Name,SKU,Description,Categories,Price,Archived,Sellable,Stockable,"
          "Current Quantity Harbour St,New Quantity Harbour St,Stock Alert Enabled Harbour St,"
          "Stock Alert Count Harbour St,Current Quantity Market Stall,New Quantity Market Stall,"
          "Stock Alert Enabled Market Stall,Stock Alert Count Market Stall,Tax - VAT (20%)")
LIBRARY = (HEADER + "\n"
           "7AAA,Stoneware Mug,Blue,MUG-BLUE,,Mugs,14.00,N,Y,Y,8,,Y,2,3,,N,,Y\n"
           "7AAB,Stoneware Mug,Red,MUG-RED,,Mugs,14.00,N,Y,Y,0,,Y,2,,,N,,Y\n"
           "7AAC,Tea Caddy,Regular,TEA-1,,Tea,\"1,200.50\",Y,Y,Y,1.5,,N,,-2,,N,,Y\n"
           "7AAD,Candle,Regular,CANDLE,,Home,9.00,N,Y,Y,many,,N,,1,,N,,Y\n")


def test_repeated_counts_and_prices_read_alike_and_each_fraction_is_counted(write):
    """Counts and prices are parsed once per distinct text: a repeat must read the same, a repeated
    fraction is still counted every time, and a repeated bad count is a bad row every time."""
    rows = [f"7B{n},Jar,Regular,JAR-{n},,Home,\"1,200.50\",N,Y,Y,{qty},,N,,{qty},,N,,Y"
            for n, qty in enumerate(["2.5", "2.5", "4", "4", "lots", "lots"])]
    data = read(SquareFiles, "square", write("catalog.csv", HEADER + "\n" + "\n".join(rows) + "\n"))
    assert [(x.sku, x.available, x.price) for x in data.listings if x.location == "Harbour St"] == [
        ("JAR-0", 2, 1200.5), ("JAR-1", 2, 1200.5), ("JAR-2", 4, 1200.5), ("JAR-3", 4, 1200.5)]
    assert any("4 count(s) had a fraction" in n for n in data.notes)  # two rows, two locations each
    assert [b.row for b in data.bad_rows] == [6, 7]


def test_header_only_sample_is_an_empty_catalogue_with_a_note():
    data = read(SquareFiles, "square", SAMPLE)
    assert data.listings == [] and data.not_read == [] and data.bad_rows == []
    assert any("empty item library" in n and "2 location(s): Fraser Highland Shoppe, KSF" in n for n in data.notes)
    assert {CAP_STOCK, CAP_LOCATIONS} <= data.provides


def test_one_listing_per_variation_per_location(write):
    data = read(SquareFiles, "square", write("catalog.csv", LIBRARY), currency="GBP")
    got = [(x.sku, x.title, x.location, x.available, x.price, x.status, x.variant_id) for x in data.listings]
    assert got == [
        ("MUG-BLUE", "Stoneware Mug - Blue", "Harbour St", 8, 14.0, "active", "7AAA"),
        ("MUG-BLUE", "Stoneware Mug - Blue", "Market Stall", 3, 14.0, "active", "7AAA"),
        ("MUG-RED", "Stoneware Mug - Red", "Harbour St", 0, 14.0, "active", "7AAB"),
        ("MUG-RED", "Stoneware Mug - Red", "Market Stall", None, 14.0, "active", "7AAB"),  # untracked there
        ("TEA-1", "Tea Caddy", "Harbour St", 1, 1200.5, "archived", "7AAC"),  # fraction rounded down
        ("TEA-1", "Tea Caddy", "Market Stall", -2, 1200.5, "archived", "7AAC"),
    ]
    assert {x.currency for x in data.listings} == {"GBP"}
    assert {x.product_id for x in data.listings} == {"Stoneware Mug", "Tea Caddy"}
    assert [(b.row, b.why) for b in data.bad_rows] == [
        (5, "column 'Current Quantity Harbour St': 'many' is not a number")]
    assert data.provides == {CAP_STOCK, CAP_LOCATIONS, CAP_PRICES, CAP_PRODUCT_IDS}
    assert any("1 count(s) had a fraction" in n for n in data.notes)


def test_older_export_with_enabled_and_price_per_location(write):
    text = ("Item Name,Variation Name,SKU,Price,Enabled Shop,Current Quantity Shop,Price Shop,"
            "Enabled Van,Current Quantity Van,Price Van\n"
            "Mug,Regular,MUG,10,Y,4,12.00,N,9,\n"
            "Jar,Regular,JAR,5,Y,1,,Y,2,6\n")
    data = read(SquareFiles, "square", write("old.csv", "\ufeff" + text.replace("\n", "\r\n")))
    assert [(x.sku, x.location, x.available, x.price) for x in data.listings] == [
        ("MUG", "Shop", 4, 12.0), ("JAR", "Shop", 1, 5.0), ("JAR", "Van", 2, 6.0)]


def test_without_count_columns_no_stock_is_claimed(write):
    data = read(SquareFiles, "square", write("c.csv", "Item Name,Variation Name,SKU,Price\nMug,Regular,MUG,10\n"))
    assert [(x.sku, x.location, x.available) for x in data.listings] == [("MUG", "", None)]
    assert CAP_STOCK not in data.provides
    assert any("no 'Current Quantity <location>' columns" in n for n in data.notes)


def test_xlsx_reads_like_the_csv(tmp_path: Path, write):
    import csv
    import io

    rows = [[int(c) if c.isdigit() else c for c in r] for r in csv.reader(io.StringIO(LIBRARY))]
    book = read(SquareFiles, "square", write_xlsx(tmp_path / "library.xlsx", rows))
    text = read(SquareFiles, "square", write("library.csv", LIBRARY))
    assert [(x.sku, x.location, x.available, x.price) for x in book.listings] == [
        (x.sku, x.location, x.available, x.price) for x in text.listings]


def test_parity_with_the_world(tmp_path: Path):
    world = small_world()
    want = to_snapshot(world).channels["till"]
    for xlsx in (False, True):
        path = square_native.write(world, tmp_path / str(xlsx), "till", xlsx=xlsx)["items"]
        got = read(SquareFiles, "square", path, currency="GBP")
        assert got.not_read == [] and got.bad_rows == []
        assert sorted((x.sku, x.available, x.price) for x in got.listings) == sorted(
            (x.sku, x.available, round(x.price, 2)) for x in want.listings)
        assert {x.location for x in got.listings} == {square_native.DEFAULT_LOCATION}


def test_files_route_to_the_files_source_and_live_without(tmp_path: Path, write):
    ctx = ReadContext(base_dir=tmp_path)
    assert source_for(SquareChannel(type="square", files=["a.csv"]), ctx) is SquareFiles
    assert source_for(SquareChannel(type="square"), ctx).way_in == "live"
    write("till.csv", LIBRARY)
    snap = read_snapshot(config_from_dict({"channels": {"till": {"type": "square", "files": ["till.csv"]}}},
                                          base_dir=tmp_path))
    assert len(snap.channels["till"].listings) == 6


def test_not_a_library_is_named(write):
    data = read(SquareFiles, "square", write("x.csv", "Date,Item,Qty\n2026-01-01,Mug,1\n"))
    assert data.listings == [] and data.not_read[0].why.startswith("not a Square item library export: header has")


def test_recognised_on_sight(tmp_path: Path):
    (tmp_path / "till.csv").write_text(LIBRARY)
    result = recognise([tmp_path])
    assert result.channels == {"square": {"type": "square", "files": [str(tmp_path / "till.csv")]}}
    assert identify(SAMPLE.read_text().splitlines()[0].split(",")).platform == "square"


@settings(max_examples=60, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.binary(max_size=400) | st.builds(
    mangle, st.just(LIBRARY.splitlines()), st.lists(st.integers(0, 200), max_size=4),
    st.lists(st.sampled_from(["", ",", '"', "\x00", "é", ",,,,,,,,,,,,,,,,,,,", "\r", "9" * 40, ",1e999"]),
             max_size=3)))
def test_fuzz_never_raises(content):
    assert_never_raises(SquareFiles, "square", content)


@settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.binary(max_size=300))
def test_fuzz_workbook_bytes_never_raise(content):
    assert_never_raises(SquareFiles, "square", b"PK\x03\x04" + content, suffix=".xlsx")

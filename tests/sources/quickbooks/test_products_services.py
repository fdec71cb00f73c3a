"""QuickBooks Online's products and services export: item kinds, CSV and XLSX (with title lines), recognition."""

from __future__ import annotations

from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from leakcheck.model import CAP_ON_HAND, CAP_PRICES
from leakcheck.sources.quickbooks import QuickBooksFiles
from leakcheck.sources.recognise import identify, recognise

from ..square_files.support import assert_never_raises, mangle, read
from ..square_files.xlsx_writer import write_xlsx

HEADER = ["Product/Service Name", "Sales Description", "SKU", "Type", "Sales Price / Rate", "Taxable",
          "Income Account", "Purchase Description", "Purchase Cost", "Expense Account", "Quantity on hand",
          "Reorder Point", "Inventory Asset Account", "Quantity as-of Date"]
ROWS = [
    ["Mug:Blue mug", "Blue stoneware mug", "MUG-BLUE", "Inventory", "14.00", "Yes", "Sales", "", "4.00",
     "Cost of Goods Sold", "8", "2", "Inventory Asset", "09/01/2026"],
    ["Gift wrap", "Wrapping", "WRAP", "Non-inventory", "2.50", "Yes", "Sales", "", "", "", "", "", "", ""],
    ["Engraving", "Engraving service", "", "Service", "5", "No", "Services", "", "", "", "", "", "", ""],
    ["Mug set", "Two mugs", "MUG-SET", "Bundle", "", "", "", "", "", "", "", "", "", ""],
    ["Tea", "Loose tea", "TEA-1", "Inventory", "1,200.00", "Yes", "Sales", "", "", "", "-3", "", "Inventory Asset", ""],
    ["Honey", "Jar", "HONEY", "Inventory", "6", "Yes", "Sales", "", "", "", "2.5", "", "Inventory Asset", ""],
]


def _csv(header=HEADER, rows=ROWS) -> str:
    import csv
    import io

    buf = io.StringIO()
    csv.writer(buf, lineterminator="\r\n").writerows([header, *rows])
    return buf.getvalue()


def test_item_kinds(write):
    data = read(QuickBooksFiles, "quickbooks", write("ProductServiceList__9130_2026-09-21.csv", "\ufeff" + _csv()),
                currency="USD")
    assert [(x.sku, x.title, x.on_hand, x.price, x.currency) for x in data.listings] == [
        ("MUG-BLUE", "Mug:Blue mug", 8, 14.0, "USD"),
        ("WRAP", "Gift wrap", None, 2.5, "USD"),
        ("", "Engraving", None, 5.0, "USD"),
        ("TEA-1", "Tea", -3, 1200.0, "USD"),
    ]
    assert data.provides == {CAP_ON_HAND, CAP_PRICES}
    assert [(b.row, b.why) for b in data.bad_rows] == [(7, "column 'Quantity on hand': '2.5' is not a whole number")]
    assert any("left out (1 bundle)" in n for n in data.notes)
    assert any("4 items, 2 without a count" in n for n in data.notes)


def test_xlsx_with_title_lines_reads_like_the_csv(tmp_path: Path, write):
    rows = [["Harbour & Hearth"], ["Product/Service List"], [], HEADER,
            *[[float(c) if c.replace(".", "").lstrip("-").isdigit() else c for c in r] for r in ROWS]]
    book = read(QuickBooksFiles, "quickbooks", write_xlsx(tmp_path / "ProductServiceList.xlsx", rows))
    text = read(QuickBooksFiles, "quickbooks", write("list.csv", _csv()))
    assert book.not_read == []
    assert [(x.sku, x.on_hand, x.price) for x in book.listings] == [(x.sku, x.on_hand, x.price) for x in text.listings]
    assert [b.row for b in book.bad_rows] == [10]  # the spreadsheet's own row number


def test_no_sku_or_quantity_column_says_what_is_lost(write):
    header = ["Product/Service Name", "Type", "Sales Price / Rate"]
    data = read(QuickBooksFiles, "quickbooks", write("l.csv", _csv(header, [["Mug", "Inventory", "3"]])))
    assert [(x.sku, x.on_hand, x.price) for x in data.listings] == [("", None, 3.0)]
    assert CAP_ON_HAND not in data.provides
    assert sum("no SKU column" in n or "no 'Quantity on hand' column" in n for n in data.notes) == 2


def test_not_the_export_is_named(write):
    data = read(QuickBooksFiles, "quickbooks", write("x.csv", "Name,Qty\nA,1\n"))
    assert data.listings == [] and data.not_read[0].why.startswith("not a QuickBooks products and services export")


def test_recognised_on_sight(tmp_path: Path):
    (tmp_path / "items.csv").write_text(_csv())
    result = recognise([tmp_path])
    assert result.channels == {"quickbooks": {"type": "quickbooks", "files": [str(tmp_path / "items.csv")]}}
    assert identify(HEADER).platform == "quickbooks"


@settings(max_examples=60, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.binary(max_size=400) | st.builds(
    mangle, st.just(_csv().splitlines()), st.lists(st.integers(0, 150), max_size=4),
    st.lists(st.sampled_from(["", ",", '"', "\x00", "é", ",,,,,,,,,,,,,,,", "\r", "9" * 40]), max_size=3)))
def test_fuzz_never_raises(content):
    assert_never_raises(QuickBooksFiles, "quickbooks", content)

"""Export dates from file names: the formats platforms really use, and no guess where none is written."""

from datetime import datetime, timezone

import pytest

from leakcheck.sources.filedate import date_in_name, newest_date_in_names


def utc(*args) -> float:
    return datetime(*args, tzinfo=timezone.utc).timestamp()


@pytest.mark.parametrize("name,expected", [
    ("All+Listings+Report+09-21-2026.txt", utc(2026, 9, 21)),       # month first: 21 > 12
    ("stock-report-21-09-2026.csv", utc(2026, 9, 21)),               # day first
    ("InventoryItems-20260921.csv", utc(2026, 9, 21)),
    ("MLHH4Q2Z8K1RB_catalog-2026-09-21-0655.csv", utc(2026, 9, 21, 6, 55)),
    ("Orders-2026-07-20-to-2026-09-21.csv", utc(2026, 9, 21)),       # a range: its end
    ("eBay-OrdersReport-2026-09-21.csv", utc(2026, 9, 21)),
])
def test_dates_in_names(name, expected):
    assert date_in_name(name) == expected


@pytest.mark.parametrize("name", ["products_export_1.csv", "stock.csv", "report-2026-13-45.csv", "12345678.csv"])
def test_no_date_no_guess(name):
    assert date_in_name(name) is None


def test_newest_of_several():
    assert newest_date_in_names(["a-2026-01-01.csv", "b.csv", "c-2026-02-01.csv"]) == utc(2026, 2, 1)
    assert newest_date_in_names(["b.csv"]) is None

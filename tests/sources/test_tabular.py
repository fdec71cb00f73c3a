"""open_table and the cell parsers: the quirks real exports arrive with."""

from __future__ import annotations

import codecs
import csv
import gc
from datetime import datetime, timezone


import pytest

from leakcheck.sources.base import CsvOptions, SourceError
from leakcheck.sources.cells import CellError, parse_bool, parse_int, parse_policy, parse_price
from leakcheck.sources.tabular import bulk_load, open_table, sniff_delimiter
from leakcheck.sources.times import parse_time


def rows_of(path, **options):
    with open_table(path, CsvOptions(**options)) as table:
        return table, list(table.rows)


# --- encodings ----------------------------------------------------------------------------------
def test_utf8_bom_is_stripped_from_the_header(write):
    table, rows = rows_of(write("a.csv", b"\xef\xbb\xbfSKU,Qty\r\nA,1\r\n"))
    assert table.header == ["SKU", "Qty"]
    assert table.encoding == "UTF-8"
    assert rows == [(2, ["A", "1"])]


def test_utf16_with_bom_is_read(write):
    path = write("a.csv", codecs.BOM_UTF16_LE + "SKU\tQty\r\nMUG-£\t3\r\n".encode("utf-16-le"))
    table, rows = rows_of(path)
    assert table.encoding == "UTF-16" and table.delimiter == "\t"
    assert rows == [(2, ["MUG-£", "3"])]


def test_windows_1252_pound_sign_falls_back_and_says_so(write):
    path = write("old-excel.csv", "SKU,Price\nMUG,£12.50\n", encoding="cp1252")
    table, rows = rows_of(path)
    assert table.encoding == "Windows-1252"
    assert rows == [(2, ["MUG", "£12.50"])]
    assert table.notes == [f"{path}: not UTF-8 text; read as Windows-1252"]


def test_non_ascii_late_in_a_large_file_still_decides_the_encoding(write):
    body = "".join(f"SKU-{i},1\n" for i in range(200_000)) + "MUG,£1\n"
    table, rows = rows_of(write("big.csv", "SKU,Price\n" + body, encoding="cp1252"))
    assert table.encoding == "Windows-1252"
    assert rows[-1][1] == ["MUG", "£1"]


def test_configured_encoding_is_used(write):
    table, rows = rows_of(write("a.csv", "SKU\nÉTÉ\n", encoding="latin-1"), encoding="latin-1")
    assert rows == [(2, ["ÉTÉ"])]
    assert table.notes == []


def test_unknown_configured_encoding_is_a_source_error(write):
    with pytest.raises(SourceError, match="not a text encoding we know"):
        open_table(write("a.csv", "SKU\nA\n"), CsvOptions(encoding="klingon"))


# --- files that are not exports -----------------------------------------------------------------
@pytest.mark.parametrize("content, why", [
    (b"", "the file is empty"),
    (b"\r\n\r\n  \n", "the file is empty"),
    (b"\xef\xbb\xbf", "the file is empty"),
    (b"\x00\x01\x02binary\x00", "binary file"),
    (b"PK\x03\x04\x14\x00\x00\x00rest", "Excel workbook"),
    (b"%PDF-1.7\n...", "PDF"),
    (b"SKU,Qty\n\x81\x8d\x8f\x90\x9d,1\n", "neither UTF-8, Windows-1252 nor Shift_JIS"),
])
def test_unreadable_files_raise_source_error_naming_the_file(write, content, why):
    path = write("x.csv", content)
    with pytest.raises(SourceError) as err:
        open_table(path)
    assert err.value.what == str(path)
    assert why in err.value.why


def test_missing_file_and_folder_are_named_as_given(tmp_path):
    with pytest.raises(SourceError) as err:
        open_table(tmp_path / "nope.csv", name="exports/nope.csv")
    assert (err.value.what, err.value.why) == ("exports/nope.csv", "the file does not exist")
    with pytest.raises(SourceError, match="folder, not a file"):
        open_table(tmp_path)


# --- shape of the text ----------------------------------------------------------------------------
@pytest.mark.parametrize("line, delimiter", [
    ("SKU,Qty,Price", ","), ("SKU\tQty\tPrice", "\t"), ("SKU;Qty;Price", ";"),
    ('"Name, full";SKU;Qty', ";"), ("SKU", ","),
])
def test_sniff_delimiter(line, delimiter):
    assert sniff_delimiter(line) == delimiter


def test_semicolon_file_with_decimal_commas(write):
    table, rows = rows_of(write("eu.csv", "Artikel;Bestand;Preis\nA-1;1.234;12,50 €\n"), decimal=",")
    assert table.delimiter == ";"
    number, (price, currency) = parse_int(rows[0][1][1], ","), parse_price(rows[0][1][2], ",")
    assert (number, price, currency) == (1234, 12.5, "EUR")


def test_excel_sep_hint_line_is_honoured(write):
    table, rows = rows_of(write("a.csv", "sep=;\nSKU;Qty\nA;1\n"))
    assert table.header == ["SKU", "Qty"] and rows == [(3, ["A", "1"])]


def test_configured_delimiter_wins(write):
    table, rows = rows_of(write("a.txt", "SKU|Qty\nA|2\n"), delimiter="|")
    assert rows == [(2, ["A", "2"])]


def test_row_numbers_count_lines_like_a_spreadsheet_with_quoted_newlines_and_crlf(write):
    text = 'SKU,Description,Qty\r\nA,"line one\r\nline two\r\nline three",1\r\nB,plain,2\r\n\r\nC,"x",3\r\n'
    table, rows = rows_of(write("a.csv", text))
    assert [(n, r[0]) for n, r in rows] == [(2, "A"), (5, "B"), (7, "C")]
    assert rows[0][1][1] == "line one\r\nline two\r\nline three"


def test_ragged_rows_are_padded_or_cut_and_still_read(write):
    table, rows = rows_of(write("a.csv", "SKU,Qty,Price\nA,1\nB,2,3.00,extra,cells\nC\n"))
    assert rows == [(2, ["A", "1", ""]), (3, ["B", "2", "3.00", "extra", "cells"]), (4, ["C", "", ""])]


def test_header_spaces_and_trailing_empty_columns_are_dropped(write):
    table, rows = rows_of(write("a.csv", " SKU , Qty ,,,\nA,1,,,\n,,,,\n"))
    assert table.header == ["SKU", "Qty"]
    assert rows == [(2, ["A", "1", "", "", ""])]  # the row of empty cells is not a record
    assert table.find("sku") == 0 and table.find("QTY ") == 1 and table.find("Price") is None


def test_header_only_file_has_no_rows(write):
    table, rows = rows_of(write("a.csv", "SKU,Qty\n"))
    assert table.header == ["SKU", "Qty"] and rows == []


def test_an_unclosed_quote_swallows_the_rest_into_one_cell_as_excel_does(write):
    table, rows = rows_of(write("a.csv", 'SKU,Qty\nA,1\nB,"xx\nC,3\n'))
    assert rows == [(2, ["A", "1"]), (3, ["B", "xx\nC,3\n"])]


def test_a_record_the_csv_module_cannot_split_is_a_bad_row_and_reading_goes_on(write):
    limit = csv.field_size_limit()
    csv.field_size_limit(50)
    try:
        table, rows = rows_of(write("a.csv", "SKU,Qty\nA,1\n" + "x" * 80 + ",2\nC,3\n"))
    finally:
        csv.field_size_limit(limit)
    assert rows == [(2, ["A", "1"]), (4, ["C", "3"])]
    assert [(b.file, b.row) for b in table.bad_rows] == [(table.name, 3)]
    assert "could not be split into cells" in table.bad_rows[0].why


# --- cell parsers ---------------------------------------------------------------------------------
@pytest.mark.parametrize("text, decimal, expected", [
    ("12", ".", 12), (" 12 ", ".", 12), ("1,234", ".", 1234), ("1.234", ",", 1234), ("-2", ".", -2),
    ("12.0", ".", 12), ("", ".", None), ("Not stocked", ".", None), ("1 234", ",", 1234), ("+3", ".", 3),
])
def test_parse_int(text, decimal, expected):
    assert parse_int(text, decimal) == expected


@pytest.mark.parametrize("text, message", [
    ("abc", "'abc' is not a whole number"),
    ("12.5", "'12.5' is not a whole number"),
    ("1,5", "'1,5' is not a whole number (set options.decimal if this file writes decimals with a comma)"),
])
def test_parse_int_errors_are_plain_english(text, message):
    with pytest.raises(CellError) as err:
        parse_int(text)
    assert str(err.value) == message
    assert isinstance(err.value, ValueError)


@pytest.mark.parametrize("text, decimal, expected", [
    ("£1,234.50", ".", (1234.5, "GBP")), ("$9.99", ".", (9.99, None)), ("US$9.99", ".", (9.99, "USD")),
    ("1.234,50 €", ",", (1234.5, "EUR")), ("EUR 12", ".", (12.0, "EUR")), ("12.00 GBP", ".", (12.0, "GBP")),
    ("9.99", ".", (9.99, None)), ("", ".", (None, None)), ("(3.50)", ".", (-3.5, None)), ("12,5", ",", (12.5, None)),
])
def test_parse_price(text, decimal, expected):
    assert parse_price(text, decimal) == expected


@pytest.mark.parametrize("text", ["abc", "£", "nan", "12 XYZ", "1,2,3"])
def test_parse_price_rejects(text):
    with pytest.raises(CellError, match="is not a price"):
        parse_price(text)


@pytest.mark.parametrize("text, expected", [
    ("true", True), ("TRUE", True), ("yes", True), ("1", True), ("false", False), ("No", False), ("0", False),
    ("", None),
])
def test_parse_bool(text, expected):
    assert parse_bool(text) is expected


def test_parse_bool_rejects():
    with pytest.raises(CellError, match="'maybe' is not yes or no"):
        parse_bool("maybe")


@pytest.mark.parametrize("text, expected", [
    ("deny", "deny"), ("continue", "continue"), ("yes", "continue"), ("notify", "continue"), ("allow", "continue"),
    ("no", "deny"), ("TRUE", "continue"), ("", None),
])
def test_parse_policy(text, expected):
    assert parse_policy(text) == expected


def utc(*args):
    return datetime(*args, tzinfo=timezone.utc).timestamp()


@pytest.mark.parametrize("text, tz, fmt, expected", [
    ("2026-09-01T14:03:22Z", "UTC", None, utc(2026, 9, 1, 14, 3, 22)),
    ("2026-09-01T14:03:22+02:00", "UTC", None, utc(2026, 9, 1, 12, 3, 22)),
    ("2026-09-01 14:03:22 +0100", "UTC", None, utc(2026, 9, 1, 13, 3, 22)),  # Shopify orders
    ("2026-09-01T14:03:22.250+05:30", "UTC", None, utc(2026, 9, 1, 8, 33, 22) + 0.25),  # fromisoformat path
    ("2026-09-01 14:03:22 UTC", "Europe/London", None, utc(2026, 9, 1, 14, 3, 22)),  # the pattern's path
    ("2026-9-1 14:03", "UTC", None, utc(2026, 9, 1, 14, 3)),  # one-digit month: the pattern's path
    ("2026-09-01T14:03:22+01", "UTC", None, utc(2026, 9, 1, 13, 3, 22)),
    ("2026-09-01 14:03", "Europe/London", None, utc(2026, 9, 1, 13, 3)),  # BST applies to naive times
    ("2026-01-09 14:03", "Europe/London", None, utc(2026, 1, 9, 14, 3)),  # GMT in winter
    ("2026-09-01", "UTC", None, utc(2026, 9, 1)),
    ("01/09/2026 14:03", "UTC", None, utc(2026, 1, 9, 14, 3)),  # month first unless told
    ("01/09/2026 14:03", "UTC", "%d/%m/%Y", utc(2026, 9, 1, 14, 3)),  # the format puts the day first
    ("01/09/2026 14:03", "UTC", "%d/%m/%Y %H:%M", utc(2026, 9, 1, 14, 3)),
    ("13/09/2026 14:03", "UTC", None, utc(2026, 9, 13, 14, 3)),  # a day over 12 says so itself
    ("9/1/26 2:03 PM", "UTC", None, utc(2026, 9, 1, 14, 3)),
    ("1788271402", "UTC", None, 1788271402.0),
    ("", "UTC", None, None),
])
def test_parse_time(text, tz, fmt, expected):
    assert parse_time(text, tz, fmt) == expected


@pytest.mark.parametrize("text", ["soon", "2026-02-30", "2026-13-01 10:00", "32/01/2026", "2026-09-01 25:00",
                                  "2026-09-01T14:03:22+25:00"])
def test_parse_time_rejects(text):
    with pytest.raises(CellError, match="is not a date and time we can read"):
        parse_time(text, "UTC")


def test_unknown_time_zone_is_a_source_error():
    with pytest.raises(SourceError, match="not a time zone name we know"):
        parse_time("2026-09-01 10:00", "Europe/Lndon")


def test_bulk_load_pauses_the_collector_and_restores_it():
    assert gc.isenabled()
    with bulk_load():
        with bulk_load():
            assert not gc.isenabled()
        assert not gc.isenabled()  # the outer reader still holds the pause
    assert gc.isenabled()
    with pytest.raises(RuntimeError):
        with bulk_load():
            raise RuntimeError("a reader failed")
    assert gc.isenabled()


# --- workbooks ------------------------------------------------------------------------------------
def _book(tmp_path, rows):
    from tests.sources.square_files.xlsx_writer import write_xlsx

    return write_xlsx(tmp_path / "book.xlsx", rows)


def test_workbook_rows_turn_the_columns_readers_use_into_text(tmp_path):
    from leakcheck.sources.xlsx import open_sheet

    path = _book(tmp_path, [[], ["Stock report"], ["SKU", "Qty", "Price", "Note"], ["A", 5.0, 2.5, 7.0],
                            [0.0, None, None, None], [], ["B", 12.0, 1e20, "x"]])
    table = open_sheet(path, "book.xlsx")
    assert table.header == ["SKU", "Qty", "Price", "Note"] and table.header_row == 3
    assert [table.find("qty"), table.find("Price"), table.use(0)] == [1, 2, 0]
    rows = list(table.rows)
    # row numbers as the spreadsheet shows them; a row of a zero is not blank; Note was not asked for
    assert [(n, r[:3]) for n, r in rows] == [(4, ["A", "5", "2.5"]), (5, ["0", "", ""]), (7, ["B", "12", "1e+20"])]
    assert rows[0][1][3] == 7.0


def test_workbook_rows_are_all_text_when_no_column_was_asked_for(tmp_path):
    from leakcheck.sources.xlsx import open_sheet

    table = open_sheet(_book(tmp_path, [["SKU", "Qty"], ["A", 5.0], ["B", 0.5]]), "book.xlsx")
    assert list(table.rows) == [(2, ["A", "5"]), (3, ["B", "0.5"])]


def test_a_quote_that_never_closes_is_named_not_silently_swallowing_rows(tmp_path):
    """A stray quote at the start of a cell makes the csv reader take the rest of the file as that cell."""
    from leakcheck.sources.tabular import open_table

    path = tmp_path / "items.csv"
    path.write_text('Code,Name,Qty\nA1,Mug,3\nB2,"Jug 12 inch\nC3,Plate,4\nD4,Bowl,5\n', encoding="utf-8")
    with open_table(path) as table:
        rows = list(table.rows)
    assert [r[1][0] for r in rows] == ["A1", "B2"]  # C3 and D4 went into B2's Name: the reader cannot know
    (note,) = table.notes
    assert "a quote opened in column 'Name' of row 3 never closes" in note and "lines 4 to 5" in note
    assert "2 of them look like rows" in note


def test_rows_a_stray_quote_joins_inside_the_file_are_named(tmp_path):
    """The quote opens at the start of a cell and a quote further down closes it: the rows between are one cell."""
    from leakcheck.sources.tabular import open_table

    path = tmp_path / "items.csv"
    path.write_text('Code,Name,Qty,Price,Note\nA1,Mug,3,1.00,x\nB2,"Jug 12 inch,5,1.00,x\nC3,Plate,4,2.00,y\n'
                    'D4,Bowl "deep",5,3.00,z\nE5,Cup,1,1.00,w\nF6,"Tray,2,1.00,v\nG7,Pot,1,1.00,u\nH8,Pan "x",1,1.00,t\n'
                    'J9,Lid,1,1.00,s\n', encoding="utf-8")
    with open_table(path) as table:
        rows = list(table.rows)
    assert [r[1][0] for r in rows] == ["A1", "B2", "E5", "F6", "J9"]  # C3, D4, G7, H8 went into cells
    (note,) = table.notes
    assert note.startswith(f"{path}: the 'Name' cell of row 3 runs over lines 3 to 5, and 1 line in it splits "
                           "into the header's 5 cells like a row: a stray quote")
    assert "(1 more record like it further on)" in note


def test_descriptions_over_several_lines_are_not_taken_for_joined_rows(tmp_path):
    from leakcheck.sources.tabular import open_table

    path = tmp_path / "items.csv"
    text = "Red, blue, green, yellow, or white: pick one.\nHand-thrown, glazed, fired, boxed, and sent."
    path.write_text(f'Code,Name,Description,Qty,Price,Note\nA1,Mug,"{text}",3,1.00,x\nB2,Jug,"{text}",4,2.00,y\n',
                    encoding="utf-8")
    with open_table(path) as table:
        assert len(list(table.rows)) == 2 and table.notes == []


def test_no_real_export_is_taken_for_joined_rows():
    """Every real sample (multi-line HTML bodies, Etsy descriptions, CRLF in cells) reads with no such note."""
    from leakcheck.sources.tabular import open_table

    from .conftest import SAMPLES

    files = [f for f in sorted(SAMPLES.rglob("*")) if f.suffix.lower() in (".csv", ".txt", ".tsv")]
    assert len(files) >= 5
    for path in files:
        with open_table(path) as table:
            for _ in table.rows:
                pass
        assert not [n for n in table.notes if "stray quote" in n or "never closes" in n], path


def test_a_multi_line_description_at_the_end_is_not_flagged(tmp_path):
    from leakcheck.sources.tabular import open_table

    path = tmp_path / "items.csv"
    path.write_text('Code,Name,Qty\nA1,"Mug\nwith a handle",3\n', encoding="utf-8")
    with open_table(path) as table:
        assert len(list(table.rows)) == 1 and table.notes == []

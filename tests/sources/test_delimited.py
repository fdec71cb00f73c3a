"""DelimitedReader gives csv.reader's records, errors and line numbers on any text."""

from __future__ import annotations

import csv
import io

from hypothesis import given, settings
from hypothesis import strategies as st

from leakcheck.sources.delimited import DelimitedReader, open_reader


def trace(reader) -> list:
    """Every record or error the reader gives, with its line_num after each, as _records consumes it."""
    out: list = []
    for _ in range(10_000):
        try:
            record = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            out.append(("error", str(exc), reader.line_num))
            continue
        out.append((record, reader.line_num))
    return out


def both(text: str, delimiter: str) -> tuple[list, list]:
    ours = DelimitedReader(io.StringIO(text, newline=""), delimiter)
    theirs = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    return trace(ours), trace(theirs)


# cells as exports hold them, and what breaks them: quotes anywhere, delimiters inside quotes, newlines of
# every kind inside and outside quotes, NULs, blank lines, trailing delimiters
pieces = st.sampled_from(['a', 'B2', '', ' ', '12.50', '"', '""', '"x,y"', '"multi\nline"', '"a""b"', 'x"y', ',', ';',
                          '\t', '\n', '\r\n', '\r', '\0', 'é', '£', 'Jug 12"', '"open'])


@settings(max_examples=1500, deadline=None)
@given(st.lists(pieces, max_size=40), st.sampled_from([",", ";", "\t"]))
def test_records_errors_and_line_numbers_are_csv_readers(parts, delimiter):
    ours, theirs = both("".join(parts), delimiter)
    assert ours == theirs


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from('ab,;"\t\n\r \0'), max_size=200), st.sampled_from([",", ";", "\t"]))
def test_on_any_text(text, delimiter):
    ours, theirs = both(text, delimiter)
    assert ours == theirs


def test_a_line_longer_than_the_field_limit_is_left_to_csv():
    limit = csv.field_size_limit()
    csv.field_size_limit(50)
    try:
        ours, theirs = both("SKU,Qty\nA,1\n" + "x" * 80 + ",2\nC,3\n", ",")
    finally:
        csv.field_size_limit(limit)
    assert ours == theirs and any(item[0] == "error" for item in ours)


def test_files_that_quote_every_cell_keep_plain_csv_reader():
    quoted = '"SKU","Qty"\n"A","1"\n"B","2"\n'
    assert not isinstance(open_reader(io.StringIO(quoted), ",", quoted), DelimitedReader)
    plain = 'SKU,Qty\nA,1\nB,2\nC,3\nD,4\n"E, large",5\n'
    assert isinstance(open_reader(io.StringIO(plain), ",", plain), DelimitedReader)

"""Excel workbooks (.xlsx) read as if they were CSV exports, so every reader's row handling applies.

Square recommends its Excel item library and QuickBooks exports products as a workbook, so a
consultant gets .xlsx as often as .csv. python-calamine (Rust) parses the first sheet in one
call, at 1.2 to 1.7 million cells a second on the 2-core machines here (a million 25-column Square
rows, 900 MB of XML: 14 to 17 s, where openpyxl manages 20-40k rows a second), and that parse, not
Python, is most of a workbook's reading time: ``benchmarks/read_exports.py`` prints it beside the
whole read as ``parse_seconds``. Neither fastexcel (the same parser; 16.9 s for the same file, with
pyarrow to install) nor a regular-expression scan of the sheet's XML in Python (12 s before any row
is read) is faster, so a workbook reads at the parse's speed plus the reader's own work.

The typed cells are turned back into the text a CSV export would hold (5.0 -> "5", dates in ISO),
only in the columns readers said they use (``Table.used``), and the result is the same ``Table``
that ``open_table`` gives: header, numbered rows padded to the header's width, blank rows skipped,
and a report's title lines above the header (one cell each) passed over.
``open_export`` picks the right one from the file's first bytes, never its name.
"""

from __future__ import annotations

import datetime as _dt
from pathlib import Path
from typing import Iterator

from .base import CsvOptions, SourceError
from .tabular import Table, open_table

_MAGIC = (b"PK\x03\x04", b"\xd0\xcf\x11\xe0")  # .xlsx (a zip) and the old .xls (an OLE file), as QuickBooks writes


def is_workbook(path: Path) -> bool:
    try:
        with path.open("rb") as f:
            return f.read(4) in _MAGIC
    except OSError:
        return False


def open_export(path: str | Path, options: CsvOptions | None = None, name: str | None = None) -> Table:
    """A delimited text export or an .xlsx/.xls workbook (its first sheet), as a ``Table``."""
    p = Path(path)
    if p.is_file() and is_workbook(p):
        return open_sheet(p, name if name is not None else str(path))
    return open_table(path, options, name=name)


def _text(value: object) -> str:
    """A cell as the text a CSV export of it would hold."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() and abs(value) < 1e15 else repr(value)
    if isinstance(value, int):
        return str(value)
    if isinstance(value, _dt.datetime):
        return value.isoformat(sep=" ")
    if isinstance(value, (_dt.date, _dt.time)):
        return value.isoformat()
    if isinstance(value, _dt.timedelta):
        return str(value)
    return str(value)


def open_sheet(path: Path, name: str) -> Table:
    """The first worksheet of an .xlsx file: a ``SourceError`` naming the file when it is not one."""
    try:
        from python_calamine import CalamineWorkbook
    except ImportError:  # pragma: no cover - a declared dependency
        raise SourceError(name, "it is an Excel workbook and python-calamine is not installed; save it as CSV") from None
    try:
        book = CalamineWorkbook.from_path(str(path))
        if not book.sheet_names:
            raise SourceError(name, "the workbook has no sheets")
        sheet = book.get_sheet_by_index(0)
        rows = sheet.iter_rows()  # from the sheet's first row, empty rows above the data included
    except SourceError:
        raise
    except Exception as exc:  # calamine raises its own error types for every kind of broken workbook
        raise SourceError(name, f"it is not an Excel workbook we can read ({_short(exc)}); save it as CSV") from None

    header: list[str] | None = None
    number = 0
    try:
        for record in rows:
            number += 1
            cells = [c if type(c) is str else _text(c) for c in record]
            if sum(1 for c in cells if c.strip()) >= 2:  # a title line above the header has one cell
                header = cells
                break
    except Exception as exc:
        raise SourceError(name, f"the header row could not be read ({_short(exc)})") from None
    if header is None:
        raise SourceError(name, "the workbook's first sheet has no header row (a row of column names)")
    header = [h.replace("\ufeff", "").strip() for h in header]
    while header and not header[-1]:
        header.pop()
    table = Table(name=name, header=header, encoding="XLSX", delimiter="", header_row=number)
    table.rows = _records(table, rows, number)
    return table


def _records(table: Table, rows, number: int) -> Iterator[tuple[int, list]]:
    """Numbered rows padded to the header's width, blank ones skipped; the cells of the columns readers
    said they use (``Table.used``, read when the first row is asked for) turned into text, or every
    cell when none was said. Converting only those keeps a wide workbook's rows cheap."""
    width = len(table.header)
    pad = [""] * width
    seen: dict[float, str] = {}  # numbers repeat (prices, counts): each distinct one is turned into text once
    get = seen.get

    def text(c: object) -> str:
        if type(c) is float:
            t = get(c)  # type: ignore[arg-type]
            if t is None:
                t = seen[c] = _text(c)  # type: ignore[index]
            return t
        return _text(c)

    wanted = sorted(table.used) or None
    try:
        for record in rows:
            number += 1
            if not any(record) and all(c is None or c == "" for c in record):
                continue  # blank (a row of zeros is not)
            if len(record) < width:
                record.extend(pad[: width - len(record)])
            if wanted is None:
                record = [c if type(c) is str else text(c) for c in record]
            else:
                for i in wanted:
                    c = record[i]
                    if type(c) is not str:
                        record[i] = text(c)
            yield number, record
    except Exception as exc:
        raise SourceError(table.name, f"the workbook could not be read after row {number} ({_short(exc)})") from None


def _short(exc: BaseException) -> str:
    text = " ".join(str(exc).split()) or type(exc).__name__
    return text[:160]

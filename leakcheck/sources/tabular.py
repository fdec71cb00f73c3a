"""Reading delimited text exports as merchants really have them.

Exports arrive with a BOM or none, Windows-1252 from an old Excel, semicolons from a European
locale, CRLF, newlines inside quoted descriptions, rows cut short or with stray cells. ``open_table``
absorbs that once, so each platform reader only maps headers to fields. It stays on ``csv.reader``
and plain lists because a large catalog is a million rows and reading must take seconds. Row
numbers are what a spreadsheet shows (header = row 1, a record numbered by its first line), so a
bad row named in a report can be found in Excel. A file that cannot be read at all raises
``SourceError`` naming the file as the user gave it; the cells themselves are read by the parsers in
``cells.py`` and ``times.py``.
"""

from __future__ import annotations

import codecs
import csv
import gc
import threading
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Iterator

from ..model import BadRow
from .base import CsvOptions, SourceError
from .delimited import open_reader

# Long HTML descriptions exceed csv's default 128 KiB cell limit; a cell of 64 MiB is a broken quote.
csv.field_size_limit(max(csv.field_size_limit(), 64 << 20))

_HEAD_BYTES = 1 << 16
_CHUNK = 1 << 20
_DELIMITERS = (",", "\t", ";")
_MAGIC = (  # binary files people export by mistake, and what to tell them
    (b"PK\x03\x04", "it is a zip archive or an Excel workbook (.xlsx), not a text export; save it as CSV"),
    (b"\xd0\xcf\x11\xe0", "it is an old Excel workbook (.xls), not a text export; save it as CSV"),
    (b"%PDF", "it is a PDF, not a text export"),
)


@dataclass
class Table:
    """An open file: its header, and (row number, cells) records in ``rows``, each at least as wide as
    the header (short rows padded with ""; extra cells left for the reader to ignore). Records even the
    csv module cannot split are skipped into ``bad_rows``. A reader finds its columns (``find``, or
    ``use`` for a column it picks from the header itself) before it iterates ``rows``: every cell it
    was told of is text; in a workbook's rows the cells of columns nobody asked for may not be."""

    name: str
    header: list[str]
    encoding: str
    delimiter: str
    header_row: int
    notes: list[str] = field(default_factory=list)
    bad_rows: list[BadRow] = field(default_factory=list)
    rows: Iterator[tuple[int, list[str]]] = field(default_factory=lambda: iter(()))
    used: set[int] = field(default_factory=set)  # columns a reader asked for (find, use), before reading rows
    _file: IO[str] | None = None

    def find(self, *names: str) -> int | None:
        """Position of the first of ``names`` present in the header (case and spaces ignored)."""
        folded = [h.casefold() for h in self.header]
        for name in names:
            key = name.strip().casefold()
            if key in folded:
                return self.use(folded.index(key))
        return None

    def use(self, column: int) -> int:
        """Say a column will be read. A workbook's rows then turn only the columns readers use into text
        (a million rows of 25 typed cells each is most of the cost); a CSV's cells are text already."""
        self.used.add(column)
        return column

    def close(self) -> None:
        if self._file is not None:
            self._file.close()
            self._file = None

    def __enter__(self) -> "Table":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def open_table(path: str | Path, options: CsvOptions | None = None, name: str | None = None) -> Table:
    """Open a delimited export: detect encoding and delimiter, read the header, stream the records.

    ``name`` is how the file is named in messages (default: the path as given).
    """
    options = options or CsvOptions()
    name = name if name is not None else str(path)
    p = Path(path)
    if not p.exists():
        raise SourceError(name, "the file does not exist")
    if p.is_dir():
        raise SourceError(name, "this is a folder, not a file")
    try:
        with p.open("rb") as f:
            head = f.read(_HEAD_BYTES)
    except OSError as exc:
        raise SourceError(name, f"the file could not be opened ({exc.strerror or exc})") from None
    encoding, label = _encoding(p, name, head, options.encoding)
    notes = [f"{name}: not UTF-8 text; read as {label}"] if label in ("Windows-1252", "Shift_JIS") and not options.encoding else []
    text_head = head.decode(encoding, errors="replace").lstrip("\ufeff")
    if not text_head.strip():
        raise SourceError(name, "the file is empty")  # nothing, or only a BOM and blank lines
    first = (text_head.splitlines() or [""])[0]
    skip_sep_line = first.lower().startswith("sep=") and len(first.strip()) == 5  # Excel's "sep=;" hint line
    delimiter = {"\\t": "\t", "tab": "\t"}.get((options.delimiter or "").lower(), options.delimiter)
    delimiter = delimiter or (first.strip()[4] if skip_sep_line else sniff_delimiter(first))
    if len(delimiter) != 1:
        raise SourceError(name, f"the delimiter must be one character, not {delimiter!r}")

    f = p.open("r", encoding=encoding, newline="")
    reader = open_reader(f, delimiter, text_head)
    header: list[str] | None = None
    try:
        if skip_sep_line:
            next(reader, None)
        for record in reader:
            if record and any(c.strip() for c in record):
                header = record
                break
    except (csv.Error, UnicodeDecodeError) as exc:
        f.close()
        raise SourceError(name, f"the header row could not be read ({exc})") from None
    if header is None:
        f.close()
        raise SourceError(name, "the file is empty")
    header = [h.replace("\ufeff", "").strip() for h in header]
    while header and not header[-1]:
        header.pop()  # trailing empty columns a spreadsheet leaves behind
    table = Table(name=name, header=header, encoding=label, delimiter=delimiter, header_row=reader.line_num,
                  notes=notes, _file=f)
    table.rows = _records(table, reader)
    return table


_gc_lock = threading.Lock()
_gc_holders = 0
_gc_was_enabled = True


@contextmanager
def bulk_load() -> Iterator[None]:
    """Pause the cyclic garbage collector while records are made (reference counting still frees memory).

    A million small records trigger hundreds of full collections that free nothing (records hold no
    cycles) and cost more than the reading. Concurrent readers share one pause; the last one out
    switches the collector back on, if it was on before."""
    global _gc_holders, _gc_was_enabled
    with _gc_lock:
        if _gc_holders == 0:
            _gc_was_enabled = gc.isenabled()
            gc.disable()
        _gc_holders += 1
    try:
        yield
    finally:
        with _gc_lock:
            _gc_holders -= 1
            if _gc_holders == 0 and _gc_was_enabled:
                gc.enable()


def sniff_delimiter(line: str) -> str:
    """The most frequent of comma, tab and semicolon outside quotes in the header line (comma on a tie)."""
    counts = dict.fromkeys(_DELIMITERS, 0)
    quoted = False
    for ch in line:
        if ch == '"':
            quoted = not quoted
        elif not quoted and ch in counts:
            counts[ch] += 1
    best = max(_DELIMITERS, key=lambda d: counts[d])
    return best if counts[best] else ","


def _encoding(path: Path, name: str, head: bytes, wanted: str | None) -> tuple[str, str]:
    """(Python codec, label): BOM first, then the configured one, else UTF-8 falling back to Windows-1252."""
    if head.startswith(codecs.BOM_UTF8):
        return "utf-8-sig", "UTF-8"
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16", "UTF-16"
    for magic, why in _MAGIC:
        if head.startswith(magic):
            raise SourceError(name, why)
    if b"\x00" in head:
        raise SourceError(name, "it is a binary file, not a text export")
    if wanted:
        try:
            codecs.lookup(wanted)
        except LookupError:
            raise SourceError(name, f"{wanted!r} is not a text encoding we know (try utf-8 or windows-1252)") from None
        if not _decodes(path, wanted):
            raise SourceError(name, f"the file is not valid {wanted} text (is options.encoding right?)")
        return wanted, wanted
    if _decodes(path, "utf-8"):
        return "utf-8", "UTF-8"
    if _decodes(path, "cp1252"):
        return "cp1252", "Windows-1252"
    # Japanese exports (Amazon.co.jp's reports among them) come in Shift_JIS: its lead bytes 0x81, 0x8D,
    # 0x8F, 0x90 and 0x9D are the ones Windows-1252 leaves undefined, so a Japanese file always lands here
    if _decodes(path, "cp932"):
        return "cp932", "Shift_JIS"
    raise SourceError(name, "the file is neither UTF-8, Windows-1252 nor Shift_JIS text; save it as 'CSV UTF-8' "
                      "and try again")


def _decodes(path: Path, encoding: str) -> bool:
    """Whether the whole file decodes (streamed in chunks: fast, and no surprise halfway through reading)."""
    decoder = codecs.getincrementaldecoder(encoding)()
    ascii_safe = codecs.lookup(encoding).name in ("utf-8", "cp1252", "iso8859-1", "ascii")
    try:
        with path.open("rb") as f:
            while chunk := f.read(_CHUNK):
                if ascii_safe and chunk.isascii():
                    decoder.decode(b"", final=True)  # an ASCII chunk is valid only if no sequence was cut
                    continue
                decoder.decode(chunk)
            decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        return False
    return True


_JOIN_MIN_WIDTH = 5  # in a narrower file a line of prose splits into as many cells as a row too often


def _records(table: Table, reader) -> Iterator[tuple[int, list[str]]]:
    """(first line of the record, cells), padded to the header's width; unsplittable records become bad rows.

    A record over several lines is most often a description written over lines; when its cells hold as
    many delimiters as a whole row, ``_check_joined`` looks whether a stray quote joined rows into it.
    That first test is one join and one count in C, since in some exports every record spans lines."""
    width = len(table.header)
    pad = [""] * width
    line = reader.line_num
    delimiter = table.delimiter
    joins = width - 2 if width >= _JOIN_MIN_WIDTH else 1 << 30  # delimiters inside cells, less one, that hold a row
    last: tuple[int, int, list[str]] | None = None  # the last record that spanned several lines
    joined: list[tuple[int, int, int, int]] = []  # records whose cells hold lines that look like rows
    while True:
        try:
            for record in reader:
                start = line + 1
                line = reader.line_num
                if len(record) < width:
                    if not record or not any(record):
                        continue  # blank line
                    record.extend(pad[: width - len(record)])
                elif not record[0] and not any(record):
                    continue  # a row of empty cells a spreadsheet left behind
                if line > start:
                    last = (start, line, record)
                    if delimiter.join(record).count(delimiter) - len(record) >= joins:
                        _check_joined(table, start, line, record, delimiter, joined)
                yield start, record
            break
        except csv.Error as exc:
            before, line = line, reader.line_num
            table.bad_rows.append(BadRow(table.name, before + 1, f"could not be split into cells ({exc})"))
            if line <= before:
                table.bad_rows.append(BadRow(table.name, before + 1, "the rest of the file could not be read"))
                break
        except UnicodeDecodeError as exc:
            raise SourceError(table.name, f"the text could not be decoded after row {line} ({exc.reason})") from None
    table.close()
    if last is not None and last[1] == line:
        joined = [j for j in joined if j[0] != last[0]]  # the file's last record: said below, as a quote never closed
        _note_swallowed(table, *last, delimiter)
    if joined:
        _note_joined(table, joined)


def _row_like(record: list[str], width: int, delimiter: str, exact: bool) -> tuple[int, int] | None:
    """(column, how many of its lines after the first look like whole rows) for the first cell of a
    record that holds such lines, or None. A line looks like a row when it holds a row's delimiters;
    ``exact`` also asks that it split into exactly the header's cells (a description line with many
    commas rarely does)."""
    for i, cell in enumerate(record):
        if "\n" not in cell or cell.count(delimiter) < width - 1:  # most descriptions stop here, in C
            continue
        rows = sum(1 for text in cell.splitlines()[1:] if text.count(delimiter) >= width - 1 and (
            not exact or len(next(csv.reader([text], delimiter=delimiter))) == width))
        if rows:
            return i, rows
    return None


def _note_swallowed(table: Table, start: int, end: int, record: list[str], delimiter: str) -> None:
    """The file's last record ran to its end over several lines: when a cell of it holds lines that look
    like whole rows, a quote opened at the start of that cell never closed and the csv reader took the
    rest of the file as one cell. Those rows were not read: say so, naming the row and column."""
    width = len(table.header)
    found = _row_like(record, width, delimiter, exact=False) if width > 1 else None
    if found:
        i, rows = found
        column = table.header[i] if i < len(table.header) else f"column {i + 1}"
        one = end == start + 1
        span = f"line {end}" if one else f"lines {start + 1} to {end}"
        looks = "it looks like a row" if one else f"{rows} of them look like rows"
        table.notes.append(
            f"{table.name}: a quote opened in column '{column}' of row {start} never closes, so {span} "
            f"({looks}) {'was' if one else 'were'} read as part of that one cell, not as rows: check the file there")


def _check_joined(table: Table, start: int, end: int, record: list[str], delimiter: str,
                  joined: list[tuple[int, int, int, int]]) -> None:
    """A record over several lines inside the file: a cell holding lines that each split into exactly as
    many cells as the header names is most likely rows a stray quote joined (the quote opened at the
    start of that cell and a later quote closed it), rather than a description written over lines."""
    found = _row_like(record, len(table.header), delimiter, exact=True)
    if found:
        joined.append((start, end, *found))


def _note_joined(table: Table, joined: list[tuple[int, int, int, int]]) -> None:
    start, end, column, rows = joined[0]
    name = table.header[column] if column < len(table.header) else f"column {column + 1}"
    looks = "1 line in it splits" if rows == 1 else f"{rows} lines in it split"
    more = "" if len(joined) == 1 else f" ({len(joined) - 1} more record{'s' if len(joined) > 2 else ''} like it " \
                                       f"further on)"
    table.notes.append(
        f"{table.name}: the '{name}' cell of row {start} runs over lines {start} to {end}, and {looks} into the "
        f"header's {len(table.header)} cells like a row: a stray quote at the start of that cell may have joined "
        f"rows into it, which were then not read as rows{more}: check the file there")

"""Which header holds which field: checking a neutral CSV mapping, and reading each mapped file.

The neutral CSV way in (``type: csv`` and every channel's ``history:``) is a user-written mapping
``{field: "Header"}``. Two kinds of mistakes are caught at different times, both in plain words:
a field name that does not exist or a required field left out is a config error (found when
the config loads, with its line number); a header that is not in the file is found when the file
is opened, and that file is named as not read together with the headers it does have, so the
user can fix the spelling at once.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Sequence

from ...model import BadRow, ChannelData, NotRead
from ..base import CsvOptions, ReadContext, Section, SourceError
from ..tabular import Table, bulk_load, open_table

FIELDS = {
    "listings": ("sku", "title", "available", "on_hand", "committed", "reserved", "price", "currency", "location",
                 "tracked", "policy", "product_id", "components", "status"),
    "events": ("time", "sku", "location", "change", "quantity_after", "writer", "writer_kind", "reason"),
    "orders": ("time", "order_id", "sku", "quantity", "unit_price", "status", "refunded_quantity",
               "restocked_quantity"),
}
# each entry: fields any one of which must be mapped
REQUIRED = {
    "listings": (("sku",),),
    "events": (("time",), ("sku",), ("change", "quantity_after")),
    "orders": (("time",), ("sku",), ("quantity",)),
}


def column_problems(kind: str, columns: dict[str, str]) -> list[str]:
    """What is wrong with a mapping for ``kind`` (empty when it is fine)."""
    known = FIELDS[kind]
    problems = [
        f"{kind} columns: {name!r} is not a field (fields: {', '.join(known)})" for name in columns if name not in known
    ]
    for options in REQUIRED[kind]:
        if not any(o in columns for o in options):
            problems.append(f"{kind} columns: {' or '.join(repr(o) for o in options)} must be given "
                            f"(which header holds it)")
    problems += [f"{kind} columns: {name!r} names no header" for name, header in columns.items()
                 if name in known and not str(header).strip()]
    return problems


def merge_options(*layers: CsvOptions | None) -> CsvOptions:
    """Options where each later layer's explicitly set values win (channel ``options`` < section ``options``)."""
    values: dict = {}
    for layer in layers:
        if layer is not None:
            values.update({k: getattr(layer, k) for k in layer.model_fields_set})
    return CsvOptions(**values)


@dataclass
class Columns:
    """Mapped fields located in one file's header: field -> position, and field -> header as written."""

    index: dict[str, int]
    header: dict[str, str]

    def at(self, name: str) -> int | None:
        return self.index.get(name)

    def where(self, name: str) -> str:
        return f"column '{self.header.get(name, name)}'"


def locate(table: Table, columns: dict[str, str]) -> Columns:
    """Find every mapped header in the file, or say which are missing and what the file has instead."""
    index, header, missing = {}, {}, []
    for name, wanted in columns.items():
        i = table.find(wanted)
        if i is None:
            missing.append(f"{wanted!r} (for {name})")
        else:
            index[name], header[name] = i, table.header[i]
    if missing:
        has = ", ".join(repr(h) for h in table.header[:30]) + (" ..." if len(table.header) > 30 else "")
        raise SourceError(table.name, f"the header{'s' if len(missing) > 1 else ''} {', '.join(missing)} "
                                      f"{'are' if len(missing) > 1 else 'is'} not in this file; its headers are: {has}")
    return Columns(index, header)


Reader = Callable[[Table, Columns], tuple[list, list[BadRow]]]


def read_files(section: Section, options: CsvOptions, ctx: ReadContext, data: ChannelData, sink: list,
               reader: Reader, lost_stock: bool) -> int:
    """Read each file of a section with ``reader``; records go to ``sink``. Returns how many files were read.

    A file that cannot be opened or lacks a mapped header is named in ``not_read`` and the other
    files are still read; records of a file are kept only when the whole file was read.
    """
    done = 0
    for name in section.files:
        ctx.progress(f"{data.name}: reading {name}")
        try:
            with bulk_load(), open_table(ctx.path(name), options, name=name) as table:
                records, bad_rows = reader(table, locate(table, section.columns))
                data.notes += table.notes
                data.bad_rows += table.bad_rows
        except SourceError as exc:
            data.not_read.append(NotRead(exc.what, exc.why, lost_stock))
            continue
        sink += records
        data.bad_rows += bad_rows
        done += 1
    return done


def bad(table: Table, row: int, cols: Columns, name: str, why: object) -> BadRow:
    return BadRow(table.name, row, f"{cols.where(name)}: {why}")


def mapped(columns: dict[str, str], names: Sequence[str]) -> bool:
    return any(n in columns for n in names)

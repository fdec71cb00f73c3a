"""A channel read from one kind of export (CSV or Excel): the loop every such files source shares.

Xero's items, QuickBooks' products and services, Square's item library, WooCommerce's and
BigCommerce's product exports each define a channel's listings from one file kind. What differs is
only the reader of that kind and the words of its note, so a platform's ``files.py`` sets
``what`` and implements ``read_part`` and ``detail``; the file loop, recognition by header, the
coverage of a file that is not that export, bad rows, notes, currency and export date live here.

A part returned by ``read_part`` has ``listings``, ``provides``, ``bad_rows`` and ``notes``.
"""

from __future__ import annotations

from typing import Any, ClassVar

from ..model import WAY_FILES, ChannelData, NotRead
from .base import Source, SourceError
from .filedate import newest_date_in_names
from .recognise import describe_unknown, identify
from .tabular import Table, bulk_load
from .xlsx import open_export


class SingleExportSource(Source):
    way_in = WAY_FILES
    what: ClassVar[str]  # "a Xero inventory items export": named when a file is something else

    def read_part(self, table: Table) -> Any:  # pragma: no cover - abstract
        raise NotImplementedError

    def detail(self, part: Any) -> str:
        """What the note says was read from one file ("12 items, 2 without a count")."""
        return f"{len(part.listings)} listings"

    def read(self) -> ChannelData:
        data = ChannelData(name=self.name, type=self.type, way_in=WAY_FILES, currency=self.config.currency)
        for name in self.config.files:
            self.ctx.progress(f"{self.name}: reading {name}")
            try:
                with bulk_load(), open_export(self.ctx.path(name), name=name) as table:
                    signature = identify(table.header, platform=self.type)
                    if signature is None:
                        _, why = describe_unknown(table.header, platform=self.type)
                        data.not_read.append(NotRead(name, f"not {self.what}: {why}"))
                        continue
                    part = self.read_part(table)
                    data.notes += table.notes + part.notes
                    data.bad_rows += table.bad_rows + part.bad_rows
            except SourceError as exc:
                data.not_read.append(NotRead(exc.what, exc.why, exc.lost_stock))
                continue
            data.listings += part.listings
            data.provides |= part.provides
            data.notes.append(f"{name}: read as a {signature.label} ({self.detail(part)})")
        for listing in data.listings:
            listing.currency = data.currency
        data.exported_at = newest_date_in_names(self.config.files)
        return data

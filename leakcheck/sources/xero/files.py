"""The Xero channel (the accounts) read from its inventory items export, CSV or Excel.

Files are known by their header row (formats.py), never by their name. A file that is not an
items export is named in the coverage with the nearest known format and what it lacked.
"""

from __future__ import annotations

from ...model import WAY_FILES, ChannelData, NotRead
from ..base import Source, SourceError
from ..filedate import newest_date_in_names
from ..recognise import describe_unknown, identify
from ..tabular import bulk_load
from ..xlsx import open_export
from . import formats  # noqa: F401  (registers the export header with recognition)
from .config import XeroChannel
from .items_csv import read_items


class XeroFiles(Source):
    type = "xero"
    config_model = XeroChannel
    way_in = WAY_FILES

    def read(self) -> ChannelData:
        data = ChannelData(name=self.name, type=self.type, way_in=WAY_FILES, currency=self.config.currency)
        for name in self.config.files:
            self.ctx.progress(f"{self.name}: reading {name}")
            try:
                with bulk_load(), open_export(self.ctx.path(name), name=name) as table:
                    signature = identify(table.header, platform="xero")
                    if signature is None:
                        _, why = describe_unknown(table.header, platform="xero")
                        data.not_read.append(NotRead(name, f"not a Xero inventory items export: {why}"))
                        continue
                    part = read_items(table, self.name)
                    data.notes += table.notes + part.notes
                    data.bad_rows += table.bad_rows + part.bad_rows
            except SourceError as exc:
                data.not_read.append(NotRead(exc.what, exc.why, exc.lost_stock))
                continue
            data.listings += part.listings
            data.provides |= part.provides
            detail = f"{len(part.listings)} items"
            if part.untracked:
                detail += f", {part.untracked} not tracked as inventory (no QuantityOnHand: read without a count)"
            data.notes.append(f"{name}: read as a {signature.label} ({detail})")
        for listing in data.listings:
            listing.currency = data.currency
        data.exported_at = newest_date_in_names(self.config.files)
        return data

"""The Square channel (the till) read from its item library export, CSV or Excel.

A channel with ``files:`` is read here, one without is read live (live.py); both share
``SquareChannel`` (config.py). Files are known by their header row (formats.py), never their name.
An export with no items (only the header, as a new account exports it) is an empty catalogue with
a note, not an error.
"""

from __future__ import annotations

from ...model import WAY_FILES, ChannelData, NotRead
from ..base import Source, SourceError
from ..filedate import newest_date_in_names
from ..recognise import describe_unknown, identify
from ..tabular import bulk_load
from ..xlsx import open_export
from . import formats  # noqa: F401  (registers the export header with recognition)
from .config import SquareChannel
from .item_library import read_item_library


class SquareFiles(Source):
    type = "square"
    config_model = SquareChannel
    way_in = WAY_FILES

    def read(self) -> ChannelData:
        data = ChannelData(name=self.name, type=self.type, way_in=WAY_FILES, currency=self.config.currency)
        for name in self.config.files:
            self.ctx.progress(f"{self.name}: reading {name}")
            try:
                with bulk_load(), open_export(self.ctx.path(name), name=name) as table:
                    signature = identify(table.header, platform="square")
                    if signature is None:
                        _, why = describe_unknown(table.header, platform="square")
                        data.not_read.append(NotRead(name, f"not a Square item library export: {why}"))
                        continue
                    part = read_item_library(table, self.name)
                    data.notes += table.notes + part.notes
                    data.bad_rows += table.bad_rows + part.bad_rows
            except SourceError as exc:
                data.not_read.append(NotRead(exc.what, exc.why, exc.lost_stock))
                continue
            data.listings += part.listings
            data.provides |= part.provides
            if part.variations == 0 and not part.bad_rows:
                detail = "no items: the export holds only its header, an empty item library"
            else:
                detail = f"{part.variations} variations"
            if part.locations:
                detail += f" at {len(part.locations)} location(s): {', '.join(part.locations)}"
            data.notes.append(f"{name}: read as a {signature.label} ({detail})")
        for listing in data.listings:
            listing.currency = data.currency
        data.exported_at = newest_date_in_names(self.config.files)
        return data

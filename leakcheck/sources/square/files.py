"""The Square channel (the till) read from its item library export, CSV or Excel.

A channel with ``files:`` is read here, one without is read live (live.py); both share
``SquareChannel`` (config.py). Files are known by their header row (formats.py), never their name.
An export with no items (only the header, as a new account exports it) is an empty catalogue with
a note, not an error.
"""

from __future__ import annotations

from ..single_export import SingleExportSource
from ..tabular import Table
from . import formats  # noqa: F401  (registers the export header with recognition)
from .config import SquareChannel
from .item_library import read_item_library


class SquareFiles(SingleExportSource):
    type = "square"
    config_model = SquareChannel
    what = "a Square item library export"

    def read_part(self, table: Table):
        return read_item_library(table, self.name)

    def detail(self, part) -> str:
        if part.variations == 0 and not part.bad_rows:
            detail = "no items: the export holds only its header, an empty item library"
        else:
            detail = f"{part.variations} variations"
        if part.locations:
            detail += f" at {len(part.locations)} location(s): {', '.join(part.locations)}"
        return detail

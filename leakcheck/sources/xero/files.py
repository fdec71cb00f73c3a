"""The Xero channel (the accounts) read from its inventory items export, CSV or Excel.

Files are known by their header row (formats.py), never by their name. A file that is not an
items export is named in the coverage with the nearest known format and what it lacked.
"""

from __future__ import annotations

from ..single_export import SingleExportSource
from ..tabular import Table
from . import formats  # noqa: F401  (registers the export header with recognition)
from .config import XeroChannel
from .items_csv import read_items


class XeroFiles(SingleExportSource):
    type = "xero"
    config_model = XeroChannel
    what = "a Xero inventory items export"

    def read_part(self, table: Table):
        return read_items(table, self.name)

    def detail(self, part) -> str:
        detail = f"{len(part.listings)} items"
        if part.untracked:
            detail += f", {part.untracked} not tracked as inventory (no QuantityOnHand: read without a count)"
        return detail

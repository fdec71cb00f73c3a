"""The QuickBooks Online channel (the accounts) read from its products and services export, Excel or CSV.

Files are known by their header row (formats.py), never by their name; a workbook's title lines
above the header are passed over (xlsx.py).
"""

from __future__ import annotations

from ..single_export import SingleExportSource
from ..tabular import Table
from . import formats  # noqa: F401  (registers the export header with recognition)
from .config import QuickBooksChannel
from .products_services import read_products_services


class QuickBooksFiles(SingleExportSource):
    type = "quickbooks"
    config_model = QuickBooksChannel
    what = "a QuickBooks products and services export"

    def read_part(self, table: Table):
        return read_products_services(table, self.name)

    def detail(self, part) -> str:
        detail = f"{len(part.listings)} items"
        if part.uncounted:
            detail += f", {part.uncounted} without a count (non-inventory or service)"
        return detail

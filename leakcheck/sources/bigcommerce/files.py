"""The BigCommerce channel (a web store) read from its Bulk Edit product export, CSV or Excel.

Files are known by their header row (formats.py), never by their name.
"""

from __future__ import annotations

from ..single_export import SingleExportSource
from ..tabular import Table
from . import formats  # noqa: F401  (registers the export header with recognition)
from .config import BigCommerceChannel
from .bulk_edit import read_bulk_edit


class BigCommerceFiles(SingleExportSource):
    type = "bigcommerce"
    config_model = BigCommerceChannel
    what = "a BigCommerce Bulk Edit product export"

    def read_part(self, table: Table):
        return read_bulk_edit(table, self.name)

    def detail(self, part) -> str:
        detail = f"{part.products} products, {len(part.listings)} listings"
        if part.rules:
            detail += f", {part.rules} rule rows passed over"
        return detail

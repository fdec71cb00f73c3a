"""The WooCommerce channel (a web store) read from its product CSV export.

Files are known by their header row (formats.py), never by their name. The exporter writes CSV
only; a workbook someone re-saved in Excel is read too (xlsx.py).
"""

from __future__ import annotations

from ..single_export import SingleExportSource
from ..tabular import Table
from . import formats  # noqa: F401  (registers the export header with recognition)
from .config import WooCommerceChannel
from .products_csv import read_products


class WooCommerceFiles(SingleExportSource):
    type = "woocommerce"
    config_model = WooCommerceChannel
    what = "a WooCommerce product export"

    def read_part(self, table: Table):
        return read_products(table, self.name)

    def detail(self, part) -> str:
        return f"{len(part.listings)} products and variations"

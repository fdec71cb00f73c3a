"""The Etsy channel read from the shop's downloads: listings CSV and sold order items CSV.

Each file under ``files:`` is known by its header (formats.py), never by its name. The listings
CSV defines the listings (one per SKU, variations split out of its SKU cell); the sold order
items CSV gives sales. The file loop is multi_export.py's.
"""

from __future__ import annotations

from datetime import tzinfo

from ..export_part import Part
from ..multi_export import MultiExportSource
from ..tabular import Table
from . import formats  # noqa: F401  (registers the report headers with recognition)
from .config import EtsyChannel
from .listings import read_listings
from .orders import read_orders


class EtsyFiles(MultiExportSource):
    type = "etsy"
    config_model = EtsyChannel
    exports = "an Etsy listings or sold order items CSV"

    def read_kind(self, kind: str, table: Table, tz: tzinfo) -> Part:
        return read_listings(table, self.name) if kind == "listings" else read_orders(table, self.name, tz)

"""The eBay channel read from Seller Hub reports: active listings and orders.

Each file under ``files:`` is known by its header (formats.py), never by its name. The active
listings report defines the listings (with their variations); the orders report gives sales.
Seller Hub writes UTF-8 with a byte-order mark and a preamble line before the header in some
versions; open_table absorbs both. The file loop is multi_export.py's.
"""

from __future__ import annotations

from collections import Counter
from datetime import tzinfo

from ..export_part import Part
from ..multi_export import MultiExportSource
from ..tabular import Table
from . import formats  # noqa: F401  (registers the report headers with recognition)
from .config import EbayChannel
from .listings import read_listings
from .orders import read_orders


class EbayFiles(MultiExportSource):
    type = "ebay"
    config_model = EbayChannel
    exports = "an eBay active listings or orders report"

    def read_kind(self, kind: str, table: Table, tz: tzinfo) -> Part:
        # a report whose prices carry neither symbol nor Currency column is in the config's currency
        currency = self.config.currency.strip().upper() if self.config.currency else None
        if kind == "listings":
            return read_listings(table, self.name, currency)
        return read_orders(table, self.name, tz, currency)

    def currencies_of(self, part: Part) -> Counter:
        """The orders' currencies, and the listings' own (a listings report counts none of its own)."""
        return part.currencies + Counter(x.currency for x in part.listings if x.currency)

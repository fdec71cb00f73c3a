"""The WooCommerce channel (a web store) read from its product CSV export.

Files are known by their header row (formats.py), never by their name. The exporter writes CSV
only; a workbook someone re-saved in Excel is read too (xlsx.py).
"""

from __future__ import annotations

from ...model import WAY_FILES, ChannelData, NotRead
from ..base import Source, SourceError
from ..filedate import newest_date_in_names
from ..recognise import describe_unknown, identify
from ..tabular import bulk_load
from ..xlsx import open_export
from . import formats  # noqa: F401  (registers the export header with recognition)
from .config import WooCommerceChannel
from .products_csv import read_products


class WooCommerceFiles(Source):
    type = "woocommerce"
    config_model = WooCommerceChannel
    way_in = WAY_FILES

    def read(self) -> ChannelData:
        data = ChannelData(name=self.name, type=self.type, way_in=WAY_FILES, currency=self.config.currency)
        for name in self.config.files:
            self.ctx.progress(f"{self.name}: reading {name}")
            try:
                with bulk_load(), open_export(self.ctx.path(name), name=name) as table:
                    signature = identify(table.header, platform="woocommerce")
                    if signature is None:
                        _, why = describe_unknown(table.header, platform="woocommerce")
                        data.not_read.append(NotRead(name, f"not a WooCommerce product export: {why}"))
                        continue
                    part = read_products(table, self.name)
                    data.notes += table.notes + part.notes
                    data.bad_rows += table.bad_rows + part.bad_rows
            except SourceError as exc:
                data.not_read.append(NotRead(exc.what, exc.why, exc.lost_stock))
                continue
            data.listings += part.listings
            data.provides |= part.provides
            data.notes.append(f"{name}: read as a {signature.label} ({len(part.listings)} products and variations)")
        for listing in data.listings:
            listing.currency = data.currency
        data.exported_at = newest_date_in_names(self.config.files)
        return data

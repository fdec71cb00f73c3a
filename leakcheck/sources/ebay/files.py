"""The eBay channel read from Seller Hub reports: active listings and orders.

Each file under ``files:`` is known by its header (formats.py), never by its name. The active
listings report defines the listings (with their variations); the orders report gives sales.
Seller Hub writes UTF-8 with a byte-order mark and a preamble line before the header in some
versions; open_table absorbs both.
"""

from __future__ import annotations

from collections import Counter

from ...model import WAY_FILES, ChannelData, NotRead
from ..base import CsvOptions, Source, SourceError
from ..filedate import newest_date_in_names
from ..recognise import describe_unknown, identify
from ..tabular import bulk_load, open_table, zone
from . import formats  # noqa: F401  (registers the report headers with recognition)
from .config import EbayChannel
from .listings import read_listings
from .orders import read_orders
from .part import Part

DAY = 86400.0


class EbayFiles(Source):
    type = "ebay"
    config_model = EbayChannel
    way_in = WAY_FILES

    def read(self) -> ChannelData:
        cfg, ctx = self.config, self.ctx
        data = ChannelData(name=self.name, type=self.type, way_in=WAY_FILES)
        parts: list[Part] = []
        for name in cfg.files:
            ctx.progress(f"{self.name}: reading {name}")
            try:
                with bulk_load():
                    self._read_file(name, data, parts)
            except SourceError as exc:
                data.not_read.append(NotRead(exc.what, exc.why, exc.lost_stock))
        currencies: Counter = Counter()
        for part in parts:
            data.provides |= part.provides
            data.bad_rows += part.bad_rows
            data.listings += part.listings
            data.orders += part.lines
            currencies += part.currencies
            currencies.update(x.currency for x in part.listings if x.currency)
        if currencies:
            data.currency = currencies.most_common(1)[0][0]
            if len(currencies) > 1:
                data.notes.append(f"prices are in several currencies ({', '.join(sorted(currencies))}); "
                                  f"the channel's currency is taken as {data.currency}")
        elif cfg.currency:  # the files name no currency: the config says it
            data.currency = cfg.currency.strip().upper()
        data.exported_at = newest_date_in_names(cfg.files)
        if data.orders:
            stamps = [o.ts for o in data.orders]
            data.history_days = round((max(stamps) - min(stamps)) / DAY, 1)
        return data

    def _read_file(self, name: str, data: ChannelData, parts: list[Part]) -> None:
        tz = zone(self.config.timezone or self.ctx.timezone)
        currency = self.config.currency.strip().upper() if self.config.currency else None
        with open_table(self.ctx.path(name), CsvOptions(), name=name) as table:
            signature = identify(table.header, platform="ebay")
            if signature is None:
                _, why = describe_unknown(table.header, platform="ebay")
                data.not_read.append(NotRead(name, f"not an eBay active listings or orders report: {why}"))
                return
            if signature.kind == "listings":
                part = read_listings(table, self.name, currency)
            else:
                try:
                    part = read_orders(table, self.name, tz, currency)
                except SourceError as exc:  # an orders file lost is history lost, not stock
                    raise SourceError(exc.what, exc.why, lost_stock=False) from None
            parts.append(part)
            data.notes += table.notes
            data.bad_rows += table.bad_rows
            data.notes.append(f"{name}: read as an {signature.label} ({', '.join(part.details)})")
            if part.missing:
                data.notes.append(f"{name}: no column {'; no column '.join(part.missing)}")

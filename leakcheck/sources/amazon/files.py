"""The Amazon channel read from Seller Central reports: listings, FBA inventory, ledger and orders.

Each file under ``files:`` is known by its header (formats.py), never by its name. The All
Listings report (or the open-listings Inventory report) defines the listings; the FBA Manage
Inventory report fills in the stock of the SKUs Amazon fulfils, whose quantity the listings
report leaves blank, and adds FBA SKUs it does not list (alone, it defines the listings). The
Inventory Ledger gives dated warehouse movements (detailed view) or end-of-day balances (summary
view, read as stock over time), and the All Orders report gives sales. Tab-
separated, comma-separated, UTF-8, Windows-1252 and UTF-16 files are all handled by open_table.
"""

from __future__ import annotations

from collections import Counter

from ...model import CAP_STOCK, WAY_FILES, ChannelData, Listing, NotRead
from ..base import CsvOptions, Source, SourceError
from ..filedate import newest_date_in_names
from ..recognise import describe_unknown, identify
from ..tabular import bulk_load, open_table, zone
from . import formats  # noqa: F401  (registers the report headers with recognition)
from .config import AmazonChannel
from .fba import read_fba
from .ledger import read_ledger
from .ledger_summary import CANNOT, read_ledger_summary
from .listings import read_listings
from .orders import read_orders
from .part import Part

DAY = 86400.0
_HISTORY = ("ledger", "ledger_summary", "orders")  # losing these loses history, not stock


class AmazonFiles(Source):
    type = "amazon"
    config_model = AmazonChannel
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
        self._balances_or_movements(parts, data)
        for part in parts:
            data.provides |= part.provides
            data.bad_rows += part.bad_rows
            data.events += part.events
            data.orders += part.lines
        data.listings = self._merge(parts, data)
        self._currency(parts, data)
        data.exported_at = newest_date_in_names(cfg.files)
        stamps = [e.ts for e in data.events] + [o.ts for o in data.orders]
        if stamps:
            data.history_days = round((max(stamps) - min(stamps)) / DAY, 1)
        return data

    def _read_file(self, name: str, data: ChannelData, parts: list[Part]) -> None:
        tz = zone(self.config.timezone or self.ctx.timezone)
        with open_table(self.ctx.path(name), CsvOptions(), name=name) as table:
            signature = identify(table.header, platform="amazon")
            if signature is None:
                _, why = describe_unknown(table.header, platform="amazon")
                data.not_read.append(NotRead(
                    name, f"not an Amazon listings, FBA inventory, ledger or orders report: {why}"))
                return
            kind = signature.kind
            try:
                if kind == "listings":
                    part = read_listings(table, self.name)
                elif kind == "fba":
                    part = read_fba(table, self.name)
                elif kind == "ledger":
                    part = read_ledger(table, self.name, tz)
                elif kind == "ledger_summary":
                    part = read_ledger_summary(table, self.name, tz)
                else:
                    part = read_orders(table, self.name, tz)
            except SourceError as exc:
                raise SourceError(exc.what, exc.why, lost_stock=kind not in _HISTORY) from None
            parts.append(part)
            data.notes += table.notes
            data.bad_rows += table.bad_rows
            data.notes.append(f"{name}: read as an {signature.label} ({', '.join(part.details)})")
            if part.missing:
                data.notes.append(f"{name}: no column {'; no column '.join(part.missing)}")

    def _balances_or_movements(self, parts: list[Part], data: ChannelData) -> None:
        """The ledger's summary view is read as stock over time; beside the detailed view it would
        count every movement twice, so there the detailed view's single movements are kept."""
        summaries = [p for p in parts if p.kind == "ledger_summary"]
        if not summaries:
            return
        if any(p.kind == "ledger" for p in parts):
            for p in summaries:
                p.events.clear()
            data.notes.append("the Inventory Ledger's detailed view is read for stock changes; its summary view's "
                              "balances are not added on top")
        else:
            data.notes.append(CANNOT)

    def _merge(self, parts: list[Part], data: ChannelData) -> list[Listing]:
        """Listings from the listings reports, FBA counts from the FBA report, FBA-only SKUs added."""
        catalogs = [p for p in parts if p.kind == "listings"]
        fba_parts = [p for p in parts if p.kind == "fba"]
        listings = [x for p in catalogs for x in p.listings]
        if fba_parts:
            fba = {x.sku: x for p in fba_parts for x in p.listings}
            amazon_fulfilled = set().union(*(p.fba for p in catalogs)) if catalogs else set()
            seen: set[str] = set()
            for listing in listings:
                found = fba.get(listing.sku)
                if found is None:
                    continue
                seen.add(listing.sku)
                if listing.sku in amazon_fulfilled or listing.available is None:
                    listing.available, listing.reserved = found.available, found.reserved
                    listing.price = listing.price if listing.price is not None else found.price
                    listing.title = listing.title or found.title
            extra = [x for sku, x in fba.items() if sku not in seen]
            if catalogs and extra:
                data.notes.append(f"{len(extra)} SKUs in the FBA inventory report are not in the listings report: "
                                  "read from the FBA report alone")
            listings += extra
        unknown = sum(1 for x in listings if x.available is None)
        if any(x.available is not None for x in listings):
            data.provides.add(CAP_STOCK)
        if unknown:
            fba_blank = sum(1 for p in catalogs for x in p.listings if x.available is None and x.sku in p.fba)
            hint = (f" ({fba_blank} fulfilled by Amazon: add the FBA Manage Inventory report to read their stock)"
                    if fba_blank and not fba_parts else "")
            data.notes.append(f"{unknown} Amazon listings have no quantity, so their stock is unknown{hint}")
        return listings

    def _currency(self, parts: list[Part], data: ChannelData) -> None:
        currencies: Counter = Counter()
        for part in parts:
            currencies += part.currencies
        if currencies:
            data.currency = currencies.most_common(1)[0][0]
            if len(currencies) > 1:
                data.notes.append(f"orders are in several currencies ({', '.join(sorted(currencies))}); "
                                  f"prices are taken as {data.currency}")
        elif self.config.currency:  # the listings report names no currency: the config says it
            data.currency = self.config.currency.strip().upper()
        if data.currency:
            for listing in data.listings:
                if listing.currency is None:
                    listing.currency = data.currency

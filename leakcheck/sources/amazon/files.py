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

from datetime import tzinfo

from ...model import CAP_STOCK, ChannelData, Listing
from ..multi_export import MultiExportSource
from ..tabular import Table
from . import formats  # noqa: F401  (registers the report headers with recognition)
from .config import AmazonChannel
from .fba import read_fba
from .ledger import read_ledger
from .ledger_summary import CANNOT, read_ledger_summary
from .listings import read_listings
from .orders import read_orders
from .part import Part

_READERS = {"listings": lambda t, ch, tz: read_listings(t, ch), "fba": lambda t, ch, tz: read_fba(t, ch),
            "ledger": read_ledger, "ledger_summary": read_ledger_summary, "orders": read_orders}


class AmazonFiles(MultiExportSource):
    type = "amazon"
    config_model = AmazonChannel
    exports = "an Amazon listings, FBA inventory, ledger or orders report"
    history_kinds = frozenset({"ledger", "ledger_summary", "orders"})
    several_currencies = "orders are in several currencies ({}); prices are taken as {}"

    def read_kind(self, kind: str, table: Table, tz: tzinfo) -> Part:
        return _READERS[kind](table, self.name, tz)

    def settle(self, parts: list[Part], data: ChannelData) -> None:
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

    def merge(self, parts: list[Part], data: ChannelData) -> list[Listing]:
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

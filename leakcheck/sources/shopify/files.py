"""The Shopify channel read from its admin exports: product, inventory and orders CSVs.

Each file listed under ``files:`` is known by its header row (formats.py), never by its
name, because exports get renamed. The product CSV gives the settings (price, oversell policy,
tracking, status, product); the inventory CSV, when present, gives per-location quantities and
replaces the product CSV's single count for the variants it lists; the orders CSV gives sales.

A channel without ``files:`` is read live instead (live.py); both share ``ShopifyChannel`` (config.py).
"""

from __future__ import annotations

from collections import Counter

from ...model import WAY_FILES, ChannelData, Listing, NotRead
from ..filedate import newest_date_in_names
from ..base import CsvOptions, Source, SourceError
from ..recognise import describe_unknown, identify
from ..tabular import bulk_load, open_table
from ..times import zone
from . import formats  # noqa: F401  (registers the export headers with recognition)
from .config import ShopifyChannel
from .inventory_csv import Inventory, read_inventory
from .orders_csv import Orders, read_orders
from .products_csv import Products, read_products

DAY = 86400.0


class ShopifyFiles(Source):
    type = "shopify"
    config_model = ShopifyChannel
    way_in = WAY_FILES

    def read(self) -> ChannelData:
        cfg, ctx = self.config, self.ctx
        data = ChannelData(name=self.name, type=self.type, way_in=WAY_FILES)
        products: list[Products] = []
        inventories: list[Inventory] = []
        orders: list[Orders] = []
        for name in cfg.files:
            ctx.progress(f"{self.name}: reading {name}")
            try:
                with bulk_load():
                    self._read_file(name, data, products, inventories, orders)
            except SourceError as exc:
                data.not_read.append(NotRead(exc.what, exc.why, exc.lost_stock))
        data.listings = _merge(products, inventories)
        for part in (*products, *inventories, *orders):
            data.provides |= part.provides
            data.bad_rows += part.bad_rows
        self._orders(orders, data)
        currency = data.currency
        if currency:
            for listing in data.listings:
                if listing.currency is None:
                    listing.currency = currency
        return data

    def _read_file(self, name: str, data: ChannelData, products: list, inventories: list, orders: list) -> None:
        tz = zone(self.config.timezone or self.ctx.timezone)
        with open_table(self.ctx.path(name), CsvOptions(), name=name) as table:
            signature = identify(table.header, platform="shopify")
            if signature is None:
                _, why = describe_unknown(table.header, platform="shopify")
                data.not_read.append(NotRead(name, f"not a Shopify product, inventory or orders export: {why}"))
                return
            if signature.kind == "products":
                part = read_products(table, self.name)
                products.append(part)
                detail = f"{len(part.listings)} variants" + (f", {part.image_rows} image-only rows passed over"
                                                             if part.image_rows else "")
            elif signature.kind == "inventory":
                part = read_inventory(table, self.name)
                inventories.append(part)
                detail = f"{len(part.listings)} variant-locations" + (
                    f", {part.not_stocked} not stocked at their location" if part.not_stocked else "")
            else:
                try:
                    part = read_orders(table, self.name, tz)
                except SourceError as exc:  # an orders file lost is history lost, not stock
                    raise SourceError(exc.what, exc.why, lost_stock=False) from None
                orders.append(part)
                detail = f"{len(part.lines)} order lines"
            data.notes += table.notes
            data.bad_rows += table.bad_rows
            data.notes.append(f"{name}: read as a {signature.label} ({detail})")

    def _orders(self, parts: list[Orders], data: ChannelData) -> None:
        currencies: Counter = Counter()
        for part in parts:
            data.orders += part.lines
            currencies += part.currencies
        if currencies:
            data.currency = currencies.most_common(1)[0][0]
            if len(currencies) > 1:
                data.notes.append(f"orders are in several currencies ({', '.join(sorted(currencies))}); "
                                  f"prices are taken as {data.currency}")
        else:
            data.currency = self.config.currency
        data.exported_at = newest_date_in_names(self.config.files)
        if data.orders:
            first = min(o.ts for o in data.orders)
            data.history_days = round((max(o.ts for o in data.orders) - first) / DAY, 1)


def _merge(products: list[Products], inventories: list[Inventory]) -> list[Listing]:
    """Per-location rows from the inventory CSV, with the product CSV's settings; the rest as they were."""
    if not inventories:
        return [listing for part in products for listing in part.listings]
    variants: dict[tuple[str, str], list[tuple[tuple[str, ...], Listing]]] = {}
    for part in products:
        for listing, options in zip(part.listings, part.options):
            variants.setdefault((listing.product_id, listing.sku), []).append((options, listing))
    covered: set[int] = set()
    out: list[Listing] = []
    for part in inventories:
        for row, options in zip(part.listings, part.options):
            found = variants.get((row.product_id, row.sku))
            if found:
                match = next((v for o, v in found if o == options), found[0][1])
                covered.add(id(match))
                row.title = match.title or row.title
                row.price, row.policy, row.tracked, row.status = match.price, match.policy, match.tracked, match.status
                row.currency = match.currency
            out.append(row)
    for part in products:
        out += [listing for listing in part.listings if id(listing) not in covered]
    return out

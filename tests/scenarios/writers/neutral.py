"""Neutral CSV files (``type: csv`` channels and ``history:`` logs) in each system's own style.

A channel not written as its platform's own export (writers/*_native.py) is read through
leakcheck's neutral CSV source, so each file here carries the headers, date styles and quirks of
the system it stands for: Amazon's tab-separated listings report, eBay's Seller Hub CSV with a
byte-order mark, Square's item library with the location in the header, Xero's ``*ItemCode``, a
warehouse system that still writes Windows-1252 with ``£`` prices and thousands separators. The
``history`` layouts are the sync apps' activity logs, written for native channels too (no
platform export holds who changed stock when). ``LAYOUTS`` is the single description of each
file: the writer renders it and writers/config.py turns its ``mapping`` into the config's
``columns:``, so the two can never disagree.
"""

from __future__ import annotations

import csv
import io
import zlib
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Callable
from zoneinfo import ZoneInfo

STATUS = {  # world order status -> the channel's word
    "amazon": {"fulfilled": "Shipped", "open": "Unshipped", "cancelled": "Cancelled", "refunded": "Refunded"},
    "ebay": {"fulfilled": "Dispatched", "open": "Paid", "cancelled": "Cancelled", "refunded": "Refunded"},
    "square": {"fulfilled": "Completed", "open": "Open", "cancelled": "Cancelled", "refunded": "Refunded"},
}


@dataclass(frozen=True)
class Layout:
    """One file: its name, header, how a record becomes a row, and which header holds which field."""

    kind: str  # listings | orders | history
    file: str
    header: tuple[str, ...]
    row: Callable  # (ctx, record) -> list of cells
    mapping: dict[str, str]
    options: dict[str, str] = field(default_factory=dict)  # the config's `options:` for this file
    encoding: str = "utf-8"
    delimiter: str = ","
    terminator: str = "\n"


class Ctx:
    """What a row function needs beside the record: the world, local time, stable pseudo-ids."""

    def __init__(self, world, channel: str):
        self.world, self.channel = world, channel
        self.tz = ZoneInfo(world.timezone)

    def local(self, ts: float, fmt: str = "%Y-%m-%d %H:%M:%S") -> str:
        return datetime.fromtimestamp(ts, self.tz).strftime(fmt)

    def utc(self, ts: float, fmt: str = "%Y-%m-%dT%H:%M:%SZ") -> str:
        return datetime.fromtimestamp(ts, timezone.utc).strftime(fmt)

    def num(self, key: str, digits: int) -> str:
        return str(zlib.crc32(f"{self.channel}:{key}".encode()) % 10**digits).zfill(digits)

    def item(self, sku: str):
        return self.world.items[sku]


def _qty(lst, field_: str, value) -> str:
    if lst.raw and field_ in lst.raw:
        return lst.raw[field_]
    return "" if value is None else str(value)


def _thousands(n) -> str:
    return "" if n is None else f"{n:,}"


def _kind_word(e) -> str:
    return e.writer_kind


def _change(e) -> str:
    return "" if e.change is None else f"{e.change:+d}"


# --- Amazon -------------------------------------------------------------------------------------
AMAZON = [
    Layout("listings", "amazon/All+Listings+Report+09-21-2026.txt",
           ("item-name", "listing-id", "seller-sku", "price", "quantity", "open-date", "product-id-type",
            "item-condition", "asin1", "fulfillment-channel", "status"),
           lambda c, l: [l.title, "0" + c.num(l.item, 9) + "UK", l.sku, f"{l.price:.2f}", _qty(l, "available", l.available),
                         "2024-03-12 10:15:22 GMT", "1", "11", "B0" + c.num(l.item + "asin", 8), "DEFAULT", "Active"],
           {"sku": "seller-sku", "title": "item-name", "price": "price", "available": "quantity"},
           {"delimiter": "\t"}, delimiter="\t"),
    Layout("orders", "amazon/Orders-2026-07-20-to-2026-09-21.csv",
           ("amazon-order-id", "merchant-order-id", "purchase-date", "last-updated-date", "order-status",
            "fulfillment-channel", "sales-channel", "sku", "asin", "product-name", "quantity", "currency",
            "item-price", "quantity-refunded", "quantity-restocked"),
           lambda c, o, x: [o.order_id, "", c.utc(o.ts, "%Y-%m-%dT%H:%M:%S+00:00"),
                            c.utc(o.closed_ts or o.fulfilled_ts or o.ts, "%Y-%m-%dT%H:%M:%S+00:00"),
                            STATUS["amazon"][o.status], "Merchant", "Amazon.co.uk", x.sku, "B0" + c.num(x.item + "asin", 8),
                            c.item(x.item).title, str(x.quantity), "GBP", f"{x.unit_price:.2f}", str(x.refunded),
                            "" if x.restocked is None else str(x.restocked)],
           {"time": "purchase-date", "order_id": "amazon-order-id", "sku": "sku", "quantity": "quantity",
            "unit_price": "item-price", "status": "order-status", "refunded_quantity": "quantity-refunded",
            "restocked_quantity": "quantity-restocked"}),
    Layout("history", "amazon/stock-activity.csv",
           ("date", "seller-sku", "quantity-change", "new-quantity", "changed-by", "changed-by-type", "reason"),
           lambda c, e: [c.utc(e.ts), e.sku, _change(e), str(e.quantity_after), e.writer, _kind_word(e), e.reason],
           {"time": "date", "sku": "seller-sku", "change": "quantity-change", "quantity_after": "new-quantity",
            "writer": "changed-by", "writer_kind": "changed-by-type", "reason": "reason"}),
]

# --- eBay ---------------------------------------------------------------------------------------
EBAY = [
    Layout("listings", "ebay/eBay-all-active-listings-report-2026-09-21.csv",
           ("Item number", "Title", "Variation details", "Custom label (SKU)", "Available quantity", "Format",
            "Currency", "Start price", "Current price", "Sold quantity", "Watchers", "Start date", "Condition"),
           lambda c, l: ["2" + c.num(l.item, 11), l.title[:80],
                         "|".join(f"{n}={v}" for n, v in c.item(l.item).options), l.sku,
                         _qty(l, "available", l.available), "FIXED_PRICE", "GBP", f"{l.price:.2f}", f"{l.price:.2f}",
                         str(int(c.num(l.item + "sold", 2))), str(int(c.num(l.item + "w", 1))), "Mar-12-24 10:15:22 GMT", "New"],
           {"sku": "Custom label (SKU)", "title": "Title", "available": "Available quantity", "price": "Start price",
            "currency": "Currency"}, encoding="utf-8-sig"),
    Layout("orders", "ebay/eBay-OrdersReport-2026-09-21.csv",
           ("Sales record number", "Order number", "Buyer username", "Item number", "Item title", "Custom label",
            "Quantity", "Sold for", "Sale date", "Paid on date", "Dispatched on date", "Order status", "Refunded quantity"),
           lambda c, o, x: [str(o.number), o.order_id, "", "2" + c.num(x.item, 11), c.item(x.item).title[:80], x.sku,
                            str(x.quantity), f"{x.unit_price:.2f}", c.local(o.ts, "%d-%b-%Y %H:%M:%S"),
                            c.local(o.ts + 60, "%d-%b-%Y %H:%M:%S"),
                            c.local(o.fulfilled_ts, "%d-%b-%Y %H:%M:%S") if o.fulfilled_ts else "",
                            STATUS["ebay"][o.status], str(x.refunded)],
           {"time": "Sale date", "order_id": "Order number", "sku": "Custom label", "quantity": "Quantity",
            "unit_price": "Sold for", "status": "Order status", "refunded_quantity": "Refunded quantity"},
           {"date_format": "%d-%b-%Y %H:%M:%S", "timezone": "Europe/London"}, encoding="utf-8-sig"),
    Layout("history", "ebay/syncmaster-activity-log.csv",
           ("Time (UTC)", "Custom label", "Qty before", "Qty after", "Updated by", "Updater type", "Details"),
           lambda c, e: [c.utc(e.ts, "%Y-%m-%d %H:%M:%S"), e.sku,
                         str(e.before) if e.change is None else str(e.quantity_after - e.change), str(e.quantity_after),
                         e.writer, _kind_word(e), e.reason],
           {"time": "Time (UTC)", "sku": "Custom label", "quantity_after": "Qty after", "writer": "Updated by",
            "writer_kind": "Updater type", "reason": "Details"}, {"timezone": "UTC"}),
]

# --- Square (the till) -----------------------------------------------------------------------------
_LOC = "Harbour St Shop"
TILL = [
    Layout("listings", "till/MLHH4Q2Z8K1RB_catalog-2026-09-21-0655.csv",
           ("Token", "Item Name", "Variation Name", "SKU", "Description", "Categories", "Reporting Category", "GTIN",
            "Item Type", "Weight (kg)", "Price", "Online Sale Price", "Archived", "Sellable", "Stockable",
            "Skip Detail Screen in POS", "Option Name 1", "Option Value 1", f"Current Quantity {_LOC}",
            f"New Quantity {_LOC}", f"Stock Alert Enabled {_LOC}", f"Stock Alert Count {_LOC}"),
           lambda c, l: _till_listing(c, l),
           {"sku": "SKU", "title": "Item Name", "price": "Price", "available": f"Current Quantity {_LOC}"}),
    Layout("orders", "till/items-2026-07-20-2026-09-21.csv",
           ("Date", "Time Zone", "Category", "Item", "Qty", "Price Point Name", "SKU", "Unit Price", "Gross Sales",
            "Transaction ID", "Status", "Refunded Qty", "Restocked Qty", "Device Name", "Location"),
           lambda c, o, x: [c.local(o.ts), "London", c.item(x.item).family.title(), c.item(x.item).product_title,
                            str(x.quantity), " / ".join(v for _, v in c.item(x.item).options) or "Regular", x.sku,
                            f"{x.unit_price:.2f}", f"{x.unit_price * x.quantity:.2f}", o.order_id,
                            STATUS["square"][o.status], str(x.refunded), "" if x.restocked is None else str(x.restocked),
                            "Counter iPad", _LOC],
           {"time": "Date", "order_id": "Transaction ID", "sku": "SKU", "quantity": "Qty", "unit_price": "Unit Price",
            "status": "Status", "refunded_quantity": "Refunded Qty", "restocked_quantity": "Restocked Qty"},
           {"timezone": "Europe/London"}),
    Layout("history", "till/inventory-history.csv",
           ("Date", "SKU", "Item", "Location", "Adjustment", "New Stock", "Team Member / App", "Type", "Reason"),
           lambda c, e: [c.local(e.ts), e.sku, "", _LOC, _change(e), str(e.quantity_after), e.writer, _kind_word(e),
                         e.reason],
           {"time": "Date", "sku": "SKU", "change": "Adjustment", "quantity_after": "New Stock",
            "writer": "Team Member / App", "writer_kind": "Type", "reason": "Reason"}, {"timezone": "Europe/London"}),
]


def _till_listing(c: Ctx, l) -> list[str]:
    item = c.item(l.item)
    opt = item.options[0] if item.options else ("", "")
    return ["7" + c.num(l.item, 9).replace("0", "K"), item.product_title,
            " / ".join(v for _, v in item.options) or "Regular", l.sku, "", item.family.title(), item.family.title(),
            item.barcode, "Physical good", f"{item.grams / 1000:.2f}", f"{l.price:.2f}", "", "N", "Y", "Y", "N",
            opt[0], opt[1], _qty(l, "available", l.available), "", "Y", "2"]


# --- Xero (the accounts) ---------------------------------------------------------------------------------
ACCOUNTS = [
    Layout("listings", "accounts/InventoryItems-20260921.csv",
           ("*ItemCode", "ItemName", "QuantityOnHand", "PurchasesDescription", "PurchasesUnitPrice", "PurchasesAccount",
            "PurchasesTaxRate", "SalesDescription", "SalesUnitPrice", "SalesAccount", "SalesTaxRate",
            "InventoryAssetAccount", "CostOfGoodsSoldAccount"),
           lambda c, l: [l.sku, l.title[:50], _qty(l, "on_hand", l.on_hand), l.title, f"{c.item(l.item).cost:.2f}",
                         "", "20% (VAT on Expenses)", l.title, f"{l.price:.2f}", "200", "20% (VAT on Income)", "630", "310"],
           {"sku": "*ItemCode", "title": "ItemName", "on_hand": "QuantityOnHand", "price": "SalesUnitPrice"}),
]

# --- the warehouse system ---------------------------------------------------------------------------------
WAREHOUSE = [
    Layout("listings", "warehouse/stock-report-21-09-2026.csv",
           ("Item No", "Description", "Bin", "Free Stock", "Allocated", "On Hand", "RRP", "Last Movement"),
           lambda c, l: [l.sku, l.title, f"{'ABCDEF'[int(c.num(l.item, 1)) % 6]}-{c.num(l.item + 'bin', 2)}",
                         l.raw["available"] if l.raw and "available" in l.raw else _thousands(l.available),
                         _thousands(l.committed), _thousands(l.on_hand), f"£{l.price:,.2f}", "19/09/2026"],
           {"sku": "Item No", "title": "Description", "available": "Free Stock", "committed": "Allocated",
            "on_hand": "On Hand", "price": "RRP"},
           {"encoding": "windows-1252"}, encoding="cp1252", terminator="\r\n"),
]

# --- the owner's activity log (exported by its sync app) ---------------------------------------------------------
SHOP_HISTORY = Layout(
    "history", "shop/stock-activity-log.csv",
    ("Timestamp", "SKU", "Location", "Adjustment", "Quantity After", "Source", "Source Type", "Note"),
    lambda c, e: [c.local(e.ts, "%Y-%m-%d %H:%M:%S %z"), e.sku, e.location, _change(e), str(e.quantity_after),
                  e.writer, _kind_word(e), e.reason],
    {"time": "Timestamp", "sku": "SKU", "location": "Location", "change": "Adjustment",
     "quantity_after": "Quantity After", "writer": "Source", "writer_kind": "Source Type", "reason": "Note"})

LAYOUTS: dict[str, list[Layout]] = {"amazon": AMAZON, "ebay": EBAY, "square": TILL, "xero": ACCOUNTS,
                                    "warehouse": WAREHOUSE, "shopify": [SHOP_HISTORY]}


def layouts_for(world, channel: str) -> list[Layout]:
    """The files a channel of this world writes: listings always, orders and history when it has them."""
    ch = world.channels[channel]
    out = []
    for layout in LAYOUTS[ch.spec.platform]:
        if layout.kind == "orders" and ch.spec.share <= 0:
            continue
        if layout.kind == "history" and not ch.spec.history:
            continue
        out.append(layout)
    return out


def rows(world, channel: str, layout: Layout):
    ctx = Ctx(world, channel)
    ch = world.channels[channel]
    yield list(layout.header)
    if layout.kind == "listings":
        for lst in ch.listings:
            yield layout.row(ctx, lst)
    elif layout.kind == "orders":
        for order in ch.orders:
            for line in order.lines:
                yield layout.row(ctx, order, line)
    else:
        for e in ch.events:
            yield layout.row(ctx, e)


def write(world, out: Path, channel: str, kinds: set[str] | None = None) -> dict[str, Path]:
    """Write a channel's neutral files under ``out`` (only ``kinds`` when given); returns kind -> path."""
    written = {}
    for layout in layouts_for(world, channel):
        if kinds is not None and layout.kind not in kinds:
            continue
        path = out / layout.file
        path.parent.mkdir(parents=True, exist_ok=True)
        buf = io.StringIO(newline="")
        csv.writer(buf, delimiter=layout.delimiter, lineterminator=layout.terminator).writerows(
            rows(world, channel, layout))
        path.write_bytes(buf.getvalue().encode(layout.encoding))
        written[layout.kind] = path
    return written

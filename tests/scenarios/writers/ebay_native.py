"""eBay Seller Hub's own reports of a world's marketplace channel: active listings and orders.

Imitates Seller Hub's downloads (shared/specs NOTES 2.8 and real reports as other projects
reproduce them): UTF-8 with a byte-order mark, every cell quoted; the active listings report
with a multi-variation listing written as a parent row followed by its variation rows (which
leave title, currency and price to the parent); the orders report with a line of bare commas
before the header, a row of empty cells under it, an order of several items as a summary row
followed by its item rows, sale dates as ``Sep-18-26`` (no time), and the two footer lines.
Cancelled orders are not in the report; a refunded one shows as dispatched. Buyer columns are
blank: leakcheck never reads them.
"""

from __future__ import annotations

import csv
import zlib
from datetime import datetime, timezone
from pathlib import Path
from zoneinfo import ZoneInfo

LISTINGS_HEADER = [
    "Item number", "Title", "Variation details", "Custom label (SKU)", "Available quantity", "Format", "Currency",
    "Start price", "Auction Buy It Now price", "Reserve price", "Current price", "Sold quantity", "Watchers", "Bids",
    "Start date", "End date", "eBay category 1 name", "eBay category 1 number", "Condition", "P:UPC", "P:EPID",
]
ORDERS_HEADER = [
    "Sales Record Number", "Order Number", "Buyer Username", "Buyer Name", "Buyer Email", "Buyer Note",
    "Buyer Address 1", "Buyer Address 2", "Buyer City", "Buyer County", "Buyer Postcode", "Buyer Country",
    "Post To Name", "Post To Phone", "Post To Address 1", "Post To Address 2", "Post To City", "Post To County",
    "Post To Postcode", "Post To Country", "Item Number", "Item Title", "Custom Label", "Sold Via Promoted Listings",
    "Quantity", "Sold For", "Postage And Handling", "Total Price", "Payment Method", "Sale Date", "Paid On Date",
    "Post By Date", "Dispatched On Date", "Feedback Left", "Feedback Received", "Variation Details",
    "Global Shipping Reference ID", "Click And Collect", "Tracking Number",
]
FILES = {"listings": "eBay-all-active-listings-report-{date}.csv", "orders": "eBay-OrdersReport-{date}.csv"}


def _num(channel: str, key: str, digits: int) -> str:
    return str(zlib.crc32(f"{channel}:{key}".encode()) % 10**digits).zfill(digits)


def _variations(item) -> str:
    return "|".join(f"{n}:{v}" for n, v in item.options)


def listing_rows(world, channel: str):
    yield LISTINGS_HEADER
    groups: dict[str, list] = {}
    for lst in world.channels[channel].listings:
        groups.setdefault(world.items[lst.item].handle, []).append(lst)
    for handle, listings in groups.items():
        first = world.items[listings[0].item]
        number = "2" + _num(channel, handle, 11)
        base = dict.fromkeys(LISTINGS_HEADER, "")
        base.update({"Item number": number, "Format": "FIXED_PRICE", "Currency": world.currency,
                     "Start date": "Mar-12-24 10:15:22 GMT", "eBay category 1 name": first.family.title(),
                     "eBay category 1 number": _num(channel, first.family, 5), "Condition": "New"})
        variations = len(listings) > 1 and all(world.items[x.item].options for x in listings)
        if variations:  # parent row, then one row per variation inheriting title, currency and price
            parent = dict(base, **{"Title": first.product_title[:80],
                                   "Available quantity": str(sum(x.available or 0 for x in listings if not x.raw)),
                                   "Sold quantity": _num(channel, handle + "sold", 2).lstrip("0") or "0"})
            yield [parent[h] for h in LISTINGS_HEADER]
        for lst in listings:
            item = world.items[lst.item]
            row = dict(base) if not variations else dict.fromkeys(LISTINGS_HEADER, "")
            price = f"£{lst.price:.2f}" if lst.price is not None else ""
            quantity = lst.raw["available"] if lst.raw and "available" in lst.raw else (
                "" if lst.available is None else str(lst.available))
            row.update({"Item number": number if variations else "2" + _num(channel, lst.item, 11),
                        "Custom label (SKU)": lst.sku, "Available quantity": quantity})
            if variations:
                row.update({"Variation details": _variations(item), "Current price": price})
            else:
                row.update({"Title": lst.title[:80], "Start price": price, "Current price": price})
            yield [row[h] for h in LISTINGS_HEADER]


def order_rows(world, channel: str):
    tz = ZoneInfo(world.timezone)
    day = lambda ts: datetime.fromtimestamp(ts, tz).strftime("%b-%d-%y") if ts else ""  # noqa: E731
    yield [""] * 12  # Seller Hub's line of bare commas before the header
    yield ORDERS_HEADER
    yield [""] * len(ORDERS_HEADER)
    count = 0
    for order in sorted(world.channels[channel].orders, key=lambda o: o.ts, reverse=True):
        if order.status == "cancelled":
            continue
        count += 1
        head = dict.fromkeys(ORDERS_HEADER, "")
        head.update({"Sales Record Number": str(order.number), "Order Number": order.order_id,
                     "Payment Method": "Managed payments", "Sale Date": day(order.ts),
                     "Paid On Date": day(order.ts + 60),
                     "Dispatched On Date": day(order.fulfilled_ts) if order.status != "open" else ""})
        if len(order.lines) > 1:
            total = sum(x.unit_price * x.quantity for x in order.lines)
            summary = dict(head, **{"Quantity": str(sum(x.quantity for x in order.lines)),
                                    "Sold For": f"£{total:.2f}", "Total Price": f"£{total:.2f}"})
            yield [summary[h] for h in ORDERS_HEADER]
        for line in order.lines:
            item = world.items[line.item]
            row = dict(head, **{"Item Number": "2" + _num(channel, line.item, 11), "Item Title": item.title[:80],
                                "Custom Label": line.sku, "Sold Via Promoted Listings": "No",
                                "Quantity": str(line.quantity), "Sold For": f"£{line.unit_price:.2f}",
                                "Postage And Handling": "£0.00",
                                "Total Price": f"£{line.unit_price * line.quantity:.2f}",
                                "Variation Details": "[" + ",".join(f"{n}:{v}" for n, v in item.options) + "]"
                                if item.options else ""})
            yield [row[h] for h in ORDERS_HEADER]
    yield [""] * len(ORDERS_HEADER)
    yield [f"{count} record(s) downloaded"]
    yield [f"Seller ID : {world.merchant.lower().replace(' & ', '-and-').replace(' ', '-')}"]


def write(world, out: Path, channel: str = "ebay") -> dict[str, Path]:
    """Write the channel's active listings and orders reports into ``out`` (created); returns kind -> path."""
    out.mkdir(parents=True, exist_ok=True)
    date = datetime.fromtimestamp(world.as_of, timezone.utc).strftime("%Y-%m-%d")
    written = {}
    for kind, rows in (("listings", listing_rows), ("orders", order_rows)):
        path = out / FILES[kind].format(date=date)
        with path.open("w", encoding="utf-8-sig", newline="") as fh:
            csv.writer(fh, quoting=csv.QUOTE_ALL, lineterminator="\r\n").writerows(rows(world, channel))
        written[kind] = path
    return written

"""Etsy's own downloads of a world's channel: the listings CSV and the sold order items CSV.

Imitates Etsy's files (shared/specs NOTES 3.7 and the real EtsyListingsDownload.csv in
shared/samples/etsy/): the listings CSV with its capitalised header, one row per listing, a
listing with variations naming all its SKUs comma-joined in ``SKU`` with ``QUANTITY`` the total
over them, multi-line descriptions with CRLF inside cells; the sold order items CSV with one row
per item sold, ``Sale Date`` as ``09/18/26``, ``Price`` per unit. Cancelled orders are left out.
Buyer and address columns are blank: leakcheck never reads them.
"""

from __future__ import annotations

import csv
import zlib
from datetime import datetime, timezone
from pathlib import Path
from zoneinfo import ZoneInfo

LISTINGS_HEADER = [
    "TITLE", "DESCRIPTION", "PRICE", "CURRENCY_CODE", "QUANTITY", "TAGS", "MATERIALS", "IMAGE1", "IMAGE2", "IMAGE3",
    "IMAGE4", "IMAGE5", "IMAGE6", "IMAGE7", "IMAGE8", "IMAGE9", "IMAGE10", "VARIATION 1 TYPE", "VARIATION 1 NAME",
    "VARIATION 1 VALUES", "VARIATION 2 TYPE", "VARIATION 2 NAME", "VARIATION 2 VALUES", "SKU",
]
ORDERS_HEADER = [
    "Sale Date", "Item Name", "Buyer", "Quantity", "Price", "Coupon Code", "Coupon Details", "Discount Amount",
    "Shipping Discount", "Order Shipping", "Order Sales Tax", "Item Total", "Currency", "Transaction ID", "Listing ID",
    "Date Paid", "Date Shipped", "Ship Name", "Ship Address1", "Ship Address2", "Ship City", "Ship State",
    "Ship Zipcode", "Ship Country", "Order ID", "Variations", "Order Type", "Listings Type", "Payment Type",
    "InPerson Discount", "InPerson Location", "VAT Paid by Buyer", "SKU",
]
FILES = {"listings": "EtsyListingsDownload.csv", "orders": "EtsySoldOrderItems{year}.csv"}


def _num(channel: str, key: str, digits: int) -> str:
    return str(zlib.crc32(f"{channel}:{key}".encode()) % 10**digits).zfill(digits)


def groups(world, channel: str) -> list[tuple[str, list]]:
    """(product handle, its listings on the channel): one Etsy listing each."""
    out: dict[str, list] = {}
    for lst in world.channels[channel].listings:
        out.setdefault(world.items[lst.item].handle, []).append(lst)
    return list(out.items())


def listing_rows(world, channel: str):
    yield LISTINGS_HEADER
    for handle, listings in groups(world, channel):
        first = world.items[listings[0].item]
        row = dict.fromkeys(LISTINGS_HEADER, "")
        several = len(listings) > 1
        prices = [x.price for x in listings if x.price is not None]
        quantities = [x.raw["available"] if x.raw and "available" in x.raw else x.available for x in listings]
        total = quantities[0] if not several else sum(q for q in quantities if isinstance(q, int))
        row.update({
            "TITLE": first.product_title if several else listings[0].title,
            "DESCRIPTION": f"{first.product_title}.\r\nMade in small batches.\r\n\r\nCare: see the label.",
            "PRICE": f"{min(prices):.2f}" if prices else "", "CURRENCY_CODE": world.currency,
            "QUANTITY": "" if total is None else str(total), "TAGS": first.family,
            "IMAGE1": f"https://i.etsystatic.com/{_num(channel, handle, 8)}/r/il/abc/{_num(channel, handle + 'i', 10)}/"
                      "il_fullxfull.jpg",
            "SKU": ",".join(x.sku for x in listings),
        })
        if several and first.options:
            row["VARIATION 1 TYPE"], row["VARIATION 1 NAME"] = "custom", first.options[0][0]
            row["VARIATION 1 VALUES"] = ",".join(world.items[x.item].options[0][1] for x in listings
                                                 if world.items[x.item].options)
        yield [row[h] for h in LISTINGS_HEADER]


def order_rows(world, channel: str):
    tz = ZoneInfo(world.timezone)
    day = lambda ts: datetime.fromtimestamp(ts, tz).strftime("%m/%d/%y") if ts else ""  # noqa: E731
    yield ORDERS_HEADER
    for order in sorted(world.channels[channel].orders, key=lambda o: o.ts, reverse=True):
        if order.status == "cancelled":
            continue
        for k, line in enumerate(order.lines):
            item = world.items[line.item]
            row = dict.fromkeys(ORDERS_HEADER, "")
            row.update({
                "Sale Date": day(order.ts), "Item Name": item.product_title, "Quantity": str(line.quantity),
                "Price": f"{line.unit_price:.2f}", "Order Shipping": "0", "Order Sales Tax": "0",
                "Item Total": f"{line.unit_price * line.quantity:.2f}", "Currency": world.currency,
                "Transaction ID": str(3_000_000_000 + order.number * 10 + k),
                "Listing ID": "1" + _num(channel, item.handle, 9), "Date Paid": day(order.ts),
                "Date Shipped": day(order.fulfilled_ts) if order.status != "open" and order.fulfilled_ts else "",
                "Order ID": order.order_id, "Variations": ",".join(f"{n}:{v}" for n, v in item.options),
                "Order Type": "online", "Listings Type": "listing", "Payment Type": "online_cc", "SKU": line.sku,
            })
            yield [row[h] for h in ORDERS_HEADER]


def write(world, out: Path, channel: str = "etsy") -> dict[str, Path]:
    """Write the channel's listings and sold order items CSVs into ``out`` (created); returns kind -> path."""
    out.mkdir(parents=True, exist_ok=True)
    year = datetime.fromtimestamp(world.as_of, timezone.utc).strftime("%Y")
    written = {}
    for kind, rows in (("listings", listing_rows), ("orders", order_rows)):
        path = out / FILES[kind].format(year=year)
        with path.open("w", encoding="utf-8", newline="") as fh:
            csv.writer(fh, lineterminator="\n").writerows(rows(world, channel))
        written[kind] = path
    return written

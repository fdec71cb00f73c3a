"""Amazon Seller Central's own reports of a world's marketplace channel: All Listings and All Orders.

Imitates what Seller Central writes (shared/specs NOTES 1.2/1.5/1.7 and Seller Central help):
the All Listings report (GET_MERCHANT_LISTINGS_ALL_DATA, tab-separated, lower-case hyphenated
header, seller-fulfilled ``DEFAULT`` rows) and the All Orders report (tab-separated, one row per
order item, ``item-price`` for the row's whole quantity, times in UTC with an offset). Refunds
are not in the All Orders report, so a refunded order shows as Shipped, as on Amazon. Buyer
address cells are blank: leakcheck never reads them.
"""

from __future__ import annotations

import csv
import zlib
from datetime import datetime, timezone
from pathlib import Path

LISTINGS_HEADER = [
    "item-name", "item-description", "listing-id", "seller-sku", "price", "quantity", "open-date", "image-url",
    "item-is-marketplace", "product-id-type", "zshop-shipping-fee", "item-note", "item-condition", "zshop-category1",
    "zshop-browse-path", "zshop-storefront-feature", "asin1", "asin2", "asin3", "will-ship-internationally",
    "expedited-shipping", "zshop-boldface", "product-id", "bid-for-featured-placement", "add-delete",
    "pending-quantity", "fulfillment-channel", "merchant-shipping-group", "status",
]
ORDERS_HEADER = [
    "amazon-order-id", "merchant-order-id", "purchase-date", "last-updated-date", "order-status", "fulfillment-channel",
    "sales-channel", "order-channel", "url", "ship-service-level", "product-name", "sku", "asin", "item-status",
    "quantity", "currency", "item-price", "item-tax", "shipping-price", "shipping-tax", "gift-wrap-price",
    "gift-wrap-tax", "item-promotion-discount", "ship-promotion-discount", "ship-city", "ship-state",
    "ship-postal-code", "ship-country", "promotion-ids", "is-business-order", "purchase-order-number",
    "price-designation",
]
FILES = {"listings": "All+Listings+Report+{date}.txt", "orders": "All+Orders+Report+{date}.txt"}
_STATUS = {"fulfilled": ("Shipped", "Shipped"), "refunded": ("Shipped", "Shipped"),
           "open": ("Unshipped", "Unshipped"), "cancelled": ("Cancelled", "Cancelled")}


def _num(channel: str, key: str, digits: int) -> str:
    return str(zlib.crc32(f"{channel}:{key}".encode()) % 10**digits).zfill(digits)


def _utc(ts: float) -> str:
    return datetime.fromtimestamp(ts, timezone.utc).strftime("%Y-%m-%dT%H:%M:%S+00:00")


def listing_rows(world, channel: str):
    yield LISTINGS_HEADER
    for lst in world.channels[channel].listings:
        if not lst.stocked:
            continue
        row = dict.fromkeys(LISTINGS_HEADER, "")
        quantity = lst.raw["available"] if lst.raw and "available" in lst.raw else (
            "" if lst.available is None else str(lst.available))
        asin = "B0" + _num(channel, lst.item + "asin", 8)
        row.update({
            "item-name": lst.title, "listing-id": "0" + _num(channel, lst.item, 9) + "UK", "seller-sku": lst.sku,
            "price": "" if lst.price is None else f"{lst.price:.2f}", "quantity": quantity,
            "open-date": "12/03/2024 10:15:22 GMT", "item-is-marketplace": "y", "product-id-type": "1",
            "item-condition": "11", "asin1": asin, "will-ship-internationally": "1", "product-id": asin,
            "fulfillment-channel": "DEFAULT", "merchant-shipping-group": "Migrated Template",
            "status": "Active" if (lst.available or 0) > 0 else "Inactive",
        })
        yield [row[h] for h in LISTINGS_HEADER]


def order_rows(world, channel: str):
    yield ORDERS_HEADER
    for order in sorted(world.channels[channel].orders, key=lambda o: o.ts, reverse=True):
        order_status, item_status = _STATUS[order.status]
        for line in order.lines:
            item = world.items[line.item]
            row = dict.fromkeys(ORDERS_HEADER, "")
            row.update({
                "amazon-order-id": order.order_id, "purchase-date": _utc(order.ts),
                "last-updated-date": _utc(order.closed_ts or order.fulfilled_ts or order.ts),
                "order-status": order_status, "fulfillment-channel": "Merchant", "sales-channel": "Amazon.co.uk",
                "ship-service-level": "Standard", "product-name": item.title, "sku": line.sku,
                "asin": "B0" + _num(channel, line.item + "asin", 8), "item-status": item_status,
                "quantity": str(line.quantity), "currency": world.currency,
                "item-price": f"{line.unit_price * line.quantity:.2f}", "item-tax": "0.00",
                "shipping-price": "0.00", "is-business-order": "false",
            })
            yield [row[h] for h in ORDERS_HEADER]


def write(world, out: Path, channel: str = "amazon", encoding: str = "utf-8") -> dict[str, Path]:
    """Write the channel's All Listings and All Orders reports into ``out`` (created); returns kind -> path."""
    out.mkdir(parents=True, exist_ok=True)
    date = datetime.fromtimestamp(world.as_of, timezone.utc).strftime("%m-%d-%Y")
    written = {}
    for kind, rows in (("listings", listing_rows), ("orders", order_rows)):
        path = out / FILES[kind].format(date=date)
        with path.open("w", encoding=encoding, newline="", errors="replace") as fh:
            csv.writer(fh, delimiter="\t", lineterminator="\r\n" if kind == "listings" else "\n",
                       quoting=csv.QUOTE_MINIMAL).writerows(rows(world, channel))
        written[kind] = path
    return written

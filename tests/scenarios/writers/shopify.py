"""Shopify's own exports of a world's owner channel: products, inventory and orders CSV.

Imitates what Shopify writes today (shared/specs NOTES 1.10 and the real files in
shared/samples/shopify/): the 57-column product CSV with ``URL handle`` and one row per variant
(product fields on the first row only, extra images on image-only rows, HTML descriptions that
run over several lines, CRLF line ends); the inventory CSV with one row per variant and location
(``Not stocked`` where a location does not carry it); the orders CSV with one row per line item
(order fields on an order's first row only). Customer data is placeholder or blank: leakcheck
never needs it, so the demo must not look as if it did.
"""

from __future__ import annotations

import csv
import random
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

PRODUCT_HEADER = [
    "Title", "URL handle", "Description", "Vendor", "Product category", "Type", "Tags", "Published on online store",
    "Status", "SKU", "Barcode", "Option1 name", "Option1 value", "Option1 Linked To", "Option2 name", "Option2 value",
    "Option2 Linked To", "Option3 name", "Option3 value", "Option3 Linked To", "Price", "Compare-at price",
    "Cost per item", "Charge tax", "Tax code", "Unit price total measure", "Unit price total measure unit",
    "Unit price base measure", "Unit price base measure unit", "Inventory tracker", "Inventory quantity",
    "Continue selling when out of stock", "Weight value (grams)", "Weight unit for display", "Requires shipping",
    "Fulfillment service", "Product image URL", "Image position", "Image alt text", "Variant image URL", "Gift card",
    "SEO title", "SEO description", "Color (product.metafields.shopify.color-pattern)",
    "Google Shopping / Google product category", "Google Shopping / Gender", "Google Shopping / Age group",
    "Google Shopping / Manufacturer part number (MPN)", "Google Shopping / Ad group name",
    "Google Shopping / Ads labels", "Google Shopping / Condition", "Google Shopping / Custom product",
    "Google Shopping / Custom label 0", "Google Shopping / Custom label 1", "Google Shopping / Custom label 2",
    "Google Shopping / Custom label 3", "Google Shopping / Custom label 4",
]
INVENTORY_HEADER = [
    "Handle", "Title", "Option1 Name", "Option1 Value", "Option2 Name", "Option2 Value", "Option3 Name",
    "Option3 Value", "SKU", "Barcode", "HS Code", "COO", "Location", "Bin name", "Incoming (not editable)",
    "Unavailable (not editable)", "Committed (not editable)", "Available (not editable)", "On hand (current)",
    "On hand (new)",
]
ORDER_HEADER = [
    "Name", "Email", "Financial Status", "Paid at", "Fulfillment Status", "Fulfilled at", "Accepts Marketing",
    "Currency", "Subtotal", "Shipping", "Taxes", "Total", "Discount Code", "Discount Amount", "Shipping Method",
    "Created at", "Lineitem quantity", "Lineitem name", "Lineitem price", "Lineitem compare at price", "Lineitem sku",
    "Lineitem requires shipping", "Lineitem taxable", "Lineitem fulfillment status", "Billing Name", "Billing Street",
    "Billing Address1", "Billing Address2", "Billing Company", "Billing City", "Billing Zip", "Billing Province",
    "Billing Country", "Billing Phone", "Shipping Name", "Shipping Street", "Shipping Address1", "Shipping Address2",
    "Shipping Company", "Shipping City", "Shipping Zip", "Shipping Province", "Shipping Country", "Shipping Phone",
    "Notes", "Note Attributes", "Cancelled at", "Payment Method", "Payment Reference", "Refunded Amount", "Vendor",
    "Outstanding Balance", "Employee", "Location", "Device ID", "Id", "Tags", "Risk Level", "Source",
    "Lineitem discount", "Tax 1 Name", "Tax 1 Value", "Tax 2 Name", "Tax 2 Value", "Tax 3 Name", "Tax 3 Value",
    "Tax 4 Name", "Tax 4 Value", "Tax 5 Name", "Tax 5 Value", "Phone", "Receipt Number", "Duties",
    "Billing Province Name", "Shipping Province Name", "Payment ID", "Payment Terms Name", "Next Payment Due At",
    "Payment References",
]
FILES = {"products": "products_export_1.csv", "inventory": "inventory_export_1.csv", "orders": "orders_export_1.csv"}
_HS = {"mug": ("691200", "GB"), "tea": ("090240", "LK"), "teapot": ("732393", "CN"), "candle": ("340600", "GB"),
       "linen": ("630291", "PT"), "card": ("490900", "GB"), "food": ("200799", "GB")}
_CDN = "https://cdn.shopify.com/s/files/1/0712/4409/2621/files"


def money(x: float) -> str:
    return f"{x:.2f}"


def _bool(x: bool) -> str:
    return "TRUE" if x else "FALSE"


def product_rows(world, channel: str = "shop"):
    """Rows of the product CSV (header first): the owner's listings grouped by product."""
    yield PRODUCT_HEADER
    by_item: dict[str, list] = {}
    for lst in world.channels[channel].listings:
        by_item.setdefault(lst.item, []).append(lst)
    for product in world.products:
        rows = [r for r in (_variant_row(world, product, item, by_item.get(item.sku)) for item in product.items) if r]
        if not rows:
            continue
        first = rows[0]
        first[0], first[2], first[3], first[4], first[5], first[6] = (
            product.title, product.description, world.merchant, product.category, product.type, product.tags)
        first[7], first[8] = "TRUE", "active"
        first[40], first[41], first[42], first[50] = "FALSE", product.title, product.description.split("</p>")[0][3:], "new"
        names = [n for n, _ in product.items[0].options] or ["Title"]
        for k, name in enumerate(names[:3]):
            first[11 + 3 * k] = name
        for n in range(product.images):
            url = f"{_CDN}/{product.handle}-{n + 1}.jpg?v=1758000000"
            if n < len(rows):
                rows[n][36], rows[n][37], rows[n][38] = url, str(n + 1), product.title if n == 0 else ""
            else:
                image = [""] * len(PRODUCT_HEADER)
                image[1], image[36], image[37] = product.handle, url, str(n + 1)
                rows.append(image)
        yield from rows


def _variant_row(world, product, item, listings) -> list[str] | None:
    if not listings:
        return None
    stock = sum(x.available or 0 for x in listings if x.stocked)
    lst = listings[-1]
    row = [""] * len(PRODUCT_HEADER)
    row[1], row[9], row[10] = product.handle, lst.sku, item.barcode
    values = [v for _, v in item.options] or ["Default Title"]
    for k, value in enumerate(values[:3]):
        row[12 + 3 * k] = value
    row[20], row[21], row[22] = money(item.price), money(item.compare_at) if item.compare_at else "", money(item.cost)
    row[23] = "TRUE"
    row[29] = "shopify" if lst.tracked else ""
    row[30] = str(stock)
    row[31] = _bool(lst.policy == "continue")
    row[32], row[33] = str(item.grams), "kg" if item.grams >= 1000 else "g"
    row[34], row[35] = "TRUE", "manual"
    return row


def inventory_rows(world, channel: str = "shop"):
    yield INVENTORY_HEADER
    handles = {p.handle: p for p in world.products}
    for lst in world.channels[channel].listings:
        item = world.items[lst.item]
        product = handles[item.handle]
        opts = list(item.options) or [("Title", "Default Title")]
        row = [product.handle, product.title]
        for k in range(3):
            row += list(opts[k]) if k < len(opts) else ["", ""]
        hs, coo = _HS.get(item.family, ("", ""))
        row += [lst.sku, item.barcode, hs, coo, lst.location, ""]
        if not lst.stocked:
            row += ["Not stocked"] * 6
        else:
            row += [str(lst.incoming or 0), str(lst.unavailable or 0), str(lst.committed or 0), str(lst.available),
                    str(lst.on_hand), str(lst.on_hand)]
        yield row


def order_rows(world, channel: str = "shop"):
    """Newest first, one row per line item; order fields on the first row of each order only."""
    yield ORDER_HEADER
    tz = ZoneInfo(world.timezone)
    rng = random.Random(f"{world.seed}:{channel}:orders-csv")
    when = lambda ts: datetime.fromtimestamp(ts, tz).strftime("%Y-%m-%d %H:%M:%S %z") if ts else ""  # noqa: E731
    for order in sorted(world.channels[channel].orders, key=lambda o: o.number, reverse=True):
        lines_total = sum(x.unit_price * x.quantity for x in order.lines)
        code = "WELCOME10" if order.number % 11 == 0 else ""
        discount = round(lines_total * 0.1, 2) if code else 0.0
        subtotal = round(lines_total - discount, 2)
        shipping = 0.0 if subtotal >= 40 else 3.95
        total = round(subtotal + shipping, 2)
        vat = round(total / 6, 2)
        status = {"refunded": "refunded", "cancelled": "voided"}.get(order.status, "paid")
        fulfilled = order.status in ("fulfilled", "refunded")
        heavy = any(world.items[x.item].grams >= 1000 for x in order.lines)
        for k, line in enumerate(order.lines):
            item = world.items[line.item]
            row = dict.fromkeys(ORDER_HEADER, "")
            row["Name"] = order.order_id
            row.update({"Lineitem quantity": str(line.quantity), "Lineitem name": item.title,
                        "Lineitem price": money(line.unit_price),
                        "Lineitem compare at price": money(item.compare_at) if item.compare_at else "",
                        "Lineitem sku": line.sku, "Lineitem requires shipping": "true", "Lineitem taxable": "true",
                        "Lineitem fulfillment status": "fulfilled" if fulfilled else "pending",
                        "Vendor": world.merchant, "Lineitem discount": "0.00"})
            if k == 0:
                ref = f"c{30_000_000_000 + order.number * 7919}.1"
                row.update({
                    "Email": f"customer{order.number}@example.com", "Financial Status": status,
                    "Paid at": when(order.ts + 4) if status != "voided" else "",
                    "Fulfillment Status": "fulfilled" if fulfilled else "unfulfilled",
                    "Fulfilled at": when(order.fulfilled_ts) if fulfilled else "",
                    "Accepts Marketing": "yes" if order.number % 3 == 0 else "no", "Currency": world.currency,
                    "Subtotal": money(subtotal), "Shipping": money(shipping), "Taxes": money(vat), "Total": money(total),
                    "Discount Code": code, "Discount Amount": money(discount),
                    "Shipping Method": "DPD Next Day" if heavy else "Royal Mail Tracked 48",
                    "Created at": when(order.ts), "Billing Name": f"Customer {order.number}", "Billing Country": "GB",
                    "Shipping Name": f"Customer {order.number}", "Shipping Country": "GB",
                    "Cancelled at": when(order.closed_ts) if order.status == "cancelled" else "",
                    "Payment Method": "PayPal Express Checkout" if order.number % 5 == 0 else "Shopify Payments",
                    "Payment Reference": ref,
                    "Refunded Amount": money(total) if order.status == "refunded" else "0.00",
                    "Outstanding Balance": "0.00", "Id": str(6_512_300_000_000 + order.number * 977),
                    "Risk Level": "Low", "Source": "web", "Tax 1 Name": "GB VAT 20%", "Tax 1 Value": money(vat),
                    "Payment ID": "r" + "".join(rng.choice("ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789")
                                                for _ in range(21)),
                    "Payment References": ref})
            yield [row[h] for h in ORDER_HEADER]


def write(world, out: Path, channel: str = "shop", which=("products", "inventory", "orders")) -> dict[str, Path]:
    """Write the owner's Shopify exports into ``out`` (created); returns kind -> path."""
    out.mkdir(parents=True, exist_ok=True)
    makers = {"products": (product_rows, "\r\n"), "inventory": (inventory_rows, "\n"), "orders": (order_rows, "\n")}
    written = {}
    for kind in which:
        rows, ending = makers[kind]
        path = out / FILES[kind]
        with path.open("w", encoding="utf-8", newline="") as fh:
            csv.writer(fh, lineterminator=ending).writerows(rows(world, channel))
        written[kind] = path
    return written

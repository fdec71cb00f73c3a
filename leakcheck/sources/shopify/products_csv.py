"""Shopify's product CSV (Products > Export), in its current and its older header.

The file is one row per variant plus rows that only carry extra images. A product's first row
holds its Title and Status; its other variants follow with the same handle and a blank Title.
Image-only rows (no SKU, no price, no option value) are not listings and are passed over
quietly; a variant whose SKU is blank *is* a listing (SKU003 is about exactly those).

The settings the oversell checks need come from here: ``Inventory tracker`` (blank: Shopify does
not track the variant), ``Continue selling when out of stock`` / ``Variant Inventory Policy``,
and the single-location ``Inventory quantity``.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ...model import (
    CAP_POLICY, CAP_PRICES, CAP_PRODUCT_IDS, CAP_STOCK, CAP_TRACKED, BadRow, Listing,
)
from ...skus import product_key
from ..cells import CellError, parse_int, parse_policy, parse_price
from ..tabular import Table

# field -> header names, current first
COLUMNS = {
    "handle": ("URL handle", "Handle"),
    "title": ("Title",),
    "sku": ("SKU", "Variant SKU"),
    "available": ("Inventory quantity", "Variant Inventory Qty"),
    "policy": ("Continue selling when out of stock", "Variant Inventory Policy"),
    "tracker": ("Inventory tracker", "Variant Inventory Tracker"),
    "price": ("Price", "Variant Price"),
    "status": ("Status",),
    "option1": ("Option1 value",),
    "option2": ("Option2 value",),
    "option3": ("Option3 value",),
}
_NO_OPTION = "Default Title"  # Shopify's option value for a product without variants


@dataclass
class Products:
    """What one product CSV gave: listings, and each variant's option values for matching inventory rows."""

    listings: list[Listing] = field(default_factory=list)
    options: list[tuple[str, ...]] = field(default_factory=list)  # option values, one per listing
    provides: set[str] = field(default_factory=set)
    bad_rows: list[BadRow] = field(default_factory=list)
    image_rows: int = 0


def _title(product: str, a: str, b: str, c: str) -> str:
    """"Product - Small / Red": the variant as a merchant names it ("Default Title" is no variant at all)."""
    if not (b or c):
        return product if not a or a == _NO_OPTION else f"{product} - {a.strip()}"
    shown = [v.strip() for v in (a, b, c) if v.strip() and v.strip() != _NO_OPTION]
    return f"{product} - {' / '.join(shown)}" if shown else product


def read_products(table: Table, channel: str) -> Products:
    out = Products()
    col = {name: table.find(*headers) for name, headers in COLUMNS.items()}
    i_handle, i_title, i_sku, i_qty = col["handle"], col["title"], col["sku"], col["available"]
    i_policy, i_tracker, i_price, i_status = col["policy"], col["tracker"], col["price"], col["status"]
    o1, o2, o3 = col["option1"], col["option2"], col["option3"]
    header = table.header
    listings, options, bad_rows = out.listings, out.options, out.bad_rows
    product, product_id, product_title, product_status = None, "", "", "active"
    any_quantity = False
    policies: dict[str, str | None] = {}  # cell text -> policy: a column holds a handful of distinct words

    for row_number, row in table.rows:
        handle = row[i_handle]
        if handle != product:
            product, product_id, product_title, product_status = handle, handle.strip(), "", "active"
        if i_title is not None and row[i_title]:
            product_title = row[i_title].strip() or product_title
        if i_status is not None and row[i_status]:
            product_status = row[i_status].strip().lower() or product_status
        sku = row[i_sku]
        price_text = row[i_price] if i_price is not None else ""
        a = row[o1] if o1 is not None else ""
        b = row[o2] if o2 is not None else ""
        c = row[o3] if o3 is not None else ""
        if not (sku or price_text or a or b or c) or not (
                sku.strip() or price_text.strip() or a.strip() or b.strip() or c.strip()):
            out.image_rows += 1
            continue
        at = i_qty
        try:
            available = parse_int(row[i_qty]) if i_qty is not None else None
            at = i_price
            price = parse_price(price_text)[0] if i_price is not None else None
            at = i_policy
            if i_policy is None:
                policy = None
            else:
                text = row[i_policy]
                policy = policies[text] if text in policies else policies.setdefault(text, parse_policy(text))
        except CellError as exc:
            bad_rows.append(BadRow(table.name, row_number, f"column '{header[at]}': {exc}"))
            continue
        if available is not None:
            any_quantity = True
        listings.append(Listing(
            channel=channel, sku=sku, key=product_key(sku), title=_title(product_title, a, b, c), price=price,
            available=available, tracked=bool(row[i_tracker].strip()) if i_tracker is not None else None,
            policy=policy, product_id=product_id, status=product_status, row=row_number,
        ))
        options.append((a.strip(), b.strip(), c.strip()))

    out.provides.add(CAP_PRODUCT_IDS)
    if i_price is not None:
        out.provides.add(CAP_PRICES)
    if i_policy is not None:
        out.provides.add(CAP_POLICY)
    if i_tracker is not None:
        out.provides.add(CAP_TRACKED)
    if any_quantity:
        out.provides.add(CAP_STOCK)
    return out

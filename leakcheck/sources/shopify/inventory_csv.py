"""Shopify's inventory CSV (Products > Inventory > Export): one row per variant and location.

This is the only export with per-location and committed quantities, which the product CSV lacks
for any store with more than one location. ``Not stocked`` means the variant is not stocked at
that location at all, so it makes no listing there (a 0 would be a different fact). Headers come
with the suffixes of the current export (``Available (not editable)``, ``On hand (current)``) or
without them (older exports); both are read.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ...model import CAP_LOCATIONS, CAP_ON_HAND, CAP_PRODUCT_IDS, CAP_RESERVATIONS, CAP_STOCK, BadRow, Listing
from ...skus import product_key
from ..cells import CellError, parse_int
from ..tabular import Table

COLUMNS = {
    "handle": ("Handle", "URL handle"),
    "title": ("Title",),
    "sku": ("SKU",),
    "location": ("Location",),
    "available": ("Available (not editable)", "Available"),
    "on_hand": ("On hand (current)", "On hand"),
    "committed": ("Committed (not editable)", "Committed"),
    "option1": ("Option1 Value",),
    "option2": ("Option2 Value",),
    "option3": ("Option3 Value",),
}
_NOT_STOCKED = "not stocked"


@dataclass
class Inventory:
    listings: list[Listing] = field(default_factory=list)
    options: list[tuple[str, ...]] = field(default_factory=list)  # option values, one per listing
    provides: set[str] = field(default_factory=set)
    bad_rows: list[BadRow] = field(default_factory=list)
    not_stocked: int = 0


def read_inventory(table: Table, channel: str) -> Inventory:
    out = Inventory()
    col = {name: table.find(*headers) for name, headers in COLUMNS.items()}
    i_handle, i_title, i_sku, i_location = col["handle"], col["title"], col["sku"], col["location"]
    i_available, i_on_hand, i_committed = col["available"], col["on_hand"], col["committed"]
    i_options = (col["option1"], col["option2"], col["option3"])
    header = table.header
    product, product_title = None, ""

    for row_number, row in table.rows:
        handle = row[i_handle].strip()
        if handle != product:
            product, product_title = handle, ""
        title = row[i_title].strip() if i_title is not None else ""
        product_title = title or product_title
        if row[i_available].strip().lower() == _NOT_STOCKED:
            out.not_stocked += 1
            continue
        at = i_available
        try:
            available = parse_int(row[i_available])
            at = i_on_hand
            on_hand = parse_int(row[i_on_hand]) if i_on_hand is not None else None
            at = i_committed
            committed = parse_int(row[i_committed]) if i_committed is not None else None
        except CellError as exc:
            out.bad_rows.append(BadRow(table.name, row_number, f"column '{header[at]}': {exc}"))
            continue
        values = tuple(row[i].strip() if i is not None else "" for i in i_options)
        shown = [v for v in values if v and v != "Default Title"]
        sku = row[i_sku]
        listing = Listing(
            channel=channel, sku=sku, key=product_key(sku),
            title=f"{product_title} - {' / '.join(shown)}" if shown else product_title,
            location=row[i_location].strip(), available=available, on_hand=on_hand, committed=committed,
            product_id=handle, row=row_number,
        )
        out.listings.append(listing)
        out.options.append(values)

    out.provides |= {CAP_STOCK, CAP_LOCATIONS, CAP_PRODUCT_IDS}
    if i_on_hand is not None:
        out.provides.add(CAP_ON_HAND)
    if i_committed is not None:
        out.provides.add(CAP_RESERVATIONS)
    return out


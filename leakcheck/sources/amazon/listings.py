"""The All Listings report (and the Active Listings and open-listings Inventory reports): one row per SKU.

``seller-sku``, ``price`` and ``quantity`` are what matter; ``fulfillment-channel`` says who
ships it: ``DEFAULT`` is the seller (``quantity`` is the seller's count), ``AMAZON_NA`` /
``AMAZON_EU`` / ``AMAZON_FE`` is FBA, whose ``quantity`` is blank because the stock lives in
Amazon's warehouses (the FBA Manage Inventory report has it). The open-listings Inventory
report (``sku asin price quantity``) has no fulfilment column: there a blank quantity is the
sign of an FBA SKU, as in the real sample. A blank quantity stays None (unknown), never 0.

``status`` is Active, Inactive or Incomplete (or their translations). Amazon marks a seller-
fulfilled listing Inactive when its quantity reaches 0, so an Inactive listing with no stock is still a live listing that
comes back with stock (read as active); Inactive with stock means the seller closed it or Amazon
suppressed it (read as archived); Incomplete is read as a draft.
"""

from __future__ import annotations

import re

from ...model import CAP_PRICES, CAP_STOCK, BadRow, Listing
from ...skus import product_key
from ..cells import CellError, parse_int, parse_price
from ..tabular import Table
from .formats import LISTINGS_ALIASES
from .part import Part, missing_note

COLUMNS = {
    "sku": ((*LISTINGS_ALIASES["sku"], "sku"), ""),
    "title": ((*LISTINGS_ALIASES["title"], "product-name"), ""),
    "price": (LISTINGS_ALIASES["price"], "no prices"),
    "quantity": (LISTINGS_ALIASES["quantity"], "no stock quantities"),
    "channel": (LISTINGS_ALIASES["channel"], ""),
    "status": (LISTINGS_ALIASES["status"], ""),
}
# English, and the obvious European forms (unconfirmed); any other word is read as active, never dropped
_INACTIVE = {"inactive", "inaktiv", "inactif", "inattivo", "inactivo"}
_INCOMPLETE = {"incomplete", "unvollständig", "incomplet", "incompleto"}
_DECIMAL_COMMA = re.compile(r"^\D*(\d{1,3}([.\s\u00a0\u202f']\d{3})+|\d+),\d{1,2}\D*$")


def price_of(text: str) -> tuple[float | None, str | None]:
    """A price as the marketplace writes it: "12.99", or "12,99" on the sites that write a decimal comma."""
    return parse_price(text, decimal="," if _DECIMAL_COMMA.match(text) else ".")


def status_of(word: str, available: int | None) -> str:
    """Active, or Inactive because it sold out: active; Inactive with stock: archived; Incomplete: draft."""
    s = word.strip().lower()
    if s in _INACTIVE:
        return "active" if not available else "archived"
    return "draft" if s in _INCOMPLETE else "active"


def is_fba(channel_cell: str) -> bool:
    """AMAZON_NA, AMAZON_EU, AMAZON_FE, AMAZON_IN...: Amazon fulfils it."""
    return channel_cell.strip().upper().startswith("AMAZON")


def read_listings(table: Table, channel: str) -> Part:
    part = Part("listings")
    col = missing_note(part, table.find, COLUMNS)
    i_sku, i_title, i_price, i_qty, i_chan, i_status = (col[k] for k in ("sku", "title", "price", "quantity",
                                                                             "channel", "status"))
    header, listings, bad = table.header, part.listings, part.bad_rows
    blank_qty = fba_rows = 0
    prices: dict[str, tuple[float | None, str | None]] = {}  # a catalog repeats a few hundred prices
    any_qty = False
    for row_number, row in table.rows:
        sku = row[i_sku]
        at = i_qty
        try:
            available = parse_int(row[i_qty]) if i_qty is not None else None
            at = i_price
            text = row[i_price] if i_price is not None else ""
            found = prices.get(text)
            price, currency = found if found is not None else prices.setdefault(text, price_of(text))
        except CellError as exc:
            bad.append(BadRow(table.name, row_number, f"column '{header[at]}': {exc}"))
            continue
        fba = is_fba(row[i_chan]) if i_chan is not None else (available is None and i_qty is not None)
        if fba:
            fba_rows += 1
            part.fba.add(sku)
        if available is None:
            blank_qty += 1
        else:
            any_qty = True
        status = status_of(row[i_status], available) if i_status is not None else "active"
        listings.append(Listing(
            channel=channel, sku=sku, key=product_key(sku), title=row[i_title].strip() if i_title is not None else "",
            price=price, currency=currency, available=available, status=status, row=row_number,
        ))
    if i_price is not None:
        part.provides.add(CAP_PRICES)
    if any_qty:
        part.provides.add(CAP_STOCK)
    part.details.append(f"{len(listings)} listings")
    if fba_rows:
        part.details.append(f"{fba_rows} fulfilled by Amazon")
    if blank_qty:
        part.details.append(f"{blank_qty} without a quantity")
    return part

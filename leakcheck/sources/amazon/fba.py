"""The FBA Manage Inventory report (GET_FBA_MYI_UNSUPPRESSED_INVENTORY_DATA): Amazon's warehouse counts per SKU.

``afn-fulfillable-quantity`` is what Amazon can sell now, ``afn-reserved-quantity`` is held
for orders and transfers. ``afn-warehouse-quantity`` (everything in Amazon's building, unsellable
units included) is not read as on-hand: it is Amazon's stock, not a count the merchant's own
systems keep, and comparing it with them would report drift that is not there. A row whose
``afn-listing-exists`` is blank or "No" and whose ``mfn-listing-exists`` is "Yes" is a
seller-fulfilled SKU: its count is ``mfn-fulfillable-quantity``. Extra columns Amazon adds by
marketplace (``afn-fulfillable-quantity-local``, ``store``...) are ignored.
"""

from __future__ import annotations

from ...model import CAP_PRICES, CAP_RESERVATIONS, CAP_STOCK, BadRow, Listing
from ...skus import product_key
from ..cells import CellError, parse_bool, parse_int
from ..tabular import Table
from .listings import price_of
from .part import Part, missing_note

COLUMNS = {
    "sku": (("sku", "seller-sku"), ""),
    "title": (("product-name",), ""),
    "price": (("your-price",), "no prices"),
    "afn": (("afn-fulfillable-quantity",), ""),
    "reserved": (("afn-reserved-quantity",), "no reserved quantities"),
    "mfn": (("mfn-fulfillable-quantity",), ""),
    "afn_exists": (("afn-listing-exists",), ""),
    "mfn_exists": (("mfn-listing-exists",), ""),
}


def _yes(text: str) -> bool:
    try:
        return bool(parse_bool(text))
    except CellError:
        return False


def read_fba(table: Table, channel: str) -> Part:
    part = Part("fba")
    col = missing_note(part, table.find, COLUMNS)
    header, listings, bad = table.header, part.listings, part.bad_rows
    i_sku, i_title, i_price, i_afn = col["sku"], col["title"], col["price"], col["afn"]
    i_res, i_mfn, i_ae, i_me = col["reserved"], col["mfn"], col["afn_exists"], col["mfn_exists"]
    merchant = 0
    for row_number, row in table.rows:
        sku = row[i_sku]
        at = i_afn
        try:
            afn = parse_int(row[i_afn])
            at = i_res
            reserved = parse_int(row[i_res]) if i_res is not None else None
            at = i_price
            price, currency = price_of(row[i_price]) if i_price is not None else (None, None)
            at = i_mfn
            mfn_only = (i_me is not None and _yes(row[i_me])
                        and not (i_ae is not None and _yes(row[i_ae])))
            mfn = parse_int(row[i_mfn]) if mfn_only and i_mfn is not None else None
        except CellError as exc:
            bad.append(BadRow(table.name, row_number, f"column '{header[at]}': {exc}"))
            continue
        if mfn_only:
            merchant += 1
            available, reserved = mfn, None
        else:
            part.fba.add(sku)
            available = afn
        listings.append(Listing(
            channel=channel, sku=sku, key=product_key(sku), title=row[i_title].strip() if i_title is not None else "",
            price=price, currency=currency, available=available, reserved=reserved,
            row=row_number,
        ))
    part.provides.add(CAP_STOCK)
    for i, cap in ((i_price, CAP_PRICES), (i_res, CAP_RESERVATIONS)):
        if i is not None:
            part.provides.add(cap)
    part.details.append(f"{len(listings) - merchant} SKUs in Amazon's warehouses")
    if merchant:
        part.details.append(f"{merchant} seller-fulfilled")
    return part

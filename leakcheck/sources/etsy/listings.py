"""Etsy's listings CSV (Shop Manager > Settings > Options > Download Data): one row per listing.

A listing with variations names all of its variations' SKUs in one ``SKU`` cell, comma-joined
(``66F927A9CDAD6_5436,66F927A9CDAD6_5437,...``, as in the real sample), while ``QUANTITY`` is
the listing's total over every variation (80919 in the sample) and ``PRICE`` its lowest price.
Each SKU becomes a listing, but a variation's own stock is not in the file: its ``available``
is unknown (None), never the listing's total, and the note says so. A listing with one SKU (or
none) has its QUANTITY as its stock. SKUs Etsy writes with an empty suffix (``ABC_``) are kept
as written: they are what a sync tool would see.
"""

from __future__ import annotations

from ...model import CAP_PRICES, CAP_STOCK, BadRow, Listing
from ...skus import product_key
from ..export_part import Part, missing_note
from ..cells import CellError, parse_int, parse_price
from ..tabular import Table

COLUMNS = {
    "title": (("TITLE",), ""),
    "price": (("PRICE",), ""),
    "currency": (("CURRENCY_CODE",), ""),
    "quantity": (("QUANTITY",), ""),
    "sku": (("SKU",), ""),
}


def split_skus(cell: str) -> list[str]:
    """The SKUs of one listing, in order, each once (blank pieces of a trailing comma dropped)."""
    if "," not in cell:
        return [cell]
    seen: dict[str, None] = {}
    for piece in cell.split(","):
        if piece.strip():
            seen.setdefault(piece.strip(), None)
    return list(seen) or [""]


def read_listings(table: Table, channel: str) -> Part:
    part = Part("listings")
    col = missing_note(part, table.find, COLUMNS)
    i_title, i_price, i_cur, i_qty, i_sku = col["title"], col["price"], col["currency"], col["quantity"], col["sku"]
    header, bad, listings, currencies = table.header, part.bad_rows, part.listings, part.currencies
    multi = variation_skus = 0
    # a shop's quantities and prices repeat ("1", "25.00"): each distinct text is read once (errors never kept)
    quantities: dict[str, int | None] = {}
    prices: dict[str, tuple] = {}
    for row_number, row in table.rows:
        at = i_qty
        try:
            text = row[i_qty]
            quantity = quantities[text] if text in quantities else quantities.setdefault(text, parse_int(text))
            at = i_price
            text = row[i_price]
            found = prices.get(text)
            price, symbol = found if found is not None else prices.setdefault(text, parse_price(text))
        except CellError as exc:
            bad.append(BadRow(table.name, row_number, f"column '{header[at]}': {exc}"))
            continue
        title = row[i_title].strip()
        currency = row[i_cur].strip().upper() or symbol or None
        skus = split_skus(row[i_sku])
        if len(skus) > 1:
            multi += 1
            variation_skus += len(skus)
            available = None
        else:
            available = quantity
        for sku in skus:
            listings.append(Listing(channel=channel, sku=sku, key=product_key(sku), title=title, price=price,
                                    currency=currency, available=available, row=row_number))
        if currency and skus:
            currencies[currency] += len(skus)
    part.provides.add(CAP_PRICES)
    if any(x.available is not None for x in part.listings):
        part.provides.add(CAP_STOCK)
    part.details.append(f"{len(part.listings)} listings")
    if multi:
        part.details.append(f"{variation_skus} of them variations of {multi} listings with several SKUs")
        part.notes.append(f"{table.name}: {multi} listings name several SKUs and only their total QUANTITY, so the "
                          f"stock of their {variation_skus} variations is unknown (Etsy's CSV has no per-variation "
                          "quantity)")
    return part

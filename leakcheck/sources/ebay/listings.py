"""Seller Hub's active listings report: one row per listing, plus one per variation of a multi-variation listing.

A multi-variation listing is written as a parent row (item number, title, total quantity, no
variation details, often no SKU) followed by one row per variation with the same item number,
its ``Variation details`` and ``Custom label (SKU)``, and blank cells where it inherits from the
parent (title, currency, price). The parent row is not a listing of its own when variation rows
follow; variations take what they leave blank from it. The item number is the listing's product
id: two listings (item numbers) with one custom label are two offers of one SKU.

``Available quantity`` is what buyers can still buy. The price is ``Current price`` where it is
set, else ``Start price``; the currency is the ``Currency`` column, else the price's symbol.
"""

from __future__ import annotations

import re
from operator import itemgetter

from ...model import CAP_PRICES, CAP_PRODUCT_IDS, CAP_STOCK, BadRow, Listing
from ...skus import product_key
from ..export_part import Part, missing_note
from ..cells import CellError, parse_int
from ..tabular import Table
from .cells import parse_money

COLUMNS = {
    "item": (("Item number", "Item ID"), ""),
    "title": (("Title",), ""),
    "variation": (("Variation details",), ""),
    "sku": (("Custom label (SKU)", "Custom label"), ""),
    "quantity": (("Available quantity", "Quantity"), ""),
    "currency": (("Currency",), ""),
    "current": (("Current price",), ""),
    "start": (("Start price", "Price"), ""),
}
_SPLIT = re.compile(r"[|;]")


def variation_words(details: str) -> str:
    """"Colour:Red|Size:M" or "Colour=Red;Size=M" -> "Red / M" (the option values, as titles show them)."""
    values = []
    for part in _SPLIT.split(details):
        name, sep, value = part.partition(":") if ":" in part else part.partition("=")
        values.append((value if sep else name).strip())
    return " / ".join(v for v in values if v)


def read_listings(table: Table, channel: str, default_currency: str | None) -> Part:
    part = Part("listings")
    col = missing_note(part, table.find, COLUMNS)
    i_item, i_title, i_var, i_sku, i_qty = col["item"], col["title"], col["variation"], col["sku"], col["quantity"]
    i_cur, i_current, i_start = col["currency"], col["current"], col["start"]
    if i_current is None and i_start is None:
        part.missing.append("'Current price' or 'Start price' (no prices)")
    bad = part.bad_rows
    # The report is read in two passes (a variation's parent row may come after it), so its rows are
    # held: only the cells this reader uses, or a million rows of every column would be held twice over.
    keep = sorted({i for i in (i_item, i_title, i_var, i_sku, i_qty, i_cur, i_current, i_start) if i is not None})
    header = [table.header[i] for i in keep]  # the kept columns' names, for bad-row messages
    place = {original: n for n, original in enumerate(keep)}
    i_item, i_title, i_var, i_sku, i_qty, i_cur, i_current, i_start = (
        place.get(i) if i is not None else None for i in (i_item, i_title, i_var, i_sku, i_qty, i_cur, i_current, i_start))
    take = itemgetter(*keep) if len(keep) > 1 else (lambda row, only=keep[0]: (row[only],))
    rows: list[tuple[int, tuple[str, ...]]] = []
    with_variations: set[str] = set()
    for row_number, full in table.rows:
        row = take(full)
        rows.append((row_number, row))
        if i_var is not None and row[i_var].strip():
            with_variations.add(row[i_item].strip())
    parent: dict[str, list[str]] = {}  # item number -> its parent row, wherever it stands in the file
    for _, row in rows:
        item = row[i_item].strip()
        if item in with_variations and not row[i_var].strip():
            parent.setdefault(item, row)
    money: dict[str, tuple[float | None, str | None]] = {}  # a report repeats a handful of prices
    words_of: dict[str, str] = {}
    variations = 0
    for row_number, row in rows:
        item = row[i_item].strip()
        if item in with_variations and not row[i_var].strip():
            continue  # the listing itself: its variations inherit from it
        up = parent.get(item)
        at = i_qty
        try:
            available = parse_int(row[i_qty])
            price_text = row[i_current] if i_current is not None else ""
            at = i_current
            if not price_text.strip() and i_start is not None:
                price_text, at = row[i_start], i_start
            if not price_text.strip() and up is not None:
                price_text = (up[i_current] if i_current is not None else "") or (
                    up[i_start] if i_start is not None else "")
            found = money.get(price_text)
            price, symbol = found if found is not None else money.setdefault(price_text, parse_money(price_text))
        except CellError as exc:
            bad.append(BadRow(table.name, row_number, f"column '{header[at]}': {exc}"))
            continue
        title = row[i_title].strip()
        currency = row[i_cur].strip().upper() if i_cur is not None else ""
        if up is not None:
            title = title or up[i_title].strip()
            currency = currency or (up[i_cur].strip().upper() if i_cur is not None else "")
        details = row[i_var] if i_var is not None else ""
        if details.strip():
            variations += 1
            words = words_of.get(details)
            if words is None:
                words = words_of[details] = variation_words(details)
            if words and not title.endswith(words):
                title = f"{title} - {words}" if title else words
        sku = row[i_sku]
        part.listings.append(Listing(
            channel=channel, sku=sku, key=product_key(sku), title=title, price=price,
            currency=currency or symbol or default_currency, available=available, product_id=item, row=row_number,
        ))
    part.provides |= {CAP_STOCK, CAP_PRODUCT_IDS}
    if i_current is not None or i_start is not None:
        part.provides.add(CAP_PRICES)
    part.details.append(f"{len(part.listings)} listings")
    if variations:
        part.details.append(f"{variations} of them variations of {len(with_variations)} multi-variation listings")
    return part

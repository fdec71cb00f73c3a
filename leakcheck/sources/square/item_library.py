"""Square's item library export: one row per item variation, one group of columns per location.

Per location the export writes ``Current Quantity <Location>`` (the count in stock there),
``New Quantity <Location>`` (blank: for re-import), ``Stock Alert Enabled/Count <Location>``, and in
older exports or with per-location pricing ``Enabled <Location>`` (Y/N: sold there at all) and
``Price <Location>`` (an override of ``Price``). The location's name is the header's suffix, so a
variation makes one listing per location that has a ``Current Quantity`` column (or, in an
export without counts, per ``Enabled`` column), and none where it is not enabled. An export with
no location columns at all gives one listing per variation with no count.

A blank count is Square's untracked variation: read as no count (None), not 0; a fraction (sold
by weight) is rounded down as the live source does. ``Archived`` Y makes the listing archived
(read, not sold). The title is "Item - Variation" unless the variation is Square's default
("Regular") or unnamed. Square exports hold no currency: the channel's ``currency:`` applies.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from ...model import CAP_LOCATIONS, CAP_PRICES, CAP_PRODUCT_IDS, CAP_STOCK, BadRow, Listing
from ...skus import product_key
from ..cells import CellError, parse_int, parse_price
from ..tabular import Table

DEFAULT_VARIATION_NAMES = frozenset({"", "regular"})
COLUMNS = {
    "token": ("Token",),
    "handle": ("Reference Handle",),
    "item": ("Item Name",),
    "variation": ("Variation Name",),
    "sku": ("SKU",),
    "price": ("Price",),
    "archived": ("Archived",),
}
_YES = frozenset({"y", "yes", "true", "1"})
_NO = frozenset({"n", "no", "false", "0"})


@dataclass
class ItemLibrary:
    listings: list[Listing] = field(default_factory=list)
    provides: set[str] = field(default_factory=set)
    bad_rows: list[BadRow] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    variations: int = 0
    locations: list[str] = field(default_factory=list)
    fractional: int = 0


def location_columns(header: list[str]) -> dict[str, dict[str, int]]:
    """location name -> {"quantity" | "enabled" | "price": column}, in the header's order."""
    out: dict[str, dict[str, int]] = {}
    for i, name in enumerate(header):
        folded = name.casefold()
        for prefix, what in (("current quantity ", "quantity"), ("enabled ", "enabled"), ("price ", "price")):
            if folded.startswith(prefix) and len(name) > len(prefix):
                out.setdefault(name[len(prefix):].strip(), {})[what] = i
    return out


def _count(text: str, out: ItemLibrary) -> int | None:
    try:
        return parse_int(text)
    except CellError:
        value = float(text.strip().replace(",", ""))  # ValueError: not a number at all
        if not math.isfinite(value):
            raise CellError(f"{text.strip()!r} is not a number") from None
        out.fractional += 1
        return math.floor(value)


def read_item_library(table: Table, channel: str) -> ItemLibrary:
    out = ItemLibrary()
    col = {name: table.find(*headers) for name, headers in COLUMNS.items()}
    i_token, i_handle, i_item, i_var = col["token"], col["handle"], col["item"], col["variation"]
    i_sku, i_price, i_archived = col["sku"], col["price"], col["archived"]
    header = table.header
    locations = location_columns(header)
    for columns in locations.values():
        for i in columns.values():
            table.use(i)
    with_counts = {loc: c for loc, c in locations.items() if "quantity" in c}
    places = with_counts or {loc: c for loc, c in locations.items() if "enabled" in c} or {"": {}}
    out.locations = [loc for loc in places if loc]
    if not with_counts:
        out.notes.append(f"{table.name}: no 'Current Quantity <location>' columns; stock counts were not read "
                         "(stock checks leave this channel out)")
    keys: dict[str, str] = {}
    # cell text -> value: prices and counts repeat, so each distinct one is parsed once (a fraction is
    # not kept: it is counted in the note every time it is read)
    prices: dict[str, float | None] = {}
    counts: dict[str, int | None] = {}
    spots = [(loc, c.get("enabled"), c.get("price"), c.get("quantity")) for loc, c in places.items()]
    listings, bad_rows = out.listings, out.bad_rows
    item_name = ""
    for row_number, row in table.rows:
        name = row[i_item].strip()
        item_name = name or item_name  # a variation row under its item may leave the name blank
        variation = row[i_var].strip()
        sku = row[i_sku]
        title = item_name if variation.lower() in DEFAULT_VARIATION_NAMES else (
            f"{item_name} - {variation}" if item_name else variation)
        product = (row[i_handle].strip() if i_handle is not None else "") or item_name
        status = "archived" if i_archived is not None and row[i_archived].strip().lower() in _YES else "active"
        at = i_price
        try:
            text = row[i_price]
            price = prices[text] if text in prices else prices.setdefault(text, parse_price(text)[0])
            made = []
            for loc, i_enabled, i_own, i_qty in spots:
                if i_enabled is not None and row[i_enabled].strip().lower() in _NO:
                    continue
                own_price = price
                if i_own is not None and row[i_own].strip():
                    at = i_own
                    text = row[i_own]
                    own_price = prices[text] if text in prices else prices.setdefault(text, parse_price(text)[0])
                available = None
                if i_qty is not None:
                    at = i_qty
                    text = row[i_qty]
                    try:
                        available = counts[text]
                    except KeyError:
                        try:
                            available = counts.setdefault(text, parse_int(text))
                        except CellError:
                            available = _count(text, out)  # a fraction of a unit, or not a number
                made.append((loc, own_price, available))
        except (CellError, ValueError) as exc:
            why = str(exc) if isinstance(exc, CellError) else f"{row[at].strip()!r} is not a number"
            bad_rows.append(BadRow(table.name, row_number, f"column '{header[at]}': {why}"))
            continue
        out.variations += 1
        key = keys.get(sku)
        if key is None:
            key = keys[sku] = product_key(sku)
        variant_id = row[i_token].strip() if i_token is not None else ""
        for loc, own_price, available in made:
            listings.append(Listing(channel=channel, sku=sku, key=key, title=title, price=own_price, location=loc,
                                    available=available, product_id=product, variant_id=variant_id,
                                    status=status, row=row_number))
    out.provides |= {CAP_PRICES, CAP_PRODUCT_IDS}
    if with_counts:
        out.provides.add(CAP_STOCK)
    if out.locations:
        out.provides.add(CAP_LOCATIONS)
    if out.fractional:
        out.notes.append(f"{table.name}: {out.fractional} count(s) had a fraction of a unit (sold by measure): "
                         "rounded down")
    return out

"""BigCommerce's Bulk Edit export: a ``Product`` row, then its ``SKU`` rows and ``Rule`` rows.

- ``Item Type``: ``Product`` starts a product; ``SKU`` rows under it are its variants (their
  ``Product Name`` is the option text, e.g. ``[S]Size=Small,[RB]Colour=Red``, and their ID, price
  and settings come from the Product row above); ``Rule`` rows are price/weight rules, not stock.
- ``Track Inventory``: ``none`` (untracked), ``by product`` (one count on the Product row, shared
  by its variants) or ``by option`` (a count per SKU row).
- ``Allow Purchases?`` N or ``Product Visible?`` N: not on sale (read as draft).
- Price: ``Sale Price`` when above 0, else ``Price``; a SKU row's own price when it has one.
A product with SKU rows is sold as those variants; one without is one listing. BigCommerce had
no backorder setting in this export, so no oversell policy is claimed.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ...model import CAP_PRICES, CAP_PRODUCT_IDS, CAP_STOCK, CAP_TRACKED, BadRow, Listing
from ...skus import product_key
from ..cells import CellError, parse_int, parse_price
from ..tabular import Table

COLUMNS = {
    "item": ("Item Type",),
    "id": ("Product ID",),
    "name": ("Product Name",),
    "sku": ("Product Code/SKU", "Product SKU"),
    "price": ("Price",),
    "sale": ("Sale Price",),
    "track": ("Track Inventory",),
    "stock": ("Current Stock Level",),
    "purchase": ("Allow Purchases?",),
    "visible": ("Product Visible?",),
}
_NO = frozenset({"n", "no", "0", "false"})


@dataclass
class _Product:
    id: str
    name: str
    sku: str
    price: float | None
    track: str
    stock: int | None
    status: str
    row: int
    variants: list = field(default_factory=list)  # (row, sku, option text, price, stock)


@dataclass
class BulkEdit:
    listings: list[Listing] = field(default_factory=list)
    provides: set[str] = field(default_factory=set)
    bad_rows: list[BadRow] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    products: int = 0
    rules: int = 0


def option_text(text: str) -> str:
    """"[S]Size=Small,[RB]Colour=Red" -> "Small / Red"."""
    values = []
    for part in text.split(","):
        name, eq, value = part.partition("=")
        values.append((value if eq else name.split("]", 1)[-1]).strip())
    return " / ".join(v for v in values if v)


def _price(row: list[str], i_price: int | None, i_sale: int | None) -> float | None:
    if i_sale is not None and row[i_sale].strip():
        sale = parse_price(row[i_sale])[0]
        if sale:
            return sale
    return parse_price(row[i_price])[0] if i_price is not None else None


def read_bulk_edit(table: Table, channel: str) -> BulkEdit:
    out = BulkEdit()
    col = {name: table.find(*headers) for name, headers in COLUMNS.items()}
    i_item, i_id, i_name, i_sku, i_stock = col["item"], col["id"], col["name"], col["sku"], col["stock"]
    i_price, i_sale, i_track, i_buy, i_vis = col["price"], col["sale"], col["track"], col["purchase"], col["visible"]
    header = table.header
    products: list[_Product] = []
    current: _Product | None = None
    orphans = 0
    lost_product = 0  # row of the Product row above that could not be read (its SKU rows go with it)
    for number, row in table.rows:
        kind = row[i_item].strip().lower()
        if kind == "rule":
            out.rules += 1
            continue
        at = i_stock
        try:
            stock = parse_int(row[i_stock])
            at = i_sale if i_sale is not None and row[i_sale].strip() else i_price
            price = _price(row, i_price, i_sale) if kind == "product" or (
                i_price is not None and row[i_price].strip()) else None
        except CellError as exc:
            out.bad_rows.append(BadRow(table.name, number, f"column '{header[at]}': {exc}"))
            if kind == "product":
                current, lost_product = None, number
            continue
        if kind == "product":
            track = row[i_track].strip().lower() if i_track is not None else ""
            off = (i_buy is not None and row[i_buy].strip().lower() in _NO) or (
                i_vis is not None and row[i_vis].strip().lower() in _NO)
            lost_product = 0
            current = _Product(row[i_id].strip(), row[i_name].strip(), row[i_sku], price, track, stock,
                               "draft" if off else "active", number)
            products.append(current)
        elif kind == "sku":
            if current is None:
                if lost_product:
                    out.bad_rows.append(BadRow(table.name, number, f"its Product row ({lost_product}) could not "
                                                                   "be read, so this variant was not either"))
                else:
                    orphans += 1
                continue
            current.variants.append((number, row[i_sku], option_text(row[i_name]), price, stock))
        else:
            out.bad_rows.append(BadRow(table.name, number, f"column 'Item Type': {row[i_item].strip()!r} is not "
                                                           "Product, SKU or Rule"))
    _build(products, out, channel)
    out.products = len(products)
    if orphans:
        out.notes.append(f"{table.name}: {orphans} SKU row(s) come before any Product row: left out")
    out.provides |= {CAP_STOCK, CAP_PRODUCT_IDS, CAP_PRICES}
    if i_track is not None:
        out.provides.add(CAP_TRACKED)
    else:
        out.notes.append(f"{table.name}: no 'Track Inventory' column; a blank stock level is read as not said")
    return out


def _build(products: list[_Product], out: BulkEdit, channel: str) -> None:
    keys: dict[str, str] = {}

    def key_of(sku: str) -> str:
        k = keys.get(sku)
        if k is None:
            k = keys[sku] = product_key(sku)
        return k

    for p in products:
        tracked = None if not p.track else p.track != "none"
        if not p.variants:
            out.listings.append(Listing(channel=channel, sku=p.sku, key=key_of(p.sku), title=p.name, price=p.price,
                                        available=p.stock if tracked is not False else None, tracked=tracked,
                                        product_id=p.id, status=p.status, row=p.row))
            continue
        for number, sku, options, price, stock in p.variants:
            available = p.stock if p.track == "by product" else stock
            out.listings.append(Listing(
                channel=channel, sku=sku, key=key_of(sku), title=f"{p.name} - {options}" if options else p.name,
                price=price if price is not None else p.price, available=available if tracked is not False else None,
                tracked=tracked, product_id=p.id, status=p.status, row=number))

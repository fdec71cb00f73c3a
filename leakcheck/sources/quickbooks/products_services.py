"""QuickBooks Online's products and services export: one row per item, its kind, SKU, price and count.

``Type`` says what the row is: ``Inventory`` items are counted (``Quantity on hand``, read as
on-hand: QuickBooks is the books, not a till); ``Non-inventory`` and ``Service`` items have no
count (None, not 0); ``Bundle`` (and the older ``Group``) rows hold no stock of their own and the
export does not list their components, so they are left out and counted in a note; ``Category``
rows are headings. A sub-item's name is written ``Parent:Child`` and kept as written. The sales
price is ``Sales Price / Rate``. Quantities with a fraction are bad rows (a count of units is whole).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from ...model import CAP_ON_HAND, CAP_PRICES, BadRow, Listing
from ...skus import product_key
from ..cells import CellError, parse_int, parse_price
from ..tabular import Table
from .formats import NAME

COLUMNS = {
    "name": NAME,
    "sku": ("SKU",),
    "type": ("Type", "Item Type"),
    "price": ("Sales Price / Rate", "Sales Price/Rate", "Sales price", "Price / Rate", "Price"),
    "on_hand": ("Quantity on hand", "Qty on hand", "Quantity On Hand", "QtyOnHand"),
}
COUNTED = frozenset({"inventory", "inventory part", "stock"})
NO_STOCK_OF_ITS_OWN = frozenset({"bundle", "group", "assembly", "category"})


@dataclass
class ProductsServices:
    listings: list[Listing] = field(default_factory=list)
    provides: set[str] = field(default_factory=set)
    bad_rows: list[BadRow] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    left_out: Counter = field(default_factory=Counter)
    uncounted: int = 0


def read_products_services(table: Table, channel: str) -> ProductsServices:
    out = ProductsServices()
    col = {name: table.find(*headers) for name, headers in COLUMNS.items()}
    i_name, i_sku, i_type, i_price, i_qty = col["name"], col["sku"], col["type"], col["price"], col["on_hand"]
    header = table.header
    if i_sku is None:
        out.notes.append(f"{table.name}: no SKU column (SKUs are switched off in QuickBooks' settings); items "
                         "cannot be matched to other channels' listings")
    if i_qty is None:
        out.notes.append(f"{table.name}: no 'Quantity on hand' column; on-hand counts were not read "
                         "(stock checks leave this channel out)")
    if i_price is None:
        out.notes.append(f"{table.name}: no 'Sales Price / Rate' column; prices were not read")
    keys: dict[str, str] = {}
    listings, bad_rows = out.listings, out.bad_rows
    any_count = False
    for row_number, row in table.rows:
        kind = row[i_type].strip().lower()
        if kind in NO_STOCK_OF_ITS_OWN:
            out.left_out[kind] += 1
            continue
        name = row[i_name].strip()
        sku = row[i_sku] if i_sku is not None else ""
        if not name and not sku.strip():
            continue  # a total or spacer line
        at = i_price
        try:
            price = parse_price(row[i_price])[0] if i_price is not None else None
            on_hand = None
            if i_qty is not None and (kind in COUNTED or not kind):
                at = i_qty
                on_hand = parse_int(row[i_qty])
        except CellError as exc:
            bad_rows.append(BadRow(table.name, row_number, f"column '{header[at]}': {exc}"))
            continue
        if on_hand is None:
            out.uncounted += 1
        else:
            any_count = True
        key = keys.get(sku)
        if key is None:
            key = keys[sku] = product_key(sku)
        listings.append(Listing(channel=channel, sku=sku, key=key, title=name, price=price, on_hand=on_hand,
                                row=row_number))
    if any_count:
        out.provides.add(CAP_ON_HAND)
    if i_price is not None:
        out.provides.add(CAP_PRICES)
    if out.left_out:
        kinds = ", ".join(f"{n} {k}" for k, n in sorted(out.left_out.items()))
        out.notes.append(f"{table.name}: rows that hold no stock of their own were left out ({kinds}); the export "
                         "does not list a bundle's components: declare them under `bundles:` if they matter")
    return out

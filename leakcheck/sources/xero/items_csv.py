"""Xero's inventory items export: one row per item, its code, name, prices and on-hand count.

Only items tracked as inventory carry ``QuantityOnHand``; an untracked item (a service, or a
product bought and sold without a stock account) has it blank. Xero keeps the count in the books
as "on hand", so it is read as ``on_hand`` and never as a sellable count; an untracked item is
read with no count at all (not 0), and is not called untracked to the checks: the accounts are not
a place where anything is sold. The sales price is ``SalesUnitPrice`` (blank when not sold).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ...model import CAP_ON_HAND, CAP_PRICES, BadRow, Listing
from ...skus import product_key
from ..cells import CellError, parse_int, parse_price
from ..tabular import Table

COLUMNS = {
    "sku": ("*ItemCode", "ItemCode", "Code", "Item Code"),
    "name": ("ItemName", "*ItemName", "Name", "Item Name"),
    "on_hand": ("QuantityOnHand", "Quantity On Hand", "Quantity"),
    "price": ("SalesUnitPrice", "Sales Unit Price"),
    "asset": ("InventoryAssetAccount", "Inventory Asset Account"),
}
WHAT_IS_LOST = {
    "on_hand": "on-hand counts (QuantityOnHand) were not read: stock checks leave this channel out",
    "price": "sales prices (SalesUnitPrice) were not read: money at risk uses other channels' prices",
}


@dataclass
class Items:
    listings: list[Listing] = field(default_factory=list)
    provides: set[str] = field(default_factory=set)
    bad_rows: list[BadRow] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    untracked: int = 0


def read_items(table: Table, channel: str) -> Items:
    out = Items()
    col = {name: table.find(*headers) for name, headers in COLUMNS.items()}
    i_sku, i_name, i_qty, i_price = col["sku"], col["name"], col["on_hand"], col["price"]
    header = table.header
    for key, why in WHAT_IS_LOST.items():
        if col[key] is None:
            out.notes.append(f"{table.name}: no {COLUMNS[key][0]} column; {why}")
    listings, bad_rows = out.listings, out.bad_rows
    keys: dict[str, str] = {}
    for row_number, row in table.rows:
        sku = row[i_sku]
        if not sku.strip():
            bad_rows.append(BadRow(table.name, row_number, f"column '{header[i_sku]}' is blank: an item needs a code"))
            continue
        at = i_qty
        try:
            on_hand = parse_int(row[i_qty]) if i_qty is not None else None
            at = i_price
            price = parse_price(row[i_price])[0] if i_price is not None else None
        except CellError as exc:
            bad_rows.append(BadRow(table.name, row_number, f"column '{header[at]}': {exc}"))
            continue
        if on_hand is None:
            out.untracked += 1
        key = keys.get(sku)
        if key is None:
            key = keys[sku] = product_key(sku)
        listings.append(Listing(channel=channel, sku=sku, key=key,
                                title=row[i_name].strip() if i_name is not None else "",
                                price=price, on_hand=on_hand, row=row_number))
    if i_qty is not None and out.untracked < len(listings):
        out.provides.add(CAP_ON_HAND)
    if i_price is not None:
        out.provides.add(CAP_PRICES)
    return out

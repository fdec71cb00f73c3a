"""WooCommerce's product CSV: products and their variations, one row each, joined through ``Parent``.

What the exporter writes (shared/specs NOTES 2.8):
- ``Type``: a comma list (``simple, virtual``); ``variable`` and ``grouped`` rows are containers,
  their ``variation`` rows (and grouped children) are what is sold; ``external`` products are sold
  on another site and hold no stock here.
- ``Parent``: ``id:<ID>`` or the parent's SKU. Variations usually follow their parent and take
  from it as they are read; one whose parent comes later is settled at the end, so order does
  not matter.
- ``Stock``: the count when the row manages stock, ``parent`` when a variation takes its parent's
  count, blank when stock is not managed (untracked). ``Manage stock?`` (when exported) says so
  outright. ``Backorders allowed?``: 1 / notify -> continue, 0 -> deny; a variation may say ``parent``.
- ``Published``: 1 published, 0 private, -1 draft, 2 pending; a variation's 0 means disabled.
  Anything but 1 is read as draft (not sold to the public); a variation of a draft is a draft.
- Price: ``Sale price`` when set, else ``Regular price``.
A variable product whose variations are not in the file is read as one listing, with a note.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ...model import (
    CAP_POLICY, CAP_PRICES, CAP_PRODUCT_IDS, CAP_STOCK, CAP_TRACKED, BadRow, Listing,
)
from ...skus import product_key
from ..tabular import CellError, Table, parse_bool, parse_int, parse_policy, parse_price

COLUMNS = {
    "id": ("ID",),
    "type": ("Type",),
    "sku": ("SKU",),
    "name": ("Name",),
    "published": ("Published",),
    "stock": ("Stock",),
    "manage": ("Manage stock?",),
    "backorders": ("Backorders allowed?",),
    "sale": ("Sale price",),
    "regular": ("Regular price",),
    "parent": ("Parent",),
}
CONTAINERS = frozenset({"variable", "grouped"})
_PARENT = "parent"


@dataclass
class Products:
    listings: list[Listing] = field(default_factory=list)
    provides: set[str] = field(default_factory=set)
    bad_rows: list[BadRow] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    external: int = 0


def _kinds(text: str) -> frozenset:
    return frozenset(k.strip().lower() for k in text.split(",") if k.strip())


def _cached(cache: dict, parse, text: str):
    """A column holds a handful of distinct words and prices: parse each distinct text once."""
    try:
        return cache[text]
    except KeyError:
        value = cache[text] = parse(text)
        return value


def _price(text: str) -> float | None:
    return parse_price(text)[0]


def read_products(table: Table, channel: str) -> Products:
    """One pass: each row becomes a listing at once; a variation whose parent comes later is settled at the end."""
    out = Products()
    col = {name: table.find(*headers) for name, headers in COLUMNS.items()}
    header = table.header
    i_id, i_type, i_sku, i_name, i_pub = col["id"], col["type"], col["sku"], col["name"], col["published"]
    i_stock, i_manage, i_back, i_sale, i_reg, i_parent = (col["stock"], col["manage"], col["backorders"],
                                                           col["sale"], col["regular"], col["parent"])
    kinds_of: dict[str, frozenset] = {}
    policies: dict[str, str | None] = {}
    bools: dict[str, bool | None] = {}
    prices: dict[str, float | None] = {}
    keys: dict[str, str] = {}
    listings = out.listings
    by_ref: dict[str, Listing] = {}  # "id:<ID>" and SKU -> the listing of a row other rows may name as Parent
    containers: dict[int, Listing] = {}  # variable/grouped rows: dropped when their children are in the file
    grouped: set[int] = set()  # grouped products are never sold themselves
    parents_seen: set[int] = set()
    later: list[tuple[Listing, str, bool, bool]] = []  # variations whose parent was not yet read
    external = 0
    for number, row in table.rows:
        type_text = row[i_type]
        kinds = kinds_of.get(type_text)
        if kinds is None:
            kinds = kinds_of[type_text] = _kinds(type_text)
        if "external" in kinds:
            external += 1
            continue
        at = i_stock
        try:
            text = row[i_stock]
            from_parent = text == _PARENT or text.strip().lower() == _PARENT
            stock = None if from_parent else parse_int(text)
            managed = None
            if i_manage is not None:
                at = i_manage
                cell = row[i_manage]
                if cell.strip().lower() == _PARENT:
                    managed, from_parent = True, True
                else:
                    managed = _cached(bools, parse_bool, cell)
            policy, policy_parent = None, False
            if i_back is not None:
                at = i_back
                cell = row[i_back]
                if cell.strip().lower() == _PARENT:
                    policy_parent = True
                else:
                    policy = _cached(policies, parse_policy, cell)
            price = None
            if i_sale is not None and row[i_sale]:
                at = i_sale
                price = _cached(prices, _price, row[i_sale])
            if price is None and i_reg is not None:
                at = i_reg
                price = _cached(prices, _price, row[i_reg])
        except CellError as exc:
            out.bad_rows.append(BadRow(table.name, number, f"column '{header[at]}': {exc}"))
            continue
        if managed is None:
            managed = stock is not None or from_parent
        published = row[i_pub].strip() if i_pub is not None else ""
        sku = row[i_sku]
        key = keys.get(sku)
        if key is None:
            key = keys[sku] = product_key(sku)
        own_id = row[i_id].strip() if i_id is not None else ""
        ref = f"id:{own_id}" if own_id else sku.strip()
        listing = Listing(channel=channel, sku=sku, key=key, title=row[i_name].strip(), price=price,
                          available=stock if managed else None, tracked=managed, policy=policy, product_id=ref,
                          variant_id=own_id, status="active" if published in ("", "1") else "draft", row=number)
        listings.append(listing)
        if own_id:
            by_ref[ref] = listing
        if sku.strip():
            by_ref.setdefault(sku.strip(), listing)
        if kinds & CONTAINERS:
            containers[id(listing)] = listing
            if "grouped" in kinds:
                grouped.add(id(listing))
        parent_ref = row[i_parent].strip() if i_parent is not None else ""
        if parent_ref and "variation" in kinds:
            listing.product_id = parent_ref
            parent = by_ref.get(parent_ref)
            if parent is None:
                later.append((listing, parent_ref, from_parent, policy_parent))
            else:
                _inherit(listing, parent, from_parent, policy_parent)
                parents_seen.add(id(parent))
    orphans = 0
    for listing, parent_ref, from_parent, policy_parent in later:
        parent = by_ref.get(parent_ref)
        if parent is None:
            orphans += 1
            if from_parent:
                listing.available = None
        else:
            _inherit(listing, parent, from_parent, policy_parent)
            parents_seen.add(id(parent))
    drop = {i for i in containers if i in parents_seen or i in grouped}
    lone = len(containers) - len(drop)
    if drop:
        out.listings = [x for x in listings if id(x) not in drop]
    if lone:
        out.notes.append(f"{lone} variable product(s) have no variation rows in the file: each read as "
                         "one listing with its own stock (export with variations to see them)")
    if orphans:
        out.notes.append(f"{orphans} variation(s) name a parent that is not in the file: read without its "
                         "stock, oversell setting or status")
    out.external = external
    if external:
        out.notes.append(f"{external} external/affiliate product(s) left out: they are sold on another site")
    out.provides |= {CAP_STOCK, CAP_TRACKED, CAP_PRODUCT_IDS}
    if i_back is not None:
        out.provides.add(CAP_POLICY)
    else:
        out.notes.append(f"{table.name}: no 'Backorders allowed?' column; the oversell setting was not read")
    if i_sale is not None or i_reg is not None:
        out.provides.add(CAP_PRICES)
    return out


def _inherit(listing: Listing, parent: Listing, from_parent: bool, policy_parent: bool) -> None:
    """A variation takes what it leaves to its parent: count, oversell setting, draft status, name, product."""
    if from_parent:
        listing.available, listing.tracked = parent.available, parent.tracked
    if policy_parent:
        listing.policy = parent.policy
    if parent.status == "draft":
        listing.status = "draft"
    if not listing.title:
        listing.title = parent.title
    listing.product_id = parent.product_id

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
from ..cells import CellError, parse_bool, parse_int, parse_policy, parse_price
from ..tabular import Table
from .formats import HEADERS

COLUMNS = HEADERS  # English and the translations that could be confirmed (formats.py)
WHAT_IS_LOST = {  # a column not found (or not in a language we know) -> what reading goes without
    "type": "every row is read as a simple product (variations are not joined to their parents)",
    "name": "titles were not read",
}
CONTAINERS = frozenset({"variable", "grouped"})
_ON_SALE = ("", "1")  # Published: 1 is published; blank (a variation) follows its parent
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


def _price(text: str) -> float | None:
    """The exporter writes prices with the shop's decimal separator and no thousands separator
    (wc_format_localized_price): "12,50" in a German shop. A price the point reading refuses is read
    with a decimal comma; "1,200" stays one thousand two hundred, as an English reader takes it."""
    try:
        return parse_price(text)[0]
    except CellError:
        if "," not in text:
            raise
        try:
            return parse_price(text, decimal=",")[0]
        except CellError:
            raise CellError(f"{text.strip()!r} is not a price") from None


def read_products(table: Table, channel: str) -> Products:
    """One pass: each row becomes a listing at once; a variation whose parent comes later is settled at the end."""
    out = Products()
    col = {name: table.find(*headers) for name, headers in COLUMNS.items()}
    header = table.header
    i_id, i_type, i_sku, i_name, i_pub = col["id"], col["type"], col["sku"], col["name"], col["published"]
    i_stock, i_manage, i_back, i_sale, i_reg, i_parent = (col["stock"], col["manage"], col["backorders"],
                                                           col["sale"], col["regular"], col["parent"])
    for what, why in WHAT_IS_LOST.items():
        if col[what] is None:
            out.notes.append(f"{table.name}: no {COLUMNS[what][0]!r} column (nor one of its translations we know); "
                             f"{why}")
    kinds_of: dict[str, frozenset] = {}
    # cell text -> what it says, per column: a column holds a handful of distinct words and counts, so
    # each is parsed once (a million rows must read in seconds); a cell that cannot be read is not kept
    stocks: dict[str, tuple[int | None, bool]] = {}  # -> (count, left to the parent)
    manages: dict[str, tuple[bool | None, bool]] = {}  # -> (managed, left to the parent)
    backorders: dict[str, tuple[str | None, bool]] = {}  # -> (policy, left to the parent)
    prices: dict[str, float | None] = {}
    listings = out.listings
    by_ref: dict[str, Listing] = {}  # "id:<ID>" and SKU -> a variable (or unknown-type) product's listing
    containers: dict[int, Listing] = {}  # variable/grouped rows: dropped when their children are in the file
    grouped: set[int] = set()  # grouped products are never sold themselves
    parents_seen: set[int] = set()
    later: list[tuple[Listing, str, bool, bool]] = []  # variations whose parent was not yet read
    external = 0
    unjoined = 0  # variations in a file without a Parent column we know
    for number, row in table.rows:
        type_text = row[i_type] if i_type is not None else ""
        kinds = kinds_of.get(type_text)
        if kinds is None:
            kinds = kinds_of[type_text] = _kinds(type_text)
        if "external" in kinds:
            external += 1
            continue
        at = i_stock
        try:
            text = row[i_stock] if i_stock is not None else ""
            try:
                stock, from_parent = stocks[text]
            except KeyError:
                from_parent = text.strip().lower() == _PARENT
                stock, from_parent = stocks.setdefault(text, (None if from_parent else parse_int(text), from_parent))
            managed = None
            if i_manage is not None:
                at = i_manage
                cell = row[i_manage]
                try:
                    managed, parent_managed = manages[cell]
                except KeyError:
                    parent_managed = cell.strip().lower() == _PARENT
                    managed, parent_managed = manages.setdefault(
                        cell, (True, True) if parent_managed else (parse_bool(cell), False))
                from_parent = from_parent or parent_managed
            policy, policy_parent = None, False
            if i_back is not None:
                at = i_back
                cell = row[i_back]
                try:
                    policy, policy_parent = backorders[cell]
                except KeyError:
                    policy_parent = cell.strip().lower() == _PARENT
                    policy, policy_parent = backorders.setdefault(
                        cell, (None, True) if policy_parent else (parse_policy(cell), False))
            price = None
            if i_sale is not None and row[i_sale]:
                at = i_sale
                cell = row[i_sale]
                price = prices[cell] if cell in prices else prices.setdefault(cell, _price(cell))
            if price is None and i_reg is not None:
                at = i_reg
                cell = row[i_reg]
                price = prices[cell] if cell in prices else prices.setdefault(cell, _price(cell))
        except CellError as exc:
            out.bad_rows.append(BadRow(table.name, number, f"column '{header[at]}': {exc}"))
            continue
        if managed is None:
            managed = stock is not None or from_parent
        published = row[i_pub] if i_pub is not None else ""
        sku = row[i_sku] if i_sku is not None else ""
        own_id = row[i_id].strip() if i_id is not None else ""
        bare = sku.strip()
        ref = f"id:{own_id}" if own_id else bare
        title = row[i_name].strip() if i_name is not None else ""
        listing = Listing(channel=channel, sku=sku, key=product_key(sku), title=title,
                          price=price, available=stock if managed else None, tracked=managed, policy=policy,
                          product_id=ref, variant_id=own_id,
                          status="active" if published in _ON_SALE or published.strip() in _ON_SALE else "draft",
                          row=number)
        listings.append(listing)
        if "variation" not in kinds and "simple" not in kinds:  # a row variations may name as their Parent
            if own_id:
                by_ref[ref] = listing
            if bare and bare not in by_ref:
                by_ref[bare] = listing
        if kinds & CONTAINERS:
            containers[id(listing)] = listing
            if "grouped" in kinds:
                grouped.add(id(listing))
        if "variation" in kinds:
            if i_parent is None:
                unjoined += 1
                continue
            parent_ref = row[i_parent].strip()
            if parent_ref:
                listing.product_id = parent_ref
                parent = by_ref.get(parent_ref)
                if parent is None:
                    later.append((listing, parent_ref, from_parent, policy_parent))
                else:
                    _inherit(listing, parent, from_parent, policy_parent)
                    parents_seen.add(id(parent))
    if unjoined:
        out.notes.append(f"{table.name}: no 'Parent' column (nor one of its translations we know); {unjoined} "
                         "variation(s) were not joined to their parents (read without its stock, oversell "
                         "setting or status when they leave them to the parent)")
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
    else:
        out.notes.append(f"{table.name}: no 'Regular price' or 'Sale price' column (nor one of their translations "
                         "we know); prices were not read")
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

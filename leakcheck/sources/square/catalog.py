"""Square's item library (Catalog API) -> one record per item variation: the thing that has a SKU.

A Square ITEM is the product and carries its ITEM_VARIATIONs nested in ``item_data.variations``
(SearchCatalogObjects returns them there); a variation may also arrive on its own (ListCatalog
with ``types=ITEM_VARIATION``), so both shapes are read and each variation kept once.

What a variation says about stock:
- ``sku``: the code as written (spaces and case kept); may be absent.
- the title is "Item - Variation", or the item's name alone when the variation is Square's
  default single variation ("Regular") or unnamed.
- ``price_money`` (major units by the currency's minor unit), or no price for VARIABLE_PRICING;
  ``location_overrides[]`` can change the price, the tracking and carry ``sold_out`` per location.
- ``track_inventory`` (absent = not tracked), overridable per location.
- ``stockable=false`` with ``stockable_conversion``: sold from another, stockable variation
  (a six-pack sold from singles): leakcheck's bundle with one component.
- presence: ``present_at_all_locations`` (default true) minus ``absent_at_location_ids``, or only
  ``present_at_location_ids``; an item's presence limits its variations'.
- ``is_deleted`` or the item's ``is_archived``: status "archived" (still read, not sold).
Items of product types that hold no stock (gift cards, appointments, donations, events, digital,
legacy online services) are left out and counted.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, Iterable

from .wire import money, parse_time, quantity

DEFAULT_VARIATION_NAMES = frozenset({"", "regular"})
STOCK_PRODUCT_TYPES = frozenset({None, "REGULAR", "FOOD_AND_BEV"})


@dataclass(slots=True)
class Override:
    """One location's overrides of a variation (absent fields: the variation's own values)."""

    price: float | None = None
    currency: str | None = None
    variable_price: bool | None = None
    tracked: bool | None = None
    sold_out: bool = False


@dataclass(slots=True)
class Variation:
    id: str
    item_id: str
    sku: str
    title: str
    price: float | None
    currency: str | None
    tracked: bool
    stockable: bool | None = None
    conversion: tuple[str, Decimal, Decimal] | None = None  # (stockable variation id, its qty, this qty)
    status: str = "active"
    updated_ts: float | None = None
    where: tuple = (True, frozenset(), frozenset())  # its own presence: (everywhere, present at, absent at)
    item_where: tuple = (True, frozenset(), frozenset())  # its item's presence, which limits its own
    overrides: dict[str, Override] = field(default_factory=dict)

    def present(self, location_id: str) -> bool:
        return _at(self.where, location_id) and _at(self.item_where, location_id)


def _at(where: tuple, location_id: str) -> bool:
    everywhere, present, absent = where
    return location_id not in absent if everywhere else location_id in present


@dataclass
class Catalog:
    variations: dict[str, Variation] = field(default_factory=dict)  # by variation id, in reading order
    skipped_types: dict[str, int] = field(default_factory=dict)  # product type -> items left out
    objects: int = 0


@dataclass(slots=True)
class _Item:
    id: str
    name: str
    archived: bool
    deleted: bool
    updated_ts: float | None
    where: tuple


def _presence(obj: dict) -> tuple[bool, frozenset[str], frozenset[str]]:
    everywhere = obj.get("present_at_all_locations")
    return (everywhere is not False, frozenset(obj.get("present_at_location_ids") or ()),
            frozenset(obj.get("absent_at_location_ids") or ()))


def read_catalog(pages: Iterable[dict], catalog: Catalog | None = None) -> Catalog:
    """Fold SearchCatalogObjects / ListCatalog pages into a Catalog."""
    out = catalog or Catalog()
    items: dict[str, _Item] = {}
    loose: list[dict] = []  # variations that arrived on their own, before or after their item
    for page in pages:
        objects = list(page.get("objects") or ()) + [o for o in page.get("related_objects") or ()
                                                      if isinstance(o, dict) and o.get("type") == "ITEM"]
        for obj in objects:
            if not isinstance(obj, dict):
                continue
            out.objects += 1
            kind = obj.get("type")
            if kind == "ITEM":
                item = _read_item(obj, out)
                if item is not None:
                    items[item.id] = item
                    for var in (obj.get("item_data") or {}).get("variations") or ():
                        if isinstance(var, dict):
                            _add_variation(var, item, out)
            elif kind == "ITEM_VARIATION":
                loose.append(obj)
    for var in loose:
        item = items.get((var.get("item_variation_data") or {}).get("item_id") or "")
        if item is not None and var.get("id") not in out.variations:
            _add_variation(var, item, out)
    return out


def _read_item(obj: dict, out: Catalog) -> _Item | None:
    data = obj.get("item_data") or {}
    ptype = data.get("product_type")
    if ptype not in STOCK_PRODUCT_TYPES:
        out.skipped_types[str(ptype)] = out.skipped_types.get(str(ptype), 0) + 1
        return None
    return _Item(str(obj.get("id") or ""), (data.get("name") or "").strip(), bool(data.get("is_archived")),
                 bool(obj.get("is_deleted")), parse_time(obj.get("updated_at")), _presence(obj))


def _add_variation(obj: dict, item: _Item, out: Catalog) -> None:
    vid = obj.get("id")
    if not isinstance(vid, str) or not vid:
        return
    data = obj.get("item_variation_data") or {}
    name = (data.get("name") or "").strip()
    title = item.name if name.lower() in DEFAULT_VARIATION_NAMES else (f"{item.name} - {name}" if item.name else name)
    price, currency = money(data.get("price_money"))
    if data.get("pricing_type") == "VARIABLE_PRICING":
        price = None
    status = "archived" if (obj.get("is_deleted") or item.deleted or item.archived) else "active"
    var = Variation(vid, item.id, data.get("sku") if isinstance(data.get("sku"), str) else "", title, price, currency,
                    data.get("track_inventory") is True, data.get("stockable"), _conversion(data), status,
                    parse_time(obj.get("updated_at")) or item.updated_ts, _presence(obj), item.where)
    for ov in data.get("location_overrides") or ():
        if isinstance(ov, dict) and isinstance(ov.get("location_id"), str):
            var.overrides[ov["location_id"]] = _override(ov)
    out.variations[vid] = var


def _override(ov: dict) -> Override:
    price, currency = money(ov.get("price_money"))
    pricing = ov.get("pricing_type")
    tracked = ov.get("track_inventory")
    return Override(price, currency, None if pricing is None else pricing == "VARIABLE_PRICING",
                    tracked if isinstance(tracked, bool) else None, ov.get("sold_out") is True)


def _conversion(data: dict) -> tuple[str, Decimal, Decimal] | None:
    conv: Any = data.get("stockable_conversion")
    if not isinstance(conv, dict):
        return None
    target = conv.get("stockable_item_variation_id")
    theirs, ours = quantity(conv.get("stockable_quantity")), quantity(conv.get("nonstockable_quantity"))
    if not isinstance(target, str) or theirs is None or ours is None or ours <= 0 or theirs <= 0:
        return None
    return target, theirs, ours

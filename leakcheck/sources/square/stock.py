"""Inventory counts (BatchRetrieveInventoryCounts) and the listings: one per variation per location.

Square keeps a count per variation, location and *state*. leakcheck asks for two states and maps:
- ``IN_STOCK`` ("on hand and available for sale") -> ``available``;
- ``RESERVED_FOR_SALE`` ("on hand, but not currently available for sale": held for open orders)
  -> ``committed``; ``on_hand`` = IN_STOCK + RESERVED_FOR_SALE, the units physically there.
``reserved`` stays None: Square has no second kind of hold. Other states (SOLD, WASTE,
RETURNED_BY_CUSTOMER awaiting restock, in transit, ordered from a vendor) are not stock on hand
and are not asked for.

A tracked variation with no count at a location has none there (Square returns no count for a
variation never stocked), so 0; an untracked one with no count is None ("not said"). A count with a
fraction (sold by weight) is rounded down and counted in a note. ``sold_out`` at a location (set
by Square at zero, or by hand while units remain) means "treat the count as zero": such listings
show 0 available and keep their on-hand count, and a note says how many had units left.
A non-stockable variation (``stockable=false``) has no count of its own: Square estimates it
from its stockable component, so its ``available`` is None and ``stock_derived`` True.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Iterable

from ...model import Listing
from ...skus import product_key
from .catalog import Catalog, Variation
from .wire import quantity, whole

IN_STOCK, RESERVED = "IN_STOCK", "RESERVED_FOR_SALE"
COUNT_STATES = (IN_STOCK, RESERVED)


@dataclass
class Counts:
    by: dict[tuple[str, str], dict[str, Decimal]] = field(default_factory=dict)  # (variation, location) -> state -> qty
    estimated: int = 0
    rows: int = 0


def read_counts(pages: Iterable[dict], counts: Counts | None = None) -> Counts:
    out = counts or Counts()
    for page in pages:
        for c in page.get("counts") or ():
            if not isinstance(c, dict):
                continue
            out.rows += 1
            if c.get("is_estimated"):
                out.estimated += 1
                continue
            state, q = c.get("state"), quantity(c.get("quantity"))
            vid, loc = c.get("catalog_object_id"), c.get("location_id")
            if state not in COUNT_STATES or q is None or not isinstance(vid, str) or not isinstance(loc, str):
                continue
            slot = out.by.setdefault((vid, loc), {})
            slot[state] = slot.get(state, Decimal(0)) + q
    return out


@dataclass
class Built:
    listings: list[Listing] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def build_listings(channel: str, catalog: Catalog, locations: dict[str, str], counts: Counts | None) -> Built:
    """Listings for every variation at every chosen location where it is present."""
    out = Built()
    keys: dict[str, str] = {}
    hidden = fractional = 0
    uneven: list[str] = []
    for var in catalog.variations.values():
        key = keys.get(var.sku)
        if key is None:
            key = keys[var.sku] = product_key(var.sku)
        components, derived, odd = _bundle(var, catalog)
        if odd:
            uneven.append(var.sku or var.id)
        for loc_id, loc_name in locations.items():
            if not var.present(loc_id):
                continue
            ov = var.overrides.get(loc_id)
            price, currency = var.price, var.currency
            if ov is not None and ov.variable_price:
                price = None
            elif ov is not None and ov.price is not None:
                price, currency = ov.price, ov.currency or currency
            tracked = ov.tracked if ov is not None and ov.tracked is not None else var.tracked
            available = on_hand = committed = None
            if counts is not None and not derived:
                held = counts.by.get((var.id, loc_id))
                if held is not None or tracked:
                    units, cut = _units((held or {}).get(IN_STOCK))
                    reserved, cut2 = _units((held or {}).get(RESERVED))
                    fractional += cut + cut2
                    available, committed, on_hand = units, reserved, units + reserved
                    if ov is not None and ov.sold_out and available > 0:
                        hidden += 1
                        available = 0
            out.listings.append(Listing(
                channel, var.sku, key, var.title, price, currency, loc_name, available, on_hand, committed, None,
                tracked, None, var.item_id, var.id, components, derived or None, var.status, var.updated_ts))
    if hidden:
        out.notes.append(f"{hidden} listing(s) are marked sold out at a location while Square counts units there: "
                         "read as 0 available, as Square's own apps show them")
    if fractional:
        out.notes.append(f"{fractional} count(s) had a fraction of a unit (sold by measure): rounded down")
    if uneven:
        out.notes.append(f"{len(uneven)} sold-by-conversion variation(s) convert to a fraction of a unit of their "
                         f"stockable variation, which a bundle cannot hold: no components given for "
                         f"{', '.join(sorted(uneven)[:5])}{' ...' if len(uneven) > 5 else ''}")
    if catalog.skipped_types:
        kinds = ", ".join(f"{n} {t.lower().replace('_', ' ')}" for t, n in sorted(catalog.skipped_types.items()))
        out.notes.append(f"items that hold no stock were left out: {kinds}")
    return out


def _units(value: Decimal | None) -> tuple[int, int]:
    """(whole units, 1 when a fraction was cut off else 0); no count is 0 units."""
    if value is None:
        return 0, 0
    n = whole(value)
    if n is not None:
        return n, 0
    return math.floor(value), 1


def _bundle(var: Variation, catalog: Catalog) -> tuple[dict[str, int] | None, bool, bool]:
    """(components, stock derived from them, conversion not a whole number) for one variation.

    ``stockable_conversion``: ``nonstockable_quantity`` of this variation equal ``stockable_quantity``
    of the stockable one, so one unit of this holds stockable/nonstockable units of that.
    """
    if var.stockable is not False:
        return None, False, False
    if var.conversion is None:
        return None, True, False
    target, theirs, ours = var.conversion
    per_unit = theirs / ours
    n = whole(per_unit)
    component = catalog.variations.get(target)
    if n is None or n <= 0 or component is None or not component.sku:
        return None, True, n is None
    return {component.sku: n}, True, False

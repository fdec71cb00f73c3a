"""The till's listings as Square catalogue objects and inventory counts.

One ITEM per product (its handle), one ITEM_VARIATION per owner SKU the channel lists, nested in
the item as SearchCatalogObjects returns them. The variation's ``sku`` is the code as the channel
writes it (absent when it has none); its name is the option values ("Red", "Large / Navy") or
Square's default "Regular" for a product without options. The first location's price and
tracking are the variation's own; other locations that differ get ``location_overrides``. A
tracked listing at zero or below is ``sold_out`` at its location, as Square sets it.

A gift box whose recipe is one component the channel also lists becomes a non-stockable
variation sold from that component (``stockable_conversion``): Square's one-component bundle.
Multi-component recipes cannot be said in Square's model and stay ordinary variations.
Counts: IN_STOCK = the listing's available units (none for a non-stockable variation: Square
estimates those), RESERVED_FOR_SALE = units held by open orders (see history.py).
"""

from __future__ import annotations

from .account import Account, money, sid


def render_catalog(world, ch, account: Account) -> None:
    channel = ch.name
    currency = world.currency
    updated = account.at(world.start())
    version = int(world.start() * 1000)
    by_item: dict[str, list] = {}
    for lst in ch.listings:
        by_item.setdefault(lst.item, []).append(lst)
        if lst.sku and lst.sku not in account.by_written:
            account.by_written[lst.sku] = lst.item
    for item_sku in by_item:
        account.variation_ids[item_sku] = sid(channel, "variation", item_sku)
    all_locations = set(account.location_ids.values())
    products: dict[str, list[str]] = {}
    for item_sku in by_item:
        products.setdefault(world.items[item_sku].handle, []).append(item_sku)
    handles = {p.handle: p for p in world.products}
    for handle, skus in products.items():
        product = handles[handle]
        item_id = sid(channel, "item", handle)
        variations, where = [], set()
        for ordinal, item_sku in enumerate(skus, start=1):
            var, at = _variation(world, account, item_id, item_sku, by_item[item_sku], by_item, ordinal, updated,
                                 version, currency)
            variations.append(var)
            where |= at
        obj = {"type": "ITEM", "id": item_id, "updated_at": updated, "version": version, "is_deleted": False,
               "item_data": {"name": product.title, "variations": variations, "product_type": "REGULAR",
                             "is_archived": all(world.items[s].status == "archived" for s in skus)}}
        obj.update(_presence(where, all_locations))
        account.items.append(obj)


def _presence(where: set[str], everywhere: set[str]) -> dict:
    if where == everywhere:
        return {"present_at_all_locations": True}
    return {"present_at_all_locations": False, "present_at_location_ids": sorted(where)}


def _variation(world, account: Account, item_id: str, item_sku: str, listings: list, by_item: dict, ordinal: int,
               updated: str, version: int, currency: str) -> tuple[dict, set[str]]:
    item = world.items[item_sku]
    first = listings[0]
    name = " / ".join(v for _, v in item.options) or "Regular"
    data: dict = {"item_id": item_id, "name": name, "ordinal": ordinal, "pricing_type": "FIXED_PRICING",
                  "price_money": money(first.price, currency), "track_inventory": first.tracked is not False,
                  "sellable": True, "stockable": True}
    if first.sku:
        data["sku"] = first.sku
    if item.barcode:
        data["upc"] = item.barcode
    recipe = item.components or {}
    if len(recipe) == 1:
        (part, qty), = recipe.items()
        if part in by_item:
            data["stockable"] = False
            data["stockable_conversion"] = {"stockable_item_variation_id": account.variation_ids[part],
                                            "stockable_quantity": str(qty), "nonstockable_quantity": "1"}
    overrides, where = [], set()
    for lst in listings:
        loc = account.location_id(lst.location)
        where.add(loc)
        ov: dict = {}
        if lst.price != first.price:
            ov["price_money"] = money(lst.price, currency)
            ov["pricing_type"] = "FIXED_PRICING"
        tracked = lst.tracked is not False
        if tracked != data["track_inventory"]:
            ov["track_inventory"] = tracked
        if tracked and lst.available is not None and lst.available <= 0 and data["stockable"]:
            ov["sold_out"] = True
        if ov:
            overrides.append({"location_id": loc, **ov})
    if overrides:
        data["location_overrides"] = overrides
    obj = {"type": "ITEM_VARIATION", "id": account.variation_ids[item_sku], "updated_at": updated,
           "version": version, "is_deleted": False, "item_variation_data": data}
    obj.update(_presence(where, set(account.location_ids.values())))
    return obj, where


def render_counts(world, ch, account: Account) -> None:
    """IN_STOCK per listing; RESERVED_FOR_SALE where open orders hold units (``account.reserved``)."""
    last: dict[tuple[str, str], float] = {}
    for e in ch.events:
        item = account.by_written.get(e.sku)
        if item is not None:
            last[(item, e.location)] = e.ts
    stockable = {v["id"] for obj in account.items for v in obj["item_data"]["variations"]
                 if v["item_variation_data"]["stockable"]}
    held = account.reserved
    for lst in ch.listings:
        vid = account.variation_ids[lst.item]
        if lst.available is None or vid not in stockable or not lst.stocked:
            continue
        loc = account.location_id(lst.location)
        at = account.at(last.get((lst.item, lst.location), world.start()))
        base = {"catalog_object_id": vid, "catalog_object_type": "ITEM_VARIATION", "location_id": loc,
                "calculated_at": at, "is_estimated": False}
        account.counts.append({**base, "state": "IN_STOCK", "quantity": str(lst.available)})
        reserved = held.get((vid, loc), 0) + (lst.committed or 0)
        if reserved:
            account.counts.append({**base, "state": "RESERVED_FOR_SALE", "quantity": str(reserved)})

"""A World's owner channel as Shopify's Admin API holds it: shop, locations, variants, levels, orders.

The same facts writers/shopify.py puts in the export CSVs, as GraphQL objects (plain dicts; a
field that takes arguments or needs a scope is a callable, which graphql-core's default resolver
calls with the arguments):

- one ProductVariant per item the owner lists, its InventoryItem with one InventoryLevel per
  location that stocks it ("Not stocked" locations have no level at all), quantities
  available / on_hand / committed / reserved (the world's ``unavailable``) / incoming, the
  oversell policy as DENY / CONTINUE, ``tracked``, the product's handle and gid, prices as Money
  strings in the shop's currency, ``duplicateSkuCount`` from the SKUs as written;
- orders with their line items; a cancelled order is VOIDED with ``cancelledAt``, a refunded one
  REFUNDED; every refunded unit is a refund line, RETURN / CANCEL when it went back into stock and
  NO_RESTOCK when it did not, so ``quantity - currentQuantity`` is the refunded units;
- with ``native_bundles`` the gift boxes are Shopify bundles (``requiresComponents`` and
  ``productVariantComponents``); by default they are plain variants, as a Bundle Builder app
  keeps them in the world.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from . import graph
from .graph import conn_field, gid, guarded, iso

QUANTITY_NAMES = ("available", "on_hand", "committed", "reserved", "incoming", "damaged", "quality_control",
                  "safety_stock")
RESTOCK = {"cancelled": "CANCEL", "refunded": "RETURN"}
FINANCIAL = {"refunded": "REFUNDED", "cancelled": "VOIDED"}


def money(x: float, currency: str) -> dict:
    amount = {"amount": f"{x:.2f}", "currencyCode": currency}
    return {"shopMoney": amount, "presentmentMoney": amount}


def slug(name: str) -> str:
    out = "".join(c.lower() if c.isalnum() else "-" for c in name)
    return "-".join(p for p in out.split("-") if p) or "shop"


@dataclass
class Store:
    shop: dict
    locations: list[dict]
    variants: list[dict]
    orders: list[dict]
    by_id: dict[str, dict] = field(default_factory=dict)  # gid -> object, for node(s), order(id:), ...
    as_of: float = 0.0
    # refund gid -> its refund lines, for each refund whose refundLineItems a (non-bulk) query has read:
    # what the emulator's stats() count as the least work any client must do for restocks
    refund_lines_read: dict[str, int] = field(default_factory=dict)


def _levels(listings, locations: dict[str, dict], updated: dict, start: float, item_no: int) -> list[dict]:
    levels = []
    for lst in listings:
        if not lst.stocked:
            continue
        loc = locations[lst.location]
        q = {"available": lst.available or 0, "on_hand": lst.on_hand if lst.on_hand is not None else (lst.available or 0),
             "committed": lst.committed or 0, "reserved": lst.unavailable or 0, "incoming": lst.incoming or 0}
        when = iso(updated.get((lst.sku, lst.location), start))

        def quantities(info, names, q=q, when=when):
            bad = [n for n in names if n not in QUANTITY_NAMES]
            if bad:
                raise graph.GraphQLError(f"Invalid quantity name: {bad[0]}", extensions={"code": "BAD_REQUEST"})
            return [{"__typename": "InventoryQuantity", "name": n, "quantity": q.get(n, 0), "updatedAt": when,
                     "id": f"gid://shopify/InventoryQuantity/{item_no}?location={loc['legacyResourceId']}&name={n}"}
                    for n in names]
        levels.append({"__typename": "InventoryLevel",
                       "id": f"gid://shopify/InventoryLevel/{loc['legacyResourceId']}?inventory_item_id={item_no}",
                       "isActive": True, "updatedAt": when, "createdAt": iso(start),
                       "location": guarded("read_locations", loc), "quantities": quantities,
                       "_location_id": loc["id"], "_q": q})
    return levels


def build(world, channel: str = "shop", native_bundles: bool = False) -> Store:
    ch = world.channels[channel]
    cur = world.currency
    start = world.start()
    names = list(dict.fromkeys(lst.location for lst in ch.listings if lst.location))
    locations = {n: {"__typename": "Location", "id": gid("Location", 70_000_000_001 + i), "name": n, "isActive": True,
                     "fulfillsOnlineOrders": True, "hasActiveInventory": True, "isFulfillmentService": False,
                     "legacyResourceId": str(70_000_000_001 + i)} for i, n in enumerate(names)}
    updated: dict[tuple[str, str], float] = {}
    for e in ch.events:
        updated[(e.sku, e.location)] = max(e.ts, updated.get((e.sku, e.location), 0.0))
    by_item: dict[str, list] = {}
    for lst in ch.listings:
        by_item.setdefault(lst.item, []).append(lst)
    skus: dict[str, int] = {}
    for rows in by_item.values():
        if rows[0].sku.strip():
            skus[rows[0].sku] = skus.get(rows[0].sku, 0) + 1
    store = Store(shop={}, locations=list(locations.values()), variants=[], orders=[], as_of=world.as_of)
    by_sku: dict[str, dict] = {}
    n = 0
    for p_index, product in enumerate(world.products):
        p = {"__typename": "Product", "id": gid("Product", 8_100_000_000_001 + p_index), "handle": product.handle,
             "title": product.title, "status": "ACTIVE", "vendor": world.merchant, "productType": product.type,
             "tracksInventory": True}
        for item in product.items:
            rows = by_item.get(item.sku)
            if not rows:
                continue
            n += 1
            lst = rows[0]
            levels = _levels(rows, locations, updated, start, 46_000_000_000_000 + n)
            inv = {"__typename": "InventoryItem", "id": gid("InventoryItem", 46_000_000_000_000 + n), "sku": lst.sku,
                   "tracked": bool(lst.tracked), "duplicateSkuCount": max(0, skus.get(lst.sku, 1) - 1),
                   "requiresShipping": True, "updatedAt": iso(start)}
            inv["inventoryLevels"] = conn_field(levels, "read_inventory")
            inv["inventoryLevel"] = _one_level(levels)
            variant = {
                "__typename": "ProductVariant", "id": gid("ProductVariant", 44_000_000_000_000 + n),
                "legacyResourceId": str(44_000_000_000_000 + n), "sku": lst.sku, "barcode": item.barcode or None,
                "title": " / ".join(v for _, v in item.options) or "Default Title", "displayName": item.title,
                "price": f"{lst.price:.2f}", "inventoryPolicy": "CONTINUE" if lst.policy == "continue" else "DENY",
                "inventoryQuantity": sum(lv["_q"]["available"] for lv in levels), "position": len(p.get("_v", [])) + 1,
                "requiresComponents": bool(native_bundles and item.components), "updatedAt": iso(start),
                "createdAt": iso(start), "product": p, "inventoryItem": inv, "_item": item.sku, "_components": [],
            }
            variant["productVariantComponents"] = conn_field(lambda v=variant: v["_components"], "read_products")
            p.setdefault("_v", []).append(variant)
            store.variants.append(variant)
            by_sku[item.sku] = variant
            for obj in (variant, inv, p, *levels):
                store.by_id[obj["id"]] = obj
    if native_bundles:
        number = 0
        for variant in store.variants:
            for sku, q in (world.items[variant["_item"]].components or {}).items():
                if sku in by_sku:
                    number += 1
                    variant["_components"].append({"__typename": "ProductVariantComponent", "quantity": q,
                                                   "id": gid("ProductVariantComponent", 910_000_000 + number),
                                                   "productVariant": by_sku[sku]})
    for loc in store.locations:
        store.by_id[loc["id"]] = loc
    store.orders = _orders(ch.orders, by_sku, cur, store)
    store.shop = {"__typename": "Shop", "id": gid("Shop", 71_000_000_001), "name": world.merchant,
                  "myshopifyDomain": f"{slug(world.merchant)}.myshopify.com", "currencyCode": cur,
                  "ianaTimezone": world.timezone, "email": None, "contactEmail": None}
    return store


def _one_level(levels: list[dict]):
    def resolve(info, locationId, includeInactive=None):
        graph.require(info, "read_inventory")
        return next((lv for lv in levels if lv["_location_id"] == locationId), None)
    return resolve


def _orders(orders, by_sku: dict, cur: str, store: Store) -> list[dict]:
    out = []
    line_no = refund_no = 0
    for order in sorted(orders, key=lambda o: (o.ts, o.number)):
        lines = []
        refund_lines = []
        for x in order.lines:
            line_no += 1
            line = {"__typename": "LineItem", "id": gid("LineItem", 15_000_000_000_000 + line_no), "sku": x.sku or None,
                    "name": x.sku, "title": x.sku, "quantity": x.quantity, "currentQuantity": x.quantity - x.refunded,
                    "originalUnitPriceSet": money(x.unit_price, cur), "discountedUnitPriceSet": money(x.unit_price, cur),
                    "variant": by_sku.get(x.item), "unfulfilledQuantity": 0 if order.status in ("fulfilled", "refunded")
                    else x.quantity - x.refunded}
            lines.append(line)
            back = min(x.refunded, x.restocked or 0)
            if back:
                refund_lines.append({"__typename": "RefundLineItem", "id": None, "quantity": back, "restocked": True,
                                     "restockType": RESTOCK.get(order.status, "RETURN"), "lineItem": line,
                                     "priceSet": money(x.unit_price, cur)})
            if x.refunded - back:
                refund_lines.append({"__typename": "RefundLineItem", "id": None, "quantity": x.refunded - back,
                                     "restocked": False, "restockType": "NO_RESTOCK", "lineItem": line,
                                     "priceSet": money(x.unit_price, cur)})
        refunds = []
        if refund_lines:
            refund_no += 1
            refund = {"__typename": "Refund", "id": gid("Refund", 9_800_000_000 + refund_no),
                      "createdAt": iso(order.closed_ts or order.ts), "processedAt": iso(order.closed_ts or order.ts),
                      "_lines": refund_lines}
            refund["refundLineItems"] = _refund_lines(store, refund["id"], refund_lines)
            refunds.append(refund)
            store.by_id[refund["id"]] = refund
        fulfilled = order.status in ("fulfilled", "refunded")
        o = {"__typename": "Order", "id": gid("Order", 6_512_300_000_000 + order.number), "name": order.order_id,
             "number": order.number, "createdAt": iso(order.ts), "processedAt": iso(order.ts), "_ts": int(order.ts),
             "cancelledAt": iso(order.closed_ts) if order.status == "cancelled" else None,
             "displayFinancialStatus": FINANCIAL.get(order.status, "PAID"),
             "displayFulfillmentStatus": "FULFILLED" if fulfilled else "UNFULFILLED", "test": False,
             "currencyCode": cur, "sourceName": "web", "refunds": _refund_list(refunds),
             "lineItems": conn_field(lines), "_refunds": refunds}
        for obj in (o, *lines):
            store.by_id[obj["id"]] = obj
        out.append(o)
    return out


def _refund_lines(store: Store, refund_id: str, lines: list[dict]):
    """``Refund.refundLineItems``, noting which refunds' lines a query has read (bulk operations cannot)."""
    page = conn_field(lines, "read_orders")

    def resolve(info, **args):
        out = page(info, **args)
        if not info.context.get("bulk"):
            store.refund_lines_read[refund_id] = len(lines)
        return out
    return resolve


def _refund_list(refunds: list[dict]):
    def resolve(info, first=None):
        return refunds[:first] if first is not None else refunds
    return resolve

"""The root fields the emulator serves, over a Store: the subset of QueryRoot and Mutation leakcheck reads.

Served: ``shop``, ``locations``/``location``, ``productVariants``/``productVariantsCount``/
``productVariant``, ``orders``/``ordersCount``/``order``/``refund``, ``node``/``nodes``,
``currentAppInstallation``, ``publicApiVersions``, ``bulkOperation`` and the mutation
``bulkOperationRunQuery``. Any other field of the real schema still validates (the document is
checked against the SDL first) and resolves to null, which for a non-null field is the error
graphql-core reports. Without ``read_all_orders`` only the last 60 days of orders are visible,
as on Shopify.
"""

from __future__ import annotations

from typing import Any

from . import graph
from .graph import compare, connection, filtered, parse_time, require, truthy

DAY = 86400.0
ORDERS_WITHOUT_ALL = 60
COUNT_LIMIT = 10_000
SCOPE_OF = {"Order": "read_orders", "Refund": "read_orders", "LineItem": "read_orders",
            "ProductVariant": "read_products", "Product": "read_products", "InventoryItem": "read_inventory",
            "InventoryLevel": "read_inventory", "Location": "read_locations"}
API_VERSIONS = [("2026-01", True), ("2026-04", True), ("2026-07", True), ("2026-10", True),
                ("2027-01", False), ("unstable", False)]

VARIANT_SEARCH = {
    "requires_components": lambda v, op, x: v["requiresComponents"] == truthy(x),
    "sku": lambda v, op, x: (v["sku"] or "") == x,
    "product_status": lambda v, op, x: v["product"]["status"].lower() in x.lower().split(","),
}
ORDER_SEARCH = {
    "processed_at": lambda o, op, x: compare(o["_ts"], op, parse_time(x)),
    "created_at": lambda o, op, x: compare(o["_ts"], op, parse_time(x)),
    "test": lambda o, op, x: o["test"] == truthy(x),
    "financial_status": lambda o, op, x: o["displayFinancialStatus"].lower() == x.lower(),
    "status": lambda o, op, x: _order_status(o, x),
}


def _order_status(order: dict, value: str) -> bool:
    """``status:open|closed|cancelled|not_closed``. The emulator archives no order, so only a cancelled
    one is closed (Shopify closes a cancelled order)."""
    cancelled = order["cancelledAt"] is not None
    return {"cancelled": cancelled, "closed": cancelled, "open": not cancelled,
            "not_closed": not cancelled}.get(value.lower(), False)


def _number(gid: str) -> int:
    try:
        return int(gid.rsplit("/", 1)[-1].split("?", 1)[0])
    except ValueError:
        return 0


def _count(n: int, limit: int | None) -> dict:
    limit = COUNT_LIMIT if limit is None else limit
    if limit is not None and n > limit:
        return {"count": limit, "precision": "AT_LEAST"}
    return {"count": n, "precision": "EXACT"}


def root(emu) -> dict[str, Any]:
    store = emu.store

    def since(info) -> float:
        """The oldest order this token may see."""
        return float("-inf") if "read_all_orders" in graph.held(info) else store.as_of - ORDERS_WITHOUT_ALL * DAY

    def visible_orders(info) -> list[dict]:
        require(info, "read_orders")
        start = since(info)
        return store.orders if start == float("-inf") else [o for o in store.orders if o["_ts"] >= start]

    def variants(info, query=None, sortKey=None, savedSearchId=None, **page):
        require(info, "read_products")
        items = filtered(store.variants, query, VARIANT_SEARCH)
        if sortKey == "SKU":
            items = sorted(items, key=lambda v: v["sku"] or "")
        return connection(items, info, **page)

    def variants_count(info, query=None, limit=COUNT_LIMIT):
        require(info, "read_products")
        return _count(len(filtered(store.variants, query, VARIANT_SEARCH)), limit)

    def orders(info, query=None, sortKey=None, savedSearchId=None, **page):
        items = filtered(visible_orders(info), query, ORDER_SEARCH)
        key = {"PROCESSED_AT": "_ts", "CREATED_AT": "_ts"}.get(sortKey or "ID", "number")
        return connection(sorted(items, key=lambda o: (o[key], o["number"])), info, **page)

    def orders_count(info, query=None, savedSearchId=None, limit=COUNT_LIMIT):
        return _count(len(filtered(visible_orders(info), query, ORDER_SEARCH)), limit)

    def node(info, id):  # noqa: A002 - the schema's argument name
        obj = store.by_id.get(id)
        if obj is None:
            return None
        require(info, SCOPE_OF.get(obj["__typename"], "read_products"))
        if obj["__typename"] == "Order" and obj["_ts"] < since(info):
            return None
        return obj

    def typed(kind: str):
        def resolve(info, id, **_):  # noqa: A002
            obj = node(info, id)
            return obj if obj is not None and obj["__typename"] == kind else None
        return resolve

    def locations(info, includeInactive=None, includeLegacy=None, query=None, sortKey=None, **page):
        require(info, "read_locations")
        return connection(store.locations, info, **page)

    shop = {**store.shop, "plan": emu.plan()}
    return {
        "shop": shop,
        "locations": locations,
        "location": typed("Location"),
        "productVariants": variants,
        "productVariantsCount": variants_count,
        "productVariant": typed("ProductVariant"),
        "inventoryItem": typed("InventoryItem"),
        "orders": orders,
        "ordersCount": orders_count,
        "order": typed("Order"),
        "refund": typed("Refund"),
        "node": node,
        "nodes": lambda info, ids: [node(info, i) for i in ids],
        "currentAppInstallation": lambda info: {
            "__typename": "AppInstallation", "id": "gid://shopify/AppInstallation/1",
            "accessScopes": [{"handle": s, "description": f"{s} (emulated)"} for s in emu.scopes],
            "app": {"__typename": "App", "id": "gid://shopify/App/1", "title": "leakcheck (read-only)"}},
        "publicApiVersions": [{"handle": h, "displayName": h + ("" if ok else " (unsupported)"), "supported": ok}
                              for h, ok in API_VERSIONS],
        "bulkOperation": lambda info, id: emu.bulk_view(id),  # noqa: A002
        "bulkOperations": lambda info, query=None, sortKey=None, **page: connection(emu.bulk_views(query), info, **page),
        "bulkOperationRunQuery": lambda info, query, groupObjects=False: emu.run_bulk(info, query, groupObjects),
    }

"""Every GraphQL document the live Shopify source can send (Admin API 2026-07), and their page sizes.

Kept in one module so a test can validate each shape against the SDL (``examples()``), and so
the read-only guard sees exactly these texts. Page sizes are literals in the text, not variables:
the transport's cost bucket remembers what each query *text* was charged, so one text must
always cost the same. They are worked out from Shopify's documented cost model (scalars and
enums 0, objects 1, a connection 2 + ``first`` x the cost of one node) so a page asks for as many
nodes as fit under the 1,000-point single-query cap; a MAX_COST_EXCEEDED answer halves the page.

Stock-change history is absent on purpose: stable API versions have no query for it (NOTES 1.5).
"""

from __future__ import annotations

MAX_QUERY_COST = 1000  # Shopify's cap on one query's requested cost
MAX_PAGE = 250  # `first` cannot exceed 250
QUANTITY_NAMES = ("available", "on_hand", "committed", "reserved", "incoming")
LINES_PER_ORDER = 10  # line items inlined per order; longer orders are drained with ORDER_LINES
COMPONENTS_PER_BUNDLE = 50

_NAMES = ", ".join(f'"{n}"' for n in QUANTITY_NAMES)
_LEVEL = f"id updatedAt location {{ id name }} quantities(names: [{_NAMES}]) {{ name quantity updatedAt }}"
_LEVEL_COST = 3  # the level, its location, its quantities
_VARIANT = ("id title sku price inventoryPolicy requiresComponents updatedAt "
            "product { id handle title status } ")
_VARIANT_COST = 3  # the variant, its product, its inventory item
_LINE = "id sku quantity currentQuantity originalUnitPriceSet { shopMoney { amount currencyCode } }"
_LINE_COST = 3  # the line, its price set, the shop money
_ORDER = "id name processedAt cancelledAt displayFinancialStatus displayFulfillmentStatus refunds { id }"
_ORDER_COST = 2  # the order and its refund ids


def fits(node_cost: int, overhead: int = 2) -> int:
    """How many nodes of this cost one page can ask for under the single-query cap."""
    return max(1, min(MAX_PAGE, (MAX_QUERY_COST - overhead) // max(1, node_cost)))


# --- stock phase ---------------------------------------------------------------------------------
OVERVIEW = """query Overview {
  shop { name myshopifyDomain currencyCode ianaTimezone plan { publicDisplayName } }
  locations(first: 250, includeInactive: false) { pageInfo { hasNextPage endCursor } edges { node { id name isActive } } }
  productVariantsCount { count precision }
}"""
MORE_LOCATIONS = """query Locations($cursor: String) {
  locations(first: 250, after: $cursor, includeInactive: false) {
    pageInfo { hasNextPage endCursor } edges { node { id name isActive } }
  }
}"""


def levels_selection(one_location: bool, locations: int) -> tuple[str, int]:
    """The inventory-item selection and its cost: one location's level, or every level."""
    if one_location:
        return (f"inventoryItem {{ id tracked duplicateSkuCount inventoryLevel(locationId: $location) {{ {_LEVEL} }} }}",
                _LEVEL_COST)
    n = max(1, min(MAX_PAGE, locations))
    return (f"inventoryItem {{ id tracked duplicateSkuCount inventoryLevels(first: {n}) {{ "
            f"pageInfo {{ hasNextPage }} edges {{ node {{ {_LEVEL} }} }} }} }}", 2 + n * _LEVEL_COST)


def variants_page(first: int, one_location: bool, locations: int) -> str:
    levels, _ = levels_selection(one_location, locations)
    params = "$cursor: String, $location: ID!" if one_location else "$cursor: String"
    return (f"query Variants({params}) {{\n  productVariants(first: {first}, after: $cursor, sortKey: ID) {{\n"
            f"    pageInfo {{ hasNextPage endCursor }}\n    edges {{ node {{ {_VARIANT}{levels} }} }}\n  }}\n}}")


def variants_page_size(one_location: bool, locations: int) -> int:
    return fits(_VARIANT_COST + levels_selection(one_location, locations)[1])


_COMPONENT = "id quantity productVariant { id sku }"
BUNDLES_PAGE_SIZE = fits(1 + 2 + COMPONENTS_PER_BUNDLE * 2)


def bundles_page(first: int) -> str:
    return (f"query Bundles($cursor: String) {{\n  productVariants(first: {first}, after: $cursor, sortKey: ID, "
            f"query: \"requires_components:true\") {{\n    pageInfo {{ hasNextPage endCursor }}\n"
            f"    edges {{ node {{ id sku productVariantComponents(first: {COMPONENTS_PER_BUNDLE}) {{ "
            f"pageInfo {{ hasNextPage }} edges {{ node {{ {_COMPONENT} }} }} }} }} }}\n  }}\n}}")


def catalog_bulk(location_id: str | None = None) -> str:
    """The catalogue in one bulk operation: 3 connections, nested 2 deep (the limits are 5 and 2).

    With a location, its one level is inlined (the id is written into the text: a bulk query
    takes no variables) and the query has 2 connections.
    """
    if location_id is None:
        levels = f"inventoryLevels {{ edges {{ node {{ {_LEVEL} }} }} }}"
    else:
        loc = location_id.replace("\\", "\\\\").replace('"', '\\"')
        levels = f'inventoryLevel(locationId: "{loc}") {{ {_LEVEL} }}'
    return ("{ productVariants(sortKey: ID) { edges { node { " + _VARIANT
            + f"inventoryItem {{ id tracked duplicateSkuCount {levels} }} "
            + f"productVariantComponents {{ edges {{ node {{ {_COMPONENT} }} }} }} }} }} }} }}")


# --- history phase -------------------------------------------------------------------------------
ORDERS_COUNT = """query OrdersCount($query: String!) { ordersCount(query: $query) { count precision } }"""
ORDERS_PAGE_SIZE = fits(_ORDER_COST + 2 + LINES_PER_ORDER * _LINE_COST + 2)


def orders_page(first: int) -> str:
    return (f"query Orders($cursor: String, $query: String!) {{\n  orders(first: {first}, after: $cursor, "
            f"sortKey: PROCESSED_AT, query: $query) {{\n    pageInfo {{ hasNextPage endCursor }}\n"
            f"    edges {{ node {{ {_ORDER} lineItems(first: {LINES_PER_ORDER}) {{ pageInfo {{ hasNextPage endCursor }} "
            f"edges {{ node {{ {_LINE} }} }} }} }} }}\n  }}\n}}")


def orders_bulk(search: str) -> str:
    """Orders and their lines in one bulk operation. Refund lines are a connection inside the
    ``refunds`` list, which bulk operations reject, so refunds are fetched afterwards by id."""
    text = search.replace("\\", "\\\\").replace('"', '\\"')
    return (f'{{ orders(query: "{text}", sortKey: PROCESSED_AT) {{ edges {{ node {{ {_ORDER} '
            f"lineItems {{ edges {{ node {{ {_LINE} }} }} }} }} }} }} }}")


ORDER_LINES = (f"query OrderLines($id: ID!, $cursor: String) {{\n  order(id: $id) {{ id lineItems(first: 100, "
               f"after: $cursor) {{ pageInfo {{ hasNextPage endCursor }} edges {{ node {{ {_LINE} }} }} }} }}\n}}")

# Which orders may hold refund lines: Shopify marks an order with units refunded or cancelled by its
# financial status or its cancellation. Only a hint, to start the refund reads early: the orders'
# own lines (currentQuantity below quantity) decide in the end.
REFUNDED_FILTER = ("(financial_status:refunded OR financial_status:partially_refunded OR financial_status:voided "
                   "OR status:cancelled)")


def refunded_orders_bulk(search: str) -> str:
    """The window's orders that may hold refund lines: their refund ids and which lines lost units.
    A small file, ready in a moment, so the refund reads can start long before the orders' file."""
    text = f"{search} AND {REFUNDED_FILTER}".replace("\\", "\\\\").replace('"', '\\"')
    return (f'{{ orders(query: "{text}", sortKey: PROCESSED_AT) {{ edges {{ node {{ id refunds {{ id }} '
            f"lineItems {{ edges {{ node {{ id quantity currentQuantity }} }} }} }} }} }} }}")


# Refund lines: what was refunded and what went back into stock. ``lineItem { id }`` (a point a line)
# is asked for only when an order's refund lines cannot be placed on its lines without it
# (refunds.py): one line lost units, or all refund lines restock alike, is the common case.
_REFUND_LINE = "quantity restockType"
_REFUND_LINE_BY_ITEM = "quantity restockType lineItem { id }"
LINES_PER_REFUND = 20  # most refund lines one refund is asked for at once; more are drained
REFUND_IDS_MAX = 250  # Shopify caps an array argument at 250 items


def refund_cost(first: int, by_line: bool) -> int:
    """Requested cost of one refund in ``refunds_query``: the Refund, its connection, ``first`` lines."""
    return 1 + 2 + first * (2 if by_line else 1)


def refunds_query(first: int, by_line: bool) -> str:
    """Refund lines of the refunds in ``$ids``, ``first`` lines each (a literal: one text, one cost a refund)."""
    name = "RefundsByLine" if by_line else "Refunds"
    line = _REFUND_LINE_BY_ITEM if by_line else _REFUND_LINE
    return (f"query {name}($ids: [ID!]!) {{\n  nodes(ids: $ids) {{ ... on Refund {{ id refundLineItems(first: {first}) "
            f"{{ pageInfo {{ hasNextPage endCursor }} edges {{ node {{ {line} }} }} }} }} }}\n}}")


def refund_lines_query(by_line: bool) -> str:
    """The rest of one refund's lines, after the first page."""
    name = "RefundLinesByLine" if by_line else "RefundLines"
    line = _REFUND_LINE_BY_ITEM if by_line else _REFUND_LINE
    return (f"query {name}($id: ID!, $cursor: String) {{\n  refund(id: $id) {{ id refundLineItems(first: 100, "
            f"after: $cursor) {{ pageInfo {{ hasNextPage endCursor }} edges {{ node {{ {line} }} }} }} }}\n}}")


# --- bulk operations -----------------------------------------------------------------------------
RUN_BULK = """mutation RunBulk($query: String!) {
  bulkOperationRunQuery(query: $query, groupObjects: false) {
    bulkOperation { id status }
    userErrors { field message code }
  }
}"""
POLL_BULK = """query PollBulk($id: ID!) {
  bulkOperation(id: $id) { id status errorCode objectCount rootObjectCount fileSize url partialDataUrl }
}"""
# The app's newest bulk operations (newest first by default): after a start whose answer was lost,
# the one it may have started is found here by its query text instead of starting a duplicate.
RECENT_BULK = """query RecentBulk {
  bulkOperations(first: 5, sortKey: CREATED_AT, query: "operation_type:query") { nodes { id status query createdAt } }
}"""

# --- doctor --------------------------------------------------------------------------------------
DOCTOR = """query Doctor {
  currentAppInstallation { accessScopes { handle } }
  shop { name myshopifyDomain plan { publicDisplayName } }
  publicApiVersions { handle supported }
}"""


def examples() -> dict[str, str]:
    """One text of every shape the source can send (bulk texts are the inner queries), for the SDL test."""
    out = {
        "overview": OVERVIEW, "more_locations": MORE_LOCATIONS,
        "variants": variants_page(variants_page_size(False, 2), False, 2),
        "variants_one_location": variants_page(variants_page_size(True, 1), True, 1),
        "bundles": bundles_page(BUNDLES_PAGE_SIZE), "catalog_bulk": catalog_bulk(),
        "catalog_bulk_at": catalog_bulk("gid://shopify/Location/1"),
        "orders_count": ORDERS_COUNT, "orders": orders_page(ORDERS_PAGE_SIZE),
        "orders_bulk": orders_bulk("processed_at:>='2026-07-23T06:00:00Z' AND test:false"),
        "order_lines": ORDER_LINES, "refunds": refunds_query(2, False), "refunds_by_line": refunds_query(4, True),
        "refund_lines": refund_lines_query(False), "refund_lines_by_line": refund_lines_query(True),
        "refunded_orders_bulk": refunded_orders_bulk("processed_at:>='2026-07-23T06:00:00Z' AND test:false"),
        "run_bulk": RUN_BULK, "poll_bulk": POLL_BULK, "recent_bulk": RECENT_BULK, "doctor": DOCTOR,
    }
    return out

"""Stock-change history (BatchRetrieveInventoryChanges) -> StockEvents that say who wrote them.

Square's history is the strongest evidence of "who writes stock" any platform gives: each
change carries ``source {product, application_id, name}``, the application that made it.

- A PHYSICAL_COUNT of the IN_STOCK state is an absolute set: ``quantity_after`` = its quantity,
  ``change`` None. Square records no reason for it, so ``reason`` stays empty.
- An ADJUSTMENT moves a quantity from one state to another; only moves into or out of IN_STOCK
  change what can be sold: into IN_STOCK is +quantity, out of it -quantity, others (SOLD ->
  RETURNED_BY_CUSTOMER, RESERVED_FOR_SALE -> SOLD) are no change to the sellable count and make no
  event. ``quantity_after`` is None: Square does not say it, and transfers (which this endpoint
  never returns) would make any reconstruction wrong. ``reason`` is the move in words.

Who wrote it (``writer``, ``writer_kind``):
- a sale: the move ends in SOLD / SOLD_ONLINE / RESERVED_FOR_SALE, or it undoes one for a
  ``transaction_id`` (a cancelled order's release, a refund's restock from RETURNED_BY_CUSTOMER)
  -> "order <transaction_id>", kind ``order``, whichever product rang it up;
- otherwise by ``source.product``: EXTERNAL_API (another app through Square's API: a sync, a
  connector) -> ``integration``, named by the application's name; SQUARE_POS (someone at the
  till), DASHBOARD and ITEM_LIBRARY_IMPORT (someone in Square's back office) -> ``staff``;
  ONLINE_STORE (Square Online) -> ``integration``; INVOICES, APPOINTMENTS, BILLING -> ``app``;
  PAYROLL, OTHER or none -> "" (unknown). Square cannot tell an "app" from an "integration":
  both are EXTERNAL_API, and leakcheck calls them integrations.
Restocks of refunds and cancellations are also kept apart (``Restock``) so orders.py can tie
them to order lines by ``refund_id`` or ``transaction_id``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Iterable

from ...model import WRITER_APP, WRITER_INTEGRATION, WRITER_ORDER, WRITER_STAFF, StockEvent
from ...skus import product_key
from .catalog import Catalog
from .wire import parse_time, quantity, whole

IN_STOCK = "IN_STOCK"
SALE_STATES = frozenset({"SOLD", "SOLD_ONLINE", "RESERVED_FOR_SALE"})
REASONS = {
    ("IN_STOCK", "SOLD"): "sold",
    ("IN_STOCK", "SOLD_ONLINE"): "sold online",
    ("IN_STOCK", "RESERVED_FOR_SALE"): "reserved for an order",
    ("RESERVED_FOR_SALE", "IN_STOCK"): "reservation released",
    ("RETURNED_BY_CUSTOMER", "IN_STOCK"): "return restocked",
    ("UNLINKED_RETURN", "IN_STOCK"): "unlinked return restocked",
    ("NONE", "IN_STOCK"): "stock received",
    ("RECEIVED_FROM_VENDOR", "IN_STOCK"): "received from vendor",
    ("IN_TRANSIT", "IN_STOCK"): "transfer received",
    ("IN_STOCK", "WASTE"): "waste (damaged, lost or stolen)",
    ("IN_STOCK", "IN_TRANSIT"): "transfer sent",
    ("IN_STOCK", "COMPOSED"): "used in a composed item",
    ("DECOMPOSED", "IN_STOCK"): "taken out of a composed item",
}
PRODUCT_WRITER = {
    "EXTERNAL_API": ("an app using Square's API", WRITER_INTEGRATION),
    "SQUARE_POS": ("Square Point of Sale", WRITER_STAFF),
    "DASHBOARD": ("Square Dashboard", WRITER_STAFF),
    "ITEM_LIBRARY_IMPORT": ("item library import", WRITER_STAFF),
    "ONLINE_STORE": ("Square Online", WRITER_INTEGRATION),
    "INVOICES": ("Square Invoices", WRITER_APP),
    "APPOINTMENTS": ("Square Appointments", WRITER_APP),
    "BILLING": ("Square Billing", WRITER_APP),
    "PAYROLL": ("Square Payroll", ""),
    "OTHER": ("Square", ""),
}


@dataclass(slots=True)
class Restock:
    """Units put back into IN_STOCK for a refund (RETURNED_BY_CUSTOMER) or a cancelled order (RESERVED_FOR_SALE)."""

    variation_id: str
    quantity: int
    refund_id: str
    transaction_id: str
    cancel: bool


@dataclass
class History:
    events: list[StockEvent] = field(default_factory=list)
    restocks: list[Restock] = field(default_factory=list)
    changes: int = 0
    unknown_items: int = 0  # changes of variations the catalogue read does not hold (deleted since)
    fractional: int = 0
    writers: dict[str, str] = field(default_factory=dict)  # writer -> kind, for the notes


def writer_of(source: dict | None, from_state: str | None, to_state: str | None,
              transaction_id: str) -> tuple[str, str]:
    """(writer, writer_kind) of one change; see the module's docstring for the mapping."""
    src = source if isinstance(source, dict) else {}
    product = src.get("product") or ""
    name = (src.get("name") or "").strip()
    sale = to_state in SALE_STATES or (bool(transaction_id) and from_state in ("RESERVED_FOR_SALE",
                                                                               "RETURNED_BY_CUSTOMER"))
    if sale:
        if transaction_id:
            return f"order {transaction_id}", WRITER_ORDER
        return name or PRODUCT_WRITER.get(product, ("a sale", ""))[0], WRITER_ORDER
    words, kind = PRODUCT_WRITER.get(product, ("", ""))
    if product == "EXTERNAL_API" and not name and src.get("application_id"):
        return f"application {src['application_id']}", kind
    return name or words or "unknown", kind


def read_changes(pages: Iterable[dict], channel: str, catalog: Catalog, locations: dict[str, str],
                 history: History | None = None) -> History:
    out = history or History()
    keys: dict[str, str] = {}
    for page in pages:
        for change in page.get("changes") or ():
            if not isinstance(change, dict):
                continue
            out.changes += 1
            kind = change.get("type")
            body = change.get("physical_count") if kind == "PHYSICAL_COUNT" else (
                change.get("adjustment") if kind == "ADJUSTMENT" else None)
            if not isinstance(body, dict):
                continue
            var = catalog.variations.get(body.get("catalog_object_id") or "")
            if var is None:
                out.unknown_items += 1
                continue
            units = whole(quantity(body.get("quantity")))
            if units is None:
                out.fractional += 1
                continue
            ts = parse_time(body.get("occurred_at")) or parse_time(body.get("created_at"))
            if ts is None:
                continue
            loc_id = body.get("location_id") or ""
            location = locations.get(loc_id, loc_id)
            sku = var.sku
            key = keys.get(sku)
            if key is None:
                key = keys[sku] = product_key(sku)
            tx = body.get("transaction_id") or ""
            if kind == "PHYSICAL_COUNT":
                if (body.get("state") or IN_STOCK) != IN_STOCK:
                    continue
                writer, wkind = writer_of(body.get("source"), None, None, "")
                out.events.append(StockEvent(channel, ts, sku, key, location, None, units, writer, wkind, ""))
            else:
                before, after = body.get("from_state"), body.get("to_state")
                if after == IN_STOCK and before != IN_STOCK:
                    delta = units
                elif before == IN_STOCK and after != IN_STOCK:
                    delta = -units
                else:
                    continue
                writer, wkind = writer_of(body.get("source"), before, after, tx)
                reason = REASONS.get((before, after)) or f"{before} to {after}".lower().replace("_", " ")
                if before == "RESERVED_FOR_SALE" and tx:
                    reason = "order cancelled"
                out.events.append(StockEvent(channel, ts, sku, key, location, delta, None, writer, wkind, reason))
                if delta > 0 and before in ("RETURNED_BY_CUSTOMER", "RESERVED_FOR_SALE"):
                    out.restocks.append(Restock(var.id, units, body.get("refund_id") or "", tx,
                                                before == "RESERVED_FOR_SALE"))
            out.writers.setdefault(writer if wkind != WRITER_ORDER else "orders", wkind)
    out.events.sort(key=lambda e: e.ts)
    return out

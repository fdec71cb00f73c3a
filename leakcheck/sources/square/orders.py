"""Orders (SearchOrders) -> OrderLines with refunds and restocks.

A sale is an Order with ``line_items``: ``catalog_object_id`` is the variation (-> its SKU),
``quantity`` a decimal string (kept when whole), ``base_price_money`` the unit price. States map
OPEN -> open, COMPLETED -> fulfilled, CANCELED -> cancelled (its units count as refunded: the
buyer kept none). Lines with no catalogue variation (custom amounts) or a variation the catalogue
read does not hold are left out and counted. Customer fields are never read.

A refund of goods is a *separate* order whose ``returns[]`` name the ``source_order_id`` and each
returned line (``source_line_item_uid``, ``quantity``), with the money in its ``refunds[]``. The
returned units are added to the sale's lines as ``refunded_quantity``; a sale whose every unit
came back is "refunded". A return is tied only to sales read in the same window.

Restocks come from the stock-change history (changes.py): a RETURNED_BY_CUSTOMER -> IN_STOCK
move carries the ``refund_id`` of the return's refund (or the sale's ``transaction_id``), a
cancelled order's RESERVED_FOR_SALE -> IN_STOCK move its ``transaction_id``. ``restocked_quantity``
is then what went back (0 when nothing did) for refunded or cancelled lines, and None when the
history could not be read or the line had nothing to restock.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Iterable

from ...model import STATUS_CANCELLED, STATUS_FULFILLED, STATUS_OPEN, STATUS_REFUNDED, OrderLine
from ...skus import product_key
from .catalog import Catalog
from .changes import Restock
from .wire import money, parse_time, quantity, whole

STATES = ("OPEN", "COMPLETED", "CANCELED")
STATUS = {"OPEN": STATUS_OPEN, "COMPLETED": STATUS_FULFILLED, "CANCELED": STATUS_CANCELLED}


@dataclass(slots=True)
class _Line:
    order_id: str
    uid: str
    variation_id: str
    line: OrderLine


@dataclass
class Orders:
    lines: list[_Line] = field(default_factory=list)
    returned: dict[tuple[str, str], int] = field(default_factory=dict)  # (sale order, line uid or variation) -> units
    refund_orders: dict[str, set[str]] = field(default_factory=dict)  # refund id -> sale order ids it returns
    seen: set[str] = field(default_factory=set)
    orders: int = 0
    no_item: int = 0  # custom-amount lines, or variations not in the catalogue read
    fractional: int = 0
    money_only_refunds: int = 0  # refunds with no returned items: which units is not said


def read_orders(pages: Iterable[dict], channel: str, catalog: Catalog, out: Orders | None = None) -> Orders:
    out = out or Orders()
    keys: dict[str, str] = {}
    for page in pages:
        for order in page.get("orders") or ():
            if not isinstance(order, dict) or not isinstance(order.get("id"), str):
                continue
            oid = order["id"]
            if oid in out.seen:  # the same order in two location batches cannot happen, but costs nothing
                continue
            out.seen.add(oid)
            out.orders += 1
            _returns(order, out)
            ts = parse_time(order.get("created_at"))
            status = STATUS.get(order.get("state") or "")
            if ts is None or status is None:
                continue
            for n, item in enumerate(order.get("line_items") or ()):
                if not isinstance(item, dict):
                    continue
                var = catalog.variations.get(item.get("catalog_object_id") or "")
                if var is None:
                    out.no_item += 1
                    continue
                units = whole(quantity(item.get("quantity")))
                if units is None or units <= 0:
                    out.fractional += 1
                    continue
                price, currency = money(item.get("base_price_money"))
                key = keys.get(var.sku)
                if key is None:
                    key = keys[var.sku] = product_key(var.sku)
                line = OrderLine(channel, oid, ts, var.sku, key, units, price, currency, status,
                                 units if status == STATUS_CANCELLED else 0, None)
                out.lines.append(_Line(oid, str(item.get("uid") or n), var.id, line))
    return out


def _returns(order: dict, out: Orders) -> None:
    sources: set[str] = set()
    itemised = False
    for ret in order.get("returns") or ():
        if not isinstance(ret, dict) or not ret.get("source_order_id"):
            continue
        source = ret["source_order_id"]
        sources.add(source)
        for item in ret.get("return_line_items") or ():
            if not isinstance(item, dict):
                continue
            units = whole(quantity(item.get("quantity")))
            if units is None or units <= 0:
                continue
            itemised = True
            which = item.get("source_line_item_uid") or f"var:{item.get('catalog_object_id') or ''}"
            out.returned[(source, which)] = out.returned.get((source, which), 0) + units
    for refund in order.get("refunds") or ():
        if isinstance(refund, dict) and isinstance(refund.get("id"), str):
            out.refund_orders.setdefault(refund["id"], set()).update(sources or {order["id"]})
            if not itemised and not sources:
                out.money_only_refunds += 1


def finish(orders: Orders, restocks: list[Restock] | None) -> list[OrderLine]:
    """The order lines with returned units and, when the history was read, restocked units."""
    back: dict[tuple[str, str], int] = {}  # (sale order, variation) -> units restocked
    if restocks is not None:
        for r in restocks:
            targets = orders.refund_orders.get(r.refund_id) if r.refund_id else None
            if not targets and r.transaction_id:
                targets = {r.transaction_id}
            for oid in sorted(targets or ()):
                back[(oid, r.variation_id)] = back.get((oid, r.variation_id), 0) + r.quantity
                break  # one restock is counted once, against the first sale it names
    by_order: dict[str, list[_Line]] = {}
    for x in orders.lines:
        by_order.setdefault(x.order_id, []).append(x)
    out: list[OrderLine] = []
    for oid, lines in by_order.items():
        for x in lines:
            line = x.line
            if line.status != STATUS_CANCELLED:
                got = orders.returned.get((oid, x.uid), 0) + orders.returned.pop((oid, f"var:{x.variation_id}"), 0)
                line.refunded_quantity = min(line.quantity, got)
            if restocks is not None and line.refunded_quantity:
                have = back.get((oid, x.variation_id), 0)
                line.restocked_quantity = min(have, line.refunded_quantity)
                back[(oid, x.variation_id)] = have - line.restocked_quantity
        if all(x.line.status == STATUS_FULFILLED and x.line.refunded_quantity >= x.line.quantity for x in lines):
            for x in lines:
                x.line.status = STATUS_REFUNDED
        out.extend(x.line for x in lines)
    return out

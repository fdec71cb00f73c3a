"""Shopify's orders CSV (Orders > Export): one row per line item, order-level cells on the first only.

A multi-line order repeats ``Name`` and leaves the order-level columns (Financial Status,
Created at, Cancelled at, Currency, ...) blank on its later rows, so they are carried forward
from the order's first row. Only what the checks need is read, by column position: names,
e-mails, addresses and phone numbers in the same file are never touched, so they cannot leak
into a record, a message or a report. The export has no restock data (``restocked_quantity``
stays None, and RET001 says it cannot tell).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import tzinfo

from ...model import (
    CAP_ORDERS, STATUS_CANCELLED, STATUS_FULFILLED, STATUS_OPEN, STATUS_REFUNDED, BadRow, OrderLine,
)
from ...skus import product_key
from ..tabular import CellError, Table, parse_int, parse_price, parse_time

ORDER_LEVEL = ("financial", "fulfillment", "created", "cancelled", "currency")
COLUMNS = {
    "name": ("Name",),
    "financial": ("Financial Status",),
    "fulfillment": ("Fulfillment Status",),
    "created": ("Created at",),
    "cancelled": ("Cancelled at",),
    "currency": ("Currency",),
    "quantity": ("Lineitem quantity",),
    "price": ("Lineitem price",),
    "sku": ("Lineitem sku",),
    "line_fulfillment": ("Lineitem fulfillment status",),
}


@dataclass
class Orders:
    lines: list[OrderLine] = field(default_factory=list)
    provides: set[str] = field(default_factory=set)
    bad_rows: list[BadRow] = field(default_factory=list)
    currencies: Counter = field(default_factory=Counter)


def status_of(financial: str, fulfillment: str, line_fulfillment: str, cancelled: bool) -> str:
    """Cancelled beats refunded beats fulfilment; unfulfilled and partial orders are open."""
    financial, fulfillment = financial.strip().lower(), fulfillment.strip().lower()
    if cancelled or financial == "voided" or fulfillment == "restocked":
        return STATUS_CANCELLED
    if financial == "refunded":
        return STATUS_REFUNDED
    if fulfillment == "fulfilled" or line_fulfillment.strip().lower() == "fulfilled":
        return STATUS_FULFILLED
    return STATUS_OPEN


def read_orders(table: Table, channel: str, tz: tzinfo) -> Orders:
    out = Orders()
    col = {name: table.find(*headers) for name, headers in COLUMNS.items()}
    header = table.header
    carried: dict[str, dict[str, str]] = {}  # order name -> its order-level cells

    def cell(row: list[str], name: str) -> str:
        i = col[name]
        return row[i] if i is not None else ""

    for row_number, row in table.rows:
        order_id = cell(row, "name").strip()
        order = carried.get(order_id)
        if order is None:
            order = carried[order_id] = {k: cell(row, k) for k in ORDER_LEVEL}
        else:
            for k in ORDER_LEVEL:
                if not order[k].strip():
                    order[k] = cell(row, k)
        at = "created"
        try:
            ts = parse_time(order["created"], tz)
            if ts is None:
                raise CellError("the order has no date")
            at = "quantity"
            quantity = parse_int(cell(row, "quantity"))
            if quantity is None:
                raise CellError("the line has no quantity")
            at = "price"
            price, symbol_currency = parse_price(cell(row, "price"))
        except CellError as exc:
            out.bad_rows.append(BadRow(table.name, row_number, f"column '{header[col[at]]}': {exc}"))
            continue
        currency = order["currency"].strip().upper() or symbol_currency
        if currency:
            out.currencies[currency] += 1
        status = status_of(order["financial"], order["fulfillment"], cell(row, "line_fulfillment"),
                           bool(order["cancelled"].strip()))
        sku = cell(row, "sku")
        out.lines.append(OrderLine(
            channel=channel, order_id=order_id, ts=ts, sku=sku, key=product_key(sku), quantity=quantity,
            unit_price=price, currency=currency, status=status,
            refunded_quantity=quantity if status == STATUS_REFUNDED else 0, restocked_quantity=None,
        ))
    out.provides.add(CAP_ORDERS)
    return out

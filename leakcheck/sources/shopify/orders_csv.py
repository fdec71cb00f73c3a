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
from ..cells import CellError, parse_int, parse_price
from ..tabular import Table
from ..times import stamp_reader

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
    return _order_status(financial, fulfillment, cancelled) or _line_status(line_fulfillment)


def _order_status(financial: str, fulfillment: str, cancelled: bool) -> str | None:
    """The status the order's own cells decide, or None when it depends on the line's fulfilment."""
    financial, fulfillment = financial.strip().lower(), fulfillment.strip().lower()
    if cancelled or financial == "voided" or fulfillment == "restocked":
        return STATUS_CANCELLED
    if financial == "refunded":
        return STATUS_REFUNDED
    if fulfillment == "fulfilled":
        return STATUS_FULFILLED
    return None


def _line_status(line_fulfillment: str) -> str:
    return STATUS_FULFILLED if line_fulfillment.strip().lower() == "fulfilled" else STATUS_OPEN


def read_orders(table: Table, channel: str, tz: tzinfo) -> Orders:
    """One pass; an order's level cells, date, currency and status are read once, on its first row (a
    million lines must read in seconds), and a blank one is filled from a later row of the same order."""
    out = Orders()
    col = {name: table.find(*headers) for name, headers in COLUMNS.items()}
    header = table.header
    levels = [col[k] for k in ORDER_LEVEL]
    i_name, i_created, i_qty, i_price, i_sku, i_line = (col["name"], col["created"], col["quantity"], col["price"],
                                                        col["sku"], col["line_fulfillment"])
    carried: dict[str, list] = {}  # order name -> its order-level cells in ORDER_LEVEL order, then settled or None
    keys: dict[str, str] = {}
    prices: dict[str, tuple[float | None, str | None]] = {}  # cell text -> value: each distinct one parsed once
    quantities: dict[str, int | None] = {}
    currencies = out.currencies
    lines, bad_rows = out.lines, out.bad_rows
    stamp = stamp_reader(tz)  # "2026-09-01 14:03:22 +0100" on every order: each day and time of day read once
    statuses: dict[tuple[str, str, bool], str | None] = {}  # an order's own status cells -> its status
    last_id, entry, first = None, None, False
    for row_number, row in table.rows:
        order_id = row[i_name].strip() if i_name is not None else ""
        if order_id != last_id:  # an order's lines follow one another: its entry is looked up once
            last_id = order_id
            entry = carried.get(order_id)
            first = entry is None
            if first:
                entry = carried[order_id] = [row[i] if i is not None else "" for i in levels]
                entry.append(None)
        else:
            first = False
        if not first and not all(entry[:-1]):
            for n, i in enumerate(levels):
                if i is not None and not entry[n].strip() and row[i].strip():
                    entry[n] = row[i]
                    entry[-1] = None
        at = i_created
        try:
            state = entry[-1]
            if state is None:
                financial, fulfillment, created, cancelled, currency, _ = entry
                ts = stamp(created)
                if ts is None:
                    raise CellError("the order has no date")
                said = (financial, fulfillment, bool(cancelled.strip()))
                status = statuses[said] if said in statuses else statuses.setdefault(said, _order_status(*said))
                state = entry[-1] = (ts, currency.strip().upper(), status)
            at = i_qty
            text = row[i_qty] if i_qty is not None else ""
            try:
                quantity = quantities[text]
            except KeyError:
                quantity = quantities.setdefault(text, parse_int(text))
            if quantity is None:
                raise CellError("the line has no quantity")
            at = i_price
            text = row[i_price] if i_price is not None else ""
            try:
                price, symbol_currency = prices[text]
            except KeyError:
                price, symbol_currency = prices.setdefault(text, parse_price(text))
        except CellError as exc:
            bad_rows.append(BadRow(table.name, row_number, f"column '{header[at]}': {exc}"))
            continue
        ts, currency, status = state
        currency = currency or symbol_currency
        if currency:
            currencies[currency] += 1
        if status is None:
            line = row[i_line] if i_line is not None else ""
            status = STATUS_FULFILLED if line == "fulfilled" else _line_status(line)
        sku = row[i_sku] if i_sku is not None else ""
        key = keys.get(sku)
        if key is None:
            key = keys[sku] = product_key(sku)
        lines.append(OrderLine(
            channel=channel, order_id=order_id, ts=ts, sku=sku, key=key, quantity=quantity,
            unit_price=price, currency=currency, status=status,
            refunded_quantity=quantity if status == STATUS_REFUNDED else 0, restocked_quantity=None,
        ))
    out.provides.add(CAP_ORDERS)
    return out

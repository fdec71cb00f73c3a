"""Seller Hub's orders report: one row per order item, for velocity.

Quirks of the real file, all absorbed here or in open_table: a first line of bare commas or a
blank line before the header, a row of empty cells under it, and two footer lines
(``2 record(s) downloaded``, ``Seller ID : ...``). An order of several items is written as a
summary row (no item number, title or custom label; the order's total quantity) followed by one
row per item: the summary row is not a sale and is passed over, as are the footer lines; an item
row that leaves the sale date, dispatch date or status blank takes them from its summary row.

``Sold for`` is read as the item's unit price (the summary row carries the order's total).
There is no order status column in the report: a row with a ``Shipped on date`` /
``Dispatched on date`` is fulfilled, one without is open; where a status column is present
(``Order status``) it wins. Buyer names, e-mails and addresses sit in the same file and are
never read: only the columns below are touched.
"""

from __future__ import annotations

import re
from datetime import tzinfo

from ...model import CAP_ORDERS, STATUS_CANCELLED, STATUS_FULFILLED, STATUS_OPEN, STATUS_REFUNDED, BadRow, OrderLine
from ...skus import product_key
from ..export_part import Part, missing_note
from ..cells import CellError, parse_int
from ..tabular import Table
from ..times import has_time_of_day
from .cells import parse_date, parse_money

COLUMNS = {
    "record": (("Sales record number",), ""),
    "order": (("Order number",), ""),
    "item": (("Item number",), ""),
    "title": (("Item title",), ""),
    "sku": (("Custom label", "Custom label (SKU)"), "no SKUs: sales cannot be matched to listings"),
    "quantity": (("Quantity",), ""),
    "price": (("Sold for",), "no sale prices"),
    "date": (("Sale date",), ""),
    "shipped": (("Shipped on date", "Dispatched on date"), ""),
    "status": (("Order status", "Status"), ""),
}
_FOOTER = re.compile(r"^\s*(\d+\s*,?\s*record\(s\)\s+downloaded|seller id\b)", re.I)


def _order_key(row: list[str], i_rec: int | None, i_order: int | None) -> str:
    """The sales record number (an order's items repeat it), else the order number."""
    record = row[i_rec].strip() if i_rec is not None else ""
    return record or (row[i_order].strip() if i_order is not None else "")


def status_of(word: str, shipped: bool) -> str:
    s = word.strip().lower()
    if "cancel" in s:
        return STATUS_CANCELLED
    if "refund" in s:
        return STATUS_REFUNDED
    if shipped or any(w in s for w in ("shipped", "dispatched", "delivered", "completed")):
        return STATUS_FULFILLED
    return STATUS_OPEN


def read_orders(table: Table, channel: str, tz: tzinfo, default_currency: str | None) -> Part:
    part = Part("orders")
    col = missing_note(part, table.find, COLUMNS)
    i_rec, i_order, i_item, i_title, i_sku = col["record"], col["order"], col["item"], col["title"], col["sku"]
    i_qty, i_price, i_date, i_ship, i_status = col["quantity"], col["price"], col["date"], col["shipped"], col["status"]
    header, bad, currencies = table.header, part.bad_rows, part.currencies
    line_columns = [i for i in (i_item, i_title, i_sku) if i is not None] or [0]
    summaries = 0
    money: dict[str, tuple[float | None, str | None]] = {}  # a report repeats a handful of prices
    summary: dict[str, list[str]] = {}  # order -> its summary row
    inherited = {i for i in (i_date, i_ship, i_status, i_order) if i is not None}
    for row_number, row in table.rows:
        if not any(row[i].strip() for i in line_columns):
            if _FOOTER.match(row[0]) and not any(c.strip() for c in row[1:]):
                continue
            summaries += 1  # an order's summary row; its items follow (and may leave its cells to it)
            summary[_order_key(row, i_rec, i_order)] = row
            continue
        up = summary.get(_order_key(row, i_rec, i_order)) if summary else None
        if up is not None:
            row = [cell if cell.strip() or i not in inherited else up[i] for i, cell in enumerate(row)]
        at = i_date
        try:
            ts = parse_date(row[i_date], tz)
            if ts is None:
                raise CellError("the sale has no date")
            at = i_qty
            quantity = parse_int(row[i_qty])
            if quantity is None:
                raise CellError("the line has no quantity")
            at = i_price
            text = row[i_price] if i_price is not None else ""
            found = money.get(text)
            price, currency = found if found is not None else money.setdefault(text, parse_money(text))
        except CellError as exc:
            bad.append(BadRow(table.name, row_number, f"column '{header[at]}': {exc}"))
            continue
        currency = currency or default_currency
        if currency:
            currencies[currency] += 1
        shipped = i_ship is not None and bool(row[i_ship].strip())
        status = status_of(row[i_status] if i_status is not None else "", shipped)
        order_id = row[i_order].strip() or row[i_rec].strip()
        sku = row[i_sku] if i_sku is not None else ""
        part.lines.append(OrderLine(
            channel=channel, order_id=order_id, ts=float(ts), sku=sku, key=product_key(sku), quantity=quantity,
            unit_price=price, currency=currency, status=status,
            refunded_quantity=quantity if status == STATUS_REFUNDED else 0, restocked_quantity=None,
            day_only=not has_time_of_day(row[i_date]),  # Seller Hub writes "Sep-18-26": the day, not the time
        ))
    part.provides.add(CAP_ORDERS)
    part.details.append(f"{len(part.lines)} order lines")
    if summaries:
        part.details.append(f"{summaries} order summary rows passed over")
    return part

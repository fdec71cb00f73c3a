"""The All Orders report (flat file, FBA and seller-fulfilled orders): one row per order item, for velocity.

``item-price`` is the amount for the row's whole quantity, not a unit price (Seller Central
help: "aggregate of the quantity"), so the unit price is item-price / quantity. The item's own
``item-status`` is preferred to the order's ``order-status`` (one item of an order can be
cancelled). Continuation rows Amazon writes when an order's promotions do not fit on one row
carry no SKU and no quantity and are passed over. Lines whose ``sales-channel`` is
"Non-Amazon" are multi-channel fulfilment: sold on another channel (the shop) and only shipped
from Amazon's warehouse; they are that channel's sales, so they are passed over here rather than
counted twice. The report has no refund or restock columns
(``restocked_quantity`` stays None). The older seller-fulfilled Order Report (``order-id``,
``quantity-purchased``) has buyer names and addresses beside them: only the columns named
below are ever read.
"""

from __future__ import annotations

import re
from datetime import datetime, tzinfo

from ...model import CAP_ORDERS, STATUS_CANCELLED, STATUS_FULFILLED, STATUS_OPEN, STATUS_REFUNDED, BadRow, OrderLine
from ...skus import product_key
from ..cells import CellError, parse_int
from ..tabular import Table
from ..times import parse_time
from .listings import price_of
from .part import Part, missing_note

COLUMNS = {
    "order": (("amazon-order-id", "order-id"), ""),
    "date": (("purchase-date",), ""),
    "sku": (("sku", "seller-sku"), ""),
    "quantity": (("quantity", "quantity-purchased"), ""),
    "price": (("item-price",), "no sale prices"),
    "currency": (("currency",), ""),
    "item_status": (("item-status",), ""),
    "order_status": (("order-status",), ""),
    "sales_channel": (("sales-channel",), ""),
}
_FULFILLED = {"shipped", "complete", "completed", "delivered", "shipped - delivered to buyer",
              "shipped - returned to seller", "shipped - returning to seller", "shipped - out for delivery",
              "shipped - picked up", "shipped - rejected by buyer", "shipped - lost in transit",
              "shipped - damaged"}


def status_of(text: str) -> str:
    s = text.strip().lower()
    if s in ("cancelled", "canceled"):
        return STATUS_CANCELLED
    if s == "refunded":
        return STATUS_REFUNDED
    if s in _FULFILLED or s.startswith("shipped"):
        return STATUS_FULFILLED
    return STATUS_OPEN  # Pending, Unshipped, PartiallyShipped, Shipping, Pending - Waiting for Pick Up


_DOTTED = re.compile(r"^\s*\d{1,2}\.\d{1,2}\.\d{2,4}\b")


def date_format_of(text: str) -> str | None:
    """"%d.%m.%Y" for a date written with dots: the European marketplaces write the day first
    (Amazon.de's help on the order report shows purchase-date as 17.05.2011), so 05.06.2026 is
    5 June, never 6 May; None for any other spelling (read month first, or ISO)."""
    return "%d.%m.%Y" if _DOTTED.match(text) else None


def when(text: str, tz: tzinfo) -> float | None:
    """Amazon's ISO 8601 purchase dates by the fast path; anything else through parse_time."""
    try:
        dt = datetime.fromisoformat(text.strip())
    except ValueError:
        return parse_time(text, tz, date_format_of(text))
    return (dt if dt.tzinfo else dt.replace(tzinfo=tz)).timestamp()


def read_orders(table: Table, channel: str, tz: tzinfo) -> Part:
    part = Part("orders")
    col = missing_note(part, table.find, COLUMNS)
    header, lines, bad = table.header, part.lines, part.bad_rows
    i_order, i_date, i_sku, i_qty = col["order"], col["date"], col["sku"], col["quantity"]
    i_price, i_cur, i_item, i_status = col["price"], col["currency"], col["item_status"], col["order_status"]
    statuses: dict[str, str] = {}
    currencies = part.currencies
    continuation = elsewhere = 0
    i_sold_on = col["sales_channel"]
    for row_number, row in table.rows:
        sku, qty_text = row[i_sku], row[i_qty]
        if not sku.strip() and not qty_text.strip():
            continuation += 1
            continue
        if i_sold_on is not None and row[i_sold_on].strip().lower().startswith("non-amazon"):
            elsewhere += 1  # multi-channel fulfilment: sold on another channel, only shipped by FBA
            continue
        at = i_date
        try:
            ts = when(row[i_date], tz) if row[i_date].strip() else None
            if ts is None:
                raise CellError("the order has no date")
            at = i_qty
            quantity = parse_int(qty_text)
            if quantity is None:
                raise CellError("the line has no quantity")
            at = i_price
            total, symbol = price_of(row[i_price]) if i_price is not None else (None, None)
        except CellError as exc:
            bad.append(BadRow(table.name, row_number, f"column '{header[at]}': {exc}"))
            continue
        word = row[i_item] if i_item is not None and row[i_item].strip() else (
            row[i_status] if i_status is not None else "")
        status = statuses.get(word) or statuses.setdefault(word, status_of(word))
        currency = (row[i_cur].strip().upper() if i_cur is not None else "") or symbol
        if currency:
            currencies[currency] += 1
        unit = round(total / quantity, 4) if total is not None and quantity else None
        lines.append(OrderLine(
            channel=channel, order_id=row[i_order].strip(), ts=float(ts), sku=sku, key=product_key(sku),
            quantity=quantity, unit_price=unit, currency=currency or None, status=status,
            refunded_quantity=quantity if status == STATUS_REFUNDED else 0, restocked_quantity=None,
        ))
    part.provides.add(CAP_ORDERS)
    part.details.append(f"{len(lines)} order lines")
    if continuation:
        part.details.append(f"{continuation} continuation rows passed over")
    if elsewhere:
        part.details.append(f"{elsewhere} multi-channel fulfilment lines (sold elsewhere, shipped by FBA) "
                            "passed over")
    return part

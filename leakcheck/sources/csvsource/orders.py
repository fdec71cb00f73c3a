"""Order lines from a neutral CSV: one row per line (order, SKU, quantity, what happened to it).

Status words differ in every system ("paid", "shipped", "completed", "voided", "returned"), so
they are mapped onto the four the checks reason about (model.ORDER_STATUSES); a word we do not
know is a bad row rather than a guess. ``restocked_quantity`` is what RET001 needs: when it is
mapped, a blank cell means none went back to stock; when it is not, the source cannot say (None).
"""

from __future__ import annotations

from datetime import tzinfo

from ...model import (
    CAP_ORDERS, CAP_RESTOCKS, STATUS_CANCELLED, STATUS_FULFILLED, STATUS_OPEN, STATUS_REFUNDED, BadRow, OrderLine,
)
from ...skus import product_key
from ..cells import CellError, parse_int, parse_price
from ..tabular import Table
from ..times import has_time_of_day, parse_time
from .mapping import Columns, bad

_STATUS = {
    **dict.fromkeys(("paid", "pending", "unfulfilled", "open", "processing", "on hold", "authorized", "authorised",
                     "partially fulfilled", "partial", "new", "awaiting shipment", "unshipped", "not shipped",
                     "partially paid", "in progress"), STATUS_OPEN),
    **dict.fromkeys(("shipped", "fulfilled", "completed", "complete", "delivered", "dispatched", "closed",
                     "partially refunded"), STATUS_FULFILLED),
    **dict.fromkeys(("cancelled", "canceled", "voided", "void", "failed", "declined", "expired"), STATUS_CANCELLED),
    **dict.fromkeys(("refunded", "returned", "fully refunded"), STATUS_REFUNDED),
}


def parse_order_status(text: str) -> str:
    s = " ".join(text.strip().lower().replace("_", " ").replace("-", " ").split())
    if not s:
        return STATUS_FULFILLED
    if s in _STATUS:
        return _STATUS[s]
    raise CellError(f"{text.strip()!r} is not an order status we know (open, fulfilled, cancelled or refunded, "
                    f"or words like paid, shipped, completed, voided, returned)")


def capabilities(columns: dict[str, str]) -> set[str]:
    found = {CAP_ORDERS}
    if "restocked_quantity" in columns:
        found.add(CAP_RESTOCKS)
    return found


def reader(channel: str, decimal: str, tz: tzinfo, date_format: str | None, currency: str | None):
    """A reader for mapping.read_files that makes OrderLines from one table."""

    def read(table: Table, cols: Columns) -> tuple[list[OrderLine], list[BadRow]]:
        out: list[OrderLine] = []
        bad_rows: list[BadRow] = []
        at = cols.at
        i_time, i_order, i_sku, i_quantity = at("time"), at("order_id"), at("sku"), at("quantity")
        i_price, i_status, i_refunded, i_restocked = at("unit_price"), at("status"), at("refunded_quantity"), \
            at("restocked_quantity")
        for n, row in table.rows:
            field = "time"
            try:
                ts = parse_time(row[i_time], tz, date_format)
                if ts is None:
                    raise CellError("blank: the order has no date")
                field = "quantity"
                quantity = parse_int(row[i_quantity], decimal)
                if quantity is None:
                    raise CellError("blank: the line has no quantity")
                field = "unit_price"
                price, symbol = parse_price(row[i_price], decimal) if i_price is not None else (None, None)
                field = "status"
                status = parse_order_status(row[i_status]) if i_status is not None else STATUS_FULFILLED
                field = "refunded_quantity"
                refunded = parse_int(row[i_refunded], decimal) if i_refunded is not None else None
                field = "restocked_quantity"
                restocked = (parse_int(row[i_restocked], decimal) or 0) if i_restocked is not None else None
            except CellError as exc:
                bad_rows.append(bad(table, n, cols, field, exc))
                continue
            if refunded is None:
                refunded = quantity if status == STATUS_REFUNDED else 0
            sku = row[i_sku]
            out.append(OrderLine(
                channel=channel, order_id=row[i_order].strip() if i_order is not None else f"row {n}",
                ts=ts, sku=sku, key=product_key(sku), quantity=quantity, unit_price=price,
                currency=symbol or currency, status=status, refunded_quantity=refunded, restocked_quantity=restocked,
                day_only=not has_time_of_day(row[i_time]),
            ))
        return out, bad_rows

    return read

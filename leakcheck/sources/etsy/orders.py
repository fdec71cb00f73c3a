"""Etsy's sold order items CSV (Shop Manager > Settings > Options > Download Data > Order items).

One row per item sold: ``Sale Date`` (``09/18/26``, month first, the shop's local date),
``Quantity``, ``Price`` (the unit price; ``Item Total`` is price times quantity), ``Order ID``,
``SKU`` and ``Date Shipped`` (set: fulfilled; blank: open). The same file has the buyer's name
and shipping address (``Buyer``, ``Ship Name``, ``Ship Address1``...): they are never read, only
the columns below are touched. Refunds are not in this file.
"""

from __future__ import annotations

from datetime import tzinfo

from ...model import CAP_ORDERS, STATUS_FULFILLED, STATUS_OPEN, BadRow, OrderLine
from ...skus import product_key
from ..export_part import Part, missing_note
from ..cells import CellError, parse_int, parse_price
from ..tabular import Table
from ..times import has_time_of_day, parse_time

COLUMNS = {
    "date": (("Sale Date",), ""),
    "order": (("Order ID",), ""),
    "quantity": (("Quantity",), ""),
    "price": (("Price",), ""),
    "currency": (("Currency",), ""),
    "sku": (("SKU",), "no SKUs: sales cannot be matched to listings"),
    "shipped": (("Date Shipped",), ""),
}


def read_orders(table: Table, channel: str, tz: tzinfo) -> Part:
    part = Part("orders")
    col = missing_note(part, table.find, COLUMNS)
    i_date, i_order, i_qty, i_price = col["date"], col["order"], col["quantity"], col["price"]
    i_cur, i_sku, i_ship = col["currency"], col["sku"], col["shipped"]
    header, bad, currencies = table.header, part.bad_rows, part.currencies
    times: dict[str, float | None] = {}
    for row_number, row in table.rows:
        at = i_date
        try:
            text = row[i_date]
            ts = times[text] if text in times else times.setdefault(text, parse_time(text, tz))
            if ts is None:
                raise CellError("the sale has no date")
            at = i_qty
            quantity = parse_int(row[i_qty])
            if quantity is None:
                raise CellError("the line has no quantity")
            at = i_price
            price, symbol = parse_price(row[i_price])
        except CellError as exc:
            bad.append(BadRow(table.name, row_number, f"column '{header[at]}': {exc}"))
            continue
        currency = (row[i_cur].strip().upper() if i_cur is not None else "") or symbol
        if currency:
            currencies[currency] += 1
        shipped = i_ship is not None and bool(row[i_ship].strip())
        sku = row[i_sku] if i_sku is not None else ""
        part.lines.append(OrderLine(
            channel=channel, order_id=row[i_order].strip(), ts=float(ts), sku=sku, key=product_key(sku),
            quantity=quantity, unit_price=price, currency=currency or None,
            status=STATUS_FULFILLED if shipped else STATUS_OPEN, restocked_quantity=None,
            day_only=not has_time_of_day(row[i_date]),  # Etsy's "Sale Date" is 09/18/26: the day, not the time
        ))
    part.provides.add(CAP_ORDERS)
    part.details.append(f"{len(part.lines)} order lines")
    return part

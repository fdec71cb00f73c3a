"""The FBA Inventory Ledger report (detail view): dated changes to Amazon's warehouse stock.

Each row is one movement: ``Event Type`` (Shipments, CustomerReturns, Receipts, Adjustments,
WhseTransfers, VendorReturns), a signed ``Quantity`` and a ``Disposition``. Only SELLABLE rows
change what Amazon can sell, so rows of other dispositions are passed over (counted in the note).
The ledger names no application (Amazon's warehouse made every change), so each event is written
as ``writer="Amazon FBA"`` with the event type as its reason, and the channel does not claim to
say who writes stock. ``Date and Time`` (newer downloads) is preferred to the bare ``Date``;
times without a zone are read in the channel's timezone.
"""

from __future__ import annotations

from datetime import tzinfo

from ...model import CAP_EVENTS, WRITER_INTEGRATION, WRITER_ORDER, BadRow, StockEvent
from ...skus import product_key
from ..cells import CellError, parse_int
from ..tabular import Table
from ..times import parse_time
from .orders import date_format_of
from .part import Part, missing_note

WRITER = "Amazon FBA"
COLUMNS = {
    "when": (("date and time",), ""),
    "date": (("date",), ""),
    "sku": (("msku",), ""),
    "event": (("event type", "eventtype"), ""),
    "quantity": (("quantity",), ""),
    "disposition": (("disposition",), ""),
    "reason": (("reason",), ""),
}
_ORDERS = {"shipments", "customerreturns", "customer returns"}


def sellable(row: list[str], i_disp: int | None) -> bool:
    """Only sellable stock is the count a channel offers: damaged, defective or customer-damaged
    units sit in the same warehouse under another disposition (a blank one is taken as sellable)."""
    if i_disp is None:
        return True
    disposition = row[i_disp].strip().upper()
    return not disposition or disposition == "SELLABLE"


def read_ledger(table: Table, channel: str, tz: tzinfo) -> Part:
    part = Part("ledger")
    col = missing_note(part, table.find, COLUMNS)
    header, events, bad = table.header, part.events, part.bad_rows
    i_when = col["when"] if col["when"] is not None else col["date"]
    i_sku, i_event, i_qty = col["sku"], col["event"], col["quantity"]
    i_disp, i_reason = col["disposition"], col["reason"]
    times: dict[str, float | None] = {}  # a ledger repeats one date on many rows
    unsellable = 0
    for row_number, row in table.rows:
        if not sellable(row, i_disp):
            unsellable += 1
            continue
        at = i_when
        try:
            text = row[i_when]
            ts = times[text] if text in times else times.setdefault(text, parse_time(text, tz, date_format_of(text)))
            if ts is None:
                raise CellError("the movement has no date")
            at = i_qty
            change = parse_int(row[i_qty])
            if change is None:
                raise CellError("the movement has no quantity")
        except CellError as exc:
            bad.append(BadRow(table.name, row_number, f"column '{header[at]}': {exc}"))
            continue
        event = row[i_event].strip()
        reason = event
        if i_reason is not None and row[i_reason].strip():
            reason = f"{event} ({row[i_reason].strip()})"
        sku = row[i_sku]
        kind = WRITER_ORDER if event.lower() in _ORDERS else WRITER_INTEGRATION
        events.append(StockEvent(channel=channel, ts=float(ts), sku=sku, key=product_key(sku), change=change,
                                 writer=WRITER, writer_kind=kind, reason=reason))
    part.provides.add(CAP_EVENTS)
    part.details.append(f"{len(events)} stock movements")
    if unsellable:
        part.details.append(f"{unsellable} movements of unsellable stock passed over")
    return part

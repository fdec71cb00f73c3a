"""Stock events from a neutral CSV: the activity log a sync app or ERP exports.

The one reader of event rows, used by ``type: csv``'s ``events`` section and by every channel's
``history:`` (history.py): when a platform's own exports carry no history, this log is where the
SYN, WRT and RET checks get their evidence. Each row is a delta (``change``), an absolute set
(``quantity_after``) or both; who wrote it is kept as written, and its kind mapped onto
app / staff / order / integration when the log's words say so.
"""

from __future__ import annotations

from datetime import tzinfo

from ...model import (
    CAP_EVENTS, CAP_WRITERS, WRITER_APP, WRITER_INTEGRATION, WRITER_ORDER, WRITER_STAFF, BadRow, StockEvent,
)
from ...skus import product_key
from ..cells import CellError, parse_int
from ..tabular import Table
from ..times import parse_time
from .mapping import Columns, bad

_KINDS = {
    WRITER_APP: WRITER_APP, "application": WRITER_APP, "api": WRITER_APP, "bot": WRITER_APP, "script": WRITER_APP,
    WRITER_STAFF: WRITER_STAFF, "user": WRITER_STAFF, "admin": WRITER_STAFF, "manual": WRITER_STAFF,
    "person": WRITER_STAFF, "employee": WRITER_STAFF,
    WRITER_ORDER: WRITER_ORDER, "sale": WRITER_ORDER, "orders": WRITER_ORDER, "refund": WRITER_ORDER,
    "return": WRITER_ORDER,
    WRITER_INTEGRATION: WRITER_INTEGRATION, "sync": WRITER_INTEGRATION, "connector": WRITER_INTEGRATION,
    "channel": WRITER_INTEGRATION, "marketplace": WRITER_INTEGRATION,
}


def parse_writer_kind(text: str) -> str | None:
    """app / staff / order / integration from the log's own words; "" when blank, None when not known."""
    s = text.strip().lower()
    if not s:
        return ""
    return _KINDS.get(s)


def capabilities(columns: dict[str, str]) -> set[str]:
    found = {CAP_EVENTS}
    if "writer" in columns or "writer_kind" in columns:
        found.add(CAP_WRITERS)
    return found


def reader(channel: str, decimal: str, tz: tzinfo, date_format: str | None):
    """A reader for mapping.read_files that makes StockEvents from one table (none are dropped for age)."""

    def read(table: Table, cols: Columns) -> tuple[list[StockEvent], list[BadRow]]:
        out: list[StockEvent] = []
        bad_rows: list[BadRow] = []
        at = cols.at
        i_time, i_sku, i_location, i_change = at("time"), at("sku"), at("location"), at("change")
        i_after, i_writer, i_kind, i_reason = at("quantity_after"), at("writer"), at("writer_kind"), at("reason")
        unknown_kinds: dict[str, int] = {}
        for n, row in table.rows:
            field = "time"
            try:
                ts = parse_time(row[i_time], tz, date_format)
                if ts is None:
                    raise CellError("blank: the change has no time")
                field = "change"
                change = parse_int(row[i_change], decimal) if i_change is not None else None
                field = "quantity_after"
                after = parse_int(row[i_after], decimal) if i_after is not None else None
                if change is None and after is None:
                    field = "quantity_after" if i_after is not None else "change"
                    raise CellError("blank: the row says neither the change nor the quantity after it")
            except CellError as exc:
                bad_rows.append(bad(table, n, cols, field, exc))
                continue
            kind = parse_writer_kind(row[i_kind]) if i_kind is not None else ""
            if kind is None:
                unknown_kinds[row[i_kind].strip()] = unknown_kinds.get(row[i_kind].strip(), 0) + 1
                kind = ""
            sku = row[i_sku]
            out.append(StockEvent(
                channel=channel, ts=ts, sku=sku, key=product_key(sku),
                location=row[i_location].strip() if i_location is not None else "",
                change=change, quantity_after=after,
                writer=row[i_writer].strip() if i_writer is not None else "",
                writer_kind=kind, reason=row[i_reason].strip() if i_reason is not None else "",
            ))
        if unknown_kinds:
            words = ", ".join(repr(w) for w in list(unknown_kinds)[:5])
            table.notes.append(f"{table.name}: {sum(unknown_kinds.values())} rows name a writer kind we do not know "
                               f"({words}); read as unknown (kinds: app, staff, order, integration)")
        return out, bad_rows

    return read

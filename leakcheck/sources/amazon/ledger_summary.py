"""The FBA Inventory Ledger report, summary view (GET_LEDGER_SUMMARY_VIEW_DATA): balances per SKU and period.

Where the detailed view lists each movement, the summary view gives one row per date, SKU,
disposition and location: ``Starting Warehouse Balance``, the period's movements by kind
(``Receipts``, ``Customer Shipments``, ``Customer Returns``, ``Vendor Returns``, ``Warehouse
Transfer In/Out``, ``Found``, ``Lost``, ``Damaged``, ``Disposed``, ``Other Events``, ``Unknown
Events``) and ``Ending Warehouse Balance``. Amazon's help: starting balance + receipts - customer
orders + customer returns +/- adjustments - removals = ending balance.

What it gives: the sellable count in Amazon's warehouses at the end of each period, summed over
locations, as one StockEvent per SKU and period with ``quantity_after`` (the ending balance) and
``change`` (ending minus starting): the stock of a SKU over time, where a gap or a stock-out
shows. It is dated at the last second of its date in the channel's time zone (the balance is the
one at the end of that day). A weekly or monthly summary is dated by its Date column all the same:
the file does not say which day of the period Amazon wrote there, so its balances are in the
right order but may sit up to a period early.

What it cannot give, said in the coverage: times within the day and who made each change, so it
does not claim a stock-change history (the sync checks need the detailed view, whose rows are
single dated movements), and customer returns per order, so it cannot say which refunded order's
units went back to stock. Rows of other dispositions (damaged, defective...) are not stock
Amazon can sell and are passed over, counted in the note. In the SP-API download the headers are
written without spaces (``EndingWarehouseBalance``); both spellings are read.
"""

from __future__ import annotations

from datetime import datetime, timedelta, tzinfo

from ...model import WRITER_INTEGRATION, BadRow, StockEvent
from ...skus import product_key
from ..cells import CellError, parse_int
from ..tabular import Table
from ..times import parse_time
from .orders import date_format_of
from .ledger import sellable
from .part import Part, missing_note

WRITER = "Amazon FBA"
# the movement columns, as the summary names them (Seller Central download; the SP-API writes them unspaced)
MOVEMENTS = ("Receipts", "Customer Shipments", "Customer Returns", "Vendor Returns", "Warehouse Transfer In/Out",
             "Found", "Lost", "Damaged", "Disposed", "Other Events", "Unknown Events")


def _spellings(name: str) -> tuple[str, ...]:
    return (name, name.replace(" ", "")) if " " in name else (name,)


COLUMNS = {
    "date": (("Date",), ""),
    "sku": (("MSKU",), ""),
    "start": (_spellings("Starting Warehouse Balance"), ""),
    "end": (_spellings("Ending Warehouse Balance"), ""),
    "disposition": (("Disposition",), ""),
    "location": (("Location",), ""),
}


def read_ledger_summary(table: Table, channel: str, tz: tzinfo) -> Part:
    part = Part("ledger_summary")
    col = missing_note(part, table.find, COLUMNS)
    moves = [(name, table.find(*_spellings(name))) for name in MOVEMENTS]
    moves = [(name, i) for name, i in moves if i is not None]
    header, bad = table.header, part.bad_rows
    i_date, i_sku, i_start, i_end, i_disp = col["date"], col["sku"], col["start"], col["end"], col["disposition"]
    times: dict[str, float | None] = {}  # a summary repeats one date on every SKU's row...
    numbers: dict[str, int | None] = {}  # ...and the same few balances ("0", "12"): each text is read once
    # start of the date -> sku -> [starting, ending, {movement: units}], summed over locations: a summary
    # lists one day's SKUs together, so the day's table is looked up once a day, not once a row
    periods: dict[float, dict[str, list]] = {}
    last_day: float | None = None
    day_slots: dict[str, list] = {}
    dispositions: dict[str, bool] = {}  # disposition text -> sellable
    unsellable = returned = 0
    for row_number, row in table.rows:
        if i_disp is not None:
            text = row[i_disp]
            ok = dispositions.get(text)
            if ok is None:
                ok = dispositions[text] = sellable(row, i_disp)
            if not ok:
                unsellable += 1
                continue
        at = i_date
        try:
            text = row[i_date]
            start_of_day = times.get(text, False)
            if start_of_day is False:
                start_of_day = times[text] = parse_time(text, tz, date_format_of(text))
            if start_of_day is None:
                raise CellError("the balance has no date")
            at = i_end
            text = row[i_end]
            ending = numbers[text] if text in numbers else numbers.setdefault(text, parse_int(text))
            if ending is None:
                raise CellError("the period has no ending balance")
            at = i_start
            text = row[i_start]
            starting = (numbers[text] if text in numbers else numbers.setdefault(text, parse_int(text))) or 0
            counts = []
            for name, i in moves:
                cell = row[i]
                if cell and cell != "0":  # most movements of most days are 0: no need to parse them
                    at = i
                    n = numbers[cell] if cell in numbers else numbers.setdefault(cell, parse_int(cell))
                    counts.append((name, n or 0))
        except CellError as exc:
            bad.append(BadRow(table.name, row_number, f"column '{header[at]}': {exc}"))
            continue
        sku = row[i_sku]
        if start_of_day != last_day:
            last_day = start_of_day
            day_slots = periods.get(start_of_day) or periods.setdefault(start_of_day, {})
        slot = day_slots.get(sku)
        if slot is None:
            slot = day_slots[sku] = [0, 0, {}]
        slot[0] += starting
        slot[1] += ending
        for name, n in counts:
            if n:
                slot[2][name] = slot[2].get(name, 0) + n
                if name == "Customer Returns":
                    returned += n
    events = part.events
    for start_of_day in sorted(periods):  # in time order, each day's SKUs in code order (a sort of strings)
        slots = periods[start_of_day]
        end = end_of_day(start_of_day, tz)
        for sku in sorted(slots):
            starting, ending, counts = slots[sku]
            moved = ", ".join(f"{name} {n:+d}" for name, n in counts.items())
            events.append(StockEvent(
                channel=channel, ts=end, sku=sku, key=product_key(sku), change=ending - starting,
                quantity_after=ending, writer=WRITER, writer_kind=WRITER_INTEGRATION,
                reason=f"ledger summary: ending balance {ending}" + (f" ({moved})" if moved else ""),
            ))
    skus = len(set().union(*periods.values()))
    part.details.append(f"{len(events)} end-of-period balances of {skus} SKUs")
    if unsellable:
        part.details.append(f"{unsellable} rows of unsellable stock passed over")
    if returned:
        part.details.append(f"{returned} units of customer returns back in sellable stock, not matched to orders")
    return part


def end_of_day(start: float, tz: tzinfo) -> float:
    """The last second of the local day that begins at ``start`` (23 or 25 hours on a clock change)."""
    day = datetime.fromtimestamp(start, tz)
    return (day + timedelta(days=1)).replace(hour=0, minute=0, second=0, microsecond=0).timestamp() - 1


# what the summary view cannot give, for the channel's coverage notes
CANNOT = ("the Inventory Ledger summary view gives balances per day, not timed changes or who made them, "
          "so it is read as stock over time and the sync checks need the detailed view; its customer returns "
          "are per day, not per order, so it cannot say which refunds went back to stock")

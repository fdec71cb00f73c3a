"""The FBA Inventory Ledger's summary view: end-of-day sellable balances per SKU, as stock over time.

The fixture is in the layout of Seller Central's download (header order as Amazon's field list and
as open-source parsers of real files have it, quoted CSV, US dates), two locations for one SKU,
an unsellable row, and a row Amazon left without an ending balance.
"""

from __future__ import annotations

from datetime import datetime

from leakcheck.model import CAP_EVENTS
from leakcheck.sources.recognise import identify, recognise

from .test_reports import LEDGER, read

HEADER = ("Date", "FNSKU", "ASIN", "MSKU", "Title", "Disposition", "Starting Warehouse Balance",
          "In Transit Between Warehouses", "Receipts", "Customer Shipments", "Customer Returns", "Vendor Returns",
          "Warehouse Transfer In/Out", "Found", "Lost", "Damaged", "Disposed", "Other Events",
          "Ending Warehouse Balance", "Unknown Events", "Location")


def _row(*cells: object) -> str:
    return ",".join(f'"{c}"' for c in cells) + "\r\n"


SUMMARY = (
    _row(*HEADER)
    # date, fnsku, asin, msku, title, disposition, start, transit, receipts, shipments, returns, vendor,
    # transfers, found, lost, damaged, disposed, other, end, unknown, location
    + _row("09/14/2026", "X00ABC", "B060407973", "TEA-CADDY", "Tea Caddy", "SELLABLE", 5, 0, 10, -2, 0, 0, 0, 0, 0, 0,
           0, 0, 13, 0, "GB")
    + _row("09/14/2026", "X00ABC", "B060407973", "TEA-CADDY", "Tea Caddy", "SELLABLE", 2, 0, 0, -1, 0, 0, 0, 0, 0, 0,
           0, 0, 1, 0, "DE")
    + _row("09/14/2026", "X00ABC", "B060407973", "TEA-CADDY", "Tea Caddy", "CUSTOMER_DAMAGED", 0, 0, 0, 0, 1, 0, 0, 0,
           0, 0, 0, 0, 1, 0, "GB")
    + _row("09/15/2026", "X00ABC", "B060407973", "TEA-CADDY", "Tea Caddy", "SELLABLE", 13, 0, 0, -13, 1, 0, 0, 0, -1,
           0, 0, 0, 0, 0, "GB")
    + _row("09/15/2026", "X00ABD", "B060407975", "FBA-ONLY", "FBA only thing", "SELLABLE", 3, 0, 0, 0, 0, 0, 0, 0, 0,
           0, 0, 0, "", 0, "GB")
)


def test_recognised_on_sight_and_not_taken_for_the_detailed_view():
    assert identify(list(HEADER)).kind == "ledger_summary"
    unspaced = ["Date", "FNSKU", "ASIN", "MSKU", "Title", "Disposition", "StartingWarehouseBalance", "Receipts",
                "CustomerShipments", "EndingWarehouseBalance", "Location"]  # the SP-API's spelling
    assert identify(unspaced).kind == "ledger_summary"
    assert identify(LEDGER.splitlines()[0].replace('"', "").split(",")).kind == "ledger"


def test_end_of_day_balances_summed_over_locations(write, ctx):
    write("Inventory Ledger Summary.csv", SUMMARY)
    data = read(ctx, "Inventory Ledger Summary.csv")
    assert [(e.sku, e.quantity_after, e.change, e.writer, e.writer_kind) for e in data.events] == [
        ("TEA-CADDY", 14, 7, "Amazon FBA", "integration"),  # GB 13 + DE 1 at the end of 14 Sep
        ("TEA-CADDY", 0, -13, "Amazon FBA", "integration")]  # sold out on 15 Sep
    assert data.events[0].ts == 1789430399.0  # 2026-09-14 23:59:59 UTC, the end of the balance's day
    assert data.events[0].reason == "ledger summary: ending balance 14 (Receipts +10, Customer Shipments -3)"
    assert data.events[1].reason == ("ledger summary: ending balance 0 (Customer Shipments -13, Customer Returns +1, "
                                     "Lost -1)")
    assert [(b.row, b.why) for b in data.bad_rows] == [
        (6, "column 'Ending Warehouse Balance': the period has no ending balance")]
    assert CAP_EVENTS not in data.provides  # balances per day are not a timed change log
    note = next(n for n in data.notes if n.startswith("Inventory Ledger Summary.csv: read as"))
    assert note == ("Inventory Ledger Summary.csv: read as an Amazon FBA Inventory Ledger report (summary view) "
                    "(2 end-of-period balances of 1 SKUs, 1 rows of unsellable stock passed over, 1 units of customer "
                    "returns back in sellable stock, not matched to orders)")
    assert any("sync checks need the detailed view" in n and "which refunds went back to stock" in n
               for n in data.notes)


def test_beside_the_detailed_view_only_the_movements_are_kept(write, ctx):
    write("summary.csv", SUMMARY)
    write("detail.csv", LEDGER)
    data = read(ctx, "summary.csv", "detail.csv")
    assert [e.reason for e in data.events] == ["Receipts", "Shipments", "Adjustments (E)"]
    assert CAP_EVENTS in data.provides
    assert any("summary view's balances are not added on top" in n for n in data.notes)


def test_utf16_and_tab_separated_summary(write, ctx):
    tsv = SUMMARY.replace('","', "\t").replace('"', "")
    write("summary.txt", tsv.encode("utf-16"))
    data = read(ctx, "summary.txt")
    assert [e.quantity_after for e in data.events] == [14, 0]


def test_a_folder_with_the_summary_view_makes_one_amazon_channel(tmp_path):
    (tmp_path / "ledger-summary.csv").write_text(SUMMARY)
    result = recognise([tmp_path])
    assert [(r.platform, r.kind) for r in result.table] == [("Amazon", "FBA Inventory Ledger report (summary view)")]
    assert result.channels == {"amazon": {"type": "amazon", "files": [str(tmp_path / "ledger-summary.csv")]}}


def test_the_end_of_a_day_when_the_clocks_go_back(write, ctx):
    from zoneinfo import ZoneInfo

    from leakcheck.sources.amazon.ledger_summary import end_of_day

    london = ZoneInfo("Europe/London")
    start = datetime(2026, 10, 25, tzinfo=london).timestamp()  # a 25-hour day
    assert end_of_day(start, london) - start == 25 * 3600 - 1
    write("s.csv", SUMMARY)
    data = read(ctx, "s.csv", timezone="Europe/London")
    assert datetime.fromtimestamp(data.events[0].ts, london) == datetime(2026, 9, 14, 23, 59, 59, tzinfo=london)

"""`history:` on any channel: a neutral stock-change log added to what the channel read."""

from __future__ import annotations

from datetime import datetime, timezone

from leakcheck.model import CAP_EVENTS, CAP_STOCK, CAP_WRITERS, ChannelData
from leakcheck.sources.base import ReadContext, Section
from leakcheck.sources.csvsource import CsvChannel, CsvFiles
from leakcheck.sources.history import read_history

LOG = (
    "Date,SKU,New stock,Source\n"
    "2026-09-20 10:00,MUG-RED,5,Sync App\n"
    "2026-05-01 10:00,MUG-RED,9,Sync App\n"  # 142 days before the latest: older than the window, still read
    "2026-09-21 08:00,TEA,,Sam\n"
)
COLUMNS = {"time": "Date", "sku": "SKU", "quantity_after": "New stock", "writer": "Source"}


def utc(*args):
    return datetime(*args, tzinfo=timezone.utc).timestamp()


def channel() -> ChannelData:
    data = ChannelData(name="ebay", type="ebay", provides={CAP_STOCK}, history_days=3.0)
    return data


def test_history_appends_events_and_capabilities(write, tmp_path):
    write("logs/sync.csv", LOG)
    data = channel()
    ctx = ReadContext(base_dir=tmp_path, history_days=60, timezone="Europe/London")
    read_history(Section(files=["logs/sync.csv"], columns=COLUMNS), data, ctx)
    assert [(e.channel, e.ts, e.sku, e.key, e.quantity_after, e.writer) for e in data.events] == [
        ("ebay", utc(2026, 9, 20, 9), "MUG-RED", "mugred", 5, "Sync App"),
        ("ebay", utc(2026, 5, 1, 9), "MUG-RED", "mugred", 9, "Sync App"),
    ]
    assert [(b.file, b.row, b.why) for b in data.bad_rows] == [
        ("logs/sync.csv", 4, "column 'New stock': blank: the row says neither the change nor the quantity after it")]
    assert data.provides == {CAP_STOCK, CAP_EVENTS, CAP_WRITERS}
    assert data.history_days == 142.0
    assert data.not_read == []


def test_history_without_writer_column_gives_events_only(write, tmp_path):
    write("sync.csv", LOG)
    data = channel()
    read_history(Section(files=["sync.csv"], columns={"time": "Date", "sku": "SKU", "quantity_after": "New stock"}),
                 data, ReadContext(base_dir=tmp_path))
    assert CAP_EVENTS in data.provides and CAP_WRITERS not in data.provides


def test_history_section_options_set_the_time_zone(write, tmp_path):
    write("sync.csv", LOG)
    data = channel()
    section = Section(files=["sync.csv"], columns=COLUMNS, options={"timezone": "America/New_York"})
    read_history(section, data, ReadContext(base_dir=tmp_path, timezone="Europe/London"))
    assert data.events[0].ts == utc(2026, 9, 20, 14)


def test_history_faults_are_history_only(write, tmp_path):
    write("sync.csv", LOG)
    data = channel()
    ctx = ReadContext(base_dir=tmp_path)
    read_history(Section(files=["sync.csv", "gone.csv"], columns={**COLUMNS, "writer": "Changed by"}), data, ctx)
    assert [(n.what, n.lost_stock) for n in data.not_read] == [("sync.csv", False), ("gone.csv", False)]
    assert "'Changed by' (for writer) is not in this file" in data.not_read[0].why
    assert data.events == [] and data.provides == {CAP_STOCK} and data.history_days == 3.0

    data = channel()
    read_history(Section(files=["sync.csv"], columns={"sku": "SKU"}), data, ctx)
    assert data.not_read[0].what == "history log" and not data.not_read[0].lost_stock
    assert "history columns: 'time' must be given" in data.not_read[0].why


def test_history_and_the_csv_events_section_read_a_log_the_same_way(write, tmp_path):
    write("sync.csv", LOG)
    ctx = ReadContext(base_dir=tmp_path)
    data = channel()
    data.name = "wms"
    read_history(Section(files=["sync.csv"], columns=COLUMNS), data, ctx)
    csv_data = CsvFiles("wms", CsvChannel.model_validate(
        {"type": "csv", "events": {"files": ["sync.csv"], "columns": COLUMNS}}), ctx).read()
    assert csv_data.events == data.events
    assert csv_data.bad_rows == data.bad_rows

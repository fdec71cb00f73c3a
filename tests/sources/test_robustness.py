"""No input makes a reader throw: random bytes and cut-off exports give records, bad rows, NotRead or SourceError."""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from leakcheck.model import BadRow, ChannelData, Listing, NotRead, OrderLine, StockEvent
from leakcheck.sources.base import ReadContext, Section, SourceError
from leakcheck.sources.csvsource import CsvChannel, CsvFiles
from leakcheck.sources.history import read_history
from leakcheck.sources.recognise import recognise
from leakcheck.sources.shopify import ShopifyChannel, ShopifyFiles
from leakcheck.sources.tabular import open_table

from .conftest import SAMPLES
from .test_csvsource import WAREHOUSE
from .test_shopify_inventory_orders import INVENTORY, ORDERS

REAL = [
    (SAMPLES / "shopify" / "products_export_1.csv").read_bytes(),
    (SAMPLES / "shopify" / "product_template.csv").read_bytes(),
    ORDERS.encode(), INVENTORY.encode(), WAREHOUSE.encode(),
    b"When,Code,Delta,After,Who,Kind\n2026-09-01 10:00,MUG,-1,4,App,app\n01/13/2026,TEA,+2,,Sam,staff\n",
]
LISTING_MAP = {"sku": "Item No", "available": "Free Stock", "on_hand": "Physical", "price": "RRP",
               "policy": "Backorders", "components": "Kit", "status": "Live", "tracked": "Physical"}
EVENT_MAP = {"time": "When", "sku": "Code", "change": "Delta", "quantity_after": "After", "writer": "Who",
             "writer_kind": "Kind"}
ORDER_MAP = {"time": "When", "sku": "Code", "quantity": "Delta", "unit_price": "After", "status": "Kind",
             "restocked_quantity": "Who"}

cells = st.sampled_from(["", "1", "-2", "1,234", "abc", "£9.99", "2026-09-01 14:03:22 +0100", "13/13/2026", "yes",
                         "deny", "TEA:2; MUG:0", "Not stocked", '"', '""', "\n", "\r\n", ",", ";", "\t", "\x00",
                         "\ufeff", "é", "\x81", "9" * 30, "nan", "shipped", "MUG-RED", "Default Title"])
header_line = st.sampled_from([
    "Item No,Free Stock,Physical,RRP,Backorders,Kit,Live",
    "When,Code,Delta,After,Who,Kind",
    ORDERS.splitlines()[0], INVENTORY.splitlines()[0], REAL[0].decode().splitlines()[0],
])
generated = st.builds(
    lambda header, rows, sep, newline: (header + newline + newline.join(sep.join(r) for r in rows)).encode(
        "utf-8", "surrogatepass"),
    header_line, st.lists(st.lists(cells, max_size=12), max_size=8), st.sampled_from([",", ";", "\t"]),
    st.sampled_from(["\n", "\r\n", "\r"]),
)
cut_real = st.builds(
    lambda data, cut, flips: _mutate(data[:cut], flips),
    st.sampled_from(REAL), st.integers(0, 6000), st.lists(st.tuples(st.integers(0, 6000), st.integers(0, 255)),
                                                          max_size=4),
)
inputs = st.one_of(st.binary(max_size=600), generated, generated, cut_real, cut_real)


def _mutate(data: bytes, flips: list[tuple[int, int]]) -> bytes:
    out = bytearray(data)
    for at, value in flips:
        if out:
            out[at % len(out)] = value
    return bytes(out)


def _check(data: ChannelData) -> None:
    for listing in data.listings:
        assert isinstance(listing, Listing) and isinstance(listing.sku, str) and isinstance(listing.row, int)
    assert all(isinstance(e, StockEvent) and isinstance(e.ts, float) for e in data.events)
    assert all(isinstance(o, OrderLine) and isinstance(o.quantity, int) for o in data.orders)
    assert all(isinstance(b, BadRow) and b.row >= 1 and b.why for b in data.bad_rows)
    assert all(isinstance(n, NotRead) and n.why for n in data.not_read)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(inputs)
def test_open_table_yields_rows_or_raises_source_error(content):
    with tempfile.TemporaryDirectory() as d:
        path = Path(d) / "f.csv"
        path.write_bytes(content)
        try:
            with open_table(path) as table:
                width = len(table.header)
                for number, row in table.rows:
                    assert isinstance(number, int) and number > table.header_row - 1
                    assert len(row) >= width and all(isinstance(c, str) for c in row)
                assert all(isinstance(b, BadRow) for b in table.bad_rows)
        except SourceError as exc:
            assert exc.what == str(path) and exc.why


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(inputs)
def test_every_reader_gives_records_bad_rows_or_not_read(content):
    with tempfile.TemporaryDirectory() as d:
        (Path(d) / "f.csv").write_bytes(content)
        ctx = ReadContext(base_dir=Path(d), timezone="Europe/London")
        _check(ShopifyFiles("shop", ShopifyChannel(type="shopify", files=["f.csv"]), ctx).read())
        csv_cfg = CsvChannel.model_validate({
            "type": "csv", "options": {"date_format": "%d/%m/%Y"},
            "listings": {"files": ["f.csv"], "columns": LISTING_MAP},
            "events": {"files": ["f.csv"], "columns": EVENT_MAP},
            "orders": {"files": ["f.csv"], "columns": ORDER_MAP},
        })
        _check(CsvFiles("wms", csv_cfg, ctx).read())
        data = ChannelData(name="x", type="csv")
        read_history(Section(files=["f.csv"], columns=EVENT_MAP), data, ctx)
        _check(data)
        with recognise([Path(d)]) as result:
            assert len(result.table) + len(result.unknown) == 1

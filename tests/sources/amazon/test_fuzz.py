"""No report makes the Amazon reader throw: random bytes and mangled rows give records, bad rows or NotRead."""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from leakcheck.model import BadRow, Listing, NotRead, OrderLine, StockEvent
from leakcheck.sources.amazon import AmazonChannel, AmazonFiles
from leakcheck.sources.base import ReadContext

from ..conftest import SAMPLES
from .test_ledger_summary import SUMMARY
from .test_reports import ALL_LISTINGS, FBA, LEDGER, ORDERS
from .test_translated import GERMAN_ORDERS

REAL = [(SAMPLES / "amazon" / "Product_inventory_lowercase_example.csv").read_bytes(),
        ALL_LISTINGS.encode(), FBA.encode(), LEDGER.encode(), ORDERS.encode(), SUMMARY.encode(),
        GERMAN_ORDERS.encode("cp1252"), ALL_LISTINGS.encode("utf-16")]
HEADERS = [r.decode("utf-8", "replace").splitlines()[0] for r in REAL[:7]]
cells = st.sampled_from(["", "1", "-2", "1,234", "abc", "£9.99", "2026-09-01T14:03:22+01:00", "09/13/2026", "13.09.2026", "Yes",
                         "AMAZON_EU", "DEFAULT", "Inactive", "SELLABLE", "Shipped", "Cancelled", '"', "\n", "\t",
                         ",", "\x00", "\ufeff", "é", "9" * 40, "x" * 20_000, "nan", "inf", "1e309", "MUG-RED"])
generated = st.builds(
    lambda header, rows, sep, newline, enc: (header + newline + newline.join(sep.join(r) for r in rows)).encode(
        enc, "replace"),
    st.sampled_from(HEADERS), st.lists(st.lists(cells, max_size=30), max_size=8), st.sampled_from(["\t", ",", ";"]),
    st.sampled_from(["\n", "\r\n", "\r"]), st.sampled_from(["utf-8", "cp1252", "utf-16"]),
)
cut_real = st.builds(lambda data, cut, flips: _mutate(data[:cut], flips), st.sampled_from(REAL),
                     st.integers(0, 3000), st.lists(st.tuples(st.integers(0, 3000), st.integers(0, 255)), max_size=4))
inputs = st.one_of(st.binary(max_size=600), generated, generated, cut_real, cut_real)


def _mutate(data: bytes, flips: list[tuple[int, int]]) -> bytes:
    out = bytearray(data)
    for at, value in flips:
        if out:
            out[at % len(out)] = value
    return bytes(out)


@settings(max_examples=250, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(inputs, min_size=1, max_size=3))
def test_reader_never_throws(contents):
    with tempfile.TemporaryDirectory() as d:
        names = []
        for i, content in enumerate(contents):
            (Path(d) / f"r{i}.txt").write_bytes(content)
            names.append(f"r{i}.txt")
        data = AmazonFiles("amazon", AmazonChannel(type="amazon", files=names), ReadContext(base_dir=Path(d))).read()
    assert all(isinstance(x, Listing) and isinstance(x.sku, str) for x in data.listings)
    assert all(isinstance(x.available, (int, type(None))) for x in data.listings)
    assert all(isinstance(e, StockEvent) and isinstance(e.ts, float) for e in data.events)
    assert all(isinstance(o, OrderLine) and isinstance(o.quantity, int) for o in data.orders)
    assert all(isinstance(b, BadRow) and b.row >= 1 and b.why for b in data.bad_rows)
    assert all(isinstance(n, NotRead) and n.why for n in data.not_read)

"""What the fuzz tests of the multi-export readers (Amazon, eBay, Etsy) share: the inputs and the verdict.

Inputs: random bytes; files built from a real header and rows of nasty cells (a platform adds its
own), with any delimiter, line ending and encoding; and real files cut short with bytes flipped.
Verdict: whatever the input, the read gives well-formed records, bad rows with a row and a reason,
or a NotRead with a reason. Never an exception, never a hang.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import strategies as st

from leakcheck.model import BadRow, Listing, NotRead, OrderLine, StockEvent
from leakcheck.sources.base import ReadContext

COMMON_CELLS = ["", "1", "-2", "1,234", "abc", "£9.99", "2026-09-01T14:03:22+01:00", "09/13/2026", "Yes", '"', "\n",
                "\t", ",", "\x00", "\ufeff", "é", "9" * 40, "x" * 20_000, "nan", "inf", "1e309", "MUG-RED"]


def inputs(real: list[bytes], headers: list[str], cells: list[str]):
    """The strategy: one file's bytes."""
    cell = st.sampled_from(COMMON_CELLS + cells)
    generated = st.builds(
        lambda header, rows, sep, newline, enc: (header + newline + newline.join(sep.join(r) for r in rows)).encode(
            enc, "replace"),
        st.sampled_from(headers), st.lists(st.lists(cell, max_size=30), max_size=8), st.sampled_from(["\t", ",", ";"]),
        st.sampled_from(["\n", "\r\n", "\r"]), st.sampled_from(["utf-8", "cp1252", "utf-16"]),
    )
    cut_real = st.builds(lambda data, cut, flips: _mutate(data[:cut], flips), st.sampled_from(real),
                         st.integers(0, 3000), st.lists(st.tuples(st.integers(0, 3000), st.integers(0, 255)), max_size=4))
    return st.one_of(st.binary(max_size=600), generated, generated, cut_real, cut_real)


def _mutate(data: bytes, flips: list[tuple[int, int]]) -> bytes:
    out = bytearray(data)
    for at, value in flips:
        if out:
            out[at % len(out)] = value
    return bytes(out)


def read_all(source, channel_model, kind: str, contents: list[bytes], suffix: str = ".csv"):
    """Write the files to a fresh folder and read them as one channel of ``kind``."""
    with tempfile.TemporaryDirectory() as d:
        names = []
        for i, content in enumerate(contents):
            (Path(d) / f"r{i}{suffix}").write_bytes(content)
            names.append(f"r{i}{suffix}")
        return source(kind, channel_model(type=kind, files=names), ReadContext(base_dir=Path(d))).read()


def assert_well_formed(data) -> None:
    assert all(isinstance(x, Listing) and isinstance(x.sku, str) for x in data.listings)
    assert all(isinstance(x.available, (int, type(None))) for x in data.listings)
    assert all(isinstance(e, StockEvent) and isinstance(e.ts, float) for e in data.events)
    assert all(isinstance(o, OrderLine) and isinstance(o.quantity, int) for o in data.orders)
    assert all(isinstance(b, BadRow) and b.row >= 1 and b.why for b in data.bad_rows)
    assert all(isinstance(n, NotRead) and n.why for n in data.not_read)

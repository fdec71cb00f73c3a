"""No CSV makes the Etsy reader throw: random bytes and mangled rows give records, bad rows or NotRead."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from leakcheck.sources.etsy import EtsyChannel, EtsyFiles

from ..conftest import SAMPLES
from ..fuzzing import assert_well_formed, inputs, read_all
from .test_files import LISTINGS, ORDERS

REAL = [(SAMPLES / "etsy" / "EtsyListingsDownload.csv").read_bytes()[:8000], LISTINGS.encode(), ORDERS.encode(),
        ORDERS.encode("utf-16")]
HEADERS = [LISTINGS.splitlines()[0], ORDERS.splitlines()[0]]
CELLS = ["A,B,,C", "09/18/26", "13/45/26", "USD", "999"]


@settings(max_examples=250, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(inputs(REAL, HEADERS, CELLS), min_size=1, max_size=3))
def test_reader_never_throws(contents):
    assert_well_formed(read_all(EtsyFiles, EtsyChannel, "etsy", contents))

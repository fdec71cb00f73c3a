"""No report makes the Amazon reader throw: random bytes and mangled rows give records, bad rows or NotRead."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from leakcheck.sources.amazon import AmazonChannel, AmazonFiles

from ..conftest import SAMPLES
from ..fuzzing import assert_well_formed, inputs, read_all
from .test_ledger_summary import SUMMARY
from .test_reports import ALL_LISTINGS, FBA, LEDGER, ORDERS
from .test_translated import GERMAN_ORDERS

REAL = [(SAMPLES / "amazon" / "Product_inventory_lowercase_example.csv").read_bytes(),
        ALL_LISTINGS.encode(), FBA.encode(), LEDGER.encode(), ORDERS.encode(), SUMMARY.encode(),
        GERMAN_ORDERS.encode("cp1252"), ALL_LISTINGS.encode("utf-16")]
HEADERS = [r.decode("utf-8", "replace").splitlines()[0] for r in REAL[:7]]
CELLS = ["13.09.2026", "AMAZON_EU", "DEFAULT", "Inactive", "SELLABLE", "Shipped", "Cancelled"]


@settings(max_examples=250, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(inputs(REAL, HEADERS, CELLS), min_size=1, max_size=3))
def test_reader_never_throws(contents):
    assert_well_formed(read_all(AmazonFiles, AmazonChannel, "amazon", contents, suffix=".txt"))

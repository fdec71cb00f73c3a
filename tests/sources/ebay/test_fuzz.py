"""No report makes the eBay reader throw: random bytes and mangled rows give records, bad rows or NotRead."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from leakcheck.sources.ebay import EbayChannel, EbayFiles

from ..fuzzing import assert_well_formed, inputs, read_all
from .test_reports import LISTINGS, ORDERS

REAL = [LISTINGS.encode(), ORDERS.encode(), ORDERS.encode("utf-16"), LISTINGS.encode("cp1252", "replace")]
HEADERS = [LISTINGS.splitlines()[0], ORDERS.splitlines()[1]]
CELLS = ["Sep-18-26", "31-Feb-26", "AU $3,000.00", "EUR 90,00", "Colour:Red", "2 record(s) downloaded"]


@settings(max_examples=250, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(inputs(REAL, HEADERS, CELLS), min_size=1, max_size=3))
def test_reader_never_throws(contents):
    assert_well_formed(read_all(EbayFiles, EbayChannel, "ebay", contents))

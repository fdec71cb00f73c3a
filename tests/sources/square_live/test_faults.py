"""Every fault the emulators can inject ends as a recovered read or a NotRead naming what was lost, never a traceback.

Passing faults (a few bad answers) must be recovered: the transport retries 429/5xx, timeouts, cut
and reset connections; the source asks again (three times in all) for a garbled body. Faults that last
cost only the read they hit, marked lost stock (counts, catalogue) or lost history (changes,
orders). A token revoked mid-scan loses what follows, in words naming the token.
"""

from __future__ import annotations

import time

import pytest

from tests.emulators.base import FAULT_KINDS
from tests.emulators.square import SquareEmulator

from .conftest import fast, read, source
from .test_parity import events, listings, orders

PATHS = {
    "catalog": "/v2/catalog/search",
    "counts": "/v2/inventory/counts/batch-retrieve",
    "changes": "/v2/inventory/changes/batch-retrieve",
    "orders": "/v2/orders/search",
}


DAYS = 5  # a short window keeps these reads at a few dozen small pages each


@pytest.fixture(scope="module")
def faulty(world):
    with SquareEmulator(world, requests_per_second=None, page_limit=8, stall_seconds=0.2) as e:
        yield e


@pytest.fixture(scope="module")
def baseline(faulty, world):
    return read(faulty, world, history_days=DAYS)


def same(a, b) -> bool:
    return (listings(a.listings, False) == listings(b.listings, False) and events(a.events, False) ==
            events(b.events, False) and orders(a.orders, False) == orders(b.orders, False))


@pytest.mark.parametrize("kind", [k for k in FAULT_KINDS if k != "revoke"])
@pytest.mark.parametrize("where", ["catalog", "counts", "changes", "orders"])
def test_a_passing_fault_is_recovered(faulty, world, baseline, kind, where):
    faulty.faults.clear()
    faulty.faults.add(kind, count=2, path=PATHS[where], after=1, retry_after=0.01 if kind in ("429", "503") else None)
    try:
        data = read(faulty, world, history_days=DAYS, timeout_seconds=0.1)
    finally:
        hits = dict(faulty.faults.hits)
        faulty.faults.clear()
    assert hits.get(kind) == 2  # the fault really happened, twice, on the second page
    assert data.not_read == [], data.not_read
    assert same(data, baseline)


@pytest.mark.parametrize("where,lost_stock", [("catalog", True), ("counts", True), ("changes", False),
                                              ("orders", False)])
@pytest.mark.parametrize("kind", ["500", "malformed", "truncate"])
def test_a_lasting_fault_costs_only_its_read(faulty, world, baseline, where, lost_stock, kind):
    faulty.faults.clear()
    faulty.faults.add(kind, count=-1, path=PATHS[where])
    try:
        data = read(faulty, world, history_days=DAYS)
    finally:
        faulty.faults.clear()
    assert [(n.lost_stock, n.what) for n in data.not_read] == [(lost_stock, n.what) for n in data.not_read]
    assert len(data.not_read) == 1
    why = data.not_read[0].why
    assert why and "Traceback" not in why
    if where == "catalog":  # nothing to attach stock or history to
        assert data.listings == [] and data.events == [] and data.orders == []
    elif where == "counts":
        assert data.listings and all(x.available is None for x in data.listings)
        assert "stock" not in data.provides and same_history(data, baseline)
    elif where == "changes":
        assert data.events == [] and "events" not in data.provides and "restocks" not in data.provides
        assert all(o.restocked_quantity is None for o in data.orders) and len(data.orders) == len(baseline.orders)
    else:
        assert data.orders == [] and "orders" not in data.provides
        assert events(data.events, False) == events(baseline.events, False)


def same_history(a, b) -> bool:
    return events(a.events, False) == events(b.events, False) and orders(a.orders, False) == orders(b.orders, False)


def test_a_token_revoked_mid_scan_loses_what_follows(faulty, world):
    faulty.faults.clear()
    faulty.revoked = False
    faulty.faults.add("revoke", path=PATHS["changes"], after=1)
    try:
        data = read(faulty, world, history_days=DAYS)
    finally:
        faulty.faults.clear()
        faulty.revoked = False
    assert data.listings and all(x.available is not None for x in data.listings)  # stock was read before
    whats = [(n.what, n.lost_stock) for n in data.not_read]
    assert whats == [("stock-change history", False), ("orders", False)]
    for n in data.not_read:
        assert "was revoked" in n.why and "`token:`" in n.why


def test_a_storm_of_429s_is_waited_out_and_a_rate_limited_client_recovers(world):
    with SquareEmulator(world, requests_per_second=100, burst=3, page_limit=20) as emu:
        src = fast(source(emu, world))
        src.api.transport.backoff_base, src.api.transport.backoff_cap = 0.02, 0.05
        src.ctx.history_days = DAYS
        data = src.read()
        assert data.not_read == [] and emu.throttled > 0  # it went too fast, was told so, and waited
        throttled = emu.throttled
        time.sleep(0.04)  # let the bucket the first read emptied fill up again
        paced = read(emu, world, history_days=DAYS, requests_per_second=40)
        assert paced.not_read == [] and emu.throttled == throttled  # paced client-side: never throttled
    assert same(data, paced)


def test_an_unreachable_square_is_one_clear_line(world):
    data = read({"type": "square", "token": "tok-unreachable-123", "base_url": "http://127.0.0.1:9"}, world,
                timeout_seconds=0.5)
    assert data.listings == [] and len(data.not_read) == 1 and data.not_read[0].lost_stock
    assert data.not_read[0].why == "nothing is listening at 127.0.0.1:9 (connection refused; is the address right?)"

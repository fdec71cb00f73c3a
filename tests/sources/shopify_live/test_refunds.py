"""Refund lines, read cheaply and early: placed on their lines without asking for line items when the
order says where they go, asked again with line items when it cannot, read beside the bulk
operations without taking the bucket from the stock, and counted honestly by the emulator's stats."""

from __future__ import annotations

import threading
import time
from collections import Counter

import pytest

from leakcheck.sources.base import LiveOptions
from leakcheck.sources.shopify import orders_live, parse_live, refunds_live
from leakcheck.transport import Budget

from .conftest import read, source
from .test_parity import assert_same_as_world


def _lines(*pairs):
    return [{"id": f"L{i}", "quantity": q, "currentQuantity": c} for i, (q, c) in enumerate(pairs)]


def _refund(*lines, named=False):
    return {"id": "R", "lines": [{"quantity": q, "restockType": kind, **({"lineItem": {"id": lid}} if named else {})}
                                 for lid, q, kind in lines]}


# --- placing refund lines -------------------------------------------------------------------------
def test_one_line_that_lost_units_takes_every_refund_line():
    lines = _lines((3, 3), (2, 0))
    got = parse_live.attribute(lines, [_refund(("?", 1, "RETURN"), ("?", 1, "NO_RESTOCK"))])
    assert got == {"L1": (2, 1)}


def test_several_lines_that_restock_alike_are_placed_by_what_each_lost():
    lines = _lines((3, 1), (2, 0), (1, 1))
    assert parse_live.attribute(lines, [_refund(("?", 2, "RETURN"), ("?", 2, "CANCEL"))]) == {"L0": (2, 2), "L1": (2, 2)}
    assert parse_live.attribute(lines, [_refund(("?", 4, "NO_RESTOCK"))]) == {"L0": (2, 0), "L1": (2, 0)}


def test_mixed_restocks_over_several_lines_cannot_be_placed():
    lines = _lines((3, 1), (2, 0))
    assert parse_live.attribute(lines, [_refund(("?", 2, "RETURN"), ("?", 2, "NO_RESTOCK"))]) is None
    # units removed without a refund (an order edit) make the totals disagree: not placed either
    assert parse_live.attribute(lines, [_refund(("?", 3, "RETURN"))]) is None


def test_named_line_items_are_used_as_they_are():
    lines = _lines((3, 1), (2, 0))
    refund = _refund(("L0", 2, "RETURN"), ("L1", 2, "NO_RESTOCK"), named=True)
    assert parse_live.attribute(lines, [refund]) == {"L0": (2, 2), "L1": (2, 0)}


def test_an_order_without_refund_lines_refunded_nothing():
    assert parse_live.attribute(_lines((2, 2)), []) == {}


# --- against the emulator ---------------------------------------------------------------------------
def _multi_line_refund(emu):
    """A refunded order of the emulator whose refund covers two or more lines."""
    for order in emu.store.orders:
        for refund in order["_refunds"]:
            if len({id(rl["lineItem"]) for rl in refund["_lines"]}) >= 2:
                return order, refund
    raise AssertionError("no multi-line refund in this world")


def test_mixed_restocks_are_asked_again_with_their_line_items(emulator, big_world):
    emu = emulator(big_world)
    order, refund = _multi_line_refund(emu)
    first = refund["_lines"][0]  # this line's units were refunded but not put back
    first["restockType"], first["restocked"] = "NO_RESTOCK", False
    data = read(emu)
    assert not data.not_read
    names = [n for _, _, n in emu.log]
    assert names.count("RefundsByLine") == 1 and names.index("RefundsByLine") > names.index("Refunds")
    mine = {x.sku: x for x in data.orders if x.order_id == order["name"]}
    truth = {rl["lineItem"]["sku"]: (rl["quantity"] if rl["restockType"] != "NO_RESTOCK" else 0)
             for rl in refund["_lines"]}
    assert {sku: x.restocked_quantity for sku, x in mine.items()} == truth
    assert mine[first["lineItem"]["sku"]].refunded_quantity == first["quantity"]


def test_a_refund_the_early_hint_misses_is_read_from_the_orders_file(emulator, big_world):
    emu = emulator(big_world)
    order, refund = _multi_line_refund(emu)
    order["displayFinancialStatus"], order["cancelledAt"] = "PAID", None  # the filter cannot see it now
    data = read(emu)
    assert not data.not_read and any("read while Shopify prepared the files" in n for n in data.notes)
    world_order = next(o for o in big_world.channels["shop"].orders if o.order_id == order["name"])
    got = Counter((x.sku, x.refunded_quantity, x.restocked_quantity) for x in data.orders if x.order_id == order["name"])
    assert got == Counter((x.sku, x.refunded, x.restocked or 0) for x in world_order.lines)
    # read after the orders' file: the last refund batch comes after the last bulk file download
    paths = [p for _, p, _ in emu.log]
    names = [n for _, _, n in emu.log]
    last_file = max(i for i, p in enumerate(paths) if p.startswith("/bulk-results/"))
    assert max(i for i, n in enumerate(names) if n == "Refunds") > last_file


def test_refunds_wait_while_the_catalogue_is_paged(emulator, world, monkeypatch):
    monkeypatch.setattr(orders_live, "ORDERS_BULK_THRESHOLD", 10)  # orders in bulk, 40 variants paged
    emu = emulator()
    data = read(emu)
    assert_same_as_world(data, world)
    names = [n for _, _, n in emu.log]
    last_page = max(i for i, n in enumerate(names) if n == "Variants")
    assert "Refunds" in names and names.index("Refunds") > last_page


def test_a_budget_cut_while_the_orders_file_is_prepared_loses_history_only(emulator, big_world):
    emu = emulator(big_world, bulk_rows_per_second=1500.0)  # catalogue 0.5 s of Shopify's work, orders 2.4 s
    src = source(emu, live=LiveOptions(budget=Budget(1.5)))  # room for the stock on a busy machine, not the orders
    data = src.read()
    assert data.listings and not any(n.lost_stock for n in data.not_read)
    assert [n.what for n in data.not_read] == ["orders"] and "budget" in data.not_read[0].why
    early = src._orders.early
    assert early is not None and not early._thread.is_alive()  # the refund reads were stopped with the read


def test_refund_reads_cut_short_keep_the_newest_refunds_read(emulator, world, monkeypatch):
    """A fault (or the budget) ends the refund reads part way: what was read is kept, newest orders
    first, and the coverage counts the refunds whose lines are missing; their orders' restocks are unknown."""
    monkeypatch.setattr(refunds_live, "TARGET_POINTS", 1)  # one refund a query...
    monkeypatch.setattr(refunds_live, "REFUND_THREADS", 1)  # ...one query at a time
    emu = emulator()
    emu.faults.add("500", count=-1, path="#Refunds", after=3)  # three refunds read, then Shopify fails for good
    data = read(emu)
    (miss,) = data.not_read
    assert miss.what == "refunds" and not miss.lost_stock and "HTTP 500" in miss.why
    wanted = int(miss.why.split(" of ")[2].split(" refunds")[0])
    assert f"the lines of {wanted - 3:,} of {wanted:,} refunds were not read" in miss.why
    assert "restocks" in data.provides
    refunded = [o for o in data.orders if o.refunded_quantity]
    known = [o for o in refunded if o.restocked_quantity is not None]
    unknown = [o for o in refunded if o.restocked_quantity is None]
    assert known and unknown
    assert min(o.ts for o in known) >= max(o.ts for o in unknown)  # the newest were read first


def test_bulk_files_prepared_in_a_child_process_are_the_same(emulator, big_world):
    """Big stores' bulk files are prepared in a forked process: the same bytes, the same records."""
    here, child = emulator(big_world, bulk_in_child=False), emulator(big_world, bulk_in_child=True)
    a, b = read(here), read(child)
    assert not a.not_read and not b.not_read
    assert a.listings == b.listings and a.orders == b.orders
    ops = lambda emu: [(o.query, o.rows, o.roots, o.content) for o in sorted(emu._ops.values(), key=lambda o: o.number)]
    assert ops(here) == ops(child) and all(rows for _, rows, _, _ in ops(child))


def test_stats_count_what_was_charged_and_the_floor_for_any_client(emulator, big_world):
    emu = emulator(big_world, restore_rate=100.0, maximum=2000.0)
    src = source(emu)
    data = src.read()
    assert not data.not_read
    st = emu.stats()
    # the client's sum of actualQueryCost is the emulator's: the bucket charges the actual cost
    assert st["points_charged"] == src.api.transport.limit.points_used > 0
    assert st["throttled"] == src.api.transport.limit.throttled == 0
    since = emu.store.as_of - 60 * 86400  # the window's refunds: every one of them has lines
    refunds = {r["id"]: len(r["_lines"]) for o in emu.store.orders if o["_ts"] >= since for r in o["_refunds"]}
    assert st["refunds_read"] == len(refunds) and st["refund_points"] == sum(3 + k for k in refunds.values())
    jobs = st["bulk_operations"]
    assert [j["query"] for j in jobs] == ["orders", "productVariants", "orders"]
    assert all(j["job_seconds"] == pytest.approx(j["rows"] / emu.rows_per_second, abs=0.03) for j in jobs)
    points_floor = max(0.0, st["refund_points"] - 2000.0) / 100.0
    bulk_floor = max(min(j["job_seconds"], max(0.0, j["rows"] - 2000.0) / 100.0) for j in jobs)
    assert st["floor_seconds"] == pytest.approx(max(points_floor, bulk_floor), abs=0.002)


def test_stats_floor_counts_refund_lines_beyond_the_burst_at_the_restore_rate(big_world):
    from tests.emulators.shopify import ShopifyEmulator

    emu = ShopifyEmulator(big_world, restore_rate=10.0, maximum=100.0)  # not started: the formula alone
    emu.store.refund_lines_read.update({"a": 1, "b": 2, "c": 0, **{f"r{i}": 1 for i in range(40)}})
    st = emu.stats()
    assert st["refund_points"] == (3 + 1) + (3 + 2) + 40 * (3 + 1)  # a refund without lines costs nothing
    assert st["floor_seconds"] == pytest.approx((st["refund_points"] - 100) / 10)
    assert st["bulk_operations"] == [] and st["points_charged"] == 0


# --- the gate -------------------------------------------------------------------------------------
def _Bucket(available, rate=100.0, maximum=2000.0):  # noqa: N802 - reads like the class it makes
    """The transport's own bucket, told by one answer how full it is."""
    from leakcheck.transport import ShopifyCostBucket

    bucket = ShopifyCostBucket()
    bucket.after(200, {"extensions": {"cost": {"throttleStatus": {
        "maximumAvailable": maximum, "currentlyAvailable": available, "restoreRate": rate}}}}, None)
    return bucket


def test_gate_leaves_a_reserve_for_the_stock_phase_and_opens_after_it():
    stop = threading.Event()
    gate = refunds_live.Gate(_Bucket(available=1000.0), replaying=False)
    started = time.monotonic()
    gate.wait(500, stop)  # room enough: at once
    assert time.monotonic() - started < 0.05
    gate.limit.available, gate.limit.at = 0.0, time.monotonic()
    threading.Timer(0.05, gate.stock_done).start()
    gate.wait(500, stop)  # no room, but the stock phase ends: go
    assert 0.04 < time.monotonic() - started < 0.2


def test_gate_holds_refunds_while_the_catalogue_is_paged_and_a_cancel_ends_them():
    stop = threading.Event()
    gate = refunds_live.Gate(_Bucket(available=2000.0), replaying=False)
    gate.stock_paged()
    threading.Timer(0.05, stop.set).start()
    with pytest.raises(refunds_live.Cancelled):
        gate.wait(10, stop)  # a full bucket does not matter while the catalogue is paged


# --- the emulator's search syntax ---------------------------------------------------------------------
def test_search_understands_or_and_parentheses(emulator, big_world):
    from tests.emulators.shopify.graph import filtered
    from tests.emulators.shopify.resolvers import ORDER_SEARCH

    emu = emulator(big_world)
    orders = emu.store.orders
    both = filtered(orders, "test:false AND (financial_status:refunded OR status:cancelled)", ORDER_SEARCH)
    refunded = filtered(orders, "financial_status:refunded", ORDER_SEARCH)
    cancelled = filtered(orders, "status:cancelled", ORDER_SEARCH)
    assert refunded and cancelled and len(both) == len(refunded) + len(cancelled)
    assert all(o["displayFinancialStatus"] == "REFUNDED" or o["cancelledAt"] for o in both)
    assert filtered(orders, "financial_status:refunded status:cancelled", ORDER_SEARCH) == []  # implied AND
    from graphql import GraphQLError

    with pytest.raises(GraphQLError, match="not supported"):
        filtered(orders, "(financial_status:refunded", ORDER_SEARCH)
    with pytest.raises(GraphQLError, match="not supported"):
        filtered(orders, "fulfillment_status:shipped", ORDER_SEARCH)

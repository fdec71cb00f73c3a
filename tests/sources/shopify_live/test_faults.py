"""Every fault kind the emulator can inject is either recovered (the same data as a clean read) or a
NotRead naming what was not read, stock or history, in words; never a traceback."""

from __future__ import annotations

import pytest

from leakcheck.sources.shopify import catalog, orders_live

from .conftest import read, source

GRAPHQL = "graphql.json"
BULK_FILE = "/bulk-results/"


def _same(data, reference):
    assert not data.not_read, data.not_read
    assert sorted((x.sku, x.location, x.available) for x in data.listings) == \
        sorted((x.sku, x.location, x.available) for x in reference.listings)
    assert sorted((x.order_id, x.sku, x.quantity, x.restocked_quantity) for x in data.orders) == \
        sorted((x.order_id, x.sku, x.quantity, x.restocked_quantity) for x in reference.orders)


@pytest.fixture
def reference(emulator):
    return read(emulator())


@pytest.mark.parametrize("kind", ["429", "throttle", "500", "502", "503", "truncate", "malformed", "reset"])
def test_one_fault_mid_scan_is_recovered(emulator, reference, kind):
    emu = emulator()
    emu.faults.add(kind, count=1, path=GRAPHQL, after=2, retry_after=0.01)  # hits the first page of variants
    data = read(emu)
    _same(data, reference)
    assert emu.faults.hits == {kind: 1}


def test_a_stall_past_the_timeout_is_retried(emulator, reference):
    emu = emulator(stall_seconds=0.3)
    emu.faults.add("timeout", count=1, path=GRAPHQL, after=2)
    _same(read(emu, timeout_seconds=0.1), reference)


def test_a_platform_down_for_good_loses_the_stock_in_words(emulator):
    emu = emulator()
    emu.faults.add("503", count=-1, path=GRAPHQL)
    data = read(emu)
    (miss,) = data.not_read
    assert miss.lost_stock and miss.what == "shop, locations and variant count"
    assert "HTTP 503" in miss.why and "on all 5 attempts" in miss.why
    assert not data.listings and not data.orders


def test_orders_lost_after_the_stock_is_history_lost(emulator, reference):
    emu = emulator()
    emu.faults.add("500", count=-1, path=GRAPHQL, after=3)  # Overview, OrdersCount, Variants pass
    data = read(emu)
    (miss,) = data.not_read
    assert miss.what == "orders" and not miss.lost_stock and "HTTP 500" in miss.why
    assert len(data.listings) == len(reference.listings) and not data.orders


def test_a_token_revoked_mid_scan_is_named(emulator):
    emu = emulator()
    emu.faults.add("revoke", count=1, path=GRAPHQL, after=3)
    data = read(emu)
    (miss,) = data.not_read
    assert miss.what == "orders" and not miss.lost_stock
    assert miss.why.startswith("the access token (token:) was refused (HTTP 401")
    assert "uninstalled" in miss.why and data.listings


def test_a_body_malformed_every_time_is_a_bad_response(emulator):
    emu = emulator()
    emu.faults.add("malformed", count=-1, path=GRAPHQL)
    (miss,) = read(emu).not_read
    assert miss.lost_stock and "not valid JSON" in miss.why


@pytest.fixture
def bulk_paths(monkeypatch):
    monkeypatch.setattr(catalog, "BULK_THRESHOLD", 10)
    monkeypatch.setattr(orders_live, "ORDERS_BULK_THRESHOLD", 10)


@pytest.mark.parametrize("kind", ["truncate", "malformed", "500", "reset"])
def test_bulk_file_faults_are_recovered(emulator, reference, bulk_paths, kind):
    emu = emulator()
    emu.faults.add(kind, count=1, path=BULK_FILE)
    _same(read(emu), reference)
    assert emu.faults.hits == {kind: 1}


def test_a_bulk_file_garbled_every_time_loses_that_read(emulator, bulk_paths):
    emu = emulator()
    emu.faults.add("malformed", count=-1, path=BULK_FILE)
    data = read(emu)
    stock, orders = data.not_read
    assert stock.what == "variants and stock levels" and stock.lost_stock and "bulk file" in stock.why
    assert orders.what == "orders" and not orders.lost_stock and "bulk file" in orders.why


def test_a_failed_bulk_operation_falls_back_to_pages(emulator, reference, bulk_paths):
    emu = emulator(bulk_failure="INTERNAL_SERVER_ERROR")
    data = read(emu)
    _same(data, reference)
    assert any("ended FAILED (INTERNAL_SERVER_ERROR); the catalogue was paged instead" in n for n in data.notes)
    assert any("the orders were paged instead" in n for n in data.notes)


def test_a_small_bucket_is_waited_for_not_failed(emulator, reference):
    emu = emulator(restore_rate=5_000.0, maximum=1000.0)  # 1000-point pages cost ~0.05 s each
    src = source(emu)
    data = src.read()
    _same(data, reference)
    stats = src.api.transport.stats
    assert stats.waited_seconds > 0 and stats.retries == 0


def test_budget_cut_during_a_bulk_operation_is_named(emulator, bulk_paths):
    from leakcheck.sources.base import LiveOptions
    from leakcheck.transport import Budget

    emu = emulator(bulk_rows_per_second=50.0)  # a few seconds of Shopify-side work
    data = read(emu, live=LiveOptions(budget=Budget(0.3)))
    miss = next(n for n in data.not_read if n.what == "variants and stock levels")
    assert miss.lost_stock and "budget" in miss.why and "preparing the bulk file" in miss.why


def test_a_rerun_after_a_budget_cut_picks_up_the_bulk_file_shopify_is_still_preparing(emulator, reference, bulk_paths):
    from leakcheck.sources.base import LiveOptions
    from leakcheck.transport import Budget

    emu = emulator(bulk_rows_per_second=400.0)  # about a second of Shopify-side work for the catalogue
    cut = read(emu, live=LiveOptions(budget=Budget(0.2)))
    assert any(n.what == "variants and stock levels" and "raise --budget" in n.why for n in cut.not_read)
    _same(read(emu), reference)  # the rerun, with time enough
    catalogue = [op for op in emu._ops.values() if "productVariants" in op.query]
    assert len(catalogue) == 1, "the rerun made Shopify start the catalogue's file again"


def test_bundle_parts_lost_keep_the_variants(emulator):
    emu = emulator(native_bundles=True)
    emu.faults.add("500", count=-1, path=GRAPHQL, after=3)  # Overview, OrdersCount, Variants pass; Bundles fail
    data = read(emu)
    bundles = next(n for n in data.not_read if n.what == "bundle components")
    assert bundles.lost_stock and "HTTP 500" in bundles.why
    assert data.listings and "bundles" not in data.provides


@pytest.mark.parametrize("kind", ["truncate", "malformed", "502", "reset"])
def test_a_lost_bulk_start_never_leaves_a_duplicate_running(emulator, reference, bulk_paths, kind):
    """truncate/malformed: Shopify started the operation but its answer was lost, so the source must
    find and adopt it; 502/reset: nothing started, so it starts again. Either way one operation a query."""
    emu = emulator()
    emu.faults.add(kind, count=1, path="#RunBulk")
    _same(read(emu), reference)
    assert emu.faults.hits == {kind: 1}
    queries = [op.query for op in emu._ops.values()]
    assert len(queries) == len(set(queries)), "a bulk query was started twice"
    asked = [name for _, _, name in emu.log]
    assert asked.count("RecentBulk") == 2  # once before the first start (an earlier scan's?), once before asking again


def test_every_bulk_start_answer_lost_still_reads_everything_once(emulator, reference, bulk_paths):
    emu = emulator()
    emu.faults.add("truncate", count=-1, path="#RunBulk")  # each start runs, each answer is cut off
    _same(read(emu), reference)
    queries = [op.query for op in emu._ops.values()]
    assert len(queries) == len(set(queries)), "a bulk query was started twice"


def test_bulk_starts_refused_every_time_are_paged_instead(emulator, reference, bulk_paths):
    emu = emulator()
    emu.faults.add("502", count=-1, path="#RunBulk")
    data = read(emu)
    _same(data, reference)
    assert not emu._ops
    assert any("did not answer the start of a bulk operation 3 times (last: HTTP 502" in n
               and "the catalogue was paged instead" in n for n in data.notes), data.notes

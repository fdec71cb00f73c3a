"""SYN001: timed batch syncs are found, with their interval; per-sale logs are not."""

from __future__ import annotations

import random
import zlib

import pytest

from leakcheck.model import ALL_CAPABILITIES, CAP_EVENTS
from tests.builders import World

SKUS = [f"MUG-{i:02d}" for i in range(10)]
NO_EVENTS = [c for c in ALL_CAPABILITIES if c != CAP_EVENTS]


def timed_world(minutes: float = 15, hours: float = 48, jitter: float = 3.0, seed: int = 1) -> World:
    """A shop that sells the mugs, and an eBay channel a sync app rewrites every ``minutes``."""
    rnd = random.Random(seed)
    w = World().channel("shop").channel("ebay")
    for sku in SKUS:
        w.listing("shop", sku, 5).listing("ebay", sku, 5)
        for day in range(30):  # 30 sales of each mug in 60 days on the shop: 0.5/day
            w.order("shop", 24 * 2 * day + 1, sku)
    step = minutes / 60
    runs = int(hours / step)
    for run in range(runs):
        start = hours - run * step + rnd.uniform(-jitter, jitter) / 3600
        for i, sku in enumerate(SKUS):  # the whole batch lands within ~2 seconds
            w.event("ebay", start - i * 0.2 / 3600, sku, quantity_after=10 - (run % 10),
                    writer="SyncMaster", writer_kind="app")
    return w


def test_timed_sync_is_found_with_interval_writer_and_money():
    outcome = timed_world(15).run("SYN001")
    assert len(outcome.leaks) == 1
    leak = outcome.leaks[0]
    assert leak.message == (
        "ebay's stock changes in batches every 15 minutes (writer: SyncMaster), "
        "so shop and ebay can both sell the last unit in the gap."
    )
    ev = leak.evidence
    assert abs(ev["interval_minutes"] - 15) < 0.5
    assert ev["batches"] == 192
    assert ev["regular_share"] >= 0.95
    assert ev["writer"] == "SyncMaster"
    assert len(ev["first_times"]) == 5 and ev["first_times"][0].endswith("Z")
    assert ev["products"] == 10
    assert len(ev["top_products"]) == 10
    assert set(leak.keys) == {sku.lower().replace("-", "") for sku in SKUS}
    # 10 mugs, each down to its last unit every 10 runs (19 times in 2 days, 285 a month),
    # shop sells 0.5/day, the gap averages 7.5 minutes
    m = leak.money
    assert m is not None and m.amount > 0 and m.low <= m.amount <= m.high
    assert "summed over 10 products" in m.basis
    assert "7 min" in m.basis or "8 min" in m.basis
    assert "0.50/day" in m.basis and "19 times in 2 days" in m.basis
    assert leak.confidence == "high"


@pytest.mark.parametrize("minutes", [5, 15, 60])
def test_interval_recovered_within_ten_percent(minutes):
    leak = timed_world(minutes, hours=48 if minutes < 60 else 96, jitter=4.0, seed=minutes).run("SYN001").leaks[0]
    assert abs(leak.evidence["interval_minutes"] - minutes) <= 0.1 * minutes


def test_skipped_runs_still_count_as_the_same_timer():
    w = timed_world(15)
    ebay = w.snapshot.channels["ebay"]
    runs = sorted({round(e.ts) for e in ebay.events})
    drop = set(runs[::4])  # every fourth run had nothing to send
    ebay.events = [e for e in ebay.events if round(e.ts) not in drop]
    leak = w.run("SYN001").leaks[0]
    assert abs(leak.evidence["interval_minutes"] - 15) < 1.5


def test_per_sale_updates_at_random_times_are_not_a_timer():
    rnd = random.Random(7)
    w = World().channel("shop").channel("ebay")
    for sku in SKUS:
        w.listing("shop", sku).listing("ebay", sku)
    for _ in range(400):  # one product at a time, whenever a sale happens
        w.event("ebay", rnd.uniform(0, 48), rnd.choice(SKUS), change=-1, writer="SyncMaster", writer_kind="app")
    outcome = w.run("SYN001")
    assert outcome.leaks == [] and outcome.ran


def test_batches_at_random_times_are_not_a_timer():
    rnd = random.Random(3)
    w = World().channel("shop").channel("ebay")
    for sku in SKUS:
        w.listing("shop", sku).listing("ebay", sku)
    for _ in range(40):  # bulk edits, but whenever someone gets round to it
        start = rnd.uniform(0, 96)
        for i, sku in enumerate(SKUS):
            w.event("ebay", start - i / 3600, sku, quantity_after=5, writer="Ann", writer_kind="staff")
    assert w.run("SYN001").leaks == []


def test_sales_in_the_log_do_not_make_batches():
    w = World().channel("shop").channel("ebay")
    for sku in SKUS:
        w.listing("shop", sku).listing("ebay", sku)
    for run in range(100):  # a sale of every mug on the hour: the channel's own orders, not a sync
        for sku in SKUS:
            w.event("ebay", run, sku, change=-1, writer=f"order #{run}", writer_kind="order")
    assert w.run("SYN001").leaks == []


def test_channel_without_history_is_not_evaluated():
    w = timed_world(15)
    w.channel("till", provides=NO_EVENTS).listing("till", "MUG-01")
    outcome = w.run("SYN001")
    skipped = [n for n in outcome.not_evaluated if n.channel == "till"]
    assert len(skipped) == 1 and "stock-change history" in skipped[0].why
    assert len(outcome.leaks) == 1  # the eBay timer is still found


def test_no_channel_with_history_means_not_run():
    w = World().channel("shop", provides=NO_EVENTS).listing("shop", "MUG-01")
    outcome = w.run("SYN001")
    assert not outcome.ran and [n.channel for n in outcome.not_evaluated] == ["shop"]


# --- a big catalogue: most runs change one product, many change none ---------------------------
def sparse_timer_world(seed: int = 5, days: int = 20) -> World:
    """eBay's sync runs every 15 minutes but 200 products sell slowly: a run changes one product,
    seldom two, and most runs change nothing, so gaps are 15, 30, 45... minutes."""
    rnd = random.Random(seed)
    skus = [f"SKU-{i:03d}" for i in range(200)]
    w = World().channel("shop").channel("ebay")
    for sku in skus:
        w.listing("shop", sku, 5).listing("ebay", sku, 5)
    ticks = days * 96
    for tick in range(ticks):
        hours = days * 24 - tick * 0.25
        if rnd.random() < 0.3:  # this run has something to send
            for sku in rnd.sample(skus, 2 if rnd.random() < 0.1 else 1):
                phase = 3 + (zlib.crc32(sku.encode()) % 800) / 100  # each product lands the same seconds past the tick
                w.event("ebay", hours - phase / 3600, sku, quantity_after=rnd.randint(0, 9),
                        writer="SyncMaster", writer_kind="app")
    return w


def test_interval_is_the_common_interval_of_the_gaps_not_their_median():
    leak = sparse_timer_world().run("SYN001").leaks[0]
    ev = leak.evidence
    assert abs(ev["interval_minutes"] - 15) < 0.2
    assert ev["regular_share"] >= 0.95
    assert ev["batches"] > 400  # one-product runs count: they land at the timer's phase


def test_a_per_sale_writer_is_not_a_timer_even_one_product_at_a_time():
    rnd = random.Random(11)
    w = World().channel("shop").channel("ebay")
    for sku in SKUS:
        w.listing("shop", sku).listing("ebay", sku)
    for _ in range(600):  # each sale on the shop, then its echo on eBay within a minute
        sold = rnd.uniform(1, 20 * 24)
        sku = rnd.choice(SKUS)
        w.order("shop", sold, sku)
        w.event("ebay", sold - rnd.uniform(5, 60) / 3600, sku, change=-1, writer="SyncMaster", writer_kind="app")
    outcome = w.run("SYN001")
    assert outcome.ran and outcome.leaks == []


def test_a_weekly_job_or_a_few_days_of_runs_is_not_a_sync_timer():
    w = World().channel("shop").channel("amazon")
    w.listing("shop", "MUG-RED").listing("amazon", "MUG-RED").listing("amazon", "MUG-BLUE")
    for week in range(7):  # a repricer's stock rule, every Wednesday at 02:00
        w.event("amazon", 1000 - week * 168, "MUG-RED", quantity_after=4, writer="RepriceBot", writer_kind="app")
    for day in range(3):  # an app that ran every two hours for three days, weeks ago
        for run in range(4):
            w.event("amazon", 900 - day * 24 - run * 2, "MUG-BLUE", quantity_after=run, writer="StockPilot",
                    writer_kind="app")
    assert w.run("SYN001").leaks == []

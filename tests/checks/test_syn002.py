"""SYN002: the lag from a sale on one channel to the stock drop on another."""

from __future__ import annotations

from leakcheck.model import ALL_CAPABILITIES, CAP_EVENTS, CAP_ORDERS
from tests.builders import World

SKUS = ["MUG-RED", "MUG-BLUE", "TEA-50G", "TEA-100G"]
NO_EVENTS = [c for c in ALL_CAPABILITIES if c != CAP_EVENTS]
NO_ORDERS = [c for c in ALL_CAPABILITIES if c != CAP_ORDERS]


def lag_world(lag_minutes: float, sales: int = 20) -> World:
    """Shop sales, each followed ``lag_minutes`` later by a drop on Amazon written by the sync app."""
    w = World().channel("shop").channel("amazon")
    for sku in SKUS:
        w.listing("shop", sku, 5).listing("amazon", sku, 5)
    for i in range(sales):
        hours = 200 - i * 9
        sku = SKUS[i % len(SKUS)]
        w.order("shop", hours, sku, order_id=f"#{1000 + i}")
        w.event("amazon", hours - lag_minutes / 60, sku, change=-1, writer="SyncMaster", writer_kind="app")
    for sku in SKUS:  # amazon's own sales, three a product
        for k in range(3):
            w.order("amazon", 150 - k * 20, sku)
    return w


def test_slow_sync_is_found_with_median_p95_and_money():
    w = lag_world(12)
    w.event("amazon", 195, "MUG-RED", change=-1, writer="SyncMaster", writer_kind="app")  # not after a sale
    outcome = w.run("SYN002")
    assert len(outcome.leaks) == 1
    leak = outcome.leaks[0]
    assert leak.message == (
        "A sale on shop takes 12 minutes to show in amazon's stock (median; 1 in 20 takes over 12 minutes), "
        "so amazon can sell the last unit after it has gone."
    )
    ev = leak.evidence
    assert (ev["from_channel"], ev["to_channel"]) == ("shop", "amazon")
    assert ev["sales_matched"] == 20
    assert ev["median_seconds"] == 720 and ev["p95_seconds"] == 720
    assert len(ev["examples"]) == 5 and ev["examples"][0]["lag_seconds"] == 720
    assert ev["examples"][0]["order_id"].startswith("#10")
    assert leak.channels == ["shop", "amazon"]
    assert sorted(leak.skus) == sorted(SKUS)
    m = leak.money
    assert m.amount > 0 and "summed over 4 products" in m.basis
    assert "median of 20 sales" in m.basis and "12 min" in m.basis
    # amazon sells 3 of each in 60 days: 0.05/day; no sell-downs in the log, so the minimum of 1 a month
    assert "0.05/day" in m.basis and "at least 1.0 a month" in m.basis


def test_fast_sync_passes():
    outcome = lag_world(0.5).run("SYN002")
    assert outcome.ran and outcome.leaks == []


def test_mostly_fast_with_a_slow_tail_is_found():
    w = lag_world(0.5, sales=20)
    w.snapshot.channels["amazon"].events[3].ts += 20 * 60  # one sale in 20 waits 20 minutes
    w.snapshot.channels["amazon"].events[11].ts += 20 * 60
    leak = w.run("SYN002").leaks[0]
    assert leak.evidence["median_seconds"] == 30
    assert leak.evidence["p95_seconds"] > 20 * 60


def test_drops_more_than_a_day_later_are_not_a_lag():
    w = lag_world(30 * 60)  # 30 hours: that is a missed update (SYN003), not a slow one
    outcome = w.run("SYN002")
    assert outcome.leaks == []


def test_the_channels_own_sales_are_not_the_echo():
    w = World().channel("shop").channel("amazon")
    w.listing("shop", "MUG-RED").listing("amazon", "MUG-RED")
    for i in range(10):
        w.order("shop", 100 - i * 5, "MUG-RED")
        # amazon's own order decrements its count 10 minutes later: not a sync of the shop's sale
        w.event("amazon", 100 - i * 5 - 1 / 6, "MUG-RED", change=-1, writer=f"order #{i}", writer_kind="order")
    assert w.run("SYN002").leaks == []


def test_channel_without_history_is_not_evaluated():
    w = lag_world(12)
    w.channel("till", provides=NO_EVENTS).listing("till", "MUG-RED")
    outcome = w.run("SYN002")
    assert any(n.channel == "till" and "stock-change history" in n.why for n in outcome.not_evaluated)
    assert len(outcome.leaks) == 1


def test_no_other_channel_with_orders_is_not_evaluated():
    w = World().channel("shop", provides=NO_ORDERS).channel("amazon", provides=NO_ORDERS)
    w.listing("shop", "MUG-RED").listing("amazon", "MUG-RED")
    w.event("amazon", 5, "MUG-RED", change=-1, writer="SyncMaster", writer_kind="app")
    outcome = w.run("SYN002")
    whys = {n.channel: n.why for n in outcome.not_evaluated}
    assert "no other channel has orders" in whys["amazon"]
    assert outcome.leaks == []


def test_lag_is_read_from_absolute_sets_too():
    w = World().channel("shop").channel("amazon")
    w.listing("shop", "MUG-RED", 30).listing("amazon", "MUG-RED", 10)
    w.event("amazon", 101, "MUG-RED", quantity_after=20, writer="SyncMaster", writer_kind="app")
    for i in range(10):  # the sync sets the new count 8 minutes after each shop sale
        w.order("shop", 100 - i * 5, "MUG-RED")
        w.event("amazon", 100 - i * 5 - 8 / 60, "MUG-RED", quantity_after=19 - i, writer="SyncMaster", writer_kind="app")
    leak = w.run("SYN002").leaks[0]
    assert leak.evidence["sales_matched"] == 10 and leak.evidence["median_seconds"] == 480


def test_a_lag_a_timed_sync_explains_is_left_to_syn001():
    # eBay's sync runs every 15 minutes: a shop sale waits 0 to 15 minutes for the next run
    import random

    rnd = random.Random(4)
    w = World().channel("shop").channel("ebay")
    skus = [f"MUG-{i:02d}" for i in range(12)]
    for sku in skus:
        w.listing("shop", sku, 50).listing("ebay", sku, 50)
    for tick in range(4 * 24 * 10):  # ten days of 15-minute runs
        run_at = 240 - tick * 0.25
        if rnd.random() < 0.5:  # a sale in the quarter hour before this run
            sku = rnd.choice(skus)
            w.order("shop", run_at + rnd.uniform(0.01, 0.24), sku)
            w.event("ebay", run_at - 5 / 3600, sku, change=-1, writer="SyncMaster", writer_kind="app")
    assert w.run("SYN002").leaks == []
    timer = w.run("SYN001").leaks[0]
    assert abs(timer.evidence["interval_minutes"] - 15) < 0.5


def day_only_world() -> World:
    """The lag world, but shop's orders carry only the sale's date (as eBay's and Etsy's reports do)."""
    w = lag_world(12)
    for o in w.snapshot.channels["shop"].orders:
        o.day_only = True
    return w


def test_sales_known_only_to_the_day_do_not_time_other_channels():
    outcome = day_only_world().run("SYN002")
    assert outcome.leaks == []  # midnight is not when the sale happened: no lag is made up from it
    assert any(n.channel == "shop" and "date without a time of day" in n.why for n in outcome.not_evaluated)


def test_sales_known_only_to_the_day_do_not_make_missed_syncs():
    outcome = day_only_world().run("SYN003")
    assert outcome.leaks == []
    assert any(n.channel == "shop" and "without a time of day" in n.why for n in outcome.not_evaluated)


def test_a_date_cell_with_or_without_its_time():
    from leakcheck.sources.times import has_time_of_day

    for text in ("18-Sep-26 14:03", "2026-09-18T14:03:22Z", "09/18/2026 2:03 PM", "1789970400", "2026-09-18 +01:00"):
        assert has_time_of_day(text), text
    for text in ("Sep-18-26", "2026-09-18", "18/09/2026", " 09/18/26 ", ""):
        assert not has_time_of_day(text), text

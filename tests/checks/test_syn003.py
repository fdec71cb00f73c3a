"""SYN003: sales that never reached another channel's stock."""

from __future__ import annotations

from leakcheck.model import ALL_CAPABILITIES, CAP_EVENTS
from tests.builders import World

SKUS = ["MUG-RED", "MUG-BLUE", "TEA-50G", "TEA-100G"]
NO_EVENTS = [c for c in ALL_CAPABILITIES if c != CAP_EVENTS]


def sync_world(missed: set[int] = frozenset(), sales: int = 20) -> World:
    """20 shop sales over ~8 days; each reaches Amazon 2 minutes later unless its number is in ``missed``."""
    w = World().channel("shop").channel("amazon")
    for sku in SKUS:
        w.listing("shop", sku, 5).listing("amazon", sku, 5, price=30.0)
    for i in range(sales):
        hours = 200 - i * 9
        sku = SKUS[i % len(SKUS)]
        w.order("shop", hours, sku, order_id=f"#{1000 + i}")
        if i not in missed:
            w.event("amazon", hours - 2 / 60, sku, change=-1, writer="SyncMaster", writer_kind="app")
    w.event("amazon", 1, "MUG-RED", change=4, writer="Ann", writer_kind="staff", reason="received")
    return w


def test_missed_updates_are_found_with_money():
    outcome = sync_world(missed={1, 5}).run("SYN003")  # both MUG-BLUE, whose other sales did sync
    assert len(outcome.leaks) == 1
    leak = outcome.leaks[0]
    assert leak.message == (
        "2 sales on shop never reached amazon's stock (18 other sales did), so amazon still counts units that have gone."
    )
    ev = leak.evidence
    assert (ev["from_channel"], ev["to_channel"], ev["missed"], ev["matched"]) == ("shop", "amazon", 2, 18)
    assert [e["order_id"] for e in ev["examples"]] == ["#1001", "#1005"]
    assert ev["examples"][0]["sku"] == "MUG-BLUE" and ev["examples"][0]["quantity"] == 1
    assert leak.skus == ["MUG-BLUE"] and leak.keys == ["mugblue"]
    m = leak.money
    # 2 units in 60 days = 1 a month, each (£12 handling + 40 % of amazon's £30) = £24
    assert m.amount == 24.0
    assert "2 units of MUG-BLUE sold on shop in 60 days" in m.basis and "£24.00" in m.basis
    assert m.low < m.amount < m.high


def test_all_sales_synced_passes():
    outcome = sync_world().run("SYN003")
    assert outcome.ran and outcome.leaks == []


def test_a_product_that_never_syncs_is_not_a_missed_update():
    outcome = sync_world(missed={i for i in range(20) if i % 4 == 1}).run("SYN003")  # MUG-BLUE never syncs
    assert outcome.leaks == []


def test_a_recent_sale_is_not_judged_yet():
    w = sync_world()
    w.order("shop", 10, "MUG-RED", order_id="#late")  # only 9 hours of amazon's log after it
    assert w.run("SYN003").leaks == []


def test_a_drop_before_the_sale_does_not_answer_it():
    w = sync_world(missed={2})
    w.event("amazon", 200 - 2 * 9 + 1, "TEA-50G", change=-1, writer="SyncMaster", writer_kind="app")
    leak = w.run("SYN003").leaks[0]
    assert leak.evidence["missed"] == 1 and leak.skus == ["TEA-50G"]


def test_channel_without_history_is_not_evaluated():
    w = sync_world(missed={1})
    w.channel("till", provides=NO_EVENTS).listing("till", "MUG-RED")
    outcome = w.run("SYN003")
    assert any(n.channel == "till" and "stock-change history" in n.why for n in outcome.not_evaluated)
    assert len(outcome.leaks) == 1

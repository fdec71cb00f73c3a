"""WRT002: counts that flip back and forth between writers, and sales pushed back up."""

from __future__ import annotations

from leakcheck.model import ALL_CAPABILITIES, CAP_EVENTS
from tests.builders import World

NO_EVENTS = [c for c in ALL_CAPABILITIES if c != CAP_EVENTS]


def world() -> World:
    w = World().channel("shop").channel("ebay")
    w.listing("shop", "MUG-RED", 7).listing("ebay", "MUG-RED", 7, price=25.0)
    for k in range(30):  # ebay sells 30 in 60 days: 0.5/day
        w.order("ebay", 5 + k * 40, "MUG-RED")
    return w


def test_flip_flop_is_found():
    w = world()
    for day in range(3):  # every day: the app sets 7, staff set 3, the app sets 7 again two hours later
        base = 72 - day * 24
        w.event("ebay", base, "MUG-RED", quantity_after=7, writer="SyncMaster", writer_kind="app")
        w.event("ebay", base - 1, "MUG-RED", quantity_after=3, writer="Ann", writer_kind="staff")
        w.event("ebay", base - 2, "MUG-RED", quantity_after=7, writer="SyncMaster", writer_kind="app")
    outcome = w.run("WRT002")
    assert len(outcome.leaks) == 1
    leak = outcome.leaks[0]
    assert leak.message == (
        "SyncMaster and staff keep overwriting each other's count of MUG-RED on ebay (7, then 3, then 7 again "
        "within 2 hours; 3 times in all), so it jumps back and forth."
    )
    ev = leak.evidence
    assert ev["flips"] == 3 and ev["unexplained_increases"] == 0
    assert ev["writers"] == ["SyncMaster", "staff"]
    assert [(e["writer"], e["quantity_after"]) for e in ev["examples"][:3]] == [("SyncMaster", 7), ("staff", 3), ("SyncMaster", 7)]
    assert ev["examples"][0]["what"] == "set"
    m = leak.money
    # staff's 3 stood 1 hour each time: 3 h of the log's 50 h (6 %) of ebay's 15 sales a month = 0.9;
    # the last flip left it higher, so oversold: 0.9 × (£12 + 40 % of £25) = £19.80
    assert m.amount == 19.8
    assert "3 flip-flops moved 12 units in 2.1 days" in m.basis
    assert "3.0 h of 2.1 days (6.0%) of ebay sells 0.50/day" in m.basis
    assert "0.90 oversold orders a month" in m.basis and "£19.80" in m.basis


def test_sale_pushed_back_up_is_found():
    w = world()
    w.event("ebay", 50, "MUG-RED", quantity_after=7, writer="SyncMaster", writer_kind="app")
    for k in range(3):  # a sale, then the sync puts the old number back an hour later
        t = 40 - k * 10
        w.event("ebay", t, "MUG-RED", change=-1, writer=f"order #{k}", writer_kind="order")
        w.event("ebay", t - 1, "MUG-RED", quantity_after=7, writer="SyncMaster", writer_kind="app")
    leak = w.run("WRT002").leaks[0]
    assert leak.message == (
        "SyncMaster pushed MUG-RED's stock on ebay back up after 3 sales with no return to explain it, "
        "so ebay offers units that have already sold."
    )
    ev = leak.evidence
    assert ev["flips"] == 0 and ev["unexplained_increases"] == 3
    assert ev["examples"][0]["what"] == "pushed up after a sale" and ev["examples"][0]["quantity_after"] == 7
    m = leak.money
    # 3 units in the log's 31 hours: 70 a month, capped at all ebay's sales, 15 a month × £22 = £330
    assert m.amount == 330.0 and "3 sold units pushed back up in 1.3 days" in m.basis
    assert "capped at all its sales (ebay sells 0.50/day" in m.basis and "£330.00" in m.basis


def test_restock_and_agreeing_writers_pass():
    w = world()
    w.event("ebay", 50, "MUG-RED", quantity_after=7, writer="SyncMaster", writer_kind="app")
    w.event("ebay", 40, "MUG-RED", change=-1, writer="order #1", writer_kind="order")
    w.event("ebay", 39, "MUG-RED", change=1, writer="Ann", writer_kind="staff", reason="customer return")
    w.event("ebay", 30, "MUG-RED", change=-1, writer="order #2", writer_kind="order")
    w.event("ebay", 29, "MUG-RED", quantity_after=6, writer="SyncMaster", writer_kind="app")  # follows the sale
    w.event("ebay", 20, "MUG-RED", quantity_after=6, writer="Ann", writer_kind="staff")  # agrees
    w.event("ebay", 19, "MUG-RED", quantity_after=6, writer="SyncMaster", writer_kind="app")
    w.event("ebay", 10, "MUG-RED", change=24, writer="Ann", writer_kind="staff")  # a delivery, long after sales
    outcome = w.run("WRT002")
    assert outcome.ran and outcome.leaks == []


def test_slow_back_and_forth_is_not_a_flip():
    w = world()
    w.event("ebay", 72, "MUG-RED", quantity_after=7, writer="SyncMaster", writer_kind="app")
    w.event("ebay", 60, "MUG-RED", quantity_after=3, writer="Ann", writer_kind="staff")
    w.event("ebay", 40, "MUG-RED", quantity_after=7, writer="SyncMaster", writer_kind="app")  # 32 hours later
    assert w.run("WRT002").leaks == []


def test_channel_without_history_is_not_evaluated():
    w = world()
    w.channel("till", provides=NO_EVENTS).listing("till", "MUG-RED")
    outcome = w.run("WRT002")
    assert any(n.channel == "till" and "stock-change history" in n.why for n in outcome.not_evaluated)


def test_flip_flop_left_lower_is_priced_as_lost_sales():
    w = world()
    for day in range(3):  # the app sets 3, staff set 7, the app sets 3 again: the channel ends up showing less
        base = 72 - day * 24
        w.event("ebay", base, "MUG-RED", quantity_after=3, writer="SyncMaster", writer_kind="app")
        w.event("ebay", base - 1, "MUG-RED", quantity_after=7, writer="Ann", writer_kind="staff")
        w.event("ebay", base - 2, "MUG-RED", quantity_after=3, writer="SyncMaster", writer_kind="app")
    leak = w.run("WRT002").leaks[0]
    m = leak.money
    # 0.9 sales a month in dispute × £25 × 40 % margin × 50 % really lost = £4.50
    assert m.amount == 4.5 and "sales a month missed" in m.basis and "left it lower (7 → 3)" in m.basis


def test_deltas_that_carry_their_result_are_not_flip_flops():
    # two integrations adjust the count by their sales and log the result: deltas, not absolute sets
    w = world()
    level = 40
    for k in range(12):
        writer = ("Amazon connector", "Square sync")[k % 2]
        level -= 1
        w.event("ebay", 60 - k, "MUG-RED", change=-1, quantity_after=level, writer=writer, writer_kind="integration")
    assert w.run("WRT002").leaks == []


def test_a_bundle_recalculated_from_its_components_is_not_a_sale_undone():
    w = World().channel("shop")
    w.listing("shop", "GIFT-BOX", 5)
    w.order("shop", 30, "GIFT-BOX")
    w.event("shop", 30, "GIFT-BOX", change=-1, quantity_after=4, writer="order #1", writer_kind="order")
    # the order is cancelled: its tins go back, and the bundle app works the box count out again
    w.event("shop", 29, "GIFT-BOX", quantity_after=5, writer="Bundle Builder", writer_kind="app",
            reason="recalculated from components")
    assert w.run("WRT002").leaks == []

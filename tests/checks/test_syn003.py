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


# --- a product's first absolute set, and counts at zero, prove nothing --------------------------
def sets_world() -> World:
    """The shop's sales, 30 hours apart, reach eBay as absolute sets (the count after the sale), 2 minutes later."""
    w = World().channel("shop").channel("ebay")
    w.listing("shop", "MUG-RED", 5).listing("ebay", "MUG-RED", 5).listing("ebay", "MUG-BLUE", 3)
    w.event("ebay", 450, "MUG-BLUE", quantity_after=3, writer="SyncMaster", writer_kind="app")  # the log starts here
    level = 30
    for i in range(10):
        hours = 400 - i * 30
        w.order("shop", hours, "MUG-RED", order_id=f"#{1000 + i}")
        level -= 1
        w.event("ebay", hours - 2 / 60, "MUG-RED", quantity_after=level, writer="SyncMaster", writer_kind="app")
    return w


def test_the_first_absolute_set_establishes_the_level_and_answers_nothing():
    # the log's first set of MUG-RED is the answer to the first sale: with no level before it, it
    # cannot show a drop, but that proves no missed sale
    outcome = sets_world().run("SYN003")
    assert outcome.ran and outcome.leaks == []


def test_a_sale_is_missed_where_the_set_count_provably_stayed():
    w = sets_world()
    w.order("shop", 395, "MUG-RED", order_id="#lost")  # between two syncs; the count was never lowered
    leak = w.run("SYN003").leaks[0]
    assert [e["order_id"] for e in leak.evidence["examples"]] == ["#lost"]


def test_a_count_already_at_zero_cannot_show_the_sale():
    w = World().channel("shop").channel("ebay")
    w.listing("shop", "MUG-RED", 5).listing("ebay", "MUG-RED", 0)
    for i in range(6):
        w.order("shop", 200 - i * 9, "MUG-RED", order_id=f"#{1000 + i}")
        w.event("ebay", 200 - i * 9 - 0.05, "MUG-RED", quantity_after=5 - i, writer="SyncMaster", writer_kind="app")
    w.order("shop", 120, "MUG-RED", order_id="#at-zero")  # eBay shows 0: a buffer keeps it there
    w.event("ebay", 50, "MUG-RED", quantity_after=0, writer="SyncMaster", writer_kind="app")  # still 0
    assert w.run("SYN003").leaks == []


# --- which drop answers which sale ---------------------------------------------------------------
def named_world() -> World:
    """Amazon's sales reach the shop as deltas the connector names: "amazon order 205-…"."""
    w = World().channel("shop").channel("amazon")
    w.listing("shop", "TEA-50G", 40).listing("amazon", "TEA-50G", 40)
    for i in range(8):
        hours = 200 - i * 20
        oid = f"205-{i:07d}-1"
        w.order("amazon", hours, "TEA-50G", order_id=oid)
        w.event("shop", hours - 1 / 60, "TEA-50G", change=-1, writer="Amazon connector",
                writer_kind="integration", reason=f"amazon order {oid}")
    return w


def test_a_log_that_names_orders_is_matched_by_order_id():
    w = named_world()
    w.order("amazon", 150, "TEA-50G", order_id="205-lost-1")
    # a drop right after it that names nothing (the bundle app took a tin for a gift box) does not
    # answer it, nor does the next named drop, which belongs to its own order
    w.event("shop", 149.9, "TEA-50G", change=-1, writer="Bundle Builder", writer_kind="app", reason="sold in GIFT-BOX")
    leak = w.run("SYN003").leaks[0]
    assert (leak.evidence["from_channel"], leak.evidence["to_channel"]) == ("amazon", "shop")
    assert [e["order_id"] for e in leak.evidence["examples"]] == ["205-lost-1"]
    assert leak.evidence["matched"] == 8


def test_each_drop_answers_one_sale_the_latest_before_it():
    # eBay copies the shop's count; Amazon's sales reach it through the shop, the shop's own at once.
    # Three Amazon sales never arrive; each is followed within hours by a shop sale whose drop a
    # greedy first-come match would give to the lost Amazon sale instead
    w = World().channel("shop").channel("amazon").channel("ebay")
    for ch in ("shop", "amazon", "ebay"):
        w.listing(ch, "MUG-NAVY", 50)
    level = 60
    w.event("ebay", 300, "MUG-NAVY", quantity_after=level, writer="SyncMaster", writer_kind="app")
    lost = {2, 5, 8}
    for i in range(12):
        hours = 280 - i * 20
        w.order("amazon", hours, "MUG-NAVY", order_id=f"AMZ-{i}")
        if i not in lost:
            level -= 1
            w.event("ebay", hours - 2 / 60, "MUG-NAVY", quantity_after=level, writer="SyncMaster", writer_kind="app")
        w.order("shop", hours - 3, "MUG-NAVY", order_id=f"#{i}")
        level -= 1
        w.event("ebay", hours - 3 - 1 / 60, "MUG-NAVY", quantity_after=level, writer="SyncMaster", writer_kind="app")
    leaks = w.run("SYN003").leaks
    assert [(lk.evidence["from_channel"], lk.evidence["to_channel"]) for lk in leaks] == [("amazon", "ebay")]
    assert [e["order_id"] for e in leaks[0].evidence["examples"]] == ["AMZ-2", "AMZ-5", "AMZ-8"]


def test_a_set_that_raised_the_count_may_have_netted_the_sale_in():
    w = sets_world()
    w.order("shop", 395, "MUG-RED", order_id="#netted")
    # the sync's next run carried a delivery of 6 and this sale together: from 29 to 34 in one set
    w.event("ebay", 394.5, "MUG-RED", quantity_after=34, writer="SyncMaster", writer_kind="app",
            reason="stock sync (goods in)")
    assert w.run("SYN003").leaks == []


def test_a_code_on_two_products_is_left_to_sku002():
    # the shop's diffuser page kept the tea's code: its sales are not the tea's, so the tea's
    # count on eBay rightly never hears of them
    w = named_world()
    w.listing("shop", "TEA-50G", 3, product_id="diffuser-page")
    w.listing("shop", "TEA-50G", 40, product_id="tea-page")
    w.snapshot.channels["shop"].listings[0].product_id = "tea-page"
    w.channel("ebay").listing("ebay", "TEA-50G", 9)
    level = 9
    w.event("ebay", 210, "TEA-50G", quantity_after=level, writer="SyncMaster", writer_kind="app")
    for i in range(8):  # the shop's own sales reach eBay, but two "TEA-50G" sales were diffusers
        w.order("shop", 205 - i * 20, "TEA-50G", order_id=f"#{i}")
        if i not in (3, 6):
            level -= 1
            w.event("ebay", 205 - i * 20 - 0.02, "TEA-50G", quantity_after=level, writer="SyncMaster",
                    writer_kind="app")
    outcome = w.run("SYN003")
    assert [lk for lk in outcome.leaks if lk.evidence["from_channel"] == "shop"] == []

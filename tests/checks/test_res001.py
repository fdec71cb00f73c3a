"""RES001: stock held by reservations or unfulfilled orders far past their time."""

from leakcheck.assumptions import Assumptions
from leakcheck.model import ALL_CAPABILITIES, CAP_ORDERS, CAP_RESERVATIONS
from tests.builders import World

DAY_H = 24
NO_ORDERS = set(ALL_CAPABILITIES) - {CAP_ORDERS}
NO_RESERVATIONS = set(ALL_CAPABILITIES) - {CAP_RESERVATIONS}


def test_open_order_older_than_the_limit_holds_stock():
    world = (World().channel("shop").listing("shop", "TEA-50G", 0)
             .order("shop", 20 * DAY_H, "TEA-50G", 2, status="open", order_id="1001"))
    outcome = world.run("RES001")
    assert len(outcome.leaks) == 1
    leak = outcome.leaks[0]
    assert leak.message == ("On shop, 1 order for TEA-50G has waited unfulfilled for 20 days, "
                            "holding 2 units out of sale.")
    ev = leak.evidence
    assert (ev["channel"], ev["stuck_orders"], ev["oldest_days"], ev["units_held"]) == ("shop", 1, 20.0, 2)
    assert ev["committed_or_reserved"] is None and ev["recent_open_units"] == 0
    assert ev["examples"] == [{"order_id": "1001", "time": "2026-09-01T14:13:20Z", "sku": "TEA-50G", "quantity": 2,
                               "days_open": 20.0}]
    # shop owns the count: 2 sold in 60 days = 1 a month, under the 2 held; × £20 × 40 % × 50 %
    assert leak.money.amount == 4.0
    assert leak.money.basis.startswith("1 sales a month missed") and "2 units held" in leak.money.basis
    assert "2 in 60 days" in leak.money.basis
    assert leak.confidence == "high"


def test_reservations_beyond_recent_orders_hold_stock():
    world = (World().channel("shop").channel("amazon").listing("shop", "TEA-50G", 3)
             .listing("amazon", "TEA-50G", 3, committed=2, reserved=3)
             .order("amazon", 1 * DAY_H, "TEA-50G", 1, status="open"))
    leak = world.run("RES001").leaks[0]
    assert leak.message == ("Amazon holds 5 units of TEA-50G as committed or reserved, but open orders from the "
                            "last 7 days account for only 1.")
    assert leak.evidence["units_held"] == 4 and leak.evidence["stuck_orders"] == 0
    assert leak.evidence["oldest_days"] is None and leak.evidence["committed_or_reserved"] == 5
    assert leak.confidence == "medium"  # a reservation alone may be stock on its way
    assert "at most the 4 units held" in leak.money.basis


def test_recent_and_finished_orders_pass():
    world = (World().channel("shop").listing("shop", "TEA-50G", 3, committed=2)
             .order("shop", 2 * DAY_H, "TEA-50G", 2, status="open")
             .order("shop", 30 * DAY_H, "TEA-50G", 4, status="fulfilled")
             .order("shop", 30 * DAY_H, "TEA-50G", 1, status="cancelled"))
    outcome = world.run("RES001")
    assert outcome.ran and outcome.leaks == [] and outcome.not_evaluated == []


def test_the_age_limit_comes_from_the_assumptions():
    world = World().channel("shop").listing("shop", "TEA-50G", 0).order("shop", 20 * DAY_H, "TEA-50G", status="open")
    assert world.run("RES001").leaks
    assert world.run("RES001", Assumptions(reservation_max_age_days=30)).leaks == []


def test_channel_without_orders_is_not_evaluated():
    world = (World().channel("shop").channel("amazon", provides=NO_ORDERS)
             .listing("amazon", "TEA-50G", 0, committed=5))
    outcome = world.run("RES001")
    assert outcome.leaks == []
    assert [n.channel for n in outcome.not_evaluated] == ["amazon"]
    assert "orders" in outcome.not_evaluated[0].why


def test_channel_without_reservations_is_checked_on_orders_only_and_says_so():
    world = (World().channel("shop", provides=NO_RESERVATIONS).listing("shop", "TEA-50G", 0, committed=9)
             .order("shop", 20 * DAY_H, "TEA-50G", 1, status="open"))
    outcome = world.run("RES001")
    assert [leak.evidence["units_held"] for leak in outcome.leaks] == [1]
    assert outcome.leaks[0].evidence["committed_or_reserved"] is None
    assert [n.channel for n in outcome.not_evaluated] == ["shop"]
    assert "committed or reserved" in outcome.not_evaluated[0].why


def test_stuck_order_and_extra_reservations_are_counted_once():
    world = (World().channel("shop").listing("shop", "TEA-50G", 0, committed=3, reserved=2)
             .order("shop", 20 * DAY_H, "TEA-50G", 2, status="open")
             .order("shop", 1 * DAY_H, "TEA-50G", 1, status="open"))
    leak = world.run("RES001").leaks[0]
    # 5 held, 1 explained by a recent order: 4 held, of which the stuck order accounts for 2
    assert leak.evidence["units_held"] == 4 and leak.evidence["committed_or_reserved"] == 5
    assert leak.evidence["recent_open_units"] == 1
    assert leak.message == ("On shop, 1 order for TEA-50G has waited unfulfilled for 20 days, holding 2 units out "
                            "of sale (4 in all are committed or reserved beyond the last 7 days' orders).")

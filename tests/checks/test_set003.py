"""SET003: fast movers shared by several channels with no safety buffer."""

import json
import math
import re

from leakcheck.assumptions import Assumptions
from leakcheck.checks.base import all_checks
from leakcheck.model import ALL_CAPABILITIES, CAP_ORDERS, CAP_STOCK
from tests.builders import World


def evidence_keys(check_id: str) -> set[str]:
    return set(re.findall(r"^`(\w+)`:", all_checks()[check_id].sections()["Evidence"], re.M))


def fast_world(amazon_stock=40, provides=ALL_CAPABILITIES, orders=True) -> World:
    world = (
        World().channel("shop").channel("amazon", provides=provides)
        .listing("shop", "MUG-RED", 40).listing("amazon", "MUG-RED", amazon_stock)
    )
    if orders:
        world.order("shop", 2, "MUG-RED", quantity=2400).order("amazon", 2, "MUG-RED", quantity=480)  # 40 + 8 a day
    return world


def test_fast_mover_showing_the_full_count_everywhere_is_found():
    outcome = fast_world().run("SET003")
    assert outcome.not_evaluated == []
    [leak] = outcome.leaks
    assert leak.message == (
        "MUG-RED sells 48.0 a day across shop and amazon, and amazon shows all 40 units shop has, "
        "so two channels can sell the last one before the counts catch up."
    )
    assert leak.channels == ["shop", "amazon"] and leak.skus == ["MUG-RED"] and leak.keys == ["mugred"]
    ev = leak.evidence
    assert set(ev) == evidence_keys("SET003")
    json.dumps(ev)
    assert ev == {
        "demand_per_day": 48.0, "channels": ["shop", "amazon"], "available": {"shop": 40, "amazon": 40},
        "unbuffered_channels": ["amazon"], "suggested_buffer": 2, "gap_minutes_assumed": 15.0,
        "sell_downs_per_month": 30.0,
    }
    # λT = 48/day × 15 min = 0.5; E[max(0, N − 1)] = 0.5 − 1 + e^−0.5; 48 × 30 ÷ 40 = 36 sell-downs, capped at 30
    per_selldown = 0.5 - 1 + math.exp(-0.5)
    expected = round(30 * per_selldown * 20.0, 2)  # × (£12 handling + £8 margin)
    assert leak.money.amount == expected == 63.92
    for part in ("30 sell-downs", f"= {per_selldown:.3f} units", "Poisson(48.00/day × 15 min)",
                 "assumed 15 min sync gap", "shop holds 40", "£63.92"):
        assert part in leak.money.basis
    assert leak.confidence == "medium"


def test_buffered_channel_and_slow_movers_are_clean():
    assert fast_world(amazon_stock=38).run("SET003").leaks == []
    slow = (
        World().channel("shop").channel("amazon")
        .listing("shop", "TEA", 5).listing("amazon", "TEA", 5).order("shop", 1, "TEA", quantity=30)  # 0.5/day
        .run("SET003")
    )
    assert slow.leaks == [] and slow.not_evaluated == []


def test_threshold_comes_from_the_assumptions():
    outcome = fast_world().run("SET003", Assumptions(safety_buffer_velocity=50))
    assert outcome.leaks == []


def test_channel_without_stock_is_not_evaluated():
    outcome = fast_world(provides=set(ALL_CAPABILITIES) - {CAP_STOCK}).run("SET003")
    assert outcome.leaks == []
    [ne] = outcome.not_evaluated
    assert ne.channel == "amazon" and "stock quantities" in ne.why


def test_without_any_order_history_it_says_so():
    outcome = fast_world(orders=False).run("SET003")
    assert outcome.leaks == []
    [ne] = outcome.not_evaluated
    assert ne.channel is None and "order history" in ne.why


NO_ORDERS = set(ALL_CAPABILITIES) - {CAP_ORDERS}


def test_warehouse_that_takes_no_orders_needs_no_buffer():
    # amazon holds 2 back; the warehouse shows the owner's full count but sells nothing
    world = fast_world(amazon_stock=38).channel("warehouse", provides=NO_ORDERS).listing("warehouse", "MUG-RED", 40)
    outcome = world.run("SET003")
    assert outcome.leaks == []
    [ne] = outcome.not_evaluated
    assert ne.channel == "warehouse" and "gave no orders" in ne.why and "give its orders if it sells" in ne.why


def test_channel_with_no_orders_while_others_sell_is_not_selling():
    world = fast_world(amazon_stock=38).channel("accounts").listing("accounts", "MUG-RED", 40)
    outcome = world.run("SET003")
    assert outcome.leaks == [] and outcome.not_evaluated == []


def test_stock_holding_types_are_not_selling_channels():
    world = fast_world(amazon_stock=38).channel("erp", type="warehouse").listing("erp", "MUG-RED", 40)
    world.order("erp", 3, "MUG-RED", quantity=5)  # a transfer booked as an order does not make it a shop
    outcome = world.run("SET003")
    assert outcome.leaks == [] and outcome.not_evaluated == []


def test_unbuffered_seller_beside_a_warehouse_is_named_alone():
    world = fast_world().channel("warehouse", provides=NO_ORDERS).listing("warehouse", "MUG-RED", 40)
    [leak] = world.run("SET003").leaks
    assert leak.evidence["channels"] == ["shop", "amazon"] and leak.evidence["unbuffered_channels"] == ["amazon"]
    assert "across shop and amazon, and amazon shows all 40" in leak.message


def test_one_unit_fewer_than_the_owner_is_a_buffer():
    assert fast_world(amazon_stock=39).run("SET003").leaks == []
    assert fast_world(amazon_stock=41).run("SET003").leaks[0].evidence["unbuffered_channels"] == ["amazon"]


def test_owner_that_does_not_sell_needs_two_sellers():
    def world(*sellers):
        w = World().channel("erp", type="erp", provides=NO_ORDERS).listing("erp", "MUG-RED", 40)
        w.snapshot.owner = "erp"
        for name in sellers:
            w.channel(name).listing(name, "MUG-RED", 40).order(name, 2, "MUG-RED", quantity=240)
        return w.run("SET003")

    assert world("amazon").leaks == []  # one seller: nobody else can sell its last unit
    [leak] = world("amazon", "ebay").leaks
    assert leak.evidence["channels"] == ["erp", "amazon", "ebay"]
    assert leak.evidence["unbuffered_channels"] == ["amazon", "ebay"]

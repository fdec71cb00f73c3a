"""SET001: listings set to keep selling when out of stock."""

import json
import re

from leakcheck.checks.base import all_checks
from leakcheck.model import ALL_CAPABILITIES, CAP_POLICY
from tests.builders import World


def evidence_keys(check_id: str) -> set[str]:
    return set(re.findall(r"^`(\w+)`:", all_checks()[check_id].sections()["Evidence"], re.M))


def continue_world(available=0, provides=ALL_CAPABILITIES) -> World:
    return (
        World().channel("shop").channel("amazon", provides=provides)
        .listing("shop", "MUG-RED", 4, policy="deny", tracked=True)
        .listing("amazon", "MUG-RED", available, policy="continue", tracked=True)
        .order("amazon", 2, "MUG-RED", quantity=30)  # 0.5/day over 60 days
    )


def test_continue_selling_at_zero_is_found_and_priced_at_half_the_month():
    outcome = continue_world().run("SET001")
    [leak] = outcome.leaks
    assert leak.message == (
        "amazon keeps selling MUG-RED with none in stock (0 now), because 'continue selling "
        "when out of stock' is on, so orders past zero cannot be shipped."
    )
    assert leak.channels == ["amazon"] and leak.skus == ["MUG-RED"] and leak.keys == ["mugred"]
    ev = leak.evidence
    assert set(ev) == evidence_keys("SET001")
    json.dumps(ev)
    assert ev == {
        "channel": "amazon", "skus": ["MUG-RED"], "policy": "continue", "tracked": True, "available": 0,
        "units_per_day": 0.5, "days_of_cover": 0.0, "share_at_or_below_zero": 0.5, "share_from": "estimate",
    }
    # 0.5/day × 30 × 50 % = 7.5 oversold orders × (£12 + £8) = £150
    assert leak.money.amount == 150.0
    for part in ("7.5 oversold orders", "0.50/day", "50% of the time at or below zero", "stock 0 now", "£150.00"):
        assert part in leak.money.basis
    assert leak.confidence == "medium"


def test_share_is_estimated_from_days_of_cover():
    [leak] = continue_world(available=10).run("SET001").leaks
    # 10 units ÷ 0.5/day = 20 days of cover -> (30 − 20) ÷ 30 = 33 %; 0.5 × 30 × 1/3 = 5 orders = £100
    assert leak.evidence["days_of_cover"] == 20.0
    assert leak.evidence["share_at_or_below_zero"] == 0.333
    assert leak.money.amount == 100.0
    assert "20.0 days of cover" in leak.money.basis and "33%" in leak.money.basis
    # 10 left is not out of stock yet: the sentence says what happens when they run out
    assert leak.message.startswith("amazon will keep selling MUG-RED after the 10 in stock run out, because ")


def test_a_listing_with_one_left_or_none_counted_is_described_as_it_stands():
    [one] = continue_world(available=1).run("SET001").leaks
    assert one.message.startswith("amazon will keep selling MUG-RED after the 1 in stock runs out, because ")
    [many] = continue_world(available=1101).run("SET001").leaks
    assert many.message.startswith("amazon will keep selling MUG-RED after the 1,101 in stock run out, because ")
    [below] = continue_world(available=-3).run("SET001").leaks
    assert below.message.startswith("amazon keeps selling MUG-RED with none in stock (-3 now), because ")


def test_share_is_measured_from_stock_history_when_there_is_one():
    outcome = (
        continue_world(available=4)
        .event("amazon", 30 * 24, "MUG-RED", quantity_after=3)
        .event("amazon", 15 * 24, "MUG-RED", quantity_after=0)
        .event("amazon", 6 * 24, "MUG-RED", quantity_after=4)
        .run("SET001")
    )
    [leak] = outcome.leaks
    # at 0 from 15 days ago to 6 days ago: 9 of the last 30 days = 30 %; 0.5 × 30 × 0.3 = 4.5 orders = £90
    assert leak.evidence["share_from"] == "stock history"
    assert leak.evidence["share_at_or_below_zero"] == 0.3
    assert leak.money.amount == 90.0
    assert "stock at 0 or below 30% of the last 30 days" in leak.money.basis
    assert leak.confidence == "high"


def test_deny_untracked_and_draft_listings_are_clean():
    outcome = (
        World().channel("shop").channel("amazon")
        .listing("shop", "MUG-RED", 0, policy="deny", tracked=True)
        .listing("amazon", "MUG-RED", 0, policy="continue", tracked=False)  # untracked is SET002's
        .listing("amazon", "TEA", 0, policy="continue", tracked=True, status="draft")
        .run("SET001")
    )
    assert outcome.leaks == []
    assert outcome.not_evaluated == []


def test_channel_without_policy_is_not_evaluated():
    outcome = continue_world(provides=set(ALL_CAPABILITIES) - {CAP_POLICY}).run("SET001")
    assert outcome.leaks == []
    [ne] = outcome.not_evaluated
    assert ne.channel == "amazon" and "oversell setting" in ne.why

"""SKU004: a channel's code the owner does not have, with the nearest owner code as a hint only."""

import json
import re

from leakcheck.checks import sku004
from leakcheck.checks.base import all_checks
from leakcheck.model import ALL_CAPABILITIES, CAP_STOCK
from tests.builders import World


def evidence_keys(check_id: str) -> set[str]:
    return set(re.findall(r"^`(\w+)`:", all_checks()[check_id].sections()["Evidence"], re.M))


def typo_world(amazon_sku: str = "MUG-REDD", owner_provides=ALL_CAPABILITIES) -> World:
    return (
        World().channel("shop", provides=owner_provides).channel("amazon")
        .listing("shop", "MUG-RED", 6).listing("shop", "TEA-50G", 4)
        .listing("amazon", amazon_sku, 3)
        .order("shop", 2, "MUG-RED", quantity=30)  # 0.5/day over 60 days
        .order("amazon", 2, amazon_sku, quantity=30)  # 0.5/day
    )


def test_close_code_is_priced_like_a_split_product():
    outcome = typo_world().run("SKU004")
    [leak] = outcome.leaks
    assert leak.message == (
        "amazon sells 'MUG-REDD', a code shop does not have (nearest shop code: MUG-RED), "
        "so no sync keeps its stock in step with yours."
    )
    assert leak.channels == ["amazon"] and leak.skus == ["MUG-REDD"] and leak.keys == ["mugredd"]
    ev = leak.evidence
    assert set(ev) == evidence_keys("SKU004")
    json.dumps(ev)
    assert ev == {
        "channel": "amazon", "codes": ["MUG-REDD"], "available": 3, "units_per_day": 0.5,
        "nearest_owner_code": "MUG-RED", "nearest_score": 93.3, "hint_note": "",
    }
    # demand 0.5 (shop) + 0.5 (amazon) = 1/day; shop holds 6 -> 6 days of cover -> 3/6 = 50 %
    # 0.5/day × 30 × 50 % = 7.5 oversold orders × (£12 + £8) = £150
    assert leak.money.amount == 150.0
    for part in ("7.5 oversold orders", "0.50/day", "50%", "6.0 days of cover", "scores 93.3", "£150.00"):
        assert part in leak.money.basis
    assert leak.confidence == "medium"


def test_far_code_is_small_and_low_confidence():
    outcome = typo_world("ZEBRA-9").run("SKU004")
    [leak] = outcome.leaks
    assert leak.evidence["nearest_score"] < 85
    assert leak.confidence == "low"
    # 0.5/day × 30 × 10 % × 20 % = 0.3 oversold orders × £20 = £6
    assert leak.money.amount == 6.0
    for part in ("0.30 oversold orders", "10%", "20%", "scores only"):
        assert part in leak.money.basis


def test_hint_is_left_out_when_the_lookup_budget_is_spent(monkeypatch):
    monkeypatch.setattr(sku004, "MAX_COMPARISONS", 0)
    [leak] = typo_world().run("SKU004").leaks
    assert leak.evidence["nearest_owner_code"] is None
    assert leak.evidence["hint_note"].startswith("not looked up")
    assert leak.confidence == "low"
    assert "(nearest" not in leak.message


def test_codes_the_owner_has_are_clean_even_when_spelt_differently():
    outcome = (
        World().channel("shop").channel("amazon")
        .listing("shop", "MUG-RED", 6).listing("amazon", "MUG-RED", 6).listing("amazon", "mug red", 1)
        .listing("amazon", "OLD-1", 0, status="archived")  # not on sale
        .run("SKU004")
    )
    assert outcome.leaks == []
    assert outcome.not_evaluated == []


def test_owner_without_stock_is_not_evaluated():
    outcome = typo_world(owner_provides=set(ALL_CAPABILITIES) - {CAP_STOCK}).run("SKU004")
    assert outcome.leaks == []
    [ne] = outcome.not_evaluated
    assert ne.channel == "shop" and "stock quantities" in ne.why


def test_no_owner_is_not_evaluated():
    world = typo_world()
    world.snapshot.owner = None
    outcome = world.run("SKU004")
    assert outcome.leaks == []
    assert [n.channel for n in outcome.not_evaluated] == [None]


def test_owner_with_no_listings_is_not_evaluated_rather_than_flagging_everything():
    outcome = World().channel("shop").channel("amazon").listing("amazon", "MUG-RED", 3).run("SKU004")
    assert outcome.leaks == []
    assert [n.channel for n in outcome.not_evaluated] == ["shop"]

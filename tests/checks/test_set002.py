"""SET002: listings on sale with stock tracking off."""

import json
import re

from leakcheck.checks.base import all_checks
from leakcheck.model import ALL_CAPABILITIES, CAP_TRACKED
from tests.builders import World


def evidence_keys(check_id: str) -> set[str]:
    return set(re.findall(r"^`(\w+)`:", all_checks()[check_id].sections()["Evidence"], re.M))


def untracked_world(shop_stock=0, provides=ALL_CAPABILITIES) -> World:
    return (
        World().channel("shop").channel("ebay", provides=provides)
        .listing("shop", "MUG-RED", shop_stock, tracked=True)
        .listing("ebay", "MUG-RED", None, tracked=False)
        .order("ebay", 2, "MUG-RED", quantity=30)  # 0.5/day over 60 days
    )


def test_untracked_listing_is_found_and_judged_by_the_owner_count():
    outcome = untracked_world().run("SET002")
    [leak] = outcome.leaks
    assert leak.message == (
        "ebay does not track stock for MUG-RED, so it keeps selling it whatever is left on the shelf (shop has 0)."
    )
    assert leak.channels == ["ebay"] and leak.skus == ["MUG-RED"] and leak.keys == ["mugred"]
    ev = leak.evidence
    assert set(ev) == evidence_keys("SET002")
    json.dumps(ev)
    assert ev == {
        "channel": "ebay", "skus": ["MUG-RED"], "real_stock": 0, "stock_from": "shop", "units_per_day": 0.5,
        "days_of_cover": 0.0, "share_at_or_below_zero": 0.5, "share_from": "estimate",
    }
    # 0.5/day × 30 × 50 % = 7.5 oversold orders × (£12 + £8) = £150
    assert leak.money.amount == 150.0
    for part in ("7.5 oversold orders", "0.50/day", "50% of the time with no real stock", "shop stock 0 now", "£150.00"):
        assert part in leak.money.basis
    assert leak.confidence == "medium"


def test_cover_lowers_the_share():
    [leak] = untracked_world(shop_stock=12).run("SET002").leaks
    # 12 ÷ 0.5/day = 24 days of cover -> (30 − 24) ÷ 30 = 20 %; 0.5 × 30 × 0.2 = 3 orders = £60
    assert leak.evidence["share_at_or_below_zero"] == 0.2
    assert leak.money.amount == 60.0
    assert "24.0 days of cover" in leak.money.basis


def test_no_count_anywhere_is_low_confidence():
    outcome = (
        World().channel("shop").listing("shop", "CUP", None, tracked=False).order("shop", 1, "CUP", quantity=60).run("SET002")
    )
    [leak] = outcome.leaks
    assert leak.evidence["real_stock"] is None and leak.evidence["stock_from"] is None
    assert leak.confidence == "low"
    # 1/day × 30 × 5 % = 1.5 orders × £20 = £30
    assert leak.money.amount == 30.0
    assert "stock unknown" in leak.money.basis
    assert leak.message == "shop does not track stock for CUP, so it keeps selling it whatever is left on the shelf."


def test_tracked_unknown_and_draft_listings_are_clean():
    outcome = (
        World().channel("shop").channel("ebay")
        .listing("shop", "MUG-RED", 3, tracked=True).listing("ebay", "MUG-RED", 3, tracked=None)
        .listing("ebay", "OLD", None, tracked=False, status="draft")
        .run("SET002")
    )
    assert outcome.leaks == []
    assert outcome.not_evaluated == []


def test_channel_without_tracking_setting_is_not_evaluated():
    outcome = untracked_world(provides=set(ALL_CAPABILITIES) - {CAP_TRACKED}).run("SET002")
    assert outcome.leaks == []
    [ne] = outcome.not_evaluated
    assert ne.channel == "ebay" and "stock-tracking setting" in ne.why

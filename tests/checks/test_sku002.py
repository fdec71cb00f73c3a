"""SKU002: one code on two different products in one channel."""

import json
import re

from leakcheck.checks.base import all_checks
from leakcheck.model import ALL_CAPABILITIES, CAP_PRODUCT_IDS
from tests.builders import World


def evidence_keys(check_id: str) -> set[str]:
    return set(re.findall(r"^`(\w+)`:", all_checks()[check_id].sections()["Evidence"], re.M))


def shared_world(provides=ALL_CAPABILITIES) -> World:
    return (
        World().channel("shop").channel("ebay", provides=provides)
        .listing("ebay", "MUG-RED", 5, product_id="p1", title="Red mug")
        .listing("ebay", "MUG-RED", 2, product_id="p2", title="Red vase")
        .order("ebay", 5, "MUG-RED", quantity=30)  # 0.5/day over 60 days
    )


def test_one_code_on_two_products_is_found():
    outcome = shared_world().run("SKU002")
    [leak] = outcome.leaks
    assert leak.message == (
        "On ebay the code MUG-RED is used by 2 different products ('Red mug' and 'Red vase'), "
        "so a sync tool gives them one stock number and the stock of one is sold as the other."
    )
    assert leak.channels == ["ebay"] and leak.skus == ["MUG-RED"] and leak.keys == ["mugred"]
    ev = leak.evidence
    assert set(ev) == evidence_keys("SKU002")
    json.dumps(ev)
    assert ev["products"] == [
        {"product_id": "p1", "title": "Red mug", "available": 5},
        {"product_id": "p2", "title": "Red vase", "available": 2},
    ]
    assert ev["smaller_product"] == "p2"
    assert ev["units_per_day"] == 0.5 and ev["share"] == 0.5
    # 0.5/day × 30 days × 1/2 = 7.5 oversold orders × (£12 + £8) = £150
    assert leak.money.amount == 150.0
    for part in ("7.5 oversold orders", "0.50/day", "1/2", "holds 2 units", "£150.00"):
        assert part in leak.money.basis
    assert leak.confidence == "medium"


def test_locations_of_one_product_and_different_codes_are_clean():
    outcome = (
        World().channel("shop")
        .listing("shop", "MUG-RED", 3, product_id="p1", location="A")
        .listing("shop", "MUG-RED", 4, product_id="p1", location="B")
        .listing("shop", "MUG-BLUE", 4, product_id="p2")
        .listing("shop", "TEA", 1)  # no product id: cannot be judged, never a finding
        .listing("shop", "TEA", 1)
        .run("SKU002")
    )
    assert outcome.leaks == []
    assert outcome.not_evaluated == []


def test_same_code_on_two_channels_is_not_shared_within_a_channel():
    outcome = (
        World().channel("shop").channel("ebay")
        .listing("shop", "MUG-RED", 3, product_id="p1").listing("ebay", "MUG-RED", 3, product_id="e9")
        .run("SKU002")
    )
    assert outcome.leaks == []


def test_channel_without_product_ids_is_not_evaluated():
    outcome = shared_world(provides=set(ALL_CAPABILITIES) - {CAP_PRODUCT_IDS}).run("SKU002")
    assert outcome.leaks == []
    [ne] = outcome.not_evaluated
    assert ne.channel == "ebay" and "product identifiers" in ne.why

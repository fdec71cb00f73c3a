"""SKU003: listings on sale with no code at all."""

import json
import re

from leakcheck.checks.base import all_checks
from tests.builders import World


def evidence_keys(check_id: str) -> set[str]:
    return set(re.findall(r"^`(\w+)`:", all_checks()[check_id].sections()["Evidence"], re.M))


def test_listings_without_code_are_found_per_channel():
    outcome = (
        World().channel("shop").channel("ebay")
        .listing("shop", "MUG-RED", 5)
        .listing("ebay", "", 3, title="Red mug", row=7)
        .listing("ebay", "  ", 0, title="Blue mug", row=9)
        .listing("ebay", "MUG-RED", 5)
        .run("SKU003")
    )
    [leak] = outcome.leaks
    assert leak.message == (
        "ebay has 2 listings on sale with no SKU (e.g. 'Red mug', 'Blue mug'), "
        "so no sync tool can match them to your stock."
    )
    assert leak.channels == ["ebay"] and leak.skus == ["", "  "] and leak.keys == []
    ev = leak.evidence
    assert set(ev) == evidence_keys("SKU003")
    json.dumps(ev)
    assert ev == {
        "channel": "ebay", "count": 2, "titles": ["Red mug", "Blue mug"], "rows": [7, 9],
        "with_stock": 1, "units_per_day": 0.2,
    }
    # 2 listings × 0.1/day assumed × 30 days × 10 % = 0.6 oversold orders × (£12 + 40 % of £20) = £12
    assert leak.money.amount == 12.0
    for part in ("0.60 oversold orders", "0.1/day assumed for each of 2 listings", "10%", "£12.00"):
        assert part in leak.money.basis
    assert leak.confidence == "low"


def test_sales_of_code_less_lines_are_used_when_orders_show_them():
    outcome = (
        World().channel("shop")
        .listing("shop", "", 3, title="Gift card")
        .order("shop", 3, "", quantity=60)  # 1/day over 60 days
        .run("SKU003")
    )
    [leak] = outcome.leaks
    assert leak.message.startswith("shop has 1 listing on sale with no SKU (e.g. 'Gift card')")
    assert leak.evidence["units_per_day"] == 1.0
    # 1/day × 30 × 10 % = 3 oversold orders × £20 = £60
    assert leak.money.amount == 60.0
    assert "shop sold 60 units without a code in 60 days" in leak.money.basis


def test_every_listing_with_a_code_is_clean():
    outcome = (
        World().channel("shop").channel("ebay")
        .listing("shop", "MUG-RED", 5).listing("ebay", "MUG-RED", 5)
        .listing("ebay", "", 0, status="draft", title="old draft")  # not on sale, no stock
        .run("SKU003")
    )
    assert outcome.leaks == []
    assert outcome.not_evaluated == []


def test_channel_with_no_listings_is_not_evaluated():
    outcome = World().channel("shop").channel("xero").listing("shop", "", 1).run("SKU003")
    assert [n.channel for n in outcome.not_evaluated] == ["xero"]
    assert [leak.channels for leak in outcome.leaks] == [["shop"]]

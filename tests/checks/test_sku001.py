"""SKU001: one product written two ways is found, and two different codes are never joined."""

import json
import re

import pytest

from leakcheck.checks.base import all_checks
from tests.builders import World


def evidence_keys(check_id: str) -> set[str]:
    return set(re.findall(r"^`(\w+)`:", all_checks()[check_id].sections()["Evidence"], re.M))


def mug_world(amazon_sku: str = "mug-red ") -> World:
    return (
        World().channel("shop").channel("amazon")
        .listing("shop", "MUG-RED", 5).listing("amazon", amazon_sku, 5)
        .order("amazon", 10, amazon_sku, quantity=30)  # 30 in the 60-day window: 0.5/day
    )


def test_trailing_space_and_case_is_one_product_counted_twice():
    outcome = mug_world().run("SKU001")
    assert outcome.not_evaluated == []
    [leak] = outcome.leaks
    assert leak.message == (
        "amazon lists MUG-RED as 'mug-red ' (spaces at the ends, letter case), "
        "so amazon counts its stock separately from shop."
    )
    assert leak.channels == ["shop", "amazon"]
    assert leak.skus == ["MUG-RED", "mug-red "]
    assert leak.keys == ["mugred"]
    ev = leak.evidence
    assert set(ev) == evidence_keys("SKU001")
    json.dumps(ev)
    assert ev["reference"] == "MUG-RED"
    assert ev["reference_channels"] == ["shop"]
    assert ev["spellings"] == {"shop": ["MUG-RED"], "amazon": ["mug-red "]}
    assert ev["differences"] == {"mug-red ": ["spaces at the ends", "letter case"]}
    assert ev["unlinked_channels"] == ["amazon"]
    assert ev["units_per_day_unlinked"] == 0.5
    assert ev["stock"] == 5 and ev["days_of_cover"] == 10.0
    assert ev["last_units_share"] == 0.3  # 3 days ÷ 10 days of cover
    # 0.5/day × 30 days × 0.3 = 4.5 oversold orders × (£12 handling + 40 % of £20) = £90
    assert leak.money.amount == 90.0
    assert leak.money.low < 90.0 < leak.money.high
    for part in ("4.5 oversold orders", "0.50/day", "30 in 60 days", "30%", "10.0 days of cover", "£90.00"):
        assert part in leak.money.basis
    assert leak.confidence == "high"


@pytest.mark.parametrize(
    "a, b, words",
    [
        ("00123", "123", "leading zeros"),
        ("MUG-RED", "МUG-RED", "look-alike characters from another alphabet"),  # Cyrillic М
        ("MUG-RED", "MUG_RED", "spaces or punctuation"),
        ("MUG-RED", "ＭＵＧ-RED", "full-width or compatibility characters"),
    ],
)
def test_every_kind_of_spelling_difference_is_found(a, b, words):
    outcome = World().channel("shop").channel("ebay").listing("shop", a, 3).listing("ebay", b, 3).run("SKU001")
    [leak] = outcome.leaks
    assert words in leak.evidence["differences"][b]
    assert f"ebay lists {a} as '{b}'" in leak.message


@pytest.mark.parametrize("a, b", [("A0123", "A123"), ("BOX-O1", "BOX-01"), ("MUG-RED", "MUG-RED-2"), ("12", "120")])
def test_two_genuinely_different_codes_are_never_joined(a, b):
    outcome = World().channel("shop").channel("amazon").listing("shop", a, 5).listing("amazon", b, 5).run("SKU001")
    assert outcome.leaks == []


def test_clean_world_yields_nothing():
    outcome = (
        World().channel("shop").channel("amazon").channel("ebay")
        .listing("shop", "MUG-RED", 5).listing("amazon", "MUG-RED", 5).listing("ebay", "MUG-RED", 5)
        .listing("shop", "TEA-50G", 2, location="A").listing("shop", "TEA-50G", 1, location="B")
        .run("SKU001")
    )
    assert outcome.leaks == []
    assert outcome.not_evaluated == []


def test_two_spellings_within_one_channel():
    outcome = (
        World().channel("shop").channel("amazon")
        .listing("shop", "MUG-RED", 5).listing("shop", "mug-red", 2).listing("amazon", "MUG-RED", 5)
        .run("SKU001")
    )
    [leak] = outcome.leaks
    assert leak.message == (
        "shop lists MUG-RED also as 'mug-red' (letter case), so its stock is counted separately under each spelling."
    )
    assert leak.evidence["spellings"]["shop"] == ["MUG-RED", "mug-red"]
    assert leak.evidence["unlinked_channels"] == ["shop"]


def test_without_owner_listing_the_most_used_spelling_is_the_reference():
    outcome = (
        World().channel("shop").channel("amazon").channel("ebay").channel("etsy")
        .listing("amazon", "MUG-RED", 5).listing("ebay", "MUG-RED", 5).listing("etsy", "Mug Red", 5)
        .run("SKU001")
    )
    [leak] = outcome.leaks
    assert leak.evidence["reference"] == "MUG-RED"
    assert leak.evidence["reference_channels"] == ["amazon", "ebay"]
    assert leak.evidence["unlinked_channels"] == ["etsy"]
    assert leak.message == (
        "etsy lists MUG-RED as 'Mug Red' (letter case, spaces or punctuation), "
        "so etsy counts its stock separately from amazon and ebay."
    )


def test_no_orders_and_no_stock_prices_the_base_share_with_low_confidence():
    outcome = (
        World().channel("shop").channel("amazon")
        .listing("shop", "MUG-RED", None).listing("amazon", "mug-red", None)
        .run("SKU001")
    )
    [leak] = outcome.leaks
    assert leak.confidence == "low"
    assert leak.evidence["last_units_share"] == 0.1
    assert leak.evidence["days_of_cover"] is None
    # 0.1/day assumed × 30 × 0.1 = 0.3 oversold orders × £20 = £6
    assert leak.money.amount == 6.0
    assert "0.30 oversold orders" in leak.money.basis and "assumed" in leak.money.basis


def test_draft_listing_with_another_spelling_sells_nothing():
    outcome = (
        World().channel("shop").channel("amazon")
        .listing("shop", "MUG-RED", 5).listing("amazon", "mug-red", 0, status="draft")
        .run("SKU001")
    )
    assert outcome.leaks == []


def test_channel_with_no_listings_is_not_evaluated():
    outcome = World().channel("shop").channel("xero").listing("shop", "MUG-RED", 5).run("SKU001")
    assert [(n.channel, "no listings" in n.why) for n in outcome.not_evaluated] == [("xero", True)]

"""BUN003: a bundle names a component that does not exist."""

from leakcheck.checks._bundles import NO_DEFINITIONS
from leakcheck.model import ALL_CAPABILITIES, CAP_BUNDLES
from tests.builders import World

NO_BUNDLES = set(ALL_CAPABILITIES) - {CAP_BUNDLES}


def test_config_bundle_naming_a_missing_part():
    world = (World().channel("shop").listing("shop", "GIFT-BOX", 5).listing("shop", "MUG-RED", 20)
             .listing("shop", "TEA-50G", 7).bundle("GIFT-BOX", {"MUG-RED": 1, "TEA-99G": 2}))
    outcome = world.run("BUN003")
    assert len(outcome.leaks) == 1
    leak = outcome.leaks[0]
    assert leak.message == ("The bundle GIFT-BOX, defined in the config, needs TEA-99G, which no channel lists, "
                            "so none of the GIFT-BOX bundles on sale on shop can be packed.")
    assert leak.evidence == {"bundle": "GIFT-BOX", "defined_in": "config", "offered_on": ["shop"],
                             "missing_components": [{"sku": "TEA-99G", "qty": 2, "nearest": "TEA-50G"}]}
    assert leak.money.amount == 60.0  # every bundle sold (0.1/day assumed = 3 a month) is oversold
    assert "3.0 a month" in leak.money.basis and "£60.00" in leak.money.basis
    assert leak.channels == ["shop"]


def test_platform_bundle_with_a_missing_part_names_its_channel():
    world = (World().channel("shop").channel("amazon").listing("shop", "MUG-RED", 20)
             .listing("amazon", "GIFT-BOX", 5, components={"MUG-RED": 1, "MUG-BLU": 1}))
    for i in range(4):
        world.order("amazon", i + 1, "GIFT-BOX", 1)  # 4 in 60 days = 2 a month
    leak = world.run("BUN003").leaks[0]
    assert leak.evidence["defined_in"] == "amazon"
    assert [p["sku"] for p in leak.evidence["missing_components"]] == ["MUG-BLU"]
    assert leak.money.amount == 40.0 and leak.money.basis.startswith("2 oversold orders a month")
    assert leak.confidence == "high"


def test_bundle_nobody_offers_is_low_and_costs_nothing_yet():
    world = World().channel("shop").listing("shop", "MUG-RED", 20).bundle("GIFT-BOX", {"MUG-RED": 1, "TEA-99G": 2})
    leak = world.run("BUN003").leaks[0]
    assert leak.money is None and leak.severity.value == "low"
    assert "no channel offers it yet" in leak.message


def test_all_parts_present_passes_whatever_their_spelling():
    world = (World().channel("shop").listing("shop", "GIFT-BOX", 5).listing("shop", "MUG-RED", 0)
             .listing("shop", "TEA-50G", 0, status="draft").bundle("GIFT-BOX", {"mug red": 1, "TEA-50G": 2}))
    outcome = world.run("BUN003")
    assert outcome.ran and outcome.leaks == []


def test_no_bundle_definitions_is_not_evaluated():
    outcome = World().channel("shop").listing("shop", "GIFT-BOX", 10).run("BUN003")
    assert outcome.leaks == [] and [(n.channel, n.why) for n in outcome.not_evaluated] == [(None, NO_DEFINITIONS)]


def test_channel_that_cannot_tell_its_bundles_is_listed():
    world = (World().channel("shop").channel("woo", type="woocommerce", provides=NO_BUNDLES)
             .listing("shop", "MUG-RED", 20).listing("shop", "GIFT-BOX", 5).bundle("GIFT-BOX", {"MUG-RED": 1}))
    outcome = world.run("BUN003")
    assert outcome.leaks == []
    assert [n.channel for n in outcome.not_evaluated] == ["woo"]
    assert outcome.not_evaluated[0].why.startswith("no bundle definitions of its own")

"""BUN001: a bundle offers more than its components allow."""

from leakcheck.checks._bundles import NO_DEFINITIONS
from leakcheck.model import ALL_CAPABILITIES, CAP_BUNDLES, CAP_STOCK
from tests.builders import World

NO_STOCK = set(ALL_CAPABILITIES) - {CAP_STOCK}
NO_BUNDLES = set(ALL_CAPABILITIES) - {CAP_BUNDLES}


def gift_box(offered: int = 10, tea: int = 7) -> World:
    return (World().channel("shop").listing("shop", "GIFT-BOX", offered).listing("shop", "MUG-RED", 20)
            .listing("shop", "TEA-50G", tea).bundle("GIFT-BOX", {"MUG-RED": 1, "TEA-50G": 2}))


def test_gift_box_offering_more_than_its_tea_allows():
    outcome = gift_box().run("BUN001")
    assert len(outcome.leaks) == 1
    leak = outcome.leaks[0]
    assert leak.message == ("Shop offers 10 of the bundle GIFT-BOX but its parts make only 3 "
                            "(TEA-50G: 7 in stock, 2 per bundle).")
    assert leak.evidence == {
        "bundle": "GIFT-BOX", "channel": "shop", "location": None, "offered": 10, "allowed": 3,
        "limiting_component": "TEA-50G",
        "components": [{"sku": "MUG-RED", "qty": 1, "available": 20, "counted_on": "shop"},
                       {"sku": "TEA-50G", "qty": 2, "available": 7, "counted_on": "shop"}],
        "defined_in": "config", "export_gap_hours": None,
    }
    # 7 bundles too many, but only 3 a month sell (0.1/day assumed): 3 × (£12 + 40% of £20)
    assert leak.money.amount == 60.0
    assert "7 bundles" in leak.money.basis and "3.0 a month" in leak.money.basis and "£60.00" in leak.money.basis


def test_platform_bundle_counts_parts_on_the_owner_when_the_channel_does_not_list_them():
    world = (World().channel("shop").channel("amazon").listing("shop", "MUG-RED", 2).listing("shop", "TEA-50G", 30)
             .listing("amazon", "GIFT-BOX", 5, components={"mug-red": 1, "TEA-50G": 2}))
    for i in range(2):  # 2 bundles in 60 days = 1 a month
        world.order("amazon", i + 1, "GIFT-BOX", 1)
    leak = world.run("BUN001").leaks[0]
    assert leak.evidence["allowed"] == 2 and leak.evidence["limiting_component"] == "MUG-RED"
    assert leak.evidence["defined_in"] == "amazon"
    assert [c["counted_on"] for c in leak.evidence["components"]] == ["shop", "shop"]
    assert leak.channels == ["amazon", "shop"]
    assert leak.money.amount == 20.0 and leak.money.basis.startswith("1 oversold orders a month")


def test_per_location_bundle_is_judged_by_the_parts_at_that_location():
    world = (World().channel("shop")
             .listing("shop", "GIFT-BOX", 4, location="Leeds").listing("shop", "GIFT-BOX", 2, location="York")
             .listing("shop", "TEA-50G", 2, location="Leeds").listing("shop", "TEA-50G", 10, location="York")
             .listing("shop", "MUG-RED", 10, location="Leeds").listing("shop", "MUG-RED", 10, location="York")
             .bundle("GIFT-BOX", {"MUG-RED": 1, "TEA-50G": 2}))
    leaks = world.run("BUN001").leaks
    # in total 6 boxes against 12 tea (6 boxes) would pass; Leeds alone has tea for 1
    assert len(leaks) == 1
    leak = leaks[0]
    assert leak.evidence["location"] == "Leeds" and leak.evidence["offered"] == 4 and leak.evidence["allowed"] == 1
    assert leak.evidence["components"][1] == {"sku": "TEA-50G", "qty": 2, "available": 2, "counted_on": "shop at Leeds"}
    assert "GIFT-BOX at Leeds" in leak.message


def test_bundle_within_what_its_parts_allow_passes():
    outcome = gift_box(offered=3).run("BUN001")
    assert outcome.ran and outcome.leaks == []


def test_draft_bundle_is_not_offered():
    world = gift_box()
    world.snapshot.channels["shop"].listings[0].status = "draft"
    assert gift_box().run("BUN001").leaks and world.run("BUN001").leaks == []


def test_no_bundle_definitions_is_not_evaluated():
    world = World().channel("shop").listing("shop", "GIFT-BOX", 10).listing("shop", "TEA-50G", 1)
    outcome = world.run("BUN001")
    assert outcome.leaks == []
    assert [(n.channel, n.why) for n in outcome.not_evaluated] == [(None, NO_DEFINITIONS)]


def test_channel_without_stock_or_bundles_is_listed():
    world = gift_box().channel("amazon", provides=NO_STOCK).channel("ebay", provides=NO_BUNDLES)
    world.listing("amazon", "GIFT-BOX", 10).listing("ebay", "GIFT-BOX", 10)
    outcome = world.run("BUN001")
    skipped = {n.channel: n.why for n in outcome.not_evaluated}
    assert "stock quantities" in skipped["amazon"]
    assert "no bundle definitions" in skipped["ebay"]
    # ebay is still checked against the config's bundle, with parts counted on the owner
    assert sorted(leak.evidence["channel"] for leak in outcome.leaks) == ["ebay", "shop"]


def test_parts_counted_on_an_owner_exported_days_apart_lower_confidence():
    world = (World().channel("shop").channel("amazon").listing("shop", "TEA-50G", 7).listing("shop", "MUG-RED", 9)
             .listing("amazon", "GIFT-BOX", 10).bundle("GIFT-BOX", {"MUG-RED": 1, "TEA-50G": 2}))
    world.order("amazon", 1, "GIFT-BOX", 1)
    world.snapshot.channels["shop"].exported_at -= 48 * 3600
    leak = world.run("BUN001").leaks[0]
    assert leak.evidence["export_gap_hours"] == 48.0 and leak.confidence == "medium"
    assert leak.message.endswith("though the two exports were taken 48 hours apart.")

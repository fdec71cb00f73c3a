"""BUN002: a bundle's stock is kept by hand, not derived from its components."""

from leakcheck.checks._bundles import NO_DEFINITIONS
from leakcheck.model import ALL_CAPABILITIES, CAP_STOCK
from tests.builders import World

NO_STOCK = set(ALL_CAPABILITIES) - {CAP_STOCK}


def gift_box(offered: int = 10, **kw) -> World:
    return (World().channel("shop").listing("shop", "GIFT-BOX", offered, **kw).listing("shop", "MUG-RED", 20)
            .listing("shop", "TEA-50G", 7).bundle("GIFT-BOX", {"MUG-RED": 1, "TEA-50G": 2}))


def test_bundle_count_that_differs_from_its_parts_is_kept_by_hand():
    world = gift_box()
    for i in range(6):  # tea: 6 in 60 days = 3 a month = 1.5 boxes' worth; the box: 2 in 60 days = 1 a month
        world.order("shop", i + 1, "TEA-50G", 1)
    for i in range(2):
        world.order("shop", i + 1, "GIFT-BOX", 1)
    leaks = world.run("BUN002").leaks
    assert len(leaks) == 1
    leak = leaks[0]
    assert leak.message == ("Shop shows 10 of the bundle GIFT-BOX while its parts make 3, so its stock is a "
                            "number of its own that drifts with every sale of a part.")
    assert leak.evidence == {"bundle": "GIFT-BOX", "channel": "shop", "offered": 10, "derived": 3,
                             "locations": [{"location": None, "offered": 10, "derived": 3}], "writers": [],
                             "limiting_component": "TEA-50G", "defined_in": "config"}
    assert leak.money.amount == 20.0  # min(1.5, 1) box a month × (£12 + £8)
    assert "1.5 bundles' worth of TEA-50G" in leak.money.basis and "2 per bundle" in leak.money.basis
    assert leak.confidence == "medium"


def test_staff_setting_the_bundle_is_found_even_when_it_matches_today():
    world = gift_box(offered=3).event("shop", 5, "GIFT-BOX", quantity_after=3, writer="Jane", writer_kind="staff")
    leak = world.run("BUN002").leaks[0]
    assert leak.evidence["writers"] == [{"writer": "Jane", "kind": "staff", "changes": 1, "last_set_to": 3}]
    assert leak.evidence["offered"] == leak.evidence["derived"] == 3
    assert "set by hand (Jane changed it once" in leak.message
    assert leak.money.amount == 30.0  # min(1.5 assumed, 3 assumed) × £20


def test_derived_bundles_and_matching_app_kept_bundles_pass():
    derived = gift_box(stock_derived=True)  # the platform works it out, whatever the export says
    app_kept = gift_box(offered=3).event("shop", 5, "GIFT-BOX", quantity_after=3, writer="Bundler", writer_kind="app")
    assert derived.run("BUN002").leaks == [] and derived.run("BUN002").ran
    assert app_kept.run("BUN002").leaks == []
    assert gift_box(offered=3).run("BUN002").leaks == []


def packed_at_the_warehouse(boxes: int) -> World:
    """Boxes packed at the warehouse from its stock; the shop floor holds more tea, but no boxes."""
    return (World().channel("shop")
            .listing("shop", "GIFT-BOX", boxes, location="Warehouse")
            .listing("shop", "MUG-RED", 10, location="Warehouse").listing("shop", "MUG-RED", 10, location="Shop floor")
            .listing("shop", "TEA-50G", 6, location="Warehouse").listing("shop", "TEA-50G", 8, location="Shop floor")
            .bundle("GIFT-BOX", {"MUG-RED": 1, "TEA-50G": 2}))


def test_per_location_bundle_matching_the_parts_at_its_location_is_derived():
    # the warehouse's tea makes 3 boxes; all the tea (14) would make 7: the total is not what packs boxes
    outcome = packed_at_the_warehouse(3).event("shop", 5, "GIFT-BOX", location="Warehouse", quantity_after=3,
                                               writer="Bundler", writer_kind="app").run("BUN002")
    assert outcome.ran and outcome.leaks == []


def test_per_location_bundle_differing_from_the_parts_at_its_location_is_found():
    [leak] = packed_at_the_warehouse(7).run("BUN002").leaks  # 7 is what all the tea makes, not the warehouse's
    assert leak.message == ("Shop shows 7 of the bundle GIFT-BOX at Warehouse while its parts there make 3, so its "
                            "stock is a number of its own that drifts with every sale of a part.")
    assert leak.evidence["offered"] == 7 and leak.evidence["derived"] == 3
    assert leak.evidence["locations"] == [{"location": "Warehouse", "offered": 7, "derived": 3}]
    assert leak.evidence["limiting_component"] == "TEA-50G"


def test_staff_setting_a_per_location_bundle_is_found_even_when_it_matches_its_location():
    world = packed_at_the_warehouse(3).event("shop", 5, "GIFT-BOX", location="Warehouse", quantity_after=3,
                                             writer="Sam", writer_kind="staff")
    [leak] = world.run("BUN002").leaks
    assert "Sam changed it once; it shows 3 at Warehouse while its parts there make 3" in leak.message
    assert leak.evidence["locations"] == [{"location": "Warehouse", "offered": 3, "derived": 3}]


def test_bundle_at_two_locations_is_judged_at_each():
    world = (packed_at_the_warehouse(3).listing("shop", "GIFT-BOX", 2, location="Shop floor"))
    [leak] = world.run("BUN002").leaks  # the warehouse's 3 is right; the shop floor's tea (8) makes 4, not 2
    assert leak.evidence["offered"] == 5 and leak.evidence["derived"] == 7
    assert leak.evidence["locations"] == [{"location": "Shop floor", "offered": 2, "derived": 4},
                                          {"location": "Warehouse", "offered": 3, "derived": 3}]
    assert "2 of the bundle GIFT-BOX at Shop floor while its parts there make 4" in leak.message
    assert packed_at_the_warehouse(3).listing("shop", "GIFT-BOX", 4, location="Shop floor").run("BUN002").leaks == []


def test_no_bundle_definitions_is_not_evaluated():
    outcome = World().channel("shop").listing("shop", "GIFT-BOX", 10).run("BUN002")
    assert outcome.leaks == [] and [(n.channel, n.why) for n in outcome.not_evaluated] == [(None, NO_DEFINITIONS)]


def test_channel_without_stock_is_not_evaluated():
    world = gift_box(offered=3).channel("amazon", provides=NO_STOCK).listing("amazon", "GIFT-BOX", 10)
    outcome = world.run("BUN002")
    assert outcome.leaks == []
    assert [n.channel for n in outcome.not_evaluated] == ["amazon"]

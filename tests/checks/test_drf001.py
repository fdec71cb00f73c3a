"""DRF001: a channel offers more than the owner has (phantom stock)."""

from leakcheck.model import ALL_CAPABILITIES, CAP_STOCK
from tests.builders import AS_OF, HOUR, World

NO_STOCK = set(ALL_CAPABILITIES) - {CAP_STOCK}


def brief_world() -> World:
    return World().channel("shop").channel("amazon").listing("shop", "TEA-50G", 4).listing("amazon", "TEA-50G", 12)


def test_channel_offering_more_than_the_owner_is_phantom_stock():
    outcome = brief_world().run("DRF001")
    assert outcome.ran and len(outcome.leaks) == 1
    leak = outcome.leaks[0]
    assert leak.message == "Amazon offers 12 of TEA-50G but shop, which owns the count, has 4."
    assert leak.evidence == {"owner": "shop", "channel": "amazon", "owner_available": 4, "channel_available": 12,
                             "excess": 8, "export_gap_hours": None}
    assert leak.channels == ["shop", "amazon"] and leak.keys == ["tea50g"]
    # no order history: 0.1/day assumed = 3 a month, fewer than the 8 phantom units; (12 + 40% of 20) each
    assert leak.money.amount == 60.0
    assert "8 units" in leak.money.basis and "3.0 a month" in leak.money.basis and "£60.00" in leak.money.basis
    assert leak.confidence == "medium"  # demand assumed


def test_money_is_capped_by_the_channels_own_demand():
    world = brief_world().order("amazon", 24, "TEA-50G", 2)  # 2 in 60 days = 1 a month
    leak = world.run("DRF001").leaks[0]
    assert leak.money.amount == 20.0
    assert leak.money.basis.startswith("1 oversold orders a month")
    assert "2 in 60 days" in leak.money.basis
    assert leak.confidence == "high"


def test_excess_is_capped_at_the_phantom_units():
    world = brief_world()
    for i in range(60):  # 60 in 60 days = 30 a month, more than the 8 phantom units
        world.order("amazon", i + 1, "TEA-50G", 1)
    leak = world.run("DRF001").leaks[0]
    assert leak.money.amount == 8 * 20.0
    assert leak.money.basis.startswith("8 oversold orders a month")


def test_negative_owner_counts_as_zero_and_locations_are_summed():
    world = (World().channel("shop").channel("amazon").listing("shop", "TEA-50G", -2)
             .listing("amazon", "TEA-50G", 2, location="EU").listing("amazon", "TEA-50G", 1, location="UK"))
    leaks = world.run("DRF001").leaks
    assert len(leaks) == 1  # one finding per product per channel
    assert leaks[0].evidence["channel_available"] == 3 and leaks[0].evidence["excess"] == 3


def test_exports_far_apart_lower_confidence_and_say_so():
    world = brief_world().order("amazon", 24, "TEA-50G", 2)
    world.snapshot.channels["amazon"].exported_at = AS_OF - 30 * HOUR
    leak = world.run("DRF001").leaks[0]
    assert leak.evidence["export_gap_hours"] == 30.0
    assert leak.confidence == "medium"
    assert "30 hours apart" in leak.message


def test_clean_world_passes():
    world = (World().channel("shop").channel("amazon").listing("shop", "TEA-50G", 12)
             .listing("amazon", "TEA-50G", 12).listing("shop", "MUG-RED", 5).listing("amazon", "MUG-RED", 3))
    outcome = world.run("DRF001")
    assert outcome.ran and outcome.leaks == [] and outcome.not_evaluated == []


def test_draft_listing_is_not_offered():
    world = (World().channel("shop").channel("amazon").listing("shop", "TEA-50G", 4)
             .listing("amazon", "TEA-50G", 12, status="draft"))
    assert world.run("DRF001").leaks == []


def test_channel_without_stock_is_not_evaluated():
    world = (World().channel("shop").channel("amazon", provides=NO_STOCK)
             .listing("shop", "TEA-50G", 4).listing("amazon", "TEA-50G", 12))
    outcome = world.run("DRF001")
    assert outcome.leaks == []
    assert [n.channel for n in outcome.not_evaluated] == ["amazon"]
    assert "stock quantities" in outcome.not_evaluated[0].why


def test_owner_without_stock_is_not_evaluated_at_all():
    world = (World().channel("shop", provides=NO_STOCK).channel("amazon")
             .listing("shop", "TEA-50G", 4).listing("amazon", "TEA-50G", 12))
    outcome = world.run("DRF001")
    assert not outcome.ran and outcome.leaks == []
    assert outcome.not_evaluated[0].channel == "shop"


def test_code_used_for_two_products_is_left_to_sku002():
    # amazon's one code covers two different products there: its 12 is two products' stock added up
    world = (World().channel("shop").channel("amazon")
             .listing("shop", "CANDLE-CEDAR", 9, product_id="cedar-candle")
             .listing("amazon", "CANDLE-CEDAR", 6, product_id="cedar-candle")
             .listing("amazon", "CANDLE-CEDAR", 6, product_id="reed-diffuser"))
    outcome = world.run("DRF001")
    assert outcome.ran and outcome.leaks == []
    world.snapshot.channels["amazon"].listings[1].product_id = "cedar-candle"  # one product: 12 offered, 3 phantom
    assert [leak.evidence["excess"] for leak in world.run("DRF001").leaks] == [3]

"""DRF003: stock below zero."""

from leakcheck.model import ALL_CAPABILITIES, CAP_STOCK
from tests.builders import World

NO_STOCK = set(ALL_CAPABILITIES) - {CAP_STOCK}


def test_negative_available_is_owed_now():
    outcome = World().channel("shop").listing("shop", "TEA-50G", -3).run("DRF003")
    assert len(outcome.leaks) == 1
    leak = outcome.leaks[0]
    assert leak.message == "Shop shows -3 of TEA-50G: 3 units are already sold that are not there."
    assert leak.evidence == {"channel": "shop", "available": -3, "on_hand": None, "units_below_zero": 3,
                             "locations": [{"location": "", "available": -3, "on_hand": None}]}
    assert leak.money.amount == 3 * (12 + 8)
    assert leak.money.basis.startswith("3 orders already oversold") and "£60.00" in leak.money.basis


def test_one_location_below_zero_is_found_even_when_the_total_is_not():
    world = (World().channel("shop").listing("shop", "TEA-50G", -2, location="Leeds")
             .listing("shop", "TEA-50G", 5, location="York"))
    leak = world.run("DRF003").leaks[0]
    assert leak.evidence["units_below_zero"] == 2 and leak.evidence["available"] == 3
    assert "at Leeds" in leak.message
    assert leak.money.amount == 40.0


def test_negative_on_hand_counts():
    leak = World().channel("shop").listing("shop", "TEA-50G", 0, on_hand=-4).run("DRF003").leaks[0]
    assert leak.evidence["units_below_zero"] == 4 and leak.evidence["on_hand"] == -4


def test_clean_world_passes():
    world = (World().channel("shop").channel("amazon").listing("shop", "TEA-50G", 0, on_hand=0)
             .listing("amazon", "TEA-50G", 3).listing("shop", "MUG-RED", None))
    outcome = world.run("DRF003")
    assert outcome.ran and outcome.leaks == []


def test_channel_without_stock_is_not_evaluated():
    world = World().channel("shop").channel("till", provides=NO_STOCK).listing("till", "TEA-50G", -3)
    outcome = world.run("DRF003")
    assert outcome.leaks == []
    assert [n.channel for n in outcome.not_evaluated] == ["till"]

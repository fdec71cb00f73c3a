"""DRF002: a channel shows less, or sold out, while the owner has stock (hidden stock)."""

from leakcheck.model import ALL_CAPABILITIES, CAP_STOCK
from tests.builders import World

NO_STOCK = set(ALL_CAPABILITIES) - {CAP_STOCK}


def test_sold_out_channel_while_owner_has_stock():
    world = World().channel("shop").channel("amazon").listing("shop", "TEA-50G", 9).listing("amazon", "TEA-50G", 0)
    world.order("shop", 24, "TEA-50G", 4)  # shop: 4 in 60 days = 2 a month; amazon has none to measure
    leaks = world.run("DRF002").leaks
    assert len(leaks) == 1
    leak = leaks[0]
    assert leak.message == "Amazon shows TEA-50G as sold out while shop, which owns the count, has 9 in stock."
    assert leak.evidence == {"owner": "shop", "channel": "amazon", "owner_available": 9, "channel_available": 0,
                             "shortfall": 9, "export_gap_hours": None}
    # 1/2 share of 2 a month = 1 missed sale × £20 × 40% × 50% = £4
    assert leak.money.amount == 4.0
    assert "1/2 share" in leak.money.basis and "4 in 60 days" in leak.money.basis and "£4.00" in leak.money.basis


def test_partial_shortfall_uses_the_channels_demand_beyond_what_it_shows():
    world = World().channel("shop").channel("amazon").listing("shop", "TEA-50G", 10).listing("amazon", "TEA-50G", 3)
    for i in range(30):  # amazon sells 30 in 60 days = 15 a month: 12 beyond the 3 shown, capped at 7 hidden
        world.order("amazon", i + 1, "TEA-50G", 1)
    leak = world.run("DRF002").leaks[0]
    assert leak.message == "Amazon shows only 3 of TEA-50G while shop, which owns the count, has 10."
    assert leak.evidence["shortfall"] == 7
    assert leak.money.amount == 7 * 20 * 0.4 * 0.5
    assert leak.money.basis.startswith("7 sales a month missed") and "beyond the 3 it shows" in leak.money.basis
    assert leak.confidence == "high"


def test_small_differences_pass():
    world = (World().channel("shop").channel("amazon")
             .listing("shop", "TEA-50G", 20).listing("amazon", "TEA-50G", 17)  # 3 short, under 20 %
             .listing("shop", "MUG-RED", 10).listing("amazon", "MUG-RED", 9)  # 1 short
             .listing("shop", "MUG-BLU", 0).listing("amazon", "MUG-BLU", 0)  # nothing to hide
             .listing("shop", "CUP", 5).listing("amazon", "CUP", 0, status="archived"))  # not offered on purpose
    outcome = world.run("DRF002")
    assert outcome.ran and outcome.leaks == []


def test_threshold_beyond_a_two_unit_buffer_and_twenty_percent():
    def shortfalls(owner: int, shown: int) -> list[int]:
        world = (World().channel("shop").channel("amazon")
                 .listing("shop", "TEA-50G", owner).listing("amazon", "TEA-50G", shown))
        return [leak.evidence["shortfall"] for leak in world.run("DRF002").leaks]

    assert shortfalls(10, 8) == []  # 2 held back: a safety buffer, as SET003 asks of fast movers
    assert shortfalls(10, 7) == [3]
    assert shortfalls(2, 0) == []  # the buffer shows the channel sold out over the owner's last 2
    assert shortfalls(3, 0) == [3]
    assert shortfalls(25, 21) == []  # 4 short but under 20 %: a sale in flight
    assert shortfalls(20, 16) == [4]  # 4 short is 20 %


def test_channel_without_stock_is_not_evaluated():
    world = (World().channel("shop").channel("amazon", provides=NO_STOCK)
             .listing("shop", "TEA-50G", 9).listing("amazon", "TEA-50G", 0))
    outcome = world.run("DRF002")
    assert outcome.leaks == []
    assert [n.channel for n in outcome.not_evaluated] == ["amazon"]


def test_code_the_owner_uses_for_two_products_is_left_to_sku002():
    # the diffuser page kept the candle's code: the owner's 17 is two products' stock, amazon's 9 the candle's
    world = (World().channel("shop").channel("amazon")
             .listing("shop", "CANDLE-CEDAR", 8, product_id="reed-diffuser", location="Shop")
             .listing("shop", "CANDLE-CEDAR", 9, product_id="cedar-candle", location="Shop")
             .listing("amazon", "CANDLE-CEDAR", 9))
    outcome = world.run("DRF002")
    assert outcome.ran and outcome.leaks == []
    # one product over two locations is still one product, and its shortfall is found
    one = (World().channel("shop").channel("amazon")
           .listing("shop", "CANDLE-CEDAR", 8, product_id="cedar-candle", location="Shop")
           .listing("shop", "CANDLE-CEDAR", 9, product_id="cedar-candle", location="Warehouse")
           .listing("amazon", "CANDLE-CEDAR", 9))
    assert [leak.evidence["shortfall"] for leak in one.run("DRF002").leaks] == [8]

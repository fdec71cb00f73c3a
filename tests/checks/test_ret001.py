"""RET001: returns and cancellations that never came back into stock."""

from leakcheck.model import ALL_CAPABILITIES, CAP_RESTOCKS
from tests.builders import World

DAY_H = 24
NO_RESTOCKS = set(ALL_CAPABILITIES) - {CAP_RESTOCKS}


def test_cancelled_and_refunded_units_not_restocked():
    world = (World().channel("shop").listing("shop", "TEA-50G", 5)
             .order("shop", 20 * DAY_H, "TEA-50G", 2, order_id="1001", status="cancelled", restocked_quantity=0)
             .order("shop", 3 * DAY_H, "TEA-50G", 3, order_id="1002", refunded_quantity=2, restocked_quantity=1)
             .order("shop", 2 * DAY_H, "TEA-50G", 1, order_id="1003"))
    outcome = world.run("RET001")
    assert len(outcome.leaks) == 1
    leak = outcome.leaks[0]
    assert leak.message == "On shop, 3 units of TEA-50G from 2 cancelled or refunded orders never went back into stock."
    assert leak.evidence == {
        "channel": "shop", "lines": 2, "units_not_restocked": 3,
        "examples": [
            {"order_id": "1002", "time": "2026-09-18T14:13:20Z", "sku": "TEA-50G", "units": 1, "status": "fulfilled"},
            {"order_id": "1001", "time": "2026-09-01T14:13:20Z", "sku": "TEA-50G", "units": 2, "status": "cancelled"},
        ],
    }
    # 3 units in 60 days = 1.5 a month × £20 × 40 % × 50 % = £6
    assert leak.money.amount == 6.0
    assert "3 units not restocked in 60 days" in leak.money.basis and "1.5 a month" in leak.money.basis
    assert leak.confidence == "medium"  # a refund may rightly stay out of stock


def test_cancellations_alone_are_high_confidence():
    world = World().channel("shop").order("shop", 5 * DAY_H, "TEA-50G", 4, status="cancelled", restocked_quantity=1)
    leak = world.run("RET001").leaks[0]
    assert leak.evidence["units_not_restocked"] == 3 and leak.confidence == "high"
    assert leak.message == "On shop, 3 units of TEA-50G from 1 cancelled order never went back into stock."


def test_restocked_or_unknown_lines_pass():
    world = (World().channel("shop")
             .order("shop", 5 * DAY_H, "TEA-50G", 2, status="cancelled", restocked_quantity=2)
             .order("shop", 5 * DAY_H, "TEA-50G", 2, status="refunded", refunded_quantity=2, restocked_quantity=2)
             .order("shop", 5 * DAY_H, "MUG-RED", 1, status="refunded", refunded_quantity=1)  # cannot say
             .order("shop", 5 * DAY_H, "MUG-RED", 1, restocked_quantity=0))  # not refunded
    outcome = world.run("RET001")
    assert outcome.ran and outcome.leaks == []


def test_channel_without_restock_records_is_not_evaluated():
    world = (World().channel("shop", type="shopify", provides=NO_RESTOCKS)
             .order("shop", 5 * DAY_H, "TEA-50G", 2, status="cancelled", restocked_quantity=0))
    outcome = world.run("RET001")
    assert outcome.leaks == [] and not outcome.ran
    assert [(n.channel, n.why) for n in outcome.not_evaluated] == [
        ("shop", "no restock records on returns in what was read")]

"""WRT001: several writers on one channel's stock of the same products."""

from __future__ import annotations

from leakcheck.model import ALL_CAPABILITIES, CAP_WRITERS
from tests.builders import World

SKUS = ["MUG-RED", "MUG-BLUE", "TEA-50G"]
NO_WRITERS = [c for c in ALL_CAPABILITIES if c != CAP_WRITERS]


def world() -> World:
    w = World().channel("shop").channel("amazon")
    for sku in SKUS:
        w.listing("shop", sku).listing("amazon", sku, price=25.0)
        for k in range(12):  # amazon sells 12 of each in 60 days: 0.2/day
            w.order("amazon", 10 + k * 100, sku)
    for h in range(0, 48, 4):  # the sync app sets every product every 4 hours
        for sku in SKUS:
            w.event("amazon", h, sku, quantity_after=8, writer="SyncMaster", writer_kind="app")
    for k in range(10):  # sales are not writers
        w.event("amazon", k + 0.5, SKUS[k % 3], change=-1, writer=f"order #{k}", writer_kind="order")
    return w


def test_one_writer_passes():
    outcome = world().run("WRT001")
    assert outcome.ran and outcome.leaks == []


def test_two_writers_on_the_same_products_are_found():
    w = world()
    for h in (3, 20, 30):  # an inventory tool and two people also set MUG-RED and TEA-50G
        w.event("amazon", h, "MUG-RED", quantity_after=5, writer="StockPilot", writer_kind="integration")
        w.event("amazon", h + 1, "TEA-50G", quantity_after=2, writer="StockPilot", writer_kind="integration")
    w.event("amazon", 7, "MUG-RED", change=3, writer="Ann", writer_kind="staff")
    w.event("amazon", 9, "MUG-RED", change=-1, writer="Bob", writer_kind="staff")
    outcome = w.run("WRT001")
    assert len(outcome.leaks) == 1
    leak = outcome.leaks[0]
    assert leak.message == (
        "3 writers change amazon's stock of the same 2 products (StockPilot, SyncMaster and staff by hand), "
        "so whichever writes last wins, right or wrong."
    )
    ev = leak.evidence
    assert ev["writers"] == [
        {"writer": "StockPilot", "kind": "integration", "events": 6, "products": 2},
        {"writer": "SyncMaster", "kind": "app", "events": 36, "products": 2},
        {"writer": "staff", "kind": "staff", "events": 2, "products": 1, "people": ["Ann", "Bob"]},
    ]
    assert ev["shared_products"] == 2
    assert ev["examples"][0] == {"sku": "MUG-RED", "writers": ["StockPilot", "SyncMaster", "staff"]}
    assert leak.keys == ["mugred", "tea50g"]
    m = leak.money
    # 0.2/day × 30 × 5 % = 0.3 oversold a month × (£12 + 40 % of £25) = £6.60 a product, two products
    assert m.amount == 13.2
    assert "5% of its sales assumed oversold" in m.basis and "0.20/day" in m.basis and "£6.60" in m.basis
    assert leak.confidence == "high"


def test_writers_on_different_products_pass():
    w = world()
    w.listing("amazon", "JAM-01")
    w.event("amazon", 5, "JAM-01", quantity_after=4, writer="StockPilot", writer_kind="integration")
    assert w.run("WRT001").leaks == []


def test_channel_without_writers_is_not_evaluated():
    w = world()
    w.channel("till", provides=NO_WRITERS).listing("till", "MUG-RED")
    w.event("till", 3, "MUG-RED", quantity_after=1)
    outcome = w.run("WRT001")
    assert any(n.channel == "till" and "who changed stock" in n.why for n in outcome.not_evaluated)


def owner_world() -> World:
    """The owner's count is adjusted by goods-in, the till's sales and a bundle app: all deltas."""
    w = World().channel("shop").channel("till")
    for sku in SKUS:
        w.listing("shop", sku, 30).listing("till", sku, 30)
    for k in range(6):
        for sku in SKUS:
            w.event("shop", 100 - k * 10, sku, change=12, writer="Warehouse goods-in", writer_kind="integration",
                    reason="goods in")
            w.event("shop", 99 - k * 10, sku, change=-1, writer="Square sync", writer_kind="integration",
                    reason="till order")
            w.event("shop", 98 - k * 10, sku, change=-2, writer="Bundle Builder", writer_kind="app",
                    reason="sold in GIFT-BOX")
    return w


def test_adjustments_from_several_integrations_on_the_owner_are_its_job():
    outcome = owner_world().run("WRT001")
    assert outcome.ran and outcome.leaks == []


def test_two_writers_setting_the_owners_count_do_fight():
    w = owner_world()
    for k in range(3):  # a stock app and staff both type in MUG-RED's count on the shop
        w.event("shop", 95 - k * 10, "MUG-RED", quantity_after=40, writer="StockPilot", writer_kind="app")
        w.event("shop", 93 - k * 10, "MUG-RED", quantity_after=37, writer="Ann", writer_kind="staff")
    leak = w.run("WRT001").leaks[0]
    assert leak.channels == ["shop"] and leak.keys == ["mugred"]
    assert [(x["writer"], x["events"]) for x in leak.evidence["writers"]] == [("StockPilot", 3), ("staff", 3)]

"""WRT003: no owner of the count, or writers on other channels that bypass the owner."""

from __future__ import annotations

from leakcheck.model import ALL_CAPABILITIES, CAP_WRITERS
from tests.builders import World

NO_WRITERS = [c for c in ALL_CAPABILITIES if c != CAP_WRITERS]


def world(owner: str | None = "shop") -> World:
    w = World(owner=owner).channel("shop").channel("amazon")
    for sku in ("MUG-RED", "TEA-50G"):
        w.listing("shop", sku, price=20.0).listing("amazon", sku, price=20.0)
        for k in range(15):  # 15 sales of each on each channel in 60 days: 0.25/day per channel
            w.order("shop", 3 + k * 90, sku).order("amazon", 7 + k * 90, sku)
    for h in range(0, 48, 6):  # the sync app writes both the shop and amazon: it carries the owner's count
        w.event("shop", h + 0.1, "MUG-RED", change=-1, writer="SyncMaster", writer_kind="app")
        w.event("amazon", h, "MUG-RED", quantity_after=5, writer="SyncMaster", writer_kind="app")
    return w


def test_no_owner_is_found():
    outcome = world(owner=None).run("WRT003")
    assert len(outcome.leaks) == 1
    leak = outcome.leaks[0]
    assert leak.message == (
        "No channel is named the owner of the count, so when amazon and shop disagree about stock, "
        "nobody's number is the truth."
    )
    assert leak.evidence == {
        "channel": None, "writers_not_owner": [], "events": 0, "products": 2,
        "top_products": [{"sku": "MUG-RED", "amount": 6.0}, {"sku": "TEA-50G", "amount": 6.0}],
    }
    # 0.5/day across both channels × 30 × 2 % = 0.3 a month × (£12 + £8) = £6 a product, two products
    m = leak.money
    assert m.amount == 12.0
    assert "2% of MUG-RED's sales assumed oversold" in m.basis and "0.50/day across all channels" in m.basis
    assert leak.confidence == "medium"


def test_owner_and_its_sync_pass():
    outcome = world().run("WRT003")
    assert outcome.ran and outcome.leaks == []


def test_one_channel_without_owner_passes():
    w = World(owner=None).channel("shop").listing("shop", "MUG-RED")
    assert w.run("WRT003").leaks == []


def test_staff_and_a_foreign_app_writing_amazon_are_found():
    w = world()
    w.event("amazon", 20, "MUG-RED", quantity_after=9, writer="Ann", writer_kind="staff")
    w.event("amazon", 21, "TEA-50G", quantity_after=4, writer="Ann", writer_kind="staff")
    w.event("amazon", 30, "TEA-50G", quantity_after=3, writer="RepricerX", writer_kind="app")
    w.event("amazon", 31, "TEA-50G", change=-1, writer="order #5", writer_kind="order")  # a sale: not a writer
    leak = w.run("WRT003").leaks[0]
    assert leak.message == (
        "On amazon, RepricerX writes it and staff change it by hand instead of taking the count from shop, "
        "which owns it, so the two numbers drift apart."
    )
    ev = leak.evidence
    assert ev["channel"] == "amazon" and ev["events"] == 3 and ev["products"] == 2
    assert ev["writers_not_owner"] == [
        {"writer": "RepricerX", "kind": "app", "events": 1, "products": 1,
         "why": "never writes shop's stock, so it does not carry shop's count"},
        {"writer": "staff", "kind": "staff", "events": 2, "products": 2, "why": "changed by hand on amazon"},
    ]
    m = leak.money
    # amazon sells 0.25/day of each: × 30 × 2 % = 0.15 a month × £20 = £3 a product
    assert m.amount == 6.0 and "0.25/day" in m.basis and "summed over 2 products" in m.basis
    assert leak.confidence == "medium"


def test_channel_without_writers_is_not_evaluated():
    w = world()
    w.channel("till", provides=NO_WRITERS).listing("till", "MUG-RED")
    outcome = w.run("WRT003")
    assert any(n.channel == "till" and "who changed stock" in n.why for n in outcome.not_evaluated)
    assert outcome.leaks == []

"""The Seller Hub writer and the reader agree with the World: what a scan of eBay's own reports reads."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from leakcheck.sources.base import ReadContext
from leakcheck.sources.ebay import EbayChannel, EbayFiles
from tests.scenarios import build_world, to_snapshot
from tests.scenarios.writers import ebay_native


@pytest.fixture(scope="module")
def world():
    return build_world(seed=5, size=90)


def test_reports_read_back_as_the_world(world, tmp_path):
    files = ebay_native.write(world, tmp_path, "ebay")
    cfg = EbayChannel(type="ebay", files=[p.name for p in files.values()], timezone=world.timezone)
    data = EbayFiles("ebay", cfg, ReadContext(base_dir=tmp_path)).read()
    expected = to_snapshot(world).channels["ebay"]
    assert not data.not_read

    def listing(x):
        return (x.sku, x.key, x.title, x.price, x.currency, x.available)

    assert sorted(map(listing, data.listings)) == sorted(map(listing, expected.listings))
    assert len(data.bad_rows) == len(expected.bad_rows)
    assert len({x.product_id for x in data.listings}) < len(data.listings)  # variations share their listing

    tz = ZoneInfo(world.timezone)
    day = lambda ts: datetime.fromtimestamp(ts, tz).date()  # noqa: E731  (the report writes dates only)
    got = sorted((o.order_id, o.sku, o.quantity, o.unit_price, o.status, day(o.ts)) for o in data.orders)
    want = sorted((o.order_id, x.sku, x.quantity, round(x.unit_price, 2),
                   "fulfilled" if o.status != "open" and o.fulfilled_ts else "open", day(o.ts))
                  for o in world.channels["ebay"].orders if o.status != "cancelled" for x in o.lines)
    assert got == want and got
    assert data.currency == "GBP"
    assert data.provides == (expected.provides - {"events", "writers"}) | {"product_ids"}

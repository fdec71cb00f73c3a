"""The native-report writer and the reader agree with the World: what a scan of Amazon's own reports reads."""

from __future__ import annotations

import pytest

from leakcheck.model import STATUS_FULFILLED, STATUS_REFUNDED
from leakcheck.sources.amazon import AmazonChannel, AmazonFiles
from leakcheck.sources.base import ReadContext
from tests.scenarios import build_world, to_snapshot
from tests.scenarios.writers import amazon_native

DAY = 86400.0


@pytest.fixture(scope="module")
def world():
    return build_world(seed=11, size=80)


@pytest.mark.parametrize("encoding", ["utf-8", "utf-16"])
def test_reports_read_back_as_the_world_snapshot(world, tmp_path, encoding):
    files = amazon_native.write(world, tmp_path, "amazon", encoding=encoding)
    cfg = AmazonChannel(type="amazon", files=[p.name for p in files.values()], currency="GBP")
    data = AmazonFiles("amazon", cfg, ReadContext(base_dir=tmp_path)).read()
    expected = to_snapshot(world).channels["amazon"]

    def listing(x):
        return (x.sku, x.key, x.title, x.price, x.currency, x.available)

    assert sorted(map(listing, data.listings)) == sorted(map(listing, expected.listings))
    assert len(data.bad_rows) == len(expected.bad_rows)
    since = world.as_of - world.history_days * DAY + 1  # the report writes whole seconds
    got = sorted((o.order_id, o.sku, o.quantity, round(o.unit_price, 2), o.status, int(o.ts))
                 for o in data.orders if o.ts >= since)
    # the All Orders report knows no refunds: a refunded order is one Amazon shipped
    want = sorted((o.order_id, o.sku, o.quantity, round(o.unit_price, 2),
                   STATUS_FULFILLED if o.status == STATUS_REFUNDED else o.status, int(o.ts))
                  for o in expected.orders if int(o.ts) >= since)
    assert got == want and got
    assert data.currency == "GBP" and not data.not_read
    assert data.provides == expected.provides - {"events", "writers", "restocks"}

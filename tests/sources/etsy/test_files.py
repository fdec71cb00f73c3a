"""Etsy's listings CSV (the real sample, variations in one SKU cell) and its sold order items CSV."""

from __future__ import annotations

from collections import Counter
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from leakcheck.model import CAP_ORDERS, CAP_PRICES, CAP_STOCK, STATUS_FULFILLED, STATUS_OPEN
from leakcheck.sources.base import ReadContext
from leakcheck.sources.etsy import EtsyChannel, EtsyFiles
from leakcheck.sources.etsy.listings import split_skus
from leakcheck.sources.recognise import recognise
from tests.scenarios import build_world
from tests.scenarios.writers import etsy_native

from ..conftest import SAMPLES

LISTINGS = (
    "TITLE,DESCRIPTION,PRICE,CURRENCY_CODE,QUANTITY,TAGS,MATERIALS,IMAGE1,VARIATION 1 TYPE,VARIATION 1 NAME,"
    "VARIATION 1 VALUES,SKU\n"
    'Linen Napkin,"Soft.\r\nWashed.",12.00,GBP,40,linen,,,custom,Colour,"Sand,Sage","NAP-SAND,NAP-SAGE,"\n'
    "Tea Towel,Cotton,8.50,GBP,6,,,,,,,TOWEL\n"
    "Mystery Box,Surprise,£15.00,,3,,,,,,,\n"
    "Broken,x,twelve,GBP,1,,,,,,,B-1\n"
)
ORDERS = (
    "Sale Date,Item Name,Buyer,Quantity,Price,Coupon Code,Coupon Details,Discount Amount,Shipping Discount,"
    "Order Shipping,Order Sales Tax,Item Total,Currency,Transaction ID,Listing ID,Date Paid,Date Shipped,Ship Name,"
    "Ship Address1,Ship Address2,Ship City,Ship State,Ship Zipcode,Ship Country,Order ID,Variations,Order Type,"
    "Listings Type,Payment Type,InPerson Discount,InPerson Location,VAT Paid by Buyer,SKU\n"
    "09/18/26,Linen Napkin,Jane Buyer,2,12.00,,,0,0,0,0,24.00,GBP,3001,1001,09/18/26,09/19/26,Jane Buyer,"
    "1 High St,,Bath,,BA1 1AA,United Kingdom,2900001,Colour:Sand,online,listing,online_cc,,,0,NAP-SAND\n"
    "09/20/26,Tea Towel,Sam Buyer,1,8.50,,,0,0,0,0,8.50,GBP,3002,1002,09/20/26,,Sam Buyer,2 Low St,,York,,"
    "YO1 1AA,United Kingdom,2900002,,online,listing,online_cc,,,0,TOWEL\n"
    "someday,Tea Towel,Sam Buyer,1,8.50,,,0,0,0,0,8.50,GBP,3003,1002,,,,,,,,,,2900003,,online,listing,,,,0,TOWEL\n"
)


def read(ctx, *files, **config):
    return EtsyFiles("etsy", EtsyChannel(type="etsy", files=list(files), **config), ctx).read()


def test_real_listings_download_splits_variation_skus():
    data = read(ReadContext(base_dir=SAMPLES / "etsy"), "EtsyListingsDownload.csv")
    assert not data.bad_rows and not data.not_read
    assert len(data.listings) == 1021 and len({x.row for x in data.listings}) == 92
    unknown = [x for x in data.listings if x.available is None]
    assert len(unknown) == 1012  # variations of the 83 listings whose SKU cell names several SKUs
    assert sum(x.sku.endswith("_") for x in data.listings) == 23
    assert Counter(x.available for x in data.listings if x.available is not None) == {999: 9}
    assert all(x.currency == "USD" for x in data.listings) and data.currency == "USD"
    first = data.listings[0]
    assert (first.sku, first.title, first.price, first.row) == (
        "66F927A9CDAD6_5436", "I Eat Cat-Unisex Sweatshirt", 39.99, 2)
    assert data.provides == {CAP_STOCK, CAP_PRICES}
    assert ("EtsyListingsDownload.csv: 83 listings name several SKUs and only their total QUANTITY, so the stock "
            "of their 1012 variations is unknown (Etsy's CSV has no per-variation quantity)") in data.notes


def test_listings_csv_quirks(write, ctx):
    write("EtsyListingsDownload.csv", LISTINGS)
    data = read(ctx, "EtsyListingsDownload.csv")
    got = [(x.sku, x.title, x.price, x.currency, x.available) for x in data.listings]
    assert got == [("NAP-SAND", "Linen Napkin", 12.0, "GBP", None), ("NAP-SAGE", "Linen Napkin", 12.0, "GBP", None),
                   ("TOWEL", "Tea Towel", 8.5, "GBP", 6), ("", "Mystery Box", 15.0, "GBP", 3)]
    # the napkin's description takes lines 2-3
    assert [(b.row, b.why) for b in data.bad_rows] == [(6, "column 'PRICE': 'twelve' is not a price")]


def test_split_skus():
    assert split_skus("A") == ["A"] and split_skus("") == [""] and split_skus(" A ") == [" A "]
    assert split_skus("A,B,,A, C") == ["A", "B", "C"] and split_skus(",") == [""]


def test_sold_order_items(write, ctx):
    write("EtsySoldOrderItems2026.csv", ORDERS)
    data = read(ctx, "EtsySoldOrderItems2026.csv", timezone="Europe/London")
    got = [(o.order_id, o.sku, o.quantity, o.unit_price, o.currency, o.status) for o in data.orders]
    assert got == [("2900001", "NAP-SAND", 2, 12.0, "GBP", STATUS_FULFILLED),
                   ("2900002", "TOWEL", 1, 8.5, "GBP", STATUS_OPEN)]
    assert data.orders[0].ts == 1789686000.0  # 18 Sep 2026 00:00 in London
    assert [(b.row, b.why.split(":")[0]) for b in data.bad_rows] == [(4, "column 'Sale Date'")]
    assert data.provides == {CAP_ORDERS}
    assert "Jane" not in repr(data) and "High St" not in repr(data)  # buyer columns are never read


def test_recognised_in_a_folder(tmp_path):
    (tmp_path / "a.csv").write_text(LISTINGS)
    (tmp_path / "b.csv").write_text(ORDERS)
    result = recognise([tmp_path])
    assert [(r.platform, r.kind) for r in result.table] == [("Etsy", "listings CSV"), ("Etsy", "sold order items CSV")]
    assert result.channels == {"etsy": {"type": "etsy", "files": [str(tmp_path / "a.csv"), str(tmp_path / "b.csv")]}}


@pytest.fixture(scope="module")
def world():
    return build_world(seed=9, size=80)


def test_writer_and_reader_agree_with_the_world(world, tmp_path):
    files = etsy_native.write(world, tmp_path, "ebay")  # any channel can be rendered as an Etsy shop
    data = read(ReadContext(base_dir=tmp_path), *[p.name for p in files.values()], timezone=world.timezone)
    assert not data.not_read
    want = []
    for _, listings in etsy_native.groups(world, "ebay"):
        several = len(listings) > 1
        for x in listings:
            if not several and x.raw:
                continue  # an unreadable quantity: a bad row
            title = world.items[x.item].product_title if several else x.title
            want.append((x.sku, title, None if several else x.available))
    assert sorted((x.sku, x.title, x.available) for x in data.listings) == sorted(want)
    tz = ZoneInfo(world.timezone)
    day = lambda ts: datetime.fromtimestamp(ts, tz).date()  # noqa: E731
    got = sorted((o.order_id, o.sku, o.quantity, o.unit_price, o.status, day(o.ts)) for o in data.orders)
    expected = sorted((o.order_id, x.sku, x.quantity, round(x.unit_price, 2),
                       "fulfilled" if o.status != "open" and o.fulfilled_ts else "open", day(o.ts))
                      for o in world.channels["ebay"].orders if o.status != "cancelled" for x in o.lines)
    assert got == expected and got

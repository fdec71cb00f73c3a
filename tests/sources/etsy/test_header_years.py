"""Etsy's sold order items CSV as it has been written over the years: columns added, never renamed.

Public importers of the download test with three generations of its header: the long one with
``InPerson Discount``, ``VAT Paid by Buyer`` and ``SKU`` at the end, one that stops at ``Payment
Type`` (no SKU), and a short one (no address columns). All three are the sold order items CSV;
the one without SKU is read, with the missing column named in the coverage.
"""

from __future__ import annotations

import pytest

from leakcheck.sources.recognise import identify

from .test_files import read

LONG = ("Sale Date,Item Name,Buyer,Quantity,Price,Coupon Code,Coupon Details,Discount Amount,Shipping Discount,"
        "Order Shipping,Order Sales Tax,Item Total,Currency,Transaction ID,Listing ID,Date Paid,Date Shipped,"
        "Ship Name,Ship Address1,Ship Address2,Ship City,Ship State,Ship Zipcode,Ship Country,Order ID,Variations,"
        "Order Type,Listings Type,Payment Type,InPerson Discount,InPerson Location,VAT Paid by Buyer,SKU")
NO_SKU = LONG.split(",InPerson Discount")[0]
SHORT = ("Sale Date,Item Name,Buyer,Quantity,Price,Coupon Code,Discount Amount,Order Shipping,Order Sales Tax,"
         "Item Total,Currency,Transaction ID,Listing ID,Date Shipped,Order ID,Variations")


def _row(header: str, values: dict[str, str]) -> str:
    return ",".join(values.get(h, "") for h in header.split(","))


@pytest.mark.parametrize("header", [LONG, NO_SKU, SHORT], ids=["long", "no-sku", "short"])
def test_each_generation_is_the_sold_order_items_csv(write, ctx, header):
    assert identify(header.split(",")).label == "Etsy sold order items CSV"
    row = {"Sale Date": "09/14/26", "Item Name": "Tea Towel", "Quantity": "2", "Price": "8.50", "Currency": "GBP",
           "Order ID": "5001", "Transaction ID": "77", "SKU": "TOWEL"}
    write("EtsySoldOrderItems2026-9.csv", header + "\n" + _row(header, row) + "\n")
    data = read(ctx, "EtsySoldOrderItems2026-9.csv")
    [line] = data.orders
    assert (line.order_id, line.quantity, line.unit_price, line.currency) == ("5001", 2, 8.5, "GBP")
    assert line.sku == ("TOWEL" if header == LONG else "")
    if header != LONG:
        assert any("no column 'SKU'" in n for n in data.notes)

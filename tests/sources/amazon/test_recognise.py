"""`leakcheck scan FOLDER` knows Amazon's reports by their headers, with no config."""

from __future__ import annotations

import shutil

from leakcheck.sources.amazon import AmazonChannel, AmazonFiles
from leakcheck.sources.base import ReadContext
from leakcheck.sources.recognise import identify, recognise

from ..conftest import SAMPLES
from .test_reports import ALL_LISTINGS, FBA, LEDGER, ORDERS


def test_amazon_reports_in_a_folder_make_one_channel(tmp_path):
    folder = tmp_path / "client"
    folder.mkdir()
    (folder / "All+Listings+Report+09-21-2026.txt").write_text(ALL_LISTINGS)
    (folder / "fba (1).txt").write_text(FBA)
    (folder / "ledger.csv").write_text(LEDGER)
    (folder / "orders.txt").write_bytes(ORDERS.encode("utf-16"))
    result = recognise([folder])
    assert [(r.platform, r.kind) for r in result.table] == [
        ("Amazon", "All Listings report"), ("Amazon", "FBA Manage Inventory report"),
        ("Amazon", "FBA Inventory Ledger report"), ("Amazon", "All Orders report")]
    assert list(result.channels) == ["amazon"] and result.owner == "amazon"
    cfg = AmazonChannel.model_validate(result.channels["amazon"])
    data = AmazonFiles("amazon", cfg, ReadContext(base_dir=tmp_path)).read()
    assert not data.not_read and len(data.listings) == 5 and len(data.events) == 3 and len(data.orders) == 3


def test_the_real_sample_is_recognised_as_a_catalog(tmp_path):
    shutil.copy(SAMPLES / "amazon" / "Product_inventory_lowercase_example.csv", tmp_path / "amazon.txt")
    result = recognise([tmp_path])
    assert result.channels == {"amazon": {"type": "amazon", "files": [str(tmp_path / "amazon.txt")]}}
    assert result.table[0].kind == "inventory report (open listings)"


def test_header_variants():
    assert identify(["Date", "FNSKU", "ASIN", "MSKU", "Title", "EventType", "Quantity"]).kind == "ledger"
    assert identify(["order-id", "purchase-date", "sku", "quantity-purchased", "buyer-name"]).kind == "orders"
    assert identify(["SELLER-SKU", "Quantity", "Price"]).kind == "listings"  # case does not matter
    assert identify(["sku", "asin", "afn-fulfillable-quantity"]).kind == "fba"


def test_a_mixed_folder_of_marketplaces_and_a_shop(tmp_path):
    from ..ebay.test_reports import LISTINGS as EBAY_LISTINGS, ORDERS as EBAY_ORDERS
    from ..etsy.test_files import ORDERS as ETSY_ORDERS

    shutil.copy(SAMPLES / "shopify" / "products_export_1.csv", tmp_path / "export (3).csv")
    shutil.copy(SAMPLES / "etsy" / "EtsyListingsDownload.csv", tmp_path / "etsy.csv")
    shutil.copy(SAMPLES / "amazon" / "Product_inventory_lowercase_example.csv", tmp_path / "amazon.txt")
    (tmp_path / "amazon-orders.txt").write_bytes(ORDERS.encode("cp1252"))
    (tmp_path / "ebay.csv").write_text(EBAY_LISTINGS)
    (tmp_path / "ebay-orders.csv").write_text(EBAY_ORDERS)
    (tmp_path / "etsy-orders.csv").write_text(ETSY_ORDERS)
    result = recognise([tmp_path])
    assert {name: len(c["files"]) for name, c in result.channels.items()} == {
        "amazon": 2, "ebay": 2, "etsy": 2, "shopify": 1}
    assert result.owner == "shopify"  # the web store owns the stock; marketplaces never do
    assert result.unknown == []

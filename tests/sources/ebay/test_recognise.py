"""`leakcheck scan FOLDER` knows Seller Hub's reports by their headers, with no config."""

from __future__ import annotations

from leakcheck.sources.base import ReadContext
from leakcheck.sources.ebay import EbayChannel, EbayFiles
from leakcheck.sources.recognise import identify, recognise

from .test_reports import LISTINGS, ORDERS


def test_ebay_reports_in_a_folder_make_one_channel(tmp_path):
    folder = tmp_path / "client"
    folder.mkdir()
    (folder / "listings (2).csv").write_text(LISTINGS)
    (folder / "sales.csv").write_text(ORDERS)  # the bare-comma line before the header is skipped
    result = recognise([folder])
    assert [(r.platform, r.kind) for r in result.table] == [("eBay", "active listings report"),
                                                            ("eBay", "orders report")]
    assert list(result.channels) == ["ebay"]
    data = EbayFiles("ebay", EbayChannel.model_validate(result.channels["ebay"]), ReadContext(base_dir=tmp_path)).read()
    assert not data.not_read and len(data.listings) == 3 and len(data.orders) == 3


def test_header_variants():
    assert identify(["Sales record number", "Order number", "Quantity", "Sale date"]).kind == "orders"
    assert identify(["ITEM NUMBER", "title", "Custom label (SKU)", "Quantity"]).kind == "listings"
    assert identify(["Item number", "Title", "Custom label (SKU)"]) is None  # no quantity: not enough to know it


def test_older_listing_header_spellings(tmp_path):
    """"Item ID" and a bare "Custom label": known as the active listings report and read like it."""
    header = ["Item ID", "Custom label", "Title", "Condition", "Available quantity", "Current price"]
    assert identify(header).kind == "listings"
    assert identify([h.upper() for h in header]).kind == "listings"
    orders = ["Sales Record Number", "Order Number", "Item Number", "Item Title", "Custom Label", "Quantity",
              "Sold For", "Total Price", "Sale Date"]  # Title Case, as some years write it
    assert identify(orders).kind == "orders"
    (tmp_path / "active.csv").write_text(",".join(header) + "\n1001,BOX-1,Charizard,Near Mint,2,$12.50\n")
    result = recognise([tmp_path])
    data = EbayFiles("ebay", EbayChannel.model_validate(result.channels["ebay"]), ReadContext(base_dir=tmp_path)).read()
    assert [(x.sku, x.available, x.price, x.product_id) for x in data.listings] == [("BOX-1", 2, 12.5, "1001")]

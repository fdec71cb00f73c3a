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

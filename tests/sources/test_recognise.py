"""`leakcheck scan PATH` with no config: folders and zips known by their header rows."""

from __future__ import annotations

import shutil
import zipfile
from pathlib import Path

from leakcheck.sources.base import ReadContext
from leakcheck.sources.recognise import Recognised, _known, closest, identify, recognise
from leakcheck.sources.shopify import ShopifyChannel, ShopifyFiles

from .conftest import SAMPLES
from .test_shopify_inventory_orders import INVENTORY, ORDERS

PRODUCTS = SAMPLES / "shopify" / "products_export_1.csv"
TEMPLATE = SAMPLES / "shopify" / "product_template.csv"


def client_folder(root: Path) -> Path:
    """A consultant's folder: Shopify exports under odd names, other platforms' files, and clutter."""
    folder = root / "client-exports"
    (folder / "q3").mkdir(parents=True)
    shutil.copy(PRODUCTS, folder / "export (3).csv")
    (folder / "q3" / "stock.csv").write_text(INVENTORY, encoding="utf-8")
    (folder / "orders.txt").write_text(ORDERS, encoding="utf-8")
    shutil.copy(SAMPLES / "amazon" / "Product_inventory_lowercase_example.csv", folder / "amazon.txt")
    shutil.copy(SAMPLES / "woocommerce" / "experimental_fashion_sample_9_products.csv", folder / "woo.csv")
    shutil.copy(SAMPLES / "square" / "2XJWG21S422RM_catalog-2025-08-31-2022.csv", folder / "square.csv")
    (folder / "broken.csv").write_bytes(b"\x00\x01\x02")
    (folder / "README.md").write_text("not an export")
    (folder / ".DS_Store").write_bytes(b"\x00\x00")
    (folder / "~$export (3).xlsx").write_bytes(b"\x0bJane Client  ")  # Office's lock file: the workbook was open
    return folder


def test_mixed_folder(tmp_path):
    folder = client_folder(tmp_path)
    result = recognise([folder])
    assert result.channels["shopify"] == {"type": "shopify", "files": [
        str(folder / "export (3).csv"), str(folder / "orders.txt"), str(folder / "q3" / "stock.csv")]}
    assert result.owner == "shopify"
    assert [r for r in result.table if r.platform == "Shopify"] == [
        Recognised(str(folder / "export (3).csv"), "Shopify", "product export (older header)"),
        Recognised(str(folder / "orders.txt"), "Shopify", "orders export"),
        Recognised(str(folder / "q3" / "stock.csv"), "Shopify", "inventory export"),
    ]
    unknown = {Path(u.file).name: u for u in result.unknown}
    assert unknown["broken.csv"].why == "it is a binary file, not a text export"
    assert not any(name.startswith("~$") for name in unknown)  # a lock file is no export, and names a person
    # the other platforms' files are either recognised as theirs or named with the closest format and why
    recognised = {Path(r.file).name for r in result.table}
    for name in ("amazon.txt", "square.csv", "woo.csv"):
        assert (name in recognised) != (name in unknown), name
        if name in unknown:
            assert "closest:" in unknown[name].why and "which also needs" in unknown[name].why
    assert result.notes == []


def test_recognised_config_reads_as_a_shopify_channel(tmp_path):
    result = recognise([client_folder(tmp_path)])
    cfg = ShopifyChannel.model_validate(result.channels["shopify"])
    data = ShopifyFiles("shopify", cfg, ReadContext(base_dir=tmp_path)).read()
    assert len(data.orders) == 6 and data.not_read == []
    assert len(data.listings) == 14 + 4  # 14 from products; the inventory's variants are not in that export


def test_two_product_exports_make_two_channels_with_a_note(tmp_path):
    shutil.copy(PRODUCTS, tmp_path / "a.csv")
    shutil.copy(TEMPLATE, tmp_path / "b.csv")
    (tmp_path / "orders.csv").write_text(ORDERS)
    result = recognise([tmp_path])
    assert result.channels == {
        "shopify": {"type": "shopify", "files": [str(tmp_path / "a.csv"), str(tmp_path / "orders.csv")]},
        "shopify-2": {"type": "shopify", "files": [str(tmp_path / "b.csv")]},
    }
    assert result.owner == "shopify"
    assert result.notes == [
        "2 Shopify product exports found: read as 2 channels (shopify, shopify-2), as if from different stores; "
        "the other Shopify exports were read with shopify; write a leakcheck.yaml to group them otherwise"]


def test_zip_members_are_named_inside_their_archive(tmp_path):
    archive = tmp_path / "exports.zip"
    with zipfile.ZipFile(archive, "w") as z:
        z.write(PRODUCTS, "shop/products_export_1.csv")
        z.writestr("shop/orders_export_1.csv", ORDERS)
        z.writestr("__MACOSX/shop/._products_export_1.csv", b"\x00\x05\x16\x07")
        z.writestr("shop/~$products.xlsx", b"\x0bJane Client  ")
        z.writestr("../../escape.csv", "Handle,Title,SKU,Location,Available\nx,X,X,Main,1\n")
        z.writestr("notes.docx", b"PK")
    result = recognise([archive])
    files = result.channels["shopify"]["files"]
    # the config names each member inside its archive: what reports show, and what still works tomorrow
    assert files == [f"{archive}:shop/products_export_1.csv", f"{archive}:shop/orders_export_1.csv"]
    assert [r.file for r in result.table] == [f"{archive}:shop/orders_export_1.csv",
                                              f"{archive}:shop/products_export_1.csv"]
    (escaped,) = result.unknown
    assert escaped.file == f"{archive}:../../escape.csv" and "outside the archive" in escaped.why
    assert not (tmp_path.parent / "escape.csv").exists()
    data = ShopifyFiles("shopify", ShopifyChannel.model_validate(result.channels["shopify"]),
                        ReadContext(base_dir=tmp_path)).read()
    assert len(data.orders) == 6 and len(data.listings) == 14  # escape.csv's listing is not read
    assert any(n.startswith(f"{archive}:shop/orders_export_1.csv") for n in data.notes), data.notes


def test_a_missing_zip_member_is_named_not_a_traceback(tmp_path):
    archive = tmp_path / "exports.zip"
    with zipfile.ZipFile(archive, "w") as z:
        z.writestr("a.csv", "x\n")
    cfg = ShopifyChannel.model_validate({"type": "shopify", "files": ["exports.zip:b.csv"]})
    data = ShopifyFiles("shop", cfg, ReadContext(base_dir=tmp_path)).read()
    (miss,) = data.not_read
    assert miss.what == "exports.zip:b.csv" and "holds no file 'b.csv'" in miss.why


def test_bad_zip_and_named_files_of_other_kinds_are_unknown_not_fatal(tmp_path):
    (tmp_path / "bad.zip").write_bytes(b"not a zip")
    (tmp_path / "book.xlsx").write_bytes(b"PK\x03\x04rest")
    result = recognise([tmp_path / "bad.zip", tmp_path / "book.xlsx", tmp_path / "missing.csv"])
    assert result.channels == {} and result.owner is None
    assert [(Path(u.file).name, u.why.split(" (")[0]) for u in result.unknown] == [
        ("bad.zip", "not a readable zip archive"),
        ("book.xlsx", "it is not an Excel workbook we can read"),
        ("missing.csv", "the file does not exist"),
    ]


def test_signatures_are_the_table_recognition_runs_on():
    inventory = ["Handle", "Title", "SKU", "Location", "Available (not editable)", "On hand (current)"]
    assert identify(inventory).kind == "inventory"
    assert identify(inventory[:3] + ["Available"]) is None  # no Location: not sure it is an inventory export
    best, missing = closest(inventory[:3] + ["Available"])
    assert (best.kind, missing) == ("inventory", ["Location"])
    assert {("shopify", "products"), ("shopify", "inventory"), ("shopify", "orders")} <= {
        (s.platform, s.kind) for s in _known()}
    assert identify(["Handle", "Title", "Variant SKU", "Variant Price", "Status"]).label.endswith("(older header)")


def test_workbooks_in_a_folder_are_recognised(tmp_path):
    from tests.sources.square_files.xlsx_writer import write_xlsx

    folder = tmp_path / "client"
    folder.mkdir()
    write_xlsx(folder / "InventoryItems.xlsx", [["*ItemCode", "ItemName", "QuantityOnHand", "SalesUnitPrice"],
                                                ["MUG-RED", "Red mug", 4, 12.5]])
    result = recognise([folder])
    assert [(Path(r.file).name, r.platform) for r in result.table] == [("InventoryItems.xlsx", "Xero")]
    assert result.channels["xero"]["files"] == [str(folder / "InventoryItems.xlsx")]


def test_each_file_says_which_channel_it_went_to_and_unknowns_say_what_they_lack(tmp_path):
    folder = client_folder(tmp_path)
    (folder / "etsy-ish.csv").write_text("TITLE,PRICE,QUANTITY\nMug,12,3\n")
    result = recognise([folder])
    assert {Path(f).name: c for f, c in result.channel_of.items()} == {
        "export (3).csv": "shopify", "orders.txt": "shopify", "stock.csv": "shopify", "amazon.txt": "amazon",
        "woo.csv": "woocommerce", "square.csv": "square"}
    near = next(u for u in result.unknown if u.file.endswith("etsy-ish.csv"))
    assert (near.closest, near.missing) == ("Etsy listings CSV", ("CURRENCY_CODE", "SKU"))
    readme = next(u for u in result.unknown if u.file.endswith("broken.csv"))
    assert readme.missing == () and readme.closest == ""


def test_owner_rule_two_web_stores_most_exports_then_first_found():
    from leakcheck.sources.recognise import choose_owner

    woo, shop = {"type": "woocommerce", "files": ["w.csv"]}, {"type": "shopify", "files": ["p.csv", "o.csv"]}
    assert choose_owner({"woocommerce": woo, "shopify": shop, "amazon": {"type": "amazon", "files": ["a"] * 4}}) == (
        "shopify",
        "2 web stores, woocommerce (1 export), shopify (2 exports): shopify is the one with the most exports")
    assert choose_owner({"woocommerce": woo, "bigcommerce": {"type": "bigcommerce", "files": ["b.csv"]}})[0] == \
        "woocommerce"  # a tie: the first found
    assert choose_owner({"ebay": {"type": "ebay", "files": []}, "amazon": {"type": "amazon", "files": []}}) == (
        "ebay", "no web store among these exports, so the first channel found")
    assert choose_owner({"x": woo, "ebay": {"type": "ebay", "files": []}}) == ("x", "the web store")
    assert choose_owner({}) == (None, "")


def test_the_platforms_that_are_web_stores():
    from leakcheck.sources.recognise import PLATFORMS

    _known()
    assert {name for name, p in PLATFORMS.items() if p.web_store} == {"shopify", "woocommerce", "bigcommerce"}
    assert {"amazon", "ebay", "etsy", "square", "xero", "quickbooks"} <= set(PLATFORMS)


def test_a_lone_generic_header_names_no_closest_format(tmp_path):
    """"Date" is in half the formats: a meeting-notes CSV is not "nearly an Amazon ledger"."""
    (tmp_path / "notes.csv").write_text("Date,Topic,Action,Who\n2026-09-14,Stock,Send reports,Priya\n")
    [unknown] = recognise([tmp_path]).unknown
    assert (unknown.closest, unknown.missing) == ("", ())
    assert unknown.why == "no header that identifies a known export (it has 'Date', 'Topic', 'Action', 'Who')"

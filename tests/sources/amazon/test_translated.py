"""Amazon reports from the European and Japanese marketplaces: translated headers, local numbers, their encodings.

Hand-made files, one per language, in the layouts formats.py documents: the All Listings report
with its header in the seller's language (the spellings formats.py accepts), and the flat-file
reports that stay in English on every marketplace but write dates and prices the local way.
"""

from __future__ import annotations

from datetime import datetime, timezone

import pytest

from leakcheck.sources.recognise import identify, recognise

from .test_reports import read

LISTINGS = {  # language -> (header, encodings Seller Central is seen to write it in)
    "fr": ("nom-produit\tsku-vendeur\tprix\tquantité\tcanal-traitement\tétat", ("cp1252", "utf-16")),
    "it": ("Nome dell'articolo\tSKU venditore\tPrezzo\tQuantità\tCanale di gestione\tstato", ("utf-16", "cp1252")),
    "es": ("Título del producto\tSKU del vendedor\tprecio\tcantidad\tCanal de gestión logística\testado",
           ("utf-16", "cp1252")),
    "ja": ("商品名\t出品者SKU\t価格\t数量\tフルフィルメント・チャンネル\tステータス", ("utf-16", "utf-8")),
}
# the whole header of a Chinese-language report, as quoted in jlevers/selling-partner-api#525
CHINESE = ("商品名称\t商品描述\t商品编码\t卖家 SKU\t价格\t数量\t开售日期\t不适用项目\t是否为商城中的商品\t商品编码类型\t"
           "不适用项目\t商品备注\t商品状况\t不适用项目\t不适用项目\t不适用项目\tASIN1\t不适用项目\t不适用项目\t国际配送\t"
           "加急配送\t不适用项目\t商品编码\t不适用项目\t添加-删除\t等待购买数量\t配送渠道\t卖家配送组\t状态")
ROWS = "Tasse rouge\tMUG-RED\t16,49\t12\tDEFAULT\tx\nBoîte à thé\tTEA\t22,00\t\tAMAZON_EU\tx\n"


@pytest.mark.parametrize("encoding", [0, 1])
@pytest.mark.parametrize("language", sorted(LISTINGS))
def test_translated_all_listings_report(write, ctx, language, encoding):
    header, encodings = LISTINGS[language]
    rows = ROWS if language != "ja" else ROWS.replace("16,49", "1649").replace("22,00", "2200")
    write("listings.txt", (header + "\n" + rows).encode(encodings[encoding]))
    assert identify(header.split("\t")).kind == "listings"
    data = read(ctx, "listings.txt", currency="JPY" if language == "ja" else "EUR")
    assert [(x.sku, x.available, x.title) for x in data.listings] == [
        ("MUG-RED", 12, "Tasse rouge"), ("TEA", None, "Boîte à thé")]
    assert [x.price for x in data.listings] == ([1649.0, 2200.0] if language == "ja" else [16.49, 22.0])
    assert "1 fulfilled by Amazon" in " ".join(data.notes)
    assert not data.bad_rows and not data.not_read


# Amazon.de's help on the order report (sellercentral.amazon.de/gp/help/external/201648780, de_DE) names
# its fields in English (order-id, purchase-date, sku, quantity-purchased, item-price) and shows the
# German marketplace's values: purchase-date 17.05.2011, item-price 349,99.
GERMAN_ORDERS = (
    "order-id\torder-item-id\tpurchase-date\tpayments-date\tbuyer-email\tbuyer-name\tsku\titem-name\t"
    "quantity-purchased\tcurrency\titem-price\tsales-channel\n"
    "302-1\t0583\t05.06.2026\t05.06.2026\ta@marketplace.amazon.de\tJ. Schmidt\tMUG-RED\tBecher Rot\t2\tEUR\t"
    "32,98\tAmazon.de\n"
    "302-2\t0584\t17.06.2026 14:03:22\t17.06.2026\tb@marketplace.amazon.de\tA. Weber\tTEA\tTeedose\t1\tEUR\t"
    "1.049,99\tAmazon.de\n"
)


@pytest.mark.parametrize("encoding", ["cp1252", "utf-16", "utf-8-sig"])
def test_german_marketplace_order_report_day_first_dates_and_decimal_commas(write, ctx, encoding):
    write("Bestellbericht.txt", GERMAN_ORDERS.encode(encoding))
    data = read(ctx, "Bestellbericht.txt")
    assert [(o.sku, o.quantity, o.unit_price, o.currency) for o in data.orders] == [
        ("MUG-RED", 2, 16.49, "EUR"), ("TEA", 1, 1049.99, "EUR")]
    dates = [datetime.fromtimestamp(o.ts, timezone.utc) for o in data.orders]
    assert dates == [datetime(2026, 6, 5, tzinfo=timezone.utc), datetime(2026, 6, 17, 14, 3, 22, tzinfo=timezone.utc)]


def test_fba_inventory_report_of_the_european_marketplaces(write, ctx):
    """The Pan-European FBA report keeps its English header and adds local and remote counts."""
    text = ("sku\tfnsku\tasin\tproduct-name\tcondition\tyour-price\tmfn-listing-exists\tmfn-fulfillable-quantity\t"
            "afn-listing-exists\tafn-warehouse-quantity\tafn-fulfillable-quantity\tafn-unsellable-quantity\t"
            "afn-reserved-quantity\tafn-total-quantity\tper-unit-volume\tafn-inbound-working-quantity\t"
            "afn-inbound-shipped-quantity\tafn-inbound-receiving-quantity\tafn-researching-quantity\t"
            "afn-reserved-future-supply\tafn-future-supply-buyable\tafn-fulfillable-quantity-local\t"
            "afn-fulfillable-quantity-remote\n"
            "TEA\tX00\tB06\tTeedose\tNew\t22,00\tNo\t\tYes\t9\t7\t1\t1\t9\t0,1\t0\t0\t0\t0\t0\t0\t4\t3\n")
    write("fba.txt", text.encode("utf-16"))
    data = read(ctx, "fba.txt")
    assert [(x.sku, x.available, x.reserved, x.price) for x in data.listings] == [("TEA", 7, 1, 22.0)]


def test_a_translated_ledger_is_named_with_what_it_lacks(tmp_path):
    """No translated ledger header could be confirmed in a citable source: such a file is not guessed at,
    it is listed with the closest format and the English headers that format needs."""
    (tmp_path / "Bestand.csv").write_text("Datum,FNSKU,ASIN,MSKU,Titel,Ereignistyp,Menge\n"
                                          "09/14/2026,X,B,TEA,T,Receipts,1\n")
    [unknown] = recognise([tmp_path]).unknown
    assert unknown.closest == "Amazon FBA Inventory Ledger report"
    assert unknown.missing == ("date", "event type", "quantity")


@pytest.mark.parametrize("encoding", ["utf-8", "utf-16"])
def test_chinese_all_listings_report_in_its_real_layout(write, ctx, encoding):
    """Placeholder columns (不适用项目, "not applicable") repeat; 商品编码 appears twice: the first of each is read."""
    cells = ["Nail Glue, 3 Pack", "MD MAD DOLL", "0816Y30OYFH", "NAIL-GLUE-3", "19.99", "", "2021-08-15 20:35:17 PDT"]
    cells += [""] * 9 + ["B00V7I4DHA"] + [""] * 9 + ["AMAZON_NA", "Migrated Template", "在售"]  # 29 columns
    assert len(cells) == len(CHINESE.split("\t"))
    seller = list(cells)
    seller[3], seller[5], seller[26] = "MUG-RED", "7", "DEFAULT"
    write("listings.txt", (CHINESE + "\n" + "\t".join(cells) + "\n" + "\t".join(seller) + "\n").encode(encoding))
    assert identify(CHINESE.split("\t")).kind == "listings"
    data = read(ctx, "listings.txt", currency="USD")
    assert [(x.sku, x.title, x.price, x.available, x.status) for x in data.listings] == [
        ("NAIL-GLUE-3", "Nail Glue, 3 Pack", 19.99, None, "active"),
        ("MUG-RED", "Nail Glue, 3 Pack", 19.99, 7, "active")]
    assert "1 fulfilled by Amazon" in " ".join(data.notes)


def test_german_marketplace_listings_through_the_sp_api(write, ctx):
    """English header with the British "fulfilment-channel", "Deprecated column" placeholders and two
    columns added at the end, as amzn/selling-partner-api-models#4140 shows for marketplace A1PA6795UKMFR9."""
    header = ("item-name\titem-description\tlisting-id\tseller-sku\tprice\tquantity\topen-date\tDeprecated column\t"
              "item-is-marketplace\tproduct-id-type\tDeprecated column\titem-note\titem-condition\tDeprecated column\t"
              "Deprecated column\tDeprecated column\tasin1\tDeprecated column\tDeprecated column\t"
              "will-ship-internationally\t"
              "expedited-shipping\tDeprecated column\tproduct-id\tDeprecated column\tadd-delete\tpending-quantity\t"
              "fulfilment-channel\tmerchant-shipping-group\tstatus\tMinimum order quantity\tSell remainder")
    row = header.split("\t")
    values = dict.fromkeys(row, "")
    values.update({"item-name": "Becher Rot", "seller-sku": "MUG-RED", "price": "16.49", "quantity": "12",
                   "fulfilment-channel": "DEFAULT", "status": "Active"})
    write("all.txt", header + "\n" + "\t".join(values[h] for h in row) + "\n")
    data = read(ctx, "all.txt", currency="EUR")
    assert [(x.sku, x.price, x.available, x.status) for x in data.listings] == [("MUG-RED", 16.49, 12, "active")]


def test_a_shift_jis_japanese_report_is_read_right(write, ctx):
    """The Japanese site writes its reports in Shift_JIS (amzn/selling-partner-api-docs#2086)."""
    header, _ = LISTINGS["ja"]
    write("ja.txt", (header + "\n" + "マグ\tMUG-RED\t1649\t12\tDEFAULT\tアクティブ\n").encode("cp932"))
    data = read(ctx, "ja.txt", currency="JPY")
    assert [(x.sku, x.title, x.available) for x in data.listings] == [("MUG-RED", "マグ", 12)]
    assert any("read as Shift_JIS" in n for n in data.notes)

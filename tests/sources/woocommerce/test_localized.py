"""WooCommerce exports from shops whose admin is in German, French, Spanish or Dutch: localized headers.

Each fixture is an export as the exporter writes it in that language, with the columns the user
ticked ("Which columns should be exported?"), headers spelled as WooCommerce's own translations
spell them (see formats.py for where each spelling was confirmed), prices with the shop's decimal
comma. German is read in full; the French, Spanish and Dutch spellings of Type, Name, the prices
and Parent could not be confirmed, so those exports are recognised and read for what matters to
stock (SKU, count, oversell setting, status) and the coverage says what was not read.
"""

from __future__ import annotations

from pathlib import Path

from leakcheck.model import CAP_POLICY, CAP_PRICES, CAP_PRODUCT_IDS, CAP_STOCK, CAP_TRACKED
from leakcheck.sources.recognise import identify, recognise
from leakcheck.sources.woocommerce import WooCommerceFiles

from ..square_files.support import read

GERMAN = (
    "ID,Typ,Artikelnummer,Name,Veröffentlicht,Ist hervorgehoben?,Sichtbarkeit im Katalog,Kurzbeschreibung,"
    "Vorrätig?,Bestand,Lieferrückstände erlaubt?,Angebotspreis,Regulärer Preis,Bilder,Übergeordnetes Produkt,"
    "Position,Attribut 1 Name,Attribut 1 Wert(e),Attribut 1 Sichtbar,Attribut 1 Global\r\n"
    "20,variable,BECHER,Steingutbecher,1,0,visible,Ein Becher,1,,0,,,https://shop.example/becher.jpg,,0,"
    "Farbe,\"Blau, Rot\",1,1\r\n"
    "21,variation,BECHER-BLAU,Steingutbecher - Blau,1,0,visible,,1,7,notify,\"12,50\",\"14,00\",,id:20,1,"
    "Farbe,Blau,,1\r\n"
    "22,variation,BECHER-ROT,Steingutbecher - Rot,1,0,visible,,1,parent,parent,,\"14,00\",,BECHER,2,Farbe,Rot,,1\r\n"
    "23,simple,TEE,Schwarztee,-1,0,visible,Lose,0,0,0,,\"1234,5\",,,0,,,,\r\n"
    "24,simple,DOSE,Teedose,1,0,visible,,1,viele,0,,\"9,90\",,,0,,,,\r\n"
)
FRENCH = (  # "Mis en avant ?" and the backorders column with French typography's no-break space
    "ID,UGS,Publié,Mis en avant\u00a0?,Visibilité dans le catalogue,Description courte,Stock,"
    "Autoriser les commandes de produits en rupture\u00a0?,Images,URL externe,Position\n"
    "31,TASSE-BLEUE,1,0,visible,Une tasse,5,0,,,0\n"
    "32,TASSE-ROUGE,-1,0,visible,,,notify,,,0\n"
)
SPANISH = (
    "ID,SKU,Publicado,¿Está destacado?,Visibilidad en el catálogo,Descripción corta,Inventario,"
    "¿Permitir reservas de productos agotados?,Imágenes,URL externa\n"
    "41,TAZA-AZUL,1,0,visible,Una taza,3,1,,\n"
    "42,TAZA-ROJA,1,0,visible,,-2,0,,\n"
)
DUTCH = (
    "ID,SKU,Gepubliceerd,Uitgelicht?,Zichtbaarheid in catalogus,Korte beschrijving,Voorraad,"
    "Nabestellingen toestaan?,Afbeeldingen,Externe URL,Positie\n"
    "51,MOK-BLAUW,1,0,visible,Een mok,9,notify,,,0\n"
    "52,MOK-ROOD,2,0,visible,,0,0,,,0\n"
)


def _rows(data):
    return [(x.sku, x.available, x.tracked, x.policy, x.price, x.status) for x in data.listings]


def test_german_export_reads_in_full(write):
    path = write("wc-product-export-21-9-2026.csv", "\ufeff" + GERMAN)
    assert identify(["ID", "Typ", "Artikelnummer", "Name", "Veröffentlicht", "Vorrätig?", "Bestand",
                     "Lieferrückstände erlaubt?"]).label == "WooCommerce product export (German headers)"
    data = read(WooCommerceFiles, "woocommerce", path, currency="EUR")
    assert data.not_read == []
    assert [(x.sku, x.title, x.available, x.policy, x.price, x.status, x.product_id) for x in data.listings] == [
        ("BECHER-BLAU", "Steingutbecher - Blau", 7, "continue", 12.5, "active", "id:20"),  # sale price, comma
        ("BECHER-ROT", "Steingutbecher - Rot", None, "deny", 14.0, "active", "id:20"),  # parent's: not managed
        ("TEE", "Schwarztee", 0, "deny", 1234.5, "draft", "id:23"),
    ]
    assert [(b.row, b.why) for b in data.bad_rows] == [(6, "column 'Bestand': 'viele' is not a whole number")]
    assert data.provides == {CAP_STOCK, CAP_TRACKED, CAP_POLICY, CAP_PRICES, CAP_PRODUCT_IDS}
    assert any("read as a WooCommerce product export (German headers)" in n for n in data.notes)


def test_french_export_reads_what_its_confirmed_headers_carry(write):
    data = read(WooCommerceFiles, "woocommerce", write("export.csv", FRENCH))
    assert data.not_read == []
    assert _rows(data) == [("TASSE-BLEUE", 5, True, "deny", None, "active"),
                           ("TASSE-ROUGE", None, False, "continue", None, "draft")]
    assert CAP_PRICES not in data.provides and {CAP_STOCK, CAP_POLICY} <= data.provides
    assert any("no 'Type' column" in n and "simple product" in n for n in data.notes)
    assert any("no 'Regular price' or 'Sale price' column" in n for n in data.notes)
    assert any("(French headers)" in n for n in data.notes)
    plain = FRENCH.splitlines()[0].replace("\u00a0", " ").split(",")  # typed with a plain space
    assert identify(plain).label == "WooCommerce product export (French headers)"


def test_spanish_export(write):
    data = read(WooCommerceFiles, "woocommerce", write("export.csv", SPANISH))
    assert _rows(data) == [("TAZA-AZUL", 3, True, "continue", None, "active"),
                           ("TAZA-ROJA", -2, True, "deny", None, "active")]
    assert any("(Spanish headers)" in n for n in data.notes)


def test_dutch_export(write):
    data = read(WooCommerceFiles, "woocommerce", write("export.csv", DUTCH))
    assert _rows(data) == [("MOK-BLAUW", 9, True, "continue", None, "active"),
                           ("MOK-ROOD", 0, True, "deny", None, "draft")]  # 2 = pending review: not on sale
    assert any("(Dutch headers)" in n for n in data.notes)


def test_localized_exports_are_recognised_in_a_folder(tmp_path: Path):
    for name, text in (("de.csv", GERMAN), ("fr.csv", FRENCH), ("es.csv", SPANISH), ("nl.csv", DUTCH)):
        (tmp_path / name).write_text(text, encoding="utf-8")
    result = recognise([tmp_path])
    assert result.unknown == []
    assert {c["type"] for c in result.channels.values()} == {"woocommerce"}
    assert sorted(r.kind for r in result.table) == [
        f"product export ({lang} headers)" for lang in ("Dutch", "French", "German", "Spanish")]


def test_a_price_neither_reading_takes_is_a_bad_row(write):
    data = read(WooCommerceFiles, "woocommerce", write("p.csv", "Type,SKU,Name,In stock?,Stock,Regular price\n"
                                                                 "simple,A,Alpha,1,3,\"1,2,3\"\n"))
    assert [(b.row, b.why) for b in data.bad_rows] == [(2, "column 'Regular price': '1,2,3' is not a price")]

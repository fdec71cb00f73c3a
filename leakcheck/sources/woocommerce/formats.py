"""WooCommerce's product CSV exporter as recognition knows it (class-wc-product-csv-exporter.php).

``ID`` is left out when the exporting user unticks it (the official sample file has none), so the
identifying columns are the ones every export has: Type, SKU, Name and the stock columns.

The exporter writes its column names through WordPress's translations (``__( 'Stock', 'woocommerce' )``),
so a shop whose admin is in German, French, Spanish or Dutch exports localized headers (shared/specs
NOTES 2.8). ``HEADERS`` lists, per field the reader needs, the English name and the translations that
could be confirmed, and nothing guessed:

- [wp] WooCommerce's own translations (translate.wordpress.org language packs, as public sites ship
  them in wp-content/languages/plugins/woocommerce-{de_DE,fr_FR,es_ES,nl_NL}.l10n.php; seen in
  noriks-bot/wp-noriks-de, mikyswebshop-byte/werdu-website, webbyrom/drcreation,
  AshwiniKulkarni98/serelit): "Backorders allowed?", "Published" and the exporter's "Stock"
  (msgctxt "Quantity in stock") in all four languages; "SKU" from "Parent SKU" and "A product with
  this SKU already exists." (de Artikelnummer, fr UGS; es and nl keep SKU).
- [2x] German spellings of the other columns that two independent projects reading real German
  exports agree on (a WooCommerce import helper mapping localized columns, and a WooCommerce-CSV
  converter with German and Dutch headers): Typ, Vorrätig?, Angebotspreis, Regulärer Preis,
  Übergeordnetes Produkt; "Name" and "ID" stay as in English.

French, Spanish and Dutch spellings of Type, Name, In stock?, the prices and Parent were found in
one project each only, so they are not listed: such a file is still recognised (by the [wp]
columns) and read, and the coverage names the columns that were not found and what that switched off.
French typography puts a no-break space before "?": both spaces are accepted.
"""

from ..recognise import Platform, Signature, register


def _spaces(*names: str) -> tuple[str, ...]:
    """Each name as typed and with the no-break spaces French exports put before ? and :."""
    out: list[str] = []
    for name in names:
        for variant in (name, name.replace(" ?", "\u00a0?"), name.replace(" ?", "\u202f?")):
            if variant not in out:
                out.append(variant)
    return tuple(out)


# field -> header spellings: English first, then German, French, Spanish, Dutch where confirmed
HEADERS = {
    "id": ("ID",),
    "type": ("Type", "Typ"),  # de [2x]
    "sku": ("SKU", "Artikelnummer", "UGS"),  # de, fr [wp]; es, nl write SKU
    "name": ("Name",),  # de writes Name too [2x]
    "published": ("Published", "Veröffentlicht", "Publié", "Publicado", "Gepubliceerd"),  # [wp]
    "in_stock": ("In stock?", "Vorrätig?"),  # de [2x]
    "stock": ("Stock", "Bestand", "Inventario", "Voorraad"),  # [wp]; fr writes Stock
    "manage": ("Manage stock?",),
    "backorders": _spaces("Backorders allowed?", "Lieferrückstände erlaubt?",  # [wp]
                          "Autoriser les commandes de produits en rupture ?",
                          "¿Permitir reservas de productos agotados?", "Nabestellingen toestaan?"),
    "sale": ("Sale price", "Angebotspreis"),  # de [2x]
    "regular": ("Regular price", "Regulärer Preis"),  # de [2x]
    "parent": ("Parent", "Übergeordnetes Produkt"),  # de [2x]
}
_OPTIONAL = ("ID", "Published", "Backorders allowed?", "Manage stock?", "Regular price", "Sale price", "Parent",
             "Grouped products", "Visibility in catalog", "Tax status")
# language -> (label, its [wp]-confirmed SKU, Stock, Backorders allowed? and Published), which identify it
_LOCALIZED = {
    "de": ("German", "Artikelnummer", "Bestand", "Lieferrückstände erlaubt?", "Veröffentlicht"),
    "fr": ("French", "UGS", "Stock", "Autoriser les commandes de produits en rupture ?", "Publié"),
    "es": ("Spanish", "SKU", "Inventario", "¿Permitir reservas de productos agotados?", "Publicado"),
    "nl": ("Dutch", "SKU", "Voorraad", "Nabestellingen toestaan?", "Gepubliceerd"),
}

register(
    "woocommerce", Platform("WooCommerce", web_store=True),
    Signature("woocommerce", "products", "WooCommerce product export",
              ("Type", "SKU", "Name", "In stock?", "Stock"), _OPTIONAL, catalog=True),
    *(Signature("woocommerce", "products", f"WooCommerce product export ({label} headers)",
                (sku, stock, _spaces(backorders), published),
                ("ID",) + tuple(n for names in HEADERS.values() for n in names[1:]), catalog=True)
      for label, sku, stock, backorders, published in _LOCALIZED.values()),
)

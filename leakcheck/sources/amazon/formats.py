"""Seller Central's reports as recognition knows them: their header rows, with the spellings seen in the wild.

Amazon writes lower-case hyphenated headers in its flat files (``seller-sku``, ``item-price``)
and Title Case in the newer Inventory Ledger download (``Event Type``) where the Reports API
writes ``EventType``; both are listed.

Seller Central in Germany, France, Italy, Spain and Japan translates the All Listings report's
header (``Händler-SKU``, ``Menge``, ``Preis``...). The translations in ``LISTINGS_ALIASES`` are
the ones seen in third-party integration code (German in two independent projects, the others in
one); no Amazon document lists them, so they are accepted for the listings report only, and the
other reports are known by their English headers alone.
"""

from ..recognise import Platform, Signature, register

# field -> header names: English first, then German, French, Italian, Spanish, Japanese where seen
LISTINGS_ALIASES = {
    "sku": ("seller-sku", "Händler-SKU", "sku-vendeur", "SKU venditore", "SKU del vendedor", "出品者SKU"),
    "title": ("item-name", "Artikelbezeichnung", "nom-produit", "Nome dell'articolo", "Título del producto", "商品名"),
    "price": ("price", "Preis", "prix", "Prezzo", "precio", "価格"),
    "quantity": ("quantity", "Menge", "quantité", "Quantità", "cantidad", "数量"),
    "channel": ("fulfillment-channel", "fulfilment-channel", "Versender", "canal-traitement", "Canale di gestione",
                "Canal de gestión logística", "フルフィルメント・チャンネル"),
    "status": ("status", "état", "stato", "estado", "ステータス"),
}

register(
    "amazon", Platform("Amazon", web_store=False),
    Signature("amazon", "listings", "Amazon All Listings report",
              (LISTINGS_ALIASES["sku"], LISTINGS_ALIASES["quantity"], LISTINGS_ALIASES["price"]),
              ("item-name", "fulfillment-channel", "status", "asin1", "listing-id", "open-date", "pending-quantity",
               "Artikelbezeichnung", "Versender", "asin 1"),
              catalog=True),
    Signature("amazon", "listings", "Amazon inventory report (open listings)",
              ("sku", "asin", "price", "quantity"),
              ("business price", "quantity price type"), catalog=True),
    Signature("amazon", "fba", "Amazon FBA Manage Inventory report",
              ("sku", "afn-fulfillable-quantity"),
              ("fnsku", "asin", "product-name", "your-price", "mfn-listing-exists", "mfn-fulfillable-quantity",
               "afn-listing-exists", "afn-reserved-quantity", "afn-warehouse-quantity", "afn-total-quantity")),
    Signature("amazon", "ledger", "Amazon FBA Inventory Ledger report",
              ("date", "msku", ("event type", "eventtype"), "quantity"),
              ("fnsku", "asin", "title", "reference id", "referenceid", "fulfillment center", "disposition",
               "reason", "country")),
    Signature("amazon", "orders", "Amazon All Orders report",
              (("amazon-order-id", "order-id"), "purchase-date", "sku", ("quantity", "quantity-purchased")),
              ("order-status", "item-status", "item-price", "currency", "fulfillment-channel", "sales-channel")),
)

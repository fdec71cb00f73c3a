"""WooCommerce's product CSV exporter as recognition knows it (class-wc-product-csv-exporter.php).

``ID`` is left out when the exporting user unticks it (the official sample file has none), so the
identifying columns are the ones every export has: Type, SKU, Name and the stock columns.
"""

from ..recognise import Platform, Signature, register

register(
    "woocommerce", Platform("WooCommerce", web_store=True),
    Signature("woocommerce", "products", "WooCommerce product export",
              ("Type", "SKU", "Name", "In stock?", "Stock"),
              ("ID", "Published", "Backorders allowed?", "Manage stock?", "Regular price", "Sale price", "Parent",
               "Grouped products", "Visibility in catalog", "Tax status"),
              catalog=True),
)

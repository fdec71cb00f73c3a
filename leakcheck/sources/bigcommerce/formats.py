"""BigCommerce's Bulk Edit product export as recognition knows it (shared/specs NOTES 3.7).

Only the legacy Bulk Edit template's columns are confirmed; the newer export's stock columns are
not (see the notes), so it is not recognised rather than guessed at.
"""

from ..recognise import Platform, Signature, register

register(
    "bigcommerce", Platform("BigCommerce", web_store=True),
    Signature("bigcommerce", "products", "BigCommerce Bulk Edit product export",
              ("Item Type", "Product ID", "Product Name", "Product Code/SKU", "Current Stock Level"),
              ("Product Type", "Price", "Sale Price", "Track Inventory", "Allow Purchases?", "Product Visible?",
               "Low Stock Level", "Option Set", "Brand Name", "Category"),
              catalog=True),
)

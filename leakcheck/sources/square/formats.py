"""Square's item library export (Items > Actions > Export library) as recognition knows it.

The column set varies with the seller's features (tax columns, online store, options), and the
location columns carry the location's name as a suffix, so only the fixed item columns identify it.
"""

from ..recognise import Platform, Signature, register

register(
    "square", Platform("Square", web_store=False),
    Signature("square", "items", "Square item library export",
              ("Item Name", "Variation Name", "SKU", "Price"),
              ("Token", "Reference Handle", "Archived", "Sellable", "Stockable", "Item Type", "Categories",
               "Option Name 1", "Option Value 1", "Description"),
              catalog=True),
)

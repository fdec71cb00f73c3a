"""Seller Hub's reports as recognition knows them: active listings and orders, in English.

Seller Hub has changed capitalisation over the years (``Custom label (SKU)``, ``Custom Label``;
``Sales record number``, ``Sales Record Number``): recognition ignores case. The active listings
report has also been seen with ``Item ID`` for ``Item number`` and a bare ``Custom label`` for
``Custom label (SKU)`` (the spelling the orders report uses): third-party importers of eBay's
active listings CSV test with that header, and the listings reader already reads both, so
recognition accepts them too. eBay translates headers on its other sites (ebay.fr, ebay.de); no
translated header could be confirmed against an official source, so only the English ones are known.
"""

from ..recognise import Platform, Signature, register

register(
    "ebay", Platform("eBay", web_store=False),
    Signature("ebay", "listings", "eBay active listings report",
              (("Item number", "Item ID"), "Title", ("Custom label (SKU)", "Custom label"),
               ("Available quantity", "Quantity")),
              ("Variation details", "Currency", "Start price", "Current price", "Format", "Sold quantity",
               "Start date"), catalog=True),
    Signature("ebay", "orders", "eBay orders report",
              ("Sales record number", "Order number", "Quantity", "Sale date"),
              ("Item number", "Item title", "Custom label", "Sold for", "Total price", "Paid on date",
               "Shipped on date", "Dispatched on date", "Variation details")),
)

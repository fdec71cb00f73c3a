"""Seller Hub's reports as recognition knows them: active listings and orders, in English.

Seller Hub has changed capitalisation over the years (``Custom label (SKU)``, ``Custom Label``;
``Sales record number``, ``Sales Record Number``): recognition ignores case. eBay translates
headers on its other sites (ebay.fr, ebay.de); no translated header could be confirmed against
an official source, so only the English ones are known.
"""

from ..recognise import Platform, Signature, register

register(
    "ebay", Platform("eBay", web_store=False),
    Signature("ebay", "listings", "eBay active listings report",
              ("Item number", "Title", "Custom label (SKU)", ("Available quantity", "Quantity")),
              ("Variation details", "Currency", "Start price", "Current price", "Format", "Sold quantity",
               "Start date"), catalog=True),
    Signature("ebay", "orders", "eBay orders report",
              ("Sales record number", "Order number", "Quantity", "Sale date"),
              ("Item number", "Item title", "Custom label", "Sold for", "Total price", "Paid on date",
               "Shipped on date", "Dispatched on date", "Variation details")),
)

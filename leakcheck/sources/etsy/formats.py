"""Etsy's shop downloads as recognition knows them: the listings CSV and the sold order items CSV.

Etsy writes the listings CSV's header in capitals (``TITLE``, ``CURRENCY_CODE``) and the sold
order items CSV's in Title Case (``Sale Date``, ``Order ID``); recognition ignores case. Etsy
does not translate these headers by the shop's language as far as could be confirmed.
"""

from ..recognise import Platform, Signature, register

register(
    "etsy", Platform("Etsy", web_store=False),
    Signature("etsy", "listings", "Etsy listings CSV",
              ("TITLE", "PRICE", "CURRENCY_CODE", "QUANTITY", "SKU"),
              ("DESCRIPTION", "TAGS", "MATERIALS", "IMAGE1", "VARIATION 1 TYPE", "VARIATION 1 VALUES"), catalog=True),
    Signature("etsy", "orders", "Etsy sold order items CSV",
              ("Sale Date", "Item Name", "Quantity", "Price", "Order ID"),
              ("Transaction ID", "Listing ID", "Date Shipped", "SKU", "Currency", "Item Total", "Variations")),
)

"""Shopify's admin exports as recognition knows them: their header rows, old and new spellings."""

from ..recognise import Platform, Signature, register

register(
    "shopify", Platform("Shopify", web_store=True),
    Signature("shopify", "products", "Shopify product export",
              ("URL handle", "Title", "SKU", "Price"),
              ("Inventory quantity", "Continue selling when out of stock", "Inventory tracker", "Status",
               "Option1 value"), catalog=True),
    Signature("shopify", "products", "Shopify product export (older header)",
              ("Handle", "Title", "Variant SKU", "Variant Price"),
              ("Variant Inventory Qty", "Variant Inventory Policy", "Variant Inventory Tracker", "Status",
               "Option1 Value"), catalog=True),
    Signature("shopify", "inventory", "Shopify inventory export",
              ("Handle", "SKU", "Location", ("Available (not editable)", "Available")),
              ("Title", "On hand (current)", "On hand", "Committed (not editable)", "Committed",
               "Unavailable (not editable)", "Incoming (not editable)")),
    Signature("shopify", "orders", "Shopify orders export",
              ("Name", "Created at", "Lineitem quantity", "Lineitem sku"),
              ("Financial Status", "Fulfillment Status", "Cancelled at", "Currency", "Lineitem price",
               "Refunded Amount")),
)

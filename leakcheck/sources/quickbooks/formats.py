"""QuickBooks Online's products and services export as recognition knows it.

The list export names the item ``Product/Service Name`` (older lists ``Product/Service``), its kind
in ``Type`` and the count in ``Quantity on hand``; the SKU column is there only when the company
has SKUs switched on, so it does not identify the file.
"""

from ..recognise import Platform, Signature, register

NAME = ("Product/Service Name", "Product/Service", "Product/service name")
register(
    "quickbooks", Platform("QuickBooks Online", web_store=False),
    Signature("quickbooks", "products", "QuickBooks products and services export",
              (NAME, "Type", ("Sales Price / Rate", "Sales Price/Rate", "Sales price", "Price / Rate",
                              "Quantity on hand", "Qty on hand", "Quantity On Hand")),
              ("SKU", "Sales Description", "Income Account", "Purchase Description", "Purchase Cost",
               "Expense Account", "Quantity on hand", "Reorder Point", "Inventory Asset Account",
               "Quantity as-of Date", "Taxable", "Category"),
              catalog=True),
)

"""Xero's inventory items export as recognition knows it.

The export and the import template share one header; the export adds ``QuantityOnHand`` (the
import template's ``Quantity`` is its opening balance). ``*ItemCode`` carries the star that marks
a required column; a re-saved file may have lost it.
"""

from ..recognise import Platform, Signature, register

register(
    "xero", Platform("Xero", web_store=False),
    Signature("xero", "items", "Xero inventory items export",
              (("*ItemCode", "ItemCode"), ("ItemName", "*ItemName"), ("SalesUnitPrice", "PurchasesUnitPrice")),
              ("QuantityOnHand", "PurchasesDescription", "SalesDescription", "SalesAccount", "PurchasesAccount",
               "InventoryAssetAccount", "CostOfGoodsSoldAccount", "SalesTaxRate", "PurchasesTaxRate"),
              catalog=True),
)

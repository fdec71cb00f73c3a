"""Shopify: the store read from its admin exports (files.py); live API access is the next release."""

from .files import ShopifyChannel, ShopifyFiles

__all__ = ["ShopifyChannel", "ShopifyFiles"]

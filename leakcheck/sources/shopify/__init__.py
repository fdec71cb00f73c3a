"""Shopify: the store read from its admin exports (files.py) or live through the GraphQL Admin API (live.py).

Both ways share one config model, ``ShopifyChannel`` (config.py): a channel that lists ``files:``
is read from them, one without is read live.
"""

from .config import ShopifyChannel
from .files import ShopifyFiles
from .live import ShopifyLive

__all__ = ["ShopifyChannel", "ShopifyFiles", "ShopifyLive"]

"""A loopback emulator of Shopify's GraphQL Admin API (2026-07), serving a World's shop.

    from tests.emulators.shopify import ShopifyEmulator
    with ShopifyEmulator(world, token="shpat_test_0123456789") as emu:
        config = emu.channel_config()      # {"type": "shopify", "base_url": ..., "shop": ..., "token": ...}

Modules: schema.py (the SDL, built once), store.py (the World as Shopify objects), graph.py
(connections, scopes, search), resolvers.py (root fields), cost.py (query cost and the bucket),
bulk.py (bulk operations and their JSONL), server.py (the emulator: GraphQL, credentials, bulk
operations), handler.py (HTTP routes and faults on the wire).
"""

from .server import DEFAULT_SCOPES, ShopifyEmulator

__all__ = ["DEFAULT_SCOPES", "ShopifyEmulator"]

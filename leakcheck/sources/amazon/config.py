"""The keys of an Amazon channel in leakcheck.yaml.

Seller Central reports say nothing about the marketplace's currency in the listings report, so
``currency:`` is the one key worth setting (the orders report's ``currency`` column wins when
present). Times without a zone (the Inventory Ledger's dates) are read in ``timezone:``.
"""

from __future__ import annotations

from ..base import ChannelConfig


class AmazonChannel(ChannelConfig):
    """An Amazon seller account read from Seller Central reports (All Listings, FBA inventory, ledger, orders)."""

"""The keys of an eBay channel in leakcheck.yaml.

Seller Hub writes sale dates without a time zone (``Sep-18-26``): they are read in ``timezone:``
(the site's zone, e.g. Europe/London for ebay.co.uk). ``currency:`` is used where a report has no
``Currency`` column and its prices carry no symbol.
"""

from __future__ import annotations

from ..base import ChannelConfig


class EbayChannel(ChannelConfig):
    """An eBay seller account read from Seller Hub reports (active listings, orders)."""

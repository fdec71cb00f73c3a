"""The keys of an Etsy channel in leakcheck.yaml.

The sold order items CSV writes sale dates without a zone (``09/18/26``): they are read in
``timezone:`` (the shop's zone). The listings CSV names its currency (``CURRENCY_CODE``).
"""

from __future__ import annotations

from ..base import ChannelConfig


class EtsyChannel(ChannelConfig):
    """An Etsy shop read from its downloaded CSVs (listings, sold order items)."""

"""The settings of a ``type: woocommerce`` channel: only the keys every channel has (files, currency, timezone)."""

from __future__ import annotations

from ..base import ChannelConfig


class WooCommerceChannel(ChannelConfig):
    """A WooCommerce store, read from its product CSV export."""

"""The settings of a ``type: bigcommerce`` channel: only the keys every channel has (files, currency, timezone)."""

from __future__ import annotations

from ..base import ChannelConfig


class BigCommerceChannel(ChannelConfig):
    """A BigCommerce store, read from its Bulk Edit product export."""

"""The settings of a ``type: xero`` channel: only the keys every channel has (files, currency, timezone)."""

from __future__ import annotations

from ..base import ChannelConfig


class XeroChannel(ChannelConfig):
    """Xero's accounts, read from the inventory items export."""

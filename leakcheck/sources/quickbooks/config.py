"""The settings of a ``type: quickbooks`` channel: only the keys every channel has (files, currency, timezone)."""

from __future__ import annotations

from ..base import ChannelConfig


class QuickBooksChannel(ChannelConfig):
    """QuickBooks Online's books, read from the products and services export (Excel or CSV)."""

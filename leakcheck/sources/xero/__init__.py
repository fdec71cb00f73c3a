"""Xero, the accounts: the inventory items export (Business > Products and services > Export).

The accounts hold on-hand counts and sales prices, not a shop: they are read for what the books
say is on the shelf. config.py holds the channel's settings, formats.py the export's header for
recognition, items_csv.py the reading, files.py the source.
"""

from .config import XeroChannel
from .files import XeroFiles

__all__ = ["XeroChannel", "XeroFiles"]

"""eBay: the channel read from Seller Hub's downloaded reports (files.py).

There is no live eBay source yet; ``EbayChannel`` (config.py) is the config model the files
source uses, and the one a live source will share.
"""

from .config import EbayChannel
from .files import EbayFiles

__all__ = ["EbayChannel", "EbayFiles"]

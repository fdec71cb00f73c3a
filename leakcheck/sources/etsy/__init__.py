"""Etsy: the channel read from the shop's downloaded CSVs (files.py).

There is no live Etsy source yet; ``EtsyChannel`` (config.py) is the config model the files
source uses, and the one a live source will share.
"""

from .config import EtsyChannel
from .files import EtsyFiles

__all__ = ["EtsyChannel", "EtsyFiles"]

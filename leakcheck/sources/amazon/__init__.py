"""Amazon Seller Central: the channel read from its downloaded reports (files.py).

There is no live Amazon source yet; ``AmazonChannel`` (config.py) is the config model the files
source uses, and the one a live source will share.
"""

from .config import AmazonChannel
from .files import AmazonFiles

__all__ = ["AmazonChannel", "AmazonFiles"]

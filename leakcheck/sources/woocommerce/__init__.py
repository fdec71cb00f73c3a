"""WooCommerce, a web store: the product CSV exporter's file (Products > Export).

config.py holds the channel's settings, formats.py the export's header for recognition,
products_csv.py the reading (variations joined to their parents), files.py the source.
"""

from .config import WooCommerceChannel
from .files import WooCommerceFiles

__all__ = ["WooCommerceChannel", "WooCommerceFiles"]

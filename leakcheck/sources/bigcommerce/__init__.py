"""BigCommerce, a web store: the Bulk Edit product export (Products > Export > Bulk Edit template).

config.py holds the channel's settings, formats.py the export's header for recognition,
bulk_edit.py the reading (SKU rows under their Product row), files.py the source.
"""

from .config import BigCommerceChannel
from .files import BigCommerceFiles

__all__ = ["BigCommerceChannel", "BigCommerceFiles"]

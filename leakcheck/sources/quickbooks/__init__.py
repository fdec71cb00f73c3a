"""QuickBooks Online, the accounts: the products and services list export (Sales > Products and services > Export).

config.py holds the channel's settings, formats.py the export's header for recognition,
products_services.py the reading, files.py the source.
"""

from .config import QuickBooksChannel
from .files import QuickBooksFiles

__all__ = ["QuickBooksChannel", "QuickBooksFiles"]

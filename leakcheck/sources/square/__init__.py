"""Square, the till: the live source (Catalog, Inventory and Orders APIs, read-only) and its item-library export.

config.py holds the channel's settings; api.py the endpoints, scopes and paging; catalog.py,
stock.py, changes.py and orders.py turn Square's answers into leakcheck's records, one role each;
live.py runs the reads in order; doctor.py checks a token. files.py, item_library.py and
formats.py read the item-library export (CSV or XLSX) with the same config, for ``files:``.
"""

from .config import SquareChannel
from .live import SquareLiveSource

__all__ = ["SquareChannel", "SquareLiveSource"]

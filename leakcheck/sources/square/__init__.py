"""Square, the till: the live source (Catalog, Inventory and Orders APIs, read-only).

config.py holds the channel's settings; api.py the endpoints, scopes and paging; catalog.py,
stock.py, changes.py and orders.py turn Square's answers into leakcheck's records, one role each;
live.py runs the reads in order; doctor.py checks a token. The files source (Square's
item-library export) will join this package and register for ``files`` with the same config.
"""

from .config import SquareChannel
from .live import SquareLiveSource

__all__ = ["SquareChannel", "SquareLiveSource"]

"""What one export file gave: records, what they supply, bad rows, and counts worth a note.

A platform whose channel is read from several kinds of export (Amazon's, eBay's and Etsy's reports)
has one reader per kind; each returns a Part, so multi_export.py can merge the files of a channel
without knowing their layouts.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from ..model import BadRow, Listing, OrderLine, StockEvent


@dataclass
class Part:
    kind: str
    listings: list[Listing] = field(default_factory=list)
    events: list[StockEvent] = field(default_factory=list)
    lines: list[OrderLine] = field(default_factory=list)
    provides: set[str] = field(default_factory=set)
    bad_rows: list[BadRow] = field(default_factory=list)
    currencies: Counter = field(default_factory=Counter)
    details: list[str] = field(default_factory=list)  # "12 listings", "3 without a quantity", ... for the note
    missing: list[str] = field(default_factory=list)  # "'price' (no prices)": columns absent and what that cost
    notes: list[str] = field(default_factory=list)  # what the file cannot say, in full sentences


def missing_note(part: Part, table_find, wanted: dict[str, tuple[tuple[str, ...], str]]) -> dict[str, int | None]:
    """Column positions of ``wanted`` (field -> (headers, what is lost without it)); absent ones noted in ``part``."""
    found: dict[str, int | None] = {}
    for name, (headers, lost) in wanted.items():
        found[name] = table_find(*headers)
        if found[name] is None and lost:
            part.missing.append(f"'{headers[0]}' ({lost})")
    return found

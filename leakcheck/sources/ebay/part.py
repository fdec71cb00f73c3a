"""What one eBay report gave: records, what they supply, bad rows, and counts worth a note.

Every reader returns one of these, so files.py can merge reports without knowing their layouts.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from ...model import BadRow, Listing, OrderLine


@dataclass
class Part:
    kind: str
    listings: list[Listing] = field(default_factory=list)
    lines: list[OrderLine] = field(default_factory=list)
    provides: set[str] = field(default_factory=set)
    bad_rows: list[BadRow] = field(default_factory=list)
    currencies: Counter = field(default_factory=Counter)
    details: list[str] = field(default_factory=list)  # "12 listings", "3 variation listings", ... for the note
    missing: list[str] = field(default_factory=list)  # "'price' (no prices)": columns absent and what that cost


def missing_note(part: Part, table_find, wanted: dict[str, tuple[tuple[str, ...], str]]) -> dict[str, int | None]:
    """Column positions of ``wanted`` (field -> (headers, what is lost without it)); absent ones noted in ``part``."""
    found: dict[str, int | None] = {}
    for name, (headers, lost) in wanted.items():
        found[name] = table_find(*headers)
        if found[name] is None and lost:
            part.missing.append(f"'{headers[0]}' ({lost})")
    return found

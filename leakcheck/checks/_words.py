"""How the checks name things in their messages and evidence: codes, channels, lists, times.

Many checks write the same kinds of words (a product's code as a channel spells it, a channel at
the start of a sentence, "shop, amazon and ebay", a time in evidence). Writing each one way, here,
keeps the findings reading alike, and keeps each check module to the one check it holds (check
modules are scanned for checks; a module whose name starts with ``_`` is not). Everything here
is pure and small.
"""

from __future__ import annotations

from datetime import datetime, timezone
from typing import Iterable

from ..index import Index

_CONFIDENCE = ("low", "medium", "high")


def spelling(index: Index, channel: str, key: str) -> str:
    """The code as a channel writes it (the first, sorted, when it has several)."""
    found = index.spellings.get((channel, key))
    return min(found) if found else key


def all_spellings(index: Index, channels: Iterable[str], key: str) -> list[str]:
    """Every code the channels write the product as, sorted; the key itself when none do."""
    codes: set[str] = set()
    for name in channels:
        codes |= index.spellings.get((name, key), set())
    return sorted(codes) or [key]


def title_case(name: str) -> str:
    """A channel name at the start of a sentence: ``amazon`` -> ``Amazon``."""
    return name[:1].upper() + name[1:]


def join_names(names: Iterable[str]) -> str:
    """'shop', 'shop and amazon', 'shop, amazon and ebay'."""
    items = list(names)
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def quoted(sku: str) -> str:
    """A code in quotes, so a stray space shows."""
    return f"'{sku}'"


def units_of(n: int) -> str:
    """``1 unit``, ``3 units``."""
    return f"{n} unit" if n == 1 else f"{n} units"


def iso(ts: float) -> str:
    """A UTC epoch time as evidence shows it: ``2024-05-01T09:30:00Z``."""
    return datetime.fromtimestamp(ts, tz=timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def gap_clause(hours: float | None) -> str:
    """The end of a message sentence that warns the two counts were taken apart."""
    return "" if hours is None else f", though the two exports were taken {hours:g} hours apart"


def lowered(confidence: str, steps: int = 1) -> str:
    """One (or more) steps down the high > medium > low ladder."""
    return _CONFIDENCE[max(0, _CONFIDENCE.index(confidence) - steps)]

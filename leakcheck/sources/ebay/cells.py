"""Seller Hub's ways of writing money and dates, which tabular.py's general parsers do not cover.

Money: eBay prefixes a site's dollar with its country (``AU $3,000.00``, ``C $12.00``,
``US $9.99``), writes ``£12.99`` on ebay.co.uk and ``EUR 90,00`` (decimal comma) on the euro
sites. Dates: ``Sep-18-26`` (month first, US sites and ebay.co.uk), ``26-May-26`` (day first,
ebay.com.au), both optionally followed by a time and a zone abbreviation (``10:15:22 PDT``).
Times without a zone are local to the channel's timezone.
"""

from __future__ import annotations

import re
from datetime import datetime, timedelta, timezone, tzinfo
from functools import lru_cache

from ..cells import CellError, parse_price

from ..times import parse_time

_PREFIX = {"AU": "AUD", "C": "CAD", "CA": "CAD", "US": "USD", "NZ": "NZD", "HK": "HKD", "S": "SGD", "SG": "SGD"}
_MONEY = re.compile(r"^\s*(AU|C|CA|US|NZ|HK|SG|S)\s*\$\s*(.+)$")
_DECIMAL_COMMA = re.compile(r"^\D*(\d{1,3}([.\s\u00a0\u202f']\d{3})+|\d+),\d{1,2}\D*$")


def parse_money(text: str) -> tuple[float | None, str | None]:
    """(amount, ISO currency or None): "AU $3,000.00", "£12.99", "EUR 90,00", "1 234,50 €", "12.5"."""
    m = _MONEY.match(text)
    if m:
        amount, _ = parse_price(m.group(2))
        return amount, _PREFIX[m.group(1)]
    if _DECIMAL_COMMA.match(text):
        return parse_price(text, decimal=",")
    return parse_price(text)


_MONTHS = {m: i + 1 for i, m in enumerate(("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct",
                                          "nov", "dec"))}
_ZONES = {"GMT": 0, "UTC": 0, "BST": 1, "CET": 1, "CEST": 2, "PST": -8, "PDT": -7, "MST": -7, "MDT": -6,
          "CST": -6, "CDT": -5, "EST": -5, "EDT": -4, "AEST": 10, "AEDT": 11}
_DATE = re.compile(r"^\s*(?:([A-Za-z]{3})\.?-(\d{1,2})|(\d{1,2})-([A-Za-z]{3})\.?)-(\d{2}|\d{4})"
                   r"(?:[ T]+(\d{1,2}):(\d{2})(?::(\d{2}))?)?\s*([A-Za-z]{3,4})?\s*$")


@lru_cache(maxsize=4096)
def _parse(text: str, tz: tzinfo) -> float | None:
    m = _DATE.match(text)
    if not m:
        return parse_time(text, tz)
    mon_a, day_a, day_b, mon_b, year, hh, mm, ss, zone = m.groups()
    month = _MONTHS.get((mon_a or mon_b).lower())
    if month is None or (zone and zone.upper() not in _ZONES):
        raise CellError(f"{text.strip()!r} is not a date and time we can read")
    y = int(year) + (2000 if len(year) == 2 else 0)
    local = timezone(timedelta(hours=_ZONES[zone.upper()])) if zone else tz
    try:
        return datetime(y, month, int(day_a or day_b), int(hh or 0), int(mm or 0), int(ss or 0),
                        tzinfo=local).timestamp()
    except ValueError:
        raise CellError(f"{text.strip()!r} is not a date and time we can read") from None


def parse_date(text: str, tz: tzinfo) -> float | None:
    """UTC epoch seconds of a Seller Hub date; blank is None; unreadable raises CellError."""
    return _parse(text, tz) if text.strip() else None

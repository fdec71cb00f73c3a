"""Dates and times as exports write them, and the time zones a channel's settings name.

Shopify writes "2026-09-01 14:03:22 +0100", Amazon ISO 8601 with a zone, eBay "18-Sep-26 14:03",
European reports "17.05.2011", some logs epoch seconds. ``parse_time`` reads them all into UTC epoch
seconds, applying the channel's zone where the cell names none; ``has_time_of_day`` tells a sale
dated by the day alone, which must not be used to time another channel's stock change.
"""

from __future__ import annotations

import re
from datetime import datetime, timedelta, timezone, tzinfo
from functools import lru_cache
from typing import Callable
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from .base import SourceError
from .cells import CellError


@lru_cache(maxsize=64)
def zone(name: str | None) -> tzinfo:
    """The zone for an IANA name (UTC when blank); a wrong name is a fault in the settings."""
    if not name or name.strip().upper() in ("UTC", "GMT", "Z"):
        return timezone.utc
    try:
        return ZoneInfo(name.strip())
    except (ZoneInfoNotFoundError, ValueError):
        raise SourceError("timezone", f"{name!r} is not a time zone name we know (use one like Europe/London)") from None


def known_zone(name: str) -> bool:
    try:
        return zone(name) is not None
    except SourceError:
        return False


_ZONE = r"\s*(Z|UTC|GMT|[+-]\d{2}(?::?\d{2})?)?"
_ISO_RE = re.compile(
    r"(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ](\d{1,2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?)?" + _ZONE + r"$", re.I
)
_NUMERIC_RE = re.compile(
    r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{4}|\d{2})(?:[T ,]+(\d{1,2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?\s*([AaPp][Mm])?)?"
    + _ZONE + r"$", re.I
)


def _offset(text: str | None) -> tzinfo | None:
    if not text or text.upper() in ("Z", "UTC", "GMT"):
        return timezone.utc if text else None
    digits = text[1:].replace(":", "")
    minutes = int(digits[:2]) * 60 + (int(digits[2:4]) if len(digits) >= 4 else 0)
    return timezone(timedelta(minutes=minutes if text[0] == "+" else -minutes))


def _day_first(date_format: str | None) -> bool:
    return bool(date_format) and "%d" in date_format and "%m" in date_format and \
        date_format.index("%d") < date_format.index("%m")


def has_time_of_day(text: str) -> bool:
    """Does a date cell say the time too ("18-Sep-26 14:03", ISO with a time, epoch seconds), or only the day?
    Sales read from a date alone are kept, but not used to time stock changes (``OrderLine.day_only``)."""
    if ":" in text:  # 14:03, T14:03:22, +01:00 (a zone is only ever written after a time)
        return True
    s = text.strip()
    return s.isdigit() and len(s) in (10, 13)


def parse_time(text: str, tz: str | tzinfo | None = None, date_format: str | None = None) -> float | None:
    """UTC epoch seconds; ``tz`` applies to times written without a zone; blank is None. Reads ISO 8601
    with or without a zone, Shopify's "2026-09-01 14:03:22 +0100", a date alone, "01/09/2026 14:03"
    (month first unless ``date_format`` puts %d first or the first number is over 12), ``date_format``
    itself, and epoch seconds."""
    s = text.strip()
    if not s:
        return None
    local = zone(tz) if tz is None or isinstance(tz, str) else tz
    try:
        if date_format:
            try:
                dt = datetime.strptime(s, date_format)
                return (dt if dt.tzinfo else dt.replace(tzinfo=local)).timestamp()
            except ValueError:
                pass
        if len(s) >= 10 and s[4] == "-" and s[7] == "-":
            # ISO 8601 as Shopify, Amazon and most exports write it ("2026-09-01 14:03:22 +0100"): the C
            # parser reads it several times faster than the pattern below, which still takes what it refuses
            try:
                dt = datetime.fromisoformat(s)
            except ValueError:
                pass
            else:
                return (dt if dt.tzinfo else dt.replace(tzinfo=local)).timestamp()
        m = _ISO_RE.match(s)
        if m:
            y, mo, d, hh, mm, ss, frac, off = m.groups()
        else:
            m = _NUMERIC_RE.match(s)
            if not m:
                if s.isdigit() and len(s) in (10, 13):
                    return int(s) / (1000 if len(s) == 13 else 1)
                raise CellError(f"{s!r} is not a date and time we can read")
            a, b, y, hh, mm, ss, frac, ampm, off = m.groups()
            day_first = _day_first(date_format) or int(a) > 12
            d, mo = (a, b) if day_first else (b, a)
            if len(y) == 2:
                y = str(2000 + int(y) if int(y) < 70 else 1900 + int(y))
            if ampm and hh:
                hh = str(int(hh) % 12 + (12 if ampm.lower() == "pm" else 0))
        micro = int((frac or "0")[:6].ljust(6, "0"))
        dt = datetime(int(y), int(mo), int(d), int(hh or 0), int(mm or 0), int(ss or 0), micro,
                      tzinfo=_offset(off) or local)
        return dt.timestamp()
    except (ValueError, OverflowError):
        raise CellError(f"{s!r} is not a date and time we can read") from None


def stamp_reader(tz: str | tzinfo | None = None) -> Callable[[str], float | None]:
    """``parse_time`` for one column of one file, fast for the layout exports repeat a million times.

    Shopify's orders export writes "2026-09-01 14:03:22 +0100" on every order (ISO 8601 with "T" and
    "+01:00" is read the same way): a date, a time of day to the second and an explicit offset. Such a
    stamp is the epoch seconds of its day's midnight at that offset (worked out once per day and
    offset) plus its time of day (once per distinct time), which is exact because a fixed offset has
    no daylight-saving jumps. Anything else (fractions of a second, no offset in a zone that changes
    its clocks, text that is no date) goes to ``parse_time`` itself, so the answer, and the error, is
    always the one ``parse_time`` gives; a test holds the two equal on generated stamps."""
    local = zone(tz) if tz is None or isinstance(tz, str) else tz
    fixed = local is timezone.utc or isinstance(local, timezone)  # no clock changes: no offset is one too
    days: dict[str, float] = {}  # "YYYY-MM-DD" + what follows the time -> epoch seconds of that midnight
    clock: dict[str, int] = {}  # "HH:MM:SS" -> seconds since midnight

    def read(text: str) -> float | None:
        # both keys are stored only from a text that passed every check in learn(), at fixed places
        day = days.get(text[:10] + text[19:])
        if day is not None and text[10:11] in (" ", "T"):
            seconds = clock.get(text[11:19])
            if seconds is not None:
                return day + seconds
        return learn(text)

    def learn(text: str) -> float | None:
        if len(text) >= 19 and text[10] in " T" and text[13] == ":" and text[16] == ":":
            date, hms, rest = text[:10], text[11:19], text[19:]
            zoned = rest.strip() != ""  # an offset or zone after the time; only blank is "none written"
            if ((zoned and rest[0] in " +-Z") or (not zoned and fixed)) and _digits(date[:4] + date[5:7] + date[8:]) \
                    and date[4] == "-" and date[7] == "-" and _digits(hms[:2] + hms[3:5] + hms[6:]):
                h, m, s = int(hms[:2]), int(hms[3:5]), int(hms[6:])
                if h < 24 and m < 60 and s < 60:
                    try:
                        day = days.get(date + rest)
                        if day is None:
                            day = parse_time(f"{date} 00:00:00{rest}", local)
                    except CellError:
                        day = None  # parse_time on the whole text says what is wrong
                    if day is not None:
                        days[date + rest] = day
                        clock[hms] = h * 3600 + m * 60 + s
                        return day + clock[hms]
        return parse_time(text, local)

    return read


def _digits(text: str) -> bool:
    return text.isascii() and text.isdigit()

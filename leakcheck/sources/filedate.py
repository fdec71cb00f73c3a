"""When an export was taken, from the date its platform writes into the file's name.

Platforms name exports by date (``All+Listings+Report+09-21-2026.txt``,
``InventoryItems-20260921.csv``, ``stock-report-21-09-2026.csv``, ``catalog-2026-09-21-0655``).
That date is the only honest "exported at" a file has: the newest record inside is only a lower
bound (a quiet till's last sale may be a day old), so a file without a dated name gets none
rather than a guess, and export-age warnings compare only dates the files really state.
"""

from __future__ import annotations

import re
from datetime import datetime, timezone
from pathlib import Path

_PATTERNS = (
    # 2026-09-21, 2026_09_21, 20260921, optionally followed by a time 0655 / 06-55 / 065512
    (re.compile(r"(?<!\d)(20\d\d)[-_.]?(0[1-9]|1[0-2])[-_.]?(0[1-9]|[12]\d|3[01])(?:[-_T ]?([01]\d|2[0-3])[-_:]?([0-5]\d))?(?!\d)"), "ymd"),
    # 21-09-2026 or 09-21-2026 (which one: the field above 12 decides; both <= 12 reads day first)
    (re.compile(r"(?<!\d)(\d\d)[-_.](\d\d)[-_.](20\d\d)(?!\d)"), "dmy"),
)


def date_in_name(path: str | Path) -> float | None:
    """UTC epoch seconds of the newest date written in a file name, or None when it names none."""
    name = Path(path).name
    found: list[float] = []
    for pattern, order in _PATTERNS:
        for m in pattern.finditer(name):
            stamp = _stamp(m.groups(), order)
            if stamp is not None:
                found.append(stamp)
    return max(found) if found else None


def _stamp(groups: tuple, order: str) -> float | None:
    try:
        if order == "ymd":
            year, month, day, hour, minute = groups
            moment = datetime(int(year), int(month), int(day), int(hour or 0), int(minute or 0), tzinfo=timezone.utc)
        else:
            a, b, year = (int(g) for g in groups)
            day, month = (b, a) if b > 12 and a <= 12 else (a, b)
            moment = datetime(year, month, day, tzinfo=timezone.utc)
    except ValueError:
        return None
    return moment.timestamp()


def newest_date_in_names(paths) -> float | None:
    """The newest date any of these file names states."""
    dates = [d for d in (date_in_name(p) for p in paths) if d is not None]
    return max(dates) if dates else None

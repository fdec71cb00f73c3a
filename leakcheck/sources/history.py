"""A channel's ``history:``: stock events from a neutral CSV log, added to whatever the channel read.

Any channel type may carry one, because most platforms' own exports have no stock history while
the sync app or ERP between them keeps a log. It is the same reader as ``type: csv``'s events
section (csvsource/events.py), so both read a log the same way. Losing it loses history, never
stock, so what it cannot read is recorded with ``lost_stock=False``. Events older than the scan's
window are kept here; trimming to the window is the engine's one decision.
"""

from __future__ import annotations

from ..model import ChannelData, NotRead
from .base import ReadContext, Section, SourceError
from .csvsource import events
from .csvsource.mapping import column_problems, merge_options, read_files
from .times import zone

DAY = 86400.0


def read_history(section: Section, data: ChannelData, ctx: ReadContext) -> None:
    """Append the log's events to ``data``; say what it adds to ``provides`` and how far back it reaches."""
    problems = column_problems("events", section.columns)
    if problems:
        why = "; ".join(p.replace("events columns", "history columns", 1) for p in problems)
        data.not_read.append(NotRead("history log", why, lost_stock=False))
        return
    if not section.files:
        data.not_read.append(NotRead("history log", "history: names no files", lost_stock=False))
        return
    options = merge_options(section.options)
    try:
        tz = zone(options.timezone or ctx.timezone)
    except SourceError as exc:
        data.not_read.append(NotRead("history log", exc.why, lost_stock=False))
        return
    found: list = []
    read = events.reader(data.name, options.decimal, tz, options.date_format)
    if not read_files(section, options, ctx, data, found, read, lost_stock=False):
        return
    data.events += found
    data.provides |= events.capabilities(section.columns)
    if found:
        span = (max(e.ts for e in found) - min(e.ts for e in found)) / DAY
        data.history_days = round(max(data.history_days or 0.0, span), 1)

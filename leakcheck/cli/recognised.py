"""What `leakcheck scan PATH...` recognised, shown before the scan so a consultant can trust it.

A folder of exports with odd names is turned into channels by header alone; the person running
the scan should see, before any finding, which file was read as what, which channel it fed, which
files were passed over and why, and who owns the stock count. The same facts are written as
comments by ``leakcheck init --from`` (``comment_lines``), so the two never disagree.

On a terminal the tables are drawn with rich; piped or captured, they are plain aligned text with
no colour or box characters, so a log or a CI page reads them as they are.
"""

from __future__ import annotations

import os
from pathlib import Path

from rich import box
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from ..sources.recognise import Recognition

RECOGNISED_HEADINGS = ("file", "platform", "export", "channel", "size")
UNKNOWN_HEADINGS = ("not recognised", "closest known format", "why not")


def _size(path: Path | str) -> str:
    """The file's size: cheap (no second read) and enough to spot an empty or truncated export."""
    try:
        n = os.path.getsize(path)
    except OSError:
        return ""
    if n < 1024:
        return f"{n} B"
    return f"{n / 1024:.0f} KB" if n < 1024 * 1024 else f"{n / (1024 * 1024):.1f} MB"


def recognised_rows(found: Recognition) -> list[tuple[str, ...]]:
    """(file, platform, export kind, channel, size) for every recognised file."""
    return [(r.file, r.platform, r.kind, found.channel_of.get(r.file, ""), _size(found.path_of.get(r.file, r.file)))
            for r in found.table]


def unknown_rows(found: Recognition) -> list[tuple[str, str, str]]:
    """(file, closest format, why not) for every file passed over: the missing identifying headers when
    a format came close, else the reason the file could not be opened as an export at all."""
    rows = []
    for u in found.unknown:
        if u.missing:
            why = "no " + ", no ".join(repr(m) for m in u.missing)
        else:
            why = u.why
        rows.append((u.file, u.closest or "-", why))
    return rows


def owner_line(found: Recognition, override: str | None = None, change: str = "set --owner to change") -> str:
    """The owner rule in one line, e.g. "owner: shopify (the web store; set --owner to change)"."""
    if override and override in found.channels:
        return f"owner: {override} (set by --owner)"
    if found.owner is None:
        return "owner: none (no channel was recognised)"
    return f"owner: {found.owner} ({found.owner_why}; {change})"


def comment_lines(found: Recognition, base: Path | None = None) -> list[str]:
    """The same facts as YAML comments, for the config ``leakcheck init --from`` writes."""
    def shown(name: str) -> str:
        if base is None or ":" in name[2:]:  # a zip member ("a.zip:b.csv") is shown as found
            return name
        try:
            return str(Path(name).resolve().relative_to(base))
        except ValueError:
            return name

    lines = []
    for file, platform, kind, channel, _ in recognised_rows(found):
        lines.append(f"# recognised: {shown(file)}: {platform} {kind} -> channel {channel}")
    for file, closest, why in unknown_rows(found):
        near = f" (closest: {closest})" if closest != "-" else ""
        lines.append(f"# not recognised: {shown(file)}{near}: {why}")
    lines += [f"# note: {n}" for n in found.notes]
    lines.append(f"# {owner_line(found, change='edit owner: below to change')}")
    return lines


def show(found: Recognition, console: Console, override: str | None = None) -> None:
    """Print the recognised table, the unknown table (if any), the notes and the owner line."""
    tables = [(RECOGNISED_HEADINGS, recognised_rows(found))]
    if found.unknown:
        tables.append((UNKNOWN_HEADINGS, unknown_rows(found)))
    for headings, rows in tables:
        if not rows:
            continue
        if console.is_terminal:
            _rich_table(console, headings, rows)
        else:
            for line in plain_table(headings, rows):
                console.out(line, highlight=False)
    for note in found.notes:
        console.print(f"note: {escape(note)}", highlight=False)
    console.print(escape(owner_line(found, override)), highlight=False)


def _rich_table(console: Console, headings: tuple[str, ...], rows: list[tuple[str, ...]]) -> None:
    table = Table(box=box.SIMPLE_HEAD, pad_edge=False, header_style="bold")
    for h in headings:
        table.add_column(h, overflow="fold", justify="right" if h == "size" else "left")
    for row in rows:
        table.add_row(*(escape(c) for c in row))
    console.print(table)


def plain_table(headings: tuple[str, ...], rows: list[tuple[str, ...]]) -> list[str]:
    """Aligned columns of plain text (the last column unpadded), for logs and captured output."""
    widths = [max(len(h), *(len(r[i]) for r in rows)) for i, h in enumerate(headings)]
    out = []
    for cells in (headings, *rows):
        padded = [c.ljust(w) for c, w in zip(cells[:-1], widths)] + [cells[-1]]
        out.append("  ".join(padded).rstrip())
    return out

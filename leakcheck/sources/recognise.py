"""Knowing an export by its header row, so `leakcheck scan client-exports/` works with no config.

A consultant often has nothing but a folder (or a zip) of files with names like ``export (3).csv``.
File names lie; header rows do not. ``FORMATS`` is the table of known export headers: a platform's
files reader asks it what a file is, and ``recognise`` uses it to turn a folder into channel
configs. Each platform's files source registers its own rows (``register``) in its own module, so
a new platform's exports are rows in that platform's package, not edits here.

A file that matches no row is not fatal: it is listed with the format it came closest to and the
headers that format needed, so the user can tell a wrong export from a wrong tool.
"""

from __future__ import annotations

import zipfile
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import NamedTuple

from . import zipped
from .base import SourceError
from .xlsx import open_export

Header = str | tuple[str, ...]  # one header name, or names any one of which will do


@dataclass(frozen=True)
class Signature:
    """One known export: which platform (config ``type``) and kind, and the headers that identify it."""

    platform: str
    kind: str  # products | inventory | orders (kinds a platform's reader knows)
    label: str  # how the export is named to a user
    required: tuple[Header, ...]
    optional: tuple[str, ...] = ()
    catalog: bool = False  # the file that defines a channel's listings: two of them mean two channels


@dataclass(frozen=True)
class Platform:
    name: str
    web_store: bool  # the merchant's own shop: the natural owner of the stock count


PLATFORMS: dict[str, Platform] = {}
FORMATS: list[Signature] = []


def register(platform: str, info: Platform, *signatures: Signature) -> None:
    """Add a platform's known exports (called at import by the platform's files source)."""
    PLATFORMS[platform] = info
    for sig in signatures:
        if sig not in FORMATS:
            FORMATS.append(sig)


def _known() -> list[Signature]:
    """Every registered format: importing every source first, so each has registered its rows."""
    from .base import all_sources

    all_sources()
    return FORMATS


def _fold(header: list[str]) -> set[str]:
    return {h.strip().casefold() for h in header}


def _present(need: Header, names: set[str]) -> bool:
    options = (need,) if isinstance(need, str) else need
    return any(o.casefold() in names for o in options)


def _first(need: Header) -> str:
    return need if isinstance(need, str) else need[0]


def identify(header: list[str], platform: str | None = None) -> Signature | None:
    """The known export this header is (most specific match), or None."""
    names = _fold(header)
    found = [s for s in _known() if (platform is None or s.platform == platform)
             and all(_present(need, names) for need in s.required)]
    return max(found, key=lambda s: (len(s.required), sum(o.casefold() in names for o in s.optional)), default=None)


def closest(header: list[str], platform: str | None = None) -> tuple[Signature, list[str]]:
    """The known export this header comes nearest to, and the identifying headers it lacks."""
    names = _fold(header)
    candidates = [s for s in _known() if platform is None or s.platform == platform] or FORMATS

    def score(s: Signature) -> tuple[int, float]:
        """Headers in common first (three of five beats two of three, and a ledger's FNSKU and ASIN count
        beside its MSKU), then the share of the identifying ones present."""
        have = sum(_present(need, names) for need in s.required)
        extra = sum(o.casefold() in names for o in s.optional)
        return have + extra, have / len(s.required) + 0.1 * extra / max(1, len(s.optional))

    best = max(candidates, key=score)
    return best, [_first(need) for need in best.required if not _present(need, names)]


def describe_unknown(header: list[str], platform: str | None = None) -> tuple[str, str]:
    """(closest format's label, why it is not that): for NotRead messages and the unknown table."""
    best, missing = closest(header, platform)
    shown = ", ".join(repr(h) for h in header[:8]) + (f" and {len(header) - 8} more" if len(header) > 8 else "")
    lacks = ", ".join(repr(m) for m in missing)
    return best.label, f"header has {shown or 'no names'} (closest: {best.label}, which also needs {lacks})"


# --- folders and zips into channel configs ----------------------------------------------------------
_SUFFIXES = {".csv", ".tsv", ".txt", ".xlsx", ".xls"}


class Recognised(NamedTuple):
    file: str
    platform: str
    kind: str


class Unknown(NamedTuple):
    file: str
    closest: str
    why: str
    missing: tuple[str, ...] = ()  # the identifying headers the closest format has and this file lacks


@dataclass
class Recognition:
    """What a set of paths turned out to be: channel configs, the owner, and what was not recognised.

    Files inside a zip are named ``ARCHIVE.zip:MEMBER`` (see zipped.py: unpacked for the run, removed at exit).
    A context manager still, for callers written when the copies were this object's to remove.
    """

    channels: dict[str, dict] = field(default_factory=dict)
    owner: str | None = None
    owner_why: str = ""  # the stated rule that chose the owner, in words for the table's last line
    channel_of: dict[str, str] = field(default_factory=dict)  # file as shown -> the channel it went to
    path_of: dict[str, Path] = field(default_factory=dict)  # file as shown -> where it was read (a zip's copy)
    table: list[Recognised] = field(default_factory=list)
    unknown: list[Unknown] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def __enter__(self) -> "Recognition":
        return self

    def __exit__(self, *exc: object) -> None:
        return None


def recognise(paths: list[Path]) -> Recognition:
    """Walk the paths (folders sorted, zips extracted), know each file by its header, group into channels."""
    result = Recognition()
    found: list[tuple[Path, str, Signature]] = []
    for path, shown in _expand([Path(p) for p in paths], result):
        try:
            with open_export(path, name=shown) as table:
                header = table.header
        except SourceError as exc:
            result.unknown.append(Unknown(shown, "", exc.why))
            continue
        signature = identify(header)
        if signature is None:
            result.unknown.append(_unknown(shown, header))
            continue
        found.append((path, shown, signature))
        result.path_of[shown] = path
        platform = PLATFORMS[signature.platform].name
        result.table.append(Recognised(shown, platform, signature.label.removeprefix(f"{platform} ")))
    _group(found, result)
    return result


def _unknown(shown: str, header: list[str]) -> Unknown:
    """A file no format matched: the closest format and what it lacks, or, when it shares fewer than
    two headers with every format (a lone "Date" or "Title" is in everything), that plainly: naming
    a "closest" format then would send the reader looking for the wrong export."""
    best, missing = closest(header)
    names = _fold(header)
    common = len(best.required) - len(missing) + sum(o.casefold() in names for o in best.optional)
    if len(missing) == len(best.required) or common < 2:
        names = ", ".join(repr(h) for h in header[:6]) + (f" and {len(header) - 6} more" if len(header) > 6 else "")
        return Unknown(shown, "", f"no header that identifies a known export (it has {names or 'no header names'})")
    label, why = describe_unknown(header)
    return Unknown(shown, label, why, tuple(missing))


def _expand(paths: list[Path], result: Recognition) -> list[tuple[Path, str]]:
    """(file to read, name to show) for every file under the paths, in a stable order."""
    out: list[tuple[Path, str]] = []
    for path in paths:
        if path.is_dir():
            for child in sorted(path.rglob("*")):
                rel = child.relative_to(path)
                if child.is_file() and not zipped.not_an_export(rel.parts):
                    if child.suffix.lower() in _SUFFIXES:
                        out.append((child, str(child)))
                    elif child.suffix.lower() == ".zip":
                        out += _unzip(child, str(child), result)
        elif path.suffix.lower() == ".zip" and path.is_file():
            out += _unzip(path, str(path), result)
        else:
            out.append((path, str(path)))  # named on purpose: read whatever it is, and say so
    return out


def _unzip(path: Path, shown: str, result: Recognition) -> list[tuple[Path, str]]:
    """(unpacked copy, ``ARCHIVE.zip:MEMBER``) for each export-like member: the name is what the channel
    config holds (``ReadContext.path`` unpacks it again from there), so reports name the member, not a
    temporary file, and a config written from it still works tomorrow."""
    try:
        with zipfile.ZipFile(path) as archive:
            infos = sorted(archive.infolist(), key=lambda i: i.filename)
    except (zipfile.BadZipFile, OSError) as exc:
        result.unknown.append(Unknown(shown, "", f"not a readable zip archive ({exc})"))
        return []
    out: list[tuple[Path, str]] = []
    for info in infos:
        if info.is_dir():
            continue
        if zipped.safe_parts(info.filename) is None:
            if ".." in PurePosixPath(info.filename).parts:  # a name that climbs out of the folder: said, not read
                result.unknown.append(Unknown(f"{shown}:{info.filename}", "", "not unpacked: its name points "
                                              "outside the archive's folder"))
            continue  # macOS metadata, hidden files and Office's lock files: not exports
        if PurePosixPath(info.filename).suffix.lower() not in _SUFFIXES:
            continue
        label = f"{shown}:{info.filename}"
        try:
            out.append((zipped.member_path(path, info.filename), label))
        except zipped.MemberError as exc:
            result.unknown.append(Unknown(label, "", str(exc).split(": ", 1)[-1]))
    return out


def _group(found: list[tuple[Path, str, Signature]], result: Recognition) -> None:
    """One channel per platform; a second catalog export of the same platform makes a second channel."""
    by_platform: dict[str, list[tuple[Path, str, Signature]]] = {}
    for item in found:
        by_platform.setdefault(item[2].platform, []).append(item)
    for platform, files in by_platform.items():
        catalogs = [(p, shown) for p, shown, s in files if s.catalog]
        others = [(p, shown) for p, shown, s in files if not s.catalog]
        names = [platform if i == 0 else f"{platform}-{i + 1}" for i in range(max(1, len(catalogs)))]
        for i, name in enumerate(names):
            mine = [catalogs[i]] if catalogs else []
            if i == 0:
                mine += others
            result.channels[name] = {"type": platform, "files": [shown if zipped.split(shown) else str(p)
                                                                  for p, shown in mine]}
            result.channel_of.update((shown, name) for _, shown in mine)
        if len(catalogs) > 1:
            shown = PLATFORMS[platform].name
            result.notes.append(
                f"{len(catalogs)} {shown} product exports found: read as {len(catalogs)} channels "
                f"({', '.join(names)}), as if from different stores"
                + (f"; the other {shown} exports were read with {names[0]}" if others else "")
                + "; write a leakcheck.yaml to group them otherwise"
            )
    result.owner, result.owner_why = choose_owner(result.channels)


def choose_owner(channels: dict[str, dict]) -> tuple[str | None, str]:
    """The stated owner rule: the web store (the merchant's own shop keeps the count the others copy).

    Two web stores: the one with the most export files (the fuller picture of the shop), the first
    found on a tie. No web store: the first channel found, said plainly, since a marketplace or a
    till rarely holds the master count.
    """
    if not channels:
        return None, ""
    web = [n for n, c in channels.items() if PLATFORMS[c["type"]].web_store]
    if len(web) == 1:
        return web[0], "the web store"
    if web:
        files = {n: len(channels[n].get("files", [])) for n in web}
        pick = max(web, key=lambda n: files[n])  # max keeps the first found on a tie
        tie = sum(1 for n in web if files[n] == files[pick]) > 1
        counts = ", ".join(f"{n} ({files[n]} export{'s' if files[n] != 1 else ''})" for n in web)
        how = "the first found of those with the most exports" if tie else "the one with the most exports"
        return pick, f"{len(web)} web stores, {counts}: {pick} is {how}"
    first = next(iter(channels))
    return first, "no web store among these exports, so the first channel found"

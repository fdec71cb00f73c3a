"""Files inside a .zip, named the way a person would name them: ``exports.zip:eBay-orders.csv``.

Clients send exports zipped. Recognition looks inside, and the channel configs it makes (and the
leakcheck.yaml ``init --from`` writes) name a member as ``ARCHIVE.zip:MEMBER``, so the coverage
says "exports.zip:eBay-orders.csv row 12" rather than a temporary path, and a written config still
works tomorrow. ``ReadContext.path`` hands such a name here; the member is unpacked once per run
into a private temporary folder that is removed when the process ends.
"""

from __future__ import annotations

import atexit
import shutil
import tempfile
import threading
import zipfile
from pathlib import Path, PurePosixPath

MAX_MEMBER = 2 << 30  # a 2 GiB file inside a zip is a zip bomb, not an export
_SEPARATOR = ".zip:"

_lock = threading.Lock()
_unpacked: dict[tuple[str, str], Path] = {}
_folder: Path | None = None


class MemberError(OSError):
    """The archive or the member cannot be read; the message says which and why."""


def split(name: str) -> tuple[str, str] | None:
    """``("exports.zip", "orders/eBay.csv")`` for ``exports.zip:orders/eBay.csv``; None for a plain path."""
    at = name.casefold().rfind(_SEPARATOR)
    if at < 0:
        return None
    archive, member = name[: at + len(".zip")], name[at + len(_SEPARATOR):]
    return (archive, member) if member else None


def not_an_export(parts) -> bool:
    """A path (as parts) no platform writes: macOS metadata (``__MACOSX/``, ``._name``, ``.DS_Store``) and
    other hidden files, and the lock file Office leaves beside a workbook that is open (``~$name.xlsx``:
    a few bytes holding the user's name), which a folder copied from a desktop often carries."""
    return bool(parts) and (parts[0] == "__MACOSX" or any(p.startswith(".") for p in parts)
                            or parts[-1].startswith("~$"))


def safe_parts(member: str) -> list[str] | None:
    """The member's path parts, or None for one that could escape the folder or is not an export."""
    parts = [p for p in PurePosixPath(member).parts if p not in ("", ".", "/")]
    if not parts or ".." in parts or not_an_export(parts):
        return None
    return parts


def member_path(archive: Path, member: str) -> Path:
    """A readable copy of ``member`` of ``archive`` (unpacked on first use, shared after)."""
    key = (str(archive.resolve()), member)
    with _lock:
        if key in _unpacked and _unpacked[key].exists():
            return _unpacked[key]
        parts = safe_parts(member)
        if parts is None:
            raise MemberError(f"{archive}:{member}: not a file leakcheck will unpack (hidden, a lock file, or outside the archive)")
        try:
            with zipfile.ZipFile(archive) as zf:
                try:
                    info = zf.getinfo(member)
                except KeyError:
                    raise MemberError(f"{archive} holds no file {member!r}") from None
                if info.file_size > MAX_MEMBER:
                    raise MemberError(f"{archive}:{member}: too large to be an export (over 2 GB unpacked)")
                dest = _target(len(_unpacked)).joinpath(*parts)
                dest.parent.mkdir(parents=True, exist_ok=True)
                with zf.open(info) as src, dest.open("wb") as dst:
                    shutil.copyfileobj(src, dst)
        except (zipfile.BadZipFile, OSError, RuntimeError) as exc:  # RuntimeError: an encrypted member
            if isinstance(exc, MemberError):
                raise
            raise MemberError(f"{archive}:{member}: could not be unpacked ({exc})") from None
        _unpacked[key] = dest
        return dest


def _target(n: int) -> Path:
    """A fresh subfolder of this run's private folder (members of different archives may share names)."""
    global _folder
    if _folder is None:
        _folder = Path(tempfile.mkdtemp(prefix="leakcheck-zip-"))
        atexit.register(shutil.rmtree, _folder, True)
    sub = _folder / str(n)
    sub.mkdir(exist_ok=True)
    return sub

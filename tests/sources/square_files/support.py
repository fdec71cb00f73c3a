"""Helpers shared by the tests of the native-export readers (Xero, Square, QuickBooks, WooCommerce, BigCommerce).

``read`` runs a files source on files as a scan would; ``assert_never_raises`` is the fuzz body:
whatever bytes a file holds, a reader gives records, bad rows or a not-read entry, never an exception.
"""

from __future__ import annotations

import tempfile
from functools import lru_cache
from pathlib import Path

from leakcheck.model import ChannelData
from leakcheck.sources.base import ReadContext


def read(source_cls, platform: str, *paths: Path, **config) -> ChannelData:
    cfg = source_cls.config_model(type=platform, files=[str(p) for p in paths], **config)
    base = Path(paths[0]).parent if paths else Path(".")
    return source_cls("ch", cfg, ReadContext(base_dir=base, timezone="UTC")).read()


def assert_never_raises(source_cls, platform: str, content: bytes, suffix: str = ".csv") -> ChannelData:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"export{suffix}"
        path.write_bytes(content)
        data = read(source_cls, platform, path)
    for listing in data.listings:
        assert isinstance(listing.sku, str)
        assert listing.available is None or isinstance(listing.available, int)
        assert listing.on_hand is None or isinstance(listing.on_hand, int)
    for nr in data.not_read:
        assert nr.what and nr.why and "\n" not in nr.why
    return data


def mangle(lines: list[str], cuts: list[int], junk: list[str]) -> bytes:
    """Rows cut short at ``cuts`` and ``junk`` appended: a file a spreadsheet or a transfer mangled."""
    out = []
    for i, line in enumerate(lines):
        cut = cuts[i % len(cuts)] if cuts else len(line)
        out.append(line[:cut] + (junk[i % len(junk)] if junk else ""))
    return "\n".join(out).encode("utf-8", errors="surrogatepass")


@lru_cache(maxsize=2)
def small_world(seed: int = 3, size: int = 60):
    """A clean world (no leaks, no mess) for parity tests: built once per test session."""
    from tests.scenarios.world import build_world

    return build_world(seed=seed, size=size, leaks=set(), mess=False)

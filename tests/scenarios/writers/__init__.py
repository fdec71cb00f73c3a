"""Writers render a World in one platform's format each; ``write_all`` writes a whole world.

One module per platform (shopify.py; amazon_native.py, ebay_native.py, xero_native.py and
square_native.py for the platforms' own exports; neutral.py for ``type: csv`` channels and
``history:`` logs; config.py for leakcheck.yaml). A channel is written in its platform's own
export layout when ``native`` names the platform, else as neutral CSV with a column map; its
stock history is a neutral ``history:`` log either way, because none of these exports holds one.
The World itself never changes.
"""

from __future__ import annotations

from pathlib import Path
from typing import Iterable

from . import amazon_native, config, ebay_native, neutral, shopify, square_native, xero_native

NATIVE = {"amazon": amazon_native, "ebay": ebay_native, "xero": xero_native, "square": square_native}


def write_native(world, out: Path, channel: str) -> dict[str, Path]:
    """A channel's own exports under ``out/<channel>/`` and its neutral history log; returns kind -> path."""
    platform = world.channels[channel].spec.platform
    written = NATIVE[platform].write(world, out / channel, channel)
    if "items" in written:  # Xero's items and Square's item library are the channel's listings
        written["listings"] = written.pop("items")
    written.update(neutral.write(world, out, channel, kinds={"history"}))
    return written


def write_all(world, out: Path, native: Iterable[str] = ()) -> dict[str, dict[str, Path]]:
    """Every channel's files under ``out`` plus ``leakcheck.yaml``; returns channel -> kind -> path.

    ``native``: platforms (amazon, ebay, xero, square) written as their own exports and configured
    as ``type: <platform>``; the others as neutral CSV (``type: csv``).
    """
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    native = set(native)
    unknown = native - set(NATIVE)
    if unknown:
        raise ValueError(f"no native writer for {', '.join(sorted(unknown))} (known: {', '.join(sorted(NATIVE))})")
    files: dict[str, dict[str, Path]] = {}
    shop_files: dict[str, dict[str, Path]] = {}
    native_files: dict[str, dict[str, Path]] = {}
    for name, ch in world.channels.items():
        if ch.spec.platform == "shopify":
            written = shopify.write(world, out / name, name)
            shop_files[name] = {k: p.relative_to(out) for k, p in written.items()}
            written.update(neutral.write(world, out, name))
        elif ch.spec.platform in native:
            written = write_native(world, out, name)
            native_files[name] = {k: p.relative_to(out) for k, p in written.items() if k != "history"}
        else:
            written = neutral.write(world, out, name)
        files[name] = written
    cfg = out / "leakcheck.yaml"
    cfg.write_text(config.render(world, shop_files, native=native_files), encoding="utf-8")
    files["config"] = {"config": cfg}
    return files

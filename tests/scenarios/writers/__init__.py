"""Writers render a World in one platform's format each; ``write_all`` writes a whole world.

One module per platform (shopify.py; neutral.py for ``type: csv`` channels and ``history:``
logs; config.py for leakcheck.yaml). Later platforms (Amazon, eBay, Square, Xero native
exports) add a module here and a line in ``write_all``; the World itself never changes.
"""

from __future__ import annotations

from pathlib import Path

from . import config, neutral, shopify


def write_all(world, out: Path) -> dict[str, dict[str, Path]]:
    """Every channel's files under ``out`` plus ``leakcheck.yaml``; returns channel -> kind -> path."""
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    files: dict[str, dict[str, Path]] = {}
    shop_files: dict[str, dict[str, Path]] = {}
    for name, ch in world.channels.items():
        if ch.spec.platform == "shopify":
            written = shopify.write(world, out / name, name)
            shop_files[name] = {k: p.relative_to(out) for k, p in written.items()}
            written.update(neutral.write(world, out, name))
        else:
            written = neutral.write(world, out, name)
        files[name] = written
    cfg = out / "leakcheck.yaml"
    cfg.write_text(config.render(world, shop_files), encoding="utf-8")
    files["config"] = {"config": cfg}
    return files

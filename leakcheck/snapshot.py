"""``leakcheck snapshot --out DIR``: everything a scan reads, saved so it can be scanned later offline.

Live channels are read through the normal sources with a Recorder on their transport, so DIR
gets each channel's raw API answers (``DIR/<channel>/responses.jsonl``, no secrets, no personal
data); channels read from files get their files copied to ``DIR/<channel>/files/``. The
``manifest.json`` holds the config those answers were taken with, minus every secret and every
address, so ``leakcheck scan --from DIR`` needs nothing else: no config, no token, no network.
"""

from __future__ import annotations

import json
import shutil
import time
from pathlib import Path
from typing import Any

from pydantic import SecretStr

from . import __version__
from .config import Config, config_from_dict
from .engine import Progress, Step, iso, read_snapshot
from .model import Snapshot
from .sources import zipped
from .sources.base import LiveOptions
from .transport.recording import MANIFEST, RECORDED, RESPONSES

DROPPED_KEYS = {"base_url", "replay", "client_id"}


def take_snapshot(config: Config, out: Path, live: LiveOptions, progress: Progress = lambda m: None,
                  step: Step | None = None, as_of: float | None = None) -> tuple[Snapshot, dict]:
    """Read every channel, recording live answers under ``out``; write the manifest. Returns what was read."""
    out.mkdir(parents=True, exist_ok=True)
    live.record_dir = out
    snapshot = read_snapshot(config, progress, live=live, step=step, as_of=as_of)
    manifest = {
        "leakcheck": __version__,
        "taken_at": iso(time.time()),
        "as_of": iso(snapshot.as_of),
        "config": _portable_config(config, snapshot, out),
        "channels": {name: {"type": ch.type, "way_in": ch.way_in, "listings": len(ch.listings),
                            "events": len(ch.events), "orders": len(ch.orders),
                            "not_read": [{"what": n.what, "why": n.why} for n in ch.not_read]}
                     for name, ch in snapshot.channels.items()},
    }
    tmp = out / (MANIFEST + ".tmp")
    tmp.write_text(json.dumps(manifest, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    tmp.replace(out / MANIFEST)
    return snapshot, manifest


def _portable_config(config: Config, snapshot: Snapshot, out: Path) -> dict[str, Any]:
    channels = {}
    for name, cfg in config.channels.items():
        replayed = getattr(cfg, "replay", None)
        if replayed:  # a channel already read from recorded answers: they go into this snapshot as they are
            folder = config.base_dir / replayed
            for item in (RESPONSES, RECORDED):
                if (folder / item).exists():
                    (out / name).mkdir(parents=True, exist_ok=True)
                    shutil.copy2(folder / item, out / name / item)
        body = {k: v for k, v in cfg.model_dump(mode="json", exclude_defaults=True).items()
                if k not in DROPPED_KEYS and not isinstance(getattr(cfg, k, None), SecretStr)}
        body["type"] = cfg.type
        channels[name] = _copy_files(body, config.base_dir, out / name / "files", f"{name}/files")
    return {
        "owner": config.owner, "history_days": config.history_days, "timezone": config.timezone,
        "bundles": config.bundles, "channels": channels,
        "assumptions": config.assumptions.model_dump(mode="json"),
        "ignore": [rule.model_dump(mode="json", exclude_none=True) for rule in config.ignore],
        "report": config.report.model_dump(mode="json", exclude_none=True),
    }


def _copy_files(value: Any, base: Path, dest: Path, rel: str) -> Any:
    """The same settings with every ``files:`` list copied into the snapshot and pointing there."""
    if isinstance(value, dict):
        out = {}
        for k, v in value.items():
            if k == "files" and isinstance(v, list):
                dest.mkdir(parents=True, exist_ok=True)
                copied = []
                for name in v:
                    inside, suffix = zipped.split(name), ""
                    if inside is not None and not (base / name).exists():  # ARCHIVE.zip:MEMBER: the archive travels
                        name, suffix = inside[0], f":{inside[1]}"
                    src = Path(name) if Path(name).is_absolute() else base / name
                    target = dest / src.name
                    if src.exists() and not target.exists():
                        shutil.copy2(src, target)
                    copied.append(f"{rel}/{src.name}{suffix}")
                out[k] = copied
            else:
                out[k] = _copy_files(v, base, dest, rel)
        return out
    return value


def load_manifest_config(folder: Path) -> Config:
    """The config a snapshot was taken with, its paths relative to the snapshot folder."""
    path = folder / MANIFEST
    try:
        manifest = json.loads(path.read_text(encoding="utf-8"))
        data = manifest["config"]
    except FileNotFoundError:
        raise ValueError(f"{folder} is not a leakcheck snapshot (no {MANIFEST}; make one with "
                         "`leakcheck snapshot --out DIR`)") from None
    except (ValueError, KeyError, TypeError) as exc:
        raise ValueError(f"{path}: not a leakcheck snapshot manifest ({exc})") from None
    return config_from_dict(data, base_dir=folder.resolve(), name=str(path))

"""``python -m tests.emulators --scenario demo --write-config FILE``: try the live path on loopback.

Starts the Shopify and Square emulators on free loopback ports, serving a world from
tests/scenarios (the demo merchant, or any seed and size), writes the world's other channels as
export files beside FILE, then writes FILE (atomically, once every server is listening): a
ready-to-use leakcheck.yaml whose ``shop`` and ``till`` channels point at the emulators through
``base_url`` with the emulators' test tokens. Then it serves until SIGINT or SIGTERM:

    python -m tests.emulators --scenario demo --write-config /tmp/lc/leakcheck.yaml &
    leakcheck doctor -c /tmp/lc/leakcheck.yaml
    leakcheck scan -c /tmp/lc/leakcheck.yaml --trace /tmp/lc/trace.jsonl

The world is built "as of" now (rounded down to the hour) unless --as-of is given, so a live scan,
which reads the last ``history_days`` before now, sees the world's whole history.
"""

from __future__ import annotations

import argparse
from dataclasses import replace
import json
import os
import signal
import sys
import threading
import time
from pathlib import Path

import yaml

from tests.scenarios import build_world
from tests.scenarios.demo import DEMO_SIZE
from tests.scenarios.world import DEMO_CHANNELS, DEMO_SEED
from tests.scenarios.writers import write_all

from .serve import start_emulators

HOUR = 3600.0


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m tests.emulators", description=__doc__,
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--scenario", choices=["demo", "world"], default="demo")
    p.add_argument("--seed", type=int, default=DEMO_SEED)
    p.add_argument("--size", type=int, default=DEMO_SIZE, help="variants in the world (--scenario world)")
    p.add_argument("--leaks", default="all", help="comma-separated check ids, 'all' or 'none'")
    p.add_argument("--as-of", type=float, default=None, help="the world's as-of time (epoch seconds); default: now")
    p.add_argument("--write-config", type=Path, required=True, help="where to write the leakcheck.yaml")
    p.add_argument("--restore-rate", type=float, default=100.0, help="Shopify cost points restored per second "
                   "(Standard plan: 100)")
    p.add_argument("--square-rps", type=float, default=None, help="Square's stand-in limit, requests per second "
                   "(Square publishes none; default: the emulator's)")
    p.add_argument("--channels", default=None, help="only these of the world's channels (comma-separated names)")
    p.add_argument("--coverage", type=float, default=None, help="share of the catalogue every other channel lists")
    p.add_argument("--stats-file", type=Path, default=None, help="on exit, write each emulator's stats() here as JSON")
    args = p.parse_args(argv)
    stop = threading.Event()  # set up first: a SIGTERM that comes while the world is built still stops cleanly
    for sig in (signal.SIGINT, signal.SIGTERM):
        signal.signal(sig, lambda *_: stop.set())

    as_of = args.as_of if args.as_of is not None else float(int(time.time() // HOUR) * HOUR)
    channels = _channels(args.channels, args.coverage)
    if args.scenario == "demo":
        world = build_world(seed=DEMO_SEED, size=DEMO_SIZE, as_of=as_of, channels=channels)
    else:
        leaks = None if args.leaks == "all" else set() if args.leaks == "none" else set(args.leaks.split(","))
        world = build_world(seed=args.seed, size=args.size, leaks=leaks, as_of=as_of, channels=channels)
    target = args.write_config.resolve()
    exports = target.parent / "exports"
    write_all(world, exports)
    config = yaml.safe_load((exports / "leakcheck.yaml").read_text(encoding="utf-8"))
    _rebase(config, "exports")

    limits = {"shopify": {"restore_rate": args.restore_rate}, "square": {}}
    if args.square_rps is not None:
        limits["square"]["requests_per_second"] = args.square_rps
    running = start_emulators(world, limits)
    for name, emu in running.items():
        config["channels"][name] = live_channel(config["channels"][name], emu.channel_config())
    tmp = target.with_suffix(".yaml.tmp")
    tmp.write_text("# Written by `python -m tests.emulators`: channels with base_url are served on loopback by\n"
                   "# test emulators (their tokens are test tokens, safe to show); the others are export files.\n"
                   + yaml.safe_dump(config, sort_keys=False, allow_unicode=True), encoding="utf-8")
    os.replace(tmp, target)
    for name, emu in running.items():
        print(f"{name}: {type(emu).__name__} on {emu.url}", file=sys.stderr)
    print(f"wrote {target}; serving until Ctrl-C", file=sys.stderr)

    stop.wait()
    stats = {name: emu.stats() for name, emu in running.items() if hasattr(emu, "stats")}
    for emu in running.values():
        emu.stop()
    if args.stats_file is not None:
        args.stats_file.write_text(json.dumps(stats, indent=2) + "\n", encoding="utf-8")
    return 0


def _channels(names: str | None, coverage: float | None) -> tuple:
    chosen = [c for c in DEMO_CHANNELS if names is None or c.name in names.split(",")]
    if coverage is not None:
        chosen = [c if c.role == "owner" else replace(c, coverage=coverage) for c in chosen]
    return tuple(chosen)


def live_channel(files_channel: dict, emulator: dict) -> dict:
    """The emulator's channel keys; a Shopify channel keeps its `history:` log (Shopify has no history API)."""
    body = dict(emulator)
    if emulator.get("type") == "shopify" and "history" in files_channel:
        body["history"] = files_channel["history"]
    return body


def _rebase(value, prefix: str) -> None:
    """Make every `files:` path relative to the folder above `exports/`."""
    if isinstance(value, dict):
        for k, v in value.items():
            if k == "files" and isinstance(v, list):
                value[k] = [f"{prefix}/{f}" for f in v]
            else:
                _rebase(v, prefix)


if __name__ == "__main__":
    sys.exit(main())

"""How long the analysis of a very large merchant takes: Snapshot -> Report, timed apart from building it.

    python benchmarks/analysis.py --listings 1000000 --channels 4 --events 1000000 --orders 500000

Builds the synthetic merchant in memory through tests/scenarios (the same generator as the demo:
SKUs shared across channels, a few codes spelled differently, gift-box bundles, a 15-minute
batch sync on eBay, planted leaks), converts it to a Snapshot without files, then times
``leakcheck.engine.analyse_snapshot``. Progress goes to stderr; the last line on stdout is one
JSON object: listings, events, orders (order lines), build_seconds, seconds (the analysis
alone, wall clock), cpu_seconds (the CPU time it took: on a busy machine, wall time minus this
is other processes' turn), peak_rss_mb. Figures only: nothing here asserts a time.

Event and order targets are met by keeping stock logs only on as many channels as needed and
then keeping the newest records up to the target, so the history shapes stay those of the world.
"""

from __future__ import annotations

import argparse
import dataclasses
import gc
import json
import resource
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # tests.scenarios without installing tests

from leakcheck.assumptions import Assumptions  # noqa: E402
from leakcheck.engine import analyse_snapshot  # noqa: E402
from tests.scenarios.snapshot import to_snapshot  # noqa: E402
from tests.scenarios.world import DEMO_CHANNELS, build_world  # noqa: E402

# Share of the catalogue each non-owner channel lists, and stock-log events per order it adds
COVERAGE = {"amazon": 0.8, "ebay": 0.6, "till": 0.5, "accounts": 0.95, "warehouse": 1.0}
EVENTS_PER_ORDER = {"shop": 1.35, "ebay": 0.85, "amazon": 1.0, "till": 1.0}
HISTORY_ORDER = ("shop", "ebay", "amazon", "till")  # the owner's log first, then the batch-synced eBay
ORDERS_PER_UNIT = 0.85  # order lines per unit sold (some lines sell 2 or 3)


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def channels_for(n: int, orders: int, events: int) -> tuple:
    chosen = DEMO_CHANNELS[: max(2, min(n, len(DEMO_CHANNELS)))]
    keep, expected = set(), 0.0
    for name in HISTORY_ORDER:
        if name in {c.name for c in chosen} and expected < events:
            keep.add(name)
            expected += EVENTS_PER_ORDER[name] * orders
    return tuple(dataclasses.replace(c, coverage=COVERAGE.get(c.name, c.coverage), history=c.name in keep)
                 for c in chosen)


def size_for(listings: int, chans: tuple) -> int:
    """Variants such that the channels' listings add up to ``listings`` (the owner lists each once,
    twice where the till's shelf stocks it too)."""
    per_variant = 1.0 + sum(c.coverage for c in chans if c.role != "owner")
    if any(c.role == "till" for c in chans):
        per_variant += next(c.coverage for c in chans if c.role == "till")
    return max(100, round(listings / per_variant))


def trim(snapshot, events: int, orders: int) -> None:
    """Keep the newest events and order lines up to the targets, shared out by channel."""
    for attr, target in (("events", events), ("orders", orders)):
        total = sum(len(getattr(ch, attr)) for ch in snapshot.channels.values())
        if total <= target:
            continue
        for ch in snapshot.channels.values():
            records = getattr(ch, attr)
            keep = round(len(records) * target / total)
            records.sort(key=lambda r: r.ts)
            del records[: len(records) - keep]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--listings", type=int, default=1_000_000)
    parser.add_argument("--channels", type=int, default=4)
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--orders", type=int, default=500_000)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args(argv)

    started = time.perf_counter()
    chans = channels_for(args.channels, args.orders, args.events)
    size = size_for(args.listings, chans)
    days = 63
    units = args.orders / ORDERS_PER_UNIT / 60 * 1.05
    log(f"building {size:,} variants on {len(chans)} channels, {units:,.0f} units a day, logs on "
        f"{', '.join(c.name for c in chans if c.history)}")
    world = build_world(seed=args.seed, size=size, channels=chans, days=days, units_per_day=units)
    log(f"  world built in {time.perf_counter() - started:.1f} s")
    snapshot = to_snapshot(world, consume=True)
    del world
    trim(snapshot, args.events, args.orders)
    # A scan reads its snapshot inside engine.read_snapshot, which leaves the records frozen out of
    # the cyclic collector's way (analysis.bulk_work); do the same here, so the analysis is timed as
    # a real scan runs it rather than with the world builder's garbage still on the collector's lists.
    gc.collect()
    gc.freeze()
    build_seconds = time.perf_counter() - started
    counts = {k: sum(len(getattr(ch, k)) for ch in snapshot.channels.values()) for k in ("listings", "events", "orders")}
    log(f"  snapshot ready in {build_seconds:.1f} s: {counts['listings']:,} listings, {counts['events']:,} events, "
        f"{counts['orders']:,} order lines")

    before = resource.getrusage(resource.RUSAGE_SELF)
    t0 = time.perf_counter()
    report = analyse_snapshot(snapshot, Assumptions())
    seconds = time.perf_counter() - t0
    after = resource.getrusage(resource.RUSAGE_SELF)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    checks = sum(c.seconds for c in report.summary.checks)
    log(f"  analysed in {seconds:.1f} s: {len(report.findings)} findings, score {report.summary.score}")
    # CPU time next to wall time: on a shared machine the gap is time other processes took the
    # core (preempted says how often), which is noise, not the analysis
    log(f"  cpu {cpu:.1f} s, preempted {after.ru_nivcsw - before.ru_nivcsw} times, "
        f"{after.ru_minflt - before.ru_minflt:,} page faults")
    log(f"  stages: {report.summary.timings}; checks {checks:.2f} s, so the index about "
        f"{report.summary.timings.get('index_and_checks', 0.0) - checks:.2f} s")
    slowest = sorted(report.summary.checks, key=lambda c: -c.seconds)[:12]
    log("  slowest checks: " + ", ".join(f"{c.check_id} {c.seconds:.2f} s" for c in slowest))
    result = {**counts, "channels": len(snapshot.channels), "variants": size,
              "build_seconds": round(build_seconds, 2), "seconds": round(seconds, 2),
              "cpu_seconds": round(cpu, 2), "findings": len(report.findings),
              "peak_rss_mb": round(after.ru_maxrss / 1024, 1)}
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())

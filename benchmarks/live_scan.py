"""How long a live scan takes against the platforms' rate limits: Shopify and Square on loopback.

    python benchmarks/live_scan.py --variants 10000 [--trace FILE]

Starts the emulators in a separate process (``python -m tests.emulators``) serving a merchant
whose Shopify store and Square till both list N variants, at Shopify's Standard plan limit
(100 cost points a second restored) and Square's stand-in limit (Square publishes no number; the
emulator's default is 20 requests a second with a burst of 20, and every figure below that
depends on it says so). Then it runs ``leakcheck scan`` on them in this process, with a budget
large enough not to cut anything, and stops the emulators, which report what they served.

Progress goes to stderr; the last line on stdout is one JSON object: ``variants``, ``seconds``
(the whole scan: reads and analysis), ``read_seconds``, ``requests``, ``floor_seconds`` (the
least time the emulated rate limits allow for what was read: the slowest channel's floor, as the
channels are read at once; each emulator's ``stats()`` docstring gives its formula), ``ratio``
(seconds / floor_seconds), ``bulk_job_seconds`` (the longest bulk operation's emulated job time),
``peak_rss_mb`` (this process: the scan), ``emulators_peak_rss_mb`` (their process), and per channel what it read
(``requests`` from the trace, ``requests_served`` by the emulator) and the emulator's stats.
Figures only: nothing here asserts a time.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from leakcheck.config import load_config  # noqa: E402
from leakcheck.engine import ReportOptions, scan  # noqa: E402
from leakcheck.sources.base import LiveOptions  # noqa: E402
from leakcheck.transport import Budget, TraceWriter  # noqa: E402


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--variants", type=int, default=10_000)
    p.add_argument("--trace", type=Path, default=None, help="also keep the trace of every request here")
    p.add_argument("--restore-rate", type=float, default=100.0, help="Shopify points restored a second (Standard: 100)")
    p.add_argument("--square-rps", type=float, default=None, help="Square stand-in limit (default: the emulator's)")
    p.add_argument("--budget", type=float, default=3600.0)
    p.add_argument("--seed", type=int, default=7)
    args = p.parse_args()

    work = Path(tempfile.mkdtemp(prefix="leakcheck-live-bench-"))
    cfg_path, stats_path = work / "leakcheck.yaml", work / "stats.json"
    cmd = [sys.executable, "-m", "tests.emulators", "--scenario", "world", "--size", str(args.variants),
           "--seed", str(args.seed), "--leaks", "none", "--channels", "shop,till", "--coverage", "1.0",
           "--restore-rate", str(args.restore_rate), "--write-config", str(cfg_path), "--stats-file", str(stats_path)]
    if args.square_rps:
        cmd += ["--square-rps", str(args.square_rps)]
    log(f"starting the emulators with a {args.variants:,}-variant world (building it takes a while)")
    started = time.monotonic()
    proc = subprocess.Popen(cmd, cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)})
    try:
        while not cfg_path.exists():
            if proc.poll() is not None:
                log(f"the emulators stopped (exit {proc.returncode})")
                return 1
            time.sleep(0.2)
        log(f"emulators up after {time.monotonic() - started:.1f} s; scanning")
        config = load_config(cfg_path)
        trace_path = args.trace or work / "trace.jsonl"
        tracer = TraceWriter(trace_path)
        live = LiveOptions(budget=Budget(args.budget), trace=tracer)
        last = {}

        def step(channel, what, done, total):
            if last.get(channel) != what:
                last[channel] = what
                log(f"  [{time.monotonic() - t0:6.1f}s] {channel}: {what}")

        t0 = time.monotonic()
        report = scan(config, ReportOptions(), lambda m: None, live=live, step=step)
        seconds = time.monotonic() - t0
        tracer.close()
    finally:
        proc.send_signal(signal.SIGTERM)
        proc.wait(timeout=60)
    stats = json.loads(stats_path.read_text()) if stats_path.exists() else {}
    trace = [json.loads(x) for x in trace_path.read_text().splitlines()]
    floor = max((s.get("floor_seconds", 0.0) for s in stats.values()), default=0.0)
    channels = {}
    for ch in report.summary.channels:
        served = dict(stats.get(ch.name, {}))
        if "requests" in served:  # the emulator's count (every request it answered) beside the trace's
            served["requests_served"] = served.pop("requests")
        channels[ch.name] = {"listings": ch.listings, "events": ch.events, "orders": ch.orders,
                             "requests": sum(1 for t in trace if t["channel"] == ch.name),
                             "not_read": [n.what for n in ch.not_read], **served}
    # the longest emulated bulk job (Shopify's side), for judging a big catalogue's time against it
    bulk_job = max((op.get("job_seconds", 0.0) for s in stats.values() for op in s.get("bulk_operations", [])),
                   default=0.0)
    read_seconds = max(report.summary.duration_seconds - (report.summary.timings or {}).get("index_and_checks", 0)
                       - (report.summary.timings or {}).get("report", 0), 0.0)
    result = {
        "variants": args.variants, "seconds": round(seconds, 2), "read_seconds": round(read_seconds, 2),
        "requests": len(trace), "floor_seconds": round(floor, 2),
        "ratio": round(seconds / floor, 3) if floor else None, "bulk_job_seconds": round(bulk_job, 2),
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
        "emulators_peak_rss_mb": round(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024, 1),
        "square_limit": "stand-in: the emulator's requests_per_second and burst (Square publishes no number)",
        "channels": channels,
    }
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())

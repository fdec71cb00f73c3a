"""How fast a Shopify product export is read into Snapshot records, in a fresh process.

    python benchmarks/read_exports.py --rows 200000

Writes a product CSV of ``--rows`` variant rows (plus Shopify's image-only rows) with the
scenario generator's Shopify writer into a temporary folder, then reads it through the
``shopify`` files source in a new Python process, so the reading is timed and measured on its
own (no generator in memory). The last line on stdout is one JSON object: rows, listings,
bad_rows, seconds, rows_per_second, peak_rss_mb (of the reading process), write_seconds.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # tests.scenarios without installing tests

from tests.scenarios.world import DEMO_CHANNELS, build_world  # noqa: E402
from tests.scenarios.writers import shopify  # noqa: E402

READER = r"""
import json, resource, sys, time
from pathlib import Path
from leakcheck.sources.base import ReadContext, all_sources
path = Path(sys.argv[1])
source = all_sources()["shopify"]
started = time.perf_counter()
data = source("shop", source.config_model(type="shopify", files=[str(path)]), ReadContext(base_dir=path.parent)).read()
seconds = time.perf_counter() - started
print(json.dumps({"listings": len(data.listings), "bad_rows": len(data.bad_rows), "not_read": len(data.not_read),
                  "seconds": seconds, "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", type=int, default=200_000)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args(argv)
    owner = DEMO_CHANNELS[0]
    with tempfile.TemporaryDirectory(prefix="leakcheck-bench-") as tmp:
        started = time.perf_counter()
        world = build_world(seed=args.seed, size=args.rows, leaks=set(), mess=False, channels=(owner,),
                            units_per_day=args.rows / 50)
        path = shopify.write(world, Path(tmp), owner.name, which=("products",))["products"]
        write_seconds = time.perf_counter() - started
        del world
        size_mb = path.stat().st_size / 1e6
        print(f"wrote {args.rows:,} variant rows ({size_mb:.1f} MB) in {write_seconds:.1f} s; reading...",
              file=sys.stderr, flush=True)
        done = subprocess.run([sys.executable, "-c", READER, str(path)], capture_output=True, text=True, cwd=ROOT)
        if done.returncode != 0:
            print(done.stderr, file=sys.stderr)
            return done.returncode
        read = json.loads(done.stdout.strip().splitlines()[-1])
    result = {"rows": args.rows, "listings": read["listings"], "bad_rows": read["bad_rows"],
              "seconds": round(read["seconds"], 2), "rows_per_second": round(args.rows / read["seconds"]),
              "peak_rss_mb": round(read["peak_rss_mb"], 1), "file_mb": round(size_mb, 1),
              "write_seconds": round(write_seconds, 2)}
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())

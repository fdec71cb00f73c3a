"""``python -m tests.scenarios demo --out examples/demo`` (the demo), ``consultant --out examples/consultant``
(a client's folder of exports, no config) or ``world`` (any seed, size, leaks)."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from .consultant import write_consultant
from .demo import numbers, write_demo
from .leaks import ALL_LEAKS
from .world import DEMO_SEED, build_world
from .writers import write_all


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.scenarios", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    demo = sub.add_parser("demo", help="write the Harbour & Hearth demo merchant")
    demo.add_argument("--out", type=Path, default=Path("examples/demo"))
    consultant = sub.add_parser("consultant", help="write a client's folder of exports with no config")
    consultant.add_argument("--out", type=Path, default=Path("examples/consultant"))
    world = sub.add_parser("world", help="write any world")
    world.add_argument("--out", type=Path, required=True)
    world.add_argument("--seed", type=int, default=DEMO_SEED)
    world.add_argument("--size", type=int, default=200, help="number of variants (SKUs)")
    world.add_argument("--leaks", default="all", help=f"comma-separated check ids, 'all' or 'none' ({len(ALL_LEAKS)} known)")
    world.add_argument("--no-mess", action="store_true", help="no unreadable rows")
    world.add_argument("--native", default="", help="platforms written as their own exports (comma-separated: "
                                                     "amazon,ebay,xero,square); the others as neutral CSV")
    args = parser.parse_args(argv)
    if args.command == "demo":
        built, _ = write_demo(args.out)
    elif args.command == "consultant":
        try:
            built, _ = write_consultant(args.out)
        except ValueError as exc:
            print(f"error: {exc}", file=sys.stderr)
            return 2
    else:
        chosen = None if args.leaks == "all" else set() if args.leaks == "none" else set(args.leaks.split(","))
        try:
            built = build_world(seed=args.seed, size=args.size, leaks=chosen, mess=not args.no_mess)
            write_all(built, args.out, native=[x for x in args.native.split(",") if x])
        except ValueError as exc:
            print(f"error: {exc}", file=sys.stderr)
            return 2
    print(json.dumps(numbers(built), indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())

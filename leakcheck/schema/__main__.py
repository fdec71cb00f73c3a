"""``python -m leakcheck.schema [--check] [--path FILE]``: regenerate or verify report.schema.json.

Exit codes: 0 written, or (with ``--check``) up to date; 1 with ``--check`` when the file is
missing or differs from the model; 2 when the file cannot be written. Messages go to stderr.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from . import SCHEMA_PATH, committed_text, schema_text


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m leakcheck.schema", description="Regenerate or verify report.schema.json.")
    parser.add_argument("--check", action="store_true", help="do not write; exit 1 when the file is out of date")
    parser.add_argument("--path", type=Path, default=SCHEMA_PATH, help="the schema file (default: the packaged one)")
    args = parser.parse_args(argv)
    wanted = schema_text()
    current = committed_text(args.path)
    if args.check:
        if current == wanted:
            print(f"{args.path} is up to date.", file=sys.stderr)
            return 0
        state = "is missing" if current is None else "differs from the Report model"
        print(f"{args.path} {state}: run `python -m leakcheck.schema` and commit the result.", file=sys.stderr)
        return 1
    if current == wanted:
        print(f"{args.path} is already up to date.", file=sys.stderr)
        return 0
    try:
        args.path.write_text(wanted, encoding="utf-8", newline="\n")
    except OSError as exc:
        print(f"Could not write {args.path}: {exc.strerror or exc}.", file=sys.stderr)
        return 2
    print(f"Wrote {args.path}.", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

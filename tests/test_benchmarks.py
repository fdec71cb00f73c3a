"""The benchmarks measure what the product reads: a new export kind is never left unmeasured."""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_read_exports_measures_every_registered_export_kind():
    sys.path.insert(0, str(ROOT / "benchmarks"))
    try:
        import read_exports
    finally:
        sys.path.remove(str(ROOT / "benchmarks"))
    from leakcheck.sources.recognise import _known

    measured = {name.removesuffix("-xlsx") for name in read_exports.FORMATS}
    registered = {f"{sig.platform}-{sig.kind}" for sig in _known()}
    assert registered <= measured, f"benchmarks/read_exports.py does not measure: {sorted(registered - measured)}"

"""The consultant's example: a client's exports exactly as downloaded, in one folder, with no config.

``leakcheck scan examples/consultant/`` must recognise every file by its header, make one channel
of each platform, pick the web store as the owner and report. The folder is what a client sends
after "download these for me": Shopify's three exports, Amazon's All Listings and All Orders
reports (Windows-1252, as Amazon's UK site writes them), eBay's active listings report with its
orders report still inside the .zip it was emailed in, Square's item library as the Excel file
Square recommends, Xero's inventory items export, and the client's own meeting notes, which are
not an export at all, so the "not recognised, closest format" path shows. There are no history
logs: a client's downloads hold none, so the checks that need stock changes cannot run here.

A different merchant from the demo (its own seed and size), built with the same generator and
the same leaks, and written byte-identically on every run (zip entries carry a fixed time).
"""

from __future__ import annotations

import io
import shutil
import tempfile
import zipfile
from pathlib import Path

from .world import DEMO_AS_OF, DEMO_CHANNELS, World, build_world
from .writers import amazon_native, ebay_native, shopify, square_native, xero_native

CONSULTANT_SEED = 20261005
CONSULTANT_SIZE = 120
MERCHANT = "Saltmarsh & Sage"
# no warehouse system: its stock report is not any platform's export, so it would need a config
CHANNELS = tuple(c for c in DEMO_CHANNELS if c.platform != "warehouse")
ZIP_TIME = (2026, 9, 21, 7, 0, 0)  # every zip entry's time: the morning the client downloaded the files
ZIPPED = "eBay-reports-2026-09-21.zip"
NOTES = "notes.csv"  # the one file that is not an export


def consultant_world() -> World:
    return build_world(seed=CONSULTANT_SEED, size=CONSULTANT_SIZE, as_of=DEMO_AS_OF, channels=CHANNELS,
                       merchant=MERCHANT)


def write_consultant(out: Path) -> tuple[World, dict[str, Path]]:
    """Write the client's folder into ``out`` (created; must hold nothing else); returns the world and kind -> path."""
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    if any(out.iterdir()):
        raise ValueError(f"{out} is not empty: the example is written into an empty folder")
    world = consultant_world()
    files: dict[str, Path] = {}
    files.update({f"shop {k}": p for k, p in shopify.write(world, out, "shop").items()})
    files.update({f"amazon {k}": p for k, p in amazon_native.write(world, out, "amazon", encoding="cp1252").items()})
    with tempfile.TemporaryDirectory() as tmp:
        ebay = ebay_native.write(world, Path(tmp), "ebay")
        files["ebay listings"] = shutil.copyfile(ebay["listings"], out / ebay["listings"].name)
        files["ebay orders"] = _zip(out / ZIPPED, [ebay["orders"]])
    library = square_native.write(world, out, "till", xlsx=True)["items"]
    files["till items"] = _canonical_zip(library)
    files["accounts items"] = xero_native.write(world, out, "accounts")["items"]
    files["notes"] = _notes(out / NOTES)
    return world, files


def _info(name: str) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name, date_time=ZIP_TIME)
    info.compress_type = zipfile.ZIP_DEFLATED
    info.external_attr = 0o644 << 16
    return info


def _zip(path: Path, members: list[Path]) -> Path:
    """A zip of ``members`` (by file name), the same bytes every run."""
    with zipfile.ZipFile(path, "w") as z:
        for member in members:
            z.writestr(_info(member.name), member.read_bytes())
    return path


def _canonical_zip(path: Path) -> Path:
    """Rewrite a zip-based file (an .xlsx) with fixed entry times, so it is the same bytes every run."""
    with zipfile.ZipFile(path) as z:
        parts = [(i.filename, z.read(i)) for i in z.infolist()]
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        for name, data in parts:
            z.writestr(_info(name), data)
    path.write_bytes(buf.getvalue())
    return path


def _notes(path: Path) -> Path:
    """The client's own meeting notes: a CSV, but no platform's export."""
    rows = ["Date,Topic,Action,Who",
            "2026-09-14,Amazon stock keeps dropping to zero,Send Amazon reports,Priya",
            "2026-09-14,eBay oversold teapots twice,Check SyncMaster settings,Tom",
            "2026-09-18,Gift boxes show stock we do not have,Ask the consultant,Priya"]
    path.write_bytes(("\r\n".join(rows) + "\r\n").encode("utf-8"))
    return path

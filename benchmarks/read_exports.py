"""How fast each native export leakcheck reads is read into records, each in a fresh process.

    python benchmarks/read_exports.py --rows 1000000 --format all
    python benchmarks/read_exports.py --rows 200000 --format square-items-xlsx
    python benchmarks/read_exports.py --rows 1000000 --format shopify-orders --repeat 3

For each format (``--format all``: every one, in the order of ``FORMATS``) a file of ``--rows`` data
rows is written in the platform's real layout, then read through that platform's ``files`` source in
a new Python process, so the reading is timed and measured on its own (no generator or world in its
memory). One JSON object a line on stdout per format: format, rows, seconds, rows_per_second,
cpu_seconds (the reading process's own CPU time: when other work shares the machine, seconds over
cpu_seconds shows how much of the wall time was waiting), peak_rss_mb (of the reading process),
records (listings + order lines + stock events read), bad_rows, not_read, file_mb, write_seconds.
With --repeat N the file is read N times, each in a fresh process, and the fastest read is printed,
with every run's seconds in runs_seconds: on a shared virtual machine one run can be a quarter
slower than the next with the same code. For a workbook also parse_seconds: python-calamine's parse
of the same file alone (open, first sheet, every row handed to Python, nothing converted), in its
own fresh process. That is the floor no reader built on it can go below; seconds minus parse_seconds
is leakcheck's own work, the same reading of rows a CSV of the export costs. cells and
cells_per_second say how much the workbook held, since a workbook's parse costs by the cell, not the
row. Progress goes to stderr. The exit status is 1 when any file was not read at all (the figure
would measure nothing).

The rows come from one scenario World (tests/scenarios) rendered by the scenario writers where
one exists (tests/scenarios/writers) and by export_rows.py otherwise. Simulating a world of a
million variants and a million order lines would take minutes and gigabytes, so the world is a
block of up to ``--block`` variants and the block's data rows are repeated to the size asked,
every copy after the first with its identifying cells suffixed ``-<copy>``: a catalogue's SKUs,
handles and IDs, so every listing stays distinct and per-value caches in the readers get no help
they would not get from a real file; in order and movement files only the order numbers and
references, as a real history names the same catalogue's SKUs over and over. Workbooks are written by the tests' stdlib writer
(tests/sources/square_files/xlsx_writer.py: shared strings, numbers as numeric cells), as Excel
and the platforms write them.
"""

from __future__ import annotations

import argparse
import csv
import json
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable, Iterator

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # tests.scenarios without installing tests

from benchmarks import export_rows  # noqa: E402
from tests.scenarios import world as scenario  # noqa: E402
from tests.scenarios.writers import amazon_native, ebay_native, etsy_native, shopify  # noqa: E402
from tests.scenarios.writers import square_native, xero_native  # noqa: E402
from tests.sources.square_files.xlsx_writer import write_xlsx  # noqa: E402

READER = r"""
import json, sys, time
from pathlib import Path
from leakcheck.sources.base import ReadContext, all_sources
def peak_mb():  # VmHWM: ru_maxrss would carry over the benchmark's own peak across exec
    for line in open("/proc/self/status"):
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    import resource
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
kind, path = sys.argv[1], Path(sys.argv[2])
source = all_sources()[kind]
config = source.config_model(type=kind, files=[path.name], currency="GBP")
started, cpu = time.perf_counter(), time.process_time()
data = source("bench", config, ReadContext(base_dir=path.parent)).read()
seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
print(json.dumps({"records": len(data.listings) + len(data.orders) + len(data.events),
                  "bad_rows": len(data.bad_rows), "not_read": [f"{x.what}: {x.why}" for x in data.not_read],
                  "seconds": seconds, "cpu_seconds": cpu, "peak_rss_mb": peak_mb()}))
"""

PARSE = r"""
import json, sys, time
from python_calamine import CalamineWorkbook
started = time.perf_counter()
sheet = CalamineWorkbook.from_path(sys.argv[1]).get_sheet_by_index(0)
for row in sheet.iter_rows():
    pass
seconds = time.perf_counter() - started
cells = sum(len(row) - row.count("") for row in sheet.iter_rows())  # counted after the clock stops
print(json.dumps({"seconds": seconds, "cells": cells}))
"""


@dataclass(frozen=True)
class Format:
    """One export: the source that reads it, its rows, and how the platform writes the file."""

    source: str  # config type
    rows: Callable[[object], Iterable[list]]  # world -> header (and any lines around it), then data rows
    tag: tuple[str, ...]  # columns made distinct in each copy of the block
    file: str
    lead: int = 1  # rows up to and including the header (and any under it)
    tail: int = 0  # footer rows after the data
    encoding: str = "utf-8"
    delimiter: str = ","
    ending: str = "\n"
    quoting: int = csv.QUOTE_MINIMAL
    numbers: frozenset[str] = field(default_factory=frozenset)  # workbook columns written as numeric cells
    xlsx: bool = False


def _tsv(**kw) -> dict:
    return {"delimiter": "\t", **kw}


_SQUARE_NUMBERS = frozenset({"Price", "Weight (kg)", "Current Quantity", "Stock Alert Count"})
_QB_NUMBERS = frozenset({"Sales Price / Rate", "Purchase Cost", "Quantity on hand", "Reorder Point"})
_SQUARE_TAG = ("Token", "SKU", "Reference Handle")
_QB_TAG = ("SKU",)

FORMATS: dict[str, Format] = {
    "shopify-products": Format("shopify", lambda w: shopify.product_rows(w, "shop"), ("URL handle", "SKU"),
                               "products_export_1.csv", ending="\r\n"),
    "shopify-inventory": Format("shopify", lambda w: shopify.inventory_rows(w, "shop"), ("Handle", "SKU"),
                                "inventory_export_1.csv"),
    "shopify-orders": Format("shopify", lambda w: shopify.order_rows(w, "shop"), ("Name",),
                             "orders_export_1.csv"),
    "woocommerce-products": Format("woocommerce", lambda w: export_rows.woocommerce_rows(w, "shop"),
                                   ("ID", "SKU", "Parent"), "wc-product-export-21-9-2026-1758441600.csv"),
    "bigcommerce-products": Format("bigcommerce", lambda w: export_rows.bigcommerce_rows(w, "shop"),
                                   ("Product ID", "Product Code/SKU"), "products-2026-09-21.csv"),
    "amazon-listings": Format("amazon", lambda w: amazon_native.listing_rows(w, "amazon"),
                              ("seller-sku", "listing-id"), "All+Listings+Report+09-21-2026.txt",
                              **_tsv(ending="\r\n")),
    "amazon-fba": Format("amazon", lambda w: export_rows.fba_rows(w, "amazon"), ("sku", "fnsku"),
                         "FBA+Manage+Inventory+09-21-2026.txt", **_tsv()),
    "amazon-ledger": Format("amazon", lambda w: export_rows.ledger_rows(w, "amazon"), ("Reference ID",),
                            "Inventory+Ledger+09-21-2026.csv", quoting=csv.QUOTE_ALL),
    "amazon-ledger_summary": Format("amazon", lambda w: export_rows.ledger_summary_rows(w, "amazon"),
                                    ("MSKU", "FNSKU"), "Inventory+Ledger+Summary+09-21-2026.csv",
                                    quoting=csv.QUOTE_ALL, ending="\r\n"),
    "amazon-orders": Format("amazon", lambda w: amazon_native.order_rows(w, "amazon"),
                            ("amazon-order-id",), "All+Orders+Report+09-21-2026.txt", **_tsv()),
    "ebay-listings": Format("ebay", lambda w: ebay_native.listing_rows(w, "ebay"),
                            ("Item number", "Custom label (SKU)"), "eBay-all-active-listings-report-2026-09-21.csv",
                            encoding="utf-8-sig", ending="\r\n", quoting=csv.QUOTE_ALL),
    "ebay-orders": Format("ebay", lambda w: ebay_native.order_rows(w, "ebay"),
                          ("Sales Record Number", "Order Number"), "eBay-OrdersReport-2026-09-21.csv",
                          lead=3, tail=3, encoding="utf-8-sig", ending="\r\n", quoting=csv.QUOTE_ALL),
    "etsy-listings": Format("etsy", lambda w: etsy_native.listing_rows(w, "etsy"), ("SKU",),
                            "EtsyListingsDownload.csv"),
    "etsy-orders": Format("etsy", lambda w: etsy_native.order_rows(w, "etsy"),
                          ("Order ID", "Transaction ID"), "EtsySoldOrderItems2026.csv"),
    "square-items": Format("square", lambda w: square_native.rows(w, "till"), _SQUARE_TAG,
                           "MLHH4Q2Z8K1RB_catalog-2026-09-21-0655.csv"),
    "square-items-xlsx": Format("square", lambda w: square_native.rows(w, "till"), _SQUARE_TAG,
                                "MLHH4Q2Z8K1RB_catalog-2026-09-21-0655.xlsx", numbers=_SQUARE_NUMBERS, xlsx=True),
    "xero-items": Format("xero", lambda w: xero_native.rows(w, "accounts"), ("*ItemCode",),
                         "InventoryItems-20260921.csv", ending="\r\n"),
    "quickbooks-products": Format("quickbooks", lambda w: export_rows.quickbooks_rows(w, "accounts"), _QB_TAG,
                                  "ProductServiceList__9130_2026-09-21.csv", encoding="utf-8-sig", ending="\r\n"),
    "quickbooks-products-xlsx": Format("quickbooks", lambda w: export_rows.quickbooks_rows(w, "accounts", True),
                                       _QB_TAG, "ProductServiceList__9130_2026-09-21.xlsx", lead=4,
                                       numbers=_QB_NUMBERS, xlsx=True),
}


def build_block(size: int, seed: int):
    """A clean world whose every channel lists the whole catalogue and sells briskly."""
    sold = frozenset({"stock", "prices", "events", "writers", "orders"})
    channels = (
        scenario.ChannelSpec("shop", "shopify", "owner", share=0.4,
                             records=sold | {"on_hand", "reservations", "locations", "policy", "tracked",
                                             "product_ids"}),
        scenario.ChannelSpec("amazon", "amazon", "marketplace", share=0.2, records=sold),
        scenario.ChannelSpec("ebay", "ebay", "marketplace", share=0.15, records=sold),
        scenario.ChannelSpec("etsy", "etsy", "marketplace", share=0.1, records=sold),
        scenario.ChannelSpec("till", "square", "till", share=0.15, records=sold),
        scenario.ChannelSpec("accounts", "xero", "accounts", records=frozenset({"on_hand", "prices"})),
    )
    return scenario.build_world(seed=seed, size=size, leaks=set(), mess=False, channels=channels,
                                units_per_day=size / 4)


def _tagger(header: list[str], columns: tuple[str, ...]) -> Callable[[list, int], list]:
    where = [header.index(c) for c in columns]

    def tag(row: list, copy: int) -> list:
        row = list(row)
        for i in where:
            if i < len(row) and row[i]:
                row[i] = ",".join(f"{part}-{copy}" if part else part for part in str(row[i]).split(","))
        return row

    return tag


def tiled(fmt: Format, world, rows: int) -> Iterator[list]:
    """The format's lead rows, then ``rows`` data rows (the block's, repeated and tagged), then its tail."""
    everything = list(fmt.rows(world))
    lead = everything[: fmt.lead]
    block = everything[fmt.lead: len(everything) - fmt.tail]
    tail = everything[len(everything) - fmt.tail:] if fmt.tail else []
    if not block:
        raise SystemExit(f"the scenario world wrote no {fmt.file} rows to repeat")
    header = max(lead, key=lambda r: sum(1 for c in r if c))  # title lines and empty rows have fewer names
    tag = _tagger(header, fmt.tag)
    yield from lead
    copy = 0
    written = 0
    while written < rows:
        for row in block[: rows - written]:
            yield tag(row, copy) if copy else row
        written += min(len(block), rows - written)
        copy += 1
    yield from tail


def _numeric(header: list[str], names: frozenset[str]) -> Callable[[list], list]:
    """Cells of the named columns (a location's suffix ignored) as numbers, as a workbook holds them."""
    where = [i for i, h in enumerate(header) if h in names or any(h.startswith(n + " ") for n in names)]

    def convert(row: list) -> list:
        row = list(row)
        for i in where:
            if i < len(row) and row[i] not in ("", None):
                try:
                    value = float(row[i])
                    row[i] = int(value) if value.is_integer() else value
                except ValueError:
                    pass
        return row

    return convert


def write(fmt: Format, world, rows: int, folder: Path) -> Path:
    path = folder / fmt.file
    stream = tiled(fmt, world, rows)
    if fmt.xlsx:
        lead = [next(stream) for _ in range(fmt.lead)]
        convert = _numeric(lead[-1], fmt.numbers)  # workbooks here have the header last in the lead
        write_xlsx(path, _chain(lead, map(convert, stream)))
        return path
    with path.open("w", encoding=fmt.encoding, newline="") as fh:
        csv.writer(fh, delimiter=fmt.delimiter, lineterminator=fmt.ending, quoting=fmt.quoting).writerows(stream)
    return path


def _chain(first: list, rest: Iterable) -> Iterator:
    yield from first
    yield from rest


def measure(name: str, world, rows: int, repeat: int = 1) -> dict:
    """Write the file once, read it ``repeat`` times (each in a fresh process) and keep the fastest read:
    on a shared machine a slow run measures the neighbours, and the best run the code."""
    fmt = FORMATS[name]
    reads: list[dict] = []
    parses: list[dict] = []
    with tempfile.TemporaryDirectory(prefix="leakcheck-bench-") as tmp:
        started = time.perf_counter()
        path = write(fmt, world, rows, Path(tmp))
        write_seconds = time.perf_counter() - started
        size_mb = path.stat().st_size / 1e6
        print(f"{name}: wrote {rows:,} rows ({size_mb:.1f} MB) in {write_seconds:.1f} s; reading...",
              file=sys.stderr, flush=True)
        for _ in range(repeat):
            done = subprocess.run([sys.executable, "-c", READER, fmt.source, str(path)], capture_output=True,
                                  text=True, cwd=ROOT)
            if done.returncode != 0:
                print(done.stderr, file=sys.stderr)
                return {"format": name, "rows": rows, "error": done.stderr.strip().splitlines()[-1:]}
            reads.append(json.loads(done.stdout.strip().splitlines()[-1]))
            if fmt.xlsx:
                parses.append(_parse_floor(path))
    read = min(reads, key=lambda r: r["seconds"])
    result = {"format": name, "rows": rows, "seconds": round(read["seconds"], 2),
              "rows_per_second": round(rows / read["seconds"]), "cpu_seconds": round(read["cpu_seconds"], 2),
              "peak_rss_mb": round(read["peak_rss_mb"], 1),
              "records": read["records"], "bad_rows": read["bad_rows"], "not_read": read["not_read"],
              "file_mb": round(size_mb, 1), "write_seconds": round(write_seconds, 2)}
    if repeat > 1:
        result["runs_seconds"] = [round(r["seconds"], 2) for r in reads]
    if parses:
        parse = min(parses, key=lambda r: r["seconds"])
        result |= {"parse_seconds": round(parse["seconds"], 2),
                   "over_parse_seconds": round(read["seconds"] - parse["seconds"], 2),
                   "cells": parse["cells"], "cells_per_second": round(parse["cells"] / read["seconds"])}
    return result


def _parse_floor(path: Path) -> dict:
    """python-calamine alone on the workbook, in a fresh process: the time any reader built on it needs."""
    done = subprocess.run([sys.executable, "-c", PARSE, str(path)], capture_output=True, text=True, cwd=ROOT,
                          check=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", type=int, default=200_000, help="data rows per file")
    parser.add_argument("--format", default="all", help=f"all, or one of: {', '.join(FORMATS)}")
    parser.add_argument("--block", type=int, default=20_000, help="variants in the simulated world that is repeated")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--repeat", type=int, default=1,
                        help="reads of each file (each in a fresh process); the fastest is printed, with every "
                             "run's seconds in runs_seconds")
    args = parser.parse_args(argv)
    names = list(FORMATS) if args.format == "all" else [args.format]
    unknown = [n for n in names if n not in FORMATS]
    if unknown:
        parser.error(f"unknown format {unknown[0]!r}: use all or one of {', '.join(FORMATS)}")
    started = time.perf_counter()
    world = build_block(min(args.rows, args.block), args.seed)
    print(f"built a world of {len(world.items):,} variants in {time.perf_counter() - started:.1f} s",
          file=sys.stderr, flush=True)
    failed = False
    for name in names:
        result = measure(name, world, args.rows, max(1, args.repeat))
        failed |= bool(result.get("error") or result.get("not_read"))
        print(json.dumps(result), flush=True)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())

"""The two examples in examples/: the demo merchant in its platforms' own exports, and a consultant's folder.

examples/demo is read through its leakcheck.yaml, with Amazon, eBay and the accounts (Xero) in the
files their platforms write; examples/consultant is a client's folder of downloads with no config,
recognised file by file. Both are generated (``python -m tests.scenarios demo|consultant``) and
must be exactly what the generator writes today, or the examples and the code have drifted apart.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from leakcheck.cli import app
from tests.scenarios.consultant import NOTES, ZIPPED, write_consultant
from tests.scenarios.demo import write_demo

ROOT = Path(__file__).resolve().parents[1]
DEMO = ROOT / "examples" / "demo"
CONSULTANT = ROOT / "examples" / "consultant"
runner = CliRunner()


def scan(*args: str):
    result = runner.invoke(app, ["scan", *args, "--format", "json"])
    assert result.exit_code == 0, result.output
    assert "Traceback" not in result.stderr
    return json.loads(result.stdout), result.stderr


def fired(report: dict) -> set[str]:
    return {c["check_id"] for c in report["summary"]["checks"] if c["status"] == "fired"}


# --- the demo ------------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def demo_report() -> dict:
    return scan("--config", str(DEMO / "leakcheck.yaml"))[0]


def test_demo_config_reads_amazon_ebay_and_the_accounts_from_their_own_exports():
    cfg = yaml.safe_load((DEMO / "leakcheck.yaml").read_text(encoding="utf-8"))
    channels = cfg["channels"]
    assert {n: c["type"] for n, c in channels.items()} == {
        "shop": "shopify", "amazon": "amazon", "ebay": "ebay", "till": "square", "accounts": "xero", "warehouse": "csv"}
    for name in ("amazon", "ebay", "accounts"):
        assert channels[name]["files"] and not {"listings", "orders", "columns"} & set(channels[name])
        assert all((DEMO / f).is_file() for f in channels[name]["files"])
    for name in ("amazon", "ebay"):  # their exports hold no stock history: the sync app's log does
        assert all((DEMO / f).is_file() for f in channels[name]["history"]["files"])
    assert "replay" in channels["shop"] and "replay" in channels["till"]


def test_demo_native_channels_are_read_as_their_exports(demo_report):
    channels = {c["name"]: c for c in demo_report["summary"]["channels"]}
    kinds = {"amazon": ("Amazon All Listings report", "Amazon All Orders report"),
             "ebay": ("eBay active listings report", "eBay orders report"),
             "accounts": ("Xero inventory items export",)}
    for name, labels in kinds.items():
        ch = channels[name]
        assert ch["listings"] and not ch["not_read"], ch
        for label in labels:
            assert any(f"read as an {label}" in n or f"read as a {label}" in n for n in ch["notes"]), (label, ch["notes"])
    assert channels["amazon"]["orders"] and channels["ebay"]["orders"]
    assert channels["amazon"]["events"] and channels["ebay"]["events"]  # from the history logs
    # the accounts' planted unreadable row is named by the Xero reader
    assert [(b["file"], b["why"]) for b in channels["accounts"]["bad_rows"]] == [
        ("accounts/InventoryItems-20260921.csv", "column 'QuantityOnHand': '12.5' is not a whole number")]


def test_demo_fires_at_least_18_checks_and_every_planted_one(demo_report):
    got = fired(demo_report)
    assert len(got) >= 18, sorted(got)
    planted = {line.split("|")[1].strip() for line in (DEMO / "PLANTED.md").read_text(encoding="utf-8").splitlines()
               if line.startswith("| ") and line[2:8].isalnum() and line[2:5].isupper()}
    assert len(planted) == 21 and planted <= got, sorted(planted - got)
    # Amazon's All Orders report has no refunds: its planted returns go unseen, the till's refund still fires
    returns = [f for f in demo_report["findings"] if f["check_id"] == "RET001"]
    assert returns and all("amazon" not in f["channels"] for f in returns)


def test_demo_ebay_day_dated_sales_raise_no_sync_findings(demo_report):
    """eBay's orders report dates sales by the day (Sep-18-26): read as midnight, they would make up
    lags of ~16 hours. SYN002/SYN003 leave such sales out and say so."""
    wrong = [(f["check_id"], f["evidence"].get("from_channel"), f["evidence"].get("to_channel"))
             for f in demo_report["findings"]
             if f["check_id"] in ("SYN002", "SYN003") and f["evidence"].get("from_channel") == "ebay"]
    assert wrong == []


# --- the consultant's folder ----------------------------------------------------------------------
@pytest.fixture(scope="module")
def consultant() -> tuple[dict, str]:
    return scan(str(CONSULTANT))


def recognition(stderr: str) -> tuple[dict[str, str], dict[str, str]]:
    """The stderr tables: file name -> platform for recognised files; file name -> the rest of its row otherwise."""
    seen, unknown = {}, {}
    table = seen
    for line in stderr.splitlines():
        if line.startswith("not recognised"):
            table = unknown
        words = line.split()
        if words and words[0].startswith(str(CONSULTANT)):
            table[words[0].rsplit("/", 1)[-1]] = " ".join(words[1:]) if table is unknown else words[1]
    return seen, unknown


def test_consultant_folder_recognises_every_export_but_the_notes(consultant):
    report, stderr = consultant
    seen, unknown = recognition(stderr)
    on_disk = sorted(p.name for p in CONSULTANT.iterdir())
    assert set(on_disk) == {n.split(":")[0] for n in seen} | {NOTES}
    assert f"{ZIPPED}:eBay-OrdersReport-2026-09-21.csv" in seen  # the file inside the zip
    assert set(seen.values()) == {"Shopify", "Amazon", "eBay", "Square", "Xero"}
    assert set(unknown) == {NOTES} and "closest known format" in stderr and len(unknown[NOTES]) > 10
    assert "owner: shopify (the web store" in stderr
    channels = {c["name"]: c for c in report["summary"]["channels"]}
    assert set(channels) == {"shopify", "amazon", "ebay", "square", "xero"}
    assert report["summary"]["owner"] == "shopify" and channels["shopify"]["owner"]
    assert all(c["listings"] and not c["not_read"] for c in channels.values())
    assert all(channels[n]["orders"] for n in ("shopify", "amazon", "ebay"))
    # the report itself says which file was not looked at, not only the terminal
    assert any(w.startswith(f"{CONSULTANT}/{NOTES}: not read") for w in report["summary"]["warnings"])
    ebay_notes = " ".join(channels["ebay"]["notes"])
    assert f"{ZIPPED}:eBay-OrdersReport-2026-09-21.csv: read as" in ebay_notes  # named inside its zip


def test_consultant_folder_fires_the_checks_its_exports_allow(consultant):
    report, _ = consultant
    got = fired(report)
    assert len(got) >= 10, sorted(got)
    # what exports alone can show: codes, settings, counts, open orders
    assert {"SKU001", "SKU002", "SKU003", "SKU004", "SET001", "SET002", "SET003", "DRF001", "RES001"} <= got
    # no stock history in a client's downloads: the checks that need it say so instead of passing
    not_run = {c["check_id"]: c["why"] for c in report["summary"]["checks"] if c["status"] == "not_evaluated"}
    assert {"SYN001", "WRT001"} <= set(not_run) and all(not_run.values())


def test_consultant_folder_writes_the_html_report(tmp_path):
    out = tmp_path / "r.html"
    result = runner.invoke(app, ["scan", str(CONSULTANT), "--format", "html", "--output", str(out)])
    assert result.exit_code == 0, result.output
    html = out.read_text(encoding="utf-8")
    assert html.lstrip().lower().startswith("<!doctype html") and "MUG-NAVY" in html


# --- both are what the generator writes ------------------------------------------------------------
def _bytes(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_consultant_example_is_what_the_generator_writes(tmp_path):
    write_consultant(tmp_path / "c")
    assert _bytes(tmp_path / "c") == _bytes(CONSULTANT), "rebuild: python -m tests.scenarios consultant --out examples/consultant"
    with pytest.raises(ValueError, match="not empty"):
        write_consultant(tmp_path / "c")


def test_demo_example_is_what_the_generator_writes(tmp_path):
    write_demo(tmp_path / "d")
    got, want = _bytes(tmp_path / "d"), _bytes(DEMO)
    assert sorted(got) == sorted(want)
    assert [k for k in want if got[k] != want[k]] == [], \
        "rebuild: rm -rf examples/demo && python -m tests.scenarios demo --out examples/demo"

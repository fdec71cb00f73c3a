"""snapshot -> scan --from, doctor and --trace on the demo (file and replayed channels; live ones are in tests/live/)."""

import json
import shutil
from pathlib import Path

from typer.testing import CliRunner

from leakcheck.cli import app

DEMO = Path(__file__).resolve().parents[1] / "examples" / "demo"
runner = CliRunner()


def _json(result) -> dict:
    return json.loads(result.stdout)


def test_a_snapshot_of_the_demo_scans_the_same_offline(tmp_path):
    out = tmp_path / "snap"
    taken = runner.invoke(app, ["snapshot", "--out", str(out), "--config", str(DEMO / "leakcheck.yaml")])
    assert taken.exit_code == 0, taken.output
    manifest = json.loads((out / "manifest.json").read_text())
    assert set(manifest["config"]["channels"]) == {"shop", "amazon", "ebay", "till", "accounts", "warehouse"}
    shop = manifest["config"]["channels"]["shop"]
    assert "replay" not in shop and (out / "shop" / "responses.jsonl").exists()  # recorded answers travel along
    assert all(f.startswith("shop/files/") for f in shop["history"]["files"])
    assert all(f.startswith("amazon/files/") for f in manifest["config"]["channels"]["amazon"]["files"])
    direct = _json(runner.invoke(app, ["scan", "--demo", "--format", "json"]))
    replayed = runner.invoke(app, ["scan", "--from", str(out), "--format", "json"])
    assert replayed.exit_code == 0, replayed.output
    again = _json(replayed)
    assert [f["fingerprint"] for f in again["findings"]] == [f["fingerprint"] for f in direct["findings"]]
    assert again["summary"]["money_at_risk"] == direct["summary"]["money_at_risk"]


def test_snapshot_refuses_a_folder_with_something_in_it(tmp_path):
    (tmp_path / "x").write_text("keep me")
    result = runner.invoke(app, ["snapshot", "--out", str(tmp_path), "--config", str(DEMO / "leakcheck.yaml")])
    assert result.exit_code == 2 and "not an empty folder" in result.output
    assert (tmp_path / "x").read_text() == "keep me"


def test_scan_from_a_folder_that_is_not_a_snapshot(tmp_path):
    result = runner.invoke(app, ["scan", "--from", str(tmp_path)])
    assert result.exit_code == 2 and "not a leakcheck snapshot" in result.output and "Traceback" not in result.output
    result = runner.invoke(app, ["scan", "--from", str(tmp_path / "nope")])
    assert result.exit_code == 2 and "no such folder" in result.output


def test_doctor_on_files_says_present_or_missing(tmp_path):
    ok = runner.invoke(app, ["doctor", "--config", str(DEMO / "leakcheck.yaml")])
    assert ok.exit_code == 0 and "all present" in ok.output and "read-only" in ok.output
    copy = tmp_path / "demo"
    shutil.copytree(DEMO, copy)
    (copy / "accounts" / "InventoryItems-20260921.csv").unlink()
    missing = runner.invoke(app, ["doctor", "--config", str(copy / "leakcheck.yaml")])
    assert missing.exit_code == 3 and "missing: accounts/InventoryItems-20260921.csv" in missing.output


def test_trace_of_the_demo_shows_only_replayed_requests(tmp_path):
    trace = tmp_path / "trace.jsonl"
    result = runner.invoke(app, ["scan", "--demo", "--format", "json", "--trace", str(trace)])
    assert result.exit_code == 0, result.output
    lines = [json.loads(x) for x in trace.read_text().splitlines()]
    assert lines and all(x["replay"] for x in lines) and {x["channel"] for x in lines} == {"shop", "till"}
    bad = runner.invoke(app, ["scan", "--demo", "--trace", str(tmp_path / "no" / "such" / "dir" / "t.jsonl")])
    assert bad.exit_code == 2 and "--trace" in bad.output

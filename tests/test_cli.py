"""The command line as a user meets it: commands, options, exit codes, and never a traceback."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from leakcheck import __version__
from leakcheck.cli import app

ROOT = Path(__file__).resolve().parents[1]
runner = CliRunner()


def run(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
    """The real process, as a user runs it (stdout and stderr kept apart)."""
    env = {k: v for k, v in os.environ.items() if k != "NO_COLOR"}
    return subprocess.run([sys.executable, "-m", "leakcheck", *args], capture_output=True, text=True,
                          cwd=cwd or ROOT, env=env, timeout=120)


def test_version():
    result = runner.invoke(app, ["--version"])
    assert result.exit_code == 0 and __version__ in result.stdout


def test_checks_lists_all():
    result = runner.invoke(app, ["checks"])
    assert result.exit_code == 0
    for cid in ("SKU001", "SYN001", "BUN001", "RET001"):
        assert cid in result.stdout


def test_explain_check_and_money():
    result = runner.invoke(app, ["explain", "syn001"])
    assert result.exit_code == 0
    for heading in ("What it finds", "Why it costs money", "How to fix"):
        assert heading in result.stdout
    money = runner.invoke(app, ["explain", "money"])
    assert money.exit_code == 0 and "1 − e^(−32·r)" in money.stdout and "Poisson" in money.stdout


def test_explain_unknown_is_usage_error():
    result = runner.invoke(app, ["explain", "NOPE01"])
    assert result.exit_code == 2


def test_init_writes_once(tmp_path):
    target = tmp_path / "leakcheck.yaml"
    assert runner.invoke(app, ["init", "--output", str(target)]).exit_code == 0
    assert "owner: shop" in target.read_text()
    again = runner.invoke(app, ["init", "--output", str(target)])
    assert again.exit_code == 2
    assert runner.invoke(app, ["init", "--output", str(target), "--force"]).exit_code == 0


def test_unknown_check_id_in_only():
    assert runner.invoke(app, ["scan", "--demo", "--only", "XYZ999"]).exit_code == 2


BROKEN_CONFIGS = {
    "syntax": "owner: shop\nchannels:\n  shop: {type: csv\n",
    "unknown_key": "owner: shop\nchannels:\n  shop: {type: csv, files: [a.csv]}\nbogus: 1\n",
    "unknown_type": "channels:\n  shop: {type: amazn, files: [a.csv]}\n",
    "missing_var": "channels:\n  shop: {type: csv, files: ['${NOT_SET_ANYWHERE_42}']}\n",
    "bad_value": "channels:\n  shop: {type: csv, files: [a.csv]}\nhistory_days: -3\n",
    "not_a_mapping": "just a string\n",
}


@pytest.mark.parametrize("name", sorted(BROKEN_CONFIGS))
def test_broken_config_exits_2_with_one_line(tmp_path, name):
    cfg = tmp_path / "leakcheck.yaml"
    cfg.write_text(BROKEN_CONFIGS[name])
    proc = run("scan", "--config", str(cfg))
    assert proc.returncode == 2, proc.stderr
    assert "Traceback" not in proc.stderr + proc.stdout
    assert str(cfg) in proc.stderr
    assert proc.stdout == ""


def test_missing_export_file_exits_3_and_reports_the_rest(tmp_path):
    (tmp_path / "wh.csv").write_text("Item No,Free Stock\nMUG-RED,4\nTEA-50G,9\n")
    (tmp_path / "leakcheck.yaml").write_text(
        "owner: warehouse\nchannels:\n"
        "  warehouse: {type: csv, files: [wh.csv], columns: {sku: Item No, available: Free Stock}}\n"
        "  shop: {type: shopify, files: [missing_products.csv]}\n"
    )
    proc = run("scan", "--config", str(tmp_path / "leakcheck.yaml"), "--format", "json")
    assert proc.returncode == 3, proc.stderr
    assert "Traceback" not in proc.stderr
    report = json.loads(proc.stdout)
    channels = {c["name"]: c for c in report["summary"]["channels"]}
    assert channels["warehouse"]["listings"] == 2
    assert any("missing_products.csv" in n["what"] for n in channels["shop"]["not_read"])


def test_output_that_cannot_be_written_exits_2(tmp_path):
    proc = run("scan", "--demo", "--output", str(tmp_path / "no" / "such" / "dir" / "r.json"), "--format", "json")
    assert proc.returncode == 2
    assert "cannot be written" in proc.stderr and "Traceback" not in proc.stderr


# --- the demo merchant, end to end -----------------------------------------------------------
@pytest.fixture(scope="module")
def demo_json() -> dict:
    proc = run("scan", "--demo", "--format", "json")
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout)


def test_demo_text_report_on_stdout_messages_on_stderr():
    proc = run("scan", "--demo")
    assert proc.returncode == 0
    assert "Traceback" not in proc.stderr
    out = proc.stdout
    for text in ("Leak score", "Money at risk", "a month", "Critical", "Coverage", "Assumptions", "£"):
        assert text in out, text
    assert "\x1b[" not in out  # not a terminal: no colour codes


def test_demo_fires_at_least_18_checks(demo_json):
    fired = {c["check_id"] for c in demo_json["summary"]["checks"] if c["status"] == "fired"}
    assert len(fired) >= 18, sorted(fired)
    not_run = [c for c in demo_json["summary"]["checks"] if c["status"] == "not_evaluated"]
    assert all(c["why"] for c in not_run)


def test_demo_json_follows_the_contract(demo_json):
    import jsonschema

    schema = json.loads((ROOT / "leakcheck" / "schema" / "report.schema.json").read_text())
    jsonschema.validate(demo_json, schema)
    s = demo_json["summary"]
    assert demo_json["schema_version"] == "1.0"
    assert 0 <= s["score"] <= 100 and s["band"] in ("low", "moderate", "high", "critical")
    assert s["money_at_risk"]["currency"] == "GBP" and s["money_at_risk"]["low"] <= s["money_at_risk"]["amount"] <= s["money_at_risk"]["high"]
    assert {c["name"] for c in s["channels"]} == {"shop", "amazon", "ebay", "till", "accounts", "warehouse"}
    assert any(c["bad_rows"] for c in s["channels"]), "the demo's unreadable rows are named"
    for f in demo_json["findings"]:
        assert len(f["fingerprint"]) == 16 and f["message"] and f["remediation"]
        if f["money"]:
            assert f["money"]["basis"]
    assert demo_json["suppressed"] and all(x["reason"] for x in demo_json["suppressed"])
    order = [(-["low", "medium", "high", "critical"].index(f["severity"]), -(f["money"] or {}).get("amount", 0)) for f in demo_json["findings"]]
    assert order == sorted(order)


def test_demo_is_deterministic(demo_json):
    again = json.loads(run("scan", "--demo", "--format", "json").stdout)
    assert [f["fingerprint"] for f in again["findings"]] == [f["fingerprint"] for f in demo_json["findings"]]


def test_fail_on_and_max_score():
    assert run("scan", "--demo", "--format", "json", "--fail-on", "critical").returncode == 1
    assert run("scan", "--demo", "--format", "json", "--max-score", "100").returncode == 0
    assert run("scan", "--demo", "--format", "json", "--max-score", "0").returncode == 1


def test_baseline_counts_only_new_findings(tmp_path, demo_json):
    base = tmp_path / "base.json"
    base.write_text(json.dumps(demo_json))
    same = run("scan", "--demo", "--format", "json", "--baseline", str(base))
    assert same.returncode == 0, same.stderr
    assert json.loads(same.stdout)["resolved"] == []
    trimmed = dict(demo_json, findings=demo_json["findings"][1:])
    trimmed_fp = demo_json["findings"][0]["fingerprint"]
    base.write_text(json.dumps(trimmed))
    newer = run("scan", "--demo", "--format", "json", "--baseline", str(base))
    assert newer.returncode == 1  # --baseline alone: any new finding fails
    report = json.loads(newer.stdout)
    assert [f["new"] for f in report["findings"] if f["fingerprint"] == trimmed_fp] == [True]
    bogus = tmp_path / "bogus.json"
    bogus.write_text(json.dumps({"findings": [{"fingerprint": "0123456789abcdef"}]}))
    resolved = run("scan", "--demo", "--format", "json", "--baseline", str(bogus))
    assert json.loads(resolved.stdout)["resolved"] == ["0123456789abcdef"]
    broken = tmp_path / "broken.json"
    broken.write_text("{not json")
    assert run("scan", "--demo", "--baseline", str(broken)).returncode == 2


def test_only_and_skip(demo_json):
    only = json.loads(run("scan", "--demo", "--format", "json", "--only", "SKU001,DRF003").stdout)
    assert {f["check_id"] for f in only["findings"]} == {"SKU001", "DRF003"}
    assert {c["check_id"] for c in only["summary"]["checks"] if c["status"] == "skipped"} == set(
        c["check_id"] for c in demo_json["summary"]["checks"]) - {"SKU001", "DRF003"}
    skip = json.loads(run("scan", "--demo", "--format", "json", "--skip", "SKU001").stdout)
    assert "SKU001" not in {f["check_id"] for f in skip["findings"]}


def test_csv_formats(tmp_path):
    proc = run("scan", "--demo", "--format", "csv")
    assert proc.returncode == 0 and "check_id" in proc.stdout.splitlines()[0]
    out = tmp_path / "evidence"
    out.mkdir()
    assert run("scan", "--demo", "--format", "csv", "--output", str(out)).returncode == 0
    assert (out / "SKU001.csv").exists()
    fresh = tmp_path / "for-the-client"  # not there yet, no extension: a folder is made
    assert run("scan", "--demo", "--format", "csv", "--output", str(fresh)).returncode == 0
    assert fresh.is_dir() and (fresh / "DRF003.csv").exists()
    one = tmp_path / "all.csv"
    assert run("scan", "--demo", "--format", "csv", "--output", str(one)).returncode == 0
    assert one.is_file() and "check_id" in one.read_text(encoding="utf-8-sig").splitlines()[0]


def test_folder_of_shopify_exports_scans_without_config(tmp_path):
    folder = tmp_path / "exports"
    folder.mkdir()
    for name in ("products_export_1.csv", "inventory_export_1.csv", "orders_export_1.csv"):
        (folder / name).write_bytes((ROOT / "examples" / "demo" / "shop" / name).read_bytes())
    (folder / "notes.txt").write_text("meeting notes, not an export\n")
    proc = run("scan", str(folder), "--format", "json")
    assert proc.returncode == 0, proc.stderr
    assert "recognised" in proc.stderr and "notes.txt" in proc.stderr
    report = json.loads(proc.stdout)
    [channel] = report["summary"]["channels"]
    assert channel["type"] == "shopify" and channel["listings"] > 100 and channel["orders"] > 100


BROKEN_FILES = {
    "binary.csv": bytes(range(256)) * 4,
    "empty.csv": b"",
    "header_only.csv": b"Item No,Free Stock\n",
    "ragged.csv": b"Item No,Free Stock\nA,1,extra,cells\nB\n\"unterminated,2\n",
    "latin1.csv": "Item No,Free Stock\nCAF\xc9-MUG,3\n".encode("cp1252"),
    "bad_numbers.csv": b"Item No,Free Stock\nA,lots\nB,2\n",
}


@pytest.mark.parametrize("name", sorted(BROKEN_FILES))
def test_broken_export_files_never_traceback(tmp_path, name):
    (tmp_path / name).write_bytes(BROKEN_FILES[name])
    (tmp_path / "leakcheck.yaml").write_text(
        f"owner: wh\nchannels:\n  wh: {{type: csv, files: [{name}], columns: {{sku: Item No, available: Free Stock}}}}\n"
        "  shop: {type: shopify, files: [" + name + "]}\n"
    )
    proc = run("scan", "--config", str(tmp_path / "leakcheck.yaml"), "--format", "json")
    assert proc.returncode in (0, 3), proc.stderr
    assert "Traceback" not in proc.stderr + proc.stdout
    report = json.loads(proc.stdout)
    shop = next(c for c in report["summary"]["channels"] if c["name"] == "shop")
    assert shop["not_read"], "a file that is no Shopify export is named in the coverage"


def _mixed_folder(tmp_path: Path) -> Path:
    """A consultant's folder: a Shopify shop (3 exports), a WooCommerce shop (1), Amazon, a near miss, junk."""
    samples = ROOT / "tests" / "fixtures" / "samples"
    folder = tmp_path / "client"
    folder.mkdir()
    for name in ("products_export_1.csv", "inventory_export_1.csv", "orders_export_1.csv"):
        (folder / f"shop-{name}").write_bytes((ROOT / "examples" / "demo" / "shop" / name).read_bytes())
    woo = samples / "woocommerce" / "experimental_fashion_sample_9_products.csv"
    (folder / "woo.csv").write_bytes(woo.read_bytes())
    (folder / "amazon.txt").write_bytes((samples / "amazon" / "Product_inventory_lowercase_example.csv").read_bytes())
    (folder / "etsy-ish.csv").write_text("TITLE,PRICE,QUANTITY\nMug,12,3\n")
    (folder / "minutes.txt").write_text("meeting notes, not an export\n")
    return folder


def test_scan_shows_a_table_of_what_was_recognised_as_what(tmp_path):
    _mixed_folder(tmp_path)
    proc = run("scan", "client", "--format", "json", cwd=tmp_path)
    assert proc.returncode in (0, 1), proc.stderr
    lines = proc.stderr.splitlines()
    assert "\x1b[" not in proc.stderr  # not a terminal: plain text, no colour or box drawing
    assert lines[0].split() == ["file", "platform", "export", "channel", "size"]
    assert [line.split()[:-2] for line in lines[1:6]] == [  # the size ("6 KB") closes each row
        ["client/amazon.txt", "Amazon", "inventory", "report", "(open", "listings)", "amazon"],
        ["client/shop-inventory_export_1.csv", "Shopify", "inventory", "export", "shopify"],
        ["client/shop-orders_export_1.csv", "Shopify", "orders", "export", "shopify"],
        ["client/shop-products_export_1.csv", "Shopify", "product", "export", "shopify"],
        ["client/woo.csv", "WooCommerce", "product", "export", "woocommerce"],
    ]
    assert lines[6].split()[:2] == ["not", "recognised"]
    unknown = {line.split()[0]: line for line in lines[7:9]}
    assert "Etsy listings CSV" in unknown["client/etsy-ish.csv"]
    assert "no 'CURRENCY_CODE', no 'SKU'" in unknown["client/etsy-ish.csv"]  # which identifying headers it lacks
    assert "no header that identifies a known export" in unknown["client/minutes.txt"]
    assert ("owner: shopify (2 web stores, shopify (3 exports), woocommerce (1 export): shopify is the one with "
            "the most exports; set --owner to change)") in lines
    assert [c["name"] for c in json.loads(proc.stdout)["summary"]["channels"] if c["owner"]] == ["shopify"]


def test_scan_owner_option_is_what_the_table_says(tmp_path):
    _mixed_folder(tmp_path)
    proc = run("scan", "client", "--owner", "woocommerce", "--format", "json", cwd=tmp_path)
    assert proc.returncode in (0, 1), proc.stderr
    assert "owner: woocommerce (set by --owner)" in proc.stderr.splitlines()
    assert [c["name"] for c in json.loads(proc.stdout)["summary"]["channels"] if c["owner"]] == ["woocommerce"]


def test_scan_of_nothing_known_names_each_file_and_exits_3(tmp_path):
    (tmp_path / "a.csv").write_text("Firstname,Phone\nAnn,123\n")
    result = runner.invoke(app, ["scan", str(tmp_path)])
    assert result.exit_code == 3
    assert "no header that identifies a known export (it has 'Firstname', 'Phone')" in result.stderr
    assert "owner: none (no channel was recognised)" in result.stderr

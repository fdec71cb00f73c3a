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

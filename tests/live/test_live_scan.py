"""The scan on live channels, end to end through the CLI: coverage, faults, budget, trace, snapshot, redaction."""

from __future__ import annotations

import json
import shutil

import pytest
from typer.testing import CliRunner

from leakcheck.cli import app

from .conftest import SHOP_TOKEN, TILL_TOKEN, write_config

runner = CliRunner()
AS_OF = ["--history-days", "60"]


def scan(cfg, *extra):
    return runner.invoke(app, ["scan", "-c", str(cfg), "--format", "json", *extra])


def channels(result) -> dict:
    return {c["name"]: c for c in json.loads(result.stdout)["summary"]["channels"]}


@pytest.fixture
def clean(emulators):
    for emu in emulators.values():
        emu.faults.clear()
    yield
    for emu in emulators.values():
        emu.faults.clear()


def test_a_live_scan_reads_both_platforms_and_the_files(world, emulators, env, clean, tmp_path):
    cfg = write_config(world, emulators, tmp_path)
    result = scan(cfg)
    assert result.exit_code == 0, result.output
    ch = channels(result)
    assert ch["shop"]["way_in"] == "live" and ch["till"]["way_in"] == "live"
    assert ch["amazon"]["way_in"] == "files"
    for name in ("shop", "till"):
        assert ch[name]["listings"] > 0 and ch[name]["orders"] > 0 and not ch[name]["not_read"], ch[name]
    assert ch["till"]["events"] > 0  # Square says who wrote each stock change
    report = json.loads(result.stdout)
    fired = {r["check_id"] for r in report["summary"]["checks"] if r["status"] == "fired"}
    assert len(fired) >= 12, fired


def test_a_fault_costs_its_channel_only_and_exits_3(world, emulators, env, clean, tmp_path):
    cfg = write_config(world, emulators, tmp_path)
    emulators["till"].faults.add("503", count=-1)
    result = scan(cfg)
    assert result.exit_code == 3, result.output
    assert "Traceback" not in result.output
    ch = channels(result)
    assert ch["till"]["not_read"] and not ch["till"]["not_read"][0]["history_only"]
    assert "till" in result.stderr and "not read" in result.stderr
    assert ch["shop"]["listings"] > 0 and not ch["shop"]["not_read"]
    assert ch["amazon"]["listings"] > 0


@pytest.mark.parametrize("fault", ["429", "500", "truncate", "malformed", "timeout"])
def test_passing_faults_are_recovered(world, emulators, env, clean, tmp_path, fault):
    cfg = write_config(world, emulators, tmp_path)
    emulators["shop"].faults.add(fault, count=1, retry_after=0.05 if fault == "429" else None)
    emulators["till"].faults.add(fault, count=1, retry_after=0.05 if fault == "429" else None)
    result = scan(cfg)
    assert result.exit_code == 0, result.output
    ch = channels(result)
    assert not ch["shop"]["not_read"] and not ch["till"]["not_read"]


def test_a_token_revoked_mid_scan_is_named(world, emulators, env, clean, tmp_path):
    cfg = write_config(world, emulators, tmp_path)
    emulators["till"].faults.add("revoke", count=1, after=2)
    result = scan(cfg)
    assert result.exit_code == 3, result.output
    why = " ".join(n["why"] for n in channels(result)["till"]["not_read"])
    assert "token" in why.lower()
    emulators["till"].revoked = False


def test_an_unreachable_shop_is_one_line(world, emulators, env, clean, tmp_path):
    cfg = write_config(world, emulators, tmp_path, shop={"base_url": "http://127.0.0.1:9"})
    result = scan(cfg)
    assert result.exit_code == 3 and "Traceback" not in result.output
    assert "connection refused" in " ".join(n["why"] for n in channels(result)["shop"]["not_read"])


def test_secrets_never_reach_any_byte_written(world, emulators, env, clean, tmp_path):
    cfg = write_config(world, emulators, tmp_path / "m")
    emulators["till"].faults.add("revoke", count=1, after=3)
    out = tmp_path / "out"
    out.mkdir()
    results = [
        scan(cfg, "--trace", str(out / "trace.jsonl"), "--output", str(out / "report.json")),
        runner.invoke(app, ["scan", "-c", str(cfg), "--format", "text"]),
        runner.invoke(app, ["snapshot", "-c", str(cfg), "--out", str(out / "snap")]),
        runner.invoke(app, ["doctor", "-c", str(cfg)]),
    ]
    emulators["till"].revoked = False
    written = [r.stdout + r.stderr for r in results]
    written += [p.read_text(errors="replace") for p in out.rglob("*") if p.is_file()]
    assert len(written) > 6
    for text in written:
        assert SHOP_TOKEN not in text and TILL_TOKEN not in text
        assert "RECOGNISABLE" not in text


def test_trace_names_every_request_without_secrets(world, emulators, env, clean, tmp_path):
    cfg = write_config(world, emulators, tmp_path)
    trace = tmp_path / "trace.jsonl"
    emulators["shop"].faults.add("429", count=1, retry_after=0.05)
    result = scan(cfg, "--trace", str(trace))
    assert result.exit_code == 0, result.output
    lines = [json.loads(x) for x in trace.read_text().splitlines()]
    assert {x["channel"] for x in lines} == {"shop", "till"}
    assert any(x["status"] == 429 for x in lines) and any(x["attempt"] == 2 for x in lines)
    assert all(x["method"] in ("GET", "POST", "HEAD") for x in lines)
    gql = [x for x in lines if x["channel"] == "shop" and "query" in x]
    assert gql and all("mutation" not in x["query"] or "bulkOperationRunQuery" in x["query"] for x in gql)


def test_a_short_budget_cuts_history_not_stock(world, emulators, env, clean, tmp_path):
    from tests.emulators.shopify import ShopifyEmulator

    # a slow Shopify (1 point per second) so the budget runs out after the stock is read
    with ShopifyEmulator(world, token=SHOP_TOKEN, restore_rate=1.0, maximum=2000.0, bulk_rows_per_second=500.0) as slow:
        cfg = write_config(world, {**emulators, "shop": slow}, tmp_path)
        result = scan(cfg, "--budget", "3")
    ch = channels(result)
    assert ch["shop"]["listings"] > 0, result.output
    cut = ch["shop"]["not_read"]
    assert cut and all(n["history_only"] for n in cut) and "budget" in cut[0]["why"]
    assert result.exit_code == 0, result.output  # history cut by the budget is not a 3


def test_snapshot_then_scan_from_it_offline(world, emulators, env, clean, tmp_path):
    cfg = write_config(world, emulators, tmp_path / "m")
    live = scan(cfg)
    snap = tmp_path / "snap"
    taken = runner.invoke(app, ["snapshot", "-c", str(cfg), "--out", str(snap)])
    assert taken.exit_code == 0, taken.output
    shutil.rmtree(tmp_path / "m")  # nothing of the original folder is needed
    served = {name: emu.requests_served for name, emu in emulators.items()}
    replayed = runner.invoke(app, ["scan", "--from", str(snap), "--format", "json"])
    assert replayed.exit_code == 0, replayed.output
    assert {name: emu.requests_served for name, emu in emulators.items()} == served  # no network
    ch = channels(replayed)
    assert ch["shop"]["way_in"] == "replay" and ch["till"]["way_in"] == "replay"
    before = json.loads(live.stdout)
    after = json.loads(replayed.stdout)
    assert [f["fingerprint"] for f in after["findings"]] == [f["fingerprint"] for f in before["findings"]]


def test_doctor_exit_codes(world, emulators, env, clean, tmp_path):
    cfg = write_config(world, emulators, tmp_path)
    ok = runner.invoke(app, ["doctor", "-c", str(cfg)])
    assert ok.exit_code == 0, ok.output
    assert "read_inventory" in ok.stdout and "INVENTORY_READ" in ok.stdout
    from tests.emulators.square import SquareEmulator

    with SquareEmulator(world, token=TILL_TOKEN, requests_per_second=None,
                        scopes=("ITEMS_READ", "ITEMS_WRITE", "INVENTORY_READ", "ORDERS_READ", "MERCHANT_PROFILE_READ")) as w:
        cfg = write_config(world, {**emulators, "till": w}, tmp_path / "w")
        writes = runner.invoke(app, ["doctor", "-c", str(cfg)])
    assert writes.exit_code == 1 and "ITEMS_WRITE" in writes.stdout and "can change your data" in writes.stdout
    cfg = write_config(world, emulators, tmp_path / "u", till={"base_url": "http://127.0.0.1:9"})
    down = runner.invoke(app, ["doctor", "-c", str(cfg)])
    assert down.exit_code == 3 and "Traceback" not in down.output

"""Read-only and secret-free: writes are refused before sending, tokens never reach a message, trace or
snapshot, and a recorded scan replays to the same records with the emulator gone."""

from __future__ import annotations

from pathlib import Path

import pytest

from leakcheck.sources.base import LiveOptions
from leakcheck.sources.shopify import catalog, orders_live
from leakcheck.transport import TraceWriter, WriteRefused

from .conftest import TOKEN, read, source

CLIENT = dict(token=None, client_id="leakcheck-app-client-id", client_secret="shpss_client_secret_987654321")


def _all_text(folder: Path) -> str:
    return "\n".join(p.read_text(encoding="utf-8", errors="replace") for p in folder.rglob("*") if p.is_file())


@pytest.mark.parametrize("mutation", [
    'mutation { productDelete(input: {id: "gid://shopify/Product/1"}) { deletedProductId } }',
    'mutation { inventorySetQuantities(input: {name: "available", reason: "correction", quantities: []}) '
    '{ userErrors { message } } }',
    'query { shop { name } } mutation M { bulkOperationCancel(id: "gid://shopify/BulkOperation/1") { userErrors { message } } }',
    'mutation { bulkOperationRunQuery(query: "mutation { productDelete(input: {id: \\"x\\"}) { deletedProductId } }") '
    '{ bulkOperation { id } } }',
])
def test_a_write_is_refused_before_anything_is_sent(emulator, mutation):
    emu = emulator()
    src = source(emu)
    with pytest.raises(WriteRefused) as exc:
        src.api.transport.post(src.config.graphql_url(), what="a write", json={"query": mutation})
    assert "refused before sending" in exc.value.why
    with pytest.raises(WriteRefused):
        src.api.transport.post(src.config.api_root() + "/admin/api/2026-07/products.json", what="REST", json={})
    assert emu.requests_served == 0


def test_the_token_never_appears_in_trace_snapshot_or_messages(emulator, tmp_path, monkeypatch):
    monkeypatch.setattr(catalog, "BULK_THRESHOLD", 10)  # the bulk path too: signed URLs, file downloads
    emu = emulator()
    emu.faults.add("500", count=-1, path="graphql.json", after=8)  # and a failure message at the end
    trace = TraceWriter(tmp_path / "trace.jsonl")
    live = LiveOptions(trace=trace, record_dir=tmp_path / "snap")
    data = read(emu, tmp=tmp_path, live=live)
    trace.close()
    assert data.listings and data.not_read  # some read, some lost: both paths wrote
    text = _all_text(tmp_path)
    assert "X-Goog-Signature" in text and "graphql.json" in text  # the files hold the traffic...
    assert TOKEN not in text and "RECOGNISABLE" not in text  # ...and never the token
    for n in data.not_read:
        assert TOKEN not in n.why and TOKEN not in n.what


def test_a_token_from_the_grant_never_appears_either(emulator, tmp_path):
    emu = emulator(**CLIENT)
    trace = TraceWriter(tmp_path / "trace.jsonl")
    data = read(emu, tmp=tmp_path, credentials="client", live=LiveOptions(trace=trace, record_dir=tmp_path / "snap"))
    trace.close()
    assert data.listings and not data.not_read
    (granted,) = [t for t in emu._tokens if t != emu.token]
    text = _all_text(tmp_path)
    assert granted not in text and CLIENT["client_secret"] not in text
    assert "access_token" not in (tmp_path / "snap" / "shop" / "responses.jsonl").read_text()  # grants not recorded


@pytest.mark.parametrize("bulk", [False, True])
def test_a_recorded_scan_replays_offline_to_the_same_records(emulator, tmp_path, monkeypatch, bulk):
    if bulk:
        monkeypatch.setattr(catalog, "BULK_THRESHOLD", 10)
        monkeypatch.setattr(orders_live, "ORDERS_BULK_THRESHOLD", 10)
    emu = emulator()
    live = read(emu, tmp=tmp_path, live=LiveOptions(record_dir=tmp_path / "snap"))
    emu.stop()
    replayed = read(emu, tmp=tmp_path, token=None, live=LiveOptions(replay_dir=tmp_path / "snap"))
    assert replayed.way_in == "replay" and not replayed.not_read
    assert replayed.listings == live.listings and replayed.orders == live.orders


def test_no_customer_data_is_asked_for_or_kept(emulator, tmp_path):
    emu = emulator()
    read(emu, tmp=tmp_path, live=LiveOptions(record_dir=tmp_path / "snap"))
    text = _all_text(tmp_path / "snap").lower()
    for word in ("email", "customer", "billingaddress", "shippingaddress", "phone"):
        assert word not in text

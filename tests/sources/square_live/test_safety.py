"""Read-only, secrets kept, refusals in words: 401/403 name the token and the scope; nothing is written.

The recognisable token must appear in no exception text, NotRead, trace line or snapshot file,
even when the server echoes it back in an error (the emulator's ``echo_token``). A POST that is
not on Square's read-only list is refused before it leaves the machine. A snapshot replays to
the same records with no token and no network.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from leakcheck.config import config_from_dict
from leakcheck.engine import read_snapshot
from leakcheck.sources.base import LiveOptions
from leakcheck.transport import TraceWriter, WriteRefused
from tests.emulators.square import SquareEmulator

from .conftest import RECOGNISABLE, read, source
from .test_parity import events, listings, orders


def test_missing_scopes_are_named_with_what_they_were_for(world):
    with SquareEmulator(world, requests_per_second=None, scopes=("ITEMS_READ", "MERCHANT_PROFILE_READ")) as emu:
        data = read(emu, world)
        emu_host = emu.url.split("//")[1]
    lost = {n.what: (n.lost_stock, n.why) for n in data.not_read}
    assert set(lost) == {"stock counts", "stock-change history", "orders"}
    assert lost["stock counts"][0] is True and lost["orders"][0] is False
    assert lost["stock counts"][1] == ("the Square access token (this channel's `token:`) lacks the INVENTORY_READ "
                                       "permission, needed for stock counts and the stock-change history: authorise "
                                       "a token that includes INVENTORY_READ (see docs/credentials/square.md), then "
                                       "run `leakcheck doctor` [Square: HTTP 403 from " + emu_host + ": "
                                       "INSUFFICIENT_SCOPES The merchant must authorize your application for the "
                                       "following scopes: INVENTORY_READ]")
    assert "lacks the ORDERS_READ permission, needed for orders, refunds and returns" in lost["orders"][1]
    assert data.listings and all(x.available is None for x in data.listings)  # the catalogue was still read


def test_without_merchant_profile_read_locations_are_named_by_id(world):
    with SquareEmulator(world, requests_per_second=None, scopes=("ITEMS_READ", "INVENTORY_READ", "ORDERS_READ")) as emu:
        data = read(emu, world)
        loc = emu.account.locations[0]["id"]
        one = read(emu, world, location_id=loc)
    assert [(n.what, n.lost_stock) for n in data.not_read] == [("location names", False)]
    assert "lacks the MERCHANT_PROFILE_READ permission" in data.not_read[0].why
    assert data.listings and {x.location for x in data.listings} == {loc} and data.events and data.orders
    assert len(one.listings) == len(data.listings) and {x.location for x in one.listings} == {loc}


@pytest.mark.parametrize("state,words", [("expired", "has expired (Square OAuth tokens last 30 days)"),
                                         ("wrong", "was not accepted (UNAUTHORIZED)")])
def test_a_refused_token_is_one_line_naming_the_token(world, state, words):
    with SquareEmulator(world, requests_per_second=None, expired=state == "expired") as emu:
        cfg = emu.channel_config() if state == "expired" else {**emu.channel_config(), "token": "EAAA-wrong-one"}
        data = read(cfg, world)
        assert emu.requests_served == 1  # it stopped at the first refusal
    assert [(n.what, n.lost_stock) for n in data.not_read] == [("stock, settings and history", True)]
    assert data.not_read[0].why.startswith("the Square access token (this channel's `token:`) " + words)


def test_the_token_never_leaks(world, tmp_path: Path):
    trace = TraceWriter(tmp_path / "trace.jsonl")
    snap = tmp_path / "snapshot"
    # 1. Square refuses it and echoes it back in the error detail: the text must still not hold it
    with SquareEmulator(world, token="EAAA-the-real-one-000", requests_per_second=None, echo_token=True) as emu:
        cfg = {**emu.channel_config(), "token": RECOGNISABLE}
        data = source(cfg, world, live=LiveOptions(trace=trace, record_dir=snap / "refused")).read()
        texts = [n.why for n in data.not_read] + [n.what for n in data.not_read]
        doc = source(cfg, world).doctor()
        texts += [doc.error or "", doc.identity, *doc.notes]
        assert "(token ***)" in " ".join(texts)  # the echo arrived, masked
    # 2. A good read with that token, traced and recorded
    with SquareEmulator(world, token=RECOGNISABLE, requests_per_second=None) as emu:
        src = source(emu, world, live=LiveOptions(trace=trace, record_dir=snap / "good"))
        good = src.read()
        assert good.not_read == [] and good.listings
        with pytest.raises(WriteRefused) as refused:
            source(emu, world).api.transport.post("/v2/inventory/changes/batch-create", what="a write",
                                                  json={"token": RECOGNISABLE})
        texts.append(str(refused.value))
    trace.close()
    for text in texts:
        assert RECOGNISABLE not in text
    files = [p for p in tmp_path.rglob("*") if p.is_file()]
    assert trace.lines >= 7 and any(p.name == "responses.jsonl" for p in files)
    for path in files:
        assert RECOGNISABLE.encode() not in path.read_bytes(), path


def test_writes_are_refused_before_they_are_sent(emu, world):
    transport = source(emu, world).api.transport
    before = emu.requests_served
    for method, path in (("POST", "/v2/inventory/changes/batch-create"), ("POST", "/v2/catalog/batch-upsert"),
                         ("POST", "/v2/orders"), ("PUT", "/v2/orders/ORDER1"), ("DELETE", "/v2/catalog/object/X"),
                         ("POST", "/v2/inventory/physical-counts"), ("POST", "/oauth2/revoke")):
        with pytest.raises(WriteRefused) as exc:
            transport.request(method, path, what="a write", json={"changes": []})
        assert "refused before sending" in exc.value.why
    assert emu.requests_served == before
    # and every POST a full read makes is one the policy lists
    start = len(emu.seen)
    read(emu, world)
    posts = {s["path"] for s in emu.seen[start:] if s["method"] == "POST"}
    assert posts == {"/v2/catalog/search", "/v2/inventory/counts/batch-retrieve",
                     "/v2/inventory/changes/batch-retrieve", "/v2/orders/search"}
    assert {s["method"] for s in emu.seen[start:]} == {"GET", "POST"}


def test_a_snapshot_replays_to_the_same_records(world, tmp_path: Path):
    with SquareEmulator(world, requests_per_second=None, page_limit=40) as emu:
        live = source(emu, world, live=LiveOptions(record_dir=tmp_path)).read()
        served = emu.requests_served
        again = source({"type": "square", "base_url": emu.url}, world,
                       live=LiveOptions(replay_dir=tmp_path)).read()  # no token at all
        assert emu.requests_served == served  # nothing asked of Square
    assert again.way_in == "replay" and again.not_read == []
    assert listings(again.listings, False) == listings(live.listings, False)
    assert events(again.events, False) == events(live.events, False)
    assert orders(again.orders, False) == orders(live.orders, False)


def test_files_and_a_missing_token_are_clear_lines(tmp_path: Path):
    config = config_from_dict({"channels": {
        "till": {"type": "square", "files": ["items-export.xlsx"]},
        "pos": {"type": "square"},
    }}, base_dir=tmp_path)
    snap = read_snapshot(config)
    till, pos = snap.channels["till"], snap.channels["pos"]
    # a channel with files is read by the files source (square/files.py), never live
    assert till.way_in == "files"
    assert [(n.what, n.why, n.lost_stock) for n in till.not_read] == [
        ("items-export.xlsx", "the file does not exist", True)]
    assert [n.what for n in pos.not_read] == ["Square access token"]
    assert "has no `token:`" in pos.not_read[0].why

"""``doctor`` for Square: identity, scopes, write scopes and missing scopes, from RetrieveTokenStatus."""

from __future__ import annotations

from leakcheck.config import config_from_dict
from leakcheck.doctor import diagnose
from leakcheck.exitcodes import ExitCode
from tests.emulators.square import READ_SCOPES, SquareEmulator

from .conftest import fast, source


def doctor(emu, world, **keys):
    return fast(source(emu, world, **keys)).doctor()


def test_a_read_only_token(emu, world):
    r = doctor(emu, world)
    assert (r.reachable, r.error, r.write_scopes, r.missing_scopes) == (True, None, [], [])
    assert r.scopes == sorted(READ_SCOPES)
    loc = emu.account.locations[0]["id"]
    merchant = emu.account.merchant_id
    assert r.identity == f"Harbour & Hearth (Square merchant {merchant}); 1 location: Harbour St Shop ({loc})"
    assert any(n.startswith("the token expires on ") and "(in 30 days)" in n for n in r.notes)
    assert emu.seen[-2]["path"] == "/oauth2/token/status" and emu.seen[-1]["path"] == "/v2/locations"


def test_a_token_that_can_write(world, tmp_path):
    scopes = READ_SCOPES + ("ITEMS_WRITE", "INVENTORY_WRITE", "PAYMENTS_WRITE_IN_PERSON",
                            "DEVICE_CREDENTIAL_MANAGEMENT")
    with SquareEmulator(world, requests_per_second=None, scopes=scopes, personal_token=True) as emu:
        r = doctor(emu, world)
        config = config_from_dict({"channels": {"till": emu.channel_config()}}, base_dir=tmp_path)
        verdict, = diagnose(config, budget_seconds=10)
    assert r.write_scopes == ["DEVICE_CREDENTIAL_MANAGEMENT", "INVENTORY_WRITE", "ITEMS_WRITE",
                              "PAYMENTS_WRITE_IN_PERSON"]
    assert r.missing_scopes == [] and r.error is None
    assert any("never expires" in n and "personal access token" in n for n in r.notes)
    assert (verdict.code, verdict.ok) == (ExitCode.FAILED, False)


def test_a_token_missing_scopes(world):
    with SquareEmulator(world, requests_per_second=None, scopes=("ITEMS_READ", "INVENTORY_READ")) as emu:
        r = doctor(emu, world)
        paths = [s["path"] for s in emu.seen]
    assert r.missing_scopes == ["ORDERS_READ", "MERCHANT_PROFILE_READ"] and r.write_scopes == []
    assert r.identity == f"Square merchant {emu.account.merchant_id}"  # no MERCHANT_PROFILE_READ: no names
    assert paths == ["/oauth2/token/status"]  # it did not try what it knew it could not read
    assert "without ORDERS_READ a scan cannot read orders, refunds and returns" in r.notes


def test_a_token_square_refuses(emu, world):
    r = doctor({**emu.channel_config(), "token": "EAAA-not-a-real-token"}, world)
    assert r.reachable and r.scopes == []
    assert r.error.startswith("the Square access token (this channel's `token:`) was not accepted (UNAUTHORIZED)")


def test_an_unreachable_square(world):
    r = doctor({"type": "square", "token": "EAAA-some-token", "base_url": "http://127.0.0.1:9"}, world,
               timeout_seconds=0.5)
    assert not r.reachable and "connection refused" in r.error


def test_a_location_id_that_is_not_the_sellers(emu, world):
    r = doctor(emu, world, location_id="LWRONG0000001")
    assert r.error.startswith("location_id LWRONG0000001 is not one of this seller's locations (Harbour St Shop (")


def test_a_good_config_passes_the_lead_doctor(emu, world, tmp_path):
    config = config_from_dict({"channels": {"till": emu.channel_config()}}, base_dir=tmp_path)
    verdict, = diagnose(config, budget_seconds=10)
    assert (verdict.code, verdict.ok, verdict.way_in) == (ExitCode.OK, True, "live")

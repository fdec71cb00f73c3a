"""Credentials: a static token, the client-credentials grant (renewed after a 401), refusals in words,
missing scopes named with what they are for; and ``doctor`` on good, write-scoped and short tokens."""

from __future__ import annotations

from pathlib import Path

import pytest

from leakcheck.model import ChannelData
from leakcheck.sources.base import ReadContext, SourceError
from leakcheck.sources.shopify import ShopifyChannel, ShopifyLive
from leakcheck.sources.shopify.config import normalise_shop

from .conftest import TOKEN, read, source

CLIENT = dict(token=None, client_id="leakcheck-app-client-id", client_secret="shpss_client_secret_987654321")


def test_client_credentials_are_exchanged_for_a_token(emulator):
    emu = emulator(**CLIENT)
    data = read(emu, credentials="client")
    assert not data.not_read and data.listings and data.orders
    assert [p for _, p, _ in emu.log].count("/admin/oauth/access_token") == 1  # one grant for the whole scan


def test_an_expired_grant_is_renewed_once_after_a_401(emulator):
    emu = emulator(**CLIENT)
    src = source(emu, credentials="client")
    data = ChannelData("shop", "shopify")
    src.read_stock(data)
    emu.expire_tokens()
    src.read_history(data)
    src.close()
    assert not data.not_read and data.orders
    assert [p for _, p, _ in emu.log].count("/admin/oauth/access_token") == 2


def test_wrong_client_secret_is_named(emulator):
    emu = emulator(**CLIENT)
    data = read(emu, client_id=CLIENT["client_id"], client_secret="shpss_wrong_secret_000000")
    (miss,) = data.not_read
    assert "client credentials (client_id/client_secret) were refused" in miss.why and miss.lost_stock
    assert "shpss_wrong_secret_000000" not in miss.why


def test_wrong_token_is_named_in_one_line(emulator):
    emu = emulator(token="shpat_the_right_one_12345")
    (miss,) = read(emu, token=TOKEN).not_read
    assert miss.why.startswith("the access token (token:) was refused (HTTP 401")
    assert "\n" not in miss.why and TOKEN not in miss.why


def test_missing_scope_names_the_scope_and_the_read(emulator):
    emu = emulator(scopes=("read_products", "read_locations", "read_orders"))
    data = read(emu)
    (miss,) = data.not_read
    assert miss.what == "variants and stock levels" and miss.lost_stock
    assert miss.why.startswith("the token lacks the read_inventory scope, which leakcheck needs to read variants")
    assert data.orders and not data.listings  # the stock is lost, the orders are still read
    emu = emulator(scopes=("read_products", "read_inventory", "read_locations"))
    data = read(emu)
    (miss,) = data.not_read
    assert miss.what == "orders" and not miss.lost_stock and "read_orders" in miss.why and data.listings


def test_wrong_shop_is_not_found_with_the_channels_context(emulator):
    emu = emulator()
    (miss,) = read(emu, api_version="2025-01").not_read
    assert "HTTP 404" in miss.why and "API version 2025-01" in miss.why and emu.domain in miss.why


def test_no_credential_or_no_shop_is_a_source_error(tmp_path):
    ctx = ReadContext(base_dir=tmp_path)
    with pytest.raises(SourceError, match="no credential"):
        ShopifyLive("shop", ShopifyChannel(type="shopify", shop="x"), ctx).read()
    with pytest.raises(SourceError, match="no shop"):
        ShopifyLive("shop", ShopifyChannel(type="shopify", token="shpat_abcdef"), ctx).read()


@pytest.mark.parametrize("given, host", [("harbour-hearth", "harbour-hearth.myshopify.com"),
                                         ("Harbour-Hearth.myshopify.com", "harbour-hearth.myshopify.com"),
                                         ("https://harbour-hearth.myshopify.com/admin/products", "harbour-hearth.myshopify.com")])
def test_shop_is_normalised(given, host):
    assert normalise_shop(given) == host
    cfg = ShopifyChannel(type="shopify", shop=given)
    assert cfg.graphql_url() == f"https://{host}/admin/api/2026-07/graphql.json"
    assert cfg.token_url() == f"https://{host}/admin/oauth/access_token"


def test_config_errors_are_config_errors():
    with pytest.raises(ValueError, match="not a shop domain"):
        ShopifyChannel(type="shopify", shop="my shop!")
    with pytest.raises(ValueError, match="not a Shopify API version"):
        ShopifyChannel(type="shopify", api_version="2026-13")
    with pytest.raises(ValueError, match="client_id and client_secret go together"):
        ShopifyChannel(type="shopify", client_id="abc")
    with pytest.raises(ValueError, match="plain http"):
        ShopifyChannel(type="shopify", base_url="http://example.com")


# --- doctor ----------------------------------------------------------------------------------------
def test_doctor_on_a_good_read_only_token(emulator):
    emu = emulator()
    result = source(emu).doctor()
    assert result.reachable and not result.error
    assert result.identity == f"Harbour & Hearth ({emu.domain}, Shopify plan)"
    assert result.scopes == sorted(["read_products", "read_inventory", "read_locations", "read_orders"])
    assert not result.write_scopes and not result.missing_scopes and not result.notes
    assert [n for _, _, n in emu.log] == ["Doctor"]  # no catalogue, no orders


def test_doctor_on_a_write_scoped_token(emulator):
    emu = emulator(scopes=("write_products", "read_inventory", "read_locations", "write_orders"))
    result = source(emu).doctor()
    assert result.write_scopes == ["write_orders", "write_products"]
    assert not result.missing_scopes  # write_X grants read_X


def test_doctor_on_a_token_missing_scopes(emulator):
    emu = emulator(scopes=("read_products", "read_locations"))
    result = source(emu, history_days=90).doctor()
    assert result.missing_scopes == ["read_inventory", "read_orders"]
    assert any("read_all_orders" in n and "history_days is 90" in n for n in result.notes)


def test_doctor_with_client_credentials_and_a_refused_token(emulator):
    emu = emulator(**CLIENT)
    result = source(emu, credentials="client").doctor()
    assert result.reachable and any("client-credentials" in n for n in result.notes)
    emu = emulator(token="shpat_other_token_99999")
    from leakcheck.transport import AuthFailed

    with pytest.raises(AuthFailed) as exc:
        source(emu, token=TOKEN).doctor()
    assert exc.value.status == 401 and TOKEN not in str(exc.value)


def test_doctor_through_the_cli_module(emulator, tmp_path: Path):
    """leakcheck.doctor.diagnose runs this source's doctor for a live channel."""
    from leakcheck.config import config_from_dict
    from leakcheck.doctor import diagnose

    emu = emulator()
    cfg = config_from_dict({"channels": {"shop": emu.channel_config()}}, base_dir=tmp_path)
    (verdict,) = diagnose(cfg, 10.0)
    assert verdict.ok and verdict.way_in == "live" and verdict.result.identity.startswith("Harbour & Hearth")


def test_nothing_listening_is_unreachable_with_the_channels_context(tmp_path):
    from tests.emulators.base import free_port

    cfg = ShopifyChannel(type="shopify", shop="harbour-hearth", token=TOKEN, base_url=f"http://127.0.0.1:{free_port()}",
                         timeout_seconds=1.0)
    src = ShopifyLive("shop", cfg, ReadContext(base_dir=tmp_path))
    src.api.transport.backoff_base = 0.001
    (miss,) = src.read().not_read
    assert "nothing is listening" in miss.why and "[shop harbour-hearth.myshopify.com, API version 2026-07]" in miss.why
    assert TOKEN not in miss.why and "\n" not in miss.why

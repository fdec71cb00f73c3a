"""Shared fixtures of the live Shopify tests: small worlds, an emulator per test, one reading helper.

Worlds are built once per session (a 40-variant world reads in well under a second); each test
gets its own emulator (building one is milliseconds: the schema is shared), so faults, scopes
and revoked tokens never leak between tests. Waits are shrunk for speed: the transport's
backoff and the bulk poll start at 10 ms, and the emulators' buckets refill fast unless a test
is about throttling.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from leakcheck.sources.base import LiveOptions, ReadContext
from leakcheck.sources.shopify import ShopifyChannel, ShopifyLive, bulk
from tests.emulators.shopify import ShopifyEmulator
from tests.scenarios import build_world

TOKEN = "shpat_RECOGNISABLE_0123456789"
FAST = dict(restore_rate=100_000.0, maximum=2000.0, bulk_rows_per_second=1_000_000.0, stall_seconds=0.4)


@pytest.fixture(scope="session")
def world():
    """40 variants at two locations, ~120 orders in 60 days (paged), no unreadable rows."""
    return build_world(seed=7, size=40, mess=False, units_per_day=3)


@pytest.fixture(scope="session")
def big_world():
    """260 variants and ~1,800 orders: both read with bulk operations."""
    return build_world(seed=11, size=260, mess=False)


@pytest.fixture(autouse=True)
def quick_polls(monkeypatch):
    monkeypatch.setattr(bulk, "POLL_FIRST", 0.01)


@pytest.fixture
def emulator(world):
    made = []

    def make(w=None, **kw):
        emu = ShopifyEmulator(w or world, **{"token": TOKEN, **FAST, **kw}).start()
        made.append(emu)
        return emu
    yield make
    for emu in made:
        emu.stop()


def source(emu: ShopifyEmulator, tmp: Path | None = None, history_days: int = 60, live: LiveOptions | None = None,
           credentials: str | None = None, **overrides) -> ShopifyLive:
    """A live source on ``emu``'s shop, as of the world's moment, with the transport's waits shrunk."""
    cfg = ShopifyChannel.model_validate({**emu.channel_config(credentials), "timeout_seconds": 2.0, **overrides})
    ctx = ReadContext(base_dir=tmp or Path("."), history_days=history_days, as_of=emu.store.as_of,
                      live=live or LiveOptions())
    src = ShopifyLive("shop", cfg, ctx)
    if not src.replaying and (cfg.token or cfg.client_id):
        src.api.transport.backoff_base = 0.01
        src.api.transport.backoff_cap = 0.05
    return src


def read(emu: ShopifyEmulator, **kw):
    return source(emu, **kw).read()

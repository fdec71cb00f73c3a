"""Shared pieces of the Square live tests: a small world with every leak planted, its emulator, a reader.

The world (40 variants, seed 5) gives the till about 20 variations, ~1,800 stock changes and
~270 orders, refunds and a restock included: enough for every path, small enough that a full
read takes a few dozen milliseconds. The module-scoped emulator has no rate limit; tests that
need one, tiny pages, other scopes or faults build their own (building one costs ~20 ms).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from leakcheck.model import ChannelData
from leakcheck.sources.base import LiveOptions, ReadContext
from leakcheck.sources.square import SquareChannel, SquareLiveSource
from tests.emulators.square import SquareEmulator
from tests.scenarios import build_world

RECOGNISABLE = "EAAAl_RECOGNISABLE_0123456789"


@pytest.fixture(scope="session")
def world():
    return build_world(seed=5, size=40)


@pytest.fixture(scope="module")
def emu(world):
    with SquareEmulator(world, requests_per_second=None) as e:
        yield e


def source(emu_or_config, world, tmp: Path | None = None, live: LiveOptions | None = None,
           history_days: int | None = None, **keys) -> SquareLiveSource:
    """A live source for the emulator (or a config dict), reading as of the world's as-of."""
    cfg = dict(emu_or_config.channel_config() if hasattr(emu_or_config, "channel_config") else emu_or_config)
    cfg.setdefault("timeout_seconds", 2.0)
    cfg.update(keys)
    ctx = ReadContext(base_dir=tmp or Path("."), history_days=history_days or world.history_days, as_of=world.as_of,
                      live=live or LiveOptions())
    return SquareLiveSource("till", SquareChannel.model_validate(cfg), ctx)


def fast(src: SquareLiveSource) -> SquareLiveSource:
    """Shrink the transport's backoff so retry tests wait milliseconds, not seconds."""
    transport = src.api.transport
    transport.backoff_base, transport.backoff_cap = 0.005, 0.02
    return src


def read(emu_or_config, world, history_days: int | None = None, **keys) -> ChannelData:
    return fast(source(emu_or_config, world, history_days=history_days, **keys)).read()

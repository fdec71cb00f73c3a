"""A whole merchant on loopback: Shopify and Square emulators plus export files for the other channels.

The world is small (fast) but has every leak planted; limits are raised so no test waits on a
rate limit unless it means to (the throttling itself is tested per platform in tests/sources/).
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest
import yaml

from tests.emulators.serve import start_emulators
from tests.scenarios import build_world
from tests.scenarios.writers import write_all

SHOP_TOKEN = "shpat_RECOGNISABLE_TOKEN_0123456789"
TILL_TOKEN = "EAAAl_RECOGNISABLE_TOKEN_0123456789"
FAST = {"shopify": {"restore_rate": 100000.0, "maximum": 1000000.0, "bulk_rows_per_second": 1e9,
                    "token": SHOP_TOKEN, "stall_seconds": 0.6},
        "square": {"requests_per_second": None, "token": TILL_TOKEN, "stall_seconds": 0.6}}


@pytest.fixture(scope="module")
def world():
    # as of the last full hour: a live scan reads the `history_days` before now, as a merchant's would
    return build_world(seed=11, size=60, as_of=float(int(time.time() // 3600) * 3600))


@pytest.fixture(scope="module")
def emulators(world):
    running = start_emulators(world, FAST)
    yield running
    for emu in running.values():
        emu.stop()


def write_config(world, emulators, folder: Path, tokens_from_env: bool = True, **overrides) -> Path:
    """The world's files under ``folder`` and a leakcheck.yaml whose shop and till are the emulators."""
    write_all(world, folder)
    cfg_path = folder / "leakcheck.yaml"
    config = yaml.safe_load(cfg_path.read_text(encoding="utf-8"))
    for name, emu in emulators.items():
        body = emu.channel_config()
        if body["type"] == "shopify" and "history" in config["channels"][name]:
            body["history"] = config["channels"][name]["history"]
        if tokens_from_env and "token" in body:
            body["token"] = "${%s_TOKEN}" % name.upper()
        body.update(overrides.get(name, {}))
        config["channels"][name] = body
    cfg_path.write_text(yaml.safe_dump(config, sort_keys=False), encoding="utf-8")
    return cfg_path


@pytest.fixture
def env(monkeypatch):
    monkeypatch.setenv("SHOP_TOKEN", SHOP_TOKEN)
    monkeypatch.setenv("TILL_TOKEN", TILL_TOKEN)

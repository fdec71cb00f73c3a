"""`leakcheck scan FOLDER` with Amazon, eBay and Etsy exports and no config: recognised, read, reported."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from leakcheck.cli import app
from tests.scenarios import build_world
from tests.scenarios.writers import amazon_native, ebay_native, etsy_native


def test_scan_a_folder_of_marketplace_exports(tmp_path):
    world = build_world(seed=13, size=40)
    folder = tmp_path / "client-exports"
    amazon_native.write(world, folder / "amazon", "amazon", encoding="utf-16")
    ebay_native.write(world, folder / "ebay", "ebay")
    etsy_native.write(world, folder / "etsy", "ebay")
    result = CliRunner().invoke(app, ["scan", str(folder), "--format", "json"])
    assert result.exit_code in (0, 1), result.output
    out = result.stdout
    report = json.loads(out[out.index("{"):])
    channels = {c["name"]: c for c in report["summary"]["channels"]}
    assert set(channels) == {"amazon", "ebay", "etsy"}
    assert all(c["listings"] and c["orders"] and not c["not_read"] for c in channels.values())
    assert channels["amazon"]["owner"]  # no web store among them: the first channel, by the stated rule
    for name in ("Amazon All Listings report", "Amazon All Orders report", "eBay active listings report",
                 "eBay orders report", "Etsy listings CSV", "Etsy sold order items CSV"):
        assert name in result.stderr

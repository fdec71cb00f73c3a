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
    table = [line.split() for line in result.stderr.splitlines()]
    for platform, kind, channel in (("Amazon", "All Listings report", "amazon"), ("Amazon", "All Orders report", "amazon"),
                                    ("eBay", "active listings report", "ebay"), ("eBay", "orders report", "ebay"),
                                    ("Etsy", "listings CSV", "etsy"), ("Etsy", "sold order items CSV", "etsy")):
        assert any(row[1:-2] == [platform, *kind.split(), channel] for row in table if len(row) > 3), (platform, kind)
    assert "owner: amazon (no web store among these exports, so the first channel found; set --owner to change)" \
        in result.stderr

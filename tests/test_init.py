"""`leakcheck init --from`: the config that recognising export files implies, and it scans."""

from pathlib import Path

from typer.testing import CliRunner

from leakcheck.cli import app
from leakcheck.config import load_config

ROOT = Path(__file__).resolve().parents[1]


def test_init_from_exports_writes_a_config_that_loads(tmp_path):
    exports = tmp_path / "exports"
    exports.mkdir()
    for name in ("products_export_1.csv", "orders_export_1.csv"):
        (exports / name).write_bytes((ROOT / "examples" / "demo" / "shop" / name).read_bytes())
    target = tmp_path / "leakcheck.yaml"
    result = CliRunner().invoke(app, ["init", "--from", str(exports), "--output", str(target)])
    assert result.exit_code == 0, result.output
    cfg = load_config(target, env={})
    [(name, channel)] = cfg.channels.items()
    assert channel.type == "shopify" and cfg.owner == name
    assert sorted(channel.files) == ["exports/orders_export_1.csv", "exports/products_export_1.csv"]


def test_starter_config_is_valid(tmp_path):
    target = tmp_path / "leakcheck.yaml"
    assert CliRunner().invoke(app, ["init", "--output", str(target)]).exit_code == 0
    cfg = load_config(target, env={})
    assert cfg.owner == "shop" and set(cfg.channels) == {"shop", "marketplace"}


def test_init_from_writes_what_was_recognised_as_comments(tmp_path):
    exports = tmp_path / "exports"
    exports.mkdir()
    for name in ("products_export_1.csv", "orders_export_1.csv"):
        (exports / name).write_bytes((ROOT / "examples" / "demo" / "shop" / name).read_bytes())
    (exports / "etsy-ish.csv").write_text("TITLE,PRICE,QUANTITY\nMug,12,3\n")
    target = tmp_path / "leakcheck.yaml"
    assert CliRunner().invoke(app, ["init", "--from", str(exports), "--output", str(target)]).exit_code == 0
    comments = [line for line in target.read_text().splitlines() if line.startswith("# ")]
    assert comments[2:] == [
        "# recognised: exports/orders_export_1.csv: Shopify orders export -> channel shopify",
        "# recognised: exports/products_export_1.csv: Shopify product export -> channel shopify",
        "# not recognised: exports/etsy-ish.csv (closest: Etsy listings CSV): no 'CURRENCY_CODE', no 'SKU'",
        "# owner: shopify (the web store; edit owner: below to change)",
    ]
    assert load_config(target, env={}).owner == "shopify"

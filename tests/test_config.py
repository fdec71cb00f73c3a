"""Config errors: each names the file, the line and the key, in one line, and exits 2 from the CLI."""

from __future__ import annotations

from pathlib import Path

import pytest

from leakcheck.config import ConfigError, load_config

GOOD = """\
owner: shop
channels:
  shop:
    type: csv
    files: [shop.csv]
    columns: {sku: SKU, available: Qty}
assumptions:
  currency: GBP
"""


def write(tmp_path: Path, text: str) -> Path:
    p = tmp_path / "leakcheck.yaml"
    p.write_text(text, encoding="utf-8")
    return p


def error_of(tmp_path: Path, text: str, env: dict | None = None) -> ConfigError:
    with pytest.raises(ConfigError) as info:
        load_config(write(tmp_path, text), env=env or {})
    return info.value


def test_good_config_loads(tmp_path):
    cfg = load_config(write(tmp_path, GOOD), env={})
    assert cfg.owner == "shop"
    assert list(cfg.channels) == ["shop"]
    assert cfg.base_dir == tmp_path.resolve()
    assert cfg.warnings == []


def test_yaml_syntax_error_names_line(tmp_path):
    e = error_of(tmp_path, "owner: shop\nchannels:\n  shop: {type: csv\n")
    assert e.line is not None and e.line >= 3
    assert "YAML syntax" in str(e)
    assert str(e).startswith(str(tmp_path / "leakcheck.yaml"))


def test_unknown_top_level_key(tmp_path):
    e = error_of(tmp_path, GOOD + "histroy_days: 30\n")
    assert e.key == "histroy_days" and e.line == 9
    assert "unknown key" in e.message


def test_unknown_channel_key_names_line(tmp_path):
    e = error_of(tmp_path, GOOD.replace("    files: [shop.csv]\n", "    files: [shop.csv]\n    colums: {}\n"))
    assert e.key == "channels.shop.colums" and e.line == 6


def test_unknown_type_lists_known_types(tmp_path):
    e = error_of(tmp_path, GOOD.replace("type: csv", "type: amazn"))
    assert e.key == "channels.shop.type" and e.line == 4
    assert "amazn" in e.message and "csv" in e.message and "shopify" in e.message


def test_missing_env_var(tmp_path):
    text = GOOD.replace("    files: [shop.csv]\n", "    files: [\"${EXPORT_DIR}/shop.csv\"]\n")
    e = error_of(tmp_path, text)
    assert "EXPORT_DIR" in e.message and e.line == 5
    cfg = load_config(write(tmp_path, text), env={"EXPORT_DIR": "x"})
    assert cfg.channels["shop"].files == ["x/shop.csv"]


def test_bad_value(tmp_path):
    e = error_of(tmp_path, GOOD.replace("  currency: GBP\n", "  currency: GBP\n  gross_margin: lots\n"))
    assert e.key == "assumptions.gross_margin" and e.line == 9


def test_owner_must_name_a_channel(tmp_path):
    e = error_of(tmp_path, GOOD.replace("owner: shop", "owner: shopp"))
    assert e.key == "owner" and e.line == 1 and "shop" in e.message


def test_ignore_needs_a_reason(tmp_path):
    e = error_of(tmp_path, GOOD + "ignore:\n  - {check: SET001, sku: 'PRE-*'}\n")
    assert e.key == "ignore[0].reason" and e.line == 10


def test_literal_secret_warns_without_echoing_it(tmp_path):
    text = GOOD.replace("    type: csv\n", "    type: csv\n    token: shpat_supersecret\n")
    with pytest.raises(ConfigError):  # csv channels take no token: unknown key, value never quoted
        load_config(write(tmp_path, text), env={})
    try:
        load_config(write(tmp_path, text), env={})
    except ConfigError as e:
        assert "supersecret" not in str(e)


def test_empty_and_missing_files(tmp_path):
    assert "empty" in error_of(tmp_path, "").message
    with pytest.raises(ConfigError) as info:
        load_config(tmp_path / "nope.yaml")
    assert "no such file" in str(info.value)
    assert "mapping" in error_of(tmp_path, "- a\n- b\n").message


@pytest.mark.parametrize("kind", ["xero", "quickbooks", "woocommerce", "bigcommerce", "amazon", "square"])
def test_every_channel_type_checks_its_history_log_and_time_zone(tmp_path, kind):
    """One rule for all: a history: log's columns and the time zones are checked at load, whatever the type."""
    text = ("channels:\n  x:\n    type: " + kind + "\n    files: [a.csv]\n    timezone: Mars/Olympus\n"
            "    history:\n      files: [log.csv]\n      columns: {time: When}\n")
    err = error_of(tmp_path, text)
    assert "channels.x" in str(err) and "Mars/Olympus" in str(err) and "history columns" in str(err)

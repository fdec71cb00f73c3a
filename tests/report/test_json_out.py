"""--format json: the contract CI reads; it round-trips and matches the committed schema."""

from __future__ import annotations

import json

import jsonschema
import pytest

from leakcheck.report.json_out import render_json
from leakcheck.report.model import Report
from leakcheck.schema import load
from tests.report.sample_report import sample_report


@pytest.fixture(scope="module")
def report() -> Report:
    return sample_report()


def test_round_trips_into_the_same_report(report: Report) -> None:
    assert Report.model_validate_json(render_json(report)) == report


def test_validates_against_the_committed_schema(report: Report) -> None:
    schema = load()
    jsonschema.Draft202012Validator.check_schema(schema)
    jsonschema.validate(json.loads(render_json(report)), schema, cls=jsonschema.Draft202012Validator)


def test_schema_rejects_a_broken_report(report: Report) -> None:
    data = json.loads(render_json(report))
    data["summary"]["band"] = "apocalyptic"
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(data, load(), cls=jsonschema.Draft202012Validator)


def test_contract_keys(report: Report) -> None:
    data = json.loads(render_json(report))
    assert data["schema_version"] == "1.0"
    assert list(data)[:4] == ["schema_version", "tool", "version", "summary"]
    s = data["summary"]
    assert s["money_at_risk"] == {"amount": 982.16, "low": 640.2, "high": 1460.7, "currency": "GBP", "per": "month"}
    assert s["counts"] == {"critical": 2, "high": 3, "medium": 4, "low": 2}
    assert [c["name"] for c in s["channels"]] == ["shop", "amazon", "ebay", "till", "accounts", "warehouse"]
    assert data["findings"][0]["money"]["basis"].startswith("13.5 oversold orders a month")
    assert data["findings"][-1]["money"] is None  # kept as null: every field is always present
    assert data["suppressed"][0]["reason"] == "pre-orders are meant to oversell"


def test_resolved_only_with_a_baseline(report: Report) -> None:
    assert "resolved" not in json.loads(render_json(report))
    with_baseline = report.model_copy(update={"resolved": ["00ff00ff00ff00ff"]})
    assert json.loads(render_json(with_baseline))["resolved"] == ["00ff00ff00ff00ff"]
    assert json.loads(render_json(report.model_copy(update={"resolved": []})))["resolved"] == []


def test_deterministic_utf8_and_newline(report: Report) -> None:
    text = render_json(report)
    assert text == render_json(sample_report())
    assert text.endswith("}\n") and "£" in text and "\\u00a3" not in text


def test_nan_becomes_null_not_a_crash(report: Report) -> None:
    broken = report.model_copy(deep=True)
    broken.findings[0].money.amount = float("nan")
    data = json.loads(render_json(broken))  # strict JSON: a bare NaN would not parse in most tools
    assert data["findings"][0]["money"]["amount"] is None

"""--format csv: one row per (finding, SKU), one file per check, opening cleanly in Excel."""

from __future__ import annotations

import csv
import io
import json

import pytest

from leakcheck.report.csv_out import BASE_COLUMNS, render_csv, render_csv_dir
from leakcheck.report.model import Finding, Report, Severity
from tests.report.sample_report import sample_report


def parse(text: str) -> list[dict[str, str]]:
    assert text.startswith("\ufeff")  # the byte-order mark that makes Excel read UTF-8
    return list(csv.DictReader(io.StringIO(text[1:], newline="")))


@pytest.fixture(scope="module")
def report() -> Report:
    return sample_report()


def test_one_row_per_finding_and_sku(report: Report) -> None:
    rows = parse(render_csv(report))
    entries = report.findings + [s.finding for s in report.suppressed]
    assert len(rows) == sum(max(1, len(f.skus)) for f in entries)
    got = [(r["fingerprint"], r["sku"]) for r in rows]
    want = [(f.fingerprint, sku) for f in entries for sku in (f.skus or [""])]
    assert got == want  # report order, every SKU as written (trailing space of 'mug-red ' kept)


def test_columns_values_and_evidence(report: Report) -> None:
    rows = parse(render_csv(report))
    assert list(rows[0]) == BASE_COLUMNS + ["evidence"]
    first = rows[0]
    f = report.findings[0]
    assert first["check_id"] == "SKU001" and first["severity"] == "critical" and first["status"] == "open"
    assert first["channels"] == "shop;amazon" and first["rows_in_finding"] == "2"
    assert (first["money_amount"], first["money_low"], first["money_high"]) == ("412.30", "261.75", "590.10")
    assert first["currency"] == "GBP" and first["money_basis"] == f.money.basis and first["message"] == f.message
    assert json.loads(first["evidence"]) == f.evidence
    unpriced = next(r for r in rows if r["check_id"] == "SKU003")
    assert unpriced["sku"] == "" and unpriced["money_amount"] == "" and unpriced["rows_in_finding"] == "1"
    muted = [r for r in rows if r["status"] == "muted"]
    assert [(r["sku"], r["muted_until"]) for r in muted] == [("PREORDER-XMAS", "2027-03-31"), ("OLD-MUG-01", "")]


def test_bom_is_optional(report: Report) -> None:
    plain = render_csv(report, bom=False)
    assert not plain.startswith("\ufeff")
    assert render_csv(report) == "\ufeff" + plain
    assert "\r" not in plain  # "\n" only: safe to write in text mode on any system


def test_formula_injection_is_defused_numbers_are_not(report: Report) -> None:
    f = report.findings[4].model_copy(update={"skus": ["=HYPERLINK(\"http://x\")", "-3", "@SUM(A1)"]})
    rows = parse(render_csv(report.model_copy(update={"findings": [f], "suppressed": []})))
    assert [r["sku"] for r in rows] == ["'=HYPERLINK(\"http://x\")", "-3", "'@SUM(A1)"]


def test_huge_evidence_becomes_a_note(report: Report) -> None:
    f = report.findings[0].model_copy(update={"evidence": {"times": ["2026-11-19T09:00:00Z"] * 5000}})
    row = parse(render_csv(report.model_copy(update={"findings": [f], "suppressed": []})))[0]
    assert "see --format json" in json.loads(row["evidence"])["note"]


def test_one_file_per_check(report: Report) -> None:
    files = render_csv_dir(report)
    ids = sorted({f.check_id for f in report.findings} | {s.finding.check_id for s in report.suppressed})
    assert list(files) == [f"{i}.csv" for i in ids]
    set001 = parse(files["SET001.csv"])
    assert [r["status"] for r in set001] == ["open", "muted"]
    assert set001[0]["evidence.policy"] == "continue" and set001[1]["evidence.available"] == "-40"


def test_row_lists_expand_into_rows_and_columns(report: Report) -> None:
    syn = parse(render_csv_dir(report)["SYN001.csv"])
    assert [r["sku"] for r in syn] == ["TEA-50G", "CANDLE-FIG", "SOAP-LAV"]
    assert [r["products.units_per_day"] for r in syn] == ["3.1", "1.4", "0.9"]
    assert syn[0]["evidence.interval_minutes"] == "15" and syn[0]["rows_in_finding"] == "3"
    bun = parse(render_csv_dir(report)["BUN001.csv"])
    assert [(r["sku"], r["components.sku"], r["components.allows"]) for r in bun] == [
        ("GIFT-BOX", "MUG-RED", "7"), ("GIFT-BOX", "TEA-50G", "4")]
    sku001 = parse(render_csv_dir(report)["SKU001.csv"])
    assert json.loads(sku001[0]["evidence_other"]) == {"spellings": report.findings[0].evidence["spellings"]}
    assert sku001[0]["evidence.differences"] == "case; trailing space"


def test_columns_are_the_union_over_a_checks_findings() -> None:
    def finding(n: int, evidence: dict) -> Finding:
        return Finding(fingerprint=f"{n:016x}", check_id="DRF001", title="Phantom stock", severity=Severity.high,
                       message="m", channels=["a"], skus=[f"S{n}"], evidence=evidence)

    base = sample_report()
    report = base.model_copy(update={"findings": [finding(1, {"a": 1}), finding(2, {"b": 2})], "suppressed": []})
    rows = parse(render_csv_dir(report)["DRF001.csv"])
    assert (rows[0]["evidence.a"], rows[0]["evidence.b"], rows[1]["evidence.a"], rows[1]["evidence.b"]) == ("1", "", "", "2")


def test_empty_report() -> None:
    base = sample_report()
    empty = base.model_copy(update={"findings": [], "suppressed": []})
    assert parse(render_csv(empty)) == []
    assert render_csv_dir(empty) == {}

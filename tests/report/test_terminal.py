"""The terminal summary: every section a merchant needs, in plain text when colour is off."""

from __future__ import annotations

import re

import pytest

from leakcheck.report.model import BadRowEntry, ChannelCoverage, Finding, Money, NotEvaluatedEntry, Report, Severity
from leakcheck.report.terminal import render_terminal
from tests.report.sample_report import sample_report

ANSI = re.compile(r"\x1b\[")


@pytest.fixture(scope="module")
def report() -> Report:
    return sample_report()


@pytest.fixture(scope="module")
def text(report: Report) -> str:
    return render_terminal(report, width=100)


def flat(text: str) -> str:
    """Whitespace collapsed, so a phrase wrapped over two lines still matches."""
    return " ".join(text.split())


def test_score_band_and_money_with_range(text: str, report: Report) -> None:
    assert f"Leak score {report.summary.score}/100 · HIGH" in text
    assert "Money at risk £982.16 a month (range £640.20 – £1,460.70)" in text
    assert "Revenue seen £32,480.00 a month" in text
    assert "2 critical · 3 high · 4 medium · 2 low" in text
    assert "Score: 100 × (1 − e^(−32 × 0.0302)) = 62" in text


def test_header_lines(text: str, report: Report) -> None:
    assert text.splitlines()[:2] == [
        "Prepared for Hollow Oak Candles Ltd by Sam Patel, stock consultant",
        "leakcheck 0.1.0 · owner shop · as of 2026-11-20 09:14 UTC · 6 channels · 60 days of history",
    ]
    meta = report.summary.report.model_copy(update={"title": "Stock check, November", "prepared_for": None})
    titled = render_terminal(report.model_copy(update={"summary": report.summary.model_copy(update={"report": meta})}))
    assert titled.splitlines()[:2] == ["Stock check, November", "Prepared by Sam Patel, stock consultant"]


def test_new_findings_are_marked(report: Report) -> None:
    marked = [f.model_copy(update={"new": i == 1}) for i, f in enumerate(report.findings)]
    text = render_terminal(report.model_copy(update={"findings": marked}))
    assert text.count("NEW ") == 1
    assert "NEW ebay's stock changes in batches" in text


def test_sections_in_order(text: str) -> None:
    headings = ["Leak score", "Findings", "Critical (2)", "High (3)", "Medium (4)", "Low (2)", "muted by the ignore list",
                "Coverage: what was read", "Not read", "Rows that could not be read", "Checks not evaluated, and why",
                "Notes", "Checks: 11 fired, 9 passed, 1 not evaluated", "Assumptions behind the money", "Warnings",
                "Next: leakcheck explain SKU001 · leakcheck explain money · --format json"]
    positions = [text.find(h) for h in headings]
    assert -1 not in positions, [h for h, p in zip(headings, positions) if p == -1]
    assert positions == sorted(positions)


def test_every_finding_with_message_money_and_basis(text: str, report: Report) -> None:
    for f in report.findings:
        assert flat(f.message) in flat(text), f.check_id
        if f.money:
            assert flat(f.money.basis) in flat(text), f.check_id
    assert "CRITICAL SKU001 £412.30 a month MUG-RED on shop" in text
    assert "not priced 3 listings on ebay have no code" in flat(text)
    assert "(low confidence)" in flat(text) and "(medium confidence)" in flat(text)


def test_findings_keep_report_order(text: str, report: Report) -> None:
    ids = [m.group(1) for m in re.finditer(r"^  (?:CRITICAL|HIGH|MEDIUM|LOW)\s+([A-Z]{3}\d{3})", text, re.M)]
    assert ids == [f.check_id for f in report.findings]


def test_coverage_of_every_channel(text: str, report: Report) -> None:
    lines = {line.split()[0]: line for line in text.splitlines() if line.startswith("  ") and line.split()}
    for c in report.summary.channels:
        row = lines[c.name]
        assert f"{c.type} ({c.way_in})" in row
        assert f"{c.listings:,}" in row and f"{c.orders:,}" in row and f"{c.events:,}" in row
    assert "shop (owner)" in text
    assert "20 Nov 08:02" in text  # amazon's export time, in UTC


def test_not_evaluated_reasons_grouped(text: str) -> None:
    body = flat(text)
    assert "SYN001, SYN002, WRT001, WRT002: no stock-change history in what was read (shop, till)" in body
    assert "RET001, SYN002: no orders in what was read (ebay)" in body
    assert "SET001: no oversell setting (continue selling / backorders) in what was read (till, accounts)" in body
    assert "RES001: no channel gives committed or reserved quantities (not run at all)" in body


def test_bad_rows_count_and_first_three(text: str) -> None:
    assert "warehouse: 14 rows, first 3 shown" in text
    assert "exports/warehouse.csv row 12: 'Free Stock' is 'n/a', not a number" in text
    assert "exports/warehouse.csv row 41" in text
    assert "exports/warehouse.csv row 97" not in text  # the fourth is left to the JSON
    assert "amazon: 2 rows\n" in text


def test_not_read_notes_muted_and_warnings(text: str) -> None:
    body = flat(text)
    assert "accounts/invoices-2026-10.csv (the file is empty)" in body
    assert "SET001 PREORDER-XMAS pre-orders are meant to oversell (until 2027-03-31)" in body
    assert "39 hours before the amazon export" in body
    assert "No exchange rate for SEK" in body and "'OLD-*' matched nothing" in body


def test_assumptions_in_merchant_units(text: str) -> None:
    body = flat(text)
    assert "Cost of one oversold order (refund, support, penalty) £12.00" in body
    assert "Gross margin 40%" in body
    assert "Exchange rates 1 EUR = £0.86; 1 USD = £0.79" in body
    assert "The total counts each product once" in body


def test_truncation_per_severity(report: Report) -> None:
    text = render_terminal(report, width=100, max_per_severity=2)
    assert "… and 2 more medium findings (£31.10 a month): see --format json or csv" in text
    assert "… and 1 more high finding (£57.60 a month)" in text
    assert "RET001" not in text.split("Coverage")[0]  # the cheapest medium is the one left out
    assert "Critical (2)" in text and "… and 0 more" not in text


def test_truncation_default_keeps_the_eight_dearest() -> None:
    base = sample_report()
    extra = [
        Finding(fingerprint=f"{i:016x}", check_id="DRF002", title="Hidden stock", severity=Severity.medium,
                message=f"HIDDEN-{i:02d} shows sold out on ebay while the warehouse has stock.", channels=["ebay"],
                skus=[f"HIDDEN-{i:02d}"], money=Money(amount=float(i), low=0.0, high=2.0 * i, currency="GBP"))
        for i in range(1, 28)
    ]
    report = base.model_copy(update={"findings": base.findings + extra})
    text = render_terminal(report, width=100)
    medium = 4 + 27
    assert f"Medium ({medium})" in text
    hidden_money = sum(range(1, 28)) - sum(range(27, 21, -1)) + 9.60 + 21.50  # 8 dearest: 44.10, 38.00, 27..22
    assert f"… and {medium - 8} more medium findings (£{hidden_money:,.2f} a month)" in text
    assert "HIDDEN-27" in text and "HIDDEN-21" not in text


def test_no_ansi_without_colour_and_ansi_with_it(report: Report) -> None:
    assert not ANSI.search(render_terminal(report, color=False))
    assert ANSI.search(render_terminal(report, color=True))


def test_environment_does_not_change_the_text(report: Report, monkeypatch: pytest.MonkeyPatch) -> None:
    plain = render_terminal(report, width=100)
    for name, value in {"FORCE_COLOR": "1", "COLUMNS": "40", "TERM": "xterm-256color", "NO_COLOR": ""}.items():
        monkeypatch.setenv(name, value)
    assert render_terminal(report, width=100) == plain


@pytest.mark.parametrize("width", [80, 60, 40, 200])
def test_narrow_and_wide_widths(report: Report, width: int) -> None:
    text = render_terminal(report, width=width)
    assert max(len(line) for line in text.splitlines()) <= max(40, width)
    assert "Leak score 62/100" in text


def test_width_80_keeps_numbers_and_times_whole(report: Report) -> None:
    text = render_terminal(report, width=80)
    assert "…" not in text.split("Coverage")[1].split("Not read")[0]  # no cell cut short
    for stamp in ("20 Nov 08:02", "18 Nov 18:00", "3,120", "2,204"):
        assert stamp in text


def test_deterministic(report: Report) -> None:
    assert render_terminal(report) == render_terminal(sample_report())


def test_control_characters_and_markup_in_data_are_harmless() -> None:
    base = sample_report()
    evil = base.findings[0].model_copy(update={"message": "[bold red]MUG[/] \x1b[31mred\x1b[0m has no code."})
    text = render_terminal(base.model_copy(update={"findings": [evil]}), color=False)
    assert "[bold red]MUG[/]" in text
    assert "\x1b" not in text


def test_a_clean_scan_still_shows_what_was_not_read() -> None:
    base = sample_report()
    clean = base.model_copy(update={"findings": [], "suppressed": [], "resolved": ["0123456789abcdef"]})
    text = render_terminal(clean)
    assert "No leaks found in what was read" in text
    assert "1 finding from the baseline is gone since last time." in text
    assert "Checks not evaluated, and why" in text
    assert "Next: leakcheck checks · leakcheck explain money" in text


def test_unknown_reason_wording_names_the_channel() -> None:
    base = sample_report()
    ch = ChannelCoverage(name="pos", type="square", way_in="live", bad_rows_total=120,
                         bad_rows=[BadRowEntry(file="x.csv", row=2, why="empty")],
                         not_evaluated=[NotEvaluatedEntry(check_id="SET003", why="too few orders to measure speed")])
    summary = base.summary.model_copy(update={"channels": [ch], "checks": []})
    text = render_terminal(base.model_copy(update={"summary": summary}))
    assert "SET003: too few orders to measure speed (pos)" in text
    assert "pos: 120 rows, first 1 shown" in text
    assert "Checks:" not in text  # no runs recorded: no made-up counts


def test_history_only_losses_say_so(report: Report) -> None:
    channels = [c.model_copy(deep=True) for c in report.summary.channels]
    channels[0].not_read[0].history_only = True
    summary = report.summary.model_copy(update={"channels": channels})
    text = flat(render_terminal(report.model_copy(update={"summary": summary})))
    assert "not who changed it); only history was lost" in text
    assert "(the file is empty); only history" not in text

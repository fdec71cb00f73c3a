"""--format md: the html report's content as Markdown, with the same findings, and data kept as text."""

from __future__ import annotations

import json
import re

import pytest
from typer.testing import CliRunner

from leakcheck.cli import app
from leakcheck.report import render
from leakcheck.report.markdown import code, esc, render_markdown
from leakcheck.report.model import ReportMeta, StockSeries
from tests.report.sample_report import sample_report

runner = CliRunner()
EVIL = "<script>alert(1)</script>"


@pytest.fixture(scope="module")
def demo(tmp_path_factory) -> tuple[str, dict, str]:
    folder = tmp_path_factory.mktemp("md")
    md_out, html_out = folder / "report.md", folder / "report.html"
    for fmt, out in (("md", md_out), ("html", html_out)):
        result = runner.invoke(app, ["scan", "--demo", "--format", fmt, "--output", str(out)])
        assert result.exit_code == 0, result.output
    data = json.loads(runner.invoke(app, ["scan", "--demo", "--format", "json"]).stdout)
    return md_out.read_text(encoding="utf-8"), data, html_out.read_text(encoding="utf-8")


def test_md_has_the_same_findings_as_the_json_and_the_html(demo) -> None:
    md, data, html = demo
    headings = re.findall(r"^### (\d+)\. (CRITICAL|HIGH|MEDIUM|LOW) ([A-Z]{3}\d{3})", md, flags=re.M)
    assert [h[2] for h in headings] == [f["check_id"] for f in data["findings"]]
    assert [h[1].lower() for h in headings] == [f["severity"] for f in data["findings"]]
    assert len(re.findall(r'<article class="finding"', html)) == len(headings)
    for f in data["findings"]:
        assert esc(f["message"]) in md
        if f["money"] and f["money"]["basis"]:
            assert esc(f["money"]["basis"]) in md
        if f["remediation"]:
            assert f"**How to fix it:** {esc(f['remediation'])}" in md


def test_md_opens_with_score_money_range_and_the_three_costliest(demo) -> None:
    md, data, _ = demo
    s = data["summary"]
    summary = md[: md.index("## Where the money leaks")]
    m = s["money_at_risk"]
    assert f"**{s['score']}/100** ({s['band']})" in summary
    assert f"**£{m['amount']:,.2f}**" in summary and f"£{m['low']:,.2f} to £{m['high']:,.2f}" in summary
    top = re.findall(r"^(\d)\. \*\*(£[\d,.]+) a month\*\*: ", summary, flags=re.M)
    priced = sorted((f for f in data["findings"] if f["money"]), key=lambda f: -f["money"]["amount"])[:3]
    assert [t[1] for t in top] == [f"£{f['money']['amount']:,.2f}" for f in priced]


def test_md_has_the_charts_as_text_coverage_and_assumptions(demo) -> None:
    md, data, _ = demo
    assert "### By check" in md and "### By channel" in md and "█" in md
    assert md.count("over time on each channel**") >= 5 and "| differ |" in md
    cov = md[md.index("## Coverage: what was read"):]
    for ch in data["summary"]["channels"]:
        assert f"| {esc(ch['name'])}" in cov
    assert "## Assumptions behind the money" in md and "£12.00" in md[md.index("## Assumptions"):]


def test_md_tables_keep_their_shape() -> None:
    md = render_markdown(sample_report())
    lines = md.splitlines()
    assert sum(1 for line in lines if re.fullmatch(r"\|(?:-{3}:?\|)+", line)) > 10
    for i, line in enumerate(lines):
        if re.fullmatch(r"\|(?:-{3}:?\|)+", line):  # a table's rule: every row below has its number of cells
            width = lines[i - 1].count("|") - lines[i - 1].count("\\|")
            j = i + 1
            while j < len(lines) and lines[j].startswith("|"):
                assert lines[j].count("|") - lines[j].count("\\|") == width, (lines[i - 1], lines[j])
                j += 1


def test_markup_in_the_data_stays_text() -> None:
    report = sample_report()
    report.summary.report = ReportMeta(title=f"Audit {EVIL}", prepared_for="A | B", prepared_by="`tick`")
    f = report.findings[0]
    f.skus = [EVIL, "a`b", "x|y"]
    f.message = f"sells {EVIL} *twice*"
    f.series = [StockSeries(channel="<i>ebay</i>", sku=EVIL, points=[("2026-11-19T09:00:00Z", 3)])]
    md = render.render_md(report)
    assert EVIL not in md.replace("`<script>alert(1)</script>`", "")  # raw only inside a code span, where it is text
    assert "\\<script\\>alert(1)\\</script\\>" in md and "sells \\<script\\>alert(1)\\</script\\> \\*twice\\*" in md
    assert "A \\| B" in md and "``a`b``" in md and "`x\\|y`" in md
    assert "\\<i\\>ebay\\</i\\>" in md


def test_code_and_esc() -> None:
    assert code("MUG-RED") == "`MUG-RED`" and code("`x") == "`` `x ``" and code("") == "`  `"
    assert esc("a|b <c> [d](e) _f_") == "a\\|b \\<c\\> \\[d\\](e) \\_f\\_"

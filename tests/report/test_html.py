"""--format html: the demo renders into one self-contained, autoescaped file; the stock lines behind its charts.

Opening the file in a real browser (console errors, network requests, a screenshot) is
test_chromium.py; Markdown is test_markdown.py.
"""

from __future__ import annotations

import json
import re

import pytest
from typer.testing import CliRunner

from leakcheck.cli import app
from leakcheck.report import render
from leakcheck.report.charts import Bar, Line, bar_chart, step_chart
from leakcheck.report.html import render_html
from leakcheck.report.model import Money, ReportMeta, StockSeries
from leakcheck.report.series import MAX_POINTS, attach_series, series_for
from leakcheck.index import build_index
from tests.builders import World
from tests.report.sample_report import sample_report

runner = CliRunner()
EVIL = "<script>alert(1)</script>"


@pytest.fixture(scope="module")
def demo_html(tmp_path_factory) -> str:
    out = tmp_path_factory.mktemp("html") / "report.html"
    result = runner.invoke(app, ["scan", "--demo", "--format", "html", "--output", str(out)])
    assert result.exit_code == 0, result.output
    return out.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def demo_json(tmp_path_factory) -> dict:
    result = runner.invoke(app, ["scan", "--demo", "--format", "json"])
    return json.loads(result.stdout)


def _evil_report():
    """The sample report with markup wherever the data reaches the page: title, SKU, message, channel, evidence."""
    report = sample_report()
    report.summary.report = ReportMeta(title=f"Audit {EVIL}", prepared_for="<b>Acme</b> & Sons", prepared_by="Q")
    f = report.findings[1]  # SYN001: it gets a stock chart too
    f.skus = [EVIL, "MUG-RED"]
    f.message = f"ebay sells {EVIL} late."
    f.evidence = {"writer": EVIL, "rows": [{"sku": EVIL, "qty": 1}], "spellings": {"<i>x</i>": ["<u>y</u>"]}}
    f.series = [StockSeries(channel="<img src=x onerror=alert(1)>", sku=EVIL,
                            points=[("2026-11-19T09:00:00Z", 3), ("2026-11-19T09:20:00Z", 2)]),
                StockSeries(channel="shop", sku=EVIL, points=[("2026-11-19T09:00:00Z", 3), ("2026-11-19T09:20:00Z", 3)])]
    report.summary.channels[0].name = "<em>shop</em>"
    return report


# --- the demo through the CLI ----------------------------------------------------------------------
def test_demo_report_opens_with_score_money_and_the_three_costliest(demo_html: str, demo_json: dict) -> None:
    s = demo_json["summary"]
    assert demo_html.startswith("<!DOCTYPE html>")
    head = demo_html[: demo_html.index('aria-label="Findings"')]  # everything above the list of findings
    assert f">{s['score']}<" in head and s["band"].capitalize() in head
    m = s["money_at_risk"]
    assert f"£{m['amount']:,.2f}" in head and f"£{m['low']:,.2f} to £{m['high']:,.2f}" in head
    priced = sorted((f for f in demo_json["findings"] if f["money"]), key=lambda f: -f["money"]["amount"])[:3]
    top = head[head.index("The three costliest leaks"):]
    for f in priced:  # each of the three, its sentence and its money, in order of cost
        assert _esc(f["message"]) in top and f"£{f['money']['amount']:,.2f}" in top
    positions = [top.index(_esc(f["message"])) for f in priced]
    assert positions == sorted(positions)


def test_demo_report_has_every_finding_with_evidence_money_and_fix(demo_html: str, demo_json: dict) -> None:
    articles = re.findall(r'<article class="finding" id="([^"]+)"', demo_html)
    assert len(articles) == len(demo_json["findings"]) > 18
    for f in demo_json["findings"]:
        assert _esc(f["message"]) in demo_html
        if f["money"] and f["money"]["basis"]:
            assert _esc(f["money"]["basis"]) in demo_html
        if f["remediation"]:
            assert _esc(f["remediation"]) in demo_html
    assert demo_html.count('class="evidence"') >= len(demo_json["findings"]) - 2


def test_demo_report_draws_money_bars_and_stock_lines(demo_html: str, demo_json: dict) -> None:
    assert demo_html.count('<svg class="chart bars"') == 2
    timed = [f for f in demo_json["findings"] if f["check_id"] in {"SYN001", "SYN002", "DRF001", "DRF002", "DRF003"}]
    articles = re.findall(r'<article class="finding" id="f\d+-(\w+)".*?</article>', demo_html, flags=re.S)
    charted = [a for a in re.findall(r'<article class="finding" id="f\d+-(\w+)"(.*?)</article>', demo_html, flags=re.S)
               if '<svg class="chart steps"' in a[1]]
    assert len(articles) == len(demo_json["findings"])
    assert {cid.upper() for cid, _ in charted} <= {"SYN001", "SYN002", "DRF001", "DRF002", "DRF003"}
    assert len(charted) >= len(timed) - 1 and len(charted) > 5, (len(charted), len(timed))
    assert 'fill="rgba(213, 94, 0, 0.14)"' in demo_html  # the shaded band where the channels disagree


def test_demo_report_has_coverage_and_assumptions(demo_html: str, demo_json: dict) -> None:
    cov = demo_html[demo_html.index("Coverage: what was read"):]
    for ch in demo_json["summary"]["channels"]:
        assert f"<td>{_esc(ch['name'])}" in cov and ch["way_in"] in cov
    assert "Rows that could not be read" in cov and "Checks not evaluated, and why" in cov
    assert "Cost of one oversold order" in cov and "£12.00" in cov


def test_html_without_output_goes_to_stdout() -> None:
    result = runner.invoke(app, ["scan", "--demo", "--format", "html", "--only", "DRF003"])
    assert result.exit_code == 0
    assert result.stdout.startswith("<!DOCTYPE html>") and result.stdout.rstrip().endswith("</html>")


# --- self-contained, autoescaped --------------------------------------------------------------------
def test_nothing_is_fetched_from_anywhere(demo_html: str) -> None:
    html = demo_html.lower()
    assert not re.search(r"(https?:)?//[a-z0-9.-]+\.[a-z]", html.replace("</", "<")), "a reference to another host"
    assert "<script" not in html and "<link" not in html and "<img" not in html and "<iframe" not in html
    assert "@import" not in html and "url(" not in html and "@font-face" not in html
    assert not re.search(r"\ssrc\s*=", html) and " on" + "load=" not in html


def test_markup_in_the_data_is_shown_as_text() -> None:
    html = render_html(_evil_report())
    assert EVIL not in html and "<script" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<img" not in html and "&lt;img src=x onerror=alert(1)&gt;" in html  # a channel name in the chart legend/title
    assert "<b>Acme</b>" not in html and "&lt;b&gt;Acme&lt;/b&gt; &amp; Sons" in html
    assert "<em>shop</em>" not in html and "<i>x</i>" not in html and "<u>y</u>" not in html
    assert html.index("Audit &lt;script&gt;") < html.index("Prepared for") < html.index("Leak score")


def test_charts_escape_their_labels() -> None:
    svg = bar_chart([Bar(EVIL, 3.0, "£3 <b>", hint=EVIL)], "t <x>")
    assert "<script" not in svg and "&lt;script&gt;" in svg and "&lt;b&gt;" in svg
    chart = step_chart([Line(EVIL, [(0.0, 1), (60.0, 2)])], "stock of <x>")
    assert "<script" not in chart.svg and chart.legend == [(EVIL, chart.legend[0][1])]


def test_sample_report_meta_shows_at_the_top() -> None:
    html = render.render_html(sample_report())
    assert html.index("Hollow Oak Candles Ltd") < html.index("Leak score")
    assert html.index("Sam Patel, stock consultant") < html.index("Leak score")
    assert "<h1>Money-leak check</h1>" in html  # no title in the config: the default one


def test_print_and_phone_css_are_there(demo_html: str) -> None:
    assert "@page { size: A4" in demo_html and "@media print" in demo_html
    assert '<meta name="viewport" content="width=device-width, initial-scale=1">' in demo_html
    assert "@media screen and (max-width: 760px)" in demo_html  # not in print: an A4 page is narrower than that


def test_json_contract_is_unchanged_by_the_series(demo_json: dict) -> None:
    assert demo_json["schema_version"] == "1.0"
    assert all("series" not in f for f in demo_json["findings"])


# --- the stock lines (report/series.py) -------------------------------------------------------------
def _sync_world() -> World:
    """shop sells the last units; ebay hears of each sale 30 minutes later (deltas only, no counts)."""
    w = World(owner="shop").channel("shop").channel("ebay")
    w.listing("shop", "MUG-RED", available=1).listing("ebay", "mug-red", available=1)
    for hours, after in ((10, 4), (6, 3), (3, 2), (1, 1)):
        w.event("shop", hours, "MUG-RED", change=-1, quantity_after=after, writer="order")
        w.event("ebay", hours - 0.5, "mug-red", change=-1, writer="SyncApp")
    return w


def _finding(check_id: str, channels: list[str], skus: list[str], evidence: dict | None = None):
    f = sample_report().findings[0].model_copy()
    f.check_id, f.channels, f.skus, f.evidence = check_id, channels, skus, evidence or {}
    f.money = Money(amount=1.0, low=1.0, high=1.0, currency="GBP")
    return f


def test_series_rebuilds_a_delta_only_log_backwards_from_the_current_count() -> None:
    ix = build_index(_sync_world().snapshot)
    lines = {s.channel: s.points for s in series_for(ix, _finding("DRF001", ["shop", "ebay"], ["MUG-RED"]))}
    assert set(lines) == {"shop", "ebay"}
    ebay = [q for _, q in lines["ebay"]]
    assert ebay == [5, 4, 3, 2, 1, 1]  # 1 now, four sales of one before it: 5 at the window's start
    assert [q for _, q in lines["shop"]] == [5, 4, 3, 2, 1, 1]
    shop_times = [t for t, _ in lines["shop"]][1:5]
    ebay_times = [t for t, _ in lines["ebay"]][1:5]
    assert all(e > s for s, e in zip(shop_times, ebay_times))  # ebay steps after shop: the gap


def test_no_chart_when_no_channel_recorded_any_stock_change() -> None:
    """Two counts taken today say nothing about the last 60 days: flat lines would claim they do."""
    w = World(owner="shop").channel("shop").channel("ebay")
    w.listing("shop", "MUG-RED", available=1).listing("ebay", "MUG-RED", available=4)
    assert series_for(build_index(w.snapshot), _finding("DRF001", ["shop", "ebay"], ["MUG-RED"])) == []


def test_series_zooms_on_the_example_sale_of_a_sync_finding() -> None:
    ix = build_index(_sync_world().snapshot)
    sold = "2026-09-21T11:13:20Z"  # AS_OF - 3 hours: the third sale
    f = _finding("SYN002", ["shop", "ebay"], ["MUG-RED"],
                 {"examples": [{"sku": "MUG-RED", "sold_at": sold, "lag_seconds": 1800}]})
    lines = {s.channel: s.points for s in series_for(ix, f)}
    first, last = lines["shop"][0][0], lines["shop"][-1][0]
    assert first == "2026-09-21T10:13:20Z" and last == "2026-09-21T12:43:20Z"  # 2 lags before, 3 after
    assert lines["shop"][1] == ("2026-09-21T11:13:20Z", 2)  # the sale
    assert lines["ebay"][1] == ("2026-09-21T11:43:20Z", 2)  # ebay hears of it half an hour later


def test_series_is_capped_and_only_for_sync_and_drift_findings() -> None:
    w = World(owner="shop").channel("shop").channel("amazon")
    w.listing("shop", "TEA", available=500).listing("amazon", "TEA", available=500)
    for i in range(600):
        w.event("shop", 100 - i * 0.1, "TEA", quantity_after=500 + (i % 7))
    ix = build_index(w.snapshot)
    drift, other = _finding("DRF002", ["shop", "amazon"], ["TEA"]), _finding("SKU001", ["shop", "amazon"], ["TEA"])
    attach_series(ix, [drift, other])
    assert other.series is None and drift.series
    assert all(len(s.points) <= MAX_POINTS for s in drift.series)
    assert drift.series[0].points[-1] == ("2026-09-21T14:13:20Z", 500)  # ends at the scan's moment, at the count now


def _esc(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&#34;").replace("'", "&#39;")

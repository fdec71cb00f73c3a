"""``--format html``: the consultant's report as one self-contained file.

Why one file with everything inline: it is mailed to a client and opened on a phone, a laptop or
printed, often offline and behind a mail filter, so it may fetch nothing (no CDN, no web fonts,
no script): the CSS sits in a ``<style>`` and the charts are inline SVG from charts.py. The text
comes from view.py (shared with ``--format md``); the template is rendered by Jinja2 with
autoescaping always on, so a SKU or title such as ``<script>`` shows as text.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined

from .charts import Bar, Chart, Line, bar_chart, step_chart
from .model import Report
from .view import FindingView, build_view, parse_time

TEMPLATES = Path(__file__).with_name("templates")


@lru_cache(maxsize=1)
def _env() -> Environment:
    env = Environment(loader=FileSystemLoader(TEMPLATES), autoescape=True, undefined=StrictUndefined,
                      trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True)
    return env


def render_html(report: Report) -> str:
    """The whole report as HTML text."""
    view = build_view(report)
    charts = {
        "by_check": bar_chart([Bar(label, value, text, color, hint) for label, hint, value, text, color in view.by_check],
                              "Money at risk per month by check") if view.by_check else None,
        "by_channel": bar_chart([Bar(label, value, text, color, hint) for label, hint, value, text, color in view.by_channel],
                                "Money at risk per month by channel") if view.by_channel else None,
    }
    stock = {v.anchor: _stock_chart(v) for v in view.findings if v.series}
    return _env().get_template("report.html.j2").render(v=view, charts=charts, stock=stock)


def _stock_chart(v: FindingView) -> Chart:
    lines = [Line(s.channel, [(parse_time(t), q) for t, q in s.points]) for s in v.series]
    return step_chart(lines, f"Stock of {v.series_sku} over time on each channel")

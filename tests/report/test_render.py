"""--format: every member renders, and the CLI's names reach the right renderer."""

from __future__ import annotations

import json

import pytest

from leakcheck.report import render
from leakcheck.report.render import Format, RenderOptions
from tests.report.sample_report import sample_report


@pytest.mark.parametrize("fmt", list(Format))
def test_every_format_renders(fmt: Format) -> None:
    text = fmt.render(sample_report())
    assert text.strip()


def test_values_and_machine_formats() -> None:
    assert [f.value for f in Format] == ["text", "json", "csv"]
    assert Format("json") is Format.json
    assert not Format.text.is_machine and Format.json.is_machine and Format.csv.is_machine


def test_options_reach_the_renderer() -> None:
    report = sample_report()
    narrow = Format.text.render(report, RenderOptions(width=80, max_per_severity=1))
    assert max(len(line) for line in narrow.splitlines()) <= 80 and "… and 3 more medium findings" in narrow
    assert "\x1b[" in Format.text.render(report, RenderOptions(color=True))
    assert not Format.csv.render(report, RenderOptions(bom=False)).startswith("\ufeff")
    assert json.loads(Format.json.render(report))["summary"]["score"] == 62


def test_module_functions_the_cli_calls() -> None:
    report = sample_report()
    assert render.render_text(report, color=False, width=100) == Format.text.render(report)
    assert render.render_json(report) == Format.json.render(report)
    assert render.render_csv(report) == Format.csv.render(report)
    assert "SYN001.csv" in render.render_csv_dir(report)

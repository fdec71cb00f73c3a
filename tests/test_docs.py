"""Generated documentation stays in step with the code."""

from pathlib import Path

from leakcheck.explain import catalogue_markdown

ROOT = Path(__file__).resolve().parents[1]


def test_checks_page_matches_the_code():
    page = (ROOT / "docs" / "checks.md").read_text(encoding="utf-8")
    assert page == catalogue_markdown(), "run: python -m leakcheck.explain > docs/checks.md"

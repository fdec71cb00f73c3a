"""Generated documentation stays in step with the code."""

from pathlib import Path

from leakcheck.explain import catalogue_markdown

ROOT = Path(__file__).resolve().parents[1]


def test_checks_page_matches_the_code():
    page = (ROOT / "docs" / "checks.md").read_text(encoding="utf-8")
    assert page == catalogue_markdown(), "run: python -m leakcheck.explain > docs/checks.md"


def test_exports_page_matches_the_registered_formats():
    from leakcheck.sources.formats_doc import formats_markdown

    page = (ROOT / "docs" / "exports.md").read_text(encoding="utf-8")
    assert page == formats_markdown(), "run: python -m leakcheck.sources.formats_doc > docs/exports.md"

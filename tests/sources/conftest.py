"""Shared helpers for the source tests: real samples live in tests/fixtures/samples (copied byte for byte)."""

from __future__ import annotations

from pathlib import Path

import pytest

from leakcheck.sources.base import ReadContext

SAMPLES = Path(__file__).resolve().parents[1] / "fixtures" / "samples"


@pytest.fixture
def write(tmp_path: Path):
    """write(name, text_or_bytes, encoding="utf-8") -> Path of a file in tmp_path (text written as given, no newline translation)."""

    def _write(name: str, content: str | bytes, encoding: str = "utf-8") -> Path:
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content if isinstance(content, bytes) else content.encode(encoding))
        return path

    return _write


@pytest.fixture
def ctx(tmp_path: Path) -> ReadContext:
    return ReadContext(base_dir=tmp_path, timezone="UTC")

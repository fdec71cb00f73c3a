"""The committed JSON Schema is what the Report model generates: a model change must regenerate it."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from leakcheck.schema import SCHEMA_PATH, schema_text
from leakcheck.schema.__main__ import main

ROOT = Path(__file__).resolve().parents[2]


def test_committed_schema_is_current() -> None:
    assert SCHEMA_PATH.read_text(encoding="utf-8") == schema_text(), (
        "leakcheck/schema/report.schema.json is out of date: run `python -m leakcheck.schema`")


def test_generation_is_deterministic_and_sorted() -> None:
    text = schema_text()
    assert text == schema_text() and text.endswith("}\n") and not text.endswith("\n\n")
    data = json.loads(text)
    assert json.dumps(data, indent=2, sort_keys=True, ensure_ascii=False) + "\n" == text
    assert data["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert data["title"] == "Report" and "Finding" in data["$defs"]


def test_check_exit_codes(tmp_path: Path) -> None:
    target = tmp_path / "report.schema.json"
    assert main(["--check", "--path", str(target)]) == 1  # missing
    assert main(["--path", str(target)]) == 0  # written
    assert target.read_text(encoding="utf-8") == schema_text()
    assert main(["--check", "--path", str(target)]) == 0
    target.write_text(schema_text().replace('"Report"', '"Rapport"'), encoding="utf-8")
    assert main(["--check", "--path", str(target)]) == 1  # differs
    assert main(["--path", str(tmp_path / "no" / "such" / "dir.json")]) == 2  # cannot be written


def test_module_runs_as_a_command() -> None:
    result = subprocess.run([sys.executable, "-m", "leakcheck.schema", "--check"], cwd=ROOT,
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert result.stdout == ""  # messages go to stderr

"""The JSON Schema of ``--format json``, generated from the pydantic Report.

Why generated and committed: CI jobs and other tools validate leakcheck's JSON against
``report.schema.json`` without installing leakcheck, and a reviewer sees every contract change
as a diff of that file. ``python -m leakcheck.schema`` rewrites it; ``--check`` (and a test) fail
when the model changed and the file was not regenerated. The text is deterministic: sorted keys,
two-space indent, one trailing newline, so regenerating an unchanged model changes nothing.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from ..report.model import Report

SCHEMA_PATH = Path(__file__).with_name("report.schema.json")
DIALECT = "https://json-schema.org/draft/2020-12/schema"


def schema() -> dict[str, Any]:
    """Report.model_json_schema(), naming the JSON Schema dialect pydantic writes (2020-12)."""
    return {"$schema": DIALECT, **Report.model_json_schema()}


def schema_text() -> str:
    """The exact text of report.schema.json."""
    return json.dumps(schema(), indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def committed_text(path: Path = SCHEMA_PATH) -> str | None:
    """The schema file as committed, or None when it is missing."""
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return None


def load() -> dict[str, Any]:
    """The committed schema, for validating a report."""
    return json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))

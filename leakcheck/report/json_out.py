"""``--format json``: the Report as the JSON contract CI and ``--baseline`` read.

Why not plain ``model_dump_json``: the contract (DESIGN.md, "--format json") has ``resolved`` only
with ``--baseline``, so it is left out when it is None; every other field is always present
(``null`` included), so a consumer never has to guess whether a key is missing or empty. Keys
keep the model's order (summary before findings, as a person reading it expects); the same
Report always gives the same bytes. Non-ASCII (£, ×, −) is written as UTF-8, as pydantic does.
"""

from __future__ import annotations

import json
from typing import Any

from .model import Report


def report_dict(report: Report) -> dict[str, Any]:
    """The JSON-ready dict of a Report, as the contract shapes it."""
    # Through pydantic's JSON encoder, so a NaN or infinity from a bug upstream becomes null
    # (valid JSON a consumer can read) instead of a crash or a bare NaN.
    data = json.loads(report.model_dump_json(exclude_none=False))
    if data.get("resolved") is None:
        data.pop("resolved", None)
    return data


def render_json(report: Report, *, indent: int = 2) -> str:
    """The report as JSON text, ending with a newline."""
    return json.dumps(report_dict(report), indent=indent, ensure_ascii=False, allow_nan=False) + "\n"

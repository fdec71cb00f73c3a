"""``--format csv``: the affected SKUs of every finding, the evidence a consultant hands over.

Two shapes, both pure (they return text, the CLI writes it):
- ``render_csv(report)``: one file, one row per (finding, SKU), the whole evidence as JSON in
  the last column. A finding that names no SKU (say, listings with no code) still gets one row.
- ``render_csv_dir(report)``: ``{"SKU001.csv": text, ...}``, one file per check, for
  ``--output DIR``. Here the evidence is spread into columns where it is simple (a number, a
  word, a list of words); where it holds a list of per-product rows (``products``,
  ``components``, ...) each of those becomes a CSV row, so the spreadsheet shows them as a table.

Choices, and why:
- **UTF-8 with a byte-order mark by default.** Excel opens a CSV without one as the local
  ANSI code page, so "£12.00" shows as "Â£12.00" and accented titles break; with the mark it
  reads UTF-8 (Excel 2016 and later, Numbers, LibreOffice and pandas all accept it; Python
  reads it with ``encoding="utf-8-sig"``). Pass ``bom=False`` for tools that choke on it.
  The returned text already holds the mark: write it with ``encoding="utf-8"``, not "utf-8-sig".
- **"\\n" line endings.** Every spreadsheet and CSV reader accepts them, and the text survives
  being written in text mode on Windows (``\\r\\n`` would become ``\\r\\r\\n`` there).
- **Cells a spreadsheet would run as a formula** (text starting with = + - @, a tab or a
  carriage return: "CSV injection", since SKUs and titles come from marketplaces) get a leading
  apostrophe, which Excel hides. Numbers (-3, -12.50 included) are never touched.
- Money is per finding, repeated on each of its rows: ``rows_in_finding`` says how many rows
  share it, so nobody adds the column up and counts a finding twice.
- The ``evidence`` JSON is replaced by a short note when it is longer than a spreadsheet cell
  holds (32,767 characters in Excel); ``--format json`` always has all of it.
"""

from __future__ import annotations

import csv
import io
import json
import re
from typing import Any, Iterable, Iterator

from .model import Finding, Report, Suppressed

BASE_COLUMNS = [
    "fingerprint", "check_id", "title", "severity", "confidence", "status", "channels", "sku",
    "rows_in_finding", "message", "money_amount", "money_low", "money_high", "currency",
    "money_basis", "muted_reason", "muted_until", "new",
]
ROW_LIST_KEYS = ("products", "components")  # preferred when evidence holds several row lists
CELL_LIMIT = 32_000  # a little under Excel's 32,767 characters per cell
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_NUMBER = re.compile(r"^-?\d+(\.\d+)?$")  # "-3.00" is a number, not a formula
BOM = "\ufeff"


# --- cells ---------------------------------------------------------------------------------------
def _cell(value: Any) -> Any:
    """A value as a spreadsheet cell: numbers as numbers, text made safe from formula injection."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return value
    text = str(value)
    if text.startswith(_FORMULA_START) and not _NUMBER.match(text):
        return "'" + text
    return text


def _amount(x: float | None) -> str:
    return "" if x is None else f"{x:.2f}"


def _json(value: Any) -> str:
    text = json.dumps(value, ensure_ascii=False, sort_keys=True, default=str)
    if len(text) > CELL_LIMIT:
        note = {"note": f"evidence too long for one spreadsheet cell ({len(text):,} characters): see --format json"}
        return json.dumps(note, ensure_ascii=False)
    return text


def _simple(value: Any) -> bool:
    return value is None or isinstance(value, (str, int, float, bool))


def _write(columns: list[str], rows: Iterable[dict[str, Any]], bom: bool) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=columns, lineterminator="\n", extrasaction="raise")
    writer.writeheader()
    for row in rows:
        writer.writerow({k: _cell(row.get(k)) for k in columns})
    return (BOM if bom else "") + out.getvalue()


# --- the rows every shape shares ------------------------------------------------------------------
def _entries(report: Report) -> Iterator[tuple[Finding, Suppressed | None]]:
    """Open findings in report order, then the muted ones (marked, so a filter can drop them)."""
    for f in report.findings:
        yield f, None
    for s in report.suppressed:
        yield s.finding, s


def _base(f: Finding, muted: Suppressed | None) -> dict[str, Any]:
    m = f.money
    return {
        "fingerprint": f.fingerprint, "check_id": f.check_id, "title": f.title, "severity": f.severity.value,
        "confidence": f.confidence, "status": "muted" if muted else "open", "channels": ";".join(f.channels),
        "message": f.message,
        "money_amount": _amount(m.amount if m else None), "money_low": _amount(m.low if m else None),
        "money_high": _amount(m.high if m else None), "currency": m.currency if m else "",
        "money_basis": m.basis if m else "",
        "muted_reason": muted.reason if muted else "", "muted_until": (muted.until or "") if muted else "",
        "new": f.new,  # with --baseline: true when the baseline did not have it; empty otherwise
    }


def render_csv(report: Report, *, bom: bool = True) -> str:
    """One file: a row per (finding, SKU), evidence as JSON."""
    columns = BASE_COLUMNS + ["evidence"]
    rows = []
    for f, muted in _entries(report):
        base = _base(f, muted)
        evidence = _json(f.evidence)
        skus = f.skus or [""]
        rows += [{**base, "sku": sku, "rows_in_finding": len(skus), "evidence": evidence} for sku in skus]
    return _write(columns, rows, bom)


# --- one file per check ---------------------------------------------------------------------------
def _row_list_key(evidence: dict[str, Any]) -> str | None:
    """The key of a list of flat per-product rows, if the evidence holds one."""

    def is_rows(value: Any) -> bool:
        return (isinstance(value, list) and bool(value)
                and all(isinstance(v, dict) and all(_simple(x) for x in v.values()) for v in value))

    for key in ROW_LIST_KEYS:
        if is_rows(evidence.get(key)):
            return key
    return next((k for k, v in evidence.items() if is_rows(v)), None)


def _flatten(evidence: dict[str, Any], skip: str | None) -> tuple[dict[str, Any], dict[str, Any]]:
    """Simple evidence as ``evidence.KEY`` columns, and what is too deep for a column."""
    flat: dict[str, Any] = {}
    other: dict[str, Any] = {}
    for key, value in evidence.items():
        if key == skip:
            continue
        if _simple(value):
            flat[f"evidence.{key}"] = value
        elif isinstance(value, list) and all(_simple(v) for v in value):
            flat[f"evidence.{key}"] = "; ".join("" if v is None else str(v) for v in value)
        elif isinstance(value, dict) and all(_simple(v) for v in value.values()):
            flat.update({f"evidence.{key}.{sub}": v for sub, v in value.items()})
        else:
            other[key] = value
    return flat, other


def _check_rows(entries: list[tuple[Finding, Suppressed | None]]) -> tuple[list[str], list[dict[str, Any]]]:
    rows: list[dict[str, Any]] = []
    for f, muted in entries:
        base = _base(f, muted)
        key = _row_list_key(f.evidence)
        flat, other = _flatten(f.evidence, key)
        base.update(flat, evidence_other=_json(other) if other else "")
        if key is None:
            skus = f.skus or [""]
            rows += [{**base, "sku": sku, "rows_in_finding": len(skus)} for sku in skus]
        else:  # one row per product / component, its fields as columns
            items = f.evidence[key]
            for item in items:
                # The row's SKU is the item's when the finding names it (a product of SYN001), else
                # the finding's own (GIFT-BOX for each component row of BUN001).
                sku = item.get("sku") if item.get("sku") in f.skus else "; ".join(f.skus)
                cells = {f"{key}.{field}": v for field, v in item.items()}
                rows.append({**base, "sku": sku, "rows_in_finding": len(items), **cells})
    fixed = set(BASE_COLUMNS) | {"evidence_other"}
    extra = dict.fromkeys(c for row in rows for c in row if c not in fixed)  # first-seen order
    return BASE_COLUMNS + list(extra) + ["evidence_other"], rows


def _filename(check_id: str) -> str:
    return re.sub(r"[^A-Za-z0-9_-]+", "_", check_id) or "findings"


def render_csv_dir(report: Report, *, bom: bool = True) -> dict[str, str]:
    """One CSV per check that found something: ``{"SKU001.csv": text, ...}``, sorted by name."""
    by_check: dict[str, list[tuple[Finding, Suppressed | None]]] = {}
    for f, muted in _entries(report):
        by_check.setdefault(_filename(f.check_id), []).append((f, muted))
    files = {}
    for name in sorted(by_check):
        columns, rows = _check_rows(by_check[name])
        files[f"{name}.csv"] = _write(columns, rows, bom)
    return files

"""The Report: the one model every renderer formats and the JSON contract CI reads.

Field names here are an interface (DESIGN.md, "--format json"): add fields freely (a minor
``schema_version`` bump), never rename or remove one without a major bump. The JSON Schema in
``leakcheck/schema/report.schema.json`` is generated from these classes
(``python -m leakcheck.schema``) and a test fails when the two differ.
"""

from __future__ import annotations

from enum import Enum
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field
from pydantic.json_schema import SkipJsonSchema

SCHEMA_VERSION = "1.0"


class Severity(str, Enum):
    """How bad one finding is; ordered, so ``--fail-on`` can compare."""

    low = "low"
    medium = "medium"
    high = "high"
    critical = "critical"

    @property
    def rank(self) -> int:
        return _RANK[self]

    def shifted(self, steps: int) -> "Severity":
        order = list(Severity)
        return order[max(0, min(len(order) - 1, self.rank + steps))]


_RANK = {Severity.low: 0, Severity.medium: 1, Severity.high: 2, Severity.critical: 3}


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Money(_Model):
    """Money at risk per month, with the range an assumption spans and the arithmetic in words."""

    amount: float = Field(description="Expected money at risk per month.")
    low: float = Field(description="Low end of the range the assumptions allow.")
    high: float = Field(description="High end of the range the assumptions allow.")
    currency: str
    per: Literal["month"] = "month"
    basis: str = Field("", description="The arithmetic in words and numbers.")


class StockSeries(_Model):
    """One product's stock on one channel over time, for the human report's chart (report/series.py)."""

    channel: str
    sku: str
    points: list[tuple[str, int]] = Field(description="[ISO 8601 UTC time, quantity] pairs, a step after each.")


class Finding(_Model):
    fingerprint: str = Field(description="sha256[:16] of check id, sorted platform types, sorted product keys.")
    check_id: str
    title: str
    severity: Severity
    confidence: Literal["high", "medium", "low"] = "high"
    message: str = Field(description="One plain-English sentence: what was found, where.")
    channels: list[str]
    skus: list[str]
    evidence: dict[str, Any] = Field(default_factory=dict, description="Keys fixed per check (see its docstring).")
    money: Money | None = None
    remediation: str = ""
    new: bool | None = Field(None, description="With --baseline: True when the fingerprint is not in the baseline.")
    # Drawn by the html and md reports only: kept out of the JSON and its schema (exclude, SkipJsonSchema),
    # so the contract CI reads is unchanged and a report stays small. Publishing it would be a minor bump.
    series: SkipJsonSchema[list[StockSeries] | None] = Field(None, exclude=True)


class Suppressed(_Model):
    finding: Finding
    reason: str
    until: str | None = None


class NotReadEntry(_Model):
    what: str
    why: str
    history_only: bool = Field(False, description="True when only history (events, orders) was lost: no exit 3.")


class BadRowEntry(_Model):
    file: str
    row: int
    why: str


class NotEvaluatedEntry(_Model):
    check_id: str
    why: str


class ChannelCoverage(_Model):
    name: str
    type: str
    way_in: Literal["live", "files", "replay"]
    owner: bool = False
    listings: int = 0
    events: int = 0
    orders: int = 0
    history_days: float = 0
    exported_at: str | None = None
    not_read: list[NotReadEntry] = Field(default_factory=list)
    bad_rows: list[BadRowEntry] = Field(default_factory=list)
    bad_rows_total: int = Field(0, description="All unreadable rows; bad_rows lists at most the first 50.")
    not_evaluated: list[NotEvaluatedEntry] = Field(default_factory=list)
    notes: list[str] = Field(default_factory=list)


class MoneyTotal(_Model):
    amount: float
    low: float
    high: float
    currency: str
    per: Literal["month"] = "month"


class Counts(_Model):
    critical: int = 0
    high: int = 0
    medium: int = 0
    low: int = 0


class CheckRun(_Model):
    """What happened to one check in this scan."""

    check_id: str
    title: str
    status: Literal["fired", "passed", "not_evaluated", "skipped"]
    findings: int = 0
    why: str = ""
    seconds: float = Field(0.0, description="Time the check took.")


class ReportMeta(_Model):
    """`report:` in the config: who the report is for and by (shown by the human formats)."""

    title: str | None = None
    prepared_for: str | None = None
    prepared_by: str | None = None


class Summary(_Model):
    score: int = Field(ge=0, le=100)
    band: Literal["low", "moderate", "high", "critical"]
    score_basis: str = ""
    money_at_risk: MoneyTotal
    money_basis: str = ""
    counts: Counts
    channels: list[ChannelCoverage]
    owner: str | None = None
    revenue_per_month: float = 0.0
    as_of: str | None = None
    history_days: int = 60
    assumptions: dict[str, Any] = Field(default_factory=dict)
    checks: list[CheckRun] = Field(default_factory=list)
    ignore_warnings: list[str] = Field(default_factory=list)
    warnings: list[str] = Field(default_factory=list)
    duration_seconds: float = 0.0
    timings: dict[str, float] = Field(default_factory=dict, description="Seconds spent per stage of the analysis.")
    report: ReportMeta = Field(default_factory=ReportMeta)


class Report(_Model):
    schema_version: str = SCHEMA_VERSION
    tool: str = "leakcheck"
    version: str = ""
    summary: Summary
    findings: list[Finding] = Field(default_factory=list)
    suppressed: list[Suppressed] = Field(default_factory=list)
    resolved: list[str] | None = Field(None, description="Baseline fingerprints no longer found (with --baseline).")

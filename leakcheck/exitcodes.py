"""Exit codes of ``leakcheck scan``, and the one function that maps a Report to one.

Priority, highest first (DESIGN.md):

- 2 USAGE: bad usage or config, or an --output that cannot be written (decided by the CLI
  before or after the scan, never here).
- 3 INCOMPLETE: the stock or settings of a channel it was asked to read could not be read in
  full (a fault, a missing or broken file, the budget). History cut short does not count.
- 1 FAILED: the scan crossed the bar: a finding at or above --fail-on, or a score above
  --max-score; with --baseline only new findings count, and --baseline without --fail-on means
  "any new finding fails".
- 0 OK: otherwise. Without --fail-on, --max-score or --baseline, findings alone never fail.
"""

from __future__ import annotations

from enum import IntEnum

from .report.model import Report, Severity


class ExitCode(IntEnum):
    OK = 0
    FAILED = 1
    USAGE = 2
    INCOMPLETE = 3


def exit_code(report: Report, fail_on: Severity | None = None, max_score: int | None = None) -> ExitCode:
    """The exit code for a finished scan (2 is the CLI's business)."""
    incomplete = any(not n.history_only for ch in report.summary.channels for n in ch.not_read)
    if incomplete:
        return ExitCode.INCOMPLETE
    with_baseline = report.resolved is not None
    counted = [f for f in report.findings if not with_baseline or f.new]
    if fail_on is not None and any(f.severity.rank >= fail_on.rank for f in counted):
        return ExitCode.FAILED
    if with_baseline and fail_on is None and counted:
        return ExitCode.FAILED
    if max_score is not None and report.summary.score > max_score:
        return ExitCode.FAILED
    return ExitCode.OK

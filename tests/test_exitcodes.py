"""Exit codes and their priority: 3 over 1 over 0; baseline and thresholds."""

from leakcheck.exitcodes import ExitCode, exit_code
from leakcheck.report.model import (
    ChannelCoverage, Counts, MoneyTotal, NotReadEntry, Report, Severity, Summary,
)
from tests.test_findings import finding


def report(findings=(), not_read=(), score=10, resolved=None):
    ch = ChannelCoverage(name="shop", type="shopify", way_in="files", not_read=list(not_read))
    s = Summary(score=score, band="low", money_at_risk=MoneyTotal(amount=0, low=0, high=0, currency="GBP"),
                counts=Counts(), channels=[ch])
    return Report(summary=s, findings=list(findings), resolved=resolved)


def test_findings_alone_never_fail():
    assert exit_code(report([finding(severity=Severity.critical)], score=99)) is ExitCode.OK


def test_fail_on_threshold():
    r = report([finding(severity=Severity.medium)])
    assert exit_code(r, Severity.high) is ExitCode.OK
    assert exit_code(r, Severity.medium) is ExitCode.FAILED
    assert exit_code(r, Severity.low) is ExitCode.FAILED


def test_max_score():
    assert exit_code(report(score=40), max_score=40) is ExitCode.OK
    assert exit_code(report(score=41), max_score=40) is ExitCode.FAILED


def test_incomplete_beats_failed_but_history_loss_does_not_count():
    lost = NotReadEntry(what="orders.csv", why="missing")
    history = NotReadEntry(what="sync-log.csv", why="missing", history_only=True)
    f = [finding(severity=Severity.critical)]
    assert exit_code(report(f, [lost]), Severity.low) is ExitCode.INCOMPLETE
    assert exit_code(report(f, [history]), Severity.low) is ExitCode.FAILED
    assert exit_code(report([], [history])) is ExitCode.OK


def test_baseline_counts_only_new_findings():
    old, new = finding(severity=Severity.high), finding("SET002", severity=Severity.low)
    old.new, new.new = False, True
    assert exit_code(report([old, new], resolved=[]), Severity.high) is ExitCode.OK
    assert exit_code(report([old, new], resolved=[]), Severity.low) is ExitCode.FAILED
    # --baseline without --fail-on: any new finding fails
    assert exit_code(report([old, new], resolved=[])) is ExitCode.FAILED
    new.new = False
    assert exit_code(report([old, new], resolved=[])) is ExitCode.OK

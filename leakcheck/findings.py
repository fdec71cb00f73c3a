"""From the leaks checks produce to the findings a report shows: identity, order, mutes, totals.

- The fingerprint is the first 16 hex digits of sha256 over the check id, the sorted platform
  types of its channels and the sorted product keys: stable across re-ordering, channel
  renames, and config versus folder mode, so CI baselines survive all three.
- Order is deterministic: severity, money, check id, SKU.
- ``ignore:`` entries mute matching findings (listed as suppressed, with the reason); an entry
  past its ``until`` date stops muting and is named; an entry that matched nothing is named.
- The total counts each product's exposure once: a finding's money is spread evenly over the
  products it names, and each product takes the largest share any finding gives it.
"""

from __future__ import annotations

import fnmatch
import hashlib
from collections import defaultdict
from datetime import date

from .checks.base import Check, Leak
from .config import IgnoreRule
from .model import Snapshot
from .money import Pricer
from .report.model import Finding, Money, MoneyTotal, Suppressed


def fingerprint(check_id: str, platform_types: list[str], keys: list[str]) -> str:
    text = "\x1f".join([check_id, ",".join(sorted(set(platform_types))), ",".join(sorted(set(keys)))])
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def to_finding(leak: Leak, check: type[Check], snapshot: Snapshot, pricer: Pricer, revenue: float) -> Finding:
    types = [snapshot.channels[c].type for c in leak.channels if c in snapshot.channels]
    severity = leak.severity or pricer.severity(check.severity, leak.money, revenue)
    return Finding(
        fingerprint=fingerprint(leak.check_id, types, leak.keys),
        check_id=leak.check_id,
        title=check.title(),
        severity=severity,
        confidence=leak.confidence if leak.confidence in ("high", "medium", "low") else "medium",
        message=leak.message,
        channels=list(leak.channels),
        skus=list(leak.skus),
        evidence=leak.evidence,
        money=leak.money,
        remediation=check.remediation(),
    )


def sort_findings(findings: list[Finding]) -> list[Finding]:
    return sorted(
        findings,
        key=lambda f: (-f.severity.rank, -(f.money.amount if f.money else 0.0), f.check_id, f.skus[0] if f.skus else ""),
    )


def apply_ignores(findings: list[Finding], rules: list[IgnoreRule], today: date) -> tuple[list[Finding], list[Suppressed], list[str]]:
    """Split findings into kept and suppressed; return warnings about expired and unused rules."""
    kept: list[Finding] = []
    suppressed: list[Suppressed] = []
    used = [False] * len(rules)
    expired = [r.until is not None and r.until < today for r in rules]
    for f in findings:
        rule_index = _match(f, rules)
        if rule_index is None:
            kept.append(f)
            continue
        used[rule_index] = True
        if expired[rule_index]:
            kept.append(f)
            continue
        rule = rules[rule_index]
        suppressed.append(Suppressed(finding=f, reason=rule.reason, until=rule.until.isoformat() if rule.until else None))
    warnings = []
    for i, rule in enumerate(rules):
        label = f"ignore[{i}] ({rule.check} {rule.sku})"
        if expired[i]:
            warnings.append(f"{label} expired on {rule.until.isoformat()}: its findings are shown again")
        elif not used[i]:
            warnings.append(f"{label} matched no finding: remove it, or check the id and SKU pattern")
    return kept, suppressed, warnings


def _match(finding: Finding, rules: list[IgnoreRule]) -> int | None:
    for i, rule in enumerate(rules):
        if rule.check != finding.check_id:
            continue
        if rule.channel and rule.channel not in finding.channels:
            continue
        if rule.sku == "*" or any(fnmatch.fnmatchcase(s.strip(), rule.sku) for s in finding.skus):
            return i
    return None


def total_money(findings: list[tuple[Finding, list[str]]], currency: str) -> tuple[MoneyTotal, str]:
    """Sum of money at risk counting each product once (largest share); findings without products add in full."""
    best: dict[str, tuple[float, float, float]] = defaultdict(lambda: (0.0, 0.0, 0.0))
    loose = [0.0, 0.0, 0.0]
    overlapping = 0
    for f, keys in findings:
        m: Money | None = f.money
        if m is None:
            continue
        if not keys:
            loose[0] += m.amount
            loose[1] += m.low
            loose[2] += m.high
            continue
        n = len(keys)
        share = (m.amount / n, m.low / n, m.high / n)
        for k in keys:
            if k in best:
                overlapping += 1
            cur = best[k]
            best[k] = tuple(max(a, b) for a, b in zip(cur, share))  # type: ignore[assignment]
    amount = loose[0] + sum(v[0] for v in best.values())
    low = loose[1] + sum(v[1] for v in best.values())
    high = loose[2] + sum(v[2] for v in best.values())
    basis = (
        "each product's exposure is counted once: a finding's money is spread over the products it names, "
        "and each product takes the largest share any finding gives it"
    )
    if overlapping:
        basis += f" ({overlapping} overlapping product mentions not added twice)"
    return MoneyTotal(amount=round(amount, 2), low=round(low, 2), high=round(high, 2), currency=currency), basis

"""Fingerprints, ordering, ignore rules, baseline and the once-per-product total."""

from datetime import date

from leakcheck.config import IgnoreRule
from leakcheck.findings import apply_ignores, fingerprint, sort_findings, total_money
from leakcheck.report.model import Finding, Money, Severity


def finding(check="SET001", skus=("MUG-RED",), severity=Severity.high, amount=10.0, channels=("shop",)):
    return Finding(
        fingerprint=fingerprint(check, ["shopify"], [s.lower() for s in skus]), check_id=check, title="t",
        severity=severity, message="m", channels=list(channels), skus=list(skus),
        money=Money(amount=amount, low=amount / 2, high=amount * 2, currency="GBP", basis="b"),
    )


def test_fingerprint_is_stable_and_order_free():
    a = fingerprint("SKU001", ["shopify", "csv"], ["mugred", "tea50g"])
    assert a == fingerprint("SKU001", ["csv", "shopify", "csv"], ["tea50g", "mugred"])
    assert len(a) == 16 and int(a, 16) >= 0
    assert a != fingerprint("SKU002", ["shopify", "csv"], ["mugred", "tea50g"])
    assert a != fingerprint("SKU001", ["shopify"], ["mugred", "tea50g"])


def test_sort_by_severity_money_id_sku():
    fs = [finding("SET001", amount=5), finding("DRF003", severity=Severity.critical, amount=1),
          finding("SET002", amount=50), finding("SET001", skus=("A",), amount=5)]
    out = sort_findings(fs)
    assert [(f.check_id, f.skus[0]) for f in out] == [("DRF003", "MUG-RED"), ("SET002", "MUG-RED"), ("SET001", "A"), ("SET001", "MUG-RED")]


def test_ignore_mutes_with_reason_and_reports_stale_and_expired():
    fs = [finding("SET001", skus=("PREORDER-1",)), finding("SET001", skus=("MUG-RED",)), finding("SET002", skus=("X",))]
    rules = [
        IgnoreRule(check="set001", sku="PREORDER-*", reason="pre-orders oversell on purpose", until=date(2030, 1, 1)),
        IgnoreRule(check="SKU001", sku="*", reason="nothing matches this"),
        IgnoreRule(check="SET002", sku="X", reason="was fine", until=date(2020, 1, 1)),
    ]
    kept, suppressed, warnings = apply_ignores(fs, rules, date(2026, 11, 23))
    assert [s.finding.skus for s in suppressed] == [["PREORDER-1"]]
    assert suppressed[0].reason == "pre-orders oversell on purpose" and suppressed[0].until == "2030-01-01"
    assert {f.skus[0] for f in kept} == {"MUG-RED", "X"}
    assert any("ignore[1]" in w and "matched no finding" in w for w in warnings)
    assert any("ignore[2]" in w and "expired on 2020-01-01" in w for w in warnings)


def test_total_counts_each_product_once():
    a = finding("SET001", skus=("MUG",), amount=30)
    b = finding("DRF001", skus=("MUG",), amount=50)
    c = finding("SYN001", skus=("MUG", "TEA"), amount=40)  # 20 per product
    loose = finding("WRT003", skus=(), amount=7)
    total, basis = total_money([(a, ["mug"]), (b, ["mug"]), (c, ["mug", "tea"]), (loose, [])], "GBP")
    assert total.amount == 50 + 20 + 7
    assert "counted once" in basis and "not added twice" in basis

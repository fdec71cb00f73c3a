"""A realistic Report built by hand, so the renderers can be tested without sources or checks.

The merchant sells on six channels (a Shopify web store that owns the count, Amazon, eBay, a
Square till, Xero accounts and a warehouse spreadsheet) and the scan found eleven leaks over
every severity, could not evaluate some checks where a channel gives no history, skipped a few
unreadable rows and muted two findings through ``ignore:``. Every figure is consistent with
money.py (the score is recomputed from the money and revenue), so the test output reads like a
real scan a merchant would see.
"""

from __future__ import annotations

from leakcheck.assumptions import Assumptions
from leakcheck.money import band, fmt_money, leak_score
from leakcheck.report.model import (
    BadRowEntry,
    ChannelCoverage,
    CheckRun,
    Counts,
    Finding,
    Money,
    MoneyTotal,
    NotEvaluatedEntry,
    NotReadEntry,
    Report,
    ReportMeta,
    Severity,
    Summary,
    Suppressed,
)

AS_OF = "2026-11-20T09:14:00Z"
MONEY_AT_RISK = 982.16
MONEY_LOW, MONEY_HIGH = 640.20, 1460.70
REVENUE = 32_480.00

ALL_CHECKS = {
    "SKU001": "One product written two ways", "SKU002": "One code on two products",
    "SKU003": "Listings with no code", "SKU004": "Codes with no match in the owner",
    "SET001": "Keeps selling when out of stock", "SET002": "Stock not tracked",
    "SET003": "Fast mover with no safety buffer", "SYN001": "Stock synced on a timer",
    "SYN002": "Slow stock updates after a sale", "SYN003": "A sale that never reached a channel",
    "WRT001": "Several writers on one stock figure", "WRT002": "Stock sets that undo each other",
    "WRT003": "No agreed owner of the count", "BUN001": "Bundle offers more than its parts allow",
    "BUN002": "Bundle stock kept by hand", "BUN003": "Bundle names a missing component",
    "DRF001": "Phantom stock", "DRF002": "Hidden stock", "DRF003": "Negative stock",
    "RES001": "Stock held by stuck reservations", "RET001": "Returns never restocked",
}


def _money(amount: float, low: float, high: float, basis: str) -> Money:
    return Money(amount=amount, low=low, high=high, currency="GBP", basis=basis)


def _finding(n: int, check_id: str, severity: str, message: str, channels: list[str], skus: list[str],
             evidence: dict, money: Money | None, confidence: str = "high", remediation: str = "") -> Finding:
    return Finding(
        fingerprint=f"{n:04x}a1b2c3d4e5f6"[:16], check_id=check_id, title=ALL_CHECKS[check_id],
        severity=Severity(severity), confidence=confidence, message=message, channels=channels, skus=skus,
        evidence=evidence, money=money, remediation=remediation,
    )


def sample_findings() -> list[Finding]:
    """Eleven findings, already in report order (severity, money, check id, SKU)."""
    return [
        _finding(1, "SKU001", "critical",
                 "MUG-RED on shop and 'mug-red ' on amazon are one product written two ways, "
                 "so amazon never hears about the sales on shop.",
                 ["shop", "amazon"], ["MUG-RED", "mug-red "],
                 {"product_key": "MUGRED", "spellings": {"shop": ["MUG-RED"], "amazon": ["mug-red "]},
                  "differences": ["case", "trailing space"]},
                 _money(412.30, 261.75, 590.10,
                        "13.5 oversold orders a month (shop sells 2.2/day (133 in 60 days), amazon never hears of "
                        "them) × (£12.00 handling + £6.40 lost margin) = £248.40, plus 41 sales a month missed on "
                        "amazon × £20.00 × 40% margin × 50% really lost = £163.90; £412.30 in all"),
                 remediation="Use one spelling of the code on every channel."),
        _finding(2, "SYN001", "critical",
                 "ebay's stock changes in batches every 15 minutes, so shop and ebay can both sell the "
                 "last unit in the gap.",
                 ["ebay", "shop"], ["TEA-50G", "CANDLE-FIG", "SOAP-LAV"],
                 {"channel": "ebay", "interval_minutes": 15, "batches": 412,
                  "times": ["2026-11-19T09:00:04Z", "2026-11-19T09:15:02Z", "2026-11-19T09:30:05Z"],
                  "products": [
                      {"sku": "TEA-50G", "units_per_day": 3.1, "money": 161.20},
                      {"sku": "CANDLE-FIG", "units_per_day": 1.4, "money": 82.65},
                      {"sku": "SOAP-LAV", "units_per_day": 0.9, "money": 54.27}]},
                 _money(298.12, 180.40, 455.90,
                        "28 sell-downs a month × E[max(0, N − 1)] = 0.031 units, N ~ Poisson(5.40/day × 15 min) "
                        "(timed sync every 15 min; 5.4/day across all channels (324 in 60 days)) × "
                        "(£12.00 handling + £5.60 lost margin) = £298.12"),
                 remediation="Switch the ebay connector to update on each sale, or hold back a buffer."),
        _finding(3, "BUN001", "high",
                 "GIFT-BOX offers 12 on shop but its parts allow only 4 (TEA-50G: 9 in stock, 2 per box).",
                 ["shop"], ["GIFT-BOX"],
                 {"bundle": "GIFT-BOX", "offered": 12, "allowed": 4,
                  "components": [
                      {"sku": "MUG-RED", "qty": 1, "available": 7, "allows": 7},
                      {"sku": "TEA-50G", "qty": 2, "available": 9, "allows": 4}]},
                 _money(180.40, 120.00, 260.80,
                        "6.2 oversold orders a month (GIFT-BOX sells 0.9/day on shop) × "
                        "(£12.00 handling + £17.10 lost margin) = £180.40")),
        _finding(4, "SET001", "high",
                 "CANDLE-FIG keeps selling on shop when it is out of stock (continue selling is on).",
                 ["shop"], ["CANDLE-FIG"],
                 {"policy": "continue", "available": 0, "units_per_day": 1.1},
                 _money(96.00, 58.00, 141.00,
                        "4.8 oversold orders a month (stock at 0 or below 12 of the last 60 days) × "
                        "(£12.00 handling + £8.00 lost margin) = £96.00")),
        _finding(5, "DRF003", "high",
                 "TEA-50G is at −3 on till: 3 orders are already oversold.",
                 ["till"], ["TEA-50G"],
                 {"channel": "till", "available": -3, "location": "High Street"},
                 _money(57.60, 57.60, 57.60,
                        "3 orders already oversold (till shows −3) × (£12.00 handling + £7.20 lost margin) = £57.60")),
        _finding(6, "DRF002", "medium",
                 "SOAP-LAV shows sold out on ebay while the warehouse has 23.",
                 ["ebay", "warehouse"], ["SOAP-LAV"],
                 {"channel": "ebay", "shown": 0, "owner_has": 23},
                 _money(44.10, 21.00, 70.30,
                        "27 sales a month missed (ebay sells 0.9/day when in stock) × £8.17 on ebay × "
                        "40% margin × 50% really lost = £44.10"),
                 confidence="medium"),
        _finding(7, "WRT001", "medium",
                 "Three writers change the stock of TEA-50G in the warehouse: the ebay sync app, "
                 "the nightly ERP import and staff.",
                 ["warehouse"], ["TEA-50G"],
                 {"writers": ["ebay-sync", "erp-import", "staff"], "events": 214},
                 _money(38.00, 19.00, 64.00,
                        "1.9 oversold orders a month (writes 40 s apart overwrite each other) × "
                        "(£12.00 handling + £8.00 lost margin) = £38.00")),
        _finding(8, "SKU004", "medium",
                 "ebay's code CANDL-FIG has no match on shop (the nearest code there is CANDLE-FIG).",
                 ["ebay", "shop"], ["CANDL-FIG"],
                 {"nearest": "CANDLE-FIG", "similarity": 94.7},
                 _money(21.50, 0.00, 43.00,
                        "1.1 oversold orders a month (0.1/day assumed on ebay (no order history)) × "
                        "(£12.00 handling + £7.60 lost margin) = £21.50"),
                 confidence="low"),
        _finding(9, "RET001", "medium",
                 "2 returns of SOAP-LAV on amazon never came back into stock.",
                 ["amazon"], ["SOAP-LAV"],
                 {"returns": [{"order_id": "206-1180", "quantity": 1}, {"order_id": "206-1622", "quantity": 1}]},
                 _money(9.60, 4.80, 14.40,
                        "2 sales a month missed (stock hidden by returns not restocked) × £12.00 on amazon × "
                        "40% margin × 50% really lost = £4.80 × 2 = £9.60")),
        _finding(10, "SET002", "low",
                 "Stock is not tracked for TOTE-BAG on shop, so it can sell forever.",
                 ["shop"], ["TOTE-BAG"],
                 {"tracked": False},
                 _money(0.80, 0.00, 1.60,
                        "0.04 oversold orders a month (0.1/day assumed) × (£12.00 handling + £2.00 lost margin) = £0.80"),
                 confidence="low"),
        _finding(11, "SKU003", "low",
                 "3 listings on ebay have no code at all, so no sync can link them.",
                 ["ebay"], [],
                 {"titles": ["Red mug, seconds", "Tea sampler", "Gift wrap"]},
                 None),
    ]


def sample_channels() -> list[ChannelCoverage]:
    no_history = "no stock-change history in what was read"
    return [
        ChannelCoverage(
            name="shop", type="shopify", way_in="live", owner=True, listings=412, events=0, orders=1930,
            history_days=60,
            not_read=[NotReadEntry(what="stock-change history",
                                   why="Shopify's API gives the time each quantity last changed, not who changed it")],
            not_evaluated=[NotEvaluatedEntry(check_id=c, why=no_history)
                           for c in ("SYN002", "WRT001", "WRT002")]),
        ChannelCoverage(
            name="amazon", type="amazon", way_in="files", listings=388, events=2410, orders=1120,
            history_days=60, exported_at="2026-11-20T08:02:00Z",
            bad_rows=[BadRowEntry(file="amazon/All+Listings+Report.txt", row=118, why="the quantity 'N/A' is not a number"),
                      BadRowEntry(file="amazon/All+Listings+Report.txt", row=240, why="the row has 9 columns, not 28")],
            bad_rows_total=2),
        ChannelCoverage(
            name="ebay", type="ebay", way_in="files", listings=301, events=8240, orders=0, history_days=60,
            exported_at="2026-11-20T07:55:00Z",
            not_evaluated=[NotEvaluatedEntry(check_id="RET001", why="no orders in what was read"),
                           NotEvaluatedEntry(check_id="SYN002", why="no orders in what was read")]),
        ChannelCoverage(
            name="till", type="square", way_in="files", listings=150, events=0, orders=2204, history_days=45.5,
            exported_at="2026-11-20T09:01:00Z",
            not_evaluated=[NotEvaluatedEntry(check_id=c, why=no_history)
                           for c in ("SYN001", "SYN002", "WRT001", "WRT002")]
            + [NotEvaluatedEntry(check_id="SET001", why="no oversell setting (continue selling / backorders) in what was read")]),
        ChannelCoverage(
            name="accounts", type="xero", way_in="files", listings=420, events=610, orders=0, history_days=60,
            exported_at="2026-11-19T17:30:00Z",
            not_read=[NotReadEntry(what="accounts/invoices-2026-10.csv", why="the file is empty")],
            not_evaluated=[NotEvaluatedEntry(check_id="SET001",
                                             why="no oversell setting (continue selling / backorders) in what was read")]),
        ChannelCoverage(
            name="warehouse", type="csv", way_in="files", listings=430, events=3120, orders=0, history_days=30,
            exported_at="2026-11-18T18:00:00Z",
            bad_rows=[BadRowEntry(file="exports/warehouse.csv", row=r, why=w) for r, w in (
                (12, "'Free Stock' is 'n/a', not a number"), (40, "the SKU is empty"),
                (41, "the SKU is empty"), (97, "'Free Stock' is '12..', not a number"))],
            bad_rows_total=14,
            notes=["warehouse.csv was exported on 18 Nov, 39 hours before the amazon export: "
                   "drift between them is reported with lower confidence"]),
    ]


def sample_report() -> Report:
    findings = sample_findings()
    counts = Counts(**{s.value: sum(1 for f in findings if f.severity is s) for s in Severity})
    score, basis = leak_score(MONEY_AT_RISK, REVENUE, Severity.critical)
    fired = {f.check_id for f in findings}
    runs = []
    for check_id, title in ALL_CHECKS.items():
        if check_id in fired:
            runs.append(CheckRun(check_id=check_id, title=title, status="fired",
                                 findings=sum(1 for f in findings if f.check_id == check_id)))
        elif check_id == "RES001":
            runs.append(CheckRun(check_id=check_id, title=title, status="not_evaluated",
                                 why="no channel gives committed or reserved quantities"))
        else:
            runs.append(CheckRun(check_id=check_id, title=title, status="passed"))
    suppressed_set001 = _finding(20, "SET001", "high", "PREORDER-XMAS keeps selling on shop when it is out of stock "
                                 "(continue selling is on).", ["shop"], ["PREORDER-XMAS"],
                                 {"policy": "continue", "available": -40, "units_per_day": 2.0},
                                 _money(310.00, 200.00, 420.00, "15.5 oversold orders a month × £20.00 = £310.00"))
    suppressed_sku004 = _finding(21, "SKU004", "low", "amazon's code OLD-MUG-01 has no match on shop.",
                                 ["amazon", "shop"], ["OLD-MUG-01"], {"nearest": None}, None)
    return Report(
        version="0.1.0",
        summary=Summary(
            score=score, band=band(score), score_basis=basis,
            money_at_risk=MoneyTotal(amount=MONEY_AT_RISK, low=MONEY_LOW, high=MONEY_HIGH, currency="GBP"),
            money_basis="The total counts each product once, at the largest finding that names it: "
                        f"the 10 priced findings add up to {fmt_money(sum(f.money.amount for f in findings if f.money), 'GBP')}, "
                        "but TEA-50G, SOAP-LAV and CANDLE-FIG appear in more than one.",
            counts=counts, channels=sample_channels(), owner="shop", revenue_per_month=REVENUE, as_of=AS_OF,
            history_days=60, assumptions=Assumptions(exchange_rates={"EUR": 0.86, "USD": 0.79}).model_dump(),
            checks=runs,
            ignore_warnings=["The ignore entry for SKU004 'OLD-*' matched nothing: is the pattern right?"],
            warnings=["No exchange rate for SEK: money for 2 listings on amazon is left out "
                      "(add it under assumptions: exchange_rates)."],
            duration_seconds=41.3,
            report=ReportMeta(prepared_for="Hollow Oak Candles Ltd", prepared_by="Sam Patel, stock consultant"),
        ),
        findings=findings,
        suppressed=[
            Suppressed(finding=suppressed_set001, reason="pre-orders are meant to oversell", until="2027-03-31"),
            Suppressed(finding=suppressed_sku004, reason="old listings, delisting next week"),
        ],
    )

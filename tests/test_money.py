"""The money model: docs/money.md's hand-worked examples, the score, and the Poisson excess."""

import math

import pytest

from leakcheck.assumptions import Assumptions
from leakcheck.index import build_index
from leakcheck.money import Pricer, Rate, band, expected_excess, leak_score
from leakcheck.report.model import Severity
from tests.builders import World


def pricer_for(price: float) -> Pricer:
    w = World().channel("shop").listing("shop", "TEAPOT", 3, price=price)
    return Pricer(build_index(w.snapshot), Assumptions())


def test_example_1_oversell():
    m = pricer_for(46.0).oversell(3.1, "teapot", "shop", "Amazon sells after the shop sold out")
    assert m.amount == 94.24
    assert "3.1 oversold orders a month" in m.basis
    assert "(£12.00 handling + £18.40 lost margin) = £94.24" in m.basis


def test_example_1_score():
    score, basis = leak_score(94.24, 4000.0, Severity.high)
    assert score == 53 and band(score) == "high"
    assert "0.0236" in basis


def test_example_2_sync_gap():
    p = pricer_for(20.0)
    demand = Rate(2.0, 2.0, 2.0, "2/day on the other channels")
    m = p.sync_gap(demand, 15 * 60, 4, 0, "teapot", "shop", "15-minute sync")
    assert m.amount == 1.67
    assert "Poisson(2.00/day × 15 min)" in m.basis
    buffered = p.sync_gap(demand, 15 * 60, 4, 1, "teapot", "shop", "15-minute sync")
    assert buffered.amount == 0.02


def test_expected_excess_matches_definition():
    lam, units = 3.7, 4
    direct = sum(max(0, n - units) * math.exp(-lam) * lam**n / math.factorial(n) for n in range(80))
    assert expected_excess(lam, units) == pytest.approx(direct, rel=1e-9)
    assert expected_excess(0.0, 2) == 0.0
    assert expected_excess(1.5, 0) == 1.5


@pytest.mark.parametrize("share,score", [(0.01, 27), (0.05, 80), (0.0, 0)])
def test_score_anchors(share, score):
    assert leak_score(share * 1000, 1000, Severity.low)[0] == score


def test_score_without_revenue_is_the_severity_floor():
    assert leak_score(50, 0, Severity.high)[0] == 50
    assert leak_score(50, 0, Severity.critical)[0] == 80
    assert leak_score(0, 0, None)[0] == 0


@pytest.mark.parametrize("score,name", [(0, "low"), (19, "low"), (20, "moderate"), (49, "moderate"), (50, "high"), (79, "high"), (80, "critical"), (100, "critical")])
def test_bands(score, name):
    assert band(score) == name


def test_velocity_range_is_poisson():
    w = World().channel("shop").listing("shop", "MUG", 3)
    for i in range(30):
        w.order("shop", hours_ago=24 * i + 1, sku="MUG")
    w.snapshot.channels["shop"].history_days = 30
    p = Pricer(build_index(w.snapshot), Assumptions())
    v = p.velocity("mug", "shop")
    assert v.value == pytest.approx(1.0)
    assert v.low == pytest.approx((30 - 1.2816 * math.sqrt(30)) / 30)
    assert "30 in 30 days" in v.words


def test_missing_exchange_rate_is_named():
    w = World().channel("shop", currency="USD").listing("shop", "MUG", 3, price=10.0, currency="USD")
    p = Pricer(build_index(w.snapshot), Assumptions())
    price, words = p.price("mug", "shop")
    assert "assumed" in words and p.missing_rates == {"USD"}
    p2 = Pricer(build_index(w.snapshot), Assumptions(exchange_rates={"USD": 0.8}))
    assert p2.price("mug", "shop")[0] == pytest.approx(8.0)

"""Money at risk and the leak score: every figure is units a month x what one unit costs.

Checks never invent money: they name the mechanism (an oversell, a hidden sale, a sync gap,
stock already negative) and the units, and the functions here price them from the merchant's
own prices and velocities and the visible ``Assumptions``. Each returns a ``Money`` whose
``basis`` is the arithmetic in words and numbers, so a reader can redo it on paper.

Ranges: velocity is a count of sales in a window, so its uncertainty is Poisson's; the low and
high figures use the 80 % interval n ± 1.28·√n of that count (and 0 to twice the assumed rate
where a product has no sales history at all).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from .assumptions import Assumptions
from .index import Index
from .report.model import Money, Severity

MONTH_DAYS = 30.0
_Z80 = 1.2816  # two-sided 80 % interval of a normal approximation

_SYMBOLS = {"GBP": "£", "USD": "$", "EUR": "€", "AUD": "A$", "CAD": "C$", "JPY": "¥", "NZD": "NZ$"}


def fmt_money(amount: float, currency: str) -> str:
    """£1,234.50 or 1,234.50 SEK: how money reads in every renderer."""
    symbol = _SYMBOLS.get(currency.upper())
    sign = "-" if amount < 0 else ""
    text = f"{abs(amount):,.2f}"
    return f"{sign}{symbol}{text}" if symbol else f"{sign}{text} {currency.upper()}"


def _num(x: float) -> str:
    """A count as a person writes it: 3, 3.1, 0.25."""
    if abs(x - round(x)) < 1e-9:
        return f"{int(round(x)):,}"
    return f"{x:,.2f}" if abs(x) < 1 else f"{x:,.1f}"


@dataclass(frozen=True, slots=True)
class Rate:
    """A rate (units a day, or units a month) with its 80 % range; ``words`` says where it came from."""

    value: float
    low: float
    high: float
    words: str
    assumed: bool = False

    def scaled(self, factor: float, words: str | None = None) -> "Rate":
        return Rate(self.value * factor, self.low * factor, self.high * factor, words or self.words, self.assumed)

    @staticmethod
    def counted(units: float, days: float, words: str) -> "Rate":
        spread = _Z80 * math.sqrt(units)
        return Rate(units / days, max(0.0, units - spread) / days, (units + spread + 1) / days, words)


class Pricer:
    """Prices mechanisms for one scan: holds the index (velocity, prices) and the assumptions."""

    def __init__(self, index: Index, assumptions: Assumptions):
        self.index = index
        self.a = assumptions
        self.currency = assumptions.currency.upper()
        self.missing_rates: set[str] = set()

    # --- ingredients ------------------------------------------------------------------------
    def money(self, amount: float) -> str:
        return fmt_money(amount, self.currency)

    def convert(self, amount: float | None, currency: str | None) -> float | None:
        if amount is None:
            return None
        rate = self.a.rate(currency)
        if rate is None:
            self.missing_rates.add(str(currency).upper())
            return None
        return amount * rate

    def price(self, key: str, channel: str | None = None) -> tuple[float, str]:
        """Unit price in the report currency: the channel's own, else the owner's, else any, else assumed."""
        by_channel = self.index.channels_of(key)
        order = [channel] if channel else []
        owner = self.index.snapshot.owner
        if owner:
            order.append(owner)
        order += sorted(by_channel)
        for name in order:
            for listing in by_channel.get(name, ()):
                value = self.convert(listing.price, listing.currency or self._channel_currency(name))
                if value is not None and value > 0:
                    return value, f"{self.money(value)} on {name}"
        return self.a.default_price, f"{self.money(self.a.default_price)} assumed (no channel lists a price)"

    def _channel_currency(self, name: str) -> str | None:
        ch = self.index.snapshot.channels.get(name)
        return ch.currency if ch else None

    def velocity(self, key: str, channel: str) -> Rate:
        """How fast a product sells on one channel, from its orders (or the assumed default)."""
        days = self.index.order_days.get(channel)
        if days is None:
            a = self.a.default_units_per_day
            return Rate(a, 0.0, 2 * a, f"{_num(a)}/day assumed on {channel} (no order history)", assumed=True)
        units = self.index.sold.get((channel, key), 0)
        return Rate.counted(units, days, f"{channel} sells {_num(units / days)}/day ({units} in {_num(days)} days)")

    def demand(self, key: str, channels: list[str] | None = None) -> Rate:
        """Total velocity over channels with order history; assumed when none has any."""
        names = channels if channels is not None else list(self.index.channels_of(key))
        seen = [n for n in names if n in self.index.order_days]
        if not seen:
            a = self.a.default_units_per_day
            return Rate(a, 0.0, 2 * a, f"{_num(a)}/day assumed (no order history)", assumed=True)
        units = sum(self.index.sold.get((n, key), 0) for n in seen)
        days = max(self.index.order_days[n] for n in seen)
        where = "all channels" if len(seen) > 1 else seen[0]
        return Rate.counted(units, days, f"{_num(units / days)}/day across {where} ({units} in {_num(days)} days)")

    # --- mechanisms ---------------------------------------------------------------------------
    def _unit_oversell(self, price: float) -> tuple[float, str]:
        handling = self.a.cost_per_oversold_order
        margin = price * self.a.gross_margin
        return handling + margin, f"({self.money(handling)} handling + {self.money(margin)} lost margin)"

    def oversell(self, units_per_month: Rate | float, key: str, channel: str | None, why: str) -> Money:
        """Orders taken for stock that is not there: refund, handling, and the margin of a lost sale."""
        price, _ = self.price(key, channel)
        per_unit, unit_words = self._unit_oversell(price)
        units = _as_rate(units_per_month)
        amount = units.value * per_unit
        basis = f"{_num(units.value)} oversold orders a month ({why}) × {unit_words} = {self.money(amount)}"
        return self._money(amount, units.low * per_unit, units.high * per_unit, basis)

    def lost_sales(self, units_per_month: Rate | float, key: str, channel: str | None, why: str) -> Money:
        """Sales missed because a channel hides stock the owner has."""
        price, price_words = self.price(key, channel)
        per_unit = price * self.a.gross_margin * self.a.lost_sale_share
        units = _as_rate(units_per_month)
        amount = units.value * per_unit
        basis = (
            f"{_num(units.value)} sales a month missed ({why}) × {price_words} × "
            f"{self.a.gross_margin:.0%} margin × {self.a.lost_sale_share:.0%} really lost = {self.money(amount)}"
        )
        return self._money(amount, units.low * per_unit, units.high * per_unit, basis)

    def owed_now(self, units: int, key: str, channel: str | None, why: str) -> Money:
        """Stock already below zero: each unit is an order that cannot ship, owed this month."""
        price, _ = self.price(key, channel)
        per_unit, unit_words = self._unit_oversell(price)
        amount = units * per_unit
        basis = f"{units} orders already oversold ({why}) × {unit_words} = {self.money(amount)}"
        return self._money(amount, amount, amount, basis)

    def sync_gap(
        self, demand: Rate, gap_seconds: float, sell_downs_per_month: float, units_left: int, key: str,
        channel: str | None, why: str,
    ) -> Money:
        """A gap of T during which other channels still show stock that is gone.

        At each sell-down to ``units_left`` units, demand N ~ Poisson(λT) arrives inside the gap and
        E[max(0, N - U)] of it is oversold.
        """
        days = gap_seconds / 86400.0
        expected = lambda lam: expected_excess(lam * days, units_left)  # noqa: E731
        per_selldown = expected(demand.value)
        units = Rate(
            sell_downs_per_month * per_selldown,
            sell_downs_per_month * expected(demand.low),
            sell_downs_per_month * expected(demand.high),
            demand.words,
        )
        price, _ = self.price(key, channel)
        per_unit, unit_words = self._unit_oversell(price)
        amount = units.value * per_unit
        basis = (
            f"{_num(sell_downs_per_month)} sell-downs a month × E[max(0, N − {units_left})] = "
            f"{per_selldown:.3f} units, N ~ Poisson({demand.value:.2f}/day × {_minutes(gap_seconds)}) "
            f"({why}; {demand.words}) × {unit_words} = {self.money(amount)}"
        )
        return self._money(amount, units.low * per_unit, units.high * per_unit, basis)

    def _money(self, amount: float, low: float, high: float, basis: str) -> Money:
        low, high = min(low, amount), max(high, amount)
        return Money(amount=round(amount, 2), low=round(low, 2), high=round(high, 2), currency=self.currency, basis=basis)

    # --- severity ------------------------------------------------------------------------------
    def severity(self, default: Severity, money: Money | None, revenue_per_month: float) -> Severity:
        """A check's default severity, raised when the money is large and lowered when it is trivial."""
        if money is None:
            return default
        big = max(250.0, 0.02 * revenue_per_month)
        if money.amount >= 4 * big:
            return default.shifted(+2) if default.rank < 2 else default.shifted(+1)
        if money.amount >= big:
            return default.shifted(+1)
        if money.amount < 1.0:
            return default.shifted(-1)
        return default


def _as_rate(units: Rate | float) -> Rate:
    if isinstance(units, Rate):
        return units
    return Rate(units, units, units, "")


def _minutes(seconds: float) -> str:
    if seconds >= 3600:
        return f"{seconds / 3600:.1f} h"
    return f"{seconds / 60:.0f} min"


def expected_excess(lam: float, units: int) -> float:
    """E[max(0, N - U)] for N ~ Poisson(lam): the demand beyond U units left."""
    if lam <= 0:
        return 0.0
    if units <= 0:
        return lam
    # E[N - U] + sum_{k < U} (U - k) P(N = k)
    p = math.exp(-lam)
    total = 0.0
    for k in range(units):
        total += (units - k) * p
        p *= lam / (k + 1)
    return max(0.0, lam - units + total)


# --- the score ------------------------------------------------------------------------------
SEVERITY_FLOOR = {Severity.critical: 80, Severity.high: 50, Severity.medium: 20, Severity.low: 5}


def leak_score(money_per_month: float, revenue_per_month: float, worst: Severity | None) -> tuple[int, str]:
    """0-100: 100 × (1 − e^(−32·r)) with r = money at risk ÷ revenue; the severity floor without revenue."""
    if worst is None:
        return 0, "no open findings"
    if revenue_per_month > 0:
        r = money_per_month / revenue_per_month
        score = round(100 * (1 - math.exp(-32 * r)))
        return score, f"100 × (1 − e^(−32 × {r:.4f})) = {score}, r = money at risk ÷ revenue per month"
    floor = SEVERITY_FLOOR[worst]
    return floor, f"no revenue seen: the floor of the worst severity ({worst.value}) = {floor}"


def band(score: int) -> str:
    if score >= 80:
        return "critical"
    if score >= 50:
        return "high"
    if score >= 20:
        return "moderate"
    return "low"

"""Who buys what, where and when: the orders of a world, before stock decides which can happen.

Each (variant, channel) pair sells as a Poisson process with the shop's weekly and daily rhythm
(online sells into the evening and most on Sundays; the till only in opening hours, busiest on
Saturdays, closed on Sundays). Web and till sales are grouped into baskets of a few lines.
Each order's fate (dispatched, still open, cancelled, refunded, restocked or not) is decided
here too; the stock simulation then refuses the lines a channel had no stock for.
"""

from __future__ import annotations

import math
import random
import string
from bisect import bisect
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from .records import WLine, WOrder

HOUR, DAY = 3600.0, 86400.0
QUIET_HOURS = 3 * HOUR  # no sales in the last hours before as-of (the night before opening)

ONLINE_HOURS = (0.25, 0.15, 0.1, 0.1, 0.1, 0.2, 0.4, 0.7, 0.9, 1.0, 1.1, 1.1, 1.3, 1.2, 1.0, 1.0, 1.0, 1.1,
                1.4, 1.7, 1.8, 1.5, 1.0, 0.5)
ONLINE_DAYS = (0.95, 0.9, 0.95, 1.0, 1.05, 1.1, 1.3)  # Monday .. Sunday
TILL_HOURS = (0,) * 9 + (0.6, 0.9, 1.2, 1.4, 1.3, 1.2, 1.1, 0.9, 0.3) + (0,) * 6  # open 09:00-17:30
TILL_DAYS = (0.9, 0.8, 0.9, 1.0, 1.2, 1.9, 0.0)  # closed on Sundays


class Clock:
    """Local (London) days of the window: turns "3 days ago at 14:10" into UTC seconds, and back."""

    def __init__(self, as_of: float, days: int, tz: str):
        self.as_of, self.tz = as_of, ZoneInfo(tz)
        last = datetime.fromtimestamp(as_of, self.tz).date()
        self.first = last - timedelta(days=days + 1)
        self.dates = [self.first + timedelta(days=i) for i in range(days + 12)]
        self.midnights = [datetime(d.year, d.month, d.day, tzinfo=self.tz).timestamp() for d in self.dates]
        self.today = days + 1  # index of as-of's local date

    def at(self, days_ago: int, hhmm: str) -> float:
        h, m = hhmm.split(":")
        d = self.dates[self.today - days_ago]
        return datetime(d.year, d.month, d.day, int(h), int(m), tzinfo=self.tz).timestamp()

    def day_of(self, ts: float) -> int:
        return bisect(self.midnights, ts) - 1

    def weekday(self, index: int) -> int:
        return self.dates[index].weekday()

    def business(self, ts: float, rng: random.Random) -> float:
        """The first weekday working hours (08:00-16:00) at or after ``ts``: when a delivery comes."""
        i = self.day_of(ts)
        while True:
            if self.weekday(i) < 5:
                start = self.midnights[i] + 8 * HOUR
                if ts <= start + 7 * HOUR:
                    return max(ts, start) + rng.uniform(0, HOUR)
            i += 1
            if i >= len(self.midnights):
                return float("inf")


class Slots:
    """Hourly slots of the window weighted by a rhythm; ``sample`` draws a sale time from them."""

    def __init__(self, clock: Clock, start: float, end: float, hours: tuple, days: tuple):
        self.starts: list[float] = []
        self.cum: list[float] = []
        total = 0.0
        t = start - start % HOUR
        while t < end - HOUR:
            local = datetime.fromtimestamp(t, clock.tz)
            total += hours[local.hour] * days[local.weekday()]
            self.starts.append(t)
            self.cum.append(total)
            t += HOUR
        self.total = total
        self.days = (end - start) / DAY
        # mean weight per hour of a 7-day week: a rate per day stays a rate per day
        week = sum(h * d for h in hours for d in days) / (7 * 24)
        self.scale = total / (len(self.starts) * week) if self.starts else 0.0

    def sample(self, rng: random.Random) -> float:
        i = bisect(self.cum, rng.random() * self.total)
        return self.starts[min(i, len(self.starts) - 1)] + rng.random() * HOUR


def poisson(rng: random.Random, lam: float) -> int:
    if lam <= 0:
        return 0
    if lam > 30:
        return max(0, int(rng.gauss(lam, math.sqrt(lam)) + 0.5))
    limit, k, p = math.exp(-lam), 0, rng.random()
    while p > limit:
        k += 1
        p *= rng.random()
    return k


_B62 = string.digits + string.ascii_letters


def order_id(channel_platform: str, rng: random.Random, number: int) -> str:
    """An order reference in the channel's own style."""
    if channel_platform == "shopify":
        return f"#{1000 + number}"
    n = rng.getrandbits(64)
    if channel_platform == "amazon":
        return f"{202 + n % 5}-{(n >> 4) % 10**7:07d}-{(n >> 30) % 10**7:07d}"
    if channel_platform == "ebay":
        return f"{1 + n % 27:02d}-{(n >> 5) % 10**5:05d}-{(n >> 25) % 10**5:05d}"
    n = (n << 67) | rng.getrandbits(67)
    chars = []
    for _ in range(22):
        n, r = divmod(n, 62)
        chars.append(_B62[r])
    return "".join(chars)


def generate(world, rng: random.Random, clock: Clock) -> dict[str, list]:
    """Every channel's orders (into ``world.channels[...].orders``); returns item -> [(ts, channel, order, line)]."""
    plan = world.plan
    start, end = world.start(), world.as_of - QUIET_HOURS
    online = Slots(clock, start, end, ONLINE_HOURS, ONLINE_DAYS)
    till = Slots(clock, start, end, TILL_HOURS, TILL_DAYS)
    sellers = [c for c in world.channels.values() if c.spec.share > 0]
    listed: dict[str, dict[str, object]] = {}  # channel -> item -> its listing there, where linked
    for ch in sellers:
        listed[ch.name] = {lst.item: lst for lst in ch.listings if lst.linked}
    raw: dict[str, list[tuple[float, str, int]]] = {c.name: [] for c in sellers}
    info = [(listed[c.name], c.spec.share, c.spec.role == "marketplace", till if c.spec.role == "till" else online,
             raw[c.name]) for c in sellers]
    random_ = rng.random
    for item in world.items.values():
        if item.per_day <= 0:
            continue
        sku = item.sku
        where = [x for x in info if sku in x[0]]
        share = sum(x[1] for x in where)
        for _, ch_share, market, slots, out in where:
            n = poisson(rng, item.per_day * ch_share / share * slots.days * slots.scale)
            for _ in range(n):
                if market:
                    q = 1
                else:
                    r = random_()
                    q = 1 if r < 0.86 else (2 if r < 0.97 else 3)
                out.append((slots.sample(rng), sku, q))
    by_item: dict[str, list] = {}
    for ch in sellers:
        lines = sorted(raw.pop(ch.name))
        basket = ch.spec.role in ("owner", "till")
        here = listed[ch.name]
        orders: list = []
        prev = None
        for ts, sku, q in lines:
            lst = here[sku]
            line = WLine(lst.sku, sku, q, lst.price)
            if basket and prev is not None and len(prev.lines) < 4 and random_() < 0.22 \
                    and all(x.item != sku for x in prev.lines) and ts - prev.ts < 6 * HOUR:
                prev.lines.append(line)
                continue
            prev = WOrder("", ts, [line])
            orders.append(prev)
        for s in plan.sales:
            if s.channel != ch.name:
                continue
            lst = here.get(s.sku)
            if lst is None:
                raise ValueError(f"planted sale of {s.sku} on {ch.name}, which does not list it under that code")
            line = WLine(lst.sku, s.sku, s.quantity, lst.price, reaches_owner=s.reaches_owner, forced=s.force,
                         planted=True)
            order = WOrder("", clock.at(s.days_ago, s.at), [line])
            order.status = s.state
            if s.state in ("refunded", "cancelled"):
                order.closed_ts = order.ts + s.refund_after_days * DAY
                line.refunded, line.restocked = s.quantity, (s.quantity if s.restocked else 0)
            orders.append(order)
        orders.sort(key=lambda o: o.ts)
        planted = random.Random(f"{world.seed}:{ch.name}:planted")  # plants never reshuffle the rest
        for n, order in enumerate(orders, start=1):
            r = planted if order.lines[0].planted else rng
            order.order_id = order_id(ch.spec.platform, r, n)
            order.number = n
            _fate(order, ch.spec.role, world.as_of, r)
            for line in order.lines:
                by_item.setdefault(line.item, []).append((order.ts, ch.name, order, line))
        ch.orders = orders
    return by_item


def _fate(order, role: str, as_of: float, rng: random.Random) -> None:
    """Dispatched, still open, cancelled or refunded; refunds and cancellations go back into stock."""
    if order.status == "open":
        return
    planted = order.closed_ts is not None
    delay = 0.0 if role == "till" else rng.uniform(0.2, 2.0) * DAY
    if not planted:
        r = rng.random()
        if role != "till" and r < 0.01:
            order.status, order.closed_ts = "cancelled", order.ts + rng.uniform(0.5, 6) * HOUR
        elif r < (0.005 if role == "till" else 0.03):
            when = order.ts + delay + rng.uniform(2, 10) * DAY
            if when < as_of - QUIET_HOURS:
                order.status, order.closed_ts = "refunded", when
        if order.closed_ts is not None:
            for line in order.lines:
                line.refunded = line.restocked = line.quantity
    if order.status == "cancelled":
        return
    if order.ts + delay > as_of:
        order.status = "open"
    else:
        order.fulfilled_ts = order.ts + delay

"""RES001: stock held by reservations or unfulfilled orders long past their time."""

from __future__ import annotations

from itertools import compress, repeat
from operator import attrgetter, eq
from typing import Iterable

from ..index import DAY
from ..model import CAP_ORDERS, CAP_RESERVATIONS, STATUS_OPEN, OrderLine
from ..money import Rate
from ..report.model import Severity
from ._rates import at_most, per_month
from ._words import iso, lowered, spelling, title_case, units_of
from .base import Check, CheckContext, Leak

MAX_EXAMPLES = 5
_status = attrgetter("status")


class StuckReservations(Check):
    """Stock held by reservations or unfulfilled orders far past their time

    ## What it finds
    Orders still open (paid or pending, not sent) longer than `reservation_max_age_days`
    (7 days unless the config says otherwise), and, where a channel gives committed or reserved
    quantities, products holding more units as committed or reserved than the open orders of
    the last `reservation_max_age_days` account for. One finding per product per channel.

    ## Why it costs money
    Units held for an order that will never ship, or for a reservation nobody released, are
    counted as sold: the product shows sold out on paper while it sits on the shelf. Money at
    risk is the sales a month the held units turn away: the product's demand a month (on that
    channel, or on all channels when it is the owner, whose count feeds them), at most the units
    held, times the margin of a sale and the share of customers who do not buy elsewhere.

    ## How to fix
    Fulfil, cancel or archive the old open orders, and release reservations that have expired
    (abandoned draft orders, cart holds, stale pick lists). Then make the reservation time out
    on its own: most platforms and sync apps have a setting for how long stock is held.

    ## Evidence
    `channel`: the channel holding the stock.
    `stuck_orders`: open orders for the product older than the limit.
    `oldest_days`: age in days of the oldest of them (null when there are none).
    `units_held`: units held beyond what recent orders explain (the larger of the units in the
    stuck orders and the committed or reserved units beyond recent open orders).
    `committed_or_reserved`: the channel's committed plus reserved units, or null when it does
    not give them.
    `recent_open_units`: units in open orders younger than the limit.
    `examples`: up to five of the oldest stuck orders, with `order_id`, `time`, `sku`,
    `quantity` and `days_open`.
    """

    id = "RES001"
    severity = Severity.medium
    needs = frozenset({CAP_ORDERS})

    def run(self, ctx: CheckContext) -> Iterable[Leak]:
        index = ctx.index
        max_days = ctx.assumptions.reservation_max_age_days
        max_age = max_days * DAY
        now: dict[str, float] = {}
        for ch in ctx.channels:
            moment = ctx.snapshot.as_of or ch.exported_at
            if moment:
                now[ch.name] = moment
            else:
                ctx.not_evaluated(ch.name, "no date for the data, so the age of open orders cannot be told")
            if CAP_RESERVATIONS not in ch.provides:
                ctx.not_evaluated(
                    ch.name,
                    f"no committed or reserved quantities in what was read: only orders left open "
                    f"longer than {max_days:g} days were checked",
                )
        stuck: dict[tuple[str, str], list[OrderLine]] = {}
        recent: dict[tuple[str, str], int] = {}
        for ch in ctx.snapshot.channels.values():
            moment = now.get(ch.name)
            if moment is None or not ch.orders:
                continue
            # the open lines only, picked out in C: most lines of a long history are long fulfilled
            for line in compress(ch.orders, map(eq, map(_status, ch.orders), repeat(STATUS_OPEN))):
                ck = (ch.name, line.key)
                if moment - line.ts > max_age:
                    stuck.setdefault(ck, []).append(line)
                else:
                    recent[ck] = recent.get(ck, 0) + _units(line)
        counted = {c.name for c in ctx.channels if CAP_RESERVATIONS in c.provides and c.name in now}
        beyond: set[tuple[str, str]] = set()  # more committed or reserved than recent orders explain
        for name in counted:
            for key, items in index.listed.get(name, {}).items():
                if len(items) == 1:  # the common case, read straight off the listing
                    committed, reserved = items[0].committed, items[0].reserved
                else:  # summed over its locations (inlined: a stock object each would cost more than this walk)
                    committed = reserved = None
                    for listing in items:
                        v = listing.committed
                        if v is not None:
                            committed = v if committed is None else committed + v
                        v = listing.reserved
                        if v is not None:
                            reserved = v if reserved is None else reserved + v
                if (committed or reserved) and (committed or 0) + (reserved or 0) > recent.get((name, key), 0):
                    beyond.add((name, key))
        for ck in sorted(stuck.keys() | beyond):
            lines = stuck.get(ck, [])
            stuck_units = sum(_units(line) for line in lines)
            held = None
            if ck[0] in counted:
                s = index.stock_of(*ck)
                if s is not None and (s.committed is not None or s.reserved is not None):
                    held = (s.committed or 0) + (s.reserved or 0)
            units_held = max(stuck_units, (held or 0) - recent.get(ck, 0))
            if units_held <= 0:
                continue
            yield self._leak(ctx, ck, now[ck[0]], max_days, lines, units_held, held, recent.get(ck, 0))

    def _leak(self, ctx: CheckContext, ck: tuple[str, str], now: float, max_days: float, lines: list[OrderLine],
              units_held: int, reserved: int | None, recent: int) -> Leak:
        name, key = ck
        index = ctx.index
        sku = spelling(index, name, key) if (name, key) in index.spellings else (lines[0].sku if lines else key)
        lines = sorted(lines, key=lambda line: line.ts)
        oldest = round((now - lines[0].ts) / DAY, 1) if lines else None
        demand, where = self._demand(ctx, name, key)
        units = at_most(demand, units_held)
        why = (f"{where}: {demand.words} = {demand.value:.1f} a month, at most the {units_held} units held")
        money = ctx.pricer.lost_sales(units, key, name, why)
        confidence = "high" if lines else "medium"  # a reservation alone may be stock in transit
        if demand.assumed:
            confidence = lowered(confidence)
        count = len({line.order_id for line in lines})
        if lines:
            orders = "1 order" if count == 1 else f"{count} orders"
            verb = "has" if count == 1 else "have"
            oldest_words = "" if count == 1 else f" (the oldest {oldest:g} days)"
            age = f"{oldest:g} days" if count == 1 else f"more than {max_days:g} days"
            in_orders = sum(_units(line) for line in lines)
            more = "" if units_held <= in_orders else (
                f" ({units_held} in all are committed or reserved beyond the last {max_days:g} days' orders)")
            message = (f"On {name}, {orders} for {sku} {verb} waited unfulfilled for {age}{oldest_words}, "
                       f"holding {units_of(in_orders)} out of sale{more}.")
        else:
            message = (f"{title_case(name)} holds {units_of(reserved or 0)} of {sku} as committed or reserved, "
                       f"but open orders from the last {max_days:g} days account for only {recent}.")
        examples = [
            {"order_id": line.order_id, "time": iso(line.ts), "sku": line.sku, "quantity": line.quantity,
             "days_open": round((now - line.ts) / DAY, 1)}
            for line in lines[:MAX_EXAMPLES]
        ]
        return Leak(
            check_id=self.id, message=message, channels=[name],
            skus=sorted({sku, *(line.sku for line in lines)}), keys=[key],
            evidence={
                "channel": name, "stuck_orders": count, "oldest_days": oldest,
                "units_held": units_held, "committed_or_reserved": reserved, "recent_open_units": recent,
                "examples": examples,
            },
            money=money, confidence=confidence,
        )

    @staticmethod
    def _demand(ctx: CheckContext, name: str, key: str) -> tuple[Rate, str]:
        """Units a month the held stock could have sold: all channels when it is the owner's count."""
        if name == ctx.snapshot.owner:
            return per_month(ctx.pricer.demand(key)), f"{name} owns the count every channel sells from"
        return per_month(ctx.pricer.velocity(key, name)), f"{name}'s demand"


def _units(line: OrderLine) -> int:
    return max(0, line.quantity - line.refunded_quantity)

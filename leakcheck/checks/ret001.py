"""RET001: cancelled or refunded units that never went back into stock."""

from __future__ import annotations

from typing import Iterable

from ..model import CAP_ORDERS, CAP_RESTOCKS, STATUS_CANCELLED, STATUS_REFUNDED, OrderLine
from ..money import Rate
from ..report.model import Severity
from ._rates import per_month
from ._words import iso, lowered, spelling
from .base import Check, CheckContext, Leak

MAX_EXAMPLES = 5


def _refunded(line: OrderLine) -> int:
    """Units taken back from a line: a cancelled line's whole quantity, else the refunded units."""
    if line.status == STATUS_CANCELLED:
        return max(line.quantity, line.refunded_quantity)
    if line.status == STATUS_REFUNDED:
        return line.refunded_quantity or line.quantity
    return line.refunded_quantity  # partial refunds keep the order's status


class ReturnsNotRestocked(Check):
    """Returns and cancellations that never came back into stock

    ## What it finds
    Order lines cancelled or refunded (fully or in part) where fewer units went back into stock
    than were taken back: the refund or cancellation was recorded without "restock". Only
    channels whose orders say how many units were restocked can be checked; lines where the
    channel does not say are left out. One finding per product per channel.

    ## Why it costs money
    A cancelled order's units are still on the shelf, and a returned item is often sellable,
    but the count does not know: the stock is hidden from every channel and sales are turned
    away. Money at risk is the units not restocked a month (those in the order history, spread
    over its days) times the margin of a sale and the share of customers who do not buy
    elsewhere. Some refunds rightly stay out of stock (damaged goods, "keep it" refunds), so a
    finding with refunds in it has medium confidence; cancellations alone have high.

    ## How to fix
    Check the shelf for these units and add back what is sellable. Then make restocking the
    default when cancelling or refunding (the "restock items" box, or the returns app's
    setting), and record damaged returns as written off so the two cases stay apart.

    ## Evidence
    `channel`: the channel whose orders were cancelled or refunded.
    `lines`: order lines with units not restocked.
    `units_not_restocked`: units taken back but not returned to stock, over the order history.
    `examples`: up to five of the most recent lines, with `order_id`, `time`, `sku`, `units`
    (not restocked) and `status`.
    """

    id = "RET001"
    severity = Severity.medium
    needs = frozenset({CAP_ORDERS, CAP_RESTOCKS})

    def run(self, ctx: CheckContext) -> Iterable[Leak]:
        names = {c.name for c in ctx.channels}
        for name, grouped in ctx.index.orders_of.items():
            if name not in names:
                continue
            for key, lines in grouped.items():
                found: list[tuple[OrderLine, int]] = []
                for line in lines:
                    if line.restocked_quantity is None:
                        continue  # the channel cannot say for this line
                    missing = _refunded(line) - line.restocked_quantity
                    if missing > 0:
                        found.append((line, missing))
                if found:
                    yield self._leak(ctx, (name, key), found)

    def _leak(self, ctx: CheckContext, ck: tuple[str, str], found: list[tuple[OrderLine, int]]) -> Leak:
        name, key = ck
        index = ctx.index
        units = sum(missing for _, missing in found)
        days = index.order_days.get(name, float(ctx.snapshot.history_days))
        rate = per_month(Rate.counted(units, days, f"{units} units not restocked in {days:g} days of orders on {name}"))
        why = f"{rate.words} = {rate.value:.1f} a month kept out of sale"
        money = ctx.pricer.lost_sales(rate, key, name, why)
        cancelled_only = all(line.status == STATUS_CANCELLED for line, _ in found)
        confidence = "high" if cancelled_only else lowered("high")
        sku = spelling(index, name, key) if (name, key) in index.spellings else found[0][0].sku
        orders = len({line.order_id for line, _ in found})
        what = "cancelled" if cancelled_only else "cancelled or refunded"
        message = (f"On {name}, {units} unit{'s' if units != 1 else ''} of {sku} from {orders} {what} "
                   f"order{'s' if orders != 1 else ''} never went back into stock.")
        recent = sorted(found, key=lambda f: f[0].ts, reverse=True)[:MAX_EXAMPLES]
        examples = [{"order_id": line.order_id, "time": iso(line.ts), "sku": line.sku, "units": missing,
                     "status": line.status} for line, missing in recent]
        return Leak(
            check_id=self.id, message=message, channels=[name],
            skus=sorted({sku, *(line.sku for line, _ in found)}), keys=[key],
            evidence={"channel": name, "lines": len(found), "units_not_restocked": units, "examples": examples},
            money=money, confidence=confidence,
        )

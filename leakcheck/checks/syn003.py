"""SYN003: sales that never reached another channel's stock (a missed update)."""

from __future__ import annotations

from typing import Iterable

from ..model import CAP_EVENTS
from ..money import MONTH_DAYS, Rate
from ..report.model import Severity
from ._pairing import match_sales, sources_and_targets
from ._timing import MAX_PRICED, days_words, fastest, total_money
from ._words import iso, spelling
from .base import Check, CheckContext, Leak

MAX_EXAMPLES = 10


class MissedUpdate(Check):
    """A sale on one channel never reached another channel's stock

    ## What it finds
    Sales on one channel of a product another channel also sells, where that other channel's
    stock log proves its count never went down for the sale within a day, although other sales
    of the same product did reach it. The update about that sale was lost on the way, with no
    alert. Where the log names the orders it brings in ("amazon order 205-…"), a sale counts as
    reached only by its own order id; otherwise each drop answers one sale, the latest before it.
    Nothing is called missed where the log cannot tell: before a product's first count in the
    log, while the count stood at zero, or where a delivery or a return may have been netted
    with the sale in one update. Only sales at least a day older than the end of the other
    channel's log are judged.

    ## Why it costs money
    Every lost update leaves a unit on the other channel that is no longer on the shelf, and it
    stays there until someone recounts. Sooner or later a customer buys it: an oversold order,
    a refund and an apology. The drift only ever grows.

    ## How to fix
    Correct the other channel's count now (set it from the channel that owns the stock), then
    find out why the connector dropped these sales: its error log, a product it skips, a
    timeout during busy hours. Turn on its failure alerts, and schedule a regular full
    reconciliation so a lost update is put right within hours, not at the next stocktake.

    ## Evidence
    `from_channel`: where the sales happened.
    `to_channel`: the channel whose stock never heard of them.
    `missed`: how many sales never reached it.
    `matched`: how many sales from the same channel did reach it.
    `examples`: the missed sales (up to 10), each `order_id`, `sku`, `sold_at` and `quantity`.
    `top_products`: the products with the most money at risk (up to 10), each `sku` and `amount`.
    """

    id = "SYN003"
    severity = Severity.high
    needs = frozenset({CAP_EVENTS})

    def run(self, ctx: CheckContext) -> Iterable[Leak]:
        ix = ctx.index
        sources, targets = sources_and_targets(ctx, "check")
        if not targets:
            return
        for (a, b), pair in sorted(match_sales(ix, sources, targets).items()):
            # a product none of whose sales ever reached b is not synced at all: another check's business
            missed = [m for m in pair.missed if pair.matched_keys.get(m[2])]
            if missed:
                yield self._leak(ctx, a, b, pair, missed)

    def _leak(self, ctx: CheckContext, a: str, b: str, pair, missed: list) -> Leak:
        ix, pricer = ctx.index, ctx.pricer
        days = ix.order_days.get(a, 1.0)
        units: dict[str, int] = {}
        sku_by_key: dict[str, str] = {}
        for _, sku, key, _, quantity in missed:
            units[key] = units.get(key, 0) + quantity
            sku_by_key.setdefault(key, sku)
        chosen, left_out = fastest(units, units.__getitem__, MAX_PRICED)
        parts = []
        for key in chosen:
            sku = spelling(ix, b, key)
            why = (
                f"{units[key]} units of {sku} sold on {a} in {days_words(days)} never came off {b}'s count and stay "
                f"there until a recount, each sold again to someone"
            )
            rate = Rate.counted(units[key], days, why).scaled(MONTH_DAYS)
            parts.append((sku, pricer.oversell(rate, key, b, why)))
        money, top = total_money(pricer, parts, f"missed updates from {a} to {b}", left_out)
        n = len(missed)
        matched = len(pair.lags)
        message = (
            f"{n} sale{'s' if n != 1 else ''} on {a} never reached {b}'s stock ({matched} other "
            f"sale{'s' if matched != 1 else ''} did), so {b} still counts units that have gone."
        )
        return Leak(
            check_id=self.id,
            message=message,
            channels=[a, b],
            skus=sorted({m[1] for m in missed}),
            keys=sorted(units),
            evidence={
                "from_channel": a,
                "to_channel": b,
                "missed": n,
                "matched": matched,
                "examples": [
                    {"order_id": oid, "sku": sku, "sold_at": iso(t), "quantity": q}
                    for oid, sku, _, t, q in sorted(missed, key=lambda m: m[3])[:MAX_EXAMPLES]
                ],
                "top_products": top,
            },
            money=money,
            confidence="high" if matched >= 3 * n else "medium",
        )

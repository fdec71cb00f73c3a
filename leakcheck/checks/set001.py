"""SET001: a listing set to keep selling when it is out of stock."""

from __future__ import annotations

from typing import Iterable

from ..model import CAP_POLICY, POLICY_CONTINUE, Listing
from ..money import MONTH_DAYS
from ..report.model import Severity
from ._rates import observed_share, share_at_or_below_zero
from .base import Check, CheckContext, Leak


class ContinueSelling(Check):
    """Keeps selling when out of stock: the listing takes orders it cannot ship.

    ## What it finds
    Listings whose stock is tracked but set to carry on selling at zero ("continue selling when
    out of stock", backorders allowed). One finding per product per channel. Pre-orders are
    often meant to do this: mute them with an `ignore:` entry and a reason.

    ## Why it costs money
    Every order taken while the count is at or below zero is an order for stock that is not
    there: a refund, an apology, and on a marketplace a cancellation against your account.
    Money at risk = the listing's sales a day × 30 × the share of the month its stock is at or
    below zero. That share is measured from the channel's stock history where it covers at
    least 7 days; otherwise it is estimated as (30 − days of cover) ÷ 30, kept between 0.05
    and 0.5, with 0.5 when the stock is already at or below zero. Each oversold order costs
    the handling cost plus the lost margin.

    ## How to fix
    Turn off "continue selling when out of stock" (or "allow backorders") on these listings,
    unless you really take orders ahead of stock, and then say so in the listing and mute the
    finding with a reason.

    ## Evidence
    `channel`: the channel with the setting.
    `skus`: the code(s) of the affected listings, as written.
    `policy`: the oversell setting found ("continue").
    `tracked`: whether stock is tracked (true, or null when the channel does not say).
    `available`: the listing's stock now (summed over locations), or null.
    `units_per_day`: the channel's sales of it a day (from orders, or assumed).
    `days_of_cover`: stock ÷ demand on all channels, or null.
    `share_at_or_below_zero`: share of the month priced as selling past zero.
    `share_from`: "stock history" when measured, "estimate" otherwise.
    """

    id = "SET001"
    severity = Severity.high
    needs = frozenset({CAP_POLICY})

    def run(self, ctx: CheckContext) -> Iterable[Leak]:
        for ch in ctx.channels:
            grouped: dict[str, list[Listing]] = {}
            for lst in ch.listings:
                if lst.policy == POLICY_CONTINUE and lst.tracked is not False and lst.key and lst.status == "active":
                    grouped.setdefault(lst.key, []).append(lst)
            for key in sorted(grouped):
                yield self._leak(ctx, ch.name, key, grouped[key])

    def _leak(self, ctx: CheckContext, channel: str, key: str, listings: list[Listing]) -> Leak:
        ix = ctx.index
        skus = sorted({lst.sku for lst in listings})
        counts = [lst.available for lst in listings if lst.available is not None]
        available = sum(counts) if counts else None
        tracked = True if any(lst.tracked for lst in listings) else None

        rate = ctx.pricer.velocity(key, channel)
        demand = ctx.pricer.demand(key)
        observed = observed_share(ix, channel, key)
        if observed is not None:
            share, days = observed
            cover = None if available is None or demand.value <= 0 else max(0.0, available / demand.value)
            share_words = f"stock at 0 or below {share:.0%} of the last {days:.0f} days"
            share_from = "stock history"
        else:
            share, cover, share_words = share_at_or_below_zero(available, demand.value)
            share_from = "estimate"
        why = f"{rate.words} × {MONTH_DAYS:.0f} days × {share:.0%} of the time at or below zero ({share_words})"
        money = ctx.pricer.oversell(rate.scaled(MONTH_DAYS * share), key, channel, why)

        if rate.assumed:
            confidence = "low"
        elif share_from == "stock history" and tracked:
            confidence = "high"
        else:
            confidence = "medium"

        message = (
            f"{channel} {_selling(' / '.join(skus), available)}, because 'continue selling when out of stock' "
            f"is on, so orders past zero cannot be shipped."
        )
        return Leak(
            check_id=self.id,
            message=message,
            channels=[channel],
            skus=skus,
            keys=[key],
            evidence={
                "channel": channel,
                "skus": skus,
                "policy": POLICY_CONTINUE,
                "tracked": tracked,
                "available": available,
                "units_per_day": round(rate.value, 3),
                "days_of_cover": None if cover is None else round(cover, 1),
                "share_at_or_below_zero": round(share, 3),
                "share_from": share_from,
            },
            money=money,
            confidence=confidence,
        )


def _selling(skus: str, available: int | None) -> str:
    """What the listing does, in words that fit its count: a listing with 13 left is not out of stock yet."""
    if available is None:
        return f"keeps selling {skus} when it runs out"
    if available <= 0:
        return f"keeps selling {skus} with none in stock ({available} now)"
    left = "1 in stock runs" if available == 1 else f"{available:,} in stock run"
    return f"will keep selling {skus} after the {left} out"

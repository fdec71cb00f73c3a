"""SET002: a listing on sale whose stock is not tracked at all."""

from __future__ import annotations

from typing import Iterable

from ..model import CAP_TRACKED, Listing
from ..money import MONTH_DAYS
from ..report.model import Severity
from ._rates import observed_share, share_at_or_below_zero
from .base import Check, CheckContext, Leak


class StockNotTracked(Check):
    """Stock not tracked on a listing: it sells forever, whatever is left on the shelf.

    ## What it finds
    Active listings with stock tracking switched off ("track quantity" unticked, inventory not
    managed). The channel never counts their units down, so it never shows them as sold out.
    One finding per product per channel.

    ## Why it costs money
    Once the real stock is gone, every order on that listing is an order you cannot ship.
    Money at risk = the listing's sales a day × 30 × the share of the month the real stock is
    at or below zero. The real stock is the owner's count (or, when the owner does not track
    it, the lowest count another channel tracks); the share is measured from the owner's
    stock history where it covers at least 7 days, otherwise estimated as in SET001:
    (30 − days of cover) ÷ 30, kept between 0.05 and 0.5, and 0.5 when the count is at or
    below zero. With no count anywhere the share is 0.05 and the confidence low. Each oversold
    order costs the handling cost plus the lost margin.

    ## How to fix
    Turn on stock tracking for these listings and set their count from your main stock system,
    then make sure your sync tool updates them. Only services and digital goods should be
    untracked.

    ## Evidence
    `channel`: the channel with tracking off.
    `skus`: the code(s) of the untracked listings, as written.
    `real_stock`: the count the share is judged from (see `stock_from`), or null.
    `stock_from`: the channel whose count that is, or null when no channel tracks the product.
    `units_per_day`: the listing's sales a day (from orders, or assumed).
    `days_of_cover`: real stock ÷ demand on all channels, or null.
    `share_at_or_below_zero`: share of the month priced as selling past zero.
    `share_from`: "stock history" when measured, "estimate" otherwise.
    """

    id = "SET002"
    severity = Severity.high
    needs = frozenset({CAP_TRACKED})

    def run(self, ctx: CheckContext) -> Iterable[Leak]:
        for ch in ctx.channels:
            grouped: dict[str, list[Listing]] = {}
            for lst in ch.listings:
                if lst.tracked is False and lst.key and lst.status == "active":
                    grouped.setdefault(lst.key, []).append(lst)
            for key in sorted(grouped):
                yield self._leak(ctx, ch.name, key, grouped[key])

    def _leak(self, ctx: CheckContext, channel: str, key: str, listings: list[Listing]) -> Leak:
        ix = ctx.index
        skus = sorted({lst.sku for lst in listings})
        real_stock, stock_from = _real_stock(ctx, key)

        rate = ctx.pricer.velocity(key, channel)
        demand = ctx.pricer.demand(key)
        observed = observed_share(ix, stock_from, key) if stock_from else None
        if observed is not None:
            share, days = observed
            cover = None if real_stock is None or demand.value <= 0 else max(0.0, real_stock / demand.value)
            share_words = f"{stock_from} stock at 0 or below {share:.0%} of the last {days:.0f} days"
            share_from = "stock history"
        else:
            share, cover, share_words = share_at_or_below_zero(real_stock, demand.value)
            if stock_from:
                share_words = f"{stock_from} {share_words}"
            share_from = "estimate"
        why = f"{rate.words} × {MONTH_DAYS:.0f} days × {share:.0%} of the time with no real stock ({share_words})"
        money = ctx.pricer.oversell(rate.scaled(MONTH_DAYS * share), key, channel, why)

        if rate.assumed or real_stock is None:
            confidence = "low"
        else:
            confidence = "high" if share_from == "stock history" else "medium"

        shelf = "" if real_stock is None else f" ({stock_from} has {real_stock})"
        message = (
            f"{channel} does not track stock for {' / '.join(skus)}, so it keeps selling it "
            f"whatever is left on the shelf{shelf}."
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
                "real_stock": real_stock,
                "stock_from": stock_from,
                "units_per_day": round(rate.value, 3),
                "days_of_cover": None if cover is None else round(cover, 1),
                "share_at_or_below_zero": round(share, 3),
                "share_from": share_from,
            },
            money=money,
            confidence=confidence,
        )


def _real_stock(ctx: CheckContext, key: str) -> tuple[int | None, str | None]:
    """The owner's tracked count of the product; else the lowest tracked count on another channel."""
    counts: dict[str, int] = {}
    for channel, listings in ctx.index.channels_of(key).items():
        known = [lst.available for lst in listings if lst.tracked is not False and lst.available is not None]
        if known:
            counts[channel] = sum(known)
    owner = ctx.snapshot.owner
    if owner in counts:
        return counts[owner], owner
    if not counts:
        return None, None
    channel = min(counts, key=lambda c: (counts[c], c))
    return counts[channel], channel

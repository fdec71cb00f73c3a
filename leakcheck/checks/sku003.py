"""SKU003: listings with no code at all, which no sync tool can match."""

from __future__ import annotations

from typing import Iterable

from ..model import ChannelData, Listing
from ..money import MONTH_DAYS, Rate
from ..report.model import Severity
from ._rates import BASE_SHARE
from .base import Check, CheckContext, Leak

_SHOWN = 20


class MissingCode(Check):
    """Listings with no code at all, so their stock can never be synced.

    ## What it finds
    Listings that are on sale (active, or holding stock) but carry no SKU, or a code made only
    of spaces and punctuation. One finding per channel, naming how many and the first titles.

    ## Why it costs money
    Sync tools match listings by their code; a listing without one is never updated when the
    product sells elsewhere, and its own sales never reach the other channels. If the product
    is also sold elsewhere, its count drifts until one side sells units that are gone. Which
    product a code-less listing is cannot be known, so the money is a rough, low-confidence
    figure: the channel's sales of code-less lines a day where its orders show them, otherwise
    the assumed daily sales (`default_units_per_day`) × the number of such listings; × 30 days ×
    0.1 (the share of sales that land on a product's last units, as in SKU001) oversold
    orders a month, each costing the handling cost plus the lost margin at the assumed price.

    ## How to fix
    Give every listing the same code it has in your main stock system, then link it in your
    sync tool. Listings you no longer sell can be archived instead.

    ## Evidence
    `channel`: the channel holding the code-less listings.
    `count`: how many listings on sale have no code.
    `titles`: the first 20 of their titles, in the order the channel lists them.
    `rows`: where the first 20 came from (file row numbers, 0 when read live).
    `with_stock`: how many of them show stock above zero.
    `units_per_day`: the sales a day assumed or observed for all of them together.
    """

    id = "SKU003"
    severity = Severity.medium

    def run(self, ctx: CheckContext) -> Iterable[Leak]:
        for ch in ctx.channels:
            if not ch.listings:
                ctx.not_evaluated(ch.name, "no listings were read from this channel, so no codes could be checked")
                continue
            # One pass over the channel's listings: the index leaves code-less listings out.
            blank = [
                lst for lst in ch.listings
                if not lst.key and (lst.status == "active" or (lst.available or 0) > 0)
            ]
            if blank:
                yield self._leak(ctx, ch, blank)

    def _leak(self, ctx: CheckContext, ch: ChannelData, blank: list[Listing]) -> Leak:
        ix = ctx.index
        count = len(blank)
        with_stock = sum(1 for lst in blank if (lst.available or 0) > 0)
        sold = ix.sold_of.get(ch.name, {}).get("", 0)
        days = ix.order_days.get(ch.name)
        if days is not None and sold > 0:
            rate = Rate.counted(sold, days, f"{ch.name} sold {sold} units without a code in {days:.0f} days")
        else:
            per = ctx.assumptions.default_units_per_day
            rate = Rate(per * count, 0.0, 2 * per * count,
                        f"{per:g}/day assumed for each of {count} listings", assumed=True)
        why = f"{rate.words} × {MONTH_DAYS:.0f} days × {BASE_SHARE:.0%} of sales at the last units"
        money = ctx.pricer.oversell(rate.scaled(MONTH_DAYS * BASE_SHARE), "", ch.name, why)

        titles = [lst.title or "(untitled)" for lst in blank[:_SHOWN]]
        examples = ", ".join(f"'{t}'" for t in titles[:3])
        noun = "listing" if count == 1 else "listings"
        message = (
            f"{ch.name} has {count} {noun} on sale with no SKU (e.g. {examples}), "
            f"so no sync tool can match {'it' if count == 1 else 'them'} to your stock."
        )
        return Leak(
            check_id=self.id,
            message=message,
            channels=[ch.name],
            skus=sorted({lst.sku for lst in blank}),
            keys=[],
            evidence={
                "channel": ch.name,
                "count": count,
                "titles": titles,
                "rows": [lst.row for lst in blank[:_SHOWN]],
                "with_stock": with_stock,
                "units_per_day": round(rate.value, 3),
            },
            money=money,
            confidence="low",
        )

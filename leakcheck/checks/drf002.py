"""DRF002: a channel shows less, or sold out, while the owner has the stock (hidden stock)."""

from __future__ import annotations

from typing import Iterable

from ..model import CAP_STOCK, ChannelData
from ..money import Rate
from ..report.model import Severity
from ._rates import at_most, export_gap_hours, less, per_month
from ._words import all_spellings, gap_clause, lowered, spelling, title_case
from ._drift import owner_beside_channels
from .base import Check, CheckContext, Leak

# Up to this many units held back is a safety buffer (SET003 asks fast movers to keep one), not hidden
# stock: sold out included, since a buffer shows a channel sold out while the owner has its last units.
BUFFER_UNITS = 2
MIN_SHARE = 0.2  # a shortfall must also be at least this share of the owner's count (else: a sale in flight)


class HiddenStock(Check):
    """A channel shows less, or sold out, while the owner has stock

    ## What it finds
    Products the owner channel (whose count is the truth) has in stock while another channel
    shows them sold out, or shows clearly fewer: at least 20 % fewer than the owner has, and
    more than 2 units fewer. Up to 2 units held back is a safety buffer (what SET003 asks fast
    movers to keep), which shows a channel sold out while the owner has its last units; smaller
    differences are usually a sale on its way through the sync. Draft or archived listings are
    left out: not offering them is a choice. A code used for two different products on one side
    (SKU002's finding) is left out: its count is two products' stock added up. One finding per
    product per channel.

    ## Why it costs money
    Customers on that channel cannot buy what is on your shelf, and nobody counts the sales that
    never happen. Money at risk is the sales a month the channel turns away: its demand beyond
    what it still shows, at most the hidden units, times the margin of a sale and the share of
    those customers who do not buy elsewhere (`lost_sale_share`). A channel showing nothing has
    no sales of its own to measure, so it is given an equal share of the product's demand on the
    channels that do sell it (0.1 a day assumed where none has order history).

    ## How to fix
    Push the owner's count to the channel again and find why it stopped arriving: a broken
    product mapping, a paused sync, a listing out of the sync app's scope, or a manual edit on
    the channel. If the channel is capped on purpose (a safety buffer), write that cap down in
    the sync tool so it is one rule, not a stale number.

    ## Evidence
    `owner`: the owner channel's name.
    `channel`: the channel that shows too little.
    `owner_available`: units the owner has (summed over locations).
    `channel_available`: units the channel shows (active listings, summed over locations).
    `shortfall`: units the owner has that the channel does not show.
    `export_gap_hours`: hours between the two exports when more than 24, else null (then the
    finding's confidence is lowered).
    """

    id = "DRF002"
    severity = Severity.medium
    needs = frozenset({CAP_STOCK})
    owner_needs = frozenset({CAP_STOCK})

    def run(self, ctx: CheckContext) -> Iterable[Leak]:
        owner = ctx.owner
        for key, owner_available, channel, shown, listed_on in owner_beside_channels(ctx):
            if owner_available <= 0:
                continue
            visible = shown if shown > 0 else 0
            shortfall = owner_available - visible
            if shortfall <= BUFFER_UNITS or (visible > 0 and shortfall < MIN_SHARE * owner_available):
                continue
            yield self._leak(ctx, owner, channel, key, owner_available, shown, shortfall, listed_on)

    def _leak(self, ctx: CheckContext, owner: ChannelData, channel: ChannelData, key: str,
              owner_available: int, shown: int, shortfall: int, listed_on: int) -> Leak:
        index, name = ctx.index, channel.name
        gap = export_gap_hours(owner, channel)
        demand, demand_words = self._demand(ctx, key, name, shown, listed_on)
        units = at_most(less(demand, max(shown, 0)), shortfall)
        if shown > 0:
            why = (f"{name}'s demand beyond the {shown} it shows, at most the {shortfall} hidden: "
                   f"{demand_words} = {demand.value:.1f} a month")
        else:
            why = f"{name}'s demand, at most the {shortfall} hidden: {demand_words} = {demand.value:.1f} a month"
        money = ctx.pricer.lost_sales(units, key, name, why)
        confidence = lowered("high", (gap is not None) + demand.assumed)  # one step down per doubt
        sku = spelling(index, name, key)
        if shown <= 0:
            message = (f"{title_case(name)} shows {sku} as sold out while {owner.name}, which owns the count, "
                       f"has {owner_available} in stock{gap_clause(gap)}.")
        else:
            message = (f"{title_case(name)} shows only {shown} of {sku} while {owner.name}, which owns the count, "
                       f"has {owner_available}{gap_clause(gap)}.")
        return Leak(
            check_id=self.id, message=message, channels=[owner.name, name],
            skus=all_spellings(index, (owner.name, name), key), keys=[key],
            evidence={
                "owner": owner.name, "channel": name, "owner_available": owner_available,
                "channel_available": shown, "shortfall": shortfall, "export_gap_hours": gap,
            },
            money=money, confidence=confidence,
        )

    @staticmethod
    def _demand(ctx: CheckContext, key: str, name: str, shown: int, listed_on: int) -> tuple[Rate, str]:
        """The channel's own monthly demand, or its share of the product's demand when it shows none.

        A channel that shows the product sold out sells none of it, so its own order history
        would say "no demand" precisely because of the leak.
        """
        pricer, index = ctx.pricer, ctx.index
        own_sales = index.sold_of.get(name, {}).get(key, 0)
        if shown > 0 or (name in index.order_days and own_sales > 0):
            rate = pricer.velocity(key, name)
            return per_month(rate), rate.words
        overall = pricer.demand(key)
        share = 1.0 / listed_on
        words = (f"{name} shows none so has no sales of its own to measure; 1/{listed_on} share of "
                 f"{overall.words}")
        return per_month(overall).scaled(share, words), words

"""DRF001: a channel offers more of a product than the owner has (phantom stock)."""

from __future__ import annotations

from typing import Iterable

from ..model import CAP_STOCK, ChannelData
from ..report.model import Severity
from ._rates import at_most, export_gap_hours, per_month
from ._words import all_spellings, gap_clause, lowered, spelling, title_case
from ._drift import owner_beside_channels
from .base import Check, CheckContext, Leak


class PhantomStock(Check):
    """A channel offers more of a product than the owner has

    ## What it finds
    Products that a channel shows as available in a larger number than the owner channel (the
    one whose count is the truth) has. Draft or archived listings are not counted: they are not
    for sale. A code used for two different products on one side (SKU002's finding) is left
    out: its count is two products' stock added up. One finding per product per channel.

    ## Why it costs money
    The extra units do not exist. Every one a customer buys is an order you must cancel: a
    refund, the handling, the margin of a sale you lost, and on marketplaces a cancellation that
    counts against your account. Money at risk is the oversold orders a month: the phantom units,
    but no more than the channel sells in a month (its own orders; 0.1 a day assumed without
    them), times the cost of one oversold order.

    ## How to fix
    Make the owner's count the only one that is written, and have the channel read it: fix or
    reconnect the sync for this product, then set the channel's stock to the owner's figure. If
    the channel is meant to hold its own stock (a separate warehouse), make it the owner of that
    stock or give it its own location, so the two counts stop being compared.

    ## Evidence
    `owner`: the owner channel's name.
    `channel`: the channel that offers too much.
    `owner_available`: units the owner has (summed over locations).
    `channel_available`: units the channel offers (active listings, summed over locations).
    `excess`: units offered beyond the owner's count (an owner count below zero counts as 0).
    `export_gap_hours`: hours between the two exports when more than 24, else null (then the
    finding's confidence is lowered: the counts may simply be from different days).
    """

    id = "DRF001"
    severity = Severity.high
    needs = frozenset({CAP_STOCK})
    owner_needs = frozenset({CAP_STOCK})

    def run(self, ctx: CheckContext) -> Iterable[Leak]:
        owner = ctx.owner
        for key, owner_available, channel, shown, _ in owner_beside_channels(ctx):
            real = max(owner_available, 0)
            if shown > real:
                yield self._leak(ctx, owner, channel, key, owner_available, shown, shown - real)

    def _leak(self, ctx: CheckContext, owner: ChannelData, channel: ChannelData, key: str,
              owner_available: int, shown: int, excess: int) -> Leak:
        index, name = ctx.index, channel.name
        gap = export_gap_hours(owner, channel)
        demand = per_month(ctx.pricer.velocity(key, name))
        units = at_most(demand, excess)
        why = (f"the smaller of the {excess} units {name} shows beyond {owner.name}'s count and {name}'s "
               f"demand: {demand.words} = {demand.value:.1f} a month")
        money = ctx.pricer.oversell(units, key, name, why)
        confidence = lowered("high", (gap is not None) + demand.assumed)  # one step down per doubt
        sku = spelling(index, name, key)
        message = (f"{title_case(name)} offers {shown} of {sku} but {owner.name}, which owns the count, "
                   f"has {owner_available}{gap_clause(gap)}.")
        return Leak(
            check_id=self.id, message=message, channels=[owner.name, name],
            skus=all_spellings(index, (owner.name, name), key), keys=[key],
            evidence={
                "owner": owner.name, "channel": name, "owner_available": owner_available,
                "channel_available": shown, "excess": excess, "export_gap_hours": gap,
            },
            money=money, confidence=confidence,
        )

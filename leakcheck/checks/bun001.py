"""BUN001: a bundle offers more than its parts allow."""

from __future__ import annotations

from typing import Iterable

from ..model import CAP_STOCK, ChannelData
from ..report.model import Severity
from ._bundles import Allowance, Bundle, PartCounts, definitions, for_channel, offers
from ._rates import at_most, export_gap_hours, per_month
from ._words import gap_clause, lowered, spelling, title_case
from .base import Check, CheckContext, Leak


class BundleOversell(Check):
    """A bundle offers more than its components allow

    ## What it finds
    Bundles (a gift box, a multipack, a kit) that a channel offers in a larger number than their
    parts can make: the parts allow min over parts of ⌊part available ÷ units per bundle⌋.
    Bundles come from the config (`bundles:`) and from platforms that define them; parts are
    counted on the same channel (and location, where it counts per location) as the bundle
    when it lists them, else on the owner channel. One finding per bundle per channel and
    location.

    ## Why it costs money
    Customers can buy bundles that cannot be packed: each one is an order to cancel, with the
    handling, the lost margin and, on marketplaces, a cancellation against your account. Money
    at risk is the oversold orders a month: the bundles offered beyond what the parts allow, but
    no more than the bundle sells in a month on that channel (0.1 a day assumed without orders),
    times the cost of one oversold order.

    ## How to fix
    Let the platform or your bundle app work the bundle's stock out of its parts instead of
    keeping a number of its own, and set it to what the parts allow now. Where that is not
    possible, lower the bundle's stock by hand whenever a part sells, and keep a buffer.

    ## Evidence
    `bundle`: the bundle's code on the channel.
    `channel`: the channel that offers it.
    `location`: the location (null when the channel keeps one count).
    `offered`: bundles the channel offers (active listings).
    `allowed`: bundles the parts can make.
    `limiting_component`: the code of the part that runs out first.
    `components`: each part with `sku`, `qty` (per bundle), `available` and `counted_on` (the
    channel, and location, whose count was used).
    `defined_in`: where the bundle's definition came from: "config" or a channel name.
    `export_gap_hours`: hours between this channel's export and the owner's, when parts were
    counted on the owner more than 24 h apart, else null (then the confidence is lowered).
    """

    id = "BUN001"
    severity = Severity.high
    needs = frozenset({CAP_STOCK})
    owner_needs = frozenset({CAP_STOCK})

    def run(self, ctx: CheckContext) -> Iterable[Leak]:
        found = definitions(ctx)
        if not found:
            return
        index = ctx.index
        counts = PartCounts(index, ctx.owner)
        eligible = {c.name: c for c in ctx.channels}
        for key, bundles in found.items():
            for name, listings in index.by_key.get(key, {}).items():
                channel = eligible.get(name)
                if channel is None:
                    continue
                bundle = for_channel(bundles, name)
                for offer in offers(counts, bundle, channel, listings):
                    allowance = offer.allowance
                    if allowance.allowed is None or offer.shown <= allowance.allowed:
                        continue
                    yield self._leak(ctx, counts, channel, bundle, offer.location, offer.shown, allowance)

    def _leak(self, ctx: CheckContext, counts: PartCounts, channel: ChannelData, bundle: Bundle,
              location: str, shown: int, allowance: Allowance) -> Leak:
        index, name, key = ctx.index, channel.name, bundle.key
        excess = shown - (allowance.allowed or 0)
        limiting = allowance.limiting
        assert limiting is not None  # allowed is known, so some part limits it
        owner = ctx.owner
        gap = export_gap_hours(owner, channel) if owner and owner.name in counts.uses_counts_of(allowance) else None
        demand = per_month(ctx.pricer.velocity(key, name))
        units = at_most(demand, excess)
        why = (f"the smaller of the {excess} bundles {name} offers beyond what the parts make and the bundle's "
               f"demand: {demand.words} = {demand.value:.1f} a month")
        money = ctx.pricer.oversell(units, key, name, why)
        confidence = lowered("high", (gap is not None) + demand.assumed)  # one step down per doubt
        sku = spelling(index, name, key)
        at = f" at {location}" if location else ""
        message = (
            f"{title_case(name)} offers {shown} of the bundle {sku}{at} but its parts make only {allowance.allowed} "
            f"({limiting.sku}: {limiting.available} in stock, {limiting.qty} per bundle){gap_clause(gap)}."
        )
        part_skus = [p.sku for p in allowance.parts]
        return Leak(
            check_id=self.id, message=message, channels=sorted({name} | counts.uses_counts_of(allowance)),
            skus=sorted({sku, *part_skus}), keys=[key],
            evidence={
                "bundle": sku, "channel": name, "location": location or None, "offered": shown,
                "allowed": allowance.allowed, "limiting_component": limiting.sku,
                "components": allowance.parts_evidence(), "defined_in": bundle.defined_in,
                "export_gap_hours": gap,
            },
            money=money, confidence=confidence,
        )

"""BUN002: a bundle's stock is a number of its own, typed or pushed in, not worked out from its parts."""

from __future__ import annotations

from typing import Iterable

from ..model import CAP_STOCK, WRITER_APP, WRITER_STAFF, ChannelData, StockEvent
from ..money import Rate
from ..report.model import Severity
from ._bundles import Bundle, Offer, Part, PartCounts, definitions, for_channel, offers
from ._rates import per_month, smaller
from ._words import lowered, spelling, title_case
from .base import Check, CheckContext, Leak

_HAND = (WRITER_STAFF, WRITER_APP)


def _writers(events: list[StockEvent]) -> list[dict]:
    """Who set or changed the bundle's stock by hand or by app: name, kind, how often, the last value."""
    found: dict[tuple[str, str], dict] = {}
    for e in events:  # sorted by time, so the last one wins "last_set_to"
        if e.writer_kind not in _HAND:
            continue
        name = e.writer or e.writer_kind
        entry = found.setdefault((name, e.writer_kind), {"writer": name, "kind": e.writer_kind, "changes": 0,
                                                          "last_set_to": None})
        entry["changes"] += 1
        if e.quantity_after is not None:
            entry["last_set_to"] = e.quantity_after
    return sorted(found.values(), key=lambda w: (-w["changes"], w["writer"]))


class BundleKeptByHand(Check):
    """A bundle's stock is kept by hand, not derived from its components

    ## What it finds
    Bundles whose stock on a channel is a number of its own rather than worked out from the
    parts: the platform does not derive it, and either staff set or change it in the stock
    history, or it differs from what the parts make. A box is packed at one location from
    that location's stock, so where the channel counts per location, the bundle at each
    location is set against the parts at that same location (as BUN001 does). An app that
    keeps the bundle exactly at what its parts make is doing the deriving, so app changes
    alone, with the count matching the parts, are not reported. Bundles come from the config
    (`bundles:`) and from platforms that define them. One finding per bundle per channel.

    ## Why it costs money
    Every sale of a part on its own uses stock the bundle's number does not know about, so the
    bundle keeps offering boxes that can no longer be packed: its count drifts with every part
    sale. Money at risk is the bundles oversold a month: the part sales a month the bundle does
    not see (the limiting part's demand on all channels ÷ units per bundle), but no more than
    the bundle sells in a month, times the cost of one oversold order.

    ## How to fix
    Turn the bundle into a real bundle in the platform or a bundle app, so its stock is always
    the minimum its parts allow, and stop editing its stock by hand. Until then, recount it
    whenever a part's stock changes.

    ## Evidence
    `bundle`: the bundle's code on the channel.
    `channel`: the channel whose bundle stock is kept by hand.
    `offered`: bundles the channel offers (active listings, summed over locations).
    `derived`: bundles the parts make now (summed over the locations the bundle is offered
    at, each from the parts there), or null when a part has no count.
    `locations`: each location the bundle is offered at, with `location` (null when the
    channel keeps one count), `offered` and `derived`.
    `writers`: who changed the bundle's stock by hand or by app, each with `writer`, `kind`
    (staff or app), `changes` and `last_set_to`.
    `limiting_component`: the code of the part that runs out first (null when not known).
    `defined_in`: where the bundle's definition came from: "config" or a channel name.
    """

    id = "BUN002"
    severity = Severity.medium
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
                if channel is None or any(listing.stock_derived is True for listing in listings):
                    continue
                bundle = for_channel(bundles, name)
                found_offers = offers(counts, bundle, channel, listings)
                if not found_offers:
                    continue
                writers = _writers(index.events_for(name, key))
                staff = any(w["kind"] == WRITER_STAFF for w in writers)
                if staff or any(offer.differs for offer in found_offers):
                    yield self._leak(ctx, channel, bundle, found_offers, writers, staff)

    def _leak(self, ctx: CheckContext, channel: ChannelData, bundle: Bundle, found: list[Offer],
              writers: list[dict], staff: bool) -> Leak:
        index, name, key = ctx.index, channel.name, bundle.key
        shown = sum(offer.shown for offer in found)
        made = [offer.allowance.allowed for offer in found]
        derived = None if None in made else sum(m for m in made if m is not None)
        # the location to name: the first whose count is off, else the first
        at = next((offer for offer in found if offer.differs), found[0])
        allowance = at.allowance
        limiting = allowance.limiting or _slowest(allowance.parts)
        units, words = self._drift(ctx, name, key, limiting)
        money = ctx.pricer.oversell(units, key, name, words)
        confidence = "high" if staff else "medium"  # a differing count alone may be a sale in flight
        if units.assumed:
            confidence = lowered(confidence)
        sku = spelling(index, name, key)
        where = f" at {at.location}" if at.location else ""
        there = " there" if at.location else ""
        if staff:
            who = next(w for w in writers if w["kind"] == WRITER_STAFF)
            parts = (f"its parts{there} make {allowance.allowed}" if allowance.allowed is not None
                     else "its parts are not all counted")
            message = (f"{title_case(name)}'s stock of the bundle {sku} is set by hand ({who['writer']} changed it "
                       f"{_times(who['changes'])}; it shows {at.shown}{where} while {parts}) instead of being "
                       f"worked out from its parts.")
        else:
            message = (f"{title_case(name)} shows {at.shown} of the bundle {sku}{where} while its parts{there} make "
                       f"{allowance.allowed}, so its stock is a number of its own that drifts with every sale of a "
                       f"part.")
        return Leak(
            check_id=self.id, message=message, channels=[name],
            skus=sorted({sku, *(p.sku for p in allowance.parts)}), keys=[key],
            evidence={
                "bundle": sku, "channel": name, "offered": shown, "derived": derived,
                "locations": [offer.evidence() for offer in found], "writers": writers,
                "limiting_component": limiting.sku if limiting else None, "defined_in": bundle.defined_in,
            },
            money=money, confidence=confidence,
        )

    @staticmethod
    def _drift(ctx: CheckContext, name: str, key: str, limiting: Part | None) -> tuple[Rate, str]:
        """Bundles oversold a month: part sales the bundle does not see, capped by the bundle's own demand."""
        pricer = ctx.pricer
        bundle_demand = per_month(pricer.velocity(key, name))
        if limiting is None:
            return bundle_demand, f"the bundle's demand: {bundle_demand.words}"
        part_demand = per_month(pricer.demand(limiting.key)).scaled(1.0 / limiting.qty)
        units = smaller(part_demand, bundle_demand)
        words = (f"the smaller of {part_demand.value:.1f} bundles' worth of {limiting.sku} sold a month that the "
                 f"bundle's count does not see ({part_demand.words}, {limiting.qty} per bundle) and the bundle's "
                 f"demand of {bundle_demand.value:.1f} a month ({bundle_demand.words})")
        return units, words


def _slowest(parts: list[Part]) -> Part | None:
    """Without counts, the part needed in the largest number per bundle stands in as limiting."""
    return max(parts, key=lambda p: p.qty, default=None)


def _times(n: int) -> str:
    return {1: "once", 2: "twice"}.get(n, f"{n} times")

"""BUN003: a bundle names a part that no channel lists."""

from __future__ import annotations

from typing import Iterable

from rapidfuzz import fuzz, process

from ..report.model import Severity
from ..skus import product_key
from ._bundles import CONFIG, Bundle, definitions
from ._rates import per_month
from ._words import join_names, lowered, spelling
from .base import Check, CheckContext, Leak

MAX_HINTS = 20  # nearest-code hints: at most this many per scan ...
HINT_BUDGET = 2_000_000  # ... and at most this many code comparisons in all


class BundleMissingComponent(Check):
    """A bundle names a component that does not exist

    ## What it finds
    Bundles whose definition (in the config's `bundles:` or on a platform) names a part that no
    listing on any channel has, compared by product key, so case and spacing do not matter.
    Usually a typo, a part that was renamed, or one that was deleted. The nearest existing code
    is given as a hint, never taken as the match. One finding per bundle and definition.

    ## Why it costs money
    A bundle whose part does not exist cannot be packed, and its stock cannot be worked out, so
    every bundle sold is an order to cancel. Money at risk is the bundle's demand a month on the
    channels that offer it (0.1 a day assumed without orders) times the cost of one oversold
    order. A bundle no channel offers costs nothing yet and is reported at low severity.

    ## How to fix
    Correct the part's code in the bundle definition (the hint is the closest code that exists),
    or list the part, or take the bundle off sale until it can be packed.

    ## Evidence
    `bundle`: the bundle's code as the definition writes it.
    `missing_components`: each missing part with `sku` (as the definition writes it), `qty`
    (per bundle) and `nearest` (the closest existing code, a hint; null when none is close, or
    past the first few hints in a very large catalogue).
    `defined_in`: where the definition came from: "config" or a channel name.
    `offered_on`: the channels that offer the bundle now (active listings).
    """

    id = "BUN003"
    severity = Severity.high

    def run(self, ctx: CheckContext) -> Iterable[Leak]:
        found = definitions(ctx)
        if not found:
            return
        by_key = ctx.index.by_key
        hints = _Hints(ctx)
        for key, bundles in found.items():
            reported: set[frozenset[str]] = set()
            for bundle in bundles:
                missing = [part for part in bundle.parts if part not in by_key]
                if not missing or frozenset(missing) in reported:
                    continue
                reported.add(frozenset(missing))
                yield self._leak(ctx, bundle, missing, hints)

    def _leak(self, ctx: CheckContext, bundle: Bundle, missing: list[str], hints: "_Hints") -> Leak:
        index, key = ctx.index, bundle.key
        offered_on = sorted(
            name for name, listings in index.by_key.get(key, {}).items()
            if any(listing.status == "active" for listing in listings)
        )
        parts = [{"sku": bundle.part_skus[k], "qty": bundle.parts[k], "nearest": hints.nearest(bundle.part_skus[k])}
                 for k in missing]
        names = ", ".join(p["sku"] for p in parts)
        which = "which no channel lists"
        where = "the config" if bundle.defined_in == CONFIG else bundle.defined_in
        sku = spelling(index, offered_on[0], key) if offered_on else bundle.sku
        channels = sorted(set(offered_on) | ({bundle.defined_in} if bundle.defined_in != CONFIG else set()))
        if offered_on:
            demand = per_month(ctx.pricer.demand(key, offered_on))
            why = f"every bundle sold is oversold: {demand.words} = {demand.value:.1f} a month"
            money = ctx.pricer.oversell(demand, key, offered_on[0], why)
            confidence = lowered("high") if demand.assumed else "high"
            severity = None
            message = (f"The bundle {sku}, defined in {where}, needs {names}, {which}, so none of the {sku} "
                       f"bundles on sale on {join_names(offered_on)} can be packed.")
        else:
            money, confidence, severity = None, "high", Severity.low
            message = (f"The bundle {sku}, defined in {where}, needs {names}, {which}, so it could not be "
                       f"packed, though no channel offers it yet.")
        return Leak(
            check_id=self.id, message=message, channels=channels,
            skus=sorted({sku, *(p["sku"] for p in parts)}), keys=[key],
            evidence={"bundle": sku, "missing_components": parts, "defined_in": bundle.defined_in,
                      "offered_on": offered_on},
            money=money, severity=severity, confidence=confidence,
        )


class _Hints:
    """The nearest existing code for a missing part, as a hint: a bounded amount of work.

    Each hint compares one code with every product key, so the number of hints is limited by a
    budget of comparisons: all of them in a small catalogue, a couple in a million-code one.
    """

    def __init__(self, ctx: CheckContext):
        self.index = ctx.index
        self.keys: list[str] | None = None
        self.left = 0

    def nearest(self, sku: str) -> str | None:
        if self.keys is None:
            self.keys = list(self.index.by_key)
            self.left = min(MAX_HINTS, HINT_BUDGET // max(1, len(self.keys)))
        if self.left <= 0 or not self.keys:
            return None
        self.left -= 1
        found = process.extractOne(product_key(sku), self.keys, scorer=fuzz.ratio, processor=None, score_cutoff=60)
        if not found:
            return None
        channels = self.index.by_key[found[0]]
        owner = self.index.snapshot.owner
        name = owner if owner in channels else min(channels)
        return spelling(self.index, name, found[0])


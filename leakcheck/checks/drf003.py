"""DRF003: stock below zero, so orders are already taken for units that are not there."""

from __future__ import annotations

from typing import Iterable

from ..index import stock_of_listings
from ..model import CAP_STOCK, Listing
from ..report.model import Severity
from ._words import spelling, title_case, units_of
from .base import Check, CheckContext, Leak


def _below_zero(listing: Listing) -> int:
    """Units this listing (one location) is below zero: the deeper of available and on hand."""
    worst = 0
    if listing.available is not None and listing.available < worst:
        worst = listing.available
    if listing.on_hand is not None and listing.on_hand < worst:
        worst = listing.on_hand
    return -worst


class NegativeStock(Check):
    """Stock below zero: orders already taken for units that are not there

    ## What it finds
    Products whose available or on-hand count is below zero on any channel, at any location.
    Draft and archived listings count too: a negative count means orders were taken either way.
    One finding per product per channel.

    ## Why it costs money
    Each unit below zero is an order that cannot be sent from stock: a refund and an apology,
    the handling, the margin of the lost sale, and on marketplaces a cancellation against your
    account. This is money owed now, not a risk: the units below zero times the cost of one
    oversold order.

    ## How to fix
    Deal with the open orders first: restock, substitute, or contact the customers before the
    marketplace cancels for you. Then find how the count went negative: a channel that keeps
    selling at zero (continue selling / backorders), a sync that lags behind sales, or a
    stocktake that was entered late, and stop the channel selling below zero.

    ## Evidence
    `channel`: the channel whose count is below zero.
    `available`: its available count (summed over locations), or null when not given.
    `on_hand`: its on-hand count (summed over locations), or null when not given.
    `units_below_zero`: units already sold that are not there (per location, the deeper of
    available and on hand below zero, added up).
    `locations`: the locations below zero, each with `location` ("" for a single count),
    `available` and `on_hand`.
    """

    id = "DRF003"
    severity = Severity.critical
    needs = frozenset({CAP_STOCK})

    def run(self, ctx: CheckContext) -> Iterable[Leak]:
        names = {c.name for c in ctx.channels}
        for ch in ctx.snapshot.channels.values():
            name = ch.name
            listed = ctx.index.listed.get(name)
            if name not in names or not listed:
                continue
            # The products with a listing below zero, in one comprehension over the listings (a
            # count not given is not below zero); their other locations are read below. The
            # findings are sorted by the engine, and one code is one product, so the order they
            # are found in within a channel does not show.
            below = dict.fromkeys(
                x.key for x in ch.listings if ((x.available or 0) < 0 or (x.on_hand or 0) < 0) and x.key)
            for key in below:
                items = listed[key]
                units = 0
                locations = []
                for listing in items:
                    deficit = _below_zero(listing)
                    if deficit:
                        units += deficit
                        locations.append({"location": listing.location, "available": listing.available,
                                          "on_hand": listing.on_hand})
                if units:
                    s = stock_of_listings(items)
                    yield self._leak(ctx, name, key, s.available, s.on_hand, units, locations)

    def _leak(self, ctx: CheckContext, name: str, key: str, available: int | None, on_hand: int | None,
              units: int, locations: list[dict]) -> Leak:
        sku = spelling(ctx.index, name, key)
        shown = available if available is not None and available < 0 else on_hand
        if shown is not None and shown < 0 and shown == -units:
            message = f"{title_case(name)} shows {shown} of {sku}: {_sold(units)}."
        else:
            where = ", ".join(loc["location"] or "its one count" for loc in locations)
            message = f"{title_case(name)} is below zero on {sku} at {where}: {_sold(units)}."
        why = f"{name} counts {units} units of {sku} below zero"
        money = ctx.pricer.owed_now(units, key, name, why)
        return Leak(
            check_id=self.id, message=message, channels=[name],
            skus=sorted(ctx.index.spellings.get((name, key), {sku})), keys=[key],
            evidence={"channel": name, "available": available, "on_hand": on_hand,
                      "units_below_zero": units, "locations": locations},
            money=money,
        )


def _sold(units: int) -> str:
    verb = "is" if units == 1 else "are"
    return f"{units_of(units)} {verb} already sold that {verb} not there"

"""SKU002: one code used by two different products on the same channel."""

from __future__ import annotations

from typing import Iterable

from ..model import CAP_PRODUCT_IDS, Listing
from ..money import MONTH_DAYS
from ..report.model import Severity
from ._rates import mixes_products
from ._words import join_names, quoted
from .base import Check, CheckContext, Leak

_MAX_PRODUCTS = 20


class SharedCode(Check):
    """One code on two different products in one channel, so the stock of one is sold as the other.

    ## What it finds
    Two or more listings on one channel that carry exactly the same code but belong to
    different products (different product identifiers, e.g. a mug and a vase both coded
    `MUG-RED`). Several locations of the same product are not counted: only different products.

    ## Why it costs money
    A sync tool matches on the code, so both products get the same stock number and every
    sale of either takes from it. When the smaller product runs out, its listing still shows
    the other's units and keeps selling. Orders name the code, not the product, so each of
    the N products sharing the code is assumed an equal share (1 ÷ N) of the code's sales;
    the smaller product's share is priced as oversold: the channel's sales of the code a day
    × 30 × 1 ÷ N oversold orders a month, each costing the handling cost plus the lost margin.

    ## How to fix
    Give each product its own code on that channel (and in every system that syncs it), then
    re-link the listings in your sync tool so each code points to one product only.

    ## Evidence
    `channel`: the channel where the code is shared.
    `sku`: the shared code, as written.
    `products`: each product using it: `product_id`, `title` and `available` (summed over its locations, or null).
    `smaller_product`: the product_id with the least stock, the one that sells units it does not have.
    `units_per_day`: the channel's sales of this code a day (from orders, or assumed).
    `share`: the share of those sales priced as oversold (1 ÷ number of products).
    """

    id = "SKU002"
    severity = Severity.high
    needs = frozenset({CAP_PRODUCT_IDS})

    def run(self, ctx: CheckContext) -> Iterable[Leak]:
        ix = ctx.index
        names = {c.name for c in ctx.channels}
        found: list[tuple[str, str, list[Listing]]] = []
        # Only products with more than one listing on a channel can share a code there: the index
        # knows which those are, so the rest are not looked at (the order found in does not matter:
        # the findings are sorted by channel and code, and one code is one product key).
        for channel, listed in ix.listed.items():
            if channel not in names:
                continue
            for key in ix.several.get(channel, ()):
                items = listed[key]
                if len(items) == 2:  # mixes_products() inlined for the common pair of locations
                    first, second = items[0].product_id, items[1].product_id
                    if not first or not second or first == second:
                        continue
                elif not mixes_products(items):
                    continue  # one product at several locations: the common case
                by_sku: dict[str, list[Listing]] = {}
                for listing in items:
                    if listing.product_id:
                        by_sku.setdefault(listing.sku, []).append(listing)
                for sku, group in by_sku.items():
                    if len({lst.product_id for lst in group}) > 1:
                        found.append((channel, sku, group))
        for channel, sku, listings in sorted(found, key=lambda f: (f[0], f[1])):
            yield self._leak(ctx, channel, sku, listings)

    def _leak(self, ctx: CheckContext, channel: str, sku: str, listings: list[Listing]) -> Leak:
        products: dict[str, dict] = {}
        for listing in listings:
            entry = products.setdefault(
                listing.product_id, {"product_id": listing.product_id, "title": listing.title, "available": None}
            )
            if not entry["title"] and listing.title:
                entry["title"] = listing.title
            if listing.available is not None:
                entry["available"] = (entry["available"] or 0) + listing.available
        ordered = sorted(products.values(), key=lambda p: p["product_id"])
        smaller = min(ordered, key=lambda p: (p["available"] is None, p["available"] or 0, p["product_id"]))
        n = len(ordered)
        share = 1.0 / n
        key = listings[0].key

        rate = ctx.pricer.velocity(key, channel)
        stock_words = "unknown" if smaller["available"] is None else str(smaller["available"])
        why = (
            f"{rate.words} × {MONTH_DAYS:.0f} days × 1/{n} (the smaller product's assumed share of "
            f"the {n} products coded {sku}; it holds {stock_words} units)"
        )
        money = ctx.pricer.oversell(rate.scaled(MONTH_DAYS * share), key, channel, why)

        labels = [quoted(p["title"] or p["product_id"]) for p in ordered]
        shown = labels[:3] + ([f"{n - 3} more"] if n > 3 else [])
        message = (
            f"On {channel} the code {sku} is used by {n} different products ({join_names(shown)}), "
            f"so a sync tool gives them one stock number and the stock of one is sold as the other."
        )
        return Leak(
            check_id=self.id,
            message=message,
            channels=[channel],
            skus=[sku],
            keys=[key],
            evidence={
                "channel": channel,
                "sku": sku,
                "products": ordered[:_MAX_PRODUCTS],
                "smaller_product": smaller["product_id"],
                "units_per_day": round(rate.value, 3),
                "share": round(share, 3),
            },
            money=money,
            confidence="low" if rate.assumed else "medium",
        )

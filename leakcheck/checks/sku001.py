"""SKU001: one product written two ways, so sync tools treat it as two products."""

from __future__ import annotations

from typing import Iterable

from ..index import Index
from ..money import MONTH_DAYS
from ..report.model import Severity
from ..skus import differences
from ._rates import last_units_share
from ._words import join_names, quoted
from .base import Check, CheckContext, Leak

_MAX_PHRASES = 3


class MixedSpellings(Check):
    """One product written in more than one way, so the channels count its stock separately.

    ## What it finds
    Products whose codes differ only by letter case, spaces, punctuation, leading zeros on an
    all-digit code, or look-alike characters from another alphabet (`MUG-RED` on the shop,
    `mug-red ` on Amazon), across channels or within one channel. Sync tools link codes only
    when they are equal as written, so these listings never share a stock count. Codes that
    really differ (`A0123` and `A123`, `BOX-O1` and `BOX-01`) are never joined.

    ## Why it costs money
    Every sale under the other spelling is invisible to the shop's count, and the shop's sales
    are invisible to that listing: both keep offering units that are gone. Money at risk is the
    oversold orders a month: the sales on the channels that do not use the owner's spelling
    (units a day from their orders, × 30) × the share of those sales that land on the last
    units. That share is 3 ÷ days of cover (the owner's stock ÷ the product's daily demand),
    kept between 0.1 and 1: a product with 30 days of cover risks a tenth of those sales, one
    with 3 days or less risks every one. Without stock figures the share is 0.1.
    Each oversold order costs the handling cost plus the lost margin (see `explain money`).

    ## How to fix
    Pick one spelling (the owner's) and change the code on every other listing to match it
    exactly: same case, no spaces at the ends, the same punctuation. Then re-link the listings
    in your sync tool and check the counts agree.

    ## Evidence
    `reference`: the spelling the others are compared to (the owner's where the owner lists it).
    `reference_channels`: channels that use the reference spelling.
    `spellings`: each channel's spellings of this product, as written.
    `differences`: for each other spelling, how it differs from the reference, in plain words.
    `unlinked_channels`: channels with a spelling other than the reference (their sales go unseen).
    `units_per_day_unlinked`: sales a day on the unlinked channels (from orders, or assumed).
    `stock`: the stock the share is judged from (the owner's, else the lowest other count), or null.
    `days_of_cover`: that stock ÷ the product's daily demand on all channels, or null.
    `last_units_share`: share of the unlinked sales priced as oversold.
    """

    id = "SKU001"
    severity = Severity.high

    def run(self, ctx: CheckContext) -> Iterable[Leak]:
        ix = ctx.index
        names = {c.name for c in ctx.channels}
        for ch in ctx.channels:
            if not ch.listings:
                ctx.not_evaluated(ch.name, "no listings were read from this channel, so its codes could not be compared")
        for key in sorted(_keys_with_several_spellings(ix, names)):
            leak = self._leak(ctx, key, names)
            if leak is not None:
                yield leak

    def _leak(self, ctx: CheckContext, key: str, names: set[str]) -> Leak | None:
        ix = ctx.index
        owner = ctx.snapshot.owner
        spellings: dict[str, list[str]] = {}
        for channel, listings in ix.channels_of(key).items():
            if channel not in names:
                continue
            written = sorted({lst.sku for lst in listings if lst.status == "active"})
            if written:
                spellings[channel] = written
        if len({s for sps in spellings.values() for s in sps}) < 2:
            return None  # only drafts or archived listings spell it differently: nothing sells under them

        reference = _reference(spellings, owner)
        ordered = sorted(spellings, key=lambda c: (c != owner, c))
        ref_channels = [c for c in ordered if reference in spellings[c]]
        unlinked = [c for c in ordered if any(s != reference for s in spellings[c])]
        others = sorted({s for sps in spellings.values() for s in sps if s != reference})
        diffs = {s: differences(reference, s) for s in others}

        demand_all = ctx.pricer.demand(key, list(spellings))
        unlinked_rate = ctx.pricer.demand(key, unlinked)
        stock = _judge_stock(ix, key, owner, ref_channels)
        share, cover = last_units_share(stock, demand_all.value)
        cover_words = (
            f"stock {stock}, {cover:.1f} days of cover at {demand_all.value:.2f}/day"
            if cover is not None else "no stock figure or no demand to judge cover, base share"
        )
        why = (
            f"sales under other spellings on {join_names(unlinked)}: {unlinked_rate.words} × {MONTH_DAYS:.0f} days × "
            f"{share:.0%} of sales at the last units ({cover_words})"
        )
        units = unlinked_rate.scaled(MONTH_DAYS * share)
        money = ctx.pricer.oversell(units, key, unlinked[0], why)

        confidence = "high"
        if unlinked_rate.assumed:
            confidence = "low"
        elif cover is None:
            confidence = "medium"

        return Leak(
            check_id=self.id,
            message=_message(reference, spellings, diffs, ref_channels, unlinked),
            channels=ordered,
            skus=sorted({reference, *others}),
            keys=[key],
            evidence={
                "reference": reference,
                "reference_channels": ref_channels,
                "spellings": {c: spellings[c] for c in ordered},
                "differences": diffs,
                "unlinked_channels": unlinked,
                "units_per_day_unlinked": round(unlinked_rate.value, 3),
                "stock": stock,
                "days_of_cover": None if cover is None else round(cover, 1),
                "last_units_share": round(share, 3),
            },
            money=money,
            confidence=confidence,
        )


def _keys_with_several_spellings(ix: Index, names: set[str]) -> list[str]:
    """One pass over the listings by product: keys written more than one way anywhere."""
    flagged: list[str] = []
    every_channel = len(names) == len(ix.snapshot.channels)
    for key, per_channel in ix.by_key.items():
        first = None
        for channel, listings in per_channel.items():
            if not every_channel and channel not in names:
                continue
            for listing in listings:
                if first is None:
                    first = listing.sku
                elif listing.sku != first:
                    flagged.append(key)
                    break
            else:
                continue
            break
    return flagged


def _reference(spellings: dict[str, list[str]], owner: str | None) -> str:
    """The owner's spelling; among several (or with no owner listing), the one most channels use."""
    pool = spellings.get(owner or "", [])
    if not pool:
        pool = sorted({s for sps in spellings.values() for s in sps})
    return min(pool, key=lambda s: (-sum(s in sps for sps in spellings.values()), s))


def _judge_stock(ix: Index, key: str, owner: str | None, ref_channels: list[str]) -> int | None:
    """The owner's count of the product; without one, the lowest count a linked channel shows."""
    if owner:
        s = ix.stock_of(owner, key)
        if s is not None and s.available is not None:
            return s.available
    counts = [s.available for c in ref_channels if (s := ix.stock_of(c, key)) is not None and s.available is not None]
    return min(counts) if counts else None


def _message(reference: str, spellings: dict[str, list[str]], diffs: dict[str, list[str]],
             ref_channels: list[str], unlinked: list[str]) -> str:
    phrases = []
    for channel in unlinked:
        also = " also" if reference in spellings[channel] else ""
        for sku in spellings[channel]:
            if sku != reference:
                phrases.append(f"{channel} lists {reference}{also} as {quoted(sku)} ({', '.join(diffs[sku])})")
    shown = phrases[:_MAX_PHRASES]
    if len(phrases) > _MAX_PHRASES:
        shown.append(f"{len(phrases) - _MAX_PHRASES} more spellings")
    if set(ref_channels) & set(unlinked) or not ref_channels:
        tail = "its stock is counted separately under each spelling"
    else:
        verb = "counts" if len(unlinked) == 1 else "count"
        tail = f"{join_names(unlinked)} {verb} its stock separately from {join_names(ref_channels)}"
    return f"{join_names(shown)}, so {tail}."

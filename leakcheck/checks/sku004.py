"""SKU004: a channel's code that the owner does not have, with the nearest owner code as a hint."""

from __future__ import annotations

from operator import attrgetter
from typing import Iterable

from ..model import CAP_STOCK
from ..money import MONTH_DAYS
from ..report.model import Severity
from ..skus import nearest, product_key
from ._rates import BASE_SHARE, last_units_share
from ._words import quoted
from .base import Check, CheckContext, Leak

_key, _sku = attrgetter("key"), attrgetter("sku")
CLOSE_SCORE = 85.0  # nearest-code similarity (0-100) from which the hint is probably the same product
# With no close owner code the listing may be a product the owner simply does not carry; one in
# five such codes is assumed to be an owner product under another code.
UNMATCHED_SHARE = 0.2
# Finding the nearest code compares against every owner code; past this many comparisons in one
# scan the remaining hints are left out (and the evidence says so) to keep the scan linear.
MAX_COMPARISONS = 1_000_000


class UnmatchedCode(Check):
    """A channel's code with no match in the owner, so that listing's stock belongs to nobody.

    ## What it finds
    Codes listed on a channel that match no product in the owner's catalogue, not even after
    ignoring case, spaces and punctuation. The closest owner code is given as a hint
    (an edit-similarity score from 0 to 100); it is only a hint, never treated as a match.

    ## Why it costs money
    Nothing keeps that listing's count in step with the owner's stock, so if it is really one
    of the owner's products under another code, each of its sales takes stock the owner still
    offers. When the nearest owner code scores 85 or more, the listing is priced like SKU001:
    the channel's sales a day × 30 × the share of sales at the last units (3 ÷ days of cover
    of the hinted owner product, kept between 0.1 and 1) oversold orders a month. Below 85 it
    may be a product the owner does not carry, so the figure is small and low-confidence: the
    channel's sales × 30 × 0.1 × 0.2 (one in five assumed to be an owner product in disguise).
    Each oversold order costs the handling cost plus the lost margin.

    ## How to fix
    If the listing is one of your products, change its code to the owner's code exactly and
    link it in your sync tool. If it is a product you do not stock in your main system, add it
    there (or end the listing) so one system owns its count.

    ## Evidence
    `channel`: the channel that lists the code.
    `codes`: the code(s) as written on that channel.
    `available`: the channel's stock of it (summed over locations), or null.
    `units_per_day`: the channel's sales of it a day (from orders, or assumed).
    `nearest_owner_code`: the most similar owner code (a hint, not a match), or null.
    `nearest_score`: its similarity from 0 to 100, or null.
    `hint_note`: why there is no hint, or "" when there is one.
    """

    id = "SKU004"
    severity = Severity.medium
    owner_needs = frozenset({CAP_STOCK})

    def run(self, ctx: CheckContext) -> Iterable[Leak]:
        ix = ctx.index
        owner = ctx.owner
        assert owner is not None  # owner_needs guarantees it
        others = {c.name for c in ctx.others()}
        if not others:
            return
        if not owner.listings:
            ctx.not_evaluated(owner.name, "the owner channel has no listings to match the other channels' codes against")
            return
        unmatched: list[tuple[str, str]] = []
        # the products the owner does not list: one set difference, then only those are looked at
        for key in ix.by_key.keys() - ix.listed.get(owner.name, {}).keys():
            for channel, listings in ix.by_key[key].items():
                if channel in others and any(lst.status == "active" for lst in listings):
                    unmatched.append((channel, key))
        if not unmatched:
            return
        unmatched.sort()
        owner_codes = list(dict.fromkeys(map(_sku, filter(_key, owner.listings))))  # in C: half a million codes
        budget = MAX_COMPARISONS // max(1, len(owner_codes)) if owner_codes else 0
        for channel, key in unmatched:
            yield self._leak(ctx, owner.name, owner_codes, channel, key, budget > 0)
            budget -= 1

    def _leak(self, ctx: CheckContext, owner: str, owner_codes: list[str], channel: str, key: str,
              may_look_up: bool) -> Leak:
        ix = ctx.index
        codes = sorted({lst.sku for lst in ix.by_key[key][channel] if lst.status == "active"})
        stock = ix.stock_of(channel, key)
        available = stock.available if stock else None

        hint, score, note = None, None, ""
        if not owner_codes:
            note = f"{owner} lists no codes to compare with"
        elif not may_look_up:
            note = "not looked up: too many unmatched codes in this scan to compare each with every owner code"
        else:
            found = nearest(codes[0], owner_codes)
            if found:
                hint, score = found[0]

        rate = ctx.pricer.velocity(key, channel)
        if score is not None and score >= CLOSE_SCORE:
            hint_key = product_key(hint or "")
            owner_stock = ix.stock_of(owner, hint_key)
            owner_available = owner_stock.available if owner_stock else None
            demand = ctx.pricer.demand(hint_key).value + rate.value
            share, cover = last_units_share(owner_available, demand)
            cover_words = (
                f"{owner} holds {owner_available} of {hint}, {cover:.1f} days of cover" if cover is not None
                else "no cover figure, base share"
            )
            why = (f"{rate.words} × {MONTH_DAYS:.0f} days × {share:.0%} of sales at the last units "
                   f"({cover_words}; nearest {owner} code {hint} scores {score:g})")
            confidence = "low" if rate.assumed else "medium"
        else:
            share = BASE_SHARE * UNMATCHED_SHARE
            reason = f"nearest {owner} code {hint} scores only {score:g}" if hint is not None else note
            why = (f"{rate.words} × {MONTH_DAYS:.0f} days × {BASE_SHARE:.0%} at the last units × "
                   f"{UNMATCHED_SHARE:.0%} chance it is an owner product under another code ({reason})")
            confidence = "low"
        money = ctx.pricer.oversell(rate.scaled(MONTH_DAYS * share), key, channel, why)

        shown = " / ".join(quoted(c) for c in codes)
        hint_words = f" (nearest {owner} code: {hint})" if hint is not None else ""
        message = (
            f"{channel} sells {shown}, a code {owner} does not have{hint_words}, "
            f"so no sync keeps its stock in step with yours."
        )
        return Leak(
            check_id=self.id,
            message=message,
            channels=[channel],
            skus=codes,
            keys=[key],
            evidence={
                "channel": channel,
                "codes": codes,
                "available": available,
                "units_per_day": round(rate.value, 3),
                "nearest_owner_code": hint,
                "nearest_score": score,
                "hint_note": note,
            },
            money=money,
            confidence=confidence,
        )


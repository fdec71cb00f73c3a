"""WRT003: no channel owns the count, or others write stock the owner never sent."""

from __future__ import annotations

from typing import Iterable

from ..model import CAP_EVENTS, CAP_WRITERS, CAPABILITY_PHRASES, WRITER_STAFF
from ..money import MONTH_DAYS
from ..report.model import Severity
from ._timing import fastest, total_money, writes
from ._words import join_names, spelling
from .base import Check, CheckContext, Leak

OWNERLESS_SHARE = 0.02  # share of a product's sales assumed oversold when nobody's count is the truth


class NoOwner(Check):
    """No agreed owner of the stock count, or the owner is not who writes it

    ## What it finds
    Either no channel is named as the owner of the count (`owner:` in the config, or
    `--owner`) while several channels sell, or a channel other than the owner has its stock
    changed by someone who does not take it from the owner: staff editing it by hand, or an
    app that never writes the owner's stock (so it is not the owner's sync). Sales are not
    counted as writers. Channels with no record of who changed stock are not evaluated for the
    second part; the first needs nothing but the channel list, which is why this check names
    no capability of its own.

    ## Why it costs money
    When nobody's number is the truth, every system corrects the others with its own, and the
    count wanders: stock that is gone stays on offer and stock that is there is hidden. The
    money is modest and assumed: 2 % of the affected products' sales oversold a month.

    ## How to fix
    Name one system as the owner of the count (usually the web store or the inventory system)
    and have every channel read from it. Make stock corrections there, never on a marketplace
    or till directly, and switch off any other app's stock writing on the other channels.

    ## Evidence
    `channel`: the channel written around the owner (null when no owner is named).
    `writers_not_owner`: each writer not taking the count from the owner, with `writer`, `kind`, `events`, `products` and `why` (empty when no owner is named).
    `events`: how many stock changes those writers made (0 when no owner is named).
    `products`: how many products they changed (with no owner: how many products several channels sell).
    `top_products`: the products with the most money at risk (up to 10), each `sku` and `amount`.
    """

    id = "WRT003"
    severity = Severity.medium

    def run(self, ctx: CheckContext) -> Iterable[Leak]:
        snap, ix = ctx.snapshot, ctx.index
        owner = ix.owner
        if owner is None:
            if len(snap.channels) >= 2:
                yield self._ownerless(ctx)
            return
        owner_writers: set[str] | None = None
        if owner.has(CAP_EVENTS, CAP_WRITERS) and ix.events_by_channel.get(owner.name):
            owner_writers = {w for w in writes(ix, owner.name)[1] if w}
        for ch in snap.channels.values():
            if ch.name == owner.name:
                continue
            if not ch.has(CAP_EVENTS, CAP_WRITERS):
                missing = [CAPABILITY_PHRASES[c] for c in (CAP_EVENTS, CAP_WRITERS) if not ch.has(c)]
                ctx.not_evaluated(ch.name, f"no {', '.join(missing)} in what was read")
                continue
            events = ix.events_by_channel.get(ch.name)
            if not events:
                ctx.not_evaluated(ch.name, "its stock-change log holds no changes in the history window")
                continue
            flagged = []
            for w, evs in sorted(writes(ix, ch.name)[1].items()):
                kind = evs[0].writer_kind
                if w == "staff" and kind == WRITER_STAFF:
                    why = f"changed by hand on {ch.name}"
                elif w and owner_writers is not None and w not in owner_writers:
                    why = f"never writes {owner.name}'s stock, so it does not carry {owner.name}'s count"
                else:
                    continue
                flagged.append((w, kind, evs, why))
            if flagged:
                yield self._leak(ctx, ch.name, owner.name, flagged)

    def _leak(self, ctx: CheckContext, name: str, owner: str, flagged: list) -> Leak:
        ix = ctx.index
        keys: set[str] = set()
        writers = []
        for w, kind, evs, why in flagged:
            mine = {e.key for e in evs}
            keys |= mine
            writers.append({"writer": w, "kind": kind, "events": len(evs), "products": len(mine), "why": why})
        money, top, assumed = self._money(ctx, keys, [name], f"writers around the owner on {name}")
        who = join_names(["staff change it by hand" if w == "staff" else f"{w} writes it" for w, _, _, _ in flagged])
        message = (
            f"On {name}, {who} instead of taking the count from {owner}, which owns it, "
            f"so the two numbers drift apart."
        )
        return Leak(
            check_id=self.id,
            message=message,
            channels=[name, owner],
            skus=sorted({s for k in keys for s in ix.spellings.get((name, k), ())} or keys),
            keys=sorted(keys),
            evidence={
                "channel": name,
                "writers_not_owner": writers,
                "events": sum(w["events"] for w in writers),
                "products": len(keys),
                "top_products": top,
            },
            money=money,
            confidence="low" if assumed else "medium",
        )

    def _ownerless(self, ctx: CheckContext) -> Leak:
        ix = ctx.index
        names = sorted(ctx.snapshot.channels)
        shared = {k for k, chans in ix.by_key.items() if len(chans) >= 2}
        money, top, assumed = self._money(ctx, shared, None, "no owner of the count")
        message = (
            f"No channel is named the owner of the count, so when {join_names(names)} disagree about stock, "
            f"nobody's number is the truth."
        )
        return Leak(
            check_id=self.id,
            message=message,
            channels=names,
            skus=sorted({s for k in shared for c in ix.by_key[k] for s in ix.spellings.get((c, k), ())}),
            keys=sorted(shared),
            evidence={"channel": None, "writers_not_owner": [], "events": 0, "products": len(shared), "top_products": top},
            money=money,
            confidence="low" if assumed else "medium",
        )

    def _money(self, ctx: CheckContext, keys: set[str], channels: list[str] | None, heading: str):
        """2 % of the products' sales (on these channels, or everywhere) oversold a month."""
        ix, pricer = ctx.index, ctx.pricer
        sold = ix.sold_of
        if channels:
            weight = lambda k: sum(sold[c].get(k, 0) for c in channels if c in sold)  # noqa: E731
        else:
            weight = lambda k: sum(sold[c].get(k, 0) for c in ix.by_key.get(k, ()) if c in sold)  # noqa: E731
        chosen, left_out = fastest(keys, weight)
        parts = []
        assumed = False
        for key in chosen:
            where = channels or list(ix.channels_of(key))
            demand = pricer.demand(key, where)
            assumed |= demand.assumed
            sku = spelling(ix, where[0], key) if where else key
            why = f"{OWNERLESS_SHARE:.0%} of {sku}'s sales assumed oversold while no single count rules; {demand.words}"
            parts.append((sku, pricer.oversell(demand.scaled(MONTH_DAYS * OWNERLESS_SHARE, why), key, where[0] if where else None, why)))
        money, top = total_money(pricer, parts, heading, left_out)
        return money, top, assumed

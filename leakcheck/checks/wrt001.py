"""WRT001: several apps, integrations or people writing the same channel's stock."""

from __future__ import annotations

from collections import Counter
from typing import Iterable

from ..model import CAP_EVENTS, CAP_WRITERS, WRITER_STAFF
from ..money import MONTH_DAYS
from ..report.model import Severity
from ._timing import fastest, products_of, total_money, writes
from ._words import join_names, spelling
from .base import Check, CheckContext, Leak

OVERWRITE_SHARE = 0.05  # share of a product's sales on the channel that a wrong last write oversells
MAX_LISTED = 20  # shared products named in the evidence


class SeveralWriters(Check):
    """Several apps, integrations or people write the same stock

    ## What it finds
    A channel whose stock log shows two or more writers (apps, integrations, or people on
    staff, counted together as one) changing the stock of the same products. Sales are not
    writers here: only what sets or adjusts the count. On the owner, where every channel's
    sales, deliveries and bundle sales land as adjustments, only writers that set the count to
    a number (absolute sets) are counted: several of those on one product fight over it.

    ## Why it costs money
    When two systems both write a count, the last write wins, right or wrong: a sync app sets
    the marketplace to what the shop says, then an inventory tool sets it to what the warehouse
    says, and a sale one of them never heard of is undone. The count drifts and the channel
    sells stock that is not there (or hides stock that is). The money is an assumed 5 % of the
    product's sales on that channel oversold, for each product with several writers.

    ## How to fix
    Decide which system owns the count and let only that one write it; switch the others to
    read-only or turn off their stock sync for this channel. If staff must correct counts, have
    them do it in the owning system, never directly on the channel.

    ## Evidence
    `writers`: each writer with `writer`, `kind` (app, integration, staff or ""), `events` (changes written; on the owner, counts set), `products` (products it wrote that others write too) and, for staff, `people`.
    `shared_products`: how many products more than one writer changes.
    `examples`: some of those products (up to 20), each `sku` and the `writers` that change it.
    `top_products`: the products with the most money at risk (up to 10), each `sku` and `amount`.
    """

    id = "WRT001"
    severity = Severity.high
    needs = frozenset({CAP_EVENTS, CAP_WRITERS})

    def run(self, ctx: CheckContext) -> Iterable[Leak]:
        ix = ctx.index
        for ch in ctx.channels:
            events = ix.events_by_channel.get(ch.name)
            if not events:
                ctx.not_evaluated(ch.name, "its stock-change log holds no changes in the history window")
                continue
            groups = {w: evs for w, evs in writes(ix, ch.name)[1].items() if w}
            owner = ix.owner is not None and ch.name == ix.owner.name
            if owner:
                # every channel's sales land on the owner as changes (goods-in, a till's sales, a bundle
                # app's): adjusting the count is its job; only writers that SET it fight over it
                groups = {w: sets for w, evs in groups.items() if (sets := [e for e in evs if e.change is None])}
            if len(groups) < 2:
                continue
            if owner:
                keys_of = {w: {e.key for e in evs} for w, evs in groups.items()}
            else:
                keys_of = {w: products_of(ix, ch.name, w)[0] for w in groups}
            counts = Counter()
            for keys in keys_of.values():
                counts.update(keys)
            shared = {k for k, n in counts.items() if n >= 2}
            if shared:
                yield self._leak(ctx, ch.name, groups, keys_of, shared)

    def _leak(self, ctx: CheckContext, name: str, groups: dict, keys_of: dict, shared: set[str]) -> Leak:
        ix, pricer = ctx.index, ctx.pricer
        writers = []
        for w in sorted(groups):
            overlap = len(keys_of[w] & shared)
            if not overlap:
                continue
            evs = groups[w]
            kind = Counter(e.writer_kind for e in evs[:1000]).most_common(1)[0][0]  # a writer keeps its kind
            entry = {"writer": w, "kind": kind, "events": len(evs), "products": overlap}
            if w == "staff" and kind == WRITER_STAFF:
                entry["people"] = sorted({e.writer for e in evs if e.writer})
            writers.append(entry)
        names = [w["writer"] for w in writers]
        sets_absolute = any(e.quantity_after is not None for w in names for e in groups[w])
        sold = ix.sold_of.get(name, {})
        chosen, left_out = fastest(shared, lambda k: sold.get(k, 0))
        parts = []
        for key in chosen:
            sku = spelling(ix, name, key)
            by = [w for w in names if key in keys_of[w]]
            velocity = pricer.velocity(key, name)
            why = f"{join_names(by)} all write {sku} on {name}; {OVERWRITE_SHARE:.0%} of its sales assumed oversold by a wrong last write; {velocity.words}"
            units = velocity.scaled(MONTH_DAYS * OVERWRITE_SHARE, why)
            parts.append((sku, pricer.oversell(units, key, name, why)))
        money, top = total_money(pricer, parts, f"several writers on {name}", left_out)
        listed = sorted(shared)[:MAX_LISTED]
        n = len(shared)
        who = join_names([w if w != "staff" else "staff by hand" for w in names])
        message = (
            f"{len(names)} writers change {name}'s stock of the same {n} product{'s' if n != 1 else ''} "
            f"({who}), so whichever writes last wins, right or wrong."
        )
        assumed = any(pricer.velocity(k, name).assumed for k in chosen[:1])
        return Leak(
            check_id=self.id,
            message=message,
            channels=[name],
            skus=sorted({s for k in shared for s in ix.spellings.get((name, k), ())} or shared),
            keys=sorted(shared),
            evidence={
                "writers": writers,
                "shared_products": n,
                "examples": [{"sku": spelling(ix, name, k), "writers": [w for w in names if k in keys_of[w]]} for k in listed],
                "top_products": top,
            },
            money=money,
            confidence="low" if assumed else ("high" if sets_absolute else "medium"),
        )

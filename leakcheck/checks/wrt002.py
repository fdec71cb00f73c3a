"""WRT002: stock counts that writers undo: flip-flopping absolute sets, or a sale pushed back up."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from typing import Iterable

from ..index import DAY
from ..model import CAP_EVENTS, CAP_WRITERS, STATUS_CANCELLED, WRITER_ORDER, WRITER_STAFF, StockEvent
from ..money import MONTH_DAYS, Rate
from ..report.model import Money, Severity
from ._timing import (
    channel_span_days, days_words, explained_increase, is_sale, looks_like_sale, minutes_words, total_money, writes,
    _ts,
)
from ._words import iso, join_names, spelling
from .base import Check, CheckContext, Leak

FLIP_WINDOW_SECONDS = 6 * 3600.0  # A sets, B sets something else, A sets again: within 6 hours is a fight
UNDO_WINDOW_SECONDS = 6 * 3600.0  # a rise this soon after a sale, by no more than what sold, undoes it
MAX_EXAMPLES = 9


class UndoneCounts(Check):
    """Stock counts that writers undo: counts flip back and forth, or a sale is pushed back up

    ## What it finds
    Two patterns in one channel's stock log, per product. A flip-flop: one writer sets the count
    (say 7), a different writer sets another number (3), and the first sets its number again
    within 6 hours. Only absolute sets count here: a change logged with its result (-1, leaving
    41) adjusts the count, it does not overwrite it. And a sale undone: within 6 hours of a sale,
    a writer pushes the count back up by no more than what sold, with no return, restock,
    delivery, count or recalculation given as the reason.

    ## Why it costs money
    Each writer believes its own number. When the higher one wins, the channel offers units that
    are not there and oversells; when the lower one wins, it hides stock and loses sales. A sale
    pushed back up is stock that has already gone, offered again. The money for flip-flops is the
    channel's sales of the product made while the count was in dispute (the share of time the
    other writer's number stood), priced as oversold orders when the last flip left the channel
    showing more, as lost sales when it left it showing less; for sales pushed back up, each
    unit pushed up is an oversold order, at most as many a month as the channel sells.

    ## How to fix
    Let one system own the count of this product and stop the other writing it (turn off its
    stock sync, or make it read-only). Where a sync pushes counts back up after sales, it is
    sending an old number: make it send changes, not totals, or read the count just before
    writing it.

    ## Evidence
    `flips`: how many times the count was set back by the writer it had been taken from.
    `writers`: the writers involved.
    `examples`: the changes that show it (up to 9), each `time`, `writer`, `quantity_after` and `what` ("set" or "pushed up after a sale").
    `unexplained_increases`: how many times the count was pushed back up after a sale with no reason given.
    """

    id = "WRT002"
    severity = Severity.high
    needs = frozenset({CAP_EVENTS, CAP_WRITERS})

    def run(self, ctx: CheckContext) -> Iterable[Leak]:
        ix = ctx.index
        for ch in ctx.channels:
            name = ch.name
            events = ix.events_by_channel.get(name)
            if not events:
                ctx.not_evaluated(name, "its stock-change log holds no changes in the history window")
                continue
            days = channel_span_days(ix, name)
            flips, undone = scan(ix, name, events)
            for key in sorted(set(flips) | set(undone)):
                yield self._leak(ctx, name, key, flips.get(key, []), undone.get(key, []), days)

    def _leak(self, ctx: CheckContext, name: str, key: str, flips: list, undone: list, days: float) -> Leak:
        ix, pricer = ctx.index, ctx.pricer
        sku = spelling(ix, name, key)
        velocity = pricer.velocity(key, name).scaled(MONTH_DAYS)
        parts: list[tuple[str, Money]] = []
        writers: set[str] = set()
        examples = []
        for f in flips:
            writers.update(w for _, w, _ in f)
        for _, w, _, _ in undone:
            writers.add(w)
        if flips:
            (t1, w1, q1), (t2, w2, q2), (t3, _, q3) = flips[-1]
            disputed = sum(abs(c[2] - b[2]) for _, b, c in flips)
            held = sum(c[0] - b[0] for _, b, c in flips)  # how long the other writer's number stood
            share = min(1.0, held / (days * DAY))
            units = velocity.scaled(share, (
                f"the sales made while the count was in dispute: {held / 3600:.1f} h of {days_words(days)} ({share:.1%}) "
                f"of {velocity.words}"))
            units = _capped(disputed, days, units, f"{len(flips)} flip-flops moved {disputed} units in {days_words(days)}")
            higher = q3 > q2
            why = (f"{w1} and {w2} overwrite each other's count of {sku} on {name}; the last flip left it "
                   f"{'higher' if higher else 'lower'} ({q2} → {q3}); {units.words}")
            mechanism = pricer.oversell if higher else pricer.lost_sales
            parts.append((f"{sku} (flip-flops)", mechanism(units, key, name, why)))
            for flip in flips[:MAX_EXAMPLES // 3]:
                examples += [{"time": iso(t), "writer": w, "quantity_after": q, "what": "set"} for t, w, q in flip]
        if undone:
            pushed = sum(r for _, _, _, r in undone)
            units = _capped(pushed, days, velocity.scaled(1.0, f"all its sales ({velocity.words})"),
                            f"{pushed} sold units pushed back up in {days_words(days)}")
            why = f"{sku}'s count on {name} was put back up after sales with no return to explain it; {units.words}"
            parts.append((f"{sku} (undone sales)", pricer.oversell(units, key, name, why)))
            room = MAX_EXAMPLES - len(examples)
            examples += [{"time": iso(t), "writer": w, "quantity_after": q, "what": "pushed up after a sale"}
                         for t, w, q, _ in undone[:max(room, 1)]]
        money, _ = total_money(pricer, parts, f"undone counts of {sku} on {name}")
        if flips:
            (t1, w1, q1), (t2, w2, q2), (t3, _, q3) = flips[0]
            message = (
                f"{w1} and {w2} keep overwriting each other's count of {sku} on {name} ({q1}, then {q2}, then {q3} "
                f"again within {minutes_words(t3 - t1)}; {len(flips)} time{'s' if len(flips) != 1 else ''} in all)"
            )
            if undone:
                message += f", and the count was pushed back up after {len(undone)} sale{'s' if len(undone) != 1 else ''}"
            message += ", so it jumps back and forth."
        else:
            who = join_names(sorted({w for _, w, _, _ in undone}))
            n = len(undone)
            message = (
                f"{who} pushed {sku}'s stock on {name} back up after {n} sale{'s' if n != 1 else ''} with no return "
                f"to explain it, so {name} offers units that have already sold."
            )
        return Leak(
            check_id=self.id,
            message=message,
            channels=[name],
            skus=sorted(ix.spellings.get((name, key)) or {sku}),
            keys=[key],
            evidence={
                "flips": len(flips),
                "writers": sorted(writers),
                "examples": examples,
                "unexplained_increases": len(undone),
            },
            money=money,
            confidence="high" if len(flips) + len(undone) >= 3 and not velocity.assumed else "medium",
        )


def _capped(units: int, days: float, cap: Rate, words: str) -> Rate:
    """Units a month in dispute, at most ``cap`` (what the channel sells of the product while it matters)."""
    seen = Rate.counted(units, days, words).scaled(MONTH_DAYS)
    if cap.value < seen.value:
        return cap.scaled(1.0, f"{words}; capped at {cap.words}")
    return seen


def scan(ix, name: str, events: list[StockEvent]) -> tuple[dict[str, list], dict[str, list]]:
    """(flip-flops, undone sales) by product on one channel.

    A flip-flop is three absolute sets in a row (per product and location) where the first and
    third come from one writer, the second from another, each changing the number, within the
    window; only products that two writers set are looked at. An undone sale is a rise by a
    non-sale writer, within the window after sales, of no more than the units sold since the
    last write, with no reason that explains stock coming back. Sales come from the log; where
    the log records no sales at all, from the orders.
    """
    rises, set_by_two = _writes(ix, name)
    flips: dict[str, list] = {}
    for key in set_by_two:
        found = _flips(ix.events_of[name][key])
        if found:
            flips[key] = found
    undone: dict[str, list] = {}
    use_orders = not any(is_sale(e) for e in events)
    for e, rise, value in rises:
        if _undoes(ix, name, e, rise, use_orders):
            undone.setdefault(e.key, []).append((e.ts, _label(e) or "an unnamed writer", value, rise))
    return flips, undone


def _label(e: StockEvent) -> str:
    return "staff" if e.writer_kind == WRITER_STAFF else e.writer


def _writes(ix, name: str) -> tuple[list, list[str]]:
    """(the rises with no reason that explains them, each (change, rise, level after), in time order;
    the products that two or more writers may have set to a number, for ``_flips`` to look at).

    A delta gives its rise at once; an absolute set needs the level before it. Where one writer
    sets most of the log (a sync writing absolute counts), one pass follows every level; where
    absolute sets are few (an owner adjusted by deltas), only their products are followed.
    """
    setters = {w: evs for w, evs in writes(ix, name)[1].items() if any(map(_is_set, evs))}
    two: set[str] = set()
    if len(setters) >= 2:  # a product two writers set is set by at least one that is not the busiest
        busiest = max(setters, key=lambda w: len(setters[w]))
        two = {e.key for w, evs in setters.items() if w != busiest for e in evs if _is_set(e)}
    events = ix.events_by_channel[name]
    if setters and 3 * max(map(len, setters.values())) >= len(events):
        rises = _rises(events, None)
    else:
        rises = [(e, e.change, e.quantity_after) for e in writes(ix, name)[0]
                 if e.change is not None and e.change > 0 and not (e.reason and explained_increase(e.reason))]
        keys = {e.key for evs in setters.values() for e in evs if _is_set(e)}
        for key in sorted(keys):
            rises += _rises(ix.events_of[name][key], key)
        rises.sort(key=lambda r: r[0].ts)
    return rises, sorted(two)


def _is_set(e: StockEvent) -> bool:
    return e.change is None and e.quantity_after is not None


def _rises(events: list[StockEvent], only: str | None) -> list:
    """The unexplained rises by writers other than sales in a log that is followed change by change:
    the whole channel's (``only`` None), or one product's, whose absolute sets alone are new here."""
    found = []
    lv: dict = {}
    get = lv.get
    order_kind = WRITER_ORDER
    for e in events:
        loc, q, c = e.location, e.quantity_after, e.change
        sk = (e.key, loc) if loc else e.key
        before = get(sk)
        if q is not None:
            lv[sk] = q
        elif c is not None:
            lv[sk] = before + c if before is not None else None
        else:
            continue
        if c is None:
            if before is None:
                continue
            c = q - before
        elif only is not None:
            continue  # a delta's rise is already counted
        if c <= 0:
            continue
        kind = e.writer_kind
        if kind == order_kind or (not kind and looks_like_sale(e.writer, e.reason)):
            continue
        if e.reason and explained_increase(e.reason):
            continue
        found.append((e, c, lv[sk]))
    return found


def _flips(evs: list[StockEvent]) -> list:
    """The flip-flops in one product's log: the last two absolute sets per location, carried along."""
    found = []
    last: dict[str, tuple] = {}  # location -> (set before last, last set)
    for e in evs:
        q = e.quantity_after
        if e.change is not None or q is None or is_sale(e):
            continue
        w, ts = _label(e), e.ts
        s1, s2 = last.get(e.location, (None, None))
        if s1 is not None and s2 is not None:
            (t1, w1, q1), (_, w2, q2) = s1, s2
            if w and w2 and w == w1 != w2 and q1 != q2 != q and ts - t1 <= FLIP_WINDOW_SECONDS:
                found.append((s1, s2, (ts, w, q)))
        last[e.location] = (s2, (ts, w, q))
    return found


def _undoes(ix, name: str, rise_event: StockEvent, rise: int, use_orders: bool) -> bool:
    """Whether a rise puts back no more than what sold since the last write before it, soon after a sale."""
    evs = ix.events_of[name][rise_event.key]
    at = bisect_left(evs, rise_event.ts, key=_ts)
    while evs[at] is not rise_event:
        at += 1
    loc = rise_event.location
    sold, last_sale, since = 0, None, None
    for j in range(at - 1, -1, -1):  # back to the previous write: the sales in between
        e = evs[j]
        if e.location != loc:
            continue
        if is_sale(e):
            c, q = e.change, e.quantity_after
            if c is not None:
                drop = -c
            else:
                prev = next((x.quantity_after for x in reversed(evs[:j]) if x.location == loc), None)
                drop = prev - q if prev is not None and q is not None else 1
            if drop > 0:
                sold += drop
            if last_sale is None:
                last_sale = e.ts
            continue
        since = e.ts
        break
    if use_orders and rise_event.key in ix.orders_of.get(name, {}):
        times, qty = _orders(ix, name, rise_event.key)
        lo = bisect_right(times, since) if since is not None else 0
        hi = bisect_right(times, rise_event.ts)
        if hi > lo:
            sold += sum(qty[lo:hi])
            last_sale = times[hi - 1]
    return 0 < rise <= sold and last_sale is not None and rise_event.ts - last_sale <= UNDO_WINDOW_SECONDS


def _orders(ix, name: str, key: str) -> tuple[list[float], list[int]]:
    lines = sorted((o for o in ix.orders_of.get(name, {}).get(key, ()) if o.status != STATUS_CANCELLED), key=_ts)
    return [o.ts for o in lines], [o.quantity for o in lines]

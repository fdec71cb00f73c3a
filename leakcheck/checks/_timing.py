"""Shared arithmetic of the timing and writer checks (SYN001-SYN003, WRT001-WRT003).

Those six checks read the same raw material: a channel's stock-change log, told apart into the
channel's own sales and everything else that writes its count. Doing that one way, here, keeps
the checks agreeing with each other (a sale SYN002 matched is a sale SYN003 does not call
missed) and lets SYN002 and SYN003 share one pass that pairs each sale with the stock change it
caused elsewhere, which is the costliest part of both.

Everything here is linear in the events and orders it is given; the only per-product work is on
products a check has already chosen to price, and pricing stops at ``MAX_PRICED`` products
(the fastest sellers), which the money's basis then says.
"""

from __future__ import annotations

import weakref
from bisect import bisect_right
from dataclasses import dataclass, field
from operator import attrgetter

from ..index import DAY, Index
from ..model import STATUS_CANCELLED, WRITER_ORDER, WRITER_STAFF, OrderLine, StockEvent
from ..money import MONTH_DAYS, Pricer
from ..report.model import Money

# A sale tells its own stock change apart by its writer kind; where a log does not record the
# kind, these writer prefixes and reasons still mark the change a sale made.
_SALE_REASONS = {"sale", "sold", "order", "order placed", "order created", "order paid", "checkout", "purchase"}
# Words in a reason that explain stock going up: a return, a delivery, a count, a cancellation.
RESTOCK_WORDS = (
    "return", "restock", "refund", "cancel", "receiv", "deliver", "purchase order", "stocktake",
    "stock take", "count", "transfer", "found", "goods in", "goods-in", "replenish", "inbound",
)
MAX_LAG_SECONDS = 24 * 3600.0  # a stock change more than a day after a sale is not its echo
SALE_ECHO_SECONDS = 120.0  # an unlabelled decrease this soon after the channel's own sale is that sale
ABSORB_RISE_SECONDS = 3600.0  # an absolute set that raised the count may have netted in sales this recent
NAMED_SAMPLE = 2000  # drops with a reason read to learn whether a log names the orders it brings in
MIN_SELLDOWNS_PER_MONTH = 1.0  # a product that sells is assumed to reach its last unit at least monthly
MAX_PRICED = 1000  # products priced one by one per finding (the fastest sellers); the rest are named as left out
_ts = attrgetter("ts")


def looks_like_sale(writer: str, reason: str) -> bool:
    """An unlabelled change that a sale made ("order #1001", reason "sale")."""
    return writer.lower().startswith("order") or reason.strip().lower() in _SALE_REASONS


def is_sale(e: StockEvent) -> bool:
    kind = e.writer_kind
    if kind:
        return kind == WRITER_ORDER
    return looks_like_sale(e.writer, e.reason)


def non_sale(events: list[StockEvent]) -> list[StockEvent]:
    """The changes that were not the channel's own sales: syncs, apps, people (order kept)."""
    return [e for e in events if e.writer_kind != WRITER_ORDER and (e.writer_kind or not looks_like_sale(e.writer, e.reason))]


def explained_increase(reason: str) -> bool:
    low = reason.lower()
    return any(word in low for word in RESTOCK_WORDS)


def writer_label(e: StockEvent) -> str:
    """Who wrote a change, as the checks group writers: every person on staff is one source, "staff"."""
    if e.writer_kind == WRITER_STAFF:
        return "staff"
    return e.writer


def group_by_writer(events: list[StockEvent]) -> dict[str, list[StockEvent]]:
    """Events by writer label, each list still in time order."""
    groups: dict[str, list[StockEvent]] = {}
    get = groups.get
    for e in events:
        w = "staff" if e.writer_kind == WRITER_STAFF else e.writer
        g = get(w)
        if g is None:
            g = groups[w] = []
        g.append(e)
    return groups


_MEMO: dict = {"index": None}


def memo(index: Index) -> dict:
    """A scratch dict that lives as long as one index: four checks share one pass over the writes."""
    ref = _MEMO["index"]
    if ref is None or ref() is not index:
        _MEMO.clear()
        _MEMO["index"] = weakref.ref(index)
    return _MEMO


def writes(index: Index, channel: str) -> tuple[list[StockEvent], dict[str, list[StockEvent]]]:
    """(the channel's changes that were not its own sales, the same grouped by writer label)."""
    cache = memo(index)
    found = cache.get(("writes", channel))
    if found is None:
        rest = non_sale(index.events_by_channel.get(channel) or [])
        found = cache[("writes", channel)] = (rest, group_by_writer(rest))
    return found


def span_days(first: float, last: float) -> float:
    return max(1.0, (last - first) / DAY)


def channel_span_days(index: Index, channel: str) -> float:
    """Days a channel's stock-change log covers (at least one)."""
    events = index.events_by_channel.get(channel) or []
    return span_days(events[0].ts, events[-1].ts) if events else 1.0


def days_words(days: float) -> str:
    """"1 day", "2 days", "1.5 days": how a window reads in a basis."""
    text = f"{days:.0f}" if abs(days - round(days)) < 0.05 or days >= 10 else f"{days:.1f}"
    return f"{text} day{'' if text == '1' else 's'}"


def minutes_words(seconds: float) -> str:
    if seconds >= 2 * 3600:
        return f"{seconds / 3600:.1f} hours".replace(".0 ", " ")
    minutes = seconds / 60
    if minutes < 1:
        return f"{seconds:.0f} seconds"
    return f"{minutes:.0f} minute{'s' if round(minutes) != 1 else ''}"


# --- stock levels ------------------------------------------------------------------------------
def levels(index: Index, channel: str, key: str) -> list[int | None]:
    """The stock level after each event of one product on one channel (None where unknowable).

    Absolute sets give the level; a delta carries it forward. Where a series starts with deltas,
    the channel's current stock (from its listings) carries it backward. Locations are followed
    separately, since each location has its own count.
    """
    evs = index.events.get((channel, key), [])
    out: list[int | None] = [None] * len(evs)
    if not evs:
        return out
    finals: dict[str, int | None] = {}
    for listing in index.by_key.get(key, {}).get(channel, ()):
        if listing.available is not None:
            finals[listing.location] = finals.get(listing.location, 0) + listing.available
    locs = {e.location for e in evs}
    for loc in locs:
        idx = range(len(evs)) if len(locs) == 1 else [i for i, e in enumerate(evs) if e.location == loc]
        cur: int | None = None
        unknown = False
        for i in idx:
            e = evs[i]
            if e.quantity_after is not None:
                cur = e.quantity_after
            elif cur is not None and e.change is not None:
                cur += e.change
            else:
                cur = None
                unknown = True
            out[i] = cur
        final = finals.get(loc)
        if final is None and len(locs) == 1 and len(finals) == 1:
            final = next(iter(finals.values()))
        if unknown and final is not None:
            after: int | None = final
            for i in reversed(idx):
                if out[i] is None:
                    out[i] = after
                e = evs[i]
                value = out[i]
                after = value - e.change if (value is not None and e.change is not None) else None
    return out


def selldowns(lv: list[int | None]) -> int:
    """Times the level fell from above one unit to its last unit or below."""
    count = 0
    prev = None
    for value in lv:
        if value is not None:
            if prev is not None and prev > 1 >= value:
                count += 1
            prev = value
    return count


def selldowns_per_month(index: Index, channel: str, key: str, days: float) -> tuple[float, int]:
    """(sell-downs a month, sell-downs seen): seen in the log, at least MIN_SELLDOWNS_PER_MONTH."""
    seen = selldowns(levels(index, channel, key))
    return max(MIN_SELLDOWNS_PER_MONTH, seen * MONTH_DAYS / days), seen


# --- pairing sales with the stock change they caused on another channel ----------------------
@dataclass
class PairMatch:
    """Sales on ``source`` of products ``target`` tracks, and what became of them on ``target``."""

    source: str
    target: str
    # (lag seconds, order id, sku, sold at) of each sale the target's stock answered
    matched: list[tuple[float, str, str, float]] = field(default_factory=list)
    # (order id, sku, key, sold at, quantity) of sales the target's stock provably never answered
    missed: list[tuple[str, str, str, float, int]] = field(default_factory=list)
    matched_keys: dict[str, int] = field(default_factory=dict)


def _tokens(reason: str) -> set[str]:
    return {t.strip(".,;:()[]'\"") for t in reason.split()}


def named_sources(index: Index, target: str, sources) -> set[str]:
    """Source channels whose sales ``target``'s log names by order id ("amazon order 205-…").

    Decided from the first drops that give a reason (a connector either names the orders it
    brings in or never does), so the costly word-by-word look is not made on every change.
    """
    counts: dict[str, int] = {}
    seen = 0
    orders = index.orders
    others = [a for a in sources if a != target]
    for e in writes(index, target)[0]:
        c = e.change
        if not e.reason or (c is not None and c >= 0):
            continue
        seen += 1
        if seen > NAMED_SAMPLE:
            break
        words = _tokens(e.reason)
        for a in others:
            lines = orders.get((a, e.key))
            if lines and any(o.order_id in words for o in lines):
                counts[a] = counts.get(a, 0) + 1
    return {a for a, n in counts.items() if n >= max(1.0, 0.01 * seen)}


def sales_by_key(index: Index) -> dict[str, list[OrderLine]]:
    """key -> its sales on every channel (cancelled orders left out), in time order: one list for all targets."""
    cache = memo(index)
    found = cache.get("sales_by_key")
    if found is None:
        found = cache["sales_by_key"] = {}
        get = found.get
        for (_, key), lines in index.orders.items():
            kept = [o for o in lines if o.status != STATUS_CANCELLED]
            if not kept:
                continue
            have = get(key)
            if have is None:
                found[key] = kept
            else:
                have += kept
        for lines in found.values():
            if len(lines) > 1:
                lines.sort(key=_ts)
    return found


def keys_by_channel(index: Index) -> dict[str, list[str]]:
    cache = memo(index)
    found = cache.get("keys_by_channel")
    if found is None:
        found = cache["keys_by_channel"] = {}
        for ch, key in index.events:
            found.setdefault(ch, []).append(key)
    return found


def match_sales(index: Index, sources: list[str], targets: list[str]) -> dict[tuple[str, str], PairMatch]:
    """Pair every sale on a source channel with the change it made to each target's stock.

    Per target and product, one walk through its log and the product's sales elsewhere, in time
    order. Where the log names orders (a connector writing "amazon order 205-…"), a sale is
    matched by its order id and nothing else. Otherwise each drop in stock answers the most
    recent sales before it, one unit each (a batched sync's drop of 3 answers three sales; an
    older sale whose answer never came is not rescued by a later, unrelated sale's drop).

    A sale is called missed only where the log proves the count never went down for it: the
    level was known and above zero when it sold (a product's first absolute set establishes the
    level, it answers nothing; a count already at zero cannot go lower), no drop answered it
    within MAX_LAG_SECONDS, and the log covers that whole day. A change of unknown size (an
    absolute set with no level before it), an absolute set that raised the count (it may have
    netted a sale in with a delivery or a return) and a count reaching zero settle the recent
    sales still waiting, as neither matched nor missed.
    """
    cache = memo(index)
    tag = ("match", tuple(sorted(sources)), tuple(sorted(targets)))
    if tag in cache:
        return cache[tag]
    result: dict[tuple[str, str], PairMatch] = {}
    by_key = sales_by_key(index)
    keys_of = keys_by_channel(index)
    source_set = frozenset(sources)
    for b in targets:
        evs = index.events_by_channel.get(b)
        if evs:
            named = named_sources(index, b, sources)
            per: dict[str, PairMatch] = {}
            _pair_target(index, b, source_set, named, by_key, keys_of.get(b, ()), per, evs[0].ts, evs[-1].ts)
            for a, pair in per.items():
                result[(a, b)] = pair
    cache[tag] = result
    return result


def owner_rises(index: Index, key: str) -> list[float]:
    """When the owner's count of a product went up (a delivery, a return): a channel that copies the
    owner's count in batches nets a sale in with such a rise, so its log shows no drop for the sale."""
    cache = memo(index)
    found = cache.get(("rises", key))
    if found is None:
        found = cache[("rises", key)] = []
        lv: dict = {}
        for e in index.events.get((index.snapshot.owner, key), ()):
            c, q = e.change, e.quantity_after
            before = lv.get(e.location)
            if c is None and q is not None and before is not None:
                c = q - before
            lv[e.location] = q if q is not None else (before + c if before is not None and c is not None else None)
            if c is not None and c > 0:
                found.append(e.ts)
    return found


def _near(times: list[float], t: float, window: float) -> bool:
    j = bisect_right(times, t)
    return (j > 0 and t - times[j - 1] <= window) or (j < len(times) and times[j] - t <= window)


def _two_products(index: Index, channel: str, key: str) -> bool:
    """The channel uses this code for two different products: its sales are not one product's (SKU002)."""
    ids = {x.product_id for x in index.by_key.get(key, {}).get(channel, ()) if x.product_id}
    return len(ids) > 1


def _pair_target(index: Index, b: str, sources: frozenset, named: set[str], by_key: dict, keys, per: dict,
                 first: float, last: float) -> None:
    """The walk of ``match_sales`` for one target channel (kept in one function: it runs per event)."""
    events, orders = index.events, index.orders
    lag_max, rise_max = MAX_LAG_SECONDS, ABSORB_RISE_SECONDS
    owner = index.snapshot.owner
    rises = (lambda key: owner_rises(index, key)) if owner and owner != b and owner in index.events_by_channel else None
    order_kind = WRITER_ORDER

    def pair_of(a: str) -> PairMatch:
        pair = per.get(a)
        if pair is None:
            pair = per[a] = PairMatch(a, b)
        return pair

    def matched(o, when: float) -> None:
        pair = pair_of(o.channel)
        pair.matched.append((when - o.ts, o.order_id, o.sku, o.ts))
        pair.matched_keys[key] = pair.matched_keys.get(key, 0) + 1

    for key in keys:
        sales = by_key.get(key)
        if sales is None:
            continue
        evs = events[(b, key)]
        n = len(sales)
        stack: list = []  # sales waiting for their drop: [sold at, units left, line, matched yet]
        by_id: dict | None = None  # order id -> [line, first change naming it] (named sources)
        lv: dict = {}  # location -> level (None: unknown)
        judge = evs[0].change is not None  # before a first absolute set the level is unknown
        own_times = None
        i = 0
        for e in evs:
            ts = e.ts
            while i < n:
                o = sales[i]
                t = o.ts
                if t > ts:
                    break
                i += 1
                a = o.channel
                if a == b or a not in sources:
                    continue
                if a in named:
                    if by_id is None:
                        by_id = {}
                    by_id[o.order_id] = [o, None]
                elif judge and t >= first:
                    stack.append([t, o.quantity, o, False])
            c, q, loc = e.change, e.quantity_after, e.location
            if c is None and q is None:
                continue
            before = lv.get(loc)
            if c is None:
                after = q
                c = q - before if before is not None else None
                absolute = True
            else:
                after = q if q is not None else (before + c if before is not None else None)
                absolute = False
            lv[loc] = after
            kind = e.writer_kind
            own = kind == order_kind
            if not kind and not own:
                if looks_like_sale(e.writer, e.reason):
                    own = True
                elif c is not None and c < 0:
                    if own_times is None:
                        own_times = sorted(o.ts for o in orders.get((b, key), ()) if o.status != STATUS_CANCELLED)
                    j = bisect_right(own_times, ts)
                    own = bool(j) and ts - own_times[j - 1] <= SALE_ECHO_SECONDS
            if not own:
                hit = None
                if by_id is not None and e.reason and (c is None or c < 0):
                    r = e.reason
                    hit = by_id.get(r[r.rfind(" ") + 1:])
                    if hit is None:
                        hit = next((by_id[w] for w in _tokens(r) if w in by_id), None)
                if hit is not None:
                    if hit[1] is None:
                        hit[1] = ts
                elif c is None:  # a change of unknown size settles what waits
                    while stack and ts - stack[-1][0] <= lag_max:
                        stack.pop()
                elif c < 0:
                    need = -c
                    while need > 0 and stack:
                        top = stack[-1]
                        if ts - top[0] > lag_max:
                            break
                        if not top[3]:
                            top[3] = True
                            matched(top[2], ts)
                        if top[1] > need:
                            top[1] -= need
                            break
                        need -= top[1]
                        stack.pop()
                elif c > 0 and absolute:  # may have netted recent sales in with the rise
                    while stack and ts - stack[-1][0] <= rise_max:
                        stack.pop()
            if after is None:
                judge = judge and c is not None
            elif after > 0:
                judge = True
            elif len(lv) == 1 or all(v is not None and v <= 0 for v in lv.values()):
                judge = False  # at zero: a sale elsewhere cannot take it lower
                while stack and ts - stack[-1][0] <= lag_max:
                    stack.pop()
        while i < n:  # sales after the product's last change here
            o = sales[i]
            i += 1
            a = o.channel
            if a == b or a not in sources:
                continue
            if a in named:
                if by_id is None:
                    by_id = {}
                by_id[o.order_id] = [o, None]
            elif judge and o.ts >= first:
                stack.append([o.ts, o.quantity, o, False])
        for t, _, o, done in stack:
            if (not done and t + lag_max <= last and not (rises and _near(rises(key), t, rise_max))
                    and not _two_products(index, o.channel, key)):
                pair_of(o.channel).missed.append((o.order_id, o.sku, key, t, o.quantity))
        if by_id is not None:
            for o, when in by_id.values():
                if when is not None:
                    matched(o, when)
                elif first <= o.ts and o.ts + lag_max <= last and not _two_products(index, o.channel, key):
                    pair_of(o.channel).missed.append((o.order_id, o.sku, key, o.ts, o.quantity))


# --- money over many products ------------------------------------------------------------------
def fastest(keys, weight, limit: int = MAX_PRICED) -> tuple[list[str], int]:
    """The ``limit`` keys with the largest weight (ties by key), and how many were left out."""
    keys = list(keys)
    if len(keys) <= limit:
        return sorted(keys), 0
    ranked = sorted(keys, key=lambda k: (-weight(k), k))
    return ranked[:limit], len(keys) - limit


def total_money(pricer: Pricer, parts: list[tuple[str, Money]], heading: str, left_out: int = 0) -> tuple[Money | None, list[dict]]:
    """Sum per-product Money into one, with the largest named in the basis; and the top 10 list."""
    if not parts:
        return None, []
    parts = sorted(parts, key=lambda p: (-p[1].amount, p[0]))
    amount = sum(m.amount for _, m in parts)
    low = sum(m.low for _, m in parts)
    high = sum(m.high for _, m in parts)
    top_sku, top = parts[0]
    if len(parts) == 1:
        basis = f"{heading}: {top_sku}: {top.basis}"
    else:
        basis = (
            f"{heading}: summed over {len(parts)} products = {pricer.money(amount)}; the largest, "
            f"{top_sku}: {top.basis}"
        )
    if left_out:
        basis += f"; {left_out} slower-selling products were not priced (only the {MAX_PRICED} fastest), so this is a floor"
    top10 = [{"sku": sku, "amount": m.amount} for sku, m in parts[:10]]
    money = Money(amount=round(amount, 2), low=round(min(low, amount), 2), high=round(max(high, amount), 2),
                  currency=pricer.currency, basis=basis)
    return money, top10

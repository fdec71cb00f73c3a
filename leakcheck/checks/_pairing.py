"""Pairing each sale with the change it made to every other channel's stock (SYN002, SYN003).

The costliest shared work of the timing checks, done once per scan and kept here: SYN002 reads
the lags of the pairs, SYN003 the sales that were never answered. Two ways to pair, chosen per
target channel: by order id where its log names the orders it brings in, else by a walk through
its log in time order. Either way a sale is only called missed where the log proves it.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field
from operator import attrgetter

from ..index import Index
from ..model import CAP_ORDERS, STATUS_CANCELLED, WRITER_ORDER, OrderLine
from ._timing import MAX_LAG_SECONDS, SALE_ECHO_SECONDS, _ts, looks_like_sale, memo, writes

ABSORB_RISE_SECONDS = 3600.0  # an absolute set that raised the count may have netted in sales this recent
_NEVER = float("inf")
_order_id, _key = attrgetter("order_id"), attrgetter("key")
NAMED_SAMPLE = 500  # drops with a reason read to learn whether a log names the orders it brings in


@dataclass
class PairMatch:
    """Sales on ``source`` of products ``target`` tracks, and what became of them on ``target``."""

    source: str
    target: str
    lags: list[float] = field(default_factory=list)  # seconds from each answered sale to its answer
    lines: list[OrderLine] = field(default_factory=list)  # those sales, in the same order
    # (order id, sku, key, sold at, quantity) of sales the target's stock provably never answered
    missed: list[tuple[str, str, str, float, int]] = field(default_factory=list)
    _keys: dict[str, int] | None = field(default=None, repr=False)

    @property
    def matched(self) -> list[tuple[float, str, str, float]]:
        """(lag seconds, order id, sku, sold at) of each answered sale (built when asked for)."""
        return [(lag, o.order_id, o.sku, o.ts) for lag, o in zip(self.lags, self.lines)]

    @property
    def matched_keys(self) -> dict[str, int]:
        """key -> answered sales of it."""
        if self._keys is None:
            self._keys = {}
            for o in self.lines:
                self._keys[o.key] = self._keys.get(o.key, 0) + 1
        return self._keys


def _tokens(reason: str) -> set[str]:
    return {t.strip(".,;:()[]'\"") for t in reason.split()}


def named_sources(index: Index, target: str, sources) -> set[str]:
    """Source channels whose sales ``target``'s log names by order id ("amazon order 205-…").

    Decided from a sample of drops that give a reason, spread over the whole log (a connector
    either names the orders it brings in or never does; a till's sales stop on the day the shop is
    shut), so the word-by-word look is not made on every change.
    """
    counts: dict[str, int] = {}
    seen = 0
    others = [(a, index.orders_of.get(a, {})) for a in sources if a != target]
    rest = writes(index, target)[0]
    for e in rest[::max(1, len(rest) // (2 * NAMED_SAMPLE))]:
        c = e.change
        if not e.reason or (c is not None and c >= 0):
            continue
        seen += 1
        if seen > NAMED_SAMPLE:
            break
        words = _tokens(e.reason)
        for a, orders in others:
            lines = orders.get(e.key)
            if lines and any(o.order_id in words for o in lines):
                counts[a] = counts.get(a, 0) + 1
    return {a for a, n in counts.items() if n >= max(1.0, 0.01 * seen)}


def match_sales(index: Index, sources: list[str], targets: list[str]) -> dict[tuple[str, str], PairMatch]:
    """Pair every sale on a source channel with the change it made to each target's stock.

    Where the target's log names orders (a connector writing "amazon order 205-…"), a sale is
    matched by its order id and nothing else. Otherwise, per product, one walk through the
    target's log and the product's sales elsewhere in time order: each drop in stock answers
    the most recent sales before it, one unit each (a batched sync's drop of 3 answers three
    sales; an older sale whose answer never came is not rescued by a later sale's drop).

    A sale is called missed only where the log proves the count never went down for it: the
    level was known and above zero when it sold (a product's first absolute set establishes the
    level, it answers nothing; a count already at zero cannot go lower), nothing answered it
    within MAX_LAG_SECONDS, and the log covers that whole day. A change of unknown size, an
    absolute set that raised the count (it may have netted a sale in with a delivery or a
    return), a rise in the owner's count near the sale (the same, one step earlier) and a count
    reaching zero settle the sales still waiting, as neither matched nor missed.
    """
    cache = memo(index)
    tag = ("match", tuple(sorted(sources)), tuple(sorted(targets)))
    if tag in cache:
        return cache[tag]
    result: dict[tuple[str, str], PairMatch] = {}
    for b in targets:
        evs = index.events_by_channel.get(b)
        if not evs:
            continue
        named = named_sources(index, b, sources)
        per = {a: PairMatch(a, b) for a in sources if a != b}
        span = (evs[0].ts, evs[-1].ts)
        unnamed = frozenset(a for a in sources if a != b and a not in named)
        hit_ids: set[int] | None = set() if unnamed else None
        if named:
            _match_named(index, b, named, per, span, hit_ids)
        if unnamed:
            _walk(index, b, unnamed, per, span, hit_ids)
        for a, pair in per.items():
            if pair.lags or pair.missed:
                result[(a, b)] = pair
    cache[tag] = result
    return result


def _match_named(index: Index, b: str, named: set[str], per: dict, span: tuple[float, float],
                 hit_ids: set[int] | None) -> None:
    """Sales of the sources ``b``'s log names, matched by order id; ``hit_ids`` (when given) gets the
    changes that named one, which the walk for the other sources then leaves alone."""
    first, last = span
    events, cancelled = index.events_of.get(b, {}), STATUS_CANCELLED
    channels = index.snapshot.channels
    ids = {o.order_id for a in named for o in channels[a].orders}
    hits: dict[tuple[str, str], float] = {}
    setdefault = hits.setdefault
    for e in writes(index, b)[0]:
        r, c = e.reason, e.change
        if not r or (c is not None and c >= 0):
            continue
        word = r[r.rfind(" ") + 1:]  # "amazon order 205-…": the id comes last
        if word not in ids:
            word = next((w for w in _tokens(r) if w in ids), None)
            if word is None:
                continue
        if hit_ids is not None:
            hit_ids.add(id(e))
        setdefault((word, e.key), e.ts)
    for a in sorted(named):
        pair = per[a]
        lags, matched = pair.lags, pair.lines
        orders = channels[a].orders
        # each line's (order id, key) looked up in C; the loop only sorts out what was found
        found = map(hits.get, zip(map(_order_id, orders), map(_key, orders)))
        for o, when in zip(orders, found):
            if when is not None:
                if o.status != cancelled:
                    lags.append(when - o.ts)
                    matched.append(o)
            elif (o.status != cancelled and first <= o.ts and o.ts + MAX_LAG_SECONDS <= last
                  and o.key in events and not _two_products(index, a, o.key)):
                pair.missed.append((o.order_id, o.sku, o.key, o.ts, o.quantity))


def owner_rises(index: Index, key: str) -> list[float]:
    """When the owner's count of a product went up (a delivery, a return): a channel that copies the
    owner's count in batches nets a sale in with such a rise, so its log shows no drop for the sale."""
    cache = memo(index)
    found = cache.get(("rises", key))
    if found is None:
        found = cache[("rises", key)] = []
        lv: dict = {}
        for e in index.events_for(index.snapshot.owner or "", key):
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
    ids = {x.product_id for x in index.listings_of(channel, key) or () if x.product_id}
    return len(ids) > 1


def _walk(index: Index, b: str, unnamed: frozenset, per: dict, span: tuple[float, float],
          hit_ids: set[int] | None) -> None:
    """The time-ordered walk of ``match_sales`` for one target and the sources its log does not name.

    Kept in one function with local names: it runs once per change and per sale of a million.
    The stack holds the sales still waiting for their drop, newest on top; ``part`` the units
    still owed by a sale that has had its first.
    """
    first, last = span
    early = first - MAX_LAG_SECONDS  # a sale this long before the log starts may still be answered in it
    lag_max, rise_max, order_kind = MAX_LAG_SECONDS, ABSORB_RISE_SECONDS, WRITER_ORDER
    events, own_orders = index.events_of.get(b, {}), index.orders_of.get(b, {})
    owner = index.snapshot.owner
    rises = owner and owner != b and owner in index.events_by_channel
    cancelled = STATUS_CANCELLED
    get = _sales_by_key(index, unnamed).get
    for key in sorted(events):  # products in code order, so the pairs' lists come out the same every time
        sales = get(key)
        if sales is None:
            continue
        evs = events[key]
        n, i = len(sales), 0
        due = sales[0].ts  # when the next sale comes
        stack: list = []
        part: dict = {}
        lv: dict = {}  # location -> level (None: unknown)
        judge = evs[0].change is not None  # before a first absolute set the level is unknown
        own_times = None
        for e in evs:
            ts = e.ts
            if due <= ts:
                while i < n:
                    o = sales[i]
                    if o.ts > ts:
                        break
                    i += 1
                    if judge and o.ts >= early and o.status != cancelled:
                        stack.append(o)
                due = sales[i].ts if i < n else _NEVER
            c, q, loc = e.change, e.quantity_after, e.location
            before = lv.get(loc)
            if c is None:
                if q is None:
                    continue
                after = lv[loc] = q
                if before is not None:
                    c = q - before
                absolute = True
            else:
                after = lv[loc] = q if q is not None else (before + c if before is not None else None)
                absolute = False
            kind = e.writer_kind
            if kind:
                own = kind == order_kind
            elif looks_like_sale(e.writer, e.reason):
                own = True
            elif c is not None and c < 0:  # an unlabelled drop right after this channel's own sale is that sale
                if own_times is None:
                    own_times = sorted(o.ts for o in own_orders.get(key, ()) if o.status != STATUS_CANCELLED)
                j = bisect_right(own_times, ts)
                own = j > 0 and ts - own_times[j - 1] <= SALE_ECHO_SECONDS
            else:
                own = False
            if own or (hit_ids and id(e) in hit_ids):
                pass
            elif c is None:  # a change of unknown size settles what waits
                while stack and ts - stack[-1].ts <= lag_max:
                    part.pop(id(stack.pop()), None)
            elif c < 0:
                need = -c
                while need > 0 and stack:
                    o = stack[-1]
                    if ts - o.ts > lag_max:
                        break
                    left = part.pop(id(o), None) if part else None
                    if left is None:  # its first unit: the answer
                        left = o.quantity
                        pair = per[o.channel]
                        pair.lags.append(ts - o.ts)
                        pair.lines.append(o)
                    if left > need:
                        part[id(o)] = left - need
                        break
                    need -= left
                    stack.pop()
            elif c > 0 and absolute:  # may have netted recent sales in with the rise
                while stack and ts - stack[-1].ts <= rise_max:
                    part.pop(id(stack.pop()), None)
            if after is None:
                judge = judge and c is not None
            elif after > 0:
                judge = True
            elif len(lv) == 1 or all(v is not None and v <= 0 for v in lv.values()):
                judge = False  # at zero: a sale elsewhere cannot take it lower
                while stack and ts - stack[-1].ts <= lag_max:
                    part.pop(id(stack.pop()), None)
        if judge:  # sales after the product's last change here
            stack += [o for o in sales[i:] if o.status != cancelled]
        for o in stack:
            t = o.ts
            if (id(o) not in part and first <= t and t + lag_max <= last
                    and not (rises and _near(owner_rises(index, key), t, rise_max))
                    and not _two_products(index, o.channel, key)):
                per[o.channel].missed.append((o.order_id, o.sku, key, t, o.quantity))


def _sales_by_key(index: Index, sources: frozenset) -> dict[str, list[OrderLine]]:
    """key -> the sources' sales of it in time order (ties: channels in snapshot order, then as read).

    One stable sort of all their order lines, then one pass that deals them out by product: the
    same lists as joining each product's lines and sorting them, without a sort per product.
    """
    lines: list[OrderLine] = []
    for ch in index.snapshot.channels.values():
        if ch.name in sources and ch.name in index.orders_of:
            lines += ch.orders
    grouped: dict[str, list[OrderLine]] = {}
    setdefault = grouped.setdefault
    for o in sorted(lines, key=_ts):
        setdefault(o.key, []).append(o)
    return grouped


def sources_and_targets(ctx, verb: str) -> tuple[list[str], list[str]]:
    """Channels whose sales are paired (any with orders) and channels whose stock log is judged.

    A target needs another channel's sales to compare with and changes in the window; otherwise it
    is NOT_EVALUATED with the reason (``verb`` says what the check does with the sales).
    """
    ix = ctx.index
    sources = []
    for c in ctx.snapshot.channels.values():
        if not c.has(CAP_ORDERS):
            continue
        if c.orders and all(o.day_only for o in c.orders):
            # midnight stands in for the time of every sale: a lag measured from it is made up
            ctx.not_evaluated(c.name, "its orders give each sale's date without a time of day, so they are not "
                              f"used to {verb} other channels' stock changes")
            continue
        sources.append(c.name)
    targets = []
    for ch in ctx.channels:
        if not any(a != ch.name for a in sources):
            ctx.not_evaluated(ch.name, f"no other channel has orders to {verb} its stock changes against")
        elif not ix.events_by_channel.get(ch.name):
            ctx.not_evaluated(ch.name, "its stock-change log holds no changes in the history window")
        else:
            targets.append(ch.name)
    return sources, targets

"""Shared arithmetic of the timing and writer checks (SYN001-SYN003, WRT001-WRT003).

Those six checks read the same raw material: a channel's stock-change log, told apart into the
channel's own sales and everything else that writes its count. Doing that one way, here, keeps
the checks agreeing with each other, and what several of them need (the writes grouped by
writer, each writer's products) is worked out once per scan (``memo``). The pairing of each sale
with the change it made elsewhere, which SYN002 and SYN003 share, is in ``_pairing``.

Everything here is linear in the events and orders it is given; the only per-product work is on
products a check has already chosen to price, and pricing stops at ``MAX_PRICED`` products
(the fastest sellers), which the money's basis then says.
"""

from __future__ import annotations

import heapq
import re
import weakref
from operator import attrgetter

from ..index import DAY, Index
from ..model import WRITER_ORDER, WRITER_STAFF, StockEvent
from ..money import MONTH_DAYS, Pricer
from ..report.model import Money

# A sale tells its own stock change apart by its writer kind; where a log does not record the
# kind, these writer prefixes and reasons still mark the change a sale made.
_SALE_REASONS = {"sale", "sold", "order", "order placed", "order created", "order paid", "checkout", "purchase"}
# Words in a reason that explain stock going up: a return, a delivery, a count, a cancellation,
# a bundle's count worked out again from its components.
RESTOCK_WORDS = (
    "return", "restock", "refund", "cancel", "receiv", "deliver", "purchase order", "stocktake",
    "stock take", "count", "transfer", "found", "goods in", "goods-in", "replenish", "inbound",
    "recalculat", "from components",
)
MAX_LAG_SECONDS = 24 * 3600.0  # a stock change more than a day after a sale is not its echo
SALE_ECHO_SECONDS = 120.0  # an unlabelled decrease this soon after the channel's own sale is that sale
MIN_SELLDOWNS_PER_MONTH = 1.0  # a product that sells is assumed to reach its last unit at least monthly
MAX_PRICED = 1000  # products priced one by one per finding (the fastest sellers); the rest are named as left out
_ts, _key, _sku = attrgetter("ts"), attrgetter("key"), attrgetter("sku")


def looks_like_sale(writer: str, reason: str) -> bool:
    """An unlabelled change that a sale made ("order #1001", reason "sale")."""
    return writer.lower().startswith("order") or reason.strip().lower() in _SALE_REASONS


def is_sale(e: StockEvent) -> bool:
    kind = e.writer_kind
    if kind:
        return kind == WRITER_ORDER
    return looks_like_sale(e.writer, e.reason)


_RESTOCK = re.compile("|".join(map(re.escape, RESTOCK_WORDS)), re.IGNORECASE)
_EXPLAINED: dict[str, bool] = {}  # reason -> explains a rise (bounded: cleared past 100,000 reasons)


def explained_increase(reason: str) -> bool:
    """The reason explains stock coming back (it runs on every rise: one regular expression, and the
    answers for reasons seen before are kept, since a sync writes the same few reasons all along)."""
    found = _EXPLAINED.get(reason)
    if found is None:
        if len(_EXPLAINED) > 100_000:
            _EXPLAINED.clear()
        found = _EXPLAINED[reason] = _RESTOCK.search(reason) is not None
    return found


def writer_label(e: StockEvent) -> str:
    """Who wrote a change, as the checks group writers: every person on staff is one source, "staff"."""
    if e.writer_kind == WRITER_STAFF:
        return "staff"
    return e.writer


_MEMO: dict = {"index": None}


def memo(index: Index) -> dict:
    """A scratch dict that lives as long as one index: four checks share one pass over the writes."""
    ref = _MEMO["index"]
    if ref is None or ref() is not index:
        _MEMO.clear()
        _MEMO["index"] = weakref.ref(index)
    return _MEMO


def writes(index: Index, channel: str) -> tuple[list[StockEvent], dict[str, list[StockEvent]]]:
    """(the channel's changes that were not its own sales: syncs, apps, people, in time order; the
    same grouped by writer label, every person on staff being one writer, "staff")."""
    cache = memo(index)
    found = cache.get(("writes", channel))
    if found is None:
        rest: list[StockEvent] = []
        groups: dict[str, list[StockEvent]] = {}  # by writer label, each list still in time order
        add, get, order_kind, staff = rest.append, groups.get, WRITER_ORDER, WRITER_STAFF
        for e in index.events_by_channel.get(channel) or ():  # one pass: a million changes are slow to walk
            kind = e.writer_kind
            if kind == order_kind or (not kind and looks_like_sale(e.writer, e.reason)):
                continue
            add(e)
            w = "staff" if kind == staff else e.writer
            g = get(w)
            if g is None:
                groups[w] = [e]
            else:
                g.append(e)
        found = cache[("writes", channel)] = (rest, groups)
    return found


def products_of(index: Index, channel: str, writer: str) -> tuple[set[str], set[str]]:
    """(product keys, codes as written) of the changes one writer made on a channel (shared)."""
    cache = memo(index)
    found = cache.get(("products", channel, writer))
    if found is None:
        events = writes(index, channel)[1].get(writer, ())
        found = cache[("products", channel, writer)] = (set(map(_key, events)), set(map(_sku, events)))
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
    evs = index.events_for(channel, key)
    out: list[int | None] = [None] * len(evs)
    if not evs:
        return out
    finals: dict[str, int | None] = {}
    for listing in index.listings_of(channel, key) or ():
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


# --- money over many products ------------------------------------------------------------------
def fastest(keys, weight, limit: int = MAX_PRICED) -> tuple[list[str], int]:
    """The ``limit`` keys with the largest weight (ties by key), and how many were left out."""
    keys = list(keys)
    if len(keys) <= limit:
        return sorted(keys), 0
    # a cut at the limit-th weight, then only the keys above it and the ties at it are sorted:
    # a hundred thousand products are ranked without sorting them all
    w = {k: weight(k) for k in keys}
    cut = heapq.nlargest(limit, w.values())[-1]
    above, ties = [], []
    for k, v in w.items():
        if v > cut:
            above.append(k)
        elif v == cut:
            ties.append(k)
    above.sort(key=lambda k: (-w[k], k))
    ties.sort()
    return above + ties[:limit - len(above)], len(keys) - limit


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

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

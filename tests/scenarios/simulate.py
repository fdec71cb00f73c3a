"""The stock simulation: every count on every channel, moment by moment, with who changed it.

The owner (the web shop) holds the truth in two locations. A sale on any channel lowers that
channel's count; the channel's integration brings the sale to the owner (after a lag, or at the
next batch); every change of the owner's count is pushed back out to the channels that list the
same code (at once, or in batches), less any safety buffer. Goods-in tops the owner up when it
runs low; refunds and cancellations put units back; gift boxes are virtual bundles whose count
Bundle Builder recalculates from their components. The planted SetStock knobs run as one more
kind of timed event. Variants that share nothing are simulated apart (a gift box with its
components), each group with its own small event heap, which keeps a million events cheap.
"""

from __future__ import annotations

import heapq
import math
import random
import zlib

from . import demand
from .leaks import Sync
from .records import WEvent

DAY = 86400.0
HARBOUR, WAREHOUSE = 0, 1  # owner location indexes, as world.OWNER_LOCATIONS
SYNC_REASON = "stock sync from shop"
_RISES = ("goods in", "return restocked", "refund restocked", "order cancelled")
FAST_PACE = 0.7  # units a day from which the clean world keeps a safety buffer back from other channels


def run(world, rng: random.Random) -> None:
    clock = demand.Clock(world.as_of, world.days, world.timezone)
    by_item = demand.generate(world, random.Random(f"{world.seed}:demand"), clock)
    sim = _Sim(world, rng, clock, by_item)
    for group in _groups(world):
        sim.run(group)
    sim.finish()


def _groups(world) -> list[list[str]]:
    """Variants that must be simulated together: a bundle and its components."""
    parent = {sku: sku for sku in world.items}

    def find(x: str) -> str:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for sku, item in world.items.items():
        for comp in item.components or {}:
            if comp in parent:
                parent[find(comp)] = find(sku)
    groups: dict[str, list[str]] = {}
    for sku in world.items:
        groups.setdefault(find(sku), []).append(sku)
    return list(groups.values())


class _Sim:
    def __init__(self, world, rng: random.Random, clock, by_item: dict):
        self.world, self.rng, self.clock, self.by_item = world, rng, clock, by_item
        plan = self.plan = world.plan
        self.owner = world.owner
        self.as_of = world.as_of
        self.items = world.items
        self.sync: dict[str, Sync] = {}
        self.spec = {name: ch.spec for name, ch in world.channels.items()}
        self.events = {name: ch.events for name, ch in world.channels.items() if ch.spec.history}
        self.rows: dict[str, list] = {}  # item -> owner listings [Harbour, Warehouse]
        self.lst: dict[tuple[str, str], object] = {}  # (channel, item) -> listing on a selling channel
        self.targets: dict[str, list[str]] = {}  # item -> channels the owner pushes it to
        for name, ch in world.channels.items():
            self.sync[name] = plan.sync.get(name, Sync(name))
            for lst in ch.listings:
                if name == self.owner:
                    self.rows.setdefault(lst.item, []).append(lst)
                elif ch.spec.share > 0:
                    self.lst[(name, lst.item)] = lst
                    if lst.linked:
                        self.targets.setdefault(lst.item, []).append(name)
        self.in_bundles: dict[str, list[str]] = {}
        for sku, item in self.items.items():
            for comp in item.components or {}:
                self.in_bundles.setdefault(comp, []).append(sku)
        self.sets: dict[str, list] = {}
        for knob in plan.sets:  # a plant on a channel this world lacks does not apply
            if knob.channel in world.channels:
                self.sets.setdefault(knob.sku, []).append(knob)
        self.loc: dict[str, list[int]] = {}
        self.cnt: dict[tuple[str, str], int] = {}
        self.before: dict[tuple[str, str], int] = {}
        self.inflight: dict[tuple[str, str], int] = {}  # sales on a channel not yet brought to the owner
        self.cause: dict[str, str] = {}  # item -> why its owner count last rose (goods in, a return)
        self.buf: dict[tuple[str, str], int] = {}  # (channel, item) -> units held back from it
        self.po: dict[str, int] = {}
        self.detached: set[tuple[str, str]] = set()
        self.pending: set[tuple[str, str]] = set()
        self.reorder: dict[str, tuple[int, int]] = {}  # item -> (reorder point, order quantity)
        self.seq = 0
        self.po_number = 10_000
        self.heap: list = []
        self.t = world.start()
        self.random = rng.random
        self.markets = {n for n, s in self.spec.items() if s.role == "marketplace"}
        self.batch = {n for n, s in self.sync.items() if s.mode == "batch"}
        self.push_lag = {n: s.push_lag for n, s in self.sync.items()}
        self._push_fn = self._push
        self.sellers = [n for n, s in self.spec.items() if s.share > 0 and s.role != "owner"]

    # --- the owner's numbers -----------------------------------------------------------------
    def total(self, it: str) -> int:
        h, w = self.loc[it]
        return h + w

    def allow(self, box: str) -> int:
        """Boxes the components allow: packed at the warehouse, so from the warehouse's counts only."""
        return min(self.loc[c][WAREHOUSE] // q for c, q in self.items[box].components.items())

    def buffer(self, ch: str, it: str) -> int:
        """Units held back from a channel: the clean world keeps fast movers 2 back on marketplaces, 1 on the till."""
        units = self.plan.buffer.get((ch, it))
        if units is None:
            units = (2 if ch in self.markets else 1) if self.items[it].per_day >= FAST_PACE else 0
        return units

    def _event(self, ch: str, code: str, location: str, change, after: int, writer: str, kind: str, reason: str,
               before: int | None = None):
        log = self.events.get(ch)
        if log is not None:  # a channel that keeps no log has no events to show
            log.append(WEvent(self.t, code, location, change, after, writer, kind, reason, before))

    def _owner_change(self, it: str, where: int, delta: int, writer: str, kind: str, reason: str, absolute=False):
        row = self.rows[it][where]
        loc = self.loc[it]
        loc[where] += delta
        before = loc[where] - delta if absolute else None
        if delta > 0 and not absolute:  # why the count rose: the sync passes it on
            self.cause[it] = next((w for w in _RISES if w in reason), reason)
        self._event(self.owner, row.sku, row.location, None if absolute else delta, loc[where], writer, kind, reason,
                    before)
        self._changed(it)

    def _pick(self, it: str, q: int, till: bool) -> int:
        """Which owner location a sale takes from: the till's shelf first for till sales."""
        first, second = (HARBOUR, WAREHOUSE) if till else (WAREHOUSE, HARBOUR)
        loc = self.loc[it]
        if loc[first] >= q and self.rows[it][first].stocked:
            return first
        if loc[second] >= q and self.rows[it][second].stocked:
            return second
        return WAREHOUSE

    # --- scheduling ----------------------------------------------------------------------------
    def _at(self, ts: float, fn, a=None, b=None) -> None:
        self.seq += 1
        heapq.heappush(self.heap, (ts, self.seq, fn, a, b))

    def _tick(self, ch: str, it: str) -> float:
        """When the next timed run reaches this product: runs start on the interval and take ~8 seconds."""
        interval = self.sync[ch].interval
        return (math.floor(self.t / interval) + 1) * interval + 3 + (zlib.crc32(f"{ch}:{it}".encode()) % 800) / 100

    def _later(self, ch: str, it: str, lag: tuple[float, float]) -> float:
        """When a change reaches the other side: after a random lag, or at the next batch."""
        if ch in self.batch:
            return self._tick(ch, it)
        return self.t + lag[0] + (lag[1] - lag[0]) * self.random()

    def _changed(self, it: str) -> None:
        """The owner's count of ``it`` changed: push it out, recalculate its boxes, reorder if low."""
        t, heap, push = self.t, self.heap, self._push_fn
        for ch in self.targets.get(it, ()):
            key = (ch, it)
            if key in self.detached:
                continue
            if ch in self.batch:
                if key in self.pending:
                    continue
                self.pending.add(key)
                when = self._tick(ch, it)
            else:
                lo, hi = self.push_lag[ch]
                when = t + lo + (hi - lo) * self.random()
            self.seq += 1
            heapq.heappush(heap, (when, self.seq, push, ch, it))
        for box in self.in_bundles.get(it, ()):
            if box not in self.plan.underived:
                self._at(t + 2, self._recalc, box)
        point, quantity = self.reorder[it]
        if quantity and self.total(it) <= point and not self.po.get(it):
            self.po[it] = quantity
            arrive = self.clock.business(t + self.rng.uniform(3, 6) * DAY, self.rng)
            self._at(arrive, self._goods_in, it)

    # --- handlers ---------------------------------------------------------------------------------
    def _sale(self, ch: str, pair) -> None:
        order, line = pair
        it, q = line.item, line.quantity
        role = self.spec[ch].role
        if ch == self.owner:
            if (ch, it) in self.plan.untracked:
                return
            box = self.items[it].components
            short = self.total(it) < q or (box is not None and self.allow(it) < q)
            if short and self.rows[it][0].policy != "continue" and not line.forced:
                return self._refuse(line)
            self._owner_change(it, self._pick(it, q, False), -q, f"order {order.order_id}", "order", "order")
            for comp, n in (box or {}).items():
                self._owner_change(comp, self._pick(comp, q * n, False), -q * n, "Bundle Builder", "app", f"sold in {it}")
        else:
            c = self.cnt[(ch, it)]
            short = self.total(it) < q if role == "till" else c < q
            if short and not line.forced:
                return self._refuse(line)
            self.before[(ch, it)] = c
            self.cnt[(ch, it)] = c - q
            self._event(ch, line.sku, "", -q, c - q, f"order {order.order_id}", "order", "order")
            if line.reaches_owner and self.lst[(ch, it)].linked:
                self.inflight[(ch, it)] = self.inflight.get((ch, it), 0) + q
                self._at(self._later(ch, it, self.sync[ch].import_lag), self._import, ch, (order, line, -q))
        if order.closed_ts is not None and order.closed_ts <= self.as_of and line.restocked:
            self._at(order.closed_ts, self._restock, ch, (order, line))

    def _refuse(self, line) -> None:
        if line.planted:
            raise RuntimeError(f"a planted sale of {line.item} was refused for lack of stock: fix the plant")
        line.refused = True

    def _import(self, ch: str, payload) -> None:
        order, line, delta = payload
        if delta < 0:
            self.inflight[(ch, line.item)] -= -delta
        if (self.owner, line.item) in self.plan.untracked:
            return
        spec = self.spec[ch]
        reason = f"{ch} order {order.order_id}" if delta < 0 else f"{ch} return restocked {order.order_id}"
        where = self._pick(line.item, -delta, spec.role == "till") if delta < 0 else (
            HARBOUR if spec.role == "till" and self.rows[line.item][HARBOUR].stocked else WAREHOUSE)
        self._owner_change(line.item, where, delta, spec.writer, spec.writer_kind, reason)

    def _restock(self, ch: str, pair) -> None:
        order, line = pair
        it, q = line.item, line.restocked
        reason = "order cancelled" if order.status == "cancelled" else "refund restocked"
        if ch == self.owner:
            box = self.items[it].components
            if box is None or it in self.plan.underived:
                self._owner_change(it, WAREHOUSE, q, f"order {order.order_id}", "order", reason)
            for comp, n in (box or {}).items():  # a returned gift box puts its contents back
                self._owner_change(comp, WAREHOUSE, q * n, "Bundle Builder", "app", f"{it} {reason}")
        elif self.spec[ch].role == "till":
            c = self.cnt[(ch, it)]
            self.cnt[(ch, it)] = c + q
            self._event(ch, line.sku, "", q, c + q, f"order {order.order_id}", "order", reason)
            self._at(self._later(ch, it, self.sync[ch].import_lag), self._import, ch, (order, line, q))
        else:
            self._import(ch, (order, line, q))

    def _push(self, ch: str, it: str) -> None:
        key = (ch, it)
        self.pending.discard(key)
        if key in self.detached:
            return
        # the connector knows the channel's own sales it has not yet brought to the owner
        h, w = self.loc[it]
        value = max(0, h + w - self.buf[key] - self.inflight.get(key, 0))
        old = self.cnt[key]
        if old != value:
            self.cnt[key] = value
            spec = self.spec[ch]
            cause = self.cause.get(it) if value > old else None
            reason = f"{SYNC_REASON} ({cause})" if cause else SYNC_REASON
            self._event(ch, self.lst[(ch, it)].sku, "", None, value, spec.writer, spec.writer_kind, reason, old)

    def _recalc(self, box: str, _=None) -> None:
        value = max(0, self.allow(box))
        if self.loc[box][WAREHOUSE] != value:
            self._owner_change(box, WAREHOUSE, value - self.loc[box][WAREHOUSE], "Bundle Builder", "app",
                               "recalculated from components", absolute=True)

    def _goods_in(self, it: str, _=None) -> None:
        q = self.po.pop(it, 0)
        self.po_number += 1
        self._owner_change(it, WAREHOUSE, q, "Warehouse goods-in", "integration", f"goods in PO-{self.po_number}")

    def _set(self, knob, _=None) -> None:
        it, ch, to = knob.sku, knob.channel, knob.to
        if isinstance(to, int):
            value = to
        elif to == "undo":
            value = self.before[(ch, it)]
        else:
            base, _, n = to.replace("-", "+-").partition("+")
            if base == "allow":
                value = self.allow(it)
            elif base == "total" or ch == self.owner:
                value = self.total(it)
            else:
                value = max(0, self.total(it) - self.buffer(ch, it))
            value += int(n or 0)
        if ch == self.owner:
            self._owner_change(it, WAREHOUSE, value - self.total(it), knob.writer, knob.kind, knob.reason, absolute=True)
        else:
            old = self.cnt[(ch, it)]
            self.cnt[(ch, it)] = value
            self._event(ch, self.lst[(ch, it)].sku, "", None, value, knob.writer, knob.kind, knob.reason, old)
        if knob.detach:
            self.detached.add((ch, it))

    # --- one group --------------------------------------------------------------------------------
    def run(self, group: list[str]) -> None:
        self.heap = []
        self.t = self.world.start()
        rng = self.rng
        if len(group) > 1:  # boxes after their components: a box's count starts from theirs
            group = sorted(group, key=lambda s: self.items[s].components is not None)
        for it in group:
            item = self.items[it]
            rows = self.rows[it]
            fast = 2 if item.per_day >= FAST_PACE else 0
            if item.components is not None or item.family == "preorder":
                self.reorder[it] = (0, 0)
                start = self.allow(it) if item.components else 0
            else:  # enough to cover the longest delivery (6 days and a weekend) with room to spare
                pace = item.per_day + sum(self.items[b].per_day * self.items[b].components[it]
                                          for b in self.in_bundles.get(it, ()))
                r = math.ceil(pace * 12) + 4 + fast
                bulk = item.price < 2  # postcards come by the box of 1,500
                q = 1500 if bulk else max(6, math.ceil(pace * 21))
                self.reorder[it] = (r, q)
                start = r + round(q * (rng.uniform(0.9, 1.2) if bulk else rng.uniform(0.4, 1.0)))
            on_till = ("till", it) in self.lst
            rows[HARBOUR].stocked = on_till
            h = round(start * 0.3) if on_till else 0
            self.loc[it] = [h, start - h]
            for ch in self.sellers:
                if (ch, it) in self.lst:
                    units = self.buf[(ch, it)] = self.buffer(ch, it)
                    self.cnt[(ch, it)] = max(0, start - units)
            sale = self._sale
            for when, ch, order, line in self.by_item.pop(it, ()):
                self.seq += 1
                self.heap.append((when, self.seq, sale, ch, (order, line)))
            for knob in self.sets.get(it, ()):
                self._at(self.clock.at(knob.days_ago, knob.at), self._set, knob)
        heap = self.heap
        heapq.heapify(heap)
        while heap:
            ts, _, fn, a, b = heapq.heappop(heap)
            if ts > self.as_of:
                break
            self.t = ts
            fn(a, b)

    # --- the end state --------------------------------------------------------------------------------
    def finish(self) -> None:
        world = self.world
        committed: dict[str, int] = {}
        for ch in world.channels.values():
            if ch.spec.share <= 0:
                continue
            kept = []
            for order in ch.orders:
                if any(x.refused for x in order.lines):
                    order.lines = [x for x in order.lines if not x.refused]
                if order.lines:
                    kept.append(order)
                    if ch.name == self.owner and order.status == "open":
                        for x in order.lines:
                            committed[x.item] = committed.get(x.item, 0) + x.quantity
            ch.orders = kept
            ch.events.sort(key=lambda e: e.ts)
        rng = random.Random(f"{world.seed}:finish")
        on_hand: dict[str, int] = {}
        for it, rows in self.rows.items():
            h, w = self.loc[it]
            harbour, warehouse = rows
            harbour.available = harbour.on_hand = h if harbour.stocked else None
            harbour.committed = harbour.unavailable = harbour.incoming = 0 if harbour.stocked else None
            warehouse.available = w
            warehouse.committed = committed.get(it, 0)
            warehouse.unavailable = 1 if rng.random() < 0.04 and self.items[it].components is None else 0
            warehouse.incoming = self.po.get(it, 0)
            warehouse.on_hand = w + warehouse.committed + warehouse.unavailable
            on_hand[it] = warehouse.on_hand + (h if harbour.stocked else 0)
        for ch in world.channels.values():
            role = ch.spec.role
            for lst in ch.listings:
                if role in ("marketplace", "till"):
                    lst.available = self.cnt[(ch.name, lst.item)]
                elif role == "warehouse":
                    lst.available = self.total(lst.item)
                    lst.committed = committed.get(lst.item, 0)
                    lst.on_hand = on_hand[lst.item]
                elif role == "accounts":
                    lst.on_hand = on_hand[lst.item]
        for g in self.plan.garble:
            lst = world.listing(g.channel, g.sku) if g.channel in world.channels else None
            if lst is not None:
                lst.raw = {**(lst.raw or {}), g.field: g.text}

"""Refund lines: what each refund gave back and put back into stock, the costliest part of a big shop's scan.

No bulk operation can hold them (``refundLineItems`` is a connection inside the ``refunds`` list,
and no root connection reaches refunds), so they come through ordinary queries, each refund
costing at least 3 points plus one per line: ``nodes(ids:)`` over refund ids, ``first:`` sized to
the lines the order lost. Only refunds of orders where some line lost units are asked for (a
refund of shipping or money alone leaves every line whole), and ``lineItem { id }`` (one more
point a line) only for an order whose refund lines cannot be placed without it
(``parse_live.attribute``). Batches ask for about ``TARGET_POINTS`` points: Shopify holds the
requested cost until the query has run (then refunds what was not used), so a small request
keeps the bucket working.

For a big shop the reads start with the bulk operations (``EarlyRefunds``): a small bulk
operation lists the window's orders whose financial status or cancellation says they may hold
refund lines, ready in a moment, and the refund lines are read while Shopify prepares the
catalogue's and the orders' files. A ``Gate`` keeps those reads from slowing the stock phase:
while the catalogue is prepared they leave a reserve in the bucket for its polls, and while it is
paged they wait. When the orders' file arrives, the refunds of any order the hint missed are
read then (the orders' own lines decide, not the hint), so nothing depends on the filter.
"""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor
from typing import Callable

from ...transport import TransportError
from . import bulk, parse_live, queries
from .client import ShopifyAPI, nodes

ORDER_SCOPE = "read_orders (and read_all_orders beyond 60 days)"
TARGET_POINTS = 60  # requested cost one refund batch aims at (what the bucket must hold before it runs)
FIRST_POLL = 0.05  # the refunded orders' file is small: look for it early
REFUND_THREADS = 4  # at most this many refund batches asked for at once...
POINTS_PER_THREAD = 500  # ...one per this many points a second the shop's bucket refills
RESERVE = 50  # points early refund reads leave in the bucket while the catalogue's bulk file is prepared
GATE_TICK = 0.25  # longest wait between two looks at the bucket while the stock phase runs


class Cancelled(Exception):
    """The scan no longer needs these refunds (the stock phase ended the channel's read)."""


class Gate:
    """Lets refund reads that run during the stock phase use the cost bucket without delaying the stock."""

    def __init__(self, limit, replaying: bool):
        self.limit, self.replaying = limit, replaying
        self.open = threading.Event()  # set once the stock phase is over: the whole bucket is free
        self.paged = False  # the catalogue is being paged: it needs every point, so refunds wait

    def stock_paged(self) -> None:
        self.paged = True

    def stock_done(self) -> None:
        self.open.set()

    def wait(self, cost: float, cancelled: threading.Event) -> None:
        """Return when a query of ``cost`` requested points may go."""
        while not self.open.is_set() and not self.replaying:
            if cancelled.is_set():
                raise Cancelled()
            delay = GATE_TICK
            if not self.paged:
                room = self._room()
                if room is None or room >= cost + RESERVE:
                    return
                delay = min(GATE_TICK, max(0.02, (cost + RESERVE - room) / self.limit.rate))
            self.open.wait(delay)
        if cancelled.is_set():
            raise Cancelled()

    def _room(self) -> float | None:
        """The points the transport's bucket model expects to be available now (None: not known yet)."""
        projected = getattr(self.limit, "projected", None)
        return projected() if projected is not None else None


def batch_size(first: int, by_line: bool) -> int:
    """Refund ids one query asks for: about TARGET_POINTS requested, at least one, at most Shopify's 250."""
    return max(1, min(queries.REFUND_IDS_MAX, TARGET_POINTS // queries.refund_cost(first, by_line)))


def refund_ids(order: dict) -> list[str]:
    return [str(r.get("id")) for r in order.get("refunds") or [] if isinstance(r, dict) and r.get("id")]


def _named(refund: dict) -> bool:
    return all(isinstance((rl.get("lineItem") or {}).get("id"), str) for rl in refund.get("lines") or [])


class RefundReader:
    """Reads the refund lines an order list needs; ``found`` (refund id -> ``{"id", "lines"}``) fills as batches land."""

    def __init__(self, api: ShopifyAPI, progress: Callable[[int, int], None] | None = None,
                 gate: Gate | None = None, cancelled: threading.Event | None = None):
        self.api, self.progress, self.gate = api, progress, gate
        self.cancelled = cancelled or threading.Event()
        self.found: dict[str, dict] = {}
        self._lock = threading.Lock()

    def read(self, orders: list[tuple[dict, list[dict]]], known: dict[str, dict] | None = None) -> dict[str, dict]:
        """The refunds of the orders whose lines lost units (``known`` ones are not asked for again)."""
        self.found.update(known or {})
        wanted = []
        for order, lines in orders:
            lost = parse_live.lost_units(lines)
            if lost:
                first = min(queries.LINES_PER_REFUND, 2 * len(lost))
                wanted += [(rid, first) for rid in refund_ids(order) if rid not in self.found]
        self._fetch(wanted, by_line=False)
        again = []
        for order, lines in orders:
            lost = parse_live.lost_units(lines)
            if not lost:
                continue
            mine = [self.found[rid] for rid in refund_ids(order) if rid in self.found]
            if parse_live.attribute(lines, mine) is None:
                first = min(queries.LINES_PER_REFUND, 2 * len(lost))
                again += [(str(r["id"]), first) for r in mine if not _named(r)]
        self._fetch(again, by_line=True)
        return self.found

    # --- batches --------------------------------------------------------------------------------
    def _fetch(self, wanted: list[tuple[str, int]], by_line: bool) -> None:
        groups: dict[int, list[str]] = {}
        for rid, first in wanted:
            groups.setdefault(first, []).append(rid)
        batches = []
        for first, ids in groups.items():
            size = batch_size(first, by_line)
            batches += [(first, ids[i:i + size]) for i in range(0, len(ids), size)]
        if not batches:
            return
        place = {rid: i for i, (rid, _) in enumerate(wanted)}
        batches.sort(key=lambda batch: place[batch[1][0]])  # in the caller's order (newest orders first)
        # the last query waits for its whole requested cost to be back in the bucket: end on small ones
        first, ids = batches.pop()
        while len(ids) > 1:
            head = (len(ids) + 1) // 2
            batches.append((first, ids[:head]))
            ids = ids[head:]
        batches.append((first, ids))
        rate = float(getattr(self.api.transport.limit, "rate", 0.0) or 0.0)
        workers = max(1, min(REFUND_THREADS, len(batches), int(rate // POINTS_PER_THREAD)))
        total, done = len(wanted), 0
        with ThreadPoolExecutor(max_workers=workers) as pool:
            for found in pool.map(lambda batch: self._batch(*batch, by_line), batches):
                done += len(found)
                if self.progress is not None:
                    self.progress(min(done, total), total)

    def _batch(self, first: int, ids: list[str], by_line: bool) -> dict[str, dict]:
        if self.cancelled.is_set():
            raise Cancelled()
        if self.gate is not None:
            self.gate.wait(len(ids) * queries.refund_cost(first, by_line), self.cancelled)
        out: dict[str, dict] = {}
        data = self.api.query(queries.refunds_query(first, by_line), "refunds", {"ids": ids}, ORDER_SCOPE)
        for refund in data.get("nodes") or []:
            if not isinstance(refund, dict) or not refund.get("id"):
                continue
            conn = refund.get("refundLineItems") or {}
            lines = nodes(conn)
            info = conn.get("pageInfo") or {}
            cursor = info.get("endCursor") if info.get("hasNextPage") else None
            while cursor:
                more = self.api.query(queries.refund_lines_query(by_line), "refunds",
                                      {"id": refund["id"], "cursor": cursor}, ORDER_SCOPE)
                conn = ((more.get("refund") or {}).get("refundLineItems")) or {}
                lines += nodes(conn)
                info = conn.get("pageInfo") or {}
                cursor = info.get("endCursor") if info.get("hasNextPage") else None
            out[str(refund["id"])] = {"id": refund["id"], "lines": lines}
        with self._lock:  # kept as each batch lands: a later batch's fault must not lose this one
            self.found.update(out)
        return out


class EarlyRefunds:
    """A big shop's refund reads, started with its bulk operations and run beside them on a thread.

    Whatever goes wrong here only loses time: ``result()`` gives what was read, and the history
    phase reads the rest (and reports a failure then, with the history's own words).
    """

    def __init__(self, api: ShopifyAPI, search: str, step: Callable[[str, int, int | None], None]):
        self.api, self.search, self.step = api, search, step
        self.gate = Gate(api.transport.limit, api.transport.replay is not None)
        self.cancelled = threading.Event()
        self.reporting = threading.Event()  # the history phase is waiting on us: show progress
        self.reader = RefundReader(api, self._progress, self.gate, self.cancelled)
        self.error: str | None = None
        self._thread: threading.Thread | None = None

    def start(self) -> None:
        """Start the small bulk operation (raises TransportError / BulkUnavailable), then the reads."""
        op_id = bulk.start(self.api, queries.refunded_orders_bulk(self.search), "refunds", ORDER_SCOPE)
        self._thread = threading.Thread(target=self._run, args=(op_id,), name=f"{self.api.channel}-refunds",
                                        daemon=True)
        self._thread.start()

    def _run(self, op_id: str) -> None:
        try:
            op = bulk.wait(self.api, op_id, "refunds", ORDER_SCOPE, stop=self.cancelled.is_set, first=FIRST_POLL)
            tree = bulk.download(self.api, op, "refunds")
            orders = [(order, tree.of(str(order.get("id", "")), "LineItem")) for order in tree.roots]
            self.reader.read(orders)
        except (TransportError, bulk.BulkUnavailable) as exc:
            self.error = getattr(exc, "why", None) or str(exc)
        except Cancelled:
            self.error = "cancelled"
        except Exception as exc:  # noqa: BLE001 - a defect here must not stop the scan: the history reads it all
            self.error = f"{type(exc).__name__}: {exc}"

    def _progress(self, done: int, total: int) -> None:
        if self.reporting.is_set():
            self.step("refunds", done, total)

    def result(self) -> dict[str, dict]:
        """Wait for the reads to end; the refunds read (all of them unless something went wrong)."""
        self.reporting.set()
        self.gate.stock_done()
        if self._thread is not None:
            self._thread.join()
        return dict(self.reader.found)

    def cancel(self) -> None:
        self.cancelled.set()
        self.gate.stock_done()
        if self._thread is not None:
            self._thread.join(timeout=5.0)

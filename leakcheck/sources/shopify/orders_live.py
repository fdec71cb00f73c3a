"""The history phase: orders in the window, their lines, and what their refunds put back into stock.

Orders are filtered by ``processed_at`` (what the orders CSV's "Created at" also shows for a
store's own orders) and ``test:false``. Up to ``ORDERS_BULK_THRESHOLD`` orders are paged, 27 a
page with 10 lines each (longer orders are drained one by one); more go through a bulk
operation, which is started during the stock phase so it runs on Shopify's side while the
catalogue is read. Refund lines cannot ride along (no bulk query can hold them, and they would
make every page far dearer): both ways ask for refund ids only and refunds_live.py reads the
lines of the refunded orders, cheapest first. For a big shop most of those reads have run
already (``EarlyRefunds``, started with the bulk operations); the orders' own lines then say
whether any refund is still missing. When that follow-up fails the orders are kept: refunded
units then come from ``quantity - currentQuantity`` and restocks are unknown, which the
coverage says.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import Callable

from ...model import OrderLine
from ...transport import TransportError
from . import bulk, parse_live, queries
from .client import ShopifyAPI, nodes
from .refunds_live import ORDER_SCOPE, EarlyRefunds, RefundReader, refund_ids

ORDERS_BULK_THRESHOLD = 250  # orders in the window from which they are read with a bulk operation


def search(since: float) -> str:
    """The orders filter: ``processed_at`` from the window's start, test orders left out."""
    start = datetime.fromtimestamp(since, tz=timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
    return f"processed_at:>='{start}' AND test:false"


@dataclass
class History:
    lines: list[OrderLine] = field(default_factory=list)
    orders: int = 0
    refunds_read: bool = True  # False: no refund lines at all (restocks unknown everywhere)
    refunds_why: str = ""  # why refund lines are missing, all of them or ``refunds_missing`` of them
    refunds_missing: int = 0  # refunds whose lines were not read (their orders' restocks are unknown)
    refunds_wanted: int = 0
    notes: list[str] = field(default_factory=list)


class OrdersReader:
    def __init__(self, api: ShopifyAPI, since: float, step: Callable[[str, int, int | None], None]):
        self.api, self.query, self.step = api, search(since), step
        self.total: int | None = None
        self.out = History()
        self.early: EarlyRefunds | None = None

    def count(self) -> int | None:
        data = self.api.query(queries.ORDERS_COUNT, "orders", {"query": self.query}, ORDER_SCOPE)
        count = (data.get("ordersCount") or {})
        self.total = count.get("count") if isinstance(count.get("count"), int) else None
        return self.total

    def wants_bulk(self) -> bool:
        return self.total is not None and self.total >= ORDERS_BULK_THRESHOLD

    def start_bulk(self) -> str:
        return bulk.start(self.api, queries.orders_bulk(self.query), "orders", ORDER_SCOPE)

    def start_refunds(self) -> EarlyRefunds | None:
        """Start reading refund lines now, beside the bulk operations (None when Shopify would not)."""
        early = EarlyRefunds(self.api, self.query, self.step)
        try:
            early.start()
        except (TransportError, bulk.BulkUnavailable):
            return None  # the history phase reads them all, and says so if that fails too
        self.early = early
        return early

    def cancel(self) -> None:
        if self.early is not None:
            self.early.cancel()

    def read(self, op_id: str | None = None) -> History:
        """Every order of the window. ``op_id``: a bulk operation already started for them."""
        if self.total is None and op_id is None:
            self.count()
        orders: list[tuple[dict, list[dict]]] = []
        if op_id is not None or self.wants_bulk():
            try:
                orders = self._bulk(op_id or self.start_bulk())
            except bulk.BulkUnavailable as exc:
                self.out.notes.append(f"{exc}; the orders were paged instead")
                orders = []
            else:
                return self._finish(orders)
        return self._finish(self._paged())

    # --- the two ways ---------------------------------------------------------------------------
    def _paged(self) -> list[tuple[dict, list[dict]]]:
        out = []
        for page in self.api.pages(queries.orders_page, queries.ORDERS_PAGE_SIZE, "orders", ("orders",),
                                   {"query": self.query}, ORDER_SCOPE):
            for order in nodes(page):
                conn = order.get("lineItems") or {}
                lines = nodes(conn)
                info = conn.get("pageInfo") or {}
                if info.get("hasNextPage"):
                    lines += self._more_lines(str(order.get("id")), info.get("endCursor"))
                out.append((order, lines))
            self.step("orders", len(out), self.total)
        return out

    def _more_lines(self, order_id: str, cursor: str | None) -> list[dict]:
        more = []
        variables = {"id": order_id}
        while cursor:
            data = self.api.query(queries.ORDER_LINES, "orders", {**variables, "cursor": cursor}, ORDER_SCOPE)
            conn = ((data.get("order") or {}).get("lineItems")) or {}
            more += nodes(conn)
            info = conn.get("pageInfo") or {}
            cursor = info.get("endCursor") if info.get("hasNextPage") else None
        return more

    def _bulk(self, op_id: str) -> list[tuple[dict, list[dict]]]:
        op = bulk.wait(self.api, op_id, "orders", ORDER_SCOPE,
                       lambda status, n: self.step(f"orders (Shopify is preparing them: {status.lower()})", 0, self.total))
        tree = bulk.download(self.api, op, "orders")
        out = [(order, tree.of(str(order.get("id", "")), "LineItem")) for order in tree.roots]
        self.step("orders", len(out), len(out))
        return out

    # --- refunds and records --------------------------------------------------------------------
    def _finish(self, orders: list[tuple[dict, list[dict]]]) -> History:
        channel = self.api.channel
        lost = [bool(parse_live.lost_units(lines)) for _, lines in orders]
        # the orders whose lines lost nothing wait on no refund: their records are made while refund
        # reads may still run (made again, restocks unknown, should those reads fail)
        built = [None if hit else parse_live.order_lines(channel, order, lines, [])
                 for (order, lines), hit in zip(orders, lost)]
        known = self.early.result() if self.early is not None else {}
        # newest orders first: when the budget cuts the refund reads, the recent past is what was read
        hits = sorted((pair for pair, hit in zip(orders, lost) if hit),
                      key=lambda pair: str(pair[0].get("processedAt") or ""), reverse=True)
        reader = RefundReader(self.api, lambda done, total: self.step("refunds", done, total))
        try:
            refunds = reader.read(hits, known)
        except TransportError as exc:  # keep every refund read before the fault or the budget cut
            refunds = reader.found
            self.out.refunds_why = exc.why
        wanted = {rid for order, _ in hits for rid in refund_ids(order)}
        self.out.refunds_wanted = len(wanted)
        self.out.refunds_missing = len(wanted - refunds.keys())
        self.out.refunds_read = not wanted or self.out.refunds_missing < len(wanted)
        for i, ((order, lines), hit) in enumerate(zip(orders, lost)):
            if hit:
                ids = refund_ids(order)
                whole = all(rid in refunds for rid in ids)  # a part of an order's refunds cannot say its restocks
                built[i] = parse_live.order_lines(channel, order, lines, [refunds[rid] for rid in ids] if whole else None)
        self.out.lines += [line for made in built for line in made or ()]
        self.out.orders = len(orders)
        if known:
            self.out.notes.append(f"refund lines of {len(known)} refunds read while Shopify prepared the files")
        return self.out


"""The history phase: orders in the window, their lines, and what their refunds put back into stock.

Orders are filtered by ``processed_at`` (what the orders CSV's "Created at" also shows for a
store's own orders) and ``test:false``. Up to ``ORDERS_BULK_THRESHOLD`` orders are paged, 27 a
page with 10 lines each (longer orders are drained one by one); more go through a bulk
operation, which is started during the stock phase so it runs on Shopify's side while the
catalogue is read. Refund lines are a connection inside the ``refunds`` list, which a bulk query
cannot hold and which would make every page far dearer, so both ways ask for refund ids only
and fetch the lines of the few refunded orders afterwards with ``nodes(ids:)`` (only for orders
where some line lost units: a refund of shipping alone has no lines to fetch). At about 5
points a refund this follow-up is the dearest part of a big shop's scan (1,000 refunds: 50 s at
100 points a second). When that
follow-up fails the orders are kept: refunded units then come from ``quantity - currentQuantity``
and restocks are unknown, which the coverage says.
"""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import Callable

from ...model import OrderLine
from ...transport import TransportError
from . import bulk, parse_live, queries
from .client import ShopifyAPI, nodes

ORDERS_BULK_THRESHOLD = 250  # orders in the window from which they are read with a bulk operation
REFUND_THREADS = 4  # at most this many refund batches asked for at once...
POINTS_PER_THREAD = 500  # ...one per this many points a second the shop's bucket refills
ORDER_SCOPE = "read_orders (and read_all_orders beyond 60 days)"


def search(since: float) -> str:
    """The orders filter: ``processed_at`` from the window's start, test orders left out."""
    start = datetime.fromtimestamp(since, tz=timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
    return f"processed_at:>='{start}' AND test:false"


@dataclass
class History:
    lines: list[OrderLine] = field(default_factory=list)
    orders: int = 0
    refunds_read: bool = True
    refunds_why: str = ""
    notes: list[str] = field(default_factory=list)


class OrdersReader:
    def __init__(self, api: ShopifyAPI, since: float, step: Callable[[str, int, int | None], None]):
        self.api, self.query, self.step = api, search(since), step
        self.total: int | None = None
        self.out = History()

    def count(self) -> int | None:
        data = self.api.query(queries.ORDERS_COUNT, "orders", {"query": self.query}, ORDER_SCOPE)
        count = (data.get("ordersCount") or {})
        self.total = count.get("count") if isinstance(count.get("count"), int) else None
        return self.total

    def wants_bulk(self) -> bool:
        return self.total is not None and self.total >= ORDERS_BULK_THRESHOLD

    def start_bulk(self) -> str:
        return bulk.start(self.api, queries.orders_bulk(self.query), "orders", ORDER_SCOPE)

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
        ids = [str(r.get("id")) for order, lines in orders if _lines_refunded(lines)
               for r in order.get("refunds") or [] if isinstance(r, dict)]
        refunds: dict[str, dict] | None = {}
        if ids:
            try:
                refunds = self._refunds(ids)
            except TransportError as exc:
                refunds = None
                self.out.refunds_read, self.out.refunds_why = False, exc.why
        channel = self.api.channel
        for order, lines in orders:
            mine = None
            if refunds is not None:  # an order whose lines all hold their quantity refunded no units
                mine = [refunds[str(r.get("id"))] for r in order.get("refunds") or []
                        if isinstance(r, dict) and str(r.get("id")) in refunds]
            self.out.lines += parse_live.order_lines(channel, order, lines, mine)
        self.out.orders = len(orders)
        return self.out

    def _refunds(self, ids: list[str]) -> dict[str, dict]:
        """refund id -> {"id", "lines": [refund line items]}, in batches that fit the cost cap.

        Batches are independent, so on plans whose bucket refills fast (Plus: 1,000 points a
        second) a few run at once: there the wait is the round trip, not the bucket. On the
        Standard plan (100 a second) the bucket is the limit and threads would only collide in
        it (THROTTLED answers), so they run one by one.
        """
        size = queries.REFUNDS_PER_QUERY
        batches = [ids[i:i + size] for i in range(0, len(ids), size)]
        rate = float(getattr(self.api.transport.limit, "rate", 0.0) or 0.0)
        workers = max(1, min(REFUND_THREADS, len(batches), int(rate // POINTS_PER_THREAD)))
        out: dict[str, dict] = {}
        done = 0
        with ThreadPoolExecutor(max_workers=workers) as pool:
            for found in pool.map(self._refund_batch, batches):
                out.update(found)
                done += len(found)
                self.step("refunds", min(len(ids), done), len(ids))
        return out

    def _refund_batch(self, batch: list[str]) -> dict[str, dict]:
        out: dict[str, dict] = {}
        data = self.api.query(queries.REFUNDS, "refunds", {"ids": batch}, ORDER_SCOPE)
        for refund in data.get("nodes") or []:
            if not isinstance(refund, dict) or not refund.get("id"):
                continue
            conn = refund.get("refundLineItems") or {}
            lines = nodes(conn)
            info = conn.get("pageInfo") or {}
            cursor = info.get("endCursor") if info.get("hasNextPage") else None
            while cursor:
                more = self.api.query(queries.REFUND_LINES, "refunds", {"id": refund["id"], "cursor": cursor},
                                      ORDER_SCOPE)
                conn = ((more.get("refund") or {}).get("refundLineItems")) or {}
                lines += nodes(conn)
                info = conn.get("pageInfo") or {}
                cursor = info.get("endCursor") if info.get("hasNextPage") else None
            out[str(refund["id"])] = {"id": refund["id"], "lines": lines}
        return out


def _lines_refunded(lines: list[dict]) -> bool:
    """Whether any line lost units (``currentQuantity`` below ``quantity``): only then do its refunds
    hold refund lines worth a follow-up; a refund of shipping or money alone leaves every line whole."""
    return any(isinstance(x.get("quantity"), int) and isinstance(x.get("currentQuantity"), int)
               and x["currentQuantity"] < x["quantity"] for x in lines)

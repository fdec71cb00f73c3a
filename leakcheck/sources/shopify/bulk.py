"""Bulk operations: the whole catalogue (or order history) in one asynchronous query and one file.

Paging a 50,000-variant catalogue with its inventory levels through the cost bucket takes many
minutes at 100 points a second; a bulk operation runs on Shopify's side for the price of one
mutation and a few polls, then hands over a JSONL file. The flow (NOTES 1.8):

1. ``bulkOperationRunQuery(query:, groupObjects: false)``: the only mutation the read-only rule
   lets through, and only because its own query is checked to be a read;
2. poll ``bulkOperation(id:)`` (not ``currentBulkOperation``, deprecated in 2026-07) with a
   growing wait, never sleeping past the scan's budget (no waits at all when replaying);
3. download ``url`` without our credentials (a signed storage URL on another host);
4. rebuild the tree: each nested-connection row names its parent in ``__parentId``. Children
   follow their parent somewhere later in the file, not necessarily right after it, so rows are
   gathered by id first and joined after.

A bulk operation cannot be cancelled by leakcheck (``bulkOperationCancel`` is a write); one left
running after a budget cut finishes on its own and is dropped by Shopify after seven days.
"""

from __future__ import annotations

import io
import json
import threading
import time
import weakref
from dataclasses import dataclass, field
from datetime import datetime

from ...transport import AuthFailed, BadResponse, BudgetExhausted, ServerFault, TransportError, Unreachable
from . import queries
from .client import ShopifyAPI

POLL_FIRST = 0.1  # seconds before the first poll; the wait grows by POLL_GROWTH up to POLL_MAX
POLL_GROWTH = 1.3  # gently: a file found late delays the scan by as much, and a poll costs only 1 point
POLL_MAX = 2.0
START_TRIES = 3  # a start whose answer is lost is looked for, then asked again, this many times in all
CLOCK_SKEW = 300.0  # seconds: how far Shopify's clock may be behind ours when matching a lost start
DONE = "COMPLETED"
_RUNNING: "weakref.WeakKeyDictionary[ShopifyAPI, list[dict]]" = weakref.WeakKeyDictionary()  # per channel read
_LOCK = threading.Lock()
FAILED = ("FAILED", "CANCELED", "CANCELING", "EXPIRED")


class BulkUnavailable(Exception):
    """Shopify would not run (or finish) the bulk operation; the caller pages instead."""


@dataclass
class Tree:
    """The rows of a bulk file: top-level objects in file order, and each object's child rows by id."""

    roots: list[dict] = field(default_factory=list)
    children: dict[str, list[dict]] = field(default_factory=dict)

    def of(self, parent_id: str, kind: str) -> list[dict]:
        """Child rows of one parent whose gid names ``kind`` (``gid://shopify/InventoryLevel/...``)."""
        marker = f"/{kind}/"
        return [r for r in self.children.get(parent_id, ()) if marker in str(r.get("id", ""))]


def start(api: ShopifyAPI, inner: str, what: str, scope: str) -> str:
    """Start one bulk query; its operation id. BulkUnavailable when Shopify declines.

    Unlike a read, starting an operation is not safe to repeat blindly: a 5xx, a dropped
    connection or a garbled answer may hide a start that happened, and asking again would leave a
    duplicate operation running on the merchant's shop (and use one of its five slots). So the
    start is sent once; when its answer is lost, the app's newest operations are looked at first
    and one with this very query, started moments ago, is adopted instead of starting another.
    """
    asked = time.time()
    earlier = _still_running(api, inner, what, scope)
    if earlier is not None:
        return earlier
    for attempt in range(1, START_TRIES + 1):
        try:
            data = api.query(queries.RUN_BULK, what, {"query": inner}, scope, once=True)
            break
        except (ServerFault, Unreachable, BadResponse) as exc:
            if attempt == START_TRIES:  # the caller pages instead, and says why
                raise BulkUnavailable(f"Shopify did not answer the start of a bulk operation {START_TRIES} times "
                                      f"(last: {exc.why})") from None
            api.transport.back_off(attempt, what, "starting the bulk operation again")
            found = _started(api, inner, asked, what, scope)
            if found is not None:
                return found
    payload = data.get("bulkOperationRunQuery") or {}
    errors = payload.get("userErrors") or []
    op = payload.get("bulkOperation") or {}
    if errors or not op.get("id"):
        words = "; ".join(str(e.get("message", "")) for e in errors if isinstance(e, dict)) or "no operation id"
        raise BulkUnavailable(f"Shopify would not start a bulk operation ({words})")
    return str(op["id"])


def _still_running(api: ShopifyAPI, inner: str, what: str, scope: str) -> str | None:
    """An operation of this very query that an earlier scan started and its budget cut off, still running.

    A big shop's first scan often ends with "raise --budget"; the second should not make Shopify
    start the same file again. The app's newest operations are read once per channel read (one
    small query, only on the bulk path) and a running one with the same query text is adopted: its
    data is as fresh as the moment it started, minutes ago.
    """
    with _LOCK:
        if api not in _RUNNING:
            try:
                _RUNNING[api] = [op for op in _recent(api, what, scope) if op.get("status") in ("CREATED", "RUNNING")]
            except TransportError:
                _RUNNING[api] = []  # only a shortcut: without it, the operation is started as usual
        for op in _RUNNING[api]:
            if _words(op.get("query")) == _words(inner):
                _RUNNING[api].remove(op)
                return str(op["id"])
    return None


def _recent(api: ShopifyAPI, what: str, scope: str) -> list[dict]:
    recent = (api.query(queries.RECENT_BULK, what, None, scope).get("bulkOperations") or {}).get("nodes") or []
    return [op for op in recent if isinstance(op, dict) and op.get("id")]


def _started(api: ShopifyAPI, inner: str, since: float, what: str, scope: str) -> str | None:
    """The id of an operation of this query started since ``since`` (less a clock-skew allowance), if any.
    A look that fails itself finds nothing: the start is then asked again, as it would have been."""
    try:
        recent = _recent(api, what, scope)
    except (ServerFault, Unreachable, BadResponse):
        return None
    for op in recent:
        if _words(op.get("query")) != _words(inner) or op.get("status") in FAILED:
            continue
        created = _epoch(op.get("createdAt"))
        if created is not None and created >= since - CLOCK_SKEW:
            return str(op["id"])
    return None


def _words(text) -> str:
    return " ".join(str(text or "").split())


def _epoch(stamp) -> float | None:
    try:
        return datetime.fromisoformat(str(stamp).replace("Z", "+00:00")).timestamp()
    except ValueError:
        return None


def wait(api: ShopifyAPI, op_id: str, what: str, scope: str, progress=None, stop=None,
         first: float | None = None) -> dict:
    """Poll until the operation ends; the finished operation (with ``url``). ``stop()`` True: give up.
    ``first``: seconds before the first poll, when an operation is known to be small."""
    transport = api.transport
    delay = min(POLL_FIRST, first) if first is not None else POLL_FIRST
    while True:
        op = api.query(queries.POLL_BULK, what, {"id": op_id}, scope).get("bulkOperation")
        if not isinstance(op, dict):
            raise BadResponse(api.channel, what, f"Shopify does not know the bulk operation {op_id}")
        status = str(op.get("status") or "")
        if progress is not None:
            progress(status, _int(op.get("objectCount")))
        if status == DONE:
            return op
        if status in FAILED:
            code = op.get("errorCode")
            if code == "ACCESS_DENIED":
                raise AuthFailed(api.channel, what, f"Shopify's bulk operation was denied access: the token lacks "
                                 f"{scope or 'a read scope the query needs'}", 403)
            raise BulkUnavailable(f"Shopify's bulk operation ended {status}" + (f" ({code})" if code else ""))
        if stop is not None and stop():
            raise BulkUnavailable("the bulk operation is no longer needed")
        if transport.replay is not None:
            continue  # recorded answers: the next poll is already there
        if not transport.budget.allows(delay):
            rows = _int(op.get("objectCount"))
            raise BudgetExhausted(api.channel, what, "the scan's time budget ran out while Shopify was still "
                                  f"preparing the bulk file ({status}, {rows:,} rows so far); a big shop's file "
                                  "can take Shopify minutes: raise --budget to read it (a rerun picks up "
                                  "this file where Shopify has got to)")
        transport.sleep(delay)
        delay = min(POLL_MAX, delay * POLL_GROWTH)


def download(api: ShopifyAPI, op: dict, what: str) -> Tree:
    """The finished operation's JSONL file as a Tree (empty when the query matched nothing)."""
    url = op.get("url")
    tree = Tree()
    if not url:
        if _int(op.get("objectCount")):
            raise ServerFault(api.channel, what, "the bulk operation finished without a file to download")
        return tree
    for attempt in (1, 2):  # a garbled file is fetched once more: the URL stays valid for 7 days
        resp = api.transport.get(str(url), what=f"{what} (bulk file)", authenticated=False)
        try:
            return _tree(resp.content, api.channel, what)
        except BadResponse:
            if attempt == 2:
                raise
    return tree


def _tree(content: bytes, channel: str, what: str) -> Tree:
    tree = Tree()
    # line by line from the one buffer: splitlines() would hold a second copy of a file of a few hundred MB
    for number, line in enumerate(io.BytesIO(content), 1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except ValueError:
            raise BadResponse(channel, what, f"the bulk file is cut off or malformed at line {number}") from None
        if not isinstance(row, dict):
            raise BadResponse(channel, what, f"line {number} of the bulk file is not an object")
        parent = row.pop("__parentId", None)
        if parent is None:
            tree.roots.append(row)
        else:
            tree.children.setdefault(str(parent), []).append(row)
    return tree


def _int(value) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        return 0

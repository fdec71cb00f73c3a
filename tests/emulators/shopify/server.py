"""ShopifyEmulator: the GraphQL Admin API 2026-07 of one World's shop, on a real socket on 127.0.0.1.

Serves ``POST /admin/api/2026-07/graphql.json`` (documents validated against the real SDL, then
executed by graphql-core over the World), ``POST /admin/oauth/access_token`` (client-credentials
grant) and the bulk operations' JSONL files at ``GET /bulk-results/<n>.jsonl`` with a signed
query string, as Shopify serves them from cloud storage: no credential needed, a wrong
signature is a 403. Every GraphQL answer carries ``extensions.cost``; the cost bucket is
enforced (THROTTLED, HTTP 200) and so is the 1,000-point cap (MAX_COST_EXCEEDED).

Bulk files are prepared one operation at a time in start order (bulk.Preparer), with fastexec's
quick walker, and for a big store (``BIG_STORE``) in a forked process, so the emulator's own
CPU stays below the job time it emulates (``rows / bulk_rows_per_second``). ``stats()`` reports
requests, throttling, points charged and ``floor_seconds`` for the live benchmark.

Faults (tests.emulators.base.Faults) in Shopify's wire format: ``429`` (THROTTLED body, HTTP 429,
``Retry-After``), ``throttle`` (THROTTLED, HTTP 200), ``500``/``502``/``503``, ``timeout`` (no
answer until after the client's timeout), ``truncate`` (half the body, then the connection
closes), ``malformed`` (not JSON), ``reset`` (connection closed unanswered) and ``revoke`` (the
app is uninstalled: 401 for every token from then on, and the grant refuses the credentials).
"""

from __future__ import annotations

import os
import re
import threading
import time
from urllib.parse import urlencode

from graphql import GraphQLError, execute, get_operation_ast, parse, validate

from . import bulk, resolvers, store
from .cost import Bucket, Coster
from .graph import iso, search_tree
from .handler import Handler, Server
from .schema import schema

DEFAULT_SCOPES = ("read_products", "read_inventory", "read_locations", "read_orders")
RATE_DOC = "https://shopify.dev/api/usage/rate-limits"
BIG_STORE = 5_000  # variants + orders from which bulk files are prepared in a child process
PLANS = {100.0: "Shopify", 200.0: "Advanced", 1000.0: "Shopify Plus", 2000.0: "Commerce Components"}


class ShopifyEmulator:
    def __init__(self, world, channel: str = "shop", token: str | None = "shpat_emulator_0123456789abcdef",
                 client_id: str | None = None, client_secret: str | None = None, restore_rate: float = 100.0,
                 maximum: float = 2000.0, bulk_rows_per_second: float = 5000.0, scopes=DEFAULT_SCOPES,
                 max_cost: int = 1000, token_ttl: float = 86399.0, native_bundles: bool = False,
                 stall_seconds: float = 1.0, bulk_failure: str | None = None, bulk_in_child: bool | None = None):
        self.schema = schema()
        self.store = store.build(world, channel, native_bundles)
        self.bucket = Bucket(maximum, restore_rate)
        self.token, self.client_id, self.client_secret = token, client_id, client_secret
        self.token_ttl, self.max_cost, self.rows_per_second = token_ttl, max_cost, bulk_rows_per_second
        self.scopes = list(scopes)
        self.stall_seconds, self.bulk_failure = stall_seconds, bulk_failure
        self.revoked = False
        self._tokens: dict[str, float] = {token: float("inf")} if token else {}
        self._secret = os.urandom(16)
        self._ops: dict[int, bulk.Operation] = {}
        self._preparer = bulk.Preparer()
        # a big store's bulk files are prepared in a forked process (bulk.run); None: decide by size
        big = len(self.store.variants) + len(self.store.orders) >= BIG_STORE
        self.bulk_in_child = big if bulk_in_child is None else bulk_in_child
        self._lock = threading.Lock()
        self.throttled_count = 0  # queries refused THROTTLED by the bucket (injected faults not counted)
        self.points_charged = 0.0  # actualQueryCost summed over the queries that ran
        self.log: list[tuple[str, str, str]] = []  # (method, path, GraphQL operation name)
        self.tokens_sent_to_storage = 0  # bulk-file downloads that carried X-Shopify-Access-Token
        self.root = resolvers.root(self)
        self.server = Server(Handler)
        self.server.emu = self
        self.faults = self.server.faults

    # --- the contract ---------------------------------------------------------------------------
    @property
    def url(self) -> str:
        return self.server.url

    @property
    def requests_served(self) -> int:
        return self.server.requests_served

    @property
    def domain(self) -> str:
        return self.store.shop["myshopifyDomain"]

    def channel_config(self, credentials: str | None = None) -> dict:
        """``credentials``: "token" or "client" (default: the token when there is one)."""
        cfg = {"type": "shopify", "base_url": self.url, "shop": self.domain}
        if (credentials or ("token" if self.token else "client")) == "token":
            cfg["token"] = self.token
        else:
            cfg.update(client_id=self.client_id, client_secret=self.client_secret)
        return cfg

    def start(self) -> "ShopifyEmulator":
        self.server.start()
        return self

    def stop(self) -> None:
        self.server.stop()
        self._preparer.close()

    def __enter__(self) -> "ShopifyEmulator":
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()

    def stats(self) -> dict:
        """What the benchmark needs: requests, throttling, points, bulk jobs, and the least time the limits allow.

        ``points_charged``: the actual costs summed (what the bucket kept after refunding each
        query's requested - actual). ``bulk_operations``: each completed operation's rows, its
        emulated job time (``rows / bulk_rows_per_second``) and when the emulator really had it
        ready (more than the job time only when the emulator's own CPU lagged).

        ``floor_seconds`` is a lower bound for ANY client that reads the same data, whatever
        its order of work::

            floor = max(points_floor, bulk_floor)
            points_floor = max(0, refund_points - maximum) / restore_rate
            refund_points = sum over refunds whose lines were read, with k >= 1 lines, of (3 + k)
            bulk_floor = max over completed bulk operations of
                         min(job_seconds, max(0, rows - maximum) / restore_rate)

        Why these terms and no others. Refund lines are the one thing no bulk operation can
        hold (``refundLineItems`` is a connection inside the ``refunds`` list), and no root
        connection reaches them, so every refund with lines must come through ordinary queries,
        each costing at least the Refund (1), its connection (2) and one object per line (1):
        ``lineItem { id }`` and the Order around it are left out, as a client can sometimes do
        without them. Every other query (overview, counts, bulk starts and polls) is counted
        as free, so the bound stays a bound. The catalogue and the orders take at least their
        bulk job, or, paged instead, one point per row beyond the full bucket; jobs can run at
        once (five may) and refund reads can overlap them (refunded orders can be found by a
        filtered search without waiting for the orders file), so the terms combine by max, not
        sum. What the client wastes (requested cost held back, round trips, polls that land
        late, refunds asked for twice) is not in the floor.
        """
        maximum, rate = self.bucket.maximum, self.bucket.rate
        with self._lock:
            read = dict(self.store.refund_lines_read)
            ops = [o for o in self._ops.values() if o.done and not o.error_code]
            charged, throttled = self.points_charged, self.throttled_count
        refund_points = sum(3 + k for k in read.values() if k >= 1)
        points_floor = max(0.0, refund_points - maximum) / rate if rate else 0.0
        jobs = []
        bulk_floor = 0.0
        for op in sorted(ops, key=lambda o: o.number):
            job = (op.ready_at or op.created) - op.created
            paged = max(0.0, op.rows - maximum) / rate if rate else 0.0
            bulk_floor = max(bulk_floor, min(job, paged))
            named = re.search(r"\{\s*(\w+)", op.query or "")
            top = named[1] if named else "?"
            jobs.append({"query": top, "rows": op.rows, "job_seconds": round(job, 3),
                         "ready_seconds": round(max(job, (op.done_at or op.created) - op.created), 3)})
        return {"platform": "shopify", "requests": self.requests_served, "throttled": throttled,
                "points_charged": round(charged, 1), "restore_rate": rate, "maximum": maximum,
                "refunds_read": len(read), "refund_points": refund_points,
                "points_floor_seconds": round(points_floor, 3), "bulk_floor_seconds": round(bulk_floor, 3),
                "bulk_operations": jobs, "floor_seconds": round(max(points_floor, bulk_floor), 3)}

    def plan(self) -> dict:
        name = PLANS.get(self.bucket.rate, "Shopify")
        return {"publicDisplayName": name, "displayName": name, "partnerDevelopment": False,
                "shopifyPlus": self.bucket.rate >= 1000}

    # --- credentials ----------------------------------------------------------------------------
    def token_ok(self, token: str | None) -> bool:
        return bool(token) and not self.revoked and self._tokens.get(token, 0.0) > time.monotonic()

    def expire_tokens(self) -> None:
        """Every token from the client-credentials grant expires now (the static token stays valid)."""
        with self._lock:
            for token in self._tokens:
                if token != self.token:
                    self._tokens[token] = 0.0

    def grant(self, form: dict[str, str]) -> tuple[int, dict]:
        if (form.get("grant_type") != "client_credentials" or not self.client_id or self.revoked
                or form.get("client_id") != self.client_id or form.get("client_secret") != self.client_secret):
            return 400, {"error": "invalid_client", "error_description": "Client authentication failed: the client "
                         "id or secret is wrong, or the app is not installed on this shop."}
        token = "shpat_" + os.urandom(16).hex()
        with self._lock:
            self._tokens[token] = time.monotonic() + self.token_ttl
        return 200, {"access_token": token, "scope": ",".join(self.scopes), "expires_in": int(self.token_ttl)}

    # --- GraphQL --------------------------------------------------------------------------------
    def _cost(self, requested, actual) -> dict:
        return {"cost": {"requestedQueryCost": requested, "actualQueryCost": actual,
                         "throttleStatus": self.bucket.status()}}

    def throttled(self, requested: int) -> dict:
        return {"errors": [{"message": "Throttled", "extensions": {"code": "THROTTLED", "documentation": RATE_DOC}}],
                "extensions": self._cost(requested, None)}

    def requested_cost(self, query: str, variables: dict | None = None) -> int:
        try:
            doc = parse(query)
            op = get_operation_ast(doc)
            return Coster(self.schema, doc, variables, op).total() if op else 0
        except Exception:
            return 50

    def graphql(self, query, variables, operation_name) -> dict:
        """One GraphQL request's answer (always HTTP 200, as Shopify answers GraphQL errors)."""
        if not isinstance(query, str):
            return {"errors": [{"message": "Parameter query is required", "extensions": {"code": "BAD_REQUEST"}}]}
        try:
            doc = parse(query)
        except GraphQLError as exc:
            return {"errors": [{**exc.formatted, "extensions": {"code": "SYNTAX_ERROR"}}], "extensions": self._cost(0, 0)}
        errors = validate(self.schema, doc)
        if errors:
            return {"errors": [{**e.formatted, "extensions": {"code": "GRAPHQL_VALIDATION_FAILED"}} for e in errors],
                    "extensions": self._cost(0, 0)}
        op = get_operation_ast(doc, operation_name)
        if op is None:
            return {"errors": [{"message": "An operation name is required", "extensions": {"code": "BAD_REQUEST"}}]}
        coster = Coster(self.schema, doc, variables, op)
        requested = coster.total()
        if requested > self.max_cost:
            return {"errors": [{"message": f"Query cost is {requested}, which exceeds the single query max cost limit "
                                           f"({self.max_cost}).", "extensions": {"code": "MAX_COST_EXCEEDED",
                                                                                  "cost": requested, "maxCost": self.max_cost}}],
                    "extensions": self._cost(requested, None)}
        if not self.bucket.take(requested):
            with self._lock:
                self.throttled_count += 1
            return self.throttled(requested)
        result = execute(self.schema, doc, root_value=self.root, variable_values=variables or {},
                         operation_name=operation_name, context_value={"scopes": self.scopes, "bulk": False})
        actual = min(requested, coster.total(result.data, actual=True)) if result.data else 0
        self.bucket.give_back(requested - actual)  # Shopify charges the actual cost, not the requested one
        with self._lock:
            self.points_charged += actual
        out: dict = {}
        if result.errors:
            out["errors"] = [e.formatted for e in result.errors]
        out["data"] = result.data
        out["extensions"] = self._cost(requested, actual)
        return out

    # --- bulk operations ------------------------------------------------------------------------
    def run_bulk(self, info, query: str, group_objects: bool) -> dict:
        problem = bulk.rule_problem(self.schema, query)
        if problem:
            return {"bulkOperation": None, "userErrors": [{"field": ["query"], "message": problem, "code": "INVALID"}]}
        with self._lock:
            running = [o for o in self._ops.values() if bulk.status(o, time.monotonic())[0] in ("CREATED", "RUNNING")]
            if len(running) >= bulk.MAX_CONCURRENT:
                return {"bulkOperation": None, "userErrors": [{"field": None, "code": "LIMIT_REACHED", "message":
                        f"A maximum of {bulk.MAX_CONCURRENT} bulk queries can run at a time for this app and shop."}]}
            number = 4_412_000_000 + len(self._ops) + 1
            op = bulk.Operation(number, query, time.monotonic(), iso(time.time()))
            self._ops[number] = op
        self._preparer.submit(bulk.run, self.schema, op, self.root, {"scopes": list(self.scopes)},
                              self.rows_per_second, self.bulk_failure, self.bulk_in_child)
        return {"bulkOperation": self.bulk_view(op.id), "userErrors": []}

    def bulk_view(self, op_id: str) -> dict | None:
        try:
            op = self._ops.get(int(str(op_id).rsplit("/", 1)[-1]))
        except ValueError:
            op = None
        if op is None:
            return None
        status, count = bulk.status(op, time.monotonic())
        done = status == "COMPLETED"
        query = urlencode({"X-Goog-Algorithm": "GOOG4-RSA-SHA256", "X-Goog-Credential":
                           "bulk-operations@shopify-emulator.iam.gserviceaccount.com/auto/storage/goog4_request",
                           "X-Goog-Expires": "604800", "X-Goog-SignedHeaders": "host",
                           "X-Goog-Signature": bulk.signature(self._secret, op.number)})
        return {"__typename": "BulkOperation", "id": op.id, "status": status, "type": "QUERY", "query": op.query,
                "errorCode": op.error_code if status == "FAILED" else None, "objectCount": str(count),
                "rootObjectCount": str(op.roots if done else 0), "fileSize": str(len(op.content)) if done else None,
                "url": f"{self.url}/bulk-results/{op.number}.jsonl?{query}" if done and op.rows else None,
                "partialDataUrl": None, "createdAt": op.created_iso, "completedAt": iso(time.time()) if done else None}

    def bulk_views(self, query: str | None) -> list[dict]:
        """The app's operations, newest first (Shopify's default order), filtered by ``status:`` and
        ``operation_type:`` terms (any other term is refused loudly by the search parser's callers)."""
        tree = search_tree(query)
        views = [self.bulk_view(op.id) for op in sorted(self._ops.values(), key=lambda o: o.number, reverse=True)]
        return [v for v in views if _bulk_match(tree, v)]

    def bulk_file(self, number: int, signature: str | None) -> bytes | None:
        op = self._ops.get(number)
        if op is None or signature != bulk.signature(self._secret, number):
            return None
        return op.content


def _bulk_match(tree, view: dict) -> bool:
    """Does one bulk operation's view satisfy a parsed search (``status:`` and ``operation_type:`` only)?"""
    kind = tree[0]
    if kind == "and":
        return all(_bulk_match(t, view) for t in tree[1])
    if kind == "or":
        return any(_bulk_match(t, view) for t in tree[1])
    _, name, op, value = tree
    if op != "=" or name not in ("status", "operation_type"):
        raise GraphQLError(f"emulator: bulkOperations search term {name}:{op}{value} is not supported",
                           extensions={"code": "BAD_REQUEST"})
    return str(view["status" if name == "status" else "type"]).casefold() == value.casefold()

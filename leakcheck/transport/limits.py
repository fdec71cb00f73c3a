"""Platforms' own rate-limit models, fed by what each answer says about the quota left.

A limit has two hooks the transport calls: ``before(body)`` returns how long to wait before
sending (pacing so we rarely get throttled at all), and ``after(status, body, sent)`` returns None for
a real answer or the seconds to wait before asking again when the platform said "throttled".
Both are thread-safe: one channel's concurrent readers share one quota.

- ShopifyCostBucket: the GraphQL Admin API's leaky bucket of cost points. Every answer carries
  ``extensions.cost.throttleStatus {maximumAvailable, currentlyAvailable, restoreRate}``; before a
  query we project the bucket forward at ``restoreRate`` and wait for (cost - available) / rate,
  using the cost the same query was last charged (``requestedQueryCost``). A ``THROTTLED`` error
  arrives with HTTP 200 or 429 (sources disagree, so both are handled): wait
  (requested - currentlyAvailable) / restoreRate and ask again.
- RequestRate: a plain requests-per-second pace, for platforms that publish a number.
  Square publishes none; it answers 429 ``RATE_LIMITED``, which the retry policy backs off from.
"""

from __future__ import annotations

import threading
import time
from typing import Any, Callable

MIN_WAIT = 0.02


class RateLimit:
    """No limit of its own: the retry policy alone handles 429."""

    reads_body = False  # True: ``after`` needs the parsed answer (the transport parses it once, for both)

    def before(self, body: Any) -> float:
        return 0.0

    def after(self, status: int, body: Any, sent: Any = None) -> float | None:
        return None


class ShopifyCostBucket(RateLimit):
    reads_body = True

    def __init__(self, clock: Callable[[], float] = time.monotonic, default_cost: float = 50.0):
        self.clock = clock
        self.default_cost = default_cost
        self.maximum: float | None = None
        self.available: float = 0.0
        self.rate: float = 0.0
        self.at: float = 0.0
        self.costs: dict[str, float] = {}  # query text -> points it was last charged up front
        self.points_used = 0.0  # actualQueryCost summed: what the floor of a benchmark is computed from
        self.throttled = 0
        self._lock = threading.Lock()

    def _projected(self, now: float) -> float:
        return min(self.maximum or 0.0, self.available + self.rate * (now - self.at))

    def before(self, body: Any) -> float:
        query = body.get("query") if isinstance(body, dict) else None
        if not isinstance(query, str):
            return 0.0  # not a GraphQL query (token grant, bulk file download): costs no points
        with self._lock:
            if self.maximum is None or not self.rate:
                return 0.0  # the first answer tells us the bucket
            cost = self.costs.get(query, self.default_cost)
            now = self.clock()
            have = self._projected(now)
            wait = max(0.0, (cost - have) / self.rate)
            # debit now, so concurrent readers do not all spend the same points
            self.available, self.at = have - cost, now
            return wait

    def after(self, status: int, body: Any, sent: Any = None) -> float | None:
        if not isinstance(body, dict):
            return None
        cost = (body.get("extensions") or {}).get("cost") or {}
        throttle = cost.get("throttleStatus") or {}
        throttled = any(((e or {}).get("extensions") or {}).get("code") == "THROTTLED"
                        for e in body.get("errors") or [] if isinstance(e, dict))
        with self._lock:
            if throttle:
                try:
                    self.maximum = float(throttle["maximumAvailable"])
                    self.available = float(throttle["currentlyAvailable"])
                    self.rate = float(throttle["restoreRate"])
                    self.at = self.clock()
                except (KeyError, TypeError, ValueError):
                    pass
            query_cost = cost.get("requestedQueryCost")
            query = sent.get("query") if isinstance(sent, dict) else None
            if isinstance(query_cost, (int, float)) and isinstance(query, str):
                self.costs[query] = float(query_cost)
            if isinstance(cost.get("actualQueryCost"), (int, float)):
                self.points_used += float(cost["actualQueryCost"])
            if not throttled:
                return None
            self.throttled += 1
            requested = float(query_cost) if isinstance(query_cost, (int, float)) else self.default_cost
            if self.rate:
                return max(MIN_WAIT, (requested - self.available) / self.rate)
            return 1.0


class RequestRate(RateLimit):
    """At most ``per_second`` requests per second across all of a channel's threads."""

    def __init__(self, per_second: float, clock: Callable[[], float] = time.monotonic):
        self.interval = 1.0 / per_second
        self.clock = clock
        self.next_at = 0.0
        self._lock = threading.Lock()

    def before(self, body: Any) -> float:
        with self._lock:
            now = self.clock()
            at = max(now, self.next_at)
            self.next_at = at + self.interval
            return at - now

"""Platforms' own rate-limit models, fed by what each answer says about the quota left.

A limit has two hooks the transport calls: ``before(body)`` returns how long to wait before
sending (pacing so we rarely get throttled at all), and ``after(status, body, sent)`` returns None for
a real answer or the seconds to wait before asking again when the platform said "throttled".
Both are thread-safe: one channel's concurrent readers share one quota.

- ShopifyCostBucket: the GraphQL Admin API's leaky bucket of cost points. Every answer carries
  ``extensions.cost.throttleStatus {maximumAvailable, currentlyAvailable, restoreRate}``; before a
  query we project the bucket forward at ``restoreRate`` and wait for (cost - available) / rate.
  The cost is worked out from the query's text and variables by Shopify's formula (query_cost.py),
  or, once Shopify has charged that very query, what it charged (``requestedQueryCost``).
  Points debited for queries still in flight are kept apart, so an answer's ``currentlyAvailable``
  (which cannot know of them yet) never hands one thread's points to another. A ``THROTTLED``
  error arrives with HTTP 200 or 429 (sources disagree, so both are handled): wait
  (requested - currentlyAvailable) / restoreRate and ask again.
- RequestRate: a plain requests-per-second pace, for platforms that publish a number.
  Square publishes none; it answers 429 ``RATE_LIMITED``, which the retry policy backs off from.
"""

from __future__ import annotations

import threading
import time
from typing import Any, Callable

from .query_cost import requested_cost

MIN_WAIT = 0.02


class RateLimit:
    """No limit of its own: the retry policy alone handles 429."""

    reads_body = False  # True: ``after`` needs the parsed answer (the transport parses it once, for both)

    def before(self, body: Any) -> float:
        return 0.0

    def after(self, status: int, body: Any, sent: Any = None) -> float | None:
        return None

    def lost(self, sent: Any) -> None:
        """The request ``sent`` got no answer at all (connection fault, timeout)."""


class ShopifyCostBucket(RateLimit):
    reads_body = True

    def __init__(self, clock: Callable[[], float] = time.monotonic, default_cost: float = 50.0):
        self.clock = clock
        self.default_cost = default_cost  # for a text that is not a readable GraphQL document
        self.maximum: float | None = None
        self.available: float = 0.0  # as of ``at``, less the points of queries in flight
        self.rate: float = 0.0
        self.at: float = 0.0
        self.costs: dict[tuple[str, int], float] = {}  # (query, our estimate) -> what Shopify charged up front
        self.in_flight: dict[int, float] = {}  # id(request body) -> points debited for it, until it is answered
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
            cost = self.cost(query, body.get("variables"))
            now = self.clock()
            have = self._projected(now)
            wait = max(0.0, (cost - have) / self.rate)
            # debit now, so concurrent readers do not all spend the same points
            self.available, self.at = have - cost, now
            self.in_flight[id(body)] = cost
            return wait

    def cost(self, query: str, variables: Any = None) -> float:
        """The points ``query`` will be charged up front: learned from Shopify, else worked out."""
        estimate = requested_cost(query, variables if isinstance(variables, dict) else None)
        if estimate is None:
            return self.costs.get((query, -1), self.default_cost)
        return self.costs.get((query, estimate), float(estimate))

    def projected(self) -> float | None:
        """Points the bucket should hold now, queries in flight already taken off (None: not known yet)."""
        with self._lock:
            if self.maximum is None or not self.rate:
                return None
            return self._projected(self.clock())

    def lost(self, sent: Any) -> None:
        with self._lock:
            cost = self.in_flight.pop(id(sent), None)
            if cost is not None:  # never answered: Shopify may not have charged it; give the points back
                self.available += cost

    def after(self, status: int, body: Any, sent: Any = None) -> float | None:
        if not isinstance(body, dict):
            return None
        cost = (body.get("extensions") or {}).get("cost") or {}
        throttle = cost.get("throttleStatus") or {}
        throttled = any(((e or {}).get("extensions") or {}).get("code") == "THROTTLED"
                        for e in body.get("errors") or [] if isinstance(e, dict))
        with self._lock:
            self.in_flight.pop(id(sent), None)
            if throttle:
                try:
                    self.maximum = float(throttle["maximumAvailable"])
                    # what Shopify had left when it answered, less what our other queries in flight will take
                    self.available = float(throttle["currentlyAvailable"]) - sum(self.in_flight.values())
                    self.rate = float(throttle["restoreRate"])
                    self.at = self.clock()
                except (KeyError, TypeError, ValueError):
                    pass
            query_cost = cost.get("requestedQueryCost")
            query = sent.get("query") if isinstance(sent, dict) else None
            if isinstance(query_cost, (int, float)) and isinstance(query, str):
                variables = sent.get("variables")
                estimate = requested_cost(query, variables if isinstance(variables, dict) else None)
                self.costs[(query, -1 if estimate is None else estimate)] = float(query_cost)
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

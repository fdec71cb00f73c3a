"""SquareEmulator: a loopback Square API serving one World's till, in Square's wire format.

    emu = SquareEmulator(world, channel="till", token="EAAA...", requests_per_second=20).start()
    emu.channel_config()   # {"type": "square", "base_url": emu.url, "token": ...}

Served (paths, methods and scopes as in shared/specs/square/api.json): ListLocations,
SearchCatalogObjects, BatchRetrieveInventoryCounts, BatchRetrieveInventoryChanges, SearchOrders
and RetrieveTokenStatus. Anything else is 404 NOT_FOUND: the emulator has no write endpoint, so a
request that reached one would show in ``requests_served`` and ``seen``.

What a real Square does that matters to a client, it does: ``Authorization: Bearer`` (401
UNAUTHORIZED / ACCESS_TOKEN_REVOKED / ACCESS_TOKEN_EXPIRED), scopes per endpoint (403
INSUFFICIENT_SCOPES naming the scope), the ``Square-Version`` header (accepted; a malformed one is
400), opaque cursors bound to the query they page (400 INVALID_CURSOR otherwise), page sizes and
limits per the spec (SearchCatalogObjects ignores a limit outside 1..1000 and pages 100 by
default; the inventory batch reads refuse a limit outside 1..1000; SearchOrders takes at most 10
locations and 1,000 a page, and a time filter must be sorted by the same field), and errors as
``{"errors": [{"category", "code", "detail", "field"}]}``.

Rate limit: Square publishes no number, so the emulator enforces a stand-in: a token bucket of
``burst`` requests refilled at ``requests_per_second`` (default 20/s, burst 20); a request that
finds it empty gets 429 RATE_LIMITED with no Retry-After, as Square answers. ``page_limit`` caps
every page (tests use tiny pages to reach the last one quickly). Faults from ``base.Faults``
are rendered in Square's shape (see ``_fault``). ``time_shift`` moves every time of the world
(``time.time() - world.as_of`` makes a fixed-date world look current to a scan that reads "the
last 60 days from now", as the CLI does).
"""

from __future__ import annotations

import json
import socket
import struct
import threading
import time
from urllib.parse import parse_qs

from ..base import LoopbackServer, QuietHandler
from .account import Account, build_account
from .routes import ROUTES, SCOPES, ApiError

READ_SCOPES = ("ITEMS_READ", "INVENTORY_READ", "ORDERS_READ", "MERCHANT_PROFILE_READ")
DEFAULT_TOKEN = "EAAAEemulatorTokenForTests0123456789"


class TokenBucket:
    """``burst`` requests at once, refilled at ``rate`` a second (thread-safe)."""

    def __init__(self, rate: float, burst: int, clock=time.monotonic):
        self.rate, self.burst, self.clock = rate, float(burst), clock
        self.level, self.at = float(burst), clock()
        self._lock = threading.Lock()

    def take(self) -> bool:
        with self._lock:
            now = self.clock()
            self.level = min(self.burst, self.level + (now - self.at) * self.rate)
            self.at = now
            if self.level >= 1.0:
                self.level -= 1.0
                return True
            return False


def error_body(category: str, code: str, detail: str, field: str | None = None) -> bytes:
    err = {"category": category, "code": code, "detail": detail}
    if field:
        err["field"] = field
    return json.dumps({"errors": [err]}).encode()


class _Server(LoopbackServer):
    def __init__(self, emulator: "SquareEmulator"):
        super().__init__(_Handler)
        self.emu = emulator


class _Handler(QuietHandler):
    """Buffered writes: the status line, headers and body leave in one segment (flushed by the base
    class after each request). Written separately, Nagle's algorithm and the client's delayed ACK
    hold every answer back ~40 ms, which would make the emulator, not the rate limit, the bottleneck."""

    server: _Server
    wbufsize = 1 << 16

    def do_GET(self) -> None:
        self._serve("GET")

    def do_POST(self) -> None:
        self._serve("POST")

    def do_PUT(self) -> None:
        self._serve("PUT")

    def do_DELETE(self) -> None:
        self._serve("DELETE")

    def do_PATCH(self) -> None:
        self._serve("PATCH")

    def _serve(self, method: str) -> None:
        emu = self.server.emu
        self.server.count()
        raw = self.body()
        path, _, query = self.path.partition("?")
        emu.log(method, path, raw, self.headers.get("Square-Version"))
        fault = self.server.faults.take(path)
        late = None
        if fault is not None:
            if fault.kind in ("truncate", "malformed"):
                late = fault.kind
            elif self._fault(fault):
                return
        if emu.bucket is not None and not emu.bucket.take():
            emu.throttled += 1
            return self.send(429, error_body("RATE_LIMIT_ERROR", "RATE_LIMITED", "Rate limit exceeded."))
        try:
            status, payload = self._answer(emu, method, path, query, raw)
        except ApiError as exc:
            return self.send(exc.status, error_body(exc.category, exc.code, exc.detail, exc.field))
        body = json.dumps(payload, separators=(",", ":")).encode()
        if late == "truncate":
            return self.send_cut(status, body)
        if late == "malformed":
            return self.send(status, body[: len(body) // 2] + b"\x00<html>")
        self.send(status, body)

    def _answer(self, emu: "SquareEmulator", method: str, path: str, query: str, raw: bytes) -> tuple[int, dict]:
        version = self.headers.get("Square-Version")
        if version is not None and not (len(version) == 10 and version[4] == version[7] == "-"
                                        and version.replace("-", "").isdigit()):
            raise ApiError(400, "INVALID_REQUEST_ERROR", "INVALID_SQUARE_VERSION_FORMAT",
                           f"Invalid Square-Version format: {version}")
        route = ROUTES.get((method, path))
        if route is None:
            known = any(p == path for _, p in ROUTES)
            raise ApiError(405 if known else 404, "INVALID_REQUEST_ERROR",
                           "METHOD_NOT_ALLOWED" if known else "NOT_FOUND",
                           f"{method} {path} is not served here.")
        emu.authorise(self.headers.get("Authorization") or "", path)
        body: dict = {}
        if method == "POST" and raw:
            try:
                body = json.loads(raw)
            except ValueError:
                raise ApiError(400, "INVALID_REQUEST_ERROR", "EXPECTED_JSON_BODY", "The body is not JSON.") from None
            if not isinstance(body, dict):
                raise ApiError(400, "INVALID_REQUEST_ERROR", "EXPECTED_OBJECT", "The body must be a JSON object.")
        return 200, route(emu, body, parse_qs(query))

    def _fault(self, fault) -> bool:
        """Render a fault in Square's shape; True when the request has been answered (or dropped)."""
        headers = {"Retry-After": f"{fault.retry_after:g}"} if fault.retry_after is not None else None
        kind = fault.kind
        if kind in ("429", "throttle"):
            self.send(429, error_body("RATE_LIMIT_ERROR", "RATE_LIMITED", "Rate limit exceeded."), headers=headers)
        elif kind == "500":
            self.send(500, error_body("API_ERROR", "INTERNAL_SERVER_ERROR", "An internal error occurred."))
        elif kind == "502":
            self.send(502, error_body("API_ERROR", "BAD_GATEWAY", "Bad gateway."))
        elif kind == "503":
            self.send(503, error_body("API_ERROR", "SERVICE_UNAVAILABLE", "Service unavailable."), headers=headers)
        elif kind == "timeout":
            self.stall(self.server.emu.stall_seconds)
        elif kind == "reset":
            self.close_connection = True
            try:  # RST rather than FIN: the client sees "connection reset by peer"
                self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
                self.connection.close()
            except OSError:
                pass
        elif kind == "revoke":
            self.server.emu.revoked = True
            return False  # this request already meets the revoked token
        return True


class SquareEmulator:
    def __init__(self, world, channel: str = "till", token: str = DEFAULT_TOKEN, scopes=READ_SCOPES,
                 requests_per_second: float | None = 20.0, burst: int = 20, page_limit: int | None = None,
                 token_expires_at: float | None = None, personal_token: bool = False, expired: bool = False,
                 stall_seconds: float = 1.0, echo_token: bool = False, time_shift: float = 0.0):
        self.world, self.channel, self.token = world, channel, token
        self.scopes = tuple(scopes)
        self.account: Account = build_account(world, channel, time_shift)
        self.page_limit = page_limit
        self.bucket = TokenBucket(requests_per_second, burst) if requests_per_second else None
        self.requests_per_second, self.burst = requests_per_second, burst
        self.expires_at = None if personal_token else (token_expires_at or time.time() + 30 * 86400)
        self.expired, self.revoked, self.echo_token = expired, False, echo_token
        self.stall_seconds = stall_seconds
        self.throttled = 0
        self.seen: list[dict] = []
        self.cache: dict[str, list] = {}
        self._lock = threading.Lock()
        self._server = _Server(self)

    # --- the contract -------------------------------------------------------------------------
    def start(self) -> "SquareEmulator":
        self._server.start()
        return self

    def stop(self) -> None:
        self._server.stop()

    def __enter__(self) -> "SquareEmulator":
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()

    @property
    def url(self) -> str:
        return self._server.url

    @property
    def faults(self):
        return self._server.faults

    @property
    def requests_served(self) -> int:
        return self._server.requests_served

    def channel_config(self) -> dict:
        return {"type": "square", "base_url": self.url, "token": self.token}

    def stats(self) -> dict:
        """What the benchmark needs: requests answered, 429s, and the least time the stand-in limit allows.

        floor_seconds: the answered requests beyond the burst, at ``requests_per_second`` (the
        stand-in limit: Square publishes no number).
        """
        answered = self.requests_served - self.throttled
        floor = max(0.0, answered - self.burst) / self.requests_per_second if self.requests_per_second else 0.0
        return {"platform": "square", "requests": self.requests_served, "throttled": self.throttled,
                "requests_per_second": self.requests_per_second, "burst": self.burst,
                "floor_seconds": round(floor, 3)}

    # --- used by the handler ------------------------------------------------------------------
    def log(self, method: str, path: str, raw: bytes, version: str | None) -> None:
        with self._lock:
            self.seen.append({"method": method, "path": path, "body": raw.decode("utf-8", "replace"),
                              "square_version": version})

    def authorise(self, header: str, path: str) -> None:
        scheme, _, presented = header.partition(" ")
        status_call = path == "/oauth2/token/status"
        if scheme != "Bearer" or presented != self.token:
            detail = "This request could not be authorized."
            if self.echo_token and presented:
                detail += f" (token {presented})"
            raise ApiError(401, "AUTHENTICATION_ERROR", "UNAUTHORIZED", detail)
        if self.revoked or self.expired:
            code = "ACCESS_TOKEN_REVOKED" if self.revoked else "ACCESS_TOKEN_EXPIRED"
            code = "UNAUTHORIZED" if status_call else code  # RetrieveTokenStatus says only UNAUTHORIZED
            raise ApiError(401, "AUTHENTICATION_ERROR", code, "The access token has been revoked."
                           if self.revoked else "The access token has expired.")
        need = SCOPES.get(path)
        if need and need not in self.scopes:
            raise ApiError(403, "AUTHENTICATION_ERROR", "INSUFFICIENT_SCOPES",
                           f"The merchant must authorize your application for the following scopes: {need}")

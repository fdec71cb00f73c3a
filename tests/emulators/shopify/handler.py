"""The HTTP side of the Shopify emulator: routes, credentials on the wire, and faults as Shopify shows them.

Routes: ``POST /admin/api/{version}/graphql.json`` (401 in Shopify's body without a valid
``X-Shopify-Access-Token``, 404 for another API version), ``POST /admin/oauth/access_token``
(form body) and ``GET /bulk-results/<n>.jsonl?X-Goog-...`` (no credential; a wrong signature is
cloud storage's 403). A fault taken from the plan replaces or spoils the answer in the wire format
the real service would use (server.py's docstring lists them).
"""

from __future__ import annotations

import json
import re
import socket
import sys
from urllib.parse import parse_qs, urlsplit

from ..base import LoopbackServer, QuietHandler
from .schema import VERSION

GRAPHQL_PATH = re.compile(r"^/admin/api/(?P<version>[^/]+)/graphql\.json$")
TOKEN_PATH = "/admin/oauth/access_token"
BULK_PATH = re.compile(r"^/bulk-results/(?P<n>\d+)\.jsonl$")
OPERATION_NAME = re.compile(r'"query"\s*:\s*"\s*(?:query|mutation)\s+(\w+)')
UNAUTHORIZED = {"errors": "[API] Invalid API key or access token (unrecognized login or wrong password)"}


class Server(LoopbackServer):
    def handle_error(self, request, client_address) -> None:
        """A client that hung up (a timeout test, a cut connection) is not an emulator error."""
        if not isinstance(sys.exc_info()[1], (BrokenPipeError, ConnectionResetError, ConnectionAbortedError)):
            super().handle_error(request, client_address)


class Handler(QuietHandler):
    def setup(self) -> None:
        super().setup()
        # headers and body go out in two writes: without this, delayed ACKs add 40 ms to every answer
        self.connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)

    def do_POST(self) -> None:  # noqa: N802 - http.server's name
        self._serve("POST")

    def do_GET(self) -> None:  # noqa: N802
        self._serve("GET")

    def _json(self, status: int, payload, headers: dict | None = None) -> tuple:
        return status, json.dumps(payload, separators=(",", ":")).encode(), "application/json; charset=utf-8", headers

    def _serve(self, method: str) -> None:
        emu = self.server.emu
        self.server.count()
        parts = urlsplit(self.path)
        body = self.body() if method == "POST" else b""
        found = OPERATION_NAME.search(body.decode("utf-8", "replace")) if GRAPHQL_PATH.match(parts.path) else None
        name = found.group(1) if found else ""
        # a fault's ``path`` may name a GraphQL operation too: "#RunBulk" hits only bulk starts
        fault = self.server.faults.take(parts.path + (f"#{name}" if name else ""))
        kind = fault.kind if fault else None
        if kind == "revoke":
            emu.revoked, kind = True, None
        if kind == "timeout":
            return self.stall(emu.stall_seconds)
        if kind == "reset":
            self.close_connection = True
            try:
                self.connection.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass
            return
        if kind in ("429", "throttle", "500", "502", "503"):
            return self._fault(emu, kind, fault, body)
        status, payload, ctype, headers = self._route(emu, method, parts, body)
        emu.log.append((method, parts.path, name))
        if kind == "truncate":
            return self.send_cut(status, payload, ctype)
        if kind == "malformed":
            payload = payload[: max(1, len(payload) // 3)] + b"\x00<html>502</html>"
        self.send(status, payload, ctype, headers)

    def _fault(self, emu, kind: str, fault, body: bytes) -> None:
        if kind in ("429", "throttle"):
            try:
                sent = json.loads(body)
                cost = emu.requested_cost(sent.get("query"), sent.get("variables"))
            except (ValueError, AttributeError):
                cost = 50
            retry = {"Retry-After": f"{fault.retry_after if fault.retry_after is not None else 1.0:g}"} if kind == "429" else None
            status, payload, ctype, headers = self._json(429 if kind == "429" else 200, emu.throttled(cost), retry)
            return self.send(status, payload, ctype, headers)
        if kind == "500":
            return self.send(*self._json(500, {"errors": "Internal Server Error"})[:3])
        headers = {"Retry-After": f"{fault.retry_after:g}"} if fault.retry_after is not None else None
        page = f"<html><body><h1>{kind} {'Bad Gateway' if kind == '502' else 'Service Unavailable'}</h1></body></html>"
        self.send(int(kind), page.encode(), "text/html; charset=utf-8", headers)

    def _route(self, emu, method: str, parts, body: bytes) -> tuple:
        m = GRAPHQL_PATH.match(parts.path)
        if m:
            if method != "POST":
                return self._json(405, {"errors": "Method Not Allowed"})
            if m["version"] != VERSION:
                return self._json(404, {"errors": "Not Found"})
            if not emu.token_ok(self.headers.get("X-Shopify-Access-Token")):
                return self._json(401, UNAUTHORIZED)
            try:
                sent = json.loads(body)
                if not isinstance(sent, dict):
                    raise ValueError
            except ValueError:
                return self._json(400, {"errors": {"query": "Required parameter missing or invalid"}})
            return self._json(200, emu.graphql(sent.get("query"), sent.get("variables"), sent.get("operationName")))
        if parts.path == TOKEN_PATH and method == "POST":
            form = {k: v[0] for k, v in parse_qs(body.decode("utf-8", "replace")).items()}
            return self._json(*emu.grant(form))
        m = BULK_PATH.match(parts.path)
        if m and method == "GET":
            if self.headers.get("X-Shopify-Access-Token"):
                emu.tokens_sent_to_storage += 1
            sig = parse_qs(parts.query).get("X-Goog-Signature", [None])[0]
            content = emu.bulk_file(int(m["n"]), sig)
            if content is None:
                xml = (b"<?xml version='1.0' encoding='UTF-8'?><Error><Code>SignatureDoesNotMatch</Code><Message>"
                       b"Access denied.</Message></Error>")
                return 403, xml, "application/xml; charset=UTF-8", None
            return 200, content, "application/jsonl", None
        return self._json(404, {"errors": "Not Found"})

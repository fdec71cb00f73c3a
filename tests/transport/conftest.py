"""A scriptable loopback server for the transport's tests: real sockets, answers queued per test."""

from __future__ import annotations

import json
import threading
from collections import deque

import pytest

from tests.emulators.base import LoopbackServer, QuietHandler


class Scripted(QuietHandler):
    """Answers each request with the next queued (status, body, headers); 200 {} when the queue is empty."""

    def _answer(self) -> None:
        server: ScriptServer = self.server  # type: ignore[assignment]
        body = self.body()
        with server.lock:
            server.seen.append({"method": self.command, "path": self.path, "headers": dict(self.headers),
                                "body": body.decode("utf-8", "replace")})
            item = server.script.popleft() if server.script else (200, {}, {})
        status, payload, headers = item
        if status == "stall":
            self.stall(payload)
            return
        if status == "cut":
            self.send_cut(200, json.dumps(payload).encode())
            return
        raw = payload if isinstance(payload, bytes) else json.dumps(payload).encode()
        self.send(status, raw, headers=headers)

    do_GET = do_POST = do_PUT = do_DELETE = do_PATCH = do_HEAD = _answer


class ScriptServer(LoopbackServer):
    def __init__(self):
        super().__init__(Scripted)
        self.script: deque = deque()
        self.seen: list[dict] = []
        self.lock = threading.Lock()

    def queue(self, *items) -> None:
        for item in items:
            status, payload, *rest = item
            self.script.append((status, payload, rest[0] if rest else {}))


@pytest.fixture
def server():
    with ScriptServer() as s:
        yield s

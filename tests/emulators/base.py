"""What every loopback emulator shares: a real HTTP server on 127.0.0.1 and a fault plan.

An emulator is a ``LoopbackServer`` (a threading ``http.server`` on a free port, real sockets,
so the transport's timeouts, retries and connection pooling are exercised for real) whose
handler speaks one platform's wire format. Tests steer faults through ``Faults``: "the next 3
requests to this path answer 429", "cut the next body in half", "revoke the token after 5
requests". Each platform's handler asks ``faults.take(path)`` before answering and applies what
it gets in its own wire format (Shopify's THROTTLED body, Square's RATE_LIMITED error).
"""

from __future__ import annotations

import socket
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

FAULT_KINDS = ("429", "500", "502", "503", "timeout", "truncate", "malformed", "revoke", "throttle", "reset")


@dataclass
class Fault:
    kind: str  # one of FAULT_KINDS
    count: int = 1  # how many requests it hits (-1: all)
    path: str = ""  # only requests whose path contains this ("" for any)
    after: int = 0  # let this many matching requests through first
    retry_after: float | None = None  # for 429/503: the Retry-After header to send


@dataclass
class Faults:
    """A thread-safe plan of faults to inject, consumed request by request."""

    plan: list[Fault] = field(default_factory=list)
    hits: dict[str, int] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self._lock = threading.Lock()

    def add(self, kind: str, count: int = 1, path: str = "", after: int = 0, retry_after: float | None = None) -> None:
        if kind not in FAULT_KINDS:
            raise ValueError(f"unknown fault {kind!r}: one of {FAULT_KINDS}")
        with self._lock:
            self.plan.append(Fault(kind, count, path, after, retry_after))

    def clear(self) -> None:
        with self._lock:
            self.plan.clear()
            self.hits.clear()

    def take(self, path: str) -> Fault | None:
        """The fault this request must suffer, if any (consuming one use of it)."""
        with self._lock:
            for fault in self.plan:
                if fault.path and fault.path not in path:
                    continue
                if fault.after > 0:
                    fault.after -= 1
                    continue
                if fault.count == 0:
                    continue
                if fault.count > 0:
                    fault.count -= 1
                self.hits[fault.kind] = self.hits.get(fault.kind, 0) + 1
                return fault
            return None


class LoopbackServer(ThreadingHTTPServer):
    """A threading HTTP server on 127.0.0.1, on a free port unless one is given."""

    daemon_threads = True
    allow_reuse_address = True
    request_queue_size = 128

    def __init__(self, handler: type[BaseHTTPRequestHandler], port: int = 0):
        super().__init__(("127.0.0.1", port), handler)
        self.faults = Faults()
        self.requests_served = 0
        self._thread: threading.Thread | None = None
        self._count_lock = threading.Lock()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}"

    def count(self) -> int:
        with self._count_lock:
            self.requests_served += 1
            return self.requests_served

    def start(self) -> "LoopbackServer":
        self._thread = threading.Thread(target=self.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        self.shutdown()
        self.server_close()

    def __enter__(self) -> "LoopbackServer":
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()


class QuietHandler(BaseHTTPRequestHandler):
    """A handler that logs nothing (tests read their own output) and speaks HTTP/1.1 keep-alive."""

    protocol_version = "HTTP/1.1"
    disable_nagle_algorithm = True  # headers and body go out as separate writes: no 40 ms delayed-ACK stall
    server: LoopbackServer

    def log_message(self, format: str, *args) -> None:  # noqa: A002 - the stdlib's name
        return

    def body(self) -> bytes:
        length = int(self.headers.get("Content-Length") or 0)
        return self.rfile.read(length) if length else b""

    def send(self, status: int, payload: bytes, content_type: str = "application/json",
             headers: dict[str, str] | None = None) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(payload)))
        for k, v in (headers or {}).items():
            self.send_header(k, v)
        self.end_headers()
        self.wfile.write(payload)

    def send_cut(self, status: int, payload: bytes, content_type: str = "application/json") -> None:
        """Promise the whole body, send half, and close: a truncated answer as the network makes one."""
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        self.wfile.write(payload[: len(payload) // 2])
        self.wfile.flush()
        self.close_connection = True
        try:
            self.connection.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass

    def stall(self, seconds: float) -> None:
        """Answer nothing for ``seconds`` (longer than the client's read timeout), then close."""
        time.sleep(seconds)
        self.close_connection = True


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]

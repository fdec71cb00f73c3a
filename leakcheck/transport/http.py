"""The one read-only HTTP transport: the only code in leakcheck that touches ``requests``.

Every live source reads through a Transport, one per channel. A request goes through, in order:
the read-only rule (guard.py, before anything is sent), replay (answer from a snapshot, no
network), the rate-limit pace (limits.py), the send with a connect and read timeout, the trace
line, the platform's throttle signal, the retry policy (retry.py) with backoff that never sleeps
past the scan's budget (budget.py), and finally either a Response or one TransportError whose
text names the channel, what was not read and why, with every secret redacted (redact.py).

Redirects are followed by hand, GET only, and credentials are dropped when a redirect leaves
the original host (``requests`` keeps custom headers such as X-Shopify-Access-Token across hosts).
"""

from __future__ import annotations

import json as jsonlib
import random
import threading
import time
from dataclasses import dataclass, field
from typing import Any, Callable, Protocol
from urllib.parse import urljoin, urlsplit

import requests

from .budget import Budget
from .errors import (
    AuthFailed, BadResponse, BudgetExhausted, NotFound, ServerFault, TransportError, Unreachable,
)
from .guard import ReadOnlyPolicy
from .limits import RateLimit
from .recording import Recorder, ReplayMiss, ReplayStore, request_key
from .redact import Redactor
from .retry import backoff_seconds, retry_after_seconds, should_retry
from .trace import TraceWriter

USER_AGENT = "leakcheck (read-only stock diagnostic)"
_UNPARSED = object()  # a 2xx body nobody needed parsed yet: Response.json() parses it once, on demand
MAX_THROTTLE_WAITS = 100
MAX_REDIRECTS = 5


class Auth(Protocol):
    """How a channel proves who it is. ``refresh`` gets a new credential after a 401 (True: try again)."""

    def headers(self, transport: "Transport") -> dict[str, str]: ...

    def refresh(self, transport: "Transport") -> bool: ...


class NoAuth:
    def headers(self, transport: "Transport") -> dict[str, str]:
        return {}

    def refresh(self, transport: "Transport") -> bool:
        return False


@dataclass
class Response:
    """A 2xx answer. ``json()`` turns a malformed body into BadResponse naming what was being read."""

    status: int
    headers: dict[str, str]
    content: bytes
    url: str
    channel: str
    what: str
    replayed: bool = False
    _parsed: Any = field(default=None, repr=False)

    @property
    def text(self) -> str:
        return self.content.decode("utf-8", errors="replace")

    def json(self) -> Any:
        if self._parsed is not None:
            return self._parsed
        try:
            self._parsed = jsonlib.loads(self.content)
            return self._parsed
        except ValueError:
            raise BadResponse(self.channel, self.what, "the answer was not valid JSON (cut off or malformed)",
                              self.status) from None


@dataclass
class Stats:
    requests: int = 0
    retries: int = 0
    throttle_waits: int = 0
    waited_seconds: float = 0.0
    bytes_in: int = 0


@dataclass
class Transport:
    channel: str
    base_url: str
    policy: ReadOnlyPolicy
    auth: Auth = field(default_factory=NoAuth)
    limit: RateLimit = field(default_factory=RateLimit)
    redactor: Redactor = field(default_factory=Redactor)
    budget: Budget = field(default_factory=lambda: Budget(None))
    timeout: tuple[float, float] = (10.0, 60.0)  # connect, read
    max_attempts: int = 5
    backoff_base: float = 0.5
    backoff_cap: float = 20.0
    headers: dict[str, str] = field(default_factory=dict)
    trace: TraceWriter | None = None
    recorder: Recorder | None = None
    replay: ReplayStore | None = None
    rng: random.Random = field(default_factory=random.Random)
    sleep: Callable[[float], None] = time.sleep
    stats: Stats = field(default_factory=Stats)

    def __post_init__(self) -> None:
        self._session = requests.Session()
        self._session.trust_env = False  # no proxy or .netrc credentials from the environment
        adapter = requests.adapters.HTTPAdapter(pool_connections=4, pool_maxsize=16, max_retries=0)
        self._session.mount("http://", adapter)
        self._session.mount("https://", adapter)
        self._lock = threading.Lock()

    # --- public -------------------------------------------------------------------------------
    def get(self, url: str, *, what: str, params: dict | None = None, authenticated: bool = True,
            headers: dict | None = None) -> Response:
        return self.request("GET", url, what=what, params=params, authenticated=authenticated, headers=headers)

    def post(self, url: str, *, what: str, json: Any = None, data: dict | None = None, headers: dict | None = None,
             authenticated: bool = True, record: bool = True, retry: bool = True) -> Response:
        return self.request("POST", url, what=what, json=json, data=data, headers=headers,
                            authenticated=authenticated, record=record, retry=retry)

    def url(self, path: str) -> str:
        return path if "://" in path else urljoin(self.base_url.rstrip("/") + "/", path.lstrip("/"))

    def close(self) -> None:
        self._session.close()

    # --- the request --------------------------------------------------------------------------
    def request(self, method: str, url: str, *, what: str, params: dict | None = None, json: Any = None,
                data: dict | None = None, headers: dict | None = None, authenticated: bool = True,
                record: bool = True, retry: bool = True) -> Response:
        """Send one request under the read-only rule, the rate limit, the budget and the retry policy.

        ``retry=False`` is for a request that may have done its work even when its answer was lost
        (starting a bulk operation): a failure is raised at once, so the caller can look before
        asking again. A throttle is still waited out: a throttled request was never run."""
        method = method.upper()
        full = self.url(url)
        if params:
            full = requests.Request(method, full, params=params).prepare().url
        self.policy.check(self.channel, method, full, json)
        shown_url = self.redactor.url(full)
        key = request_key(method, shown_url, json if json is not None else data and sorted(data))
        if self.replay is not None:
            return self._replayed(method, full, shown_url, key, what, json)
        refreshed = False
        throttle_waits = 0
        attempt = 0  # failures count towards max_attempts; a throttle does not
        sends = 0  # every send, for the trace's `attempt`
        while True:
            attempt += 1
            sends += 1
            try:
                self._wait(self.limit.before(json), what, "the platform's rate limit")
            except BudgetExhausted:
                self.limit.lost(json)  # never sent: its points go back for the other threads
                raise
            status, resp, fault, ms = self._send(method, full, json, data, headers, authenticated)
            body = _json_or_none(resp) if resp is not None and (self.limit.reads_body or not 200 <= resp.status_code < 300) else _UNPARSED
            self._trace(method, shown_url, status, sends, json, data, resp, ms, fault)
            if status == 401 and authenticated and not refreshed and self.auth.refresh(self):
                refreshed = True
                continue
            if status is None:
                self.limit.lost(json)
            else:
                wait = self.limit.after(status, None if body is _UNPARSED else body, json)
                if wait is not None:
                    throttle_waits += 1
                    self.stats.throttle_waits += 1
                    if throttle_waits > MAX_THROTTLE_WAITS:
                        raise ServerFault(self.channel, what, f"still throttled after {MAX_THROTTLE_WAITS} waits", status)
                    self._wait(wait, what, "the platform's rate limit")
                    attempt -= 1  # a throttle is the platform pacing us, not a failure
                    continue
            if should_retry(status, attempt, self.max_attempts if retry else 1):
                retry_after = retry_after_seconds(resp.headers.get("Retry-After")) if resp is not None else None
                self.stats.retries += 1
                self._wait(backoff_seconds(attempt, self.rng, self.backoff_base, self.backoff_cap, retry_after),
                           what, f"retrying after {_describe(status, fault)}")
                continue
            return self._answer(method, full, shown_url, key, what, status, resp, fault, body, attempt, record)

    def back_off(self, attempt: int, what: str, why: str) -> None:
        """Wait as a retry would before trying again (for callers that retry by hand); never past the budget."""
        if self.replay is None:
            self._wait(backoff_seconds(attempt, self.rng, self.backoff_base, self.backoff_cap, None), what, why)

    # --- steps --------------------------------------------------------------------------------
    def _wait(self, seconds: float, what: str, why: str) -> None:
        if seconds <= 0:
            return
        if not self.budget.allows(seconds):
            raise BudgetExhausted(self.channel, what, f"the scan's time budget ran out ({why} asked for "
                                  f"{seconds:.1f} s more; raise --budget to read it)")
        self.stats.waited_seconds += seconds
        self.sleep(seconds)

    def _send(self, method, url, json, data, headers, authenticated):
        hdrs = {"User-Agent": USER_AGENT, "Accept": "application/json", **self.headers, **(headers or {})}
        if authenticated:
            hdrs.update(self.auth.headers(self))
        started = time.perf_counter()
        self.stats.requests += 1
        try:
            resp = self._session.request(method, url, json=json, data=data, headers=hdrs, timeout=self.timeout,
                                         allow_redirects=False)
            resp = self._follow(resp, hdrs, authenticated)
            _ = resp.content  # read the whole body inside the timing
            return resp.status_code, resp, None, (time.perf_counter() - started) * 1000
        except requests.exceptions.Timeout:
            return None, None, "timeout", (time.perf_counter() - started) * 1000
        except requests.exceptions.SSLError:
            return None, None, "tls", (time.perf_counter() - started) * 1000
        except requests.exceptions.ConnectionError as exc:
            fault = "refused" if "refused" in str(exc).lower() else (
                "dns" if "resolve" in str(exc).lower() or "name or service" in str(exc).lower() else "connection")
            return None, None, fault, (time.perf_counter() - started) * 1000
        except requests.exceptions.ChunkedEncodingError:
            return None, None, "cut", (time.perf_counter() - started) * 1000
        except requests.exceptions.RequestException as exc:  # invalid URL and the like
            return None, None, f"request:{type(exc).__name__}", (time.perf_counter() - started) * 1000

    def _follow(self, resp, hdrs, authenticated):
        host = urlsplit(resp.url).netloc
        for _ in range(MAX_REDIRECTS):
            if resp.status_code not in (301, 302, 303, 307, 308) or resp.request.method != "GET":
                return resp
            target = urljoin(resp.url, resp.headers.get("Location", ""))
            self.policy.check(self.channel, "GET", target)
            h = dict(hdrs)
            if urlsplit(target).netloc != host:
                for name in list(h):
                    if name.lower() not in ("user-agent", "accept"):
                        h.pop(name)
            resp = self._session.get(target, headers=h, timeout=self.timeout, allow_redirects=False)
        return resp

    def _trace(self, method, url, status, attempt, json, data, resp, ms, fault, replay=False) -> None:
        if self.trace is None:
            return
        record: dict[str, Any] = {"channel": self.channel, "method": method, "url": url, "status": status,
                                  "attempt": attempt,
                                  "request_bytes": len(jsonlib.dumps(json)) if json is not None else (
                                      len(jsonlib.dumps(data)) if data else 0),
                                  "response_bytes": len(resp.content) if resp is not None else 0, "ms": round(ms, 1)}
        if fault:
            record["fault"] = fault
        if isinstance(json, dict) and isinstance(json.get("query"), str):
            record["query"] = self.redactor.text(json["query"])
            variables = json.get("variables")
            if variables:
                text = jsonlib.dumps(variables)
                if self.redactor.text(text) == text:
                    record["variables"] = variables
        if replay:
            record["replay"] = True
        self.trace.write(record)

    def _answer(self, method, full, shown_url, key, what, status, resp, fault, body, attempt, record) -> Response:
        if status is not None and 200 <= status < 300:
            self.stats.bytes_in += len(resp.content)
            if self.recorder is not None and record:
                self.recorder.record(key, status, resp.headers.get("Content-Type", ""),
                                     self.redactor.text(resp.text), self.redactor)
            answer = Response(status, dict(resp.headers), resp.content, shown_url, self.channel, what)
            if body is not _UNPARSED and body is not None:
                answer._parsed = body  # parsed once already, for the rate limit
            return answer
        detail = self.redactor.text(_error_detail(None if body is _UNPARSED else body, resp)) if resp is not None else ""
        host = urlsplit(full).netloc
        if status is None:
            raise Unreachable(self.channel, what, _fault_words(fault, host, attempt))
        if status in (401, 403):
            raise AuthFailed(self.channel, what, f"HTTP {status} from {host}" + (f": {detail}" if detail else ""), status)
        if status == 404:
            raise NotFound(self.channel, what, f"HTTP 404 from {host} (is the shop domain or base_url right?)"
                           + (f": {detail}" if detail else ""), status)
        if status == 429 or status >= 500:
            raise ServerFault(self.channel, what, f"HTTP {status} from {host} on all {attempt} attempts"
                              + (f": {detail}" if detail else ""), status)
        raise TransportError(self.channel, what, f"HTTP {status} from {host}" + (f": {detail}" if detail else ""), status)

    def _replayed(self, method, full, shown_url, key, what, json) -> Response:
        try:
            status, content_type, text = self.replay.answer(key)
        except ReplayMiss:
            raise TransportError(self.channel, what, "the snapshot holds no answer to this request "
                                 "(it was taken with another leakcheck version or settings)") from None
        content = text.encode("utf-8")
        if self.trace is not None:
            self.trace.write({"channel": self.channel, "method": method, "url": shown_url, "status": status,
                              "attempt": 1, "request_bytes": len(jsonlib.dumps(json)) if json is not None else 0,
                              "response_bytes": len(content), "ms": 0.0, "replay": True,
                              **({"query": json["query"]} if isinstance(json, dict) and "query" in json else {})})
        return Response(status, {"Content-Type": content_type}, content, shown_url, self.channel, what, replayed=True)


def _json_or_none(resp) -> Any:
    if "json" not in resp.headers.get("Content-Type", "") and not resp.content[:1] in (b"{", b"["):
        return None
    try:
        return resp.json()
    except ValueError:
        return None


def _error_detail(body: Any, resp) -> str:
    """The platform's own error words, whatever its shape (Shopify, Square, OAuth, plain text)."""
    if isinstance(body, dict):
        errors = body.get("errors") or body.get("error_description") or body.get("error") or body.get("message")
        if isinstance(errors, list):
            parts = []
            for e in errors[:3]:
                if isinstance(e, dict):
                    parts.append(" ".join(str(e[k]) for k in ("code", "detail", "message") if e.get(k)))
                else:
                    parts.append(str(e))
            return "; ".join(p for p in parts if p)[:300]
        if errors:
            return str(errors)[:300]
        return ""
    text = resp.text.strip() if resp is not None else ""
    return text[:200] if text and "<" not in text[:1] else ""


def _describe(status: int | None, fault: str | None) -> str:
    return f"HTTP {status}" if status is not None else (fault or "a connection fault")


def _fault_words(fault: str | None, host: str, attempts: int) -> str:
    words = {
        "timeout": f"{host} did not answer in time ({attempts} attempts)",
        "refused": f"nothing is listening at {host} (connection refused; is the address right?)",
        "dns": f"the host {host.split(':')[0]} does not exist (check the shop domain)",
        "tls": f"the secure connection to {host} failed (TLS)",
        "cut": f"{host} cut the answer off mid-way ({attempts} attempts)",
    }
    return words.get(fault or "", f"could not reach {host} ({fault}, {attempts} attempts)")

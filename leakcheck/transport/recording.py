"""Snapshots: raw API answers saved by ``leakcheck snapshot`` and replayed by ``scan --from``.

A snapshot folder holds ``manifest.json`` (what was read, when, with which leakcheck, and each
channel's non-secret settings) and one ``<channel>/responses.jsonl`` per live channel: one line
per answered request, in the order they were made. Replay hands the same answers to the same
parsing code as live, so a consultant can scan later offline and the demo exercises the real
parsers with no network.

A request is known by its method, its redacted path and query, and a digest of its body. Repeated identical
requests (polling a bulk operation) are answered in their recorded order, the last answer
repeating. What is written passes two filters: the Redactor (no token, no signature) and
``scrub_personal`` (no customer's name, email, phone or address, whatever the platform sent).
Token-endpoint answers are never written: replay needs no credentials.
"""

from __future__ import annotations

import hashlib
import re
import json
import threading
from collections import defaultdict, deque
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from .redact import Redactor

_URL = re.compile(r"https?://[^\s\"'<>]+\?[^\s\"'<>]+")
RESPONSES = "responses.jsonl"
MANIFEST = "manifest.json"
RECORDED = "recorded.json"  # {"now": epoch seconds}: the moment the source's requests were computed from
PERSONAL_KEYS = frozenset({
    "customer", "customer_id", "customerId", "email", "email_address", "emailAddress", "phone", "phone_number",
    "phoneNumber", "first_name", "last_name", "firstName", "lastName", "billing_address", "shipping_address",
    "billingAddress", "shippingAddress", "recipient", "buyer_email_address", "buyer", "tenders", "note",
    "address", "addresses", "contactEmail",
})


def scrub_personal(value: Any) -> Any:
    """The same JSON with every key that can hold a person's details removed, at any depth."""
    if isinstance(value, dict):
        return {k: scrub_personal(v) for k, v in value.items() if k not in PERSONAL_KEYS}
    if isinstance(value, list):
        return [scrub_personal(v) for v in value]
    return value


def request_key(method: str, url: str, body: Any) -> str:
    """Method, path and query (not the host: a snapshot replays whatever address it was taken from), body digest."""
    parts = urlsplit(url)
    url = parts.path + (f"?{parts.query}" if parts.query else "")
    digest = ""
    if body is not None:
        canon = json.dumps(body, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
        digest = hashlib.sha256(canon.encode()).hexdigest()[:16]
    return f"{method.upper()} {url} {digest}".rstrip()


def recorded_now(folder: Path) -> float | None:
    """The moment a recording's requests were computed from, or None when it has no time stamp."""
    meta = Path(folder) / RECORDED
    if not meta.exists():
        return None
    try:
        return float(json.loads(meta.read_text(encoding="utf-8"))["now"])
    except (ValueError, KeyError, TypeError):
        raise ValueError(f"{meta}: not a recording's time stamp") from None


class Recorder:
    """Appends each answered request of one channel to ``DIR/<channel>/responses.jsonl``."""

    def __init__(self, folder: Path, channel: str, now: float | None = None):
        self.folder = Path(folder) / channel
        self.folder.mkdir(parents=True, exist_ok=True)
        self._file = (self.folder / RESPONSES).open("w", encoding="utf-8")
        self._lock = threading.Lock()
        if now is not None:
            (self.folder / RECORDED).write_text(json.dumps({"now": now}) + "\n", encoding="utf-8")

    def record(self, key: str, status: int, content_type: str, text: str, redactor: "Redactor | None" = None) -> None:
        if redactor is not None:  # signed URLs inside answers (a bulk file's address) lose their signature
            text = _URL.sub(lambda m: redactor.url(m.group(0)), text)
        if "json" in content_type and text.strip().startswith(("{", "[")):
            try:
                text = json.dumps(scrub_personal(json.loads(text)), ensure_ascii=False, separators=(",", ":"))
            except ValueError:
                pass
        line = json.dumps({"key": key, "status": status, "content_type": content_type, "body": text},
                          ensure_ascii=False, separators=(",", ":"))
        with self._lock:
            self._file.write(line + "\n")

    def close(self) -> None:
        with self._lock:
            self._file.close()


class ReplayMiss(LookupError):
    """The snapshot holds no answer to this request (the source asks something it did not ask then)."""


class ReplayStore:
    """Answers requests from a channel's recorded responses."""

    def __init__(self, folder: Path):
        self.folder = Path(folder)
        self.now = recorded_now(self.folder)  # when the recording was made (its requests' "now")
        path = self.folder / RESPONSES
        self._answers: dict[str, deque] = defaultdict(deque)
        self._lock = threading.Lock()
        with path.open(encoding="utf-8") as f:
            for number, line in enumerate(f, 1):
                if not line.strip():
                    continue
                try:
                    item = json.loads(line)
                    self._answers[item["key"]].append((int(item["status"]), item.get("content_type", ""), item["body"]))
                except (ValueError, KeyError, TypeError) as exc:
                    raise ValueError(f"{path}, line {number}: not a recorded response ({exc})") from None

    def answer(self, key: str) -> tuple[int, str, str]:
        with self._lock:
            queue = self._answers.get(key)
            if not queue:
                raise ReplayMiss(key)
            return queue.popleft() if len(queue) > 1 else queue[0]

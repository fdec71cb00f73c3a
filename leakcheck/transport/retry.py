"""When to try a request again, and how long to wait first: small pure functions.

Kept apart from the HTTP code so the decision can be tested with fixed randomness and no server.
The policy: 429 and 5xx (but not 501, which will never work) and connection-level faults are
retried; everything else is an answer. Waits grow exponentially with "full jitter" (a uniform
draw between zero and the exponential ceiling, the variant that spreads a herd of clients best),
capped, and a ``Retry-After`` from the server wins when it asks for longer. Parsing
``Retry-After`` (seconds or an HTTP date) is urllib3's, which already handles both forms.
"""

from __future__ import annotations

import random

from urllib3.util.retry import Retry

RETRY_STATUSES = frozenset({408, 429, 500, 502, 503, 504, 520, 522, 524})
_PARSER = Retry(total=0)


def should_retry(status: int | None, attempt: int, max_attempts: int) -> bool:
    """``status`` None means no HTTP answer (connection fault or timeout). ``attempt`` counts from 1."""
    if attempt >= max_attempts:
        return False
    return status is None or status in RETRY_STATUSES


def retry_after_seconds(value: str | None) -> float | None:
    """The wait a ``Retry-After`` header asks for, or None when it is absent or unreadable."""
    if not value:
        return None
    try:
        return max(0.0, float(_PARSER.parse_retry_after(value)))
    except Exception:
        return None


def backoff_seconds(attempt: int, rng: random.Random, base: float = 0.5, cap: float = 20.0,
                    retry_after: float | None = None) -> float:
    """Seconds to wait before attempt ``attempt + 1``: full jitter over base * 2^(attempt-1), capped.

    A server's ``Retry-After`` is a floor: we never come back sooner than asked.
    """
    ceiling = min(cap, base * (2 ** max(0, attempt - 1)))
    wait = rng.uniform(0, ceiling)
    if retry_after is not None:
        wait = max(wait, retry_after)
    return wait

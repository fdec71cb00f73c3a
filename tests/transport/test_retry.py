"""The retry decision and the backoff, as pure functions with fixed randomness."""

import random
from email.utils import format_datetime
from datetime import datetime, timedelta, timezone

from leakcheck.transport.retry import backoff_seconds, retry_after_seconds, should_retry


def test_what_is_retried():
    assert should_retry(429, 1, 5) and should_retry(503, 1, 5) and should_retry(None, 1, 5)
    assert not should_retry(400, 1, 5) and not should_retry(401, 1, 5) and not should_retry(404, 1, 5)
    assert not should_retry(501, 1, 5)  # never going to work
    assert not should_retry(503, 5, 5)  # out of attempts


def test_backoff_is_full_jitter_under_an_exponential_ceiling():
    rng = random.Random(7)
    waits = [backoff_seconds(a, rng, base=0.5, cap=20) for a in range(1, 9)]
    for attempt, wait in enumerate(waits, 1):
        assert 0 <= wait <= min(20, 0.5 * 2 ** (attempt - 1))
    again = random.Random(7)
    assert [backoff_seconds(a, again, 0.5, 20) for a in range(1, 9)] == waits


def test_retry_after_is_a_floor():
    assert backoff_seconds(1, random.Random(1), base=0.5, retry_after=3.0) == 3.0
    assert backoff_seconds(8, random.Random(1), base=10, cap=20, retry_after=0.1) >= 0.1


def test_retry_after_in_seconds_or_http_date():
    assert retry_after_seconds("2") == 2.0
    assert retry_after_seconds(None) is None and retry_after_seconds("soon") is None
    later = datetime.now(timezone.utc) + timedelta(seconds=30)
    assert 25 <= retry_after_seconds(format_datetime(later, usegmt=True)) <= 31

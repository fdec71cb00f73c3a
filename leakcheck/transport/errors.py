"""What can go wrong when reading a platform over HTTP, as exceptions a source turns into coverage.

Every error carries the channel, *what* was being read and *why* it failed, in words a merchant
can act on, so the engine can write "shop: inventory levels not read: the token lacks
read_inventory" without a traceback. Messages are built from redacted text only: no exception
raised here ever holds a secret (redact.py is applied before the message is formed).
"""

from __future__ import annotations


class TransportError(Exception):
    """A request that did not give a usable answer. ``what``: what was not read; ``why``: the reason."""

    lost_stock = True  # the engine's default; sources decide whether a failed read was stock or history

    def __init__(self, channel: str, what: str, why: str, status: int | None = None):
        super().__init__(f"{channel}: {what} not read: {why}")
        self.channel, self.what, self.why, self.status = channel, what, why, status


class WriteRefused(TransportError):
    """The request could change the merchant's data; it was refused before anything was sent."""


class AuthFailed(TransportError):
    """401 or 403: the credential is wrong, expired, revoked or lacks a scope."""


class NotFound(TransportError):
    """404: usually a wrong shop domain or base URL."""


class Unreachable(TransportError):
    """No connection: DNS, refused connection, TLS, or timeouts on every attempt."""


class ServerFault(TransportError):
    """5xx or 429 on every attempt: the platform is not answering now."""


class BadResponse(TransportError):
    """The answer could not be understood: truncated or malformed body, unexpected shape."""


class BudgetExhausted(TransportError):
    """Waiting for the platform's rate limit (or retrying) would run past the scan's --budget."""

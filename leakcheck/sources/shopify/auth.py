"""How a Shopify channel proves who it is: a static ``shpat_`` token, or the client-credentials grant.

Since 2026-01-01 merchants can no longer create admin custom apps, so new read-only access comes
from a Dev Dashboard app of their own organisation: ``client_id`` + ``client_secret`` exchanged at
``POST {shop}/admin/oauth/access_token`` (form body, ``grant_type=client_credentials``) for a
token that lasts 24 hours (NOTES 1.2). The token is fetched on first use, refreshed a few minutes
before it expires and once more after a 401 (the transport calls ``refresh``), and handed to the
channel's Redactor the moment it arrives, so it can never reach a trace, snapshot or message.
"""

from __future__ import annotations

import threading
import time
from typing import Callable

from ...transport import AuthFailed, Transport, TransportError

HEADER = "X-Shopify-Access-Token"
REFRESH_MARGIN = 300.0  # seconds before expiry a client-credentials token is replaced
DEFAULT_LIFETIME = 86400.0  # what Shopify grants when the answer has no expires_in


class StaticToken:
    """An admin custom app's token: nothing to refresh, a 401 is final."""

    def __init__(self, token: str):
        self._token = token

    def headers(self, transport: Transport) -> dict[str, str]:
        return {HEADER: self._token}

    def refresh(self, transport: Transport) -> bool:
        return False

    describe = "the access token (token:)"


class ClientCredentials:
    """A Dev Dashboard app's client id and secret, exchanged for a 24-hour token when needed."""

    describe = "the access token obtained with client_id/client_secret"

    def __init__(self, token_url: str, client_id: str, client_secret: str,
                 clock: Callable[[], float] = time.monotonic):
        self.token_url, self.client_id, self._secret = token_url, client_id, client_secret
        self.clock = clock
        self._token: str | None = None
        self._expires = 0.0
        self.scope: list[str] = []  # what the grant said the token holds
        self._lock = threading.Lock()

    def headers(self, transport: Transport) -> dict[str, str]:
        with self._lock:
            if self._token is None or self.clock() >= self._expires - REFRESH_MARGIN:
                self._grant(transport)
            return {HEADER: self._token or ""}

    def refresh(self, transport: Transport) -> bool:
        with self._lock:
            self._grant(transport)
            return True

    def _grant(self, transport: Transport) -> None:
        try:
            resp = transport.post(self.token_url, what="access token (client-credentials grant)",
                                  data={"grant_type": "client_credentials", "client_id": self.client_id,
                                        "client_secret": self._secret},
                                  authenticated=False, record=False)
            body = resp.json()
        except TransportError as exc:
            if exc.status in (400, 401, 403):
                raise AuthFailed(exc.channel, "access token", "the app's client credentials (client_id/client_secret) "
                                 f"were refused ({exc.why}); check them in the Dev Dashboard and that the app is "
                                 "installed on this shop", exc.status) from None
            raise
        token = body.get("access_token") if isinstance(body, dict) else None
        if not isinstance(token, str) or not token:
            raise AuthFailed(transport.channel, "access token", "the client-credentials grant gave no access_token")
        transport.redactor.add(token)
        self._token = token
        try:
            lifetime = float(body.get("expires_in") or DEFAULT_LIFETIME)
        except (TypeError, ValueError):
            lifetime = DEFAULT_LIFETIME
        self._expires = self.clock() + lifetime
        scope = body.get("scope")
        self.scope = sorted(s.strip() for s in scope.split(",") if s.strip()) if isinstance(scope, str) else []

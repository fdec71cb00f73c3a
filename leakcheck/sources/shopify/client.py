"""One GraphQL call to the Admin API, and what Shopify's answer means when it is not data.

The transport already retries 429/5xx, waits out THROTTLED with the cost bucket and turns HTTP
faults into errors; this layer reads the GraphQL envelope (``errors`` beside ``data``, HTTP 200)
and words each fault for the merchant with the channel's context: which credential was refused,
which scope a read needs, which shop and API version were asked. MAX_COST_EXCEEDED is its own
exception so a paginator can halve its page and go on. A 200 whose body is not JSON (a proxy's
page, a garbled answer) is asked for once more: every request here only reads.
"""

from __future__ import annotations

import re
from typing import Any, Callable, Iterator

from ...transport import AuthFailed, BadResponse, NotFound, ServerFault, Transport, TransportError, Unreachable

DOCS = "https://shopify.dev/docs/api/usage/access-scopes"
READ_AGAIN = 1  # times a garbled (not JSON) answer is asked for again
_SCOPE = re.compile(r"`?((?:read|write)_[a-z_]+)`?")


class QueryTooCostly(BadResponse):
    """MAX_COST_EXCEEDED: the page asked for more than one query may cost."""


def missing_scope_words(scope: str, what: str) -> str:
    return (f"the token lacks the {scope} scope, which leakcheck needs to read {what}; add {scope} to the app's "
            "Admin API access scopes (read scopes only) and reinstall or re-authorise the app")


class ShopifyAPI:
    """The GraphQL endpoint of one shop, through the channel's read-only transport."""

    def __init__(self, transport: Transport, url: str, shop: str, version: str, credential: str):
        self.transport, self.url, self.shop, self.version = transport, url, shop, version
        self.credential = credential  # "the access token (token:)": which setting a 401 is about

    @property
    def channel(self) -> str:
        return self.transport.channel

    def query(self, text: str, what: str, variables: dict | None = None, scope: str = "", once: bool = False) -> dict:
        """The ``data`` of one query; raises a TransportError worded for the merchant.

        ``once``: send it one time only, whatever happens to the answer (a request that may have
        done its work though its answer was lost, like starting a bulk operation)."""
        body: dict[str, Any] = {"query": text}
        if variables:
            body["variables"] = variables
        for attempt in range(1, (1 if once else READ_AGAIN + 1) + 1):
            try:
                resp = self.transport.post(self.url, what=what, json=body, retry=not once)
            except TransportError as exc:
                raise self._reworded(exc, what, scope) from None
            try:
                answer = resp.json()
                break
            except BadResponse:  # a garbled 200: a read can safely be asked again
                if once or attempt > READ_AGAIN:
                    raise
        if not isinstance(answer, dict):
            raise BadResponse(self.channel, what, "the answer was not a GraphQL response", resp.status)
        raw = answer.get("errors")
        if isinstance(raw, list):
            errors = [e if isinstance(e, dict) else {"message": str(e)} for e in raw]
        else:
            errors = [{"message": str(raw)}] if raw else []
        if errors:
            self._raise(errors, what, scope, answer.get("data"))
        data = answer.get("data")
        if not isinstance(data, dict):
            raise BadResponse(self.channel, what, "the answer held no data", resp.status)
        return data

    def pages(self, make: Callable[[int], str], first: int, what: str, path: tuple[str, ...],
              variables: dict | None = None, scope: str = "") -> Iterator[dict]:
        """Each page (the connection object at ``path``) of a cursor-paginated query, to the last page."""
        cursor = None
        while True:
            try:
                data = self.query(make(first), what, {**(variables or {}), "cursor": cursor}, scope)
            except QueryTooCostly:
                if first == 1:
                    raise
                first = max(1, first // 2)
                continue
            conn = dig(data, path)
            if not isinstance(conn, dict):
                raise BadResponse(self.channel, what, f"the answer has no {'.'.join(path)}")
            yield conn
            info = conn.get("pageInfo") or {}
            if not info.get("hasNextPage") or not info.get("endCursor"):
                return
            cursor = info["endCursor"]

    # --- faults ---------------------------------------------------------------------------------
    def _context(self) -> str:
        return f"shop {self.shop}, API version {self.version}"

    def _reworded(self, exc: TransportError, what: str, scope: str) -> TransportError:
        if isinstance(exc, AuthFailed) and exc.status == 401:
            return AuthFailed(exc.channel, exc.what, f"{self.credential} was refused ({exc.why}): it is wrong, "
                              f"expired or revoked, or the app was uninstalled from {self.shop}", 401)
        if isinstance(exc, AuthFailed) and exc.status == 403:
            need = f"; reading {what} needs {scope}" if scope else ""
            return AuthFailed(exc.channel, exc.what, f"Shopify refused access ({exc.why}){need}: check the app's "
                              f"Admin API access scopes and that it is installed on {self.shop}", 403)
        if isinstance(exc, (NotFound, Unreachable)):
            return type(exc)(exc.channel, exc.what, f"{exc.why} [{self._context()}]", exc.status)
        return exc

    def _raise(self, errors: list[dict], what: str, scope: str, data: Any) -> None:
        codes = {str((e.get("extensions") or {}).get("code") or "") for e in errors}
        text = "; ".join(str(e.get("message", ""))[:200] for e in errors[:3])
        if "ACCESS_DENIED" in codes:
            found = sorted({m.group(1) for e in errors for m in _SCOPE.finditer(
                f"{e.get('message', '')} {(e.get('extensions') or {}).get('requiredAccess', '')}")})
            need = " and ".join(found) or scope or "a read scope"
            raise AuthFailed(self.channel, what, missing_scope_words(need, what), 403)
        if "MAX_COST_EXCEEDED" in codes:
            raise QueryTooCostly(self.channel, what, f"the query cost more than Shopify allows ({text})")
        if "THROTTLED" in codes:
            raise ServerFault(self.channel, what, "Shopify kept answering THROTTLED", 429)
        if "INTERNAL_SERVER_ERROR" in codes:
            raise ServerFault(self.channel, what, f"Shopify reported an internal error ({text})")
        raise BadResponse(self.channel, what, f"Shopify rejected the query ({text}); this is a leakcheck defect, "
                          "please report it")


def dig(data: Any, path: tuple[str, ...]) -> Any:
    for key in path:
        if not isinstance(data, dict):
            return None
        data = data.get(key)
    return data


def nodes(conn: dict | None) -> list[dict]:
    """The nodes of a connection object (``edges { node }``), skipping nulls."""
    if not isinstance(conn, dict):
        return []
    return [e["node"] for e in conn.get("edges") or [] if isinstance(e, dict) and isinstance(e.get("node"), dict)]

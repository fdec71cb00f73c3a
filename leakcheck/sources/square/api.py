"""Calling Square read-only: the endpoints used, the scope each needs, cursors to the end, errors in words.

Every Square list is paged by an opaque ``cursor``: the same request is repeated with the cursor
of the last answer until an answer has none. ``SquareApi.pages`` does that for GET and POST
alike and refuses a cursor that repeats (a server loop would otherwise read forever).

A 401 or 403 from Square carries a code (``UNAUTHORIZED``, ``ACCESS_TOKEN_EXPIRED``,
``ACCESS_TOKEN_REVOKED``, ``INSUFFICIENT_SCOPES``); the transport reports it as AuthFailed, and
this module rewrites the reason so the merchant reads which credential failed (the channel's
``token:``) and, for a missing permission, which scope to add and what it was needed for.
A 2xx answer whose JSON is cut or malformed is asked for again (up to three times in all) before it
counts as not read: the transport retries faults it can see (status, connection), not a body that
arrived whole but garbled.
"""

from __future__ import annotations

import re
from typing import Iterator

from ...transport import AuthFailed, BadResponse, ReadOnlyPolicy, Transport

# The endpoints leakcheck calls, and the OAuth scope each one needs (spec `security`).
LOCATIONS = "/v2/locations"  # GET ListLocations
CATALOG_SEARCH = "/v2/catalog/search"  # POST SearchCatalogObjects
COUNTS = "/v2/inventory/counts/batch-retrieve"  # POST BatchRetrieveInventoryCounts
CHANGES = "/v2/inventory/changes/batch-retrieve"  # POST BatchRetrieveInventoryChanges
ORDERS_SEARCH = "/v2/orders/search"  # POST SearchOrders
TOKEN_STATUS = "/oauth2/token/status"  # POST RetrieveTokenStatus: reads the token's own status

SCOPE_PROFILE, SCOPE_ITEMS, SCOPE_INVENTORY, SCOPE_ORDERS = (
    "MERCHANT_PROFILE_READ", "ITEMS_READ", "INVENTORY_READ", "ORDERS_READ")
NEEDED_SCOPES = (SCOPE_ITEMS, SCOPE_INVENTORY, SCOPE_ORDERS, SCOPE_PROFILE)
SCOPE_USE = {
    SCOPE_ITEMS: "the item library (SKUs, prices, tracking)",
    SCOPE_INVENTORY: "stock counts and the stock-change history",
    SCOPE_ORDERS: "orders, refunds and returns",
    SCOPE_PROFILE: "location names and the business name",
}

# Exactly the POSTs leakcheck makes, each of which only reads (BatchRetrieveCatalogObjects and
# BatchRetrieveOrders would be safe too, but are not used, so they are not allowed either).
POLICY = ReadOnlyPolicy(
    read_posts=(CATALOG_SEARCH, COUNTS, CHANGES, ORDERS_SEARCH),
    token_posts=(TOKEN_STATUS,),
)

DOCS = "docs/credentials/square.md"
_CODE = re.compile(r"\b(INSUFFICIENT_SCOPES|ACCESS_TOKEN_EXPIRED|ACCESS_TOKEN_REVOKED|UNAUTHORIZED|FORBIDDEN)\b")
MAX_PAGES = 100_000  # a guard against a server that never stops paging
BODY_ATTEMPTS = 3  # a garbled 2xx body is asked for this many times in all


class BearerToken:
    """``Authorization: Bearer <token>``. Square tokens are not refreshed here: a 401 is final."""

    def __init__(self, token: str):
        self._token = token

    def headers(self, transport: Transport) -> dict[str, str]:
        return {"Authorization": f"Bearer {self._token}"}

    def refresh(self, transport: Transport) -> bool:
        return False


def auth_words(why: str, status: int | None, scope: str | None) -> str:
    """The reason a 401/403 gives, rewritten to name the credential and, for a missing scope, the scope.

    Square's own words follow in brackets (already redacted by the transport), as evidence.
    """
    found = _CODE.search(why or "")
    code = found.group(1) if found else ""
    token = "the Square access token (this channel's `token:`)"
    said = f" [Square: {why}]" if why else ""
    if code == "INSUFFICIENT_SCOPES" or (status == 403 and scope and not code):
        need = scope or "a read scope"
        use = SCOPE_USE.get(scope or "", "this read")
        return (f"{token} lacks the {need} permission, needed for {use}: authorise a token that includes "
                f"{need} (see {DOCS}), then run `leakcheck doctor`{said}")
    if code == "ACCESS_TOKEN_EXPIRED":
        return f"{token} has expired (Square OAuth tokens last 30 days): obtain a new one (see {DOCS}){said}"
    if code == "ACCESS_TOKEN_REVOKED":
        return f"{token} was revoked in Square: authorise leakcheck's read-only token again (see {DOCS}){said}"
    if status == 401 or code == "UNAUTHORIZED":
        return (f"{token} was not accepted (UNAUTHORIZED): check it is a production token for this seller, "
                f"copied whole (sandbox tokens need base_url https://connect.squareupsandbox.com){said}")
    return f"{token} may not read this{said}"


class SquareApi:
    """One channel's calls to Square through its read-only transport."""

    def __init__(self, transport: Transport):
        self.transport = transport
        self.requests = 0

    def get(self, path: str, *, what: str, scope: str | None, params: dict | None = None) -> dict:
        return self._json("GET", path, what, scope, params=params)

    def post(self, path: str, *, what: str, scope: str | None, body: dict | None = None, record: bool = True) -> dict:
        """One POST; ``body`` None sends none (RetrieveTokenStatus takes none), ``record`` False keeps the
        answer out of a snapshot (token answers are never saved)."""
        return self._json("POST", path, what, scope, body=body, record=record)

    def pages(self, method: str, path: str, *, what: str, scope: str | None, body: dict | None = None,
              params: dict | None = None) -> Iterator[dict]:
        """Every page of one list, following ``cursor`` until an answer has none."""
        cursor: str | None = None
        seen: set[str] = set()
        for _ in range(MAX_PAGES):
            if method == "GET":
                p = dict(params or {})
                if cursor:
                    p["cursor"] = cursor
                page = self._json("GET", path, what, scope, params=p)
            else:
                b = dict(body or {})
                if cursor:
                    b["cursor"] = cursor
                page = self._json("POST", path, what, scope, body=b)
            yield page
            cursor = page.get("cursor") or None
            if cursor is None:
                return
            if not isinstance(cursor, str) or cursor in seen:
                raise BadResponse(self.transport.channel, what, "Square sent the same page cursor twice "
                                  "(the list would never end)")
            seen.add(cursor)
        raise BadResponse(self.transport.channel, what, f"more than {MAX_PAGES} pages")

    # --- one call -----------------------------------------------------------------------------
    def _json(self, method: str, path: str, what: str, scope: str | None, params: dict | None = None,
              body: dict | None = None, record: bool = True) -> dict:
        for attempt in range(1, BODY_ATTEMPTS + 1):
            try:
                self.requests += 1
                if method == "GET":
                    resp = self.transport.get(path, what=what, params=params)
                else:
                    resp = self.transport.post(path, what=what, json=body, record=record)
                data = resp.json()
            except AuthFailed as exc:
                raise AuthFailed(exc.channel, exc.what, auth_words(exc.why, exc.status, scope), exc.status) from None
            except BadResponse:
                if attempt == BODY_ATTEMPTS:
                    raise
                continue  # a cut or garbled body: ask again before giving up on this read
            if not isinstance(data, dict):
                if attempt == BODY_ATTEMPTS:
                    raise BadResponse(self.transport.channel, what, "the answer was not a JSON object")
                continue
            errors = data.get("errors")
            if errors and isinstance(errors, list):
                first = errors[0] if isinstance(errors[0], dict) else {}
                words = " ".join(str(first.get(k)) for k in ("code", "detail") if first.get(k))
                words = self.transport.redactor.text(words)
                raise BadResponse(self.transport.channel, what, f"Square answered with an error: {words}"[:300])
            return data
        raise AssertionError("unreachable")  # pragma: no cover

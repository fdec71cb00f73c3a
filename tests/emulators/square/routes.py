"""The endpoints the Square emulator serves: filters, limits and cursors per the spec.

Each route takes (emulator, JSON body, query parameters) and returns the response object, or
raises ApiError rendered as Square's error body. A filtered result is computed once per query
and cached, so paging a long list costs one slice per page. A cursor is opaque to the client:
base64 of the offset and a digest of the query it pages, so reusing it with another query is
400 INVALID_CURSOR, as Square says it must be "the original query".
"""

from __future__ import annotations

import base64
import hashlib
import json
from bisect import bisect_left, bisect_right

from leakcheck.sources.square.wire import format_time, parse_time


class ApiError(Exception):
    def __init__(self, status: int, category: str, code: str, detail: str, field: str | None = None):
        super().__init__(detail)
        self.status, self.category, self.code, self.detail, self.field = status, category, code, detail, field


SCOPES = {
    "/v2/locations": "MERCHANT_PROFILE_READ",
    "/v2/catalog/search": "ITEMS_READ",
    "/v2/inventory/counts/batch-retrieve": "INVENTORY_READ",
    "/v2/inventory/changes/batch-retrieve": "INVENTORY_READ",
    "/v2/orders/search": "ORDERS_READ",
}


def _bad(code: str, detail: str, field: str | None = None) -> ApiError:
    return ApiError(400, "INVALID_REQUEST_ERROR", code, detail, field)


def _digest(route: str, body: dict) -> str:
    rest = {k: v for k, v in body.items() if k != "cursor"}
    return hashlib.sha1(f"{route}:{json.dumps(rest, sort_keys=True)}".encode()).hexdigest()[:12]


def _page(emu, route: str, body: dict, compute, size: int) -> tuple[list, str | None]:
    """(this page's slice, the next cursor or None) of the list ``compute()`` gives for this query."""
    digest = _digest(route, body)
    start = 0
    if body.get("cursor"):
        try:
            raw = json.loads(base64.urlsafe_b64decode(body["cursor"].encode()))
            start, bound = int(raw["o"]), raw["q"]
        except (ValueError, KeyError, TypeError):
            raise _bad("INVALID_CURSOR", "The cursor is not valid.", "cursor") from None
        if bound != digest:
            raise _bad("INVALID_CURSOR", "The cursor belongs to another query.", "cursor")
    with emu._lock:
        found = emu.cache.get(digest)
        if found is None:
            found = emu.cache[digest] = compute()
    if emu.page_limit:
        size = min(size, emu.page_limit)
    part = found[start:start + size]
    end = start + len(part)
    if end >= len(found):
        return part, None
    return part, base64.urlsafe_b64encode(json.dumps({"o": end, "q": digest}).encode()).decode()


def _limit(body: dict, default: int, maximum: int, strict: bool) -> int:
    value = body.get("limit")
    if value is None:
        return default
    if not isinstance(value, int) or isinstance(value, bool):
        raise _bad("EXPECTED_INTEGER", "limit must be an integer.", "limit")
    if 1 <= value <= maximum:
        return value
    if strict:
        raise _bad("VALUE_TOO_HIGH" if value > maximum else "VALUE_TOO_LOW",
                   f"limit must be between 1 and {maximum}.", "limit")
    return default  # SearchCatalogObjects: "negative, zero, or higher than 1,000 ... will be ignored"


def _time(body: dict, key: str, where: str) -> float | None:
    value = body.get(key)
    if value is None:
        return None
    ts = parse_time(value)
    if ts is None:
        raise _bad("INVALID_TIME", f"{key} is not an RFC 3339 time.", where)
    return ts


# --- routes ----------------------------------------------------------------------------------------
def list_locations(emu, body: dict, params: dict) -> dict:
    return {"locations": emu.account.locations}


def token_status(emu, body: dict, params: dict) -> dict:
    out = {"scopes": list(emu.scopes), "client_id": "sq0idp-" + emu.account.merchant_id + "leakcheck",
           "merchant_id": emu.account.merchant_id}
    if emu.expires_at is not None:  # Square writes this one to the second
        out["expires_at"] = format_time(emu.expires_at)[:19] + "Z"
    return out


def search_catalog(emu, body: dict, params: dict) -> dict:
    types = body.get("object_types") or ["ITEM"]
    begin = _time(body, "begin_time", "begin_time")
    if body.get("query"):
        raise _bad("BAD_REQUEST", "This emulator does not filter by query.", "query")

    def compute() -> list:
        out = []
        for item in emu.account.items:
            if begin is not None and parse_time(item["updated_at"]) <= begin:
                continue
            if "ITEM" in types:
                out.append(item)
            if "ITEM_VARIATION" in types:
                out.extend(item["item_data"]["variations"])
        return out

    part, cursor = _page(emu, "catalog", body, compute, _limit(body, 100, 1000, strict=False))
    out: dict = {"objects": part, "latest_time": emu.account.items[0]["updated_at"] if emu.account.items else None}
    if out["latest_time"] is None:
        del out["latest_time"]
    if cursor:
        out["cursor"] = cursor
    return out


def batch_counts(emu, body: dict, params: dict) -> dict:
    ids = set(body.get("catalog_object_ids") or ()) or None
    locs = set(body.get("location_ids") or ()) or None
    states = set(body.get("states") or ()) or None
    after = _time(body, "updated_after", "updated_after")

    def compute() -> list:
        return [c for c in emu.account.counts
                if (ids is None or c["catalog_object_id"] in ids) and (locs is None or c["location_id"] in locs)
                and (states is None or c["state"] in states)
                and (after is None or parse_time(c["calculated_at"]) > after)]

    part, cursor = _page(emu, "counts", body, compute, _limit(body, 1000, 1000, strict=True))
    return {"counts": part, **({"cursor": cursor} if cursor else {})}


def batch_changes(emu, body: dict, params: dict) -> dict:
    types = set(body.get("types") or ("PHYSICAL_COUNT", "ADJUSTMENT"))
    if "TRANSFER" in types:
        raise _bad("INVALID_VALUE", "types may not include TRANSFER.", "types")
    ids = set(body.get("catalog_object_ids") or ()) or None
    locs = set(body.get("location_ids") or ()) or None
    states = set(body.get("states") or ()) or None
    after = _time(body, "updated_after", "updated_after")
    before = _time(body, "updated_before", "updated_before")

    def compute() -> list:
        acc = emu.account
        lo = bisect_right(acc.change_ts, after) if after is not None else 0
        hi = bisect_left(acc.change_ts, before) if before is not None else len(acc.changes)
        out = []
        for change in acc.changes[lo:hi]:
            if change["type"] not in types:
                continue
            inner = change.get("adjustment") or change.get("physical_count")
            if ids is not None and inner["catalog_object_id"] not in ids:
                continue
            if locs is not None and inner["location_id"] not in locs:
                continue
            if states is not None and change["type"] == "ADJUSTMENT" and \
                    inner["from_state"] not in states and inner["to_state"] not in states:
                continue
            out.append(change)
        return out

    part, cursor = _page(emu, "changes", body, compute, _limit(body, 1000, 1000, strict=True))
    return {"changes": part, **({"cursor": cursor} if cursor else {})}


def search_orders(emu, body: dict, params: dict) -> dict:
    locs = body.get("location_ids")
    if not locs:
        raise _bad("MISSING_REQUIRED_PARAMETER", "location_ids is required.", "location_ids")
    if len(locs) > 10:
        raise _bad("ARRAY_LENGTH_TOO_LONG", "At most 10 location_ids.", "location_ids")
    query = body.get("query") or {}
    flt = query.get("filter") or {}
    sort = query.get("sort") or {}
    field = (sort.get("sort_field") or "CREATED_AT").lower()
    descending = (sort.get("sort_order") or "DESC") == "DESC"
    window = flt.get("date_time_filter") or {}
    used = [k for k in ("created_at", "updated_at", "closed_at") if window.get(k)]
    if len(used) > 1:
        raise _bad("BAD_REQUEST", "Only one time range may be filtered.", "query.filter.date_time_filter")
    if used and used[0] != field:
        raise _bad("INVALID_VALUE", f"sort_field must be {used[0].upper()} when filtering by {used[0]}.",
                   "query.sort.sort_field")
    span = window.get(used[0]) if used else {}
    start = _time(span, "start_at", f"query.filter.date_time_filter.{field}.start_at")
    end = _time(span, "end_at", f"query.filter.date_time_filter.{field}.end_at")
    states = set((flt.get("state_filter") or {}).get("states") or ()) or None
    wanted = set(locs)

    def compute() -> list:
        acc = emu.account
        found = []
        for order, when in zip(acc.orders, acc.order_ts):
            t = when.get(field)
            if order["location_id"] not in wanted or (states is not None and order["state"] not in states):
                continue
            if used and (t is None or (start is not None and t < start) or (end is not None and t >= end)):
                continue
            found.append((t if t is not None else 0.0, order))
        found.sort(key=lambda x: x[0], reverse=descending)
        return [o for _, o in found]

    part, cursor = _page(emu, "orders", body, compute, _limit(body, 500, 1000, strict=True))
    if body.get("return_entries"):
        out: dict = {"order_entries": [{"order_id": o["id"], "location_id": o["location_id"]} for o in part]}
    else:
        out = {"orders": part}
    if cursor:
        out["cursor"] = cursor
    return out


ROUTES = {
    ("GET", "/v2/locations"): list_locations,
    ("POST", "/v2/catalog/search"): search_catalog,
    ("POST", "/v2/inventory/counts/batch-retrieve"): batch_counts,
    ("POST", "/v2/inventory/changes/batch-retrieve"): batch_changes,
    ("POST", "/v2/orders/search"): search_orders,
    ("POST", "/oauth2/token/status"): token_status,
}

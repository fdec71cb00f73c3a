"""The emulator speaks Square's API as the official OpenAPI spec defines it, and the source asks as it defines.

Every answer the emulator gave a full read (tiny pages, so cursors appear) is fetched again and
validated against the 200 schema the spec names for that operation, with every object closed
(no field Square does not have). Every request body the source sent is validated against the
operation's request schema. Error bodies fit ``Error``. Paths, methods and scopes the emulator
serves, the source's read-only policy and its Square-Version come from the spec, not from memory.
"""

from __future__ import annotations

import json
import urllib.error
import urllib.request

import pytest

from leakcheck.sources.square import api as sq
from leakcheck.sources.square.config import SPEC_SQUARE_VERSION
from leakcheck.transport import Transport
from tests.emulators.square import SquareEmulator, spec
from tests.emulators.square.routes import ROUTES, SCOPES

from .conftest import read


def _schema(ref_holder: dict) -> str:
    return ref_holder["content"]["application/json"]["schema"]["$ref"].rsplit("/", 1)[-1]


@pytest.fixture(scope="module")
def paged(world):
    """A full read against tiny pages, and the emulator that served it (its ``seen`` requests)."""
    with SquareEmulator(world, requests_per_second=None, page_limit=10) as emu:
        data = read(emu, world, history_days=12)
        emu.source_requests = len(emu.seen)
        yield emu, data


def test_every_answer_fits_the_spec(paged, world):
    emu, data = paged
    assert data.not_read == []
    transport = Transport("till", emu.url, sq.POLICY, auth=sq.BearerToken(emu.token))
    checked = set()
    for seen in list(emu.seen):  # a copy: fetching again adds to ``seen``
        op = spec.operation(seen["method"], seen["path"])
        body = json.loads(seen["body"]) if seen["body"] else None
        if seen["method"] == "GET":
            answer = transport.get(seen["path"], what="check").json()
        else:
            answer = transport.post(seen["path"], what="check", json=body).json()
        name = _schema(op["responses"]["200"])
        assert spec.errors(name, answer) == [], (seen["path"], name)
        checked.add(name)
    assert checked == {"ListLocationsResponse", "SearchCatalogObjectsResponse", "BatchRetrieveInventoryCountsResponse",
                       "BatchRetrieveInventoryChangesResponse", "SearchOrdersResponse"}
    status = transport.post(sq.TOKEN_STATUS, what="check").json()
    assert spec.errors(_schema(spec.operation("POST", sq.TOKEN_STATUS)["responses"]["200"]), status) == []
    # return orders (refunds), open and cancelled sales also fit: the whole account is checked once
    for order in emu.account.orders:
        assert spec.errors("Order", order) == [], order["id"]
    for item in emu.account.items:
        assert spec.errors("CatalogObject", item) == [], item["id"]


def test_every_request_the_source_sent_fits_the_spec(paged):
    emu, _ = paged
    for seen in emu.seen[:emu.source_requests]:
        assert seen["square_version"] == SPEC_SQUARE_VERSION
        op = spec.operation(seen["method"], seen["path"])
        if seen["method"] == "POST":
            body = json.loads(seen["body"])
            assert spec.errors(_schema(op["requestBody"]), body) == [], seen["path"]


def _raw(emu, method: str, path: str, token: str, body: dict | None = None) -> tuple[int, dict]:
    """One request with the standard library, to see the error body itself (the transport turns it into words)."""
    data = json.dumps(body).encode() if body is not None else None
    req = urllib.request.Request(emu.url + path, data=data, method=method, headers={
        "Authorization": f"Bearer {token}", "Square-Version": SPEC_SQUARE_VERSION, "Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(req, timeout=5) as resp:
            return resp.status, json.loads(resp.read())
    except urllib.error.HTTPError as exc:
        return exc.code, json.loads(exc.read())


def test_error_bodies_fit_the_spec(world):
    with SquareEmulator(world, requests_per_second=None, scopes=("ITEMS_READ",), page_limit=2) as emu:
        emu.faults.add("429", path="/v2/catalog/search")
        cases = [
            (401, "UNAUTHORIZED", _raw(emu, "GET", sq.LOCATIONS, "not-the-token")),
            (403, "INSUFFICIENT_SCOPES", _raw(emu, "GET", sq.LOCATIONS, emu.token)),
            (429, "RATE_LIMITED", _raw(emu, "POST", sq.CATALOG_SEARCH, emu.token, {})),
            (400, "INVALID_CURSOR", _raw(emu, "POST", sq.CATALOG_SEARCH, emu.token, {"cursor": "bm90IGEgY3Vyc29y"})),
            (404, "NOT_FOUND", _raw(emu, "POST", "/v2/inventory/changes/batch-create", emu.token, {})),
        ]
        first = _raw(emu, "POST", sq.CATALOG_SEARCH, emu.token, {"limit": 2})[1]
        cases.append((400, "INVALID_CURSOR", _raw(emu, "POST", sq.CATALOG_SEARCH, emu.token,
                                                  {"limit": 3, "cursor": first["cursor"]})))
    for status, code, (got, body) in cases:
        assert got == status and [e["code"] for e in body["errors"]] == [code]
        assert set(body) == {"errors"}
        for err in body["errors"]:
            assert spec.errors("Error", err) == []


def test_served_paths_methods_and_scopes_are_the_specs():
    for (method, path) in ROUTES:
        op = spec.operation(method, path)
        wanted = [s for req in op.get("security", []) for s in req.get("oauth2", [])]
        assert wanted == ([SCOPES[path]] if path in SCOPES else []), path


def test_the_policy_allows_exactly_the_read_only_posts():
    ids = {p: spec.operation("POST", p)["operationId"] for p in sq.POLICY.read_posts}
    assert ids == {sq.CATALOG_SEARCH: "SearchCatalogObjects", sq.COUNTS: "BatchRetrieveInventoryCounts",
                   sq.CHANGES: "BatchRetrieveInventoryChanges", sq.ORDERS_SEARCH: "SearchOrders"}
    assert sq.POLICY.token_posts == (sq.TOKEN_STATUS,)
    assert spec.operation("POST", sq.TOKEN_STATUS)["operationId"] == "RetrieveTokenStatus"
    for path, scope in ((sq.LOCATIONS, sq.SCOPE_PROFILE),):
        assert spec.operation("GET", path)["security"] == [{"oauth2": [scope]}]


def test_square_version_is_the_specs():
    header = spec.spec()["components"]["securitySchemes"]["oauth2"]["x-additional-headers"][0]
    assert header["name"] == "Square-Version" and header["schema"]["default"] == SPEC_SQUARE_VERSION

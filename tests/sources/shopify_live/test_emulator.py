"""The emulator speaks Shopify's wire format: auth, validation against the SDL, cost, throttling, bulk."""

from __future__ import annotations

import json
import time

import pytest
import requests
from graphql import GraphQLObjectType

from tests.emulators.shopify.cost import Bucket, Coster
from tests.emulators.shopify.schema import schema

from .conftest import TOKEN

Q = "/admin/api/2026-07/graphql.json"


def post(emu, query, variables=None, token=TOKEN, path=Q):
    headers = {"X-Shopify-Access-Token": token} if token else {}
    return requests.post(emu.url + path, json={"query": query, "variables": variables or {}}, headers=headers, timeout=5)


def test_401_without_or_with_a_wrong_token_in_shopifys_shape(emulator):
    emu = emulator()
    for token in (None, "shpat_wrong_000000"):
        r = post(emu, "{ shop { name } }", token=token)
        assert r.status_code == 401
        assert r.json() == {"errors": "[API] Invalid API key or access token (unrecognized login or wrong password)"}
    assert post(emu, "{ shop { name } }").json()["data"] == {"shop": {"name": "Harbour & Hearth"}}
    assert requests.post(emu.url + "/admin/api/2023-01/graphql.json", json={"query": "{ shop { name } }"},
                         headers={"X-Shopify-Access-Token": TOKEN}, timeout=5).status_code == 404


def test_a_query_the_real_schema_rejects_is_rejected(emulator):
    emu = emulator()
    body = post(emu, "{ shop { name inventoryHistory } }").json()
    (err,) = body["errors"]
    assert "inventoryHistory" in err["message"] and err["locations"] and "data" not in body
    assert err["extensions"]["code"] == "GRAPHQL_VALIDATION_FAILED" and "cost" in body["extensions"]
    # a valid field the emulator does not serve is a null, not a made-up value
    body = post(emu, "{ shop { name billingAddress { city } } }").json()
    assert body["errors"] and body["data"] is None


def test_cost_is_the_documented_formula_and_on_every_answer(emulator):
    emu = emulator()
    q = "{ productVariants(first: 10) { edges { node { id sku product { id } } } pageInfo { hasNextPage } } }"
    body = post(emu, q).json()
    cost = body["extensions"]["cost"]
    assert cost["requestedQueryCost"] == 2 + 10 * (1 + 1)  # connection 2 + first x (node 1 + product 1)
    assert cost["actualQueryCost"] == 2 + 10 * 2  # ten variants came back
    assert set(cost["throttleStatus"]) == {"maximumAvailable", "currentlyAvailable", "restoreRate"}
    assert post(emu, "{ shop { name currencyCode } }").json()["extensions"]["cost"]["requestedQueryCost"] == 1
    doc = "{ productVariants(first: 3, query: \"sku:NOPE\") { edges { node { id } } } }"
    assert post(emu, doc).json()["extensions"]["cost"]["actualQueryCost"] == 2  # nothing returned: 2


def test_max_cost_exceeded_over_1000(emulator):
    emu = emulator()
    q = ("{ productVariants(first: 250) { edges { node { id inventoryItem { inventoryLevels(first: 2) "
         "{ edges { node { id } } } } } } } }")  # 2 + 250 x (1 + 1 + 2 + 2 x 1) = 1502
    body = post(emu, q).json()
    (err,) = body["errors"]
    assert err["extensions"]["code"] == "MAX_COST_EXCEEDED" and err["extensions"]["maxCost"] == 1000
    assert err["extensions"]["cost"] == 1502 and "data" not in body
    assert "exceeds the single query max cost limit (1000)" in err["message"]


def test_the_bucket_is_enforced_throttled_with_http_200(emulator):
    emu = emulator(restore_rate=1.0, maximum=50.0)
    q = "{ productVariants(first: 10) { edges { node { id sku } } } }"  # 12 points
    answers = [post(emu, q) for _ in range(6)]
    assert [a.status_code for a in answers] == [200] * 6
    throttled = [a.json() for a in answers if "errors" in a.json()]
    assert throttled and throttled[0]["errors"][0]["extensions"]["code"] == "THROTTLED"
    assert throttled[0]["extensions"]["cost"]["actualQueryCost"] is None


def test_leaky_bucket_refills_at_the_restore_rate():
    now = [0.0]
    b = Bucket(100, 10, clock=lambda: now[0])
    assert b.take(100) and not b.take(1)
    now[0] = 0.5
    assert b.take(5) and not b.take(1)
    now[0] = 100.0
    assert b.status()["currentlyAvailable"] == 100


def test_throttle_fault_with_429_and_retry_after(emulator):
    emu = emulator()
    emu.faults.add("429", retry_after=0.05)
    r = post(emu, "{ shop { name } }")
    assert r.status_code == 429 and r.headers["Retry-After"] == "0.05"
    assert r.json()["errors"][0]["extensions"]["code"] == "THROTTLED"
    emu.faults.add("throttle")
    r = post(emu, "{ shop { name } }")
    assert r.status_code == 200 and r.json()["errors"][0]["extensions"]["code"] == "THROTTLED"


def _wait(emu, op_id):
    for _ in range(200):
        op = post(emu, "query($id: ID!) { bulkOperation(id: $id) { status url objectCount errorCode } }",
                  {"id": op_id}).json()["data"]["bulkOperation"]
        if op["status"] in ("COMPLETED", "FAILED"):
            return op
        time.sleep(0.01)
    raise AssertionError("bulk operation never finished")


RUN = "mutation($q: String!) { bulkOperationRunQuery(query: $q) { bulkOperation { id status } userErrors { code message } } }"


def test_bulk_operation_lifecycle_and_jsonl_with_parent_ids(emulator):
    emu = emulator(restore_rate=100_000.0, bulk_rows_per_second=2000.0)
    inner = ("{ productVariants { edges { node { id sku inventoryItem { id inventoryLevels { edges { node { id "
             "location { name } quantities(names: [\"available\"]) { name quantity } } } } } } } } }")
    run = post(emu, RUN, {"q": inner}).json()
    assert run["extensions"]["cost"]["requestedQueryCost"] == 10  # a mutation costs 10
    op = run["data"]["bulkOperationRunQuery"]["bulkOperation"]
    assert op["status"] in ("CREATED", "RUNNING")
    done = _wait(emu, op["id"])
    assert done["status"] == "COMPLETED" and "X-Goog-Signature=" in done["url"]
    rows = [json.loads(line) for line in requests.get(done["url"], timeout=5).text.splitlines()]
    assert int(done["objectCount"]) == len(rows)
    ids = [r["id"] for r in rows]
    children = [r for r in rows if "__parentId" in r]
    assert children and all(ids.index(c["__parentId"]) < ids.index(c["id"]) for c in children)
    assert all("/InventoryLevel/" in c["id"] and "/ProductVariant/" in c["__parentId"] for c in children)
    sdl = schema()
    for r in rows:  # every row is an object of the schema, with the schema's fields only
        kind = r["id"].split("/")[3]
        t = sdl.get_type(kind)
        assert isinstance(t, GraphQLObjectType) and set(r) - {"__parentId"} <= set(t.fields)
    bad = done["url"].replace("X-Goog-Signature=", "X-Goog-Signature=0")
    assert requests.get(bad, timeout=5).status_code == 403


@pytest.mark.parametrize("inner, words", [
    ("{ orders { edges { node { id refunds { refundLineItems { edges { node { quantity } } } } } } } }",
     "connection field within a list field"),
    ("{ productVariants { edges { node { id product { variants { edges { node { id productVariantComponents "
     "{ edges { node { id } } } } } } } } } } }", "levels of nested connections"),
    ("{ productVariants { edges { node { sku productVariantComponents { edges { node { id } } } } } } }",
     "must select the 'id' field"),
    ("{ shop { name } }", "at least one connection"),
    ('{ nodes(ids: ["gid://shopify/Order/1"]) { id } }', "node and nodes"),
])
def test_bulk_rules_are_userErrors(emulator, inner, words):
    emu = emulator()
    payload = post(emu, RUN, {"q": inner}).json()["data"]["bulkOperationRunQuery"]
    assert payload["bulkOperation"] is None
    (err,) = payload["userErrors"]
    assert err["code"] == "INVALID" and words in err["message"]


def test_five_bulk_operations_at_most(emulator):
    emu = emulator(bulk_rows_per_second=1.0)  # slow: they all stay RUNNING
    inner = "{ productVariants { edges { node { id } } } }"
    codes = [post(emu, RUN, {"q": inner}).json()["data"]["bulkOperationRunQuery"]["userErrors"] for _ in range(6)]
    assert all(not c for c in codes[:5]) and codes[5][0]["code"] == "LIMIT_REACHED"


def test_missing_scope_is_access_denied_and_fails_a_bulk_operation(emulator):
    emu = emulator(scopes=("read_products", "read_locations", "read_orders"))
    body = post(emu, "{ productVariants(first: 1) { edges { node { inventoryItem { inventoryLevels(first: 1) "
                     "{ edges { node { id } } } } } } } }").json()
    (err,) = body["errors"]
    assert err["extensions"]["code"] == "ACCESS_DENIED" and "`read_inventory`" in err["message"]
    op = post(emu, RUN, {"q": "{ productVariants { edges { node { id inventoryItem { id inventoryLevels { edges "
                               "{ node { id } } } } } } } }"}).json()["data"]["bulkOperationRunQuery"]["bulkOperation"]
    done = _wait(emu, op["id"])
    assert done["status"] == "FAILED" and done["errorCode"] == "ACCESS_DENIED"


def test_client_credentials_grant(emulator):
    emu = emulator(token=None, client_id="cid_1", client_secret="csecret_123456")
    form = {"grant_type": "client_credentials", "client_id": "cid_1", "client_secret": "csecret_123456"}
    r = requests.post(emu.url + "/admin/oauth/access_token", data=form, timeout=5)
    body = r.json()
    assert r.status_code == 200 and body["access_token"].startswith("shpat_") and body["expires_in"] == 86399
    assert "read_products" in body["scope"].split(",")
    assert post(emu, "{ shop { name } }", token=body["access_token"]).status_code == 200
    r = requests.post(emu.url + "/admin/oauth/access_token", data={**form, "client_secret": "nope"}, timeout=5)
    assert r.status_code == 400 and r.json()["error"] == "invalid_client"


def test_requested_cost_of_nodes_counts_each_id():
    from graphql import get_operation_ast, parse

    doc = parse("query($ids: [ID!]!) { nodes(ids: $ids) { ... on Refund { id refundLineItems(first: 5) "
                "{ edges { node { quantity lineItem { id } } } } } } }")
    cost = Coster(schema(), doc, {"ids": ["a", "b", "c"]}, get_operation_ast(doc)).total()
    assert cost == 3 * (1 + 2 + 5 * (1 + 1))


@pytest.mark.parametrize("name", ["catalog_bulk", "catalog_bulk_at", "orders_bulk", "refunded_orders_bulk"])
def test_bulk_fast_executor_answers_as_graphql_core(big_world, name):
    """Bulk files are prepared by fastexec's walker; graphql-core's executor is the reference."""
    from graphql import execute, parse

    from leakcheck.sources.shopify import queries
    from tests.emulators.shopify import ShopifyEmulator, fastexec

    emu = ShopifyEmulator(big_world, native_bundles=True)  # not started: no socket needed
    text = queries.examples()[name]
    if name == "catalog_bulk_at":
        text = queries.catalog_bulk(emu.store.locations[0]["id"])
    if "orders" in name:  # the whole history, so refunded and cancelled orders are in it
        text = text.replace("2026-07-23T06:00:00Z", "2000-01-01T00:00:00Z")
    doc = parse(text)
    context = {"scopes": list(emu.scopes), "bulk": True}
    fast = fastexec.execute(emu.schema, doc, emu.root, context)
    slow = execute(emu.schema, doc, root_value=emu.root, context_value=context)
    assert not slow.errors and fast == slow.data
    key = next(iter(fast))
    assert len(fast[key]["edges"]) > 20


def test_bulk_fast_executor_raises_access_denied_as_the_operation_fails(big_world):
    from graphql import GraphQLError, parse

    from leakcheck.sources.shopify import queries
    from tests.emulators.shopify import ShopifyEmulator, fastexec

    emu = ShopifyEmulator(big_world)
    with pytest.raises(GraphQLError, match="read_inventory"):
        fastexec.execute(emu.schema, parse(queries.catalog_bulk()), emu.root, {"scopes": ["read_products"], "bulk": True})
    with pytest.raises(fastexec.Unsupported):  # fragments: graphql-core's business
        fastexec.execute(emu.schema, parse("{ orders { edges { node { ...F } } } } fragment F on Order { id }"),
                         emu.root, {"scopes": list(emu.scopes), "bulk": True})

"""The read-only rule: what is refused before it is sent, and what may pass."""

import pytest

from leakcheck.transport import ReadOnlyPolicy, Transport, WriteRefused
from leakcheck.transport.guard import document_write

SHOPIFY = ReadOnlyPolicy(graphql_posts=("/admin/api/*/graphql.json",), token_posts=("/admin/oauth/access_token",))
SQUARE = ReadOnlyPolicy(read_posts=("/v2/catalog/search", "/v2/inventory/counts/batch-retrieve"),
                        token_posts=("/oauth2/token/status",))
GQL = "https://x.myshopify.com/admin/api/2026-07/graphql.json"


@pytest.mark.parametrize("method", ["GET", "HEAD", "get"])
def test_reads_pass(method):
    SQUARE.check("till", method, "https://connect.squareup.com/v2/locations")


@pytest.mark.parametrize("method", ["PUT", "PATCH", "DELETE", "OPTIONS"])
def test_other_methods_are_refused(method):
    with pytest.raises(WriteRefused, match=f"{method} can change data"):
        SQUARE.check("till", method, "https://connect.squareup.com/v2/catalog/object/ABC")


def test_only_listed_posts_pass():
    SQUARE.check("till", "POST", "https://connect.squareup.com/v2/catalog/search", {"object_types": ["ITEM"]})
    SQUARE.check("till", "POST", "https://connect.squareup.com/oauth2/token/status")
    with pytest.raises(WriteRefused, match="not on the read-only list"):
        SQUARE.check("till", "POST", "https://connect.squareup.com/v2/inventory/changes/batch-create", {})
    with pytest.raises(WriteRefused):  # a listed path must match whole, not as a prefix
        SQUARE.check("till", "POST", "https://connect.squareup.com/v2/catalog/search/extra", {})


def test_queries_pass():
    SHOPIFY.check("shop", "POST", GQL, {"query": "{ shop { name } }"})
    SHOPIFY.check("shop", "POST", GQL, {"query": "query Q($c: String) { products(first: 5, after: $c) { edges { node { id } } } }"})


@pytest.mark.parametrize("doc", [
    "mutation { productDelete(input: {id: \"gid://shopify/Product/1\"}) { deletedProductId } }",
    "mutation { ok: bulkOperationRunQuery(query: \"{ shop { name } }\") { bulkOperation { id } } inventorySetQuantities(input: {}) { userErrors { message } } }",
    "mutation { bulkOperationRunQuery: productDelete(input: {id: \"1\"}) { deletedProductId } }",
    "mutation { ...F } fragment F on Mutation { productDelete(input: {id: \"1\"}) { deletedProductId } }",
    "mutation { bulkOperationRunMutation(mutation: \"x\", stagedUploadPath: \"y\") { bulkOperation { id } } }",
    "mutation { bulkOperationRunQuery(query: \"mutation { productDelete(input: {id: \\\"1\\\"}) { deletedProductId } }\") { bulkOperation { id } } }",
    "subscription { shop { name } }",
    "{ shop { name } ",  # does not parse
])
def test_writes_in_graphql_are_refused(doc):
    with pytest.raises(WriteRefused, match="refused before sending"):
        SHOPIFY.check("shop", "POST", GQL, {"query": doc})


def test_bulk_query_passes_and_its_query_is_checked_through_variables():
    bulk = "mutation($q: String!) { bulkOperationRunQuery(query: $q) { bulkOperation { id status } userErrors { message } } }"
    assert document_write(bulk, {"q": "{ productVariants { edges { node { id sku } } } }"}) is None
    assert "could change data" in document_write(bulk, {"q": "mutation { productDelete(input: {id: \"1\"}) { deletedProductId } }"})
    assert document_write(bulk, {}) is not None  # no query given: cannot be checked, so refused


def test_a_refused_write_never_reaches_the_server(server):
    t = Transport("till", server.url, policy=SQUARE)
    with pytest.raises(WriteRefused) as err:
        t.request("DELETE", "/v2/catalog/object/ABC", what="catalog object")
    assert "till" in str(err.value) and "leakcheck only reads" in str(err.value)
    with pytest.raises(WriteRefused):
        t.post("/v2/inventory/changes/batch-create", what="inventory", json={"changes": []})
    assert server.seen == []


def test_a_redirect_cannot_turn_into_a_write_or_carry_the_token_away(server):
    class Token:
        def headers(self, transport):
            return {"X-Shopify-Access-Token": "shpat_SECRET_TOKEN_123456"}

        def refresh(self, transport):
            return False

    with type(server)() as other:
        server.queue((302, b"", {"Location": other.url + "/file.jsonl"}))
        other.queue((200, {"ok": True}))
        t = Transport("shop", server.url, policy=SHOPIFY, auth=Token())
        assert t.get("/start", what="bulk file").json() == {"ok": True}
        assert "X-Shopify-Access-Token" in server.seen[0]["headers"]
        assert "X-Shopify-Access-Token" not in other.seen[0]["headers"]

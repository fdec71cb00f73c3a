"""Every query the live source can send is valid against the 2026-07 SDL, fits Shopify's cost cap, and
passes the read-only guard; every bulk query obeys the bulk rules."""

from __future__ import annotations

import pytest
from graphql import get_operation_ast, parse, validate

from leakcheck.sources.shopify import ShopifyLive, queries, refunds_live
from leakcheck.transport.guard import document_write
from tests.emulators.shopify.bulk import rule_problem
from tests.emulators.shopify.cost import Coster
from tests.emulators.shopify.schema import schema

EXAMPLES = queries.examples()
BULK = ("catalog_bulk", "catalog_bulk_at", "orders_bulk", "refunded_orders_bulk")


@pytest.fixture(scope="module")
def sdl():
    return schema()


@pytest.mark.parametrize("name", sorted(EXAMPLES))
def test_every_query_validates_against_the_sdl(sdl, name):
    doc = parse(EXAMPLES[name])
    assert validate(sdl, doc) == []
    variables = {"query": EXAMPLES["catalog_bulk"]} if name == "run_bulk" else {}
    assert document_write(EXAMPLES[name], variables) is None  # a read (bulk inner queries too)


def test_no_query_asks_for_customer_data():
    for text in EXAMPLES.values():
        for word in ("customer", "email", "phone", "address", "billing", "shipping", "note"):
            assert word not in text.lower()


@pytest.mark.parametrize("name", sorted(set(EXAMPLES) - set(BULK) - {"run_bulk"}))
def test_each_page_fits_under_the_single_query_cap(sdl, name):
    doc = parse(EXAMPLES[name])
    variables = {}
    if name in ("refunds", "refunds_by_line"):  # as many ids as the reader puts in one query
        first, by_line = (2, False) if name == "refunds" else (4, True)
        variables = {"ids": ["gid://shopify/Refund/1"] * refunds_live.batch_size(first, by_line)}
    cost = Coster(sdl, doc, variables, get_operation_ast(doc)).total()
    assert 0 < cost <= queries.MAX_QUERY_COST


@pytest.mark.parametrize("name", BULK)
def test_bulk_queries_obey_shopifys_bulk_rules(sdl, name):
    assert rule_problem(sdl, EXAMPLES[name]) is None


def test_run_bulk_passes_the_guard_only_with_a_read_inside():
    run = ShopifyLive.policy
    url = "https://x.myshopify.com/admin/api/2026-07/graphql.json"
    run.check("shop", "POST", url, {"query": queries.RUN_BULK, "variables": {"query": EXAMPLES["catalog_bulk"]}})
    from leakcheck.transport import WriteRefused

    with pytest.raises(WriteRefused, match="productDelete"):
        run.check("shop", "POST", url, {"query": queries.RUN_BULK, "variables": {
            "query": 'mutation { productDelete(input: {id: "gid://shopify/Product/1"}) { deletedProductId } }'}})


def test_page_sizes_follow_the_cost_model():
    assert queries.variants_page_size(False, 2) == 90  # 3 + 2 + 2 x 3 = 11 points a variant
    assert queries.variants_page_size(True, 1) == 166  # one location inlined: 6 points
    assert queries.ORDERS_PAGE_SIZE == 27


@pytest.mark.parametrize("by_line", [False, True])
@pytest.mark.parametrize("first", [1, 2, 7, queries.LINES_PER_REFUND])
def test_refund_batches_cost_what_the_reader_plans(sdl, first, by_line):
    """The reader sizes refund batches by queries.refund_cost; Shopify's formula must agree with it."""
    size = refunds_live.batch_size(first, by_line)
    doc = parse(queries.refunds_query(first, by_line))
    cost = Coster(sdl, doc, {"ids": ["gid://shopify/Refund/1"] * size}, get_operation_ast(doc)).total()
    assert cost == size * queries.refund_cost(first, by_line)
    assert cost <= refunds_live.TARGET_POINTS or size == 1
    assert 1 <= size <= queries.REFUND_IDS_MAX and cost <= queries.MAX_QUERY_COST


@pytest.mark.parametrize("name", sorted(EXAMPLES))
def test_the_bucket_knows_each_querys_cost_before_shopify_says(sdl, name):
    """The client's schema-free cost (transport/query_cost.py) must equal the schema-aware model of
    the emulator on every query leakcheck sends, or the first query of each kind is paced on a guess."""
    from leakcheck.transport.query_cost import requested_cost

    variables = {"query": EXAMPLES["catalog_bulk"]} if name == "run_bulk" else {}
    if name.startswith("refund"):
        variables = {"ids": ["gid://shopify/Refund/1"] * 7, "id": "gid://shopify/Refund/1"}
    doc = parse(EXAMPLES[name])
    assert requested_cost(EXAMPLES[name], variables) == Coster(sdl, doc, variables, get_operation_ast(doc)).total()

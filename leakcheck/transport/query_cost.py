"""What Shopify will charge a GraphQL query up front, worked out from its text before it is sent.

The cost bucket (limits.ShopifyCostBucket) must know a query's requested cost *before* sending it,
to wait just long enough and never be throttled. Shopify only says the cost afterwards
(``extensions.cost.requestedQueryCost``), so the first query of each kind used to be sent on a
guess. This module applies Shopify's published formula (shopify.dev, "GraphQL Admin API rate
limits", section "Cost calculation") to the document itself, with no schema:

- a field without a selection (a scalar or an enum) costs 0; one with a selection is an object
  and costs 1 plus its selection;
- a connection (a field selecting ``edges`` or ``nodes``) costs 2 + n x (1 + one node's
  selection), n being its ``first`` or ``last``; ``pageInfo`` and ``cursor`` are in the 2;
- a list asked for with ``first`` or with an ``ids`` list (``nodes(ids:)``) costs n elements;
- inline fragments: the unconditional fields plus the dearest type condition;
- a mutation costs 10 a field.

It is exact for the queries leakcheck sends (a test compares it with the loopback emulator's
schema-aware cost model on every one of them); where Shopify charges a field differently, the
bucket learns the real figure from the first answer and uses that from then on.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from graphql import GraphQLError, parse
from graphql.language import (
    FieldNode, InlineFragmentNode, IntValueNode, ListValueNode, OperationDefinitionNode, OperationType,
    SelectionSetNode, VariableNode,
)

MUTATION_COST = 10
UNKNOWN = None  # the text is not a GraphQL document we can read: the caller falls back to a guess


def requested_cost(query: str, variables: dict | None = None) -> int | None:
    """Shopify's requested cost of ``query`` with ``variables``; None when the text cannot be parsed."""
    op = _operation(query)
    if op is None:
        return UNKNOWN
    if op.operation == OperationType.MUTATION:
        return MUTATION_COST * len(op.selection_set.selections)
    return _selection(op.selection_set, variables or {})


@lru_cache(maxsize=256)
def _operation(query: str) -> OperationDefinitionNode | None:
    try:
        document = parse(query, no_location=True)
    except GraphQLError:
        return None
    ops = [d for d in document.definitions if isinstance(d, OperationDefinitionNode)]
    return ops[0] if len(ops) == 1 else None


def _selection(selection_set: SelectionSetNode | None, variables: dict) -> int:
    if selection_set is None:
        return 0
    plain, conditional = 0, []
    for sel in selection_set.selections:
        if isinstance(sel, FieldNode):
            plain += _field(sel, variables)
        elif isinstance(sel, InlineFragmentNode):
            conditional.append(_selection(sel.selection_set, variables))
    return plain + max(conditional, default=0)


def _field(node: FieldNode, variables: dict) -> int:
    if node.selection_set is None or node.name.value.startswith("__"):
        return 0
    args = {a.name.value: _value(a.value, variables) for a in node.arguments or ()}
    inner = {s.name.value: s for s in node.selection_set.selections if isinstance(s, FieldNode)}
    if "edges" in inner or "nodes" in inner:  # a connection
        n = _count(args.get("first")) or _count(args.get("last"))
        per = 0
        if "nodes" in inner:
            per += _selection(inner["nodes"].selection_set, variables)
        if "edges" in inner and inner["edges"].selection_set is not None:
            per += sum(_selection(s.selection_set, variables) for s in inner["edges"].selection_set.selections
                       if isinstance(s, FieldNode) and s.name.value == "node")
        return 2 + n * (1 + per)
    n = _count(args.get("first")) or (len(args["ids"]) if isinstance(args.get("ids"), list) else 1)
    return n * (1 + _selection(node.selection_set, variables))


def _count(value: Any) -> int:
    return value if isinstance(value, int) and value > 0 else 0


def _value(node, variables: dict) -> Any:
    if isinstance(node, VariableNode):
        return variables.get(node.name.value)
    if isinstance(node, IntValueNode):
        return int(node.value)
    if isinstance(node, ListValueNode):
        return list(node.values)
    return None

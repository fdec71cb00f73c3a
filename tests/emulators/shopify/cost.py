"""Query cost and the leaky bucket, as the GraphQL Admin API computes and enforces them.

Formula (shopify.dev "GraphQL Admin API rate limits", section "Cost calculation", and Shopify
Engineering's "Rate limiting GraphQL APIs by calculating query complexity"):

- a field returning a scalar or an enum costs 0; an object (or interface, union) costs 1 plus
  its selection;
- a connection costs 2 + n x (1 + the selection of one node), where n is ``first`` or ``last``
  when Shopify computes the *requested* cost before running the query, and the number of nodes
  it returned for the *actual* cost afterwards (``edges``/``node``/``pageInfo``/``cursor`` are
  part of the connection's 2, not charged again);
- a plain list of objects costs its element once, or n times when the field takes ``first``
  (n = ``first``) or an ``ids`` list (n = its length, as ``nodes(ids:)``);
- an interface or union selection costs the most expensive of its type conditions;
- a mutation field costs 10.

Shopify charges the requested cost up front (a query whose requested cost is above 1,000 is
refused with MAX_COST_EXCEEDED; one the bucket cannot cover is THROTTLED) and refunds
``requested - actual`` after running it. The bucket holds ``maximumAvailable`` points and
refills at ``restoreRate`` points a second (100 on the Standard plan).
"""

from __future__ import annotations

import threading
import time
from typing import Any

from graphql import (
    FieldNode, FragmentDefinitionNode, FragmentSpreadNode, GraphQLList, GraphQLNonNull, GraphQLObjectType,
    InlineFragmentNode, OperationDefinitionNode, OperationType, is_leaf_type, value_from_ast,
)

MUTATION_COST = 10


def _unwrap(t):
    is_list = False
    while isinstance(t, (GraphQLNonNull, GraphQLList)):
        if isinstance(t, GraphQLList):
            is_list = True
        t = t.of_type
    return t, is_list


def is_connection(t) -> bool:
    return isinstance(t, GraphQLObjectType) and t.name.endswith("Connection") and "edges" in t.fields


class Coster:
    """Requested (``data`` None) or actual (``data`` given) cost of one operation of a document."""

    def __init__(self, schema, document, variables: dict | None, operation: OperationDefinitionNode):
        self.schema, self.variables, self.op = schema, variables or {}, operation
        self.fragments = {d.name.value: d for d in document.definitions if isinstance(d, FragmentDefinitionNode)}

    def total(self, data: Any = None, actual: bool = False) -> int:
        if self.op.operation == OperationType.MUTATION:
            return MUTATION_COST * len(self.op.selection_set.selections)
        return self._selection(self.op.selection_set, self.schema.query_type, data, actual)

    # --- walking ---------------------------------------------------------------------------------
    def _groups(self, selection_set, parent) -> dict[str, list[tuple[FieldNode, Any]]]:
        """Fields by type condition ("" for unconditional), fragments expanded."""
        out: dict[str, list] = {}

        def walk(sel_set, cond: str, owner):
            for sel in sel_set.selections:
                if isinstance(sel, FieldNode):
                    out.setdefault(cond, []).append((sel, owner))
                elif isinstance(sel, InlineFragmentNode):
                    name = sel.type_condition.name.value if sel.type_condition else ""
                    walk(sel.selection_set, name or cond, self.schema.get_type(name) if name else owner)
                elif isinstance(sel, FragmentSpreadNode):
                    frag = self.fragments[sel.name.value]
                    name = frag.type_condition.name.value
                    walk(frag.selection_set, name, self.schema.get_type(name))
        walk(selection_set, "", parent)
        return out

    def _selection(self, selection_set, parent, data, actual: bool) -> int:
        if selection_set is None:
            return 0
        groups = self._groups(selection_set, parent)
        base = sum(self._field(f, owner, data, actual) for f, owner in groups.pop("", []))
        conditional = [sum(self._field(f, owner, data, actual) for f, owner in fields) for fields in groups.values()]
        return base + (max(conditional) if conditional else 0)

    def _args(self, node: FieldNode, fdef) -> dict:
        out = {}
        for arg in node.arguments or ():
            adef = fdef.args.get(arg.name.value)
            if adef is not None:
                out[arg.name.value] = value_from_ast(arg.value, adef.type, self.variables)
        return out

    def _field(self, node: FieldNode, parent, data, actual: bool) -> int:
        name = node.name.value
        if name.startswith("__") or not hasattr(parent, "fields") or name not in parent.fields:
            return 0
        fdef = parent.fields[name]
        t, is_list = _unwrap(fdef.type)
        if is_leaf_type(t):
            return 0
        key = node.alias.value if node.alias else name
        value = data.get(key) if isinstance(data, dict) else None
        if actual and value is None:
            return 0
        args = self._args(node, fdef)
        if is_connection(t):
            return self._connection(node, t, args, value, actual)
        if is_list:
            if actual:
                return sum(1 + self._selection(node.selection_set, t, v, True) for v in value or [] if v is not None)
            n = args.get("first") or (len(args["ids"]) if isinstance(args.get("ids"), list) else 1)
            return n * (1 + self._selection(node.selection_set, t, None, False))
        return 1 + self._selection(node.selection_set, t, value, actual)

    def _connection(self, node: FieldNode, t, args: dict, value, actual: bool) -> int:
        node_type = _unwrap(_unwrap(t.fields["edges"].type)[0].fields["node"].type)[0]
        selections = []  # the node's selection sets: edges { node { ... } } and nodes { ... }
        for f, _ in self._groups(node.selection_set, t).get("", []):
            if f.name.value == "nodes" and f.selection_set:
                selections.append(f.selection_set)
            elif f.name.value == "edges" and f.selection_set:
                selections += [g.selection_set for g, _ in self._groups(f.selection_set, None).get("", [])
                               if g.name.value == "node" and g.selection_set]
        if not actual:
            n = args.get("first") or args.get("last") or 0
            return 2 + n * (1 + sum(self._selection(s, node_type, None, False) for s in selections))
        items = [e.get("node") for e in value.get("edges") or []] if "edges" in value else (value.get("nodes") or [])
        per = 0
        for item in items:
            if item is not None:
                per += 1 + sum(self._selection(s, node_type, item, True) for s in selections)
        return 2 + per


class Bucket:
    """The leaky bucket of one app on one shop: ``maximum`` points, refilled at ``rate`` a second."""

    def __init__(self, maximum: float, rate: float, clock=time.monotonic):
        self.maximum, self.rate, self.clock = float(maximum), float(rate), clock
        self.level = float(maximum)
        self.at = clock()
        self._lock = threading.Lock()

    def _refill(self) -> None:
        now = self.clock()
        self.level = min(self.maximum, self.level + (now - self.at) * self.rate)
        self.at = now

    def take(self, cost: float) -> bool:
        with self._lock:
            self._refill()
            if cost > self.level:
                return False
            self.level -= cost
            return True

    def give_back(self, points: float) -> None:
        with self._lock:
            self._refill()
            self.level = min(self.maximum, self.level + max(0.0, points))

    def status(self) -> dict:
        with self._lock:
            self._refill()
            return {"maximumAvailable": self.maximum, "currentlyAvailable": int(self.level), "restoreRate": self.rate}

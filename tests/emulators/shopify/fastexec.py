"""A quicker executor for bulk queries: the same answer graphql-core gives, without its per-field machinery.

A bulk operation executes one big query over the whole store: 30,000 variants with their levels,
or 80,000 orders and lines, for a 10,000-variant world. graphql-core spends about 10 us on every
field it resolves, so preparing those files took the emulator longer than the job time it
emulates (rows / rows_per_second), and its own CPU, not the modelled Shopify, set the pace.

This walker resolves a validated document the way graphql-core's default resolver does (a dict
key, or a callable called with ``info`` and the coerced arguments, defaults included, through
graphql-core's own ``get_argument_values``), completes values by their schema type (leaf
``serialize``, lists, abstract types by ``__typename``) and raises a resolver's GraphQLError as
it comes. For anything it does not do (fragments, directives, variables, a null where the schema
says non-null) it raises ``Unsupported`` and the caller runs graphql-core instead, so the two
can never disagree silently; a test compares them on the bulk queries the source sends.
"""

from __future__ import annotations

from graphql import (
    FieldNode, GraphQLEnumType, GraphQLList, GraphQLNonNull, OperationDefinitionNode, is_abstract_type, is_leaf_type,
)
from graphql.execution.values import get_argument_values


class Unsupported(Exception):
    """The document or the data needs graphql-core's full executor."""


class Info:
    """What the emulator's resolvers read from graphql-core's ResolveInfo: the context and the field name."""

    __slots__ = ("context", "field_name")

    def __init__(self, context: dict, field_name: str):
        self.context, self.field_name = context, field_name


def execute(schema, document, root: dict, context: dict) -> dict:
    """The ``data`` of the document's one query operation (raises Unsupported or a resolver's GraphQLError)."""
    ops = [d for d in document.definitions if isinstance(d, OperationDefinitionNode)]
    if len(ops) != 1 or len(document.definitions) != 1 or ops[0].operation.value != "query":
        raise Unsupported()
    if ops[0].variable_definitions or ops[0].directives:
        raise Unsupported()
    return _Walker(schema, context).object(schema.query_type, root, ops[0].selection_set)


class _Walker:
    """One execution. A document without variables gives every field node the same arguments each time,
    so what a node needs (its schema field, its coerced arguments) is worked out once per (type, node)."""

    def __init__(self, schema, context: dict):
        self.schema, self.context = schema, context
        self._plans: dict[tuple[int, int], tuple] = {}  # the document lives as long as the walk

    def _plan(self, t, node) -> tuple:
        if not isinstance(node, FieldNode) or node.directives:
            raise Unsupported()
        name = node.name.value
        key = node.alias.value if node.alias else name
        if name == "__typename":
            plan = (name, key, None, None, Info(self.context, name))
        else:
            fdef = t.fields.get(name)
            if fdef is None:
                raise Unsupported()
            args = get_argument_values(fdef, node, {}) if fdef.args else {}
            plan = (name, key, fdef.type, args, Info(self.context, name))
        self._plans[(id(t), id(node))] = plan
        return plan

    def object(self, t, source, selection_set) -> dict:
        out = {}
        plans = self._plans
        for node in selection_set.selections:
            plan = plans.get((id(t), id(node))) or self._plan(t, node)
            name, key, ftype, args, info = plan
            if ftype is None:  # __typename
                out[key] = t.name
                continue
            value = source.get(name) if isinstance(source, dict) else getattr(source, name, None)
            if callable(value):
                value = value(info, **args)
            out[key] = self.complete(ftype, value, node)
        return out

    def complete(self, t, value, node: FieldNode):
        if isinstance(t, GraphQLNonNull):
            if value is None:
                raise Unsupported()  # graphql-core would report an error and null the parent
            t = t.of_type
        if value is None:
            return None
        if isinstance(t, GraphQLList):
            return [self.complete(t.of_type, v, node) for v in value]
        if is_leaf_type(t):
            if isinstance(t, GraphQLEnumType) and isinstance(value, str) and value in t.values:
                return value  # already the enum's name: what serialize() gives, without its slow lookup
            return t.serialize(value)
        if is_abstract_type(t):
            named = value.get("__typename") if isinstance(value, dict) else None
            t = self.schema.get_type(named) if named else None
            if t is None:
                raise Unsupported()
        if node.selection_set is None:
            raise Unsupported()
        return self.object(t, value, node.selection_set)

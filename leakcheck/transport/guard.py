"""The read-only rule: every request is checked here before it is sent, and refused if it could write.

Allowed: GET and HEAD; POSTs to paths a platform names as read-only one by one (Square's search
and batch-retrieve endpoints, token status); token endpoints (OAuth refresh, client-credentials
grant), which change nothing of the merchant's; and GraphQL documents whose every operation is a
query, or a mutation made only of ``bulkOperationRunQuery`` whose own query is itself read-only.
Anything else (PUT, PATCH, DELETE, any other POST, any other mutation, subscriptions) raises
WriteRefused naming the channel and the request, and nothing leaves the machine.

GraphQL documents are parsed with graphql-core rather than searched for the word "mutation",
so aliases, fragments, comments and strings cannot smuggle a write past the rule.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, Iterable
from urllib.parse import urlsplit

from graphql import GraphQLError, parse
from graphql.language import FieldNode, OperationDefinitionNode, OperationType, StringValueNode, VariableNode

from .errors import WriteRefused

READ_METHODS = frozenset({"GET", "HEAD"})
BULK_QUERY_MUTATION = "bulkOperationRunQuery"


def _patterns(paths: Iterable[str]) -> tuple[re.Pattern, ...]:
    """Path templates like ``/v2/inventory/{id}`` or ``/admin/api/*/graphql.json`` as anchored regexes."""
    out = []
    for p in paths:
        rx = re.escape(p).replace(r"\*", "[^/]+")
        rx = re.sub(r"\\\{[^}]*\\\}", "[^/]+", rx)
        out.append(re.compile(rx + r"/?\Z"))
    return tuple(out)


@dataclass
class ReadOnlyPolicy:
    """One platform's list of read-only POSTs. Paths are matched on the URL's path, without the query."""

    read_posts: tuple[str, ...] = ()  # POST endpoints that only read (search, batch-retrieve)
    token_posts: tuple[str, ...] = ()  # OAuth token endpoints (grant, refresh, status)
    graphql_posts: tuple[str, ...] = ()  # GraphQL endpoints: the document is checked
    _compiled: dict[str, tuple[re.Pattern, ...]] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        self._compiled = {"read": _patterns(self.read_posts), "token": _patterns(self.token_posts),
                          "graphql": _patterns(self.graphql_posts)}

    def _is(self, kind: str, path: str) -> bool:
        return any(p.match(path) for p in self._compiled[kind])

    def check(self, channel: str, method: str, url: str, json_body: Any = None) -> None:
        """Return if the request only reads; raise WriteRefused (before anything is sent) if it might write."""
        method = method.upper()
        if method in READ_METHODS:
            return
        path = urlsplit(url).path
        refuse = lambda why: WriteRefused(channel, f"{method} {path}", f"refused before sending: {why} "  # noqa: E731
                                          "(leakcheck only reads)")
        if method != "POST":
            raise refuse(f"{method} can change data")
        if self._is("read", path) or self._is("token", path):
            return
        if self._is("graphql", path):
            problem = graphql_write(json_body)
            if problem:
                raise refuse(problem)
            return
        raise refuse("this POST endpoint is not on the read-only list")


def graphql_write(body: Any) -> str | None:
    """Why this GraphQL request body could write, or None when every operation in it only reads."""
    if not isinstance(body, dict) or not isinstance(body.get("query"), str):
        return "a GraphQL POST without a query document"
    return document_write(body["query"], body.get("variables") or {})


def document_write(text: str, variables: dict) -> str | None:
    try:
        doc = parse(text)
    except GraphQLError as exc:
        return f"the GraphQL document does not parse ({exc.message})"
    for op in doc.definitions:
        if not isinstance(op, OperationDefinitionNode):
            continue
        if op.operation == OperationType.QUERY:
            continue
        if op.operation == OperationType.SUBSCRIPTION:
            return "GraphQL subscriptions are not reads"
        for sel in op.selection_set.selections:
            if not isinstance(sel, FieldNode):
                return "a mutation built from fragments cannot be checked"
            if sel.name.value != BULK_QUERY_MUTATION:
                return f"the mutation {sel.name.value} could change data"
            inner = _argument(sel, "query", variables)
            if inner is None:
                return f"{BULK_QUERY_MUTATION} without a query text"
            problem = document_write(inner, {})
            if problem:
                return f"the bulk operation's query: {problem}"
    return None


def _argument(node: FieldNode, name: str, variables: dict) -> str | None:
    for arg in node.arguments or ():
        if arg.name.value == name:
            if isinstance(arg.value, StringValueNode):
                return arg.value.value
            if isinstance(arg.value, VariableNode):
                value = variables.get(arg.value.name.value)
                return value if isinstance(value, str) else None
    return None

"""Bulk query operations: the rules Shopify checks, the asynchronous run, and the JSONL file.

``bulkOperationRunQuery`` checks the inner query (valid against the schema; one top-level
connection field, not ``node``/``nodes``; at most 5 connections nested at most 2 deep; no
connection inside a list field; a node holding a nested connection selects ``id``) and answers
``userErrors`` with code INVALID when it breaks one, LIMIT_REACHED when 5 operations already
run (the 2026-01 limit). Otherwise the operation is CREATED, then RUNNING, then COMPLETED once
``rows / rows_per_second`` seconds have passed (and the rows exist), with ``objectCount``
growing meanwhile. The file is JSONL: one object per line; a node of a nested connection is its
own line with ``__parentId`` naming the node it hangs from, written after all its parent's
siblings of a block (so, as Shopify says, after its parent but not necessarily right after).
Inaccessible data fails the operation with errorCode ACCESS_DENIED.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import threading
from dataclasses import dataclass, field

from graphql import (
    FieldNode, GraphQLError, OperationDefinitionNode, execute, is_leaf_type, parse, validate,
)

from .cost import _unwrap, is_connection

MAX_CONCURRENT = 5
MAX_CONNECTIONS = 5
MAX_DEPTH = 2
BLOCK = 100  # root rows written before their children


@dataclass
class Operation:
    number: int
    query: str
    created: float
    created_iso: str
    status: str = "CREATED"
    error_code: str | None = None
    rows: list[dict] = field(default_factory=list)
    roots: int = 0
    content: bytes = b""
    ready_at: float | None = None  # when it may report COMPLETED
    done: bool = False

    @property
    def id(self) -> str:
        return f"gid://shopify/BulkOperation/{self.number}"


def rule_problem(schema, text: str) -> str | None:
    """Why Shopify would not run this bulk query, or None."""
    try:
        doc = parse(text)
    except GraphQLError as exc:
        return f"Invalid bulk query: {exc.message}"
    errors = validate(schema, doc)
    if errors:
        return f"Invalid bulk query: {errors[0].message}"
    ops = [d for d in doc.definitions if isinstance(d, OperationDefinitionNode)]
    if len(ops) != 1 or ops[0].operation.value != "query":
        return "Bulk queries must contain exactly one query operation."
    tops = [s for s in ops[0].selection_set.selections if isinstance(s, FieldNode)]
    if len(tops) != 1:
        return "Bulk queries must contain exactly one top-level field."
    if tops[0].name.value in ("node", "nodes"):
        return "The top-level node and nodes fields cannot be used in bulk queries."
    count = [0]
    problem = _walk(tops[0], schema.query_type, 0, False, count)
    if problem:
        return problem
    if count[0] == 0:
        return "Bulk queries must contain at least one connection."
    if count[0] > MAX_CONNECTIONS:
        return f"Bulk queries cannot contain more than {MAX_CONNECTIONS} connections."
    return None


def _walk(node: FieldNode, parent, depth: int, in_list: bool, count: list) -> str | None:
    fdef = parent.fields.get(node.name.value) if hasattr(parent, "fields") else None
    if fdef is None:
        return None
    t, is_list = _unwrap(fdef.type)
    if is_leaf_type(t):
        return None
    if is_connection(t):
        if in_list:
            return "Queries that contain a connection field within a list field are not currently supported."
        count[0] += 1
        depth += 1
        if depth > MAX_DEPTH:
            return f"Bulk queries cannot contain more than {MAX_DEPTH} levels of nested connections."
        node_type = _unwrap(_unwrap(t.fields["edges"].type)[0].fields["node"].type)[0]
        for f in _fields(node):
            if f.name.value == "edges":
                for g in _fields(f):
                    if g.name.value == "node":
                        nested = [h for h in _fields(g) if _has_connection(h, node_type)]
                        if nested and not any(h.name.value == "id" for h in _fields(g)):
                            return ("The parent 'node' field for a nested connection must select the 'id' field. "
                                    f"Connection fields without 'id': {node.name.value}.")
                        for h in _fields(g):
                            problem = _walk(h, node_type, depth, False, count)
                            if problem:
                                return problem
        return None
    for f in _fields(node):
        problem = _walk(f, t, depth, in_list or is_list, count)
        if problem:
            return problem
    return None


def _fields(node) -> list[FieldNode]:
    return [s for s in (node.selection_set.selections if node.selection_set else []) if isinstance(s, FieldNode)]


def _has_connection(node: FieldNode, parent) -> bool:
    fdef = parent.fields.get(node.name.value) if hasattr(parent, "fields") else None
    if fdef is None:
        return False
    t, _ = _unwrap(fdef.type)
    if is_connection(t):
        return True
    return not is_leaf_type(t) and any(_has_connection(f, t) for f in _fields(node))


# --- running -------------------------------------------------------------------------------------
def run(schema, op: Operation, root: dict, context: dict, rows_per_second: float, fail_with: str | None) -> None:
    """Execute the bulk query in full and prepare its file (in a background thread)."""
    try:
        _run(schema, op, root, context, fail_with)
    except Exception:  # an emulator defect fails the operation, as Shopify's own would
        op.error_code, op.rows = "INTERNAL_SERVER_ERROR", []
    op.ready_at = op.created + max(0.02, len(op.rows) / rows_per_second)
    op.done = True


def _run(schema, op: Operation, root: dict, context: dict, fail_with: str | None) -> None:
    doc = parse(op.query)
    result = execute(schema, doc, root_value=root, context_value={**context, "bulk": True})
    if result.errors:
        denied = any((e.extensions or {}).get("code") == "ACCESS_DENIED" for e in result.errors)
        op.error_code = "ACCESS_DENIED" if denied else "INTERNAL_SERVER_ERROR"
    elif fail_with:
        op.error_code = fail_with
    else:
        top = next(s for s in doc.definitions[0].selection_set.selections if isinstance(s, FieldNode))
        op.rows, op.roots = to_rows(schema, top, result.data)
        op.content = b"".join(json.dumps(r, separators=(",", ":")).encode() + b"\n" for r in op.rows)


def to_rows(schema, top: FieldNode, data: dict) -> tuple[list[dict], int]:
    """The nested result of a bulk query as JSONL rows with ``__parentId``."""
    key = top.alias.value if top.alias else top.name.value
    conn_type = _unwrap(schema.query_type.fields[top.name.value].type)[0]
    node_sel = _node_selection(top)
    roots = [e["node"] for e in (data.get(key) or {}).get("edges") or []]
    rows: list[dict] = []
    node_type = _unwrap(_unwrap(conn_type.fields["edges"].type)[0].fields["node"].type)[0]
    for start in range(0, len(roots), BLOCK):
        later: list[dict] = []
        for value in roots[start:start + BLOCK]:
            rows.append(_line(value, node_sel, node_type, None, later))
        rows += later
    return rows, len(roots)


def _node_selection(conn: FieldNode) -> list[FieldNode]:
    for f in _fields(conn):
        if f.name.value == "edges":
            for g in _fields(f):
                if g.name.value == "node":
                    return _fields(g)
    return []


def _line(value: dict, selection: list[FieldNode], t, parent_id: str | None, later: list[dict]) -> dict:
    """One node as a row: nested objects inline, nested connection nodes appended to ``later``."""
    row = _inline(value, selection, t, value.get("id"), later)
    if parent_id is not None:
        row["__parentId"] = parent_id
    return row


def _inline(value: dict, selection: list[FieldNode], t, owner_id, later: list[dict]) -> dict:
    row: dict = {}
    for f in selection:
        key = f.alias.value if f.alias else f.name.value
        fdef = t.fields.get(f.name.value) if hasattr(t, "fields") else None
        v = value.get(key)
        if fdef is None:
            row[key] = v
            continue
        ft, is_list = _unwrap(fdef.type)
        if is_connection(ft):
            node_type = _unwrap(_unwrap(ft.fields["edges"].type)[0].fields["node"].type)[0]
            for e in (v or {}).get("edges") or []:
                slot = len(later)
                later.append({})  # the child's place comes before any of its own children
                later[slot] = _line(e["node"], _node_selection(f), node_type, owner_id, later)
            continue
        if is_leaf_type(ft) or v is None:
            row[key] = v
        elif is_list:
            row[key] = [_inline(x, _fields(f), ft, owner_id, later) if isinstance(x, dict) else x for x in v]
        else:
            row[key] = _inline(v, _fields(f), ft, owner_id, later)
    return row


def signature(secret: bytes, number: int) -> str:
    return hmac.new(secret, f"bulk/{number}".encode(), hashlib.sha256).hexdigest()


def status(op: Operation, now: float) -> tuple[str, int]:
    """Where the operation is now, and how many objects it has written so far."""
    if op.done and op.error_code:
        return "FAILED", 0
    if not op.done or op.ready_at is None or now < op.ready_at:
        if now - op.created < 0.01:
            return "CREATED", 0
        span = (op.ready_at - op.created) if op.ready_at else 1.0
        return "RUNNING", int(len(op.rows) * min(1.0, (now - op.created) / span)) if op.done else 0
    return "COMPLETED", len(op.rows)


def start_thread(target, *args) -> None:
    threading.Thread(target=target, args=args, daemon=True).start()

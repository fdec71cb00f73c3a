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

import gc
import hashlib
import hmac
import json
import os
import pickle
import queue
import threading
import time
from dataclasses import dataclass

from graphql import (
    FieldNode, GraphQLError, OperationDefinitionNode, execute, is_leaf_type, parse, validate,
)

from . import fastexec
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
    rows: int = 0  # objects in the file (its lines)
    roots: int = 0
    content: bytes = b""
    ready_at: float | None = None  # when it may report COMPLETED: created + rows / rows_per_second
    done: bool = False
    done_at: float | None = None  # when the emulator had really finished preparing it

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
def run(schema, op: Operation, root: dict, context: dict, rows_per_second: float, fail_with: str | None,
        in_child: bool = False) -> None:
    """Execute the bulk query in full and prepare its file (on the emulator's Preparer thread).

    ``in_child``: prepare it in a forked process (a big store), so the work uses another core
    instead of the interpreter that serves every request (this emulator's and, under ``python -m
    tests.emulators``, Square's too); a thread competing for that one interpreter made a small
    operation seconds late. The child only reads the store and sends back the file.
    """
    try:
        if in_child and hasattr(os, "fork"):
            _run_in_child(schema, op, root, context, fail_with)
        else:
            _run(schema, op, root, context, fail_with)
    except Exception:  # an emulator defect fails the operation, as Shopify's own would
        op.error_code, op.rows, op.content = "INTERNAL_SERVER_ERROR", 0, b""
    op.ready_at = op.created + max(0.02, op.rows / rows_per_second)
    op.done_at = time.monotonic()
    op.done = True


def _run_in_child(schema, op: Operation, root: dict, context: dict, fail_with: str | None) -> None:
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: prepare, send, and leave without running any of the parent's exit handlers
        code = 1
        try:
            gc.disable()  # short-lived: a full collection would walk (and copy) the parent's whole heap
            os.close(read_end)
            _run(schema, op, root, context, fail_with)
            payload = pickle.dumps((op.error_code, op.rows, op.roots, op.content), protocol=pickle.HIGHEST_PROTOCOL)
            with os.fdopen(write_end, "wb") as out:
                out.write(payload)
            code = 0
        finally:
            os._exit(code)
    os.close(write_end)
    with os.fdopen(read_end, "rb") as got:
        payload = got.read()
    _, status = os.waitpid(pid, 0)
    if status != 0 or not payload:
        raise RuntimeError(f"the bulk preparation process ended with status {status}")
    op.error_code, op.rows, op.roots, op.content = pickle.loads(payload)


class Preparer:
    """One thread that prepares an emulator's bulk operations one after another, in the order started.

    The emulator's own CPU is not what it models (an operation's job time is ``rows /
    rows_per_second``, reported through ``ready_at``), but executing a big query takes it seconds.
    Run all at once, operations would share the interpreter, so a small one started first would
    wait on two big ones; one at a time, each is ready at its emulated time whenever the
    emulator can keep up.
    """

    def __init__(self):
        self._jobs: queue.SimpleQueue = queue.SimpleQueue()
        self._thread: threading.Thread | None = None
        self._lock = threading.Lock()

    def submit(self, target, *args) -> None:
        with self._lock:
            self._jobs.put((target, args))
            if self._thread is None:
                self._thread = threading.Thread(target=self._work, name="shopify-bulk", daemon=True)
                self._thread.start()

    def close(self) -> None:
        with self._lock:
            if self._thread is not None:
                self._jobs.put(None)
                self._thread = None

    def _work(self) -> None:
        while (job := self._jobs.get()) is not None:
            target, args = job
            target(*args)


def _run(schema, op: Operation, root: dict, context: dict, fail_with: str | None) -> None:
    doc = parse(op.query)
    data, errors = answer(schema, doc, root, {**context, "bulk": True})
    if errors:
        denied = any((e.extensions or {}).get("code") == "ACCESS_DENIED" for e in errors)
        op.error_code = "ACCESS_DENIED" if denied else "INTERNAL_SERVER_ERROR"
    elif fail_with:
        op.error_code = fail_with
    else:
        top = next(s for s in doc.definitions[0].selection_set.selections if isinstance(s, FieldNode))
        rows, op.roots = to_rows(schema, top, data)
        op.rows = len(rows)
        op.content = b"".join(json.dumps(r, separators=(",", ":")).encode() + b"\n" for r in rows)


def answer(schema, doc, root: dict, context: dict) -> tuple[dict | None, list[GraphQLError]]:
    """The query's data and errors: fastexec's walker, or graphql-core where the walker declines."""
    try:
        return fastexec.execute(schema, doc, root, context), []
    except fastexec.Unsupported:
        result = execute(schema, doc, root_value=root, context_value=context)
        return result.data, list(result.errors or [])
    except GraphQLError as exc:  # a resolver's error (ACCESS_DENIED): the operation fails
        return None, [exc]


def to_rows(schema, top: FieldNode, data: dict) -> tuple[list[dict], int]:
    """The nested result of a bulk query as JSONL rows with ``__parentId``."""
    key = top.alias.value if top.alias else top.name.value
    conn_type = _unwrap(schema.query_type.fields[top.name.value].type)[0]
    node_sel = _node_selection(top)
    roots = [e["node"] for e in (data.get(key) or {}).get("edges") or []]
    rows: list[dict] = []
    node_type = _unwrap(_unwrap(conn_type.fields["edges"].type)[0].fields["node"].type)[0]
    writer = _Rows()
    for start in range(0, len(roots), BLOCK):
        later: list[dict] = []
        for value in roots[start:start + BLOCK]:
            rows.append(writer.line(value, node_sel, node_type, None, later))
        rows += later
    return rows, len(roots)


def _node_selection(conn: FieldNode) -> list[FieldNode]:
    for f in _fields(conn):
        if f.name.value == "edges":
            for g in _fields(f):
                if g.name.value == "node":
                    return _fields(g)
    return []


class _Rows:
    """Writes rows; what each selected field is (leaf, object, list, connection) is worked out once per field."""

    LEAF, OBJECT, LIST, CONNECTION = range(4)

    def __init__(self):
        self._plans: dict[tuple[int, int], tuple] = {}  # (id(type), id(field node)) -> plan; nodes live as long

    def _plan(self, t, f: FieldNode) -> tuple:
        found = self._plans.get((id(t), id(f)))
        if found is None:
            key = f.alias.value if f.alias else f.name.value
            fdef = t.fields.get(f.name.value) if hasattr(t, "fields") else None
            if fdef is None:
                found = (key, self.LEAF, None, None)
            else:
                ft, is_list = _unwrap(fdef.type)
                if is_connection(ft):
                    node_type = _unwrap(_unwrap(ft.fields["edges"].type)[0].fields["node"].type)[0]
                    found = (key, self.CONNECTION, node_type, _node_selection(f))
                elif is_leaf_type(ft):
                    found = (key, self.LEAF, None, None)
                else:
                    found = (key, self.LIST if is_list else self.OBJECT, ft, _fields(f))
            self._plans[(id(t), id(f))] = found
        return found

    def line(self, value: dict, selection: list[FieldNode], t, parent_id: str | None, later: list[dict]) -> dict:
        """One node as a row: nested objects inline, nested connection nodes appended to ``later``."""
        row = self.inline(value, selection, t, value.get("id"), later)
        if parent_id is not None:
            row["__parentId"] = parent_id
        return row

    def inline(self, value: dict, selection: list[FieldNode], t, owner_id, later: list[dict]) -> dict:
        row: dict = {}
        for f in selection:
            key, kind, sub, sub_selection = self._plan(t, f)
            v = value.get(key)
            if kind == self.CONNECTION:
                for e in (v or {}).get("edges") or []:
                    slot = len(later)
                    later.append({})  # the child's place comes before any of its own children
                    later[slot] = self.line(e["node"], sub_selection, sub, owner_id, later)
            elif kind == self.LEAF or v is None:
                row[key] = v
            elif kind == self.LIST:
                row[key] = [self.inline(x, sub_selection, sub, owner_id, later) if isinstance(x, dict) else x for x in v]
            else:
                row[key] = self.inline(v, sub_selection, sub, owner_id, later)
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
        return "RUNNING", int(op.rows * min(1.0, (now - op.created) / span)) if op.done else 0
    return "COMPLETED", op.rows


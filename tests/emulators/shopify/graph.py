"""The pieces of Shopify's GraphQL behaviour every resolver shares: connections, scopes, search, ids.

- Connections are Relay-style with opaque cursors; ``first``/``last`` above 250 or missing is the
  error Shopify gives (a bulk operation's query may omit them: it reads everything).
- A field behind an access scope raises ACCESS_DENIED in Shopify's shape
  (``extensions.code``, ``requiredAccess``); a ``write_`` scope grants its ``read_`` too.
- ``query:`` search strings understand the terms leakcheck and the notes use
  (``processed_at:>='…'``, ``test:false``, ``financial_status:…``, ``status:cancelled``,
  ``requires_components:true``, ``sku:…``) joined by AND / OR and parentheses; any other term
  is an error, so a query the emulator cannot honour fails loudly instead of matching everything.
"""

from __future__ import annotations

import base64
import json
import re
from datetime import datetime, timezone
from functools import lru_cache
from typing import Any, Callable, Iterable

from graphql import GraphQLError

MAX_PAGE = 250
SCOPES_DOC = "https://shopify.dev/api/usage/access-scopes"


def gid(kind: str, number: int) -> str:
    return f"gid://shopify/{kind}/{number}"


def iso(ts: float | None) -> str | None:
    if ts is None:
        return None
    return datetime.fromtimestamp(int(ts), tz=timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


@lru_cache(maxsize=256)  # a search compares every order with the same few times
def parse_time(text: str) -> float:
    text = text.strip().strip("'\"")
    if len(text) == 10:
        text += "T00:00:00Z"
    return datetime.fromisoformat(text.replace("Z", "+00:00")).timestamp()


# --- scopes --------------------------------------------------------------------------------------
def held(info) -> set[str]:
    scopes = set(info.context["scopes"])
    return scopes | {"read_" + s[6:] for s in scopes if s.startswith("write_")}


def require(info, scope: str) -> None:
    if scope not in held(info):
        name = info.field_name
        raise GraphQLError(f"Access denied for {name} field. Required access: `{scope}` access scope.",
                           extensions={"code": "ACCESS_DENIED", "documentation": SCOPES_DOC,
                                       "requiredAccess": f"`{scope}` access scope."})


def guarded(scope: str, value: Any) -> Callable:
    """A field that needs ``scope``: the value (or what the callable gives) once the scope is held."""
    def resolve(info, **args):
        require(info, scope)
        return value(info, **args) if callable(value) else value
    return resolve


# --- connections ---------------------------------------------------------------------------------
def _cursor(index: int) -> str:
    return base64.urlsafe_b64encode(json.dumps({"last_index": index}).encode()).decode().rstrip("=")


def _index(cursor: str) -> int:
    try:
        pad = "=" * (-len(cursor) % 4)
        return int(json.loads(base64.urlsafe_b64decode(cursor + pad))["last_index"])
    except Exception:
        raise GraphQLError("Invalid cursor for current pagination sort.", extensions={"code": "BAD_REQUEST"}) from None


def connection(items: list, info, first: int | None = None, last: int | None = None, after: str | None = None,
               before: str | None = None, reverse: bool | None = False, **_ignored) -> dict:
    """One page of ``items`` as a Relay connection object."""
    bulk = info.context.get("bulk", False)
    for name, n in (("first", first), ("last", last)):
        if n is not None and (n < 0 or n > MAX_PAGE):
            raise GraphQLError(f"The {name} argument cannot exceed {MAX_PAGE}." if n > 0 else
                               f"The {name} argument cannot be negative.", extensions={"code": "BAD_REQUEST"})
    if first is None and last is None and not bulk:
        raise GraphQLError("you must provide one of first or last", extensions={"code": "BAD_REQUEST"})
    seq = list(reversed(items)) if reverse else items
    lo, hi = 0, len(seq)
    if after:
        lo = _index(after) + 1
    if before:
        hi = min(hi, _index(before))
    if first is not None:
        hi = min(hi, lo + first)
    elif last is not None:
        lo = max(lo, hi - last)
    page = range(lo, max(lo, hi))
    # a cursor is made only when asked for (a bulk query over 80,000 orders asks for none)
    edges = [{"cursor": _lazy_cursor(i), "node": seq[i]} for i in page]
    return {
        "edges": edges, "nodes": [seq[i] for i in page],
        "pageInfo": lambda info: {"hasNextPage": hi < len(seq), "hasPreviousPage": lo > 0,
                                  "startCursor": _cursor(page[0]) if page else None,
                                  "endCursor": _cursor(page[-1]) if page else None},
    }


def _lazy_cursor(index: int) -> Callable:
    return lambda info: _cursor(index)


def conn_field(items: list | Callable[[], list], scope: str | None = None) -> Callable:
    """A connection field over ``items`` (or what calling it gives), optionally behind a scope."""
    def resolve(info, **args):
        if scope:
            require(info, scope)
        return connection(items() if callable(items) else items, info, **args)
    return resolve


# --- search syntax -------------------------------------------------------------------------------
_TOKEN = re.compile(r"""\(|\)|[a-z_]+:(?:<=|>=|<|>)?(?:'[^']*'|"[^"]*"|[^\s()]+)|\S+""")
_TERM = re.compile(r"^(?P<field>[a-z_]+):(?P<op><=|>=|<|>|)(?P<value>'[^']*'|\"[^\"]*\"|\S+)$")


def _bad(text: str) -> GraphQLError:
    return GraphQLError(f"emulator: search term {text!r} is not supported", extensions={"code": "BAD_REQUEST"})


def search_tree(query: str | None):
    """A search string as a tree: ``("and", [...])``, ``("or", [...])`` or ``("term", field, op, value)``.

    Shopify's grammar as far as leakcheck and the notes use it: ``field:value`` terms with an
    optional comparator, connectives ``AND`` / ``OR`` (a missing connective is AND; AND binds
    tighter than OR) and parentheses. Anything else is an error, so a query the emulator cannot
    honour fails loudly instead of matching everything.
    """
    tokens = _TOKEN.findall(query or "")
    pos = 0

    def peek() -> str | None:
        return tokens[pos] if pos < len(tokens) else None

    def either():
        nonlocal pos
        parts = [both()]
        while peek() is not None and peek().upper() == "OR":
            pos += 1
            parts.append(both())
        return parts[0] if len(parts) == 1 else ("or", parts)

    def both():
        nonlocal pos
        parts = [one()]
        while peek() is not None and peek() != ")" and peek().upper() != "OR":
            if peek().upper() == "AND":
                pos += 1
            parts.append(one())
        return parts[0] if len(parts) == 1 else ("and", parts)

    def one():
        nonlocal pos
        token = peek()
        if token is None:
            raise _bad(query or "")
        pos += 1
        if token == "(":
            inner = either()
            if peek() != ")":
                raise _bad(query or "")
            pos += 1
            return inner
        m = _TERM.match(token)
        if not m:
            raise _bad(token)
        return ("term", m["field"], m["op"] or "=", m["value"].strip("'\""))

    if not tokens:
        return ("and", [])
    tree = either()
    if pos != len(tokens):
        raise _bad(" ".join(tokens[pos:]))
    return tree


def terms(query: str | None) -> list[tuple[str, str, str]]:
    """Every ``(field, op, value)`` term of a search string, whatever connects them."""
    out: list[tuple[str, str, str]] = []

    def walk(node):
        if node[0] == "term":
            out.append(node[1:])
        else:
            for child in node[1]:
                walk(child)
    walk(search_tree(query))
    return out


def compare(left: float, op: str, right: float) -> bool:
    return {"=": left == right, ">": left > right, ">=": left >= right, "<": left < right, "<=": left <= right}[op]


def truthy(value: str) -> bool:
    return value.lower() in ("true", "1", "yes")


def filtered(items: Iterable[dict], query: str | None, fields: dict[str, Callable[[dict, str, str], bool]]) -> list:
    tree = search_tree(query)
    for field, _, _ in terms(query):
        if field not in fields:
            raise GraphQLError(f"emulator: search field {field!r} is not supported here", extensions={"code": "BAD_REQUEST"})

    def compile_(node) -> Callable[[dict], bool]:
        if node[0] == "term":
            rule, op, value = fields[node[1]], node[2], node[3]
            return lambda x: rule(x, op, value)
        parts = [compile_(child) for child in node[1]]
        if node[0] == "and":
            return lambda x: all(p(x) for p in parts)
        return lambda x: any(p(x) for p in parts)
    match = compile_(tree)
    return [x for x in items if match(x)]

"""Shopify's Admin GraphQL 2026-07 schema, built once per process.

``admin-graphql-2026-07.schema.graphql.gz`` beside this file is the SDL from the shared specs
(``specs/shopify/admin-graphql-2026-07.schema.graphql``: 3,815,139 bytes, sha256
8e4613f46a91ed9e5ee43a4c1f5228adcf302def2e6916d1982d55682f84f52e, captured from a live
introspection of a 2026-07 shop; provenance in ``specs/shopify/SOURCE.md``), gzipped so the
repository carries 0.6 MB instead of 3.8 MB. Building it takes about two seconds, so the
emulator and the query-validation tests share one copy.
"""

from __future__ import annotations

import gzip
import hashlib
import threading
from pathlib import Path

from graphql import GraphQLSchema, build_schema

SDL = Path(__file__).with_name("admin-graphql-2026-07.schema.graphql.gz")
SHA256 = "8e4613f46a91ed9e5ee43a4c1f5228adcf302def2e6916d1982d55682f84f52e"
VERSION = "2026-07"

_lock = threading.Lock()
_schema: GraphQLSchema | None = None


def sdl_text() -> str:
    raw = gzip.decompress(SDL.read_bytes())
    if hashlib.sha256(raw).hexdigest() != SHA256:
        raise RuntimeError(f"{SDL.name} is not the SDL from specs/shopify (sha256 differs)")
    return raw.decode("utf-8")


def schema() -> GraphQLSchema:
    """The 2026-07 Admin schema (built on first use, then shared)."""
    global _schema
    with _lock:
        if _schema is None:
            _schema = build_schema(sdl_text(), assume_valid=True)
        return _schema

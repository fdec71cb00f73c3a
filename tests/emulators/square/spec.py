"""Square's OpenAPI 3.0 spec, as JSON Schema validators for the emulator's answers and the source's requests.

``api.json.gz`` beside this file is ``specs/square/api.json`` from the shared specs
(square/connect-api-specification, commit of 2025-08-19, Square-Version 2025-08-20; 3,113,770
bytes, sha256 a9a4f10f229c7f3f5a33265d8a0412136d2fa49639c2390b59ff1fcc6bb4eb64; Apache-2.0, licence in
``api.LICENSE.txt``), gzipped so the repository carries 0.4 MB.

OpenAPI 3.0 schemas are not quite JSON Schema: ``nullable: true`` means "or null", and a ``$ref``
with siblings keeps only the ``$ref``. ``validator(name)`` rewrites the spec's components once
(nullable -> a union with null; ``$ref`` siblings dropped) and, with ``strict`` (the default),
closes every object schema (``additionalProperties: false``), so an emulator answer with a field
Square does not have, or a misspelt one, fails as surely as a wrong type or enum value. jsonschema
(already a test dependency) with ``referencing`` resolves the components; no OpenAPI library is
needed for this subset (no discriminators, no allOf in the schemas used).
"""

from __future__ import annotations

import copy
import gzip
import hashlib
import json
import threading
from functools import lru_cache
from pathlib import Path

from jsonschema import Draft202012Validator
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

SPEC = Path(__file__).with_name("api.json.gz")
SHA256 = "a9a4f10f229c7f3f5a33265d8a0412136d2fa49639c2390b59ff1fcc6bb4eb64"
BASE = "urn:square-openapi"
_lock = threading.Lock()


@lru_cache(maxsize=1)
def spec() -> dict:
    raw = gzip.decompress(SPEC.read_bytes())
    if hashlib.sha256(raw).hexdigest() != SHA256:
        raise RuntimeError(f"{SPEC.name} is not specs/square/api.json (sha256 differs)")
    return json.loads(raw)


def operation(method: str, path: str) -> dict:
    return spec()["paths"][path][method.lower()]


def _convert(node, strict: bool):
    if isinstance(node, list):
        return [_convert(x, strict) for x in node]
    if not isinstance(node, dict):
        return node
    if "$ref" in node:
        ref = {"$ref": BASE + node["$ref"]}
        return {"anyOf": [ref, {"type": "null"}]} if node.get("nullable") else ref
    out = {}
    for key, value in node.items():
        if key in ("properties", "patternProperties"):
            out[key] = {k: _convert(v, strict) for k, v in value.items()}
        elif key in ("items", "additionalProperties", "not") and isinstance(value, dict):
            out[key] = _convert(value, strict)
        elif key in ("allOf", "anyOf", "oneOf"):
            out[key] = [_convert(v, strict) for v in value]
        elif key in ("nullable", "example", "x-release-status", "readOnly", "writeOnly", "discriminator"):
            continue
        else:
            out[key] = copy.deepcopy(value)
    if node.get("nullable") and "type" in out:
        out["type"] = [out["type"], "null"]
        if "enum" in out:
            out["enum"] = list(out["enum"]) + [None]
    if strict and (out.get("type") == "object" or "properties" in out) and "additionalProperties" not in out:
        out["additionalProperties"] = False
    return out


@lru_cache(maxsize=2)
def _registry(strict: bool) -> Registry:
    components = {"components": {"schemas": {k: _convert(v, strict) for k, v in
                                             spec()["components"]["schemas"].items()}}}
    resource = Resource.from_contents(components, default_specification=DRAFT202012)
    return Registry().with_resource(BASE, resource)


def validator(name: str, strict: bool = True) -> Draft202012Validator:
    """A validator for ``components/schemas/<name>``."""
    with _lock:
        registry = _registry(strict)
    return Draft202012Validator({"$ref": f"{BASE}#/components/schemas/{name}"}, registry=registry)


def errors(name: str, instance, strict: bool = True, limit: int = 5) -> list[str]:
    """Up to ``limit`` validation errors, each "path: message", empty when ``instance`` fits ``name``."""
    found = []
    for err in validator(name, strict).iter_errors(instance):
        where = "/".join(str(p) for p in err.absolute_path) or "(root)"
        found.append(f"{where}: {err.message[:200]}")
        if len(found) >= limit:
            break
    return found

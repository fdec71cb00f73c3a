"""The transport is the only way out: no other module of leakcheck imports an HTTP library."""

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[2] / "leakcheck"
HTTP_LIBRARIES = {"requests", "urllib3", "http.client", "httpx", "aiohttp", "urllib.request", "socket"}
ALLOWED = {("transport/http.py", "requests"), ("transport/retry.py", "urllib3")}  # retry: Retry-After parsing only


def test_only_the_transport_touches_the_network():
    found = []
    for path in PACKAGE.rglob("*.py"):
        rel = path.relative_to(PACKAGE).as_posix()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = [a.name for a in node.names] if isinstance(node, ast.Import) else (
                [node.module] if isinstance(node, ast.ImportFrom) and node.module else [])
            for name in names:
                top = next((lib for lib in HTTP_LIBRARIES if name == lib or name.startswith(lib + ".")), None)
                if top and (rel, top) not in ALLOWED:
                    found.append(f"{rel} imports {name}")
    assert not found, found

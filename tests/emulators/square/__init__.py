"""A loopback Square API for tests and benchmarks: ``SquareEmulator(world, channel="till", ...)``.

account.py renders a World's channel as a Square seller account (catalog.py: items, variations
and counts; history.py: inventory changes and orders); routes.py serves the read endpoints with
Square's filters, limits and cursors; server.py is the HTTP side (auth, scopes, the stand-in rate
limit, faults); spec.py validates answers and requests against Square's OpenAPI spec (api.json.gz).
"""

from .server import DEFAULT_TOKEN, READ_SCOPES, SquareEmulator

__all__ = ["DEFAULT_TOKEN", "READ_SCOPES", "SquareEmulator"]

"""The read-only HTTP transport every live source uses (see http.py for the request's path).

Split by role: guard.py (the read-only rule), retry.py (when and how long), limits.py (platform
rate-limit models), budget.py (--budget), redact.py (no secret ever leaves), trace.py (--trace),
recording.py (snapshot and replay), errors.py. Only http.py imports ``requests``.
"""

from .budget import Budget
from .errors import (
    AuthFailed, BadResponse, BudgetExhausted, NotFound, ServerFault, TransportError, Unreachable, WriteRefused,
)
from .guard import ReadOnlyPolicy
from .http import Auth, NoAuth, Response, Transport
from .limits import RateLimit, RequestRate, ShopifyCostBucket
from .recording import Recorder, ReplayStore, scrub_personal
from .redact import Redactor
from .trace import TraceWriter

__all__ = [
    "Auth", "AuthFailed", "BadResponse", "Budget", "BudgetExhausted", "NoAuth", "NotFound", "RateLimit",
    "ReadOnlyPolicy", "Recorder", "Redactor", "ReplayStore", "RequestRate", "Response", "ServerFault",
    "ShopifyCostBucket", "TraceWriter", "Transport", "TransportError", "Unreachable", "WriteRefused", "scrub_personal",
]

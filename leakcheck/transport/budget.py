"""The scan's time budget (``--budget``): a deadline every wait and retry is measured against.

The transport never sleeps past it. When the platform's rate limit or a backoff would take longer
than what is left, it raises BudgetExhausted at once instead of sleeping and failing later: the
source stops there, and the coverage says what the budget left unread. One Budget is shared by all
channels of a scan, because the promise ("about a minute") is about the whole scan.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import Callable


@dataclass
class Budget:
    seconds: float | None = 60.0  # None: no limit (snapshots, benchmarks)
    clock: Callable[[], float] = time.monotonic
    started: float = field(default=0.0)

    def __post_init__(self) -> None:
        self.started = self.clock()

    def remaining(self) -> float:
        if self.seconds is None:
            return float("inf")
        return self.seconds - (self.clock() - self.started)

    def allows(self, wait: float) -> bool:
        """True when waiting ``wait`` seconds still ends inside the budget."""
        return wait <= self.remaining()

    def spent(self) -> float:
        return self.clock() - self.started

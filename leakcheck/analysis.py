"""Snapshot -> checks -> leaks: runs each check on the channels that can feed it.

Separate from the engine (which reads sources and builds the Report) so tests and benchmarks
can run exactly the analysis on a Snapshot built in memory.
"""

from __future__ import annotations

import gc
import time
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Iterator

from .assumptions import Assumptions
from .checks.base import Check, CheckContext, Leak, NotEvaluated
from .index import Index, build_index
from .model import CAPABILITY_PHRASES, Snapshot
from .money import Pricer


@dataclass
class CheckOutcome:
    check: type[Check]
    leaks: list[Leak] = field(default_factory=list)
    not_evaluated: list[NotEvaluated] = field(default_factory=list)
    ran: bool = False  # False: no channel could feed it
    error: str = ""  # a bug in a check is reported, never a traceback to the user
    seconds: float = 0.0


def _missing(provides: set[str], needs: frozenset[str]) -> list[str]:
    return [CAPABILITY_PHRASES[c] for c in sorted(needs) if c not in provides]


def run_check(check: type[Check], snapshot: Snapshot, index: Index, pricer: Pricer, assumptions: Assumptions) -> CheckOutcome:
    """Run one check: NOT_EVALUATED for channels lacking what it needs, then the check itself."""
    outcome = CheckOutcome(check)
    owner = index.owner
    if check.owner_needs:
        if owner is None:
            outcome.not_evaluated.append(NotEvaluated(None, "no owner channel is set (`owner:` in the config or --owner)"))
            return outcome
        missing = _missing(owner.provides, check.owner_needs)
        if missing:
            why = f"the owner channel {owner.name} has no {', '.join(missing)}"
            outcome.not_evaluated.append(NotEvaluated(owner.name, why))
            return outcome
    eligible = []
    for ch in snapshot.channels.values():
        missing = _missing(ch.provides, check.needs)
        if missing:
            outcome.not_evaluated.append(NotEvaluated(ch.name, f"no {', '.join(missing)} in what was read"))
        else:
            eligible.append(ch)
    if not eligible:
        return outcome
    ctx = CheckContext(snapshot, index, assumptions, pricer, eligible)
    started = time.perf_counter()
    try:
        outcome.leaks = list(check().run(ctx))
        outcome.ran = True
    except Exception as exc:  # a defect in one check must not cost the merchant the other twenty
        outcome.error = f"{type(exc).__name__}: {exc}"
        outcome.not_evaluated.append(NotEvaluated(None, f"internal error in {check.id}, please report it: {outcome.error}"))
    outcome.seconds = time.perf_counter() - started
    outcome.not_evaluated.extend(ctx.skipped)
    return outcome


@contextmanager
def bulk_work() -> Iterator[None]:
    """Pause the cyclic garbage collector while millions of records are grouped.

    The analysis creates millions of small containers and no reference cycles; with the collector
    on, its generational passes re-walk every live record again and again, which measured as half
    of the index build on a million listings (benchmarks/analysis.py).
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.freeze()  # what survives is long-lived: spare the collector a full pass over it later
            gc.enable()


def analyse(snapshot: Snapshot, assumptions: Assumptions, checks: list[type[Check]]) -> tuple[Index, Pricer, list[CheckOutcome]]:
    with bulk_work():
        index = build_index(snapshot)
        pricer = Pricer(index, assumptions)
        return index, pricer, [run_check(c, snapshot, index, pricer, assumptions) for c in checks]

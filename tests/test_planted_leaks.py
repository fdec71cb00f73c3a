"""Every check against the one scenario generator: silent on a clean merchant, loud on its own leak.

A clean world (tests/scenarios with no leaks planted) is a merchant whose channels agree, with one
writer per channel and returns that go back into stock: any finding there is a false alarm, the
thing that costs a tool its users' trust. Then each leak is planted alone: its check must fire,
and nothing may fire beyond what that story sets off by its nature (``Plant.also``).
"""

from __future__ import annotations

from collections import Counter

import pytest

from leakcheck.assumptions import Assumptions
from leakcheck.engine import analyse_snapshot
from tests.scenarios import ALL_LEAKS, PLANTS, build_world, to_snapshot


def fired(world) -> Counter:
    report = analyse_snapshot(to_snapshot(world, history_days=60), Assumptions())
    return Counter(f.check_id for f in report.findings)


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_clean_merchant_has_no_findings(seed):
    assert fired(build_world(seed=seed, size=80, leaks=set())) == Counter()


@pytest.mark.parametrize("leak", sorted(ALL_LEAKS))
def test_each_planted_leak_fires_its_check_and_no_stranger(leak):
    plant = next(p for p in PLANTS if p.check == leak)
    counts = fired(build_world(seed=5, size=80, leaks={leak}))
    assert counts[leak] >= 1, f"{leak} did not fire on its own planted leak: {plant.story}"
    strangers = {k: v for k, v in counts.items() if k != leak and k not in plant.also}
    assert strangers == {}, f"planting {leak} also fired {strangers}"

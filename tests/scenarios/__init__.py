"""Merchant worlds with planted leaks: the one generator behind the demo, the tests and the benchmarks.

    from tests.scenarios import build_world, to_snapshot, write_all
    world = build_world(seed=7, size=60, leaks={"SKU004"})   # one leak on a clean baseline
    snapshot = to_snapshot(world)                            # leakcheck.model.Snapshot, no files
    write_all(world, out_dir)                                # every channel's files + leakcheck.yaml

A World (world.py) is built from a seed, a size (number of variants) and a fixed as-of time,
never the clock: catalogue (catalog.py), plan of planted leaks as data (leaks.py), orders
(demand.py), then minute-by-minute stock (simulate.py). It knows no file format; writers/ render
it one platform per module, snapshot.py turns it into leakcheck's model in memory, demo.py is
the Harbour & Hearth demo (``python -m tests.scenarios demo --out examples/demo``) and
consultant.py a client's folder of exports with no config (``... consultant --out examples/consultant``).
"""

from .leaks import ALL_LEAKS, PLANTS
from .snapshot import to_snapshot
from .world import DEMO_AS_OF, DEMO_SEED, World, build_world
from .writers import write_all

__all__ = ["ALL_LEAKS", "PLANTS", "DEMO_AS_OF", "DEMO_SEED", "World", "build_world", "to_snapshot", "write_all"]

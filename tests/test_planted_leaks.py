"""Every check against the one scenario generator: silent on a clean merchant, loud on its own leak.

A clean world (tests/scenarios with no leaks planted) is a merchant whose channels agree, with one
writer per channel and returns that go back into stock: any finding there is a false alarm, the
thing that costs a tool its users' trust. Then each leak is planted alone: its check must fire,
and nothing may fire beyond what that story sets off by its nature (``Plant.also``).
"""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path

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


# --- the demo's answer key names what is really in its files --------------------------------------
DEMO = Path(__file__).resolve().parents[1] / "examples" / "demo"
_CLAIMS = (
    re.compile(r"^`(?P<file>[^`]+)`: code '(?P<code>[^']*)' where the shop has '(?P<sku>[^']+)'$"),
    re.compile(r"^`(?P<file>[^`]+)`: (?P<ids>[^(]+) \((?P<sku>[^,]+), (?P<fate>.+)\)$"),
    re.compile(r"^`(?P<file>[^`]+)`: (?P<writer>.+?) sets (?P<sku>\S+) to .+$"),
    re.compile(r"^`(?P<file>[^`]+)`: (?P<sku>\S+) (shows|never) .+$"),
    re.compile(r"^`(?P<file>[^`]+)`: (`Continue selling when out of stock` = TRUE|blank `Inventory tracker`) "
               r"on (?P<sku>\S+)$"),
    re.compile(r"^`(?P<file>[^`]+)`: (sync rows in batches|\w+'s sales arrive) .+$"),  # timing: the file is enough
)


def _present(text: str, s: str) -> bool:
    """``s`` in a file, written plainly or escaped once or twice in JSON (recorded API answers)."""
    once = json.dumps(s)[1:-1]
    return s in text or once in text or json.dumps(once)[1:-1] in text


def _answer_key() -> list[tuple[str, str]]:
    rows = [line for line in (DEMO / "PLANTED.md").read_text(encoding="utf-8").splitlines()
            if re.match(r"^\| [A-Z]{3}\d{3} \|", line)]
    return [(row.split(" | ")[0][2:], where) for row in rows for where in row.rsplit(" | ", 1)[1][:-2].split("<br>")]


def test_demo_answer_key_covers_every_check():
    assert {check for check, _ in _answer_key()} == ALL_LEAKS


@pytest.mark.parametrize("check,where", _answer_key())
def test_demo_answer_key_points_at_what_the_files_hold(check, where):
    if where.startswith("`leakcheck.yaml`"):
        return  # bundles and ignore entries: the config test in test_scenarios.py reads them
    match = next((m for c in _CLAIMS if (m := c.match(where))), None)
    assert match, f"{check}: an answer-key entry no test understands: {where}"
    path = DEMO / match["file"]
    assert path.is_file(), f"{check}: {path} does not exist"
    text = path.read_bytes().decode("utf-8-sig")
    claim = match.groupdict()
    if "code" in claim:  # a blank code (a listing with no SKU) has nothing to look for
        assert not claim["code"] or _present(text, claim["code"]), (check, where)
    elif claim.get("sku"):
        assert _present(text, claim["sku"]), (check, where)
    for order_id in (claim.get("ids") or "").split(", "):
        assert not order_id or _present(text, order_id), (check, order_id)
    if claim.get("writer"):
        assert _present(text, claim["writer"].removesuffix(" (staff)")), (check, where)
    if "shows it Shipped" in (claim.get("fate") or ""):  # what Amazon's All Orders report says of a refund
        rows = [line.split("\t") for line in text.splitlines() if line.startswith(claim["ids"] + "\t")]
        assert rows and all("Shipped" in r for r in rows), (check, where)

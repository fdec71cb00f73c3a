"""The catalogue: all 21 checks of DESIGN.md exist, documented by their own docstrings."""

import pytest

from leakcheck.checks.base import SECTIONS, all_checks
from leakcheck.model import ALL_CAPABILITIES

DESIGN_IDS = """SKU001 SKU002 SKU003 SKU004 SET001 SET002 SET003 SYN001 SYN002 SYN003 WRT001 WRT002 WRT003
BUN001 BUN002 BUN003 DRF001 DRF002 DRF003 RES001 RET001""".split()


def test_all_21_checks_exist():
    assert sorted(all_checks()) == sorted(DESIGN_IDS)


@pytest.mark.parametrize("check_id", DESIGN_IDS)
def test_docstring_is_documentation(check_id):
    check = all_checks()[check_id]
    title = check.title()
    assert 10 <= len(title) <= 120 and not title.lower().startswith("ensure")
    sections = check.sections()
    for heading in SECTIONS:
        assert sections.get(heading, "").strip(), f"{check_id} lacks '## {heading}'"
    assert set(check.needs) <= set(ALL_CAPABILITIES)
    assert set(check.owner_needs) <= set(ALL_CAPABILITIES)
    assert check.__module__.rsplit(".", 1)[-1] == check_id.lower(), "one module per check, named by its id"

"""What a check is, and the registry that finds them all without a central list.

A check is one module in ``leakcheck/checks/`` holding one subclass of ``Check``. Subclassing
registers it (``__init_subclass__``), and ``all_checks()`` imports every module in the package,
so adding a check is adding a file. The class docstring is the check's documentation:

    First line: the title.

    ## What it finds
    ...
    ## Why it costs money
    ...
    ## How to fix
    ...
    ## Evidence
    `key`: what it holds (the keys of the finding's ``evidence`` object, a JSON contract).

``leakcheck checks`` and ``leakcheck explain ID`` print these sections; a test refuses a check
whose docstring lacks one.

A check is a pure function of the Snapshot (through the shared ``Index``): ``run(ctx)`` yields
``Leak`` records and never prints, reads files or knows a platform. ``needs`` lists the
capabilities (model.CAP_*) a channel must provide for the check to look at it; the engine
reports NOT_EVALUATED for every channel that lacks them. ``owner_needs`` lists what the owner
channel must provide for the check to run at all.
"""

from __future__ import annotations

import importlib
import pkgutil
import re
from dataclasses import dataclass, field
from typing import Any, ClassVar, Iterable, Iterator

from ..assumptions import Assumptions
from ..index import Index
from ..model import CAPABILITY_PHRASES, ChannelData, Snapshot
from ..money import Pricer
from ..report.model import Money, Severity

SECTIONS = ("What it finds", "Why it costs money", "How to fix", "Evidence")
_REGISTRY: dict[str, type["Check"]] = {}
_ID = re.compile(r"^[A-Z]{3}\d{3}$")


@dataclass(slots=True)
class Leak:
    """One finding as a check produces it; the engine adds title, fingerprint and remediation."""

    check_id: str
    message: str  # one plain-English sentence naming the product, the channels and the fact
    channels: list[str]
    skus: list[str]  # the codes as written, every spelling involved
    keys: list[str]  # product keys (skus.product_key) the finding is about
    evidence: dict[str, Any] = field(default_factory=dict)
    money: Money | None = None
    severity: Severity | None = None  # None: the check's default, adjusted by the money
    confidence: str = "high"


@dataclass
class NotEvaluated:
    channel: str | None  # None: the whole check
    why: str


@dataclass
class CheckContext:
    """What a running check may read, and where it says what it could not look at."""

    snapshot: Snapshot
    index: Index
    assumptions: Assumptions
    pricer: Pricer
    channels: list[ChannelData]  # the channels that provide everything the check needs
    skipped: list[NotEvaluated] = field(default_factory=list)

    @property
    def owner(self) -> ChannelData | None:
        return self.index.owner

    def not_evaluated(self, channel: str | None, why: str) -> None:
        """Say that (part of) this check could not run, and why: it shows in the coverage."""
        self.skipped.append(NotEvaluated(channel, why))

    def others(self) -> list[ChannelData]:
        """The eligible channels other than the owner."""
        owner = self.snapshot.owner
        return [c for c in self.channels if c.name != owner]


class Check:
    """Base class of every check; see the module docstring for the contract."""

    id: ClassVar[str]
    severity: ClassVar[Severity] = Severity.medium
    needs: ClassVar[frozenset[str]] = frozenset()
    owner_needs: ClassVar[frozenset[str]] = frozenset()

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        if not _ID.match(getattr(cls, "id", "")):
            raise TypeError(f"{cls.__name__}: a check needs an id like SKU001")
        if not (cls.__doc__ or "").strip():
            raise TypeError(f"{cls.id}: a check's docstring is its documentation and cannot be empty")
        if cls.id in _REGISTRY and _REGISTRY[cls.id].__module__ != cls.__module__:
            raise TypeError(f"{cls.id} is defined twice: {_REGISTRY[cls.id].__module__} and {cls.__module__}")
        _REGISTRY[cls.id] = cls

    def run(self, ctx: CheckContext) -> Iterable[Leak]:  # pragma: no cover - abstract
        raise NotImplementedError

    # --- documentation from the docstring ------------------------------------------------------
    @classmethod
    def title(cls) -> str:
        return (cls.__doc__ or "").strip().splitlines()[0].strip().rstrip(".")

    @classmethod
    def sections(cls) -> dict[str, str]:
        """The docstring's ``## Heading`` sections, dedented, by heading."""
        text = _dedent(cls.__doc__ or "")
        found: dict[str, str] = {}
        for match in re.finditer(r"^## (.+?)\n(.*?)(?=^## |\Z)", text, flags=re.S | re.M):
            found[match.group(1).strip()] = match.group(2).strip()
        return found

    @classmethod
    def remediation(cls) -> str:
        return " ".join(cls.sections().get("How to fix", "").split())

    @classmethod
    def needs_words(cls) -> str:
        return ", ".join(CAPABILITY_PHRASES[c] for c in sorted(cls.needs | cls.owner_needs)) or "listings"


def _dedent(doc: str) -> str:
    lines = doc.expandtabs().splitlines()
    body = lines[1:]
    indents = [len(line) - len(line.lstrip()) for line in body if line.strip()]
    cut = min(indents) if indents else 0
    return "\n".join([lines[0].strip()] + [line[cut:] for line in body])


def all_checks() -> dict[str, type[Check]]:
    """Every check, by id, in id order: imports each module of this package once."""
    from .. import checks as package

    for module in pkgutil.iter_modules(package.__path__):
        if module.name != "base" and not module.name.startswith("_"):
            importlib.import_module(f"{package.__name__}.{module.name}")
    return dict(sorted(_REGISTRY.items()))


def iter_checks(only: Iterable[str] = (), skip: Iterable[str] = ()) -> Iterator[type[Check]]:
    only_set, skip_set = {i.upper() for i in only}, {i.upper() for i in skip}
    for check_id, cls in all_checks().items():
        if (only_set and check_id not in only_set) or check_id in skip_set:
            continue
        yield cls

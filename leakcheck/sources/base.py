"""What a source is, and the registry that maps a config ``type`` to one.

A source knows one platform and one way in, and nothing about checks: it turns what it reads
into a ``ChannelData`` (model.py) and says in it what it could not read. Subclassing registers
it by ``type`` and ``way_in`` (``__init_subclass__``), so a new platform or a new way into one is
one new module in ``sources/``. A channel with ``files:`` is read by its type's files source;
one without is read live (or replayed from a snapshot) by its type's live source.

Faults are not exceptions that escape: a source records them in ``ChannelData.not_read`` or
``bad_rows`` and goes on with what it can. ``SourceError`` is for the one case where a source
cannot produce anything at all; the engine turns it into a not-read entry naming the channel.
"""

from __future__ import annotations

import importlib
import pkgutil
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, ClassVar

from pydantic import BaseModel, ConfigDict, Field, model_validator

from ..model import ChannelData
from . import zipped


class CsvOptions(BaseModel):
    """How to read a delimited file when it is not the usual comma-separated UTF-8."""

    model_config = ConfigDict(extra="forbid")

    delimiter: str | None = Field(None, description="Field separator; sniffed from the header when not set.")
    encoding: str | None = Field(None, description="Text encoding; UTF-8 (with or without BOM), UTF-16 and Windows-1252 are detected.")
    date_format: str | None = Field(None, description="strftime format of dates, when they are not ISO 8601 or a common spreadsheet form.")
    timezone: str | None = Field(None, description="IANA zone of times written without one (e.g. Europe/London).")
    decimal: str = Field(".", description="Decimal mark of numbers: '.' or ','.")


class Section(BaseModel):
    """One kind of record in neutral CSV files: which files, and which header holds each field."""

    model_config = ConfigDict(extra="forbid")

    files: list[str] = Field(default_factory=list)
    columns: dict[str, str] = Field(default_factory=dict)
    options: CsvOptions = Field(default_factory=CsvOptions)


class ChannelConfig(BaseModel):
    """Keys every channel accepts, whatever its type."""

    model_config = ConfigDict(extra="forbid")

    type: str
    files: list[str] = Field(default_factory=list, description="Export files (paths relative to the config file).")
    history: Section | None = Field(None, description="Stock events from a neutral CSV (a sync app's or ERP's activity log).")
    currency: str | None = Field(None, description="Currency of this channel's prices when its files do not say.")
    timezone: str | None = Field(None, description="Zone of times written without one.")

    @model_validator(mode="after")
    def _valid(self) -> "ChannelConfig":
        problems = self.problems()
        if problems:
            raise ValueError("; ".join(problems))
        return self

    def problems(self) -> list[str]:
        """What is wrong with these settings, in words; a channel type adds its own checks to these."""
        return self.history_problems() + self.zone_problems()

    def history_problems(self) -> list[str]:
        """A ``history:`` log's columns are an events mapping: the same rules as a csv channel's events."""
        from .csvsource.mapping import column_problems

        if self.history is None:
            return []
        return [p.replace("events columns", "history columns", 1) for p in column_problems("events", self.history.columns)]

    def zone_problems(self, *more: str | None) -> list[str]:
        """Every time zone named (the channel's, its history's, and ``more``) must be one we know."""
        from .times import known_zone

        zones = [self.timezone, self.history.options.timezone if self.history else None, *more]
        return [f"timezone {z!r} is not a time zone name we know (use one like Europe/London)"
                for z in dict.fromkeys(zones) if z and not known_zone(z)]

    def secrets(self) -> list[str]:
        """Every secret value in this channel's settings, for the redactor."""
        from pydantic import SecretStr

        return [v.get_secret_value() for v in self.__dict__.values()
                if isinstance(v, SecretStr) and v.get_secret_value()]


def _no_budget():
    from ..transport import Budget

    return Budget(None)


@dataclass
class LiveOptions:
    """What live sources are told beyond files: the time budget, the trace, recording and replay."""

    budget: Any = field(default_factory=_no_budget)  # transport.Budget shared by every channel of the scan
    trace: Any = None  # transport.TraceWriter for --trace
    record_dir: Path | None = None  # `leakcheck snapshot --out DIR`: save every answer under DIR/<channel>/
    replay_dir: Path | None = None  # `scan --from DIR`: answer from DIR/<channel>/ instead of the network
    timeout: tuple[float, float] = (10.0, 60.0)


def _ignore_step(channel: str, what: str, done: int, total: int | None) -> None:
    return None


@dataclass
class ReadContext:
    """What every source is told about the scan it is part of."""

    base_dir: Path  # config file's folder: relative paths start here
    history_days: int = 60
    as_of: float | None = None  # scan time (UTC epoch seconds); None: take it from the data
    timezone: str = "UTC"  # zone for times written without one, unless the channel says otherwise
    progress: Callable[[str], None] = lambda message: None
    # progress bars: (channel, what it is reading now, done so far, total when known)
    step: Callable[[str, str, int, "int | None"], None] = _ignore_step
    live: LiveOptions = field(default_factory=LiveOptions)

    def path(self, name: str) -> Path:
        """The file a config name means: relative to the config's folder; ``ARCHIVE.zip:MEMBER`` is a
        file inside a zip, unpacked on first use (a SourceError naming both when it cannot be)."""
        p = Path(name).expanduser()
        p = p if p.is_absolute() else self.base_dir / p
        inside = zipped.split(name) if not p.exists() else None
        if inside is None:
            return p
        try:
            return zipped.member_path(self.path(inside[0]), inside[1])
        except zipped.MemberError as exc:
            raise SourceError(name, str(exc)) from None


class SourceError(Exception):
    """A source could read nothing at all; ``what`` and ``why`` go into the coverage."""

    def __init__(self, what: str, why: str, lost_stock: bool = True):
        super().__init__(f"{what}: {why}")
        self.what, self.why, self.lost_stock = what, why, lost_stock


_REGISTRY: dict[str, dict[str, type["Source"]]] = {}


class Source:
    """Base class of every source. Subclasses set ``type``, ``way_in`` and ``config_model`` and implement ``read``.

    The files and live sources of one platform share its ``config_model``. Live sources also
    implement ``doctor()`` (credentials, reachability and scopes, for ``leakcheck doctor``).
    """

    type: ClassVar[str]
    config_model: ClassVar[type[ChannelConfig]] = ChannelConfig
    way_in: ClassVar[str] = "files"

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        if getattr(cls, "type", None):
            _REGISTRY.setdefault(cls.type, {})[cls.way_in] = cls

    def __init__(self, name: str, config: ChannelConfig, ctx: ReadContext):
        self.name, self.config, self.ctx = name, config, ctx

    def read(self) -> ChannelData:  # pragma: no cover - abstract
        raise NotImplementedError


_LOADED = False


def _load() -> None:
    global _LOADED
    if not _LOADED:
        from .. import sources as package

        for module in pkgutil.walk_packages(package.__path__, prefix=f"{package.__name__}."):
            importlib.import_module(module.name)
        _LOADED = True


def all_sources() -> dict[str, type[Source]]:
    """One source per config type (its files source when it has one), for its ``config_model``.

    Imports every module under ``leakcheck.sources`` the first time.
    """
    _load()
    return {t: ways.get("files") or next(iter(ways.values())) for t, ways in sorted(_REGISTRY.items())}


def ways_in(type_: str) -> dict[str, type[Source]]:
    """The sources of one config type by way in ("files", "live")."""
    _load()
    return dict(_REGISTRY.get(type_, {}))


def source_for(config: ChannelConfig, ctx: ReadContext) -> type[Source]:
    """The source that reads this channel: files when it lists files, else live (or replay)."""
    ways = ways_in(config.type)
    if config.files or "live" not in ways:
        return ways.get("files") or next(iter(ways.values()))
    return ways["live"]

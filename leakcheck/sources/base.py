"""What a source is, and the registry that maps a config ``type`` to one.

A source knows one platform and one way in, and nothing about checks: it turns what it reads
into a ``ChannelData`` (model.py) and says in it what it could not read. Subclassing registers
it by ``type`` (``__init_subclass__``), so a new platform is one new module in ``sources/``.

Faults are not exceptions that escape: a source records them in ``ChannelData.not_read`` or
``bad_rows`` and goes on with what it can. ``SourceError`` is for the one case where a source
cannot produce anything at all; the engine turns it into a not-read entry naming the channel.
"""

from __future__ import annotations

import importlib
import pkgutil
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, ClassVar

from pydantic import BaseModel, ConfigDict, Field

from ..model import ChannelData


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


@dataclass
class ReadContext:
    """What every source is told about the scan it is part of."""

    base_dir: Path  # config file's folder: relative paths start here
    history_days: int = 60
    as_of: float | None = None  # scan time (UTC epoch seconds); None: take it from the data
    timezone: str = "UTC"  # zone for times written without one, unless the channel says otherwise
    progress: Callable[[str], None] = lambda message: None

    def path(self, name: str) -> Path:
        p = Path(name).expanduser()
        return p if p.is_absolute() else self.base_dir / p


class SourceError(Exception):
    """A source could read nothing at all; ``what`` and ``why`` go into the coverage."""

    def __init__(self, what: str, why: str, lost_stock: bool = True):
        super().__init__(f"{what}: {why}")
        self.what, self.why, self.lost_stock = what, why, lost_stock


_REGISTRY: dict[str, type["Source"]] = {}


class Source:
    """Base class of every source. Subclasses set ``type`` and ``config_model`` and implement ``read``."""

    type: ClassVar[str]
    config_model: ClassVar[type[ChannelConfig]] = ChannelConfig
    way_in: ClassVar[str] = "files"

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        if getattr(cls, "type", None):
            _REGISTRY[cls.type] = cls

    def __init__(self, name: str, config: ChannelConfig, ctx: ReadContext):
        self.name, self.config, self.ctx = name, config, ctx

    def read(self) -> ChannelData:  # pragma: no cover - abstract
        raise NotImplementedError


def all_sources() -> dict[str, type[Source]]:
    """Every registered source by config type: imports every module under ``leakcheck.sources``."""
    from .. import sources as package

    for module in pkgutil.walk_packages(package.__path__, prefix=f"{package.__name__}."):
        importlib.import_module(module.name)
    return dict(sorted(_REGISTRY.items()))

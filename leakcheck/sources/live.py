"""What every live source shares: its config keys, its transport, its read order and its doctor.

A live source reads in two phases, stock and settings first, then history (orders and stock
changes), so that when ``--budget`` runs out it is history that is cut, never the stock the
checks most depend on. A fault in one read (``TransportError``) becomes a ``NotRead`` naming what
was not read and why, marked as lost stock or lost history, and the source goes on with the next
read: the engine never sees an exception from a live source for a platform fault.

The transport is built here from the scan's LiveOptions: the shared budget, the trace, and either
a Recorder (``leakcheck snapshot``) or a ReplayStore (``scan --from`` or the channel's
``replay:`` folder), so each platform's code is the same for live, snapshot and replay.
"""

from __future__ import annotations

import ipaddress
import time
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import ClassVar, Iterator
from urllib.parse import urlsplit

from pydantic import Field, field_validator

from ..model import WAY_LIVE, WAY_REPLAY, ChannelData, NotRead
from ..transport import (
    Auth, Budget, NoAuth, RateLimit, ReadOnlyPolicy, Recorder, Redactor, ReplayStore, Transport, TransportError,
)
from ..transport.recording import recorded_now
from .base import ChannelConfig, Source, SourceError

LOOPBACK_NAMES = {"localhost"}


def is_loopback(host: str | None) -> bool:
    if not host:
        return False
    if host in LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


class LiveChannel(ChannelConfig):
    """Keys every live channel accepts on top of its platform's credentials."""

    base_url: str | None = Field(None, description="API base URL override: https, or http on loopback only "
                                                   "(how the test emulators are used).")
    replay: str | None = Field(None, description="Folder of recorded API answers (from `leakcheck snapshot`) "
                                                 "to read instead of the network.")
    timeout_seconds: float = Field(60.0, gt=0, description="Seconds to wait for one answer before retrying.")

    @field_validator("base_url")
    @classmethod
    def _safe_base_url(cls, value: str | None) -> str | None:
        if value is None:
            return None
        parts = urlsplit(value)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise ValueError(f"base_url {value!r} is not an http(s) URL")
        if parts.scheme == "http" and not is_loopback(parts.hostname):
            raise ValueError(f"base_url {value!r} uses plain http; that is accepted only on loopback "
                             "(127.0.0.1, localhost): use https")
        return value.rstrip("/")


@dataclass
class DoctorResult:
    """What ``leakcheck doctor`` found for one channel."""

    channel: str
    type: str
    reachable: bool = False
    identity: str = ""  # the shop or merchant the credential opens, in words
    scopes: list[str] = field(default_factory=list)
    write_scopes: list[str] = field(default_factory=list)  # held, and could change data
    missing_scopes: list[str] = field(default_factory=list)  # needed for a full scan, not held
    notes: list[str] = field(default_factory=list)
    error: str | None = None  # why it could not be reached or read


class LiveSource(Source):
    """Base of every platform's live source. Subclasses implement ``read_stock``, ``read_history``, ``doctor``."""

    way_in = WAY_LIVE
    policy: ClassVar[ReadOnlyPolicy] = ReadOnlyPolicy()
    default_base_url: ClassVar[str] = ""
    _now: float | None = None

    # --- wiring -------------------------------------------------------------------------------
    @property
    def replay_folder(self) -> Path | None:
        live = self.ctx.live
        if live.replay_dir is not None:
            return Path(live.replay_dir) / self.name
        if getattr(self.config, "replay", None):
            return self.ctx.path(self.config.replay)
        return None

    @property
    def replaying(self) -> bool:
        return self.replay_folder is not None

    def base_url(self) -> str:
        return getattr(self.config, "base_url", None) or self.default_base_url

    @property
    def now(self) -> float:
        """The moment this read describes (UTC epoch seconds): what history windows are computed from.

        The scan's ``as_of`` when set (tests, the demo's recording), else the time a replayed
        recording was made (so its requests match what was recorded), else the clock.
        """
        if self._now is None:
            if self.ctx.as_of is not None:
                self._now = float(self.ctx.as_of)
            else:
                folder = self.replay_folder
                try:
                    recorded = recorded_now(folder) if folder is not None else None
                except ValueError:  # make_transport names the broken recording
                    recorded = None
                self._now = recorded if recorded is not None else time.time()
        return self._now

    def make_transport(self, auth: Auth | None = None, limit: RateLimit | None = None, base_url: str | None = None,
                       headers: dict[str, str] | None = None, redactor: Redactor | None = None) -> Transport:
        live = self.ctx.live
        replay = recorder = None
        folder = self.replay_folder
        if folder is not None:
            try:
                replay = ReplayStore(folder)
            except FileNotFoundError:
                raise SourceError("recorded snapshot", f"no recorded answers in {folder} "
                                  "(make one with `leakcheck snapshot --out DIR`)") from None
            except ValueError as exc:
                raise SourceError("recorded snapshot", str(exc)) from None
        elif live.record_dir is not None:
            recorder = Recorder(Path(live.record_dir), self.name, now=self.now)
        timeout = getattr(self.config, "timeout_seconds", None)
        return Transport(
            channel=self.name, base_url=base_url or self.base_url(), policy=self.policy,
            auth=auth or NoAuth(), limit=limit or RateLimit(), redactor=redactor or Redactor(self.config.secrets()),
            budget=live.budget if live.budget is not None else Budget(None),
            timeout=(min(10.0, timeout), timeout) if timeout else live.timeout,
            headers=headers or {}, trace=live.trace, recorder=recorder, replay=replay,
        )

    # --- reading ------------------------------------------------------------------------------
    def read(self) -> ChannelData:
        data = ChannelData(name=self.name, type=self.type, way_in=WAY_REPLAY if self.replaying else WAY_LIVE)
        data.exported_at = self.now  # the moment the channel was read (or recorded)
        try:
            stock_ok = self.read_stock(data)
            if stock_ok is not False:
                self.read_history(data)
        finally:
            self.close()
        return data

    def read_stock(self, data: ChannelData) -> bool | None:  # pragma: no cover - abstract
        """Listings, settings and stock. Return False to skip history (nothing to attach it to)."""
        raise NotImplementedError

    def read_history(self, data: ChannelData) -> None:  # pragma: no cover - abstract
        """Orders and stock changes for ``ctx.history_days``."""
        raise NotImplementedError

    def doctor(self) -> DoctorResult:  # pragma: no cover - abstract
        raise NotImplementedError

    def close(self) -> None:
        """Release the transport (and a recorder's file). Subclasses that keep one override this."""

    @contextmanager
    def reading(self, data: ChannelData, what: str, lost_stock: bool) -> Iterator[None]:
        """Run one read; a transport fault becomes a NotRead entry and the source goes on."""
        try:
            yield
        except TransportError as exc:
            data.not_read.append(NotRead(exc.what or what, exc.why, lost_stock))

    def step(self, what: str, done: int = 0, total: int | None = None) -> None:
        """Progress for this channel's bar: what it is reading now, how far it got."""
        self.ctx.step(self.name, what, done, total)

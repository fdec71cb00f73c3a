"""``leakcheck doctor``: before a scan, is every channel reachable, and is every token read-only?

For each live channel the source's own ``doctor()`` asks the platform which scopes the token
holds (Shopify's ``currentAppInstallation.accessScopes``, Square's RetrieveTokenStatus); this
module only runs them concurrently, checks file channels' files exist, and turns the results
into rows and an exit code: 0 everything reachable and read-only, 1 a token can write or lacks
a scope a scan needs, 3 a channel cannot be reached. It reads no catalogue and no orders.
"""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

from .config import Config
from .exitcodes import ExitCode
from .sources.base import LiveOptions, ReadContext, SourceError, source_for
from .sources.live import DoctorResult, LiveSource
from .transport import Budget, TransportError
from .transport.recording import RESPONSES


@dataclass
class Verdict:
    result: DoctorResult
    way_in: str
    ok: bool
    code: ExitCode


def diagnose(config: Config, budget_seconds: float = 30.0) -> list[Verdict]:
    ctx = ReadContext(base_dir=config.base_dir, history_days=config.history_days, timezone=config.timezone,
                      live=LiveOptions(budget=Budget(budget_seconds)))
    names = list(config.channels)
    with ThreadPoolExecutor(max_workers=min(8, max(1, len(names)))) as pool:
        return list(pool.map(lambda n: _one(n, config, ctx), names))


def _one(name: str, config: Config, ctx: ReadContext) -> Verdict:
    cfg = config.channels[name]
    source_cls = source_for(cfg, ctx)
    if not issubclass(source_cls, LiveSource):
        return _files(name, cfg, ctx)
    source = source_cls(name, cfg, ctx)
    if source.replaying:
        return _recorded(name, cfg, source.replay_folder)
    result = DoctorResult(channel=name, type=cfg.type)
    try:
        result = source.doctor()
    except (TransportError, SourceError) as exc:
        result.error = getattr(exc, "why", str(exc))
        if isinstance(exc, TransportError) and exc.status in (401, 403):
            result.reachable = True
    except Exception as exc:  # a defect in one source's doctor costs that line, not the command
        result.error = f"internal error, please report it: {type(exc).__name__}: {exc}"
    if result.error and not result.reachable:
        code = ExitCode.INCOMPLETE
    elif result.error or result.write_scopes or result.missing_scopes:
        code = ExitCode.FAILED
    else:
        code = ExitCode.OK
    return Verdict(result, "live", code is ExitCode.OK, code)


def _files(name: str, cfg, ctx: ReadContext) -> Verdict:
    result = DoctorResult(channel=name, type=cfg.type, reachable=True)
    paths = list(cfg.files) + list(cfg.history.files if cfg.history else [])
    for section in ("listings", "events", "orders"):
        sec = getattr(cfg, section, None)
        if sec is not None:
            paths += list(sec.files)
    missing = [p for p in paths if not ctx.path(p).exists()]
    result.identity = f"{len(paths)} export file{'s' if len(paths) != 1 else ''}" + ("" if missing else ", all present")
    if missing:
        result.reachable = False
        result.error = f"missing: {', '.join(missing)}"
    code = ExitCode.INCOMPLETE if missing else ExitCode.OK
    return Verdict(result, "files", not missing, code)


def _recorded(name: str, cfg, folder) -> Verdict:
    """A channel replaying recorded answers: no credentials, no network; are the answers there?"""
    result = DoctorResult(channel=name, type=cfg.type, reachable=True)
    answers = folder / RESPONSES
    if answers.exists():
        with answers.open(encoding="utf-8") as f:
            count = sum(1 for line in f if line.strip())
        result.identity = f"{count} recorded answers, replayed offline"
        return Verdict(result, "replay", True, ExitCode.OK)
    result.reachable = False
    result.error = f"no recorded answers in {folder} (make them with `leakcheck snapshot --out DIR`)"
    return Verdict(result, "replay", False, ExitCode.INCOMPLETE)


def worst(verdicts: list[Verdict]) -> ExitCode:
    """Exit code of the whole command: 3 beats 1 beats 0."""
    codes = {v.code for v in verdicts}
    for code in (ExitCode.INCOMPLETE, ExitCode.FAILED):
        if code in codes:
            return code
    return ExitCode.OK

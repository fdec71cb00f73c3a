"""The scan: read every channel, build the Snapshot, run the checks, price them, build the Report.

Reading and analysis are separate steps (``read_snapshot`` then ``analyse_snapshot``) so the
benchmark can time the analysis alone and the live sources of later releases plug into the
same reading step. Nothing here prints: progress goes through a callback the CLI owns.
"""

from __future__ import annotations

import json
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timezone
from pathlib import Path
from typing import Callable

from . import __version__
from .assumptions import Assumptions
from .analysis import CheckOutcome, analyse, bulk_work
from .checks.base import Check, iter_checks
from .config import Config, IgnoreRule
from .findings import apply_ignores, sort_findings, to_finding, total_money
from .index import DAY, Index
from .model import ChannelData, NotRead, Snapshot
from .money import Pricer, band, leak_score
from .report.model import (
    BadRowEntry, ChannelCoverage, CheckRun, Counts, Finding, NotEvaluatedEntry, NotReadEntry, Report, ReportMeta,
    Severity, Summary,
)
from .transport import TransportError
from .sources.base import LiveOptions, ReadContext, SourceError, source_for

Progress = Callable[[str], None]
Step = Callable[[str, str, int, "int | None"], None]
MAX_BAD_ROWS_SHOWN = 50


def iso(ts: float | None) -> str | None:
    if ts is None:
        return None
    return datetime.fromtimestamp(ts, tz=timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


# --- reading ------------------------------------------------------------------------------------
def _read_channel(name: str, config: Config, ctx: ReadContext) -> ChannelData:
    """One channel through its source, then its `history:` log; faults become coverage, never raise."""
    cfg = config.channels[name]
    source_cls = source_for(cfg, ctx)
    try:
        data = source_cls(name, cfg, ctx).read()
    except (SourceError, TransportError) as exc:  # TransportError: a live fault outside a source's guarded reads
        data = ChannelData(name=name, type=cfg.type, way_in=source_cls.way_in)
        data.not_read.append(NotRead(exc.what, exc.why, exc.lost_stock))
    except Exception as exc:  # a defect in a source costs that channel, not the scan
        data = ChannelData(name=name, type=cfg.type, way_in=source_cls.way_in)
        data.not_read.append(NotRead(f"{cfg.type} source", f"internal error, please report it: {type(exc).__name__}: {exc}"))
    data.name, data.type = name, cfg.type
    if cfg.history is not None:
        from .sources.history import read_history

        try:
            read_history(cfg.history, data, replace(ctx, timezone=cfg.timezone or ctx.timezone))
        except SourceError as exc:
            data.not_read.append(NotRead(exc.what, exc.why, lost_stock=False))
        except Exception as exc:
            data.not_read.append(NotRead("history log", f"internal error, please report it: {type(exc).__name__}: {exc}", False))
    return data


def read_snapshot(config: Config, progress: Progress = lambda m: None, now: float | None = None,
                  live: LiveOptions | None = None, step: Step | None = None, as_of: float | None = None) -> Snapshot:
    """Read all channels concurrently into one Snapshot and trim history to the window.

    ``live`` carries the budget, trace, recording and replay for live channels; ``step`` receives
    each channel's progress (channel, what, done, total) for the bars. ``as_of`` pins the moment
    live sources read "as of" (their history window ends there); None means now.
    """
    ctx = ReadContext(base_dir=config.base_dir, history_days=config.history_days, timezone=config.timezone,
                      progress=progress, live=live or LiveOptions(), as_of=as_of)
    if step is not None:
        ctx.step = step
    names = list(config.channels)
    progress(f"reading {len(names)} channel{'' if len(names) == 1 else 's'}: {', '.join(names)}")

    def one(name: str) -> ChannelData:
        ctx.step(name, "starting", 0, None)
        data = _read_channel(name, config, ctx)
        lost = " (some not read)" if data.not_read else ""
        ctx.step(name, f"done: {len(data.listings):,} listings, {len(data.events):,} events, "
                       f"{len(data.orders):,} order lines{lost}", 1, 1)
        return data

    with bulk_work(), ThreadPoolExecutor(max_workers=min(16, max(1, len(names)))) as pool:
        results = list(pool.map(one, names))
    channels = {d.name: d for d in results}
    snapshot = Snapshot(channels=channels, owner=config.owner, bundles=config.bundles, history_days=config.history_days)
    snapshot.as_of = _as_of(channels.values(), now)
    _trim_history(snapshot)
    return snapshot


def _as_of(channels, now: float | None) -> float:
    """The moment the data describes: the newest export date or record, else now."""
    latest = None
    for ch in channels:
        for ts in [ch.exported_at] + [max((e.ts for e in ch.events), default=None), max((o.ts for o in ch.orders), default=None)]:
            if ts is not None and (latest is None or ts > latest):
                latest = ts
    return latest if latest is not None else (now if now is not None else time.time())


def _trim_history(snapshot: Snapshot) -> None:
    """Keep events and orders inside the history window, and record how far back each channel reaches."""
    start = snapshot.as_of - snapshot.history_days * DAY
    for ch in snapshot.channels.values():
        ch.events = [e for e in ch.events if e.ts >= start]
        ch.orders = [o for o in ch.orders if o.ts >= start]
        earliest = min(min((e.ts for e in ch.events), default=snapshot.as_of),
                       min((o.ts for o in ch.orders), default=snapshot.as_of))
        if ch.events or ch.orders:
            ch.history_days = round((snapshot.as_of - earliest) / DAY, 1)


# --- analysis -----------------------------------------------------------------------------------
@dataclass
class ReportOptions:
    """What shapes a Report beyond the data: check selection, mutes, baseline, labels."""

    only: list[str] = field(default_factory=list)
    skip: list[str] = field(default_factory=list)
    ignore: list[IgnoreRule] = field(default_factory=list)
    baseline: set[str] | None = None
    report: ReportMeta = field(default_factory=ReportMeta)
    warnings: list[str] = field(default_factory=list)
    today: date | None = None


def revenue_per_month(index: Index, pricer: Pricer) -> float:
    total = 0.0
    for name, revenue in index.revenue.items():
        ch = index.snapshot.channels[name]
        converted = pricer.convert(revenue, ch.currency)
        if converted is not None:
            total += converted / index.order_days[name] * 30.0
    return total


def analyse_snapshot(snapshot: Snapshot, assumptions: Assumptions, options: ReportOptions | None = None) -> Report:
    """Snapshot -> Report: checks, money, score, coverage. The whole analysis, timed by the benchmark."""
    with bulk_work():
        return _analyse_snapshot(snapshot, assumptions, options)


def _analyse_snapshot(snapshot: Snapshot, assumptions: Assumptions, options: ReportOptions | None) -> Report:
    started = time.perf_counter()
    options = options or ReportOptions()
    selected = list(iter_checks(options.only, options.skip))
    skipped = [c for c in iter_checks() if c not in selected]
    index, pricer, outcomes = analyse(snapshot, assumptions, selected)
    analysed = time.perf_counter()
    revenue = revenue_per_month(index, pricer)

    pairs: list[tuple[Finding, list[str]]] = []
    for outcome in outcomes:
        for leak in outcome.leaks:
            pairs.append((to_finding(leak, outcome.check, snapshot, pricer, revenue), leak.keys))
    keys_by_id = {id(f): k for f, k in pairs}
    findings = sort_findings([f for f, _ in pairs])
    kept, suppressed, ignore_warnings = apply_ignores(findings, options.ignore, options.today or datetime.now(timezone.utc).date())
    resolved = None
    if options.baseline is not None:
        seen = {f.fingerprint for f in findings}
        resolved = sorted(options.baseline - seen)
        for f in kept:
            f.new = f.fingerprint not in options.baseline

    money, money_basis = total_money([(f, keys_by_id[id(f)]) for f in kept], pricer.currency)
    from .report.series import attach_series  # stock-over-time lines the html and md reports draw

    attach_series(index, kept)
    worst = max((f.severity for f in kept), key=lambda s: s.rank, default=None)
    score, score_basis = leak_score(money.amount, revenue, worst)
    counts = Counts(**{s.value: sum(1 for f in kept if f.severity == s) for s in Severity})

    warnings = list(options.warnings)
    if pricer.missing_rates:
        warnings.append(
            f"no exchange rate for {', '.join(sorted(pricer.missing_rates))}: prices in it were left out of the money; "
            f"add assumptions.exchange_rates"
        )
    warnings += _export_age_warnings(snapshot)

    summary = Summary(
        score=score, band=band(score), score_basis=score_basis, money_at_risk=money, money_basis=money_basis,
        counts=counts, channels=_coverage(snapshot, outcomes), owner=snapshot.owner,
        revenue_per_month=round(revenue, 2), as_of=iso(snapshot.as_of), history_days=snapshot.history_days,
        assumptions=assumptions.model_dump(), checks=_check_runs(outcomes, skipped),
        ignore_warnings=ignore_warnings, warnings=warnings, report=options.report,
    )
    summary.duration_seconds = round(time.perf_counter() - started, 3)
    summary.timings = {"index_and_checks": round(analysed - started, 3), "report": round(time.perf_counter() - analysed, 3)}
    return Report(version=__version__, summary=summary, findings=kept, suppressed=suppressed, resolved=resolved)


def _export_age_warnings(snapshot: Snapshot) -> list[str]:
    dated = [(c.exported_at, c.name) for c in snapshot.channels.values() if c.exported_at and c.way_in == "files"]
    if len(dated) < 2:
        return []
    (old, old_name), (new, new_name) = min(dated), max(dated)
    if new - old <= DAY:
        return []
    return [
        f"exports are {(new - old) / 3600:.0f} hours apart ({old_name} {iso(old)}, {new_name} {iso(new)}): "
        f"stock differences between them may be timing, not leaks"
    ]


def _coverage(snapshot: Snapshot, outcomes: list[CheckOutcome]) -> list[ChannelCoverage]:
    owner = snapshot.owner
    whole_check = owner if owner in snapshot.channels else next(iter(snapshot.channels), None)
    per_channel: dict[str, list[NotEvaluatedEntry]] = {name: [] for name in snapshot.channels}
    for outcome in outcomes:
        for ne in outcome.not_evaluated:
            target = ne.channel if ne.channel in per_channel else whole_check
            if target is not None:
                per_channel[target].append(NotEvaluatedEntry(check_id=outcome.check.id, why=ne.why))
    out = []
    for ch in snapshot.channels.values():
        out.append(ChannelCoverage(
            name=ch.name, type=ch.type, way_in=ch.way_in, owner=ch.name == owner,
            listings=len(ch.listings), events=len(ch.events), orders=len(ch.orders),
            history_days=ch.history_days or 0, exported_at=iso(ch.exported_at),
            not_read=[NotReadEntry(what=n.what, why=n.why, history_only=not n.lost_stock) for n in ch.not_read],
            bad_rows=[BadRowEntry(file=b.file, row=b.row, why=b.why) for b in ch.bad_rows[:MAX_BAD_ROWS_SHOWN]],
            bad_rows_total=len(ch.bad_rows), not_evaluated=per_channel[ch.name], notes=list(ch.notes),
        ))
    return out


def _reasons(entries) -> str:
    """Why a check did not run, each reason once with the channels it applies to:
    "amazon, ebay: no restock records on returns in what was read; xero: no orders in what was read"."""
    by_why: dict[str, list[str]] = {}
    for ne in entries:
        channels = by_why.setdefault(ne.why, [])
        if ne.channel is not None and ne.channel not in channels:
            channels.append(ne.channel)
    return "; ".join(f"{', '.join(chs)}: {why}" if chs else why for why, chs in by_why.items())


def _check_runs(outcomes: list[CheckOutcome], skipped: list[type[Check]]) -> list[CheckRun]:
    runs = []
    for o in outcomes:
        whole = sorted({ne.why for ne in o.not_evaluated if ne.channel is None})
        if o.ran and (o.leaks or not whole):
            status, why = ("fired" if o.leaks else "passed"), "; ".join(whole)
        else:  # did not run, or ran only to find it had nothing to look at ("no bundle definitions")
            status, why = "not_evaluated", _reasons(o.not_evaluated)
        runs.append(CheckRun(check_id=o.check.id, title=o.check.title(), status=status, findings=len(o.leaks), why=why,
                             seconds=round(o.seconds, 3)))
    runs += [CheckRun(check_id=c.id, title=c.title(), status="skipped", why="--only/--skip") for c in skipped]
    return sorted(runs, key=lambda r: r.check_id)


# --- the whole scan -----------------------------------------------------------------------------
def scan(config: Config, options: ReportOptions, progress: Progress = lambda m: None,
         live: LiveOptions | None = None, step: Step | None = None) -> Report:
    started = time.perf_counter()
    snapshot = read_snapshot(config, progress, live=live, step=step)
    progress(f"read {sum(len(c.listings) for c in snapshot.channels.values()):,} listings; running checks")
    options.ignore = options.ignore or config.ignore
    options.report = config.report
    options.warnings = list(config.warnings) + options.warnings + config.not_recognised
    report = analyse_snapshot(snapshot, config.assumptions, options)
    report.summary.duration_seconds = round(time.perf_counter() - started, 3)
    return report


def load_baseline(path: Path) -> set[str]:
    """Fingerprints of a previous --format json report (findings and suppressed)."""
    data = json.loads(path.read_text(encoding="utf-8"))
    if not isinstance(data, dict) or "findings" not in data:
        raise ValueError("not a leakcheck JSON report (no `findings`)")
    prints = {f["fingerprint"] for f in data.get("findings", [])}
    prints |= {s["finding"]["fingerprint"] for s in data.get("suppressed", []) if "finding" in s}
    return prints

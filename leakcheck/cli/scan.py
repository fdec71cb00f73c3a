"""``leakcheck scan``: what to read (config, paths, demo, snapshot), how to report it, and the exit code."""

from __future__ import annotations

import os
import sys
from datetime import datetime, timezone
from enum import Enum
from pathlib import Path
from typing import Annotated, Optional

import typer
from rich.console import Console
from rich.markup import escape

from ..checks.base import all_checks
from ..config import Config, ConfigError, config_from_dict, load_config
from ..engine import ReportOptions, load_baseline, scan as run_scan
from ..exitcodes import ExitCode, exit_code
from ..progress import ScanProgress
from ..report.model import Severity
from ..sources.base import LiveOptions
from ..transport import Budget
from . import DEMO_DIR, app, err, fail


class OutputFormat(str, Enum):
    text = "text"
    json = "json"
    csv = "csv"
    html = "html"
    md = "md"


class FailOn(str, Enum):
    low = "low"
    medium = "medium"
    high = "high"
    critical = "critical"


def _split_ids(values: list[str]) -> list[str]:
    ids = [v.strip().upper() for raw in values for v in raw.split(",") if v.strip()]
    known = all_checks()
    unknown = [i for i in ids if i not in known]
    if unknown:
        raise fail(f"unknown check id {', '.join(unknown)} (see `leakcheck checks`)")
    return ids


def _load(config: Path | None, paths: list[Path], demo: bool, snapshot: Path | None = None,
          owner: str | None = None) -> Config:
    """The config to scan: --demo, --config, export paths, --from's manifest, or ./leakcheck.yaml, in that order."""
    if demo:
        demo_config = DEMO_DIR / "leakcheck.yaml"
        if not demo_config.exists():
            raise fail(f"the demo merchant is not here ({demo_config}); run leakcheck from a clone of its repository")
        return load_config(demo_config)
    if config is not None:
        if paths:
            err.print(f"note: --config given, so the paths {', '.join(map(str, paths))} are not scanned (the config wins)")
        return load_config(config)
    if paths:
        return _config_from_paths(paths, owner)
    if snapshot is not None:
        from ..snapshot import load_manifest_config

        try:
            return load_manifest_config(snapshot)
        except ValueError as exc:
            raise fail(f"--from {snapshot}: {exc}") from None
    default = Path("leakcheck.yaml")
    if default.exists():
        return load_config(default)
    raise fail("nothing to scan: give export files or a folder, --config FILE, or --demo "
               "(`leakcheck init` writes a starter leakcheck.yaml)")


def _config_from_paths(paths: list[Path], owner: str | None = None) -> Config:
    """Recognise the files by their headers, show what was recognised as what, and build the config."""
    from ..sources.recognise import recognise
    from .recognised import show

    missing = [str(p) for p in paths if not p.exists()]
    if missing:
        raise fail(f"no such file or folder: {', '.join(missing)}")
    found = recognise(paths)
    show(found, err, override=owner)  # --owner is applied by the caller; the table's last line says so
    if not found.channels:
        raise fail("none of these files is an export leakcheck knows; see the table above for the closest formats",
                   ExitCode.INCOMPLETE)
    cfg = config_from_dict({"owner": found.owner, "channels": found.channels}, base_dir=Path.cwd())
    cfg.not_recognised = [f"{u.file}: not read, as it is not an export leakcheck knows ({u.why})" for u in found.unknown]
    return cfg


@app.command()
def scan(
    paths: Annotated[Optional[list[Path]], typer.Argument(help="Export files, folders or .zip files to recognise and scan (no config needed).", show_default=False)] = None,
    config: Annotated[Optional[Path], typer.Option("--config", "-c", help="Your leakcheck.yaml. Default: ./leakcheck.yaml when no paths are given.")] = None,
    demo: Annotated[bool, typer.Option("--demo", help="Scan the demo merchant in examples/ (no set-up, no network).")] = False,
    format: Annotated[OutputFormat, typer.Option("--format", "-f", help="text for people, json for CI, csv for the affected SKUs, html for the report to hand over (one self-contained file), md for pasting into a proposal.")] = OutputFormat.text,
    output: Annotated[Optional[Path], typer.Option("--output", "-o", help="Write the report here instead of stdout. With --format csv: a folder (or a name without an extension, made for you) gets one CSV per check; a .csv file gets every finding in one.")] = None,
    fail_on: Annotated[Optional[FailOn], typer.Option("--fail-on", help="Exit 1 when a finding is at or above this severity.")] = None,
    max_score: Annotated[Optional[int], typer.Option("--max-score", min=0, max=100, help="Exit 1 when the leak score is above N.")] = None,
    baseline: Annotated[Optional[Path], typer.Option("--baseline", help="A previous --format json report: only new findings count towards exit 1, and resolved ones are listed.")] = None,
    only: Annotated[Optional[list[str]], typer.Option("--only", help="Run only these checks (comma-separated ids).")] = None,
    skip: Annotated[Optional[list[str]], typer.Option("--skip", help="Do not run these checks (comma-separated ids).")] = None,
    owner: Annotated[Optional[str], typer.Option("--owner", help="The channel whose count is the truth (overrides the config).")] = None,
    history_days: Annotated[Optional[int], typer.Option("--history-days", min=1, max=3650, help="How far back orders and stock events are read (default 60).")] = None,
    budget: Annotated[float, typer.Option("--budget", min=1, help="Seconds the live reads may take. Stock and settings are read first, history after, so a short budget cuts history, and the report says what it cut.")] = 60.0,
    trace: Annotated[Optional[Path], typer.Option("--trace", help="Write one JSON line per HTTP request here (URL without secrets, status, bytes, time, GraphQL query): what was asked of your stores.")] = None,
    from_dir: Annotated[Optional[Path], typer.Option("--from", help="Scan a folder written by `leakcheck snapshot` instead of the live APIs: offline, no tokens needed.")] = None,
) -> None:
    """Scan your channels for stock leaks and print a scored summary with the money at risk.

    Reads what leakcheck.yaml names (live APIs with read-only tokens, or export files), or the export
    files and folders you give it, or a snapshot folder (--from). Nothing is ever written to your stores.

    Exit codes: 0 done; 1 the scan crossed --fail-on, --max-score or --baseline; 2 bad usage or
    config; 3 a channel's stock or settings could not be read in full (the report still shows the rest).
    """
    only_ids, skip_ids = _split_ids(only or []), _split_ids(skip or [])
    if from_dir is not None and not from_dir.is_dir():
        raise fail(f"--from {from_dir}: no such folder (make one with `leakcheck snapshot --out DIR`)")
    try:
        cfg = _load(config, list(paths or []), demo, from_dir, owner)
    except ConfigError as exc:
        raise fail(str(exc)) from None
    if owner is not None:
        if owner not in cfg.channels:
            raise fail(f"--owner {owner!r} names no channel (channels: {', '.join(cfg.channels)})")
        cfg.owner = owner
    if cfg.owner is None:
        err.print("note: no `owner:` is set, so checks that compare against the owner's count will not run (WRT003 says so)")
    if history_days is not None:
        cfg.history_days = history_days
    baseline_prints = None
    if baseline is not None:
        try:
            baseline_prints = load_baseline(baseline)
        except (OSError, ValueError) as exc:
            raise fail(f"--baseline {baseline}: cannot be used: {exc}") from None
    for warning in cfg.warnings:
        err.print(f"[yellow]warning:[/yellow] {escape(warning)}", markup=True)

    options = ReportOptions(only=only_ids, skip=skip_ids, baseline=baseline_prints, today=datetime.now(timezone.utc).date())
    live = LiveOptions(budget=Budget(budget), replay_dir=from_dir.resolve() if from_dir else None)
    tracer = _open_trace(trace)
    live.trace = tracer
    try:
        with ScanProgress(err) as progress:
            report = run_scan(cfg, options, progress.message, live=live, step=progress.step)
    finally:
        if tracer is not None:
            tracer.close()
            err.print(f"wrote {trace} ({tracer.lines} requests)")
    _write(report, format, output)
    code = exit_code(report, Severity(fail_on.value) if fail_on else None, max_score)
    _tell(report, code)
    raise typer.Exit(int(code))


def _open_trace(trace: Path | None):
    if trace is None:
        return None
    from ..transport import TraceWriter

    try:
        return TraceWriter(trace)
    except OSError as exc:
        raise fail(f"--trace {trace}: cannot be written: {exc.strerror or exc}") from None


def _write(report, format: OutputFormat, output: Path | None) -> None:
    from ..report import render

    try:
        # a folder for the evidence: one that exists, ends in a slash, or a name with no extension ("evidence")
        if format is OutputFormat.csv and output is not None and (
                output.is_dir() or str(output).endswith(("/", os.sep)) or not output.suffix):
            output.mkdir(parents=True, exist_ok=True)
            for name, text in render.render_csv_dir(report).items():
                (output / name).write_text(text, encoding="utf-8", newline="")
            err.print(f"wrote {output}/ (one CSV per check)")
            return
        if format is OutputFormat.text:
            to_terminal = output is None and sys.stdout.isatty()
            color = to_terminal and "NO_COLOR" not in os.environ
            width = Console(file=sys.stdout).width if to_terminal else 100
            text = render.render_text(report, color=color, width=width)
        elif format is OutputFormat.json:
            text = render.render_json(report)
        elif format is OutputFormat.html:
            text = render.render_html(report)
        elif format is OutputFormat.md:
            text = render.render_md(report)
        else:
            text = render.render_csv(report)
        if output is None:
            sys.stdout.write(text if text.endswith("\n") else text + "\n")
            sys.stdout.flush()
        else:
            output.write_text(text, encoding="utf-8", newline="")
            err.print(f"wrote {output}")
    except OSError as exc:
        raise fail(f"--output {output}: cannot be written: {exc.strerror or exc}") from None


def _tell(report, code: ExitCode) -> None:
    s = report.summary
    for ch in s.channels:
        for n in ch.not_read:
            if n.history_only:
                err.print(f"[yellow]history not read[/yellow] {escape(f'{ch.name}: {n.what} ({n.why})')}", highlight=False)
            else:
                err.print(f"[red]not read[/red] {escape(f'{ch.name}: {n.what} ({n.why})')}", highlight=False)
    if code is ExitCode.INCOMPLETE:
        err.print("exit 3: some stock or settings could not be read; the report covers the rest")
    elif code is ExitCode.FAILED:
        err.print("exit 1: the scan crossed the bar set by --fail-on, --max-score or --baseline")



"""The command line: each command collects its options and calls one function elsewhere.

The report goes to stdout (or --output); progress, warnings and errors go to stderr, so
``leakcheck scan --format json | jq`` is always clean. Every failure a user can cause ends in
one plain line and an exit code, never a traceback.
"""

from __future__ import annotations

import atexit
import os
import sys
from datetime import datetime, timezone
from enum import Enum
from pathlib import Path
from typing import Annotated, Optional

import typer
from rich.console import Console

from . import __version__
from .checks.base import all_checks
from .config import Config, ConfigError, config_from_dict, load_config
from .engine import ReportOptions, load_baseline, scan as run_scan
from .exitcodes import ExitCode, exit_code
from .explain import catalogue, explain_check, explain_money
from .report.model import Severity

app = typer.Typer(
    name="leakcheck",
    help=(
        "A read-only Money-Leak Check: reads your shop, marketplaces, till and accounts (export files), "
        "finds where their stock numbers drift apart, and prices each leak.\n\n"
        "Start with [bold]leakcheck scan --demo[/bold], then [bold]leakcheck init[/bold] to write your own leakcheck.yaml."
    ),
    rich_markup_mode="rich",
    context_settings={"help_option_names": ["-h", "--help"]},
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

err = Console(stderr=True, highlight=False, soft_wrap=True)
DEMO_DIR = Path(__file__).resolve().parent.parent / "examples" / "demo"


class OutputFormat(str, Enum):
    text = "text"
    json = "json"
    csv = "csv"


class FailOn(str, Enum):
    low = "low"
    medium = "medium"
    high = "high"
    critical = "critical"


def fail(message: str, code: ExitCode = ExitCode.USAGE) -> typer.Exit:
    """Print one plain error line to stderr and return the Exit to raise."""
    err.print(f"[bold red]error:[/bold red] {message}", markup=True)
    return typer.Exit(int(code))


def _version(value: bool) -> None:
    if value:
        typer.echo(f"leakcheck {__version__}")
        raise typer.Exit()


@app.callback()
def root(
    version: Annotated[Optional[bool], typer.Option("--version", callback=_version, is_eager=True, help="Print the version and exit.")] = None,
) -> None:
    """leakcheck: find and price the ways your channels' stock drifts apart."""


def _split_ids(values: list[str]) -> list[str]:
    ids = [v.strip().upper() for raw in values for v in raw.split(",") if v.strip()]
    known = all_checks()
    unknown = [i for i in ids if i not in known]
    if unknown:
        raise fail(f"unknown check id {', '.join(unknown)} (see `leakcheck checks`)")
    return ids


def _load(config: Path | None, paths: list[Path], demo: bool) -> Config:
    """The config to scan: --demo, --config, export paths, or ./leakcheck.yaml, in that order."""
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
        return _config_from_paths(paths)
    default = Path("leakcheck.yaml")
    if default.exists():
        return load_config(default)
    raise fail("nothing to scan: give export files or a folder, --config FILE, or --demo "
               "(`leakcheck init` writes a starter leakcheck.yaml)")


def _config_from_paths(paths: list[Path]) -> Config:
    from .sources.recognise import recognise

    missing = [str(p) for p in paths if not p.exists()]
    if missing:
        raise fail(f"no such file or folder: {', '.join(missing)}")
    found = recognise(paths)
    atexit.register(found.cleanup)  # files unpacked from a .zip live until the scan is done
    for row in found.table:
        err.print(f"  recognised {row[0]} as {row[1]} {row[2]}")
    for row in found.unknown:
        err.print(f"  [yellow]skipped[/yellow] {row[0]}: {row[2]} (closest known format: {row[1]})", markup=True)
    if not found.channels:
        raise fail("none of these files is an export leakcheck knows; see the lines above for the closest formats",
                   ExitCode.INCOMPLETE)
    return config_from_dict({"owner": found.owner, "channels": found.channels}, base_dir=Path.cwd())


@app.command()
def scan(
    paths: Annotated[Optional[list[Path]], typer.Argument(help="Export files, folders or .zip files to recognise and scan (no config needed).", show_default=False)] = None,
    config: Annotated[Optional[Path], typer.Option("--config", "-c", help="Your leakcheck.yaml. Default: ./leakcheck.yaml when no paths are given.")] = None,
    demo: Annotated[bool, typer.Option("--demo", help="Scan the demo merchant in examples/ (no set-up, no network).")] = False,
    format: Annotated[OutputFormat, typer.Option("--format", "-f", help="text for people, json for CI, csv for the affected SKUs.")] = OutputFormat.text,
    output: Annotated[Optional[Path], typer.Option("--output", "-o", help="Write the report here instead of stdout. With --format csv and a folder: one file per check.")] = None,
    fail_on: Annotated[Optional[FailOn], typer.Option("--fail-on", help="Exit 1 when a finding is at or above this severity.")] = None,
    max_score: Annotated[Optional[int], typer.Option("--max-score", min=0, max=100, help="Exit 1 when the leak score is above N.")] = None,
    baseline: Annotated[Optional[Path], typer.Option("--baseline", help="A previous --format json report: only new findings count towards exit 1, and resolved ones are listed.")] = None,
    only: Annotated[Optional[list[str]], typer.Option("--only", help="Run only these checks (comma-separated ids).")] = None,
    skip: Annotated[Optional[list[str]], typer.Option("--skip", help="Do not run these checks (comma-separated ids).")] = None,
    owner: Annotated[Optional[str], typer.Option("--owner", help="The channel whose count is the truth (overrides the config).")] = None,
    history_days: Annotated[Optional[int], typer.Option("--history-days", min=1, max=3650, help="How far back orders and stock events are read (default 60).")] = None,
) -> None:
    """Scan your channels for stock leaks and print a scored summary with the money at risk.

    Exit codes: 0 done; 1 the scan crossed --fail-on, --max-score or --baseline; 2 bad usage or
    config; 3 a channel's stock or settings could not be read in full (the report still shows the rest).
    """
    only_ids, skip_ids = _split_ids(only or []), _split_ids(skip or [])
    try:
        cfg = _load(config, list(paths or []), demo)
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
        err.print(f"[yellow]warning:[/yellow] {warning}", markup=True)

    options = ReportOptions(only=only_ids, skip=skip_ids, baseline=baseline_prints, today=datetime.now(timezone.utc).date())
    if err.is_terminal:  # a spinner that names what is being read, gone once the report prints
        with err.status("reading your channels", spinner="dots") as status:
            report = run_scan(cfg, options, lambda m: status.update(m))
    else:
        report = run_scan(cfg, options)
    _write(report, format, output)
    code = exit_code(report, Severity(fail_on.value) if fail_on else None, max_score)
    _tell(report, code)
    raise typer.Exit(int(code))


def _write(report, format: OutputFormat, output: Path | None) -> None:
    from .report import render

    try:
        if format is OutputFormat.csv and output is not None and (output.is_dir() or str(output).endswith(("/", os.sep))):
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
    lost = [f"{ch.name}: {n.what} ({n.why})" for ch in s.channels for n in ch.not_read if not n.history_only]
    for line in lost:
        err.print(f"[red]not read[/red] {line}", markup=True)
    if code is ExitCode.INCOMPLETE:
        err.print("exit 3: some stock or settings could not be read; the report covers the rest")
    elif code is ExitCode.FAILED:
        err.print("exit 1: the scan crossed the bar set by --fail-on, --max-score or --baseline")


@app.command()
def checks() -> None:
    """List every check: id, default severity, title and the data it needs."""
    from rich.table import Table

    table = Table(show_header=True, header_style="bold", box=None, pad_edge=False)
    for col in ("id", "severity", "what it finds", "needs"):
        table.add_column(col)
    for cid, severity, title, needs in catalogue():
        table.add_row(cid, severity, title, needs)
    Console(highlight=False).print(table)
    typer.echo("\nleakcheck explain ID tells what a check finds, why it costs money and how to fix it.")


@app.command()
def explain(
    topic: Annotated[str, typer.Argument(help="A check id (e.g. SYN001), or `money` for how money and the score are computed.")],
) -> None:
    """Explain one check (what it finds, why it costs money, how to fix it), or `money`."""
    if topic.lower() == "money":
        typer.echo(explain_money())
        return
    found = all_checks().get(topic.upper())
    if found is None:
        raise fail(f"no check {topic!r}: `leakcheck checks` lists them, `leakcheck explain money` explains the money")
    typer.echo(explain_check(found))


@app.command()
def init(
    from_paths: Annotated[Optional[list[Path]], typer.Option("--from", help="Export files or folders: write the config that recognising them implies.")] = None,
    output: Annotated[Path, typer.Option("--output", "-o", help="Where to write the config.")] = Path("leakcheck.yaml"),
    force: Annotated[bool, typer.Option("--force", help="Overwrite an existing file.")] = False,
) -> None:
    """Write a commented starter leakcheck.yaml (or the one your export files imply, with --from)."""
    from .starter import starter_config, config_for_paths

    if output.exists() and not force:
        raise fail(f"{output} exists; use --force to overwrite it")
    if from_paths:
        missing = [str(p) for p in from_paths if not p.exists()]
        if missing:
            raise fail(f"no such file or folder: {', '.join(missing)}")
        text = config_for_paths(list(from_paths), output.resolve().parent)
    else:
        text = starter_config()
    try:
        output.write_text(text, encoding="utf-8")
    except OSError as exc:
        raise fail(f"{output}: cannot be written: {exc.strerror or exc}") from None
    err.print(f"wrote {output}: edit it, then run `leakcheck scan`")


def main() -> None:
    """Entry point: run the app; turn any escaped error into one line (and exit 2), never a traceback."""
    try:
        app()
    except KeyboardInterrupt:
        err.print("interrupted")
        sys.exit(130)
    except Exception as exc:  # the last line of defence: one line, never a traceback
        err.print(f"error: internal error, please report it: {type(exc).__name__}: {exc}")
        sys.exit(int(ExitCode.USAGE))

"""``doctor`` and ``snapshot``: the commands about live access rather than about leaks."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from ..config import ConfigError
from ..exitcodes import ExitCode
from . import app, err, fail


def _config(config: Path | None, demo: bool):
    from .scan import _load

    try:
        return _load(config, [], demo)
    except ConfigError as exc:
        raise fail(str(exc)) from None


@app.command()
def doctor(
    config: Annotated[Optional[Path], typer.Option("--config", "-c", help="Your leakcheck.yaml (default ./leakcheck.yaml).")] = None,
    budget: Annotated[float, typer.Option("--budget", min=1, help="Seconds to wait for all channels to answer.")] = 30.0,
) -> None:
    """Check every channel before a scan: reachable, which scopes each token holds, and that none can write.

    Reads no catalogue and no orders. Exit codes: 0 every channel reachable and read-only; 1 a token
    holds a write scope or lacks a read scope a scan needs; 2 bad config; 3 a channel cannot be reached.
    """
    from ..doctor import diagnose, worst

    cfg = _config(config, False)
    for warning in cfg.warnings:
        err.print(f"[yellow]warning:[/yellow] {escape(warning)}", markup=True)
    verdicts = diagnose(cfg, budget)
    out = Console(highlight=False, soft_wrap=True)
    table = Table(box=None, pad_edge=False, show_header=True, header_style="bold")
    for col in ("channel", "way in", "", "what it opens", "scopes"):
        table.add_column(col)
    for v in verdicts:
        r = v.result
        mark = "[green]ok[/green]" if v.ok else ("[red]unreachable[/red]" if v.code is ExitCode.INCOMPLETE else "[yellow]check[/yellow]")
        table.add_row(escape(r.channel), f"{r.type} ({v.way_in})", mark, escape(r.identity or "-"), ", ".join(r.scopes) or "-")
    out.print(table)
    for v in verdicts:
        r = v.result
        if r.error:
            out.print(f"[red]{escape(r.channel)}:[/red] {escape(r.error)}")
        if r.write_scopes:
            out.print(f"[yellow]{escape(r.channel)}:[/yellow] this token can change your data ({', '.join(r.write_scopes)}); "
                      "leakcheck never writes, but give it a token with read scopes only")
        if r.missing_scopes:
            out.print(f"[yellow]{escape(r.channel)}:[/yellow] missing {', '.join(r.missing_scopes)}: a scan will not read "
                      "everything it needs")
        for note in r.notes:
            out.print(f"[dim]{escape(f'{r.channel}: {note}')}[/dim]")
    code = worst(verdicts)
    if code is ExitCode.OK:
        out.print("every channel is reachable and read-only: run `leakcheck scan`")
    raise typer.Exit(int(code))


@app.command()
def snapshot(
    out: Annotated[Path, typer.Option("--out", "-o", help="Folder to write the snapshot into (created; must be empty).")],
    config: Annotated[Optional[Path], typer.Option("--config", "-c", help="Your leakcheck.yaml (default ./leakcheck.yaml).")] = None,
    budget: Annotated[Optional[float], typer.Option("--budget", min=1, help="Seconds the live reads may take (default: no limit).")] = None,
    history_days: Annotated[Optional[int], typer.Option("--history-days", min=1, max=3650, help="How far back orders and stock events are read.")] = None,
) -> None:
    """Save everything a scan reads (raw API answers, export files) to scan later with `scan --from DIR`.

    No secret and no customer's personal data is written. The folder can be zipped and handed over:
    `leakcheck scan --from DIR` needs no config, no token and no network.
    """
    from ..progress import ScanProgress
    from ..snapshot import take_snapshot
    from ..sources.base import LiveOptions
    from ..transport import Budget

    cfg = _config(config, False)
    if history_days is not None:
        cfg.history_days = history_days
    if out.exists() and (not out.is_dir() or any(out.iterdir())):
        raise fail(f"--out {out}: exists and is not an empty folder; pick a new one")
    live = LiveOptions(budget=Budget(budget))
    try:
        with ScanProgress(err) as progress:
            snap, manifest = take_snapshot(cfg, out, live, progress.message, progress.step)
    except OSError as exc:
        raise fail(f"--out {out}: cannot be written: {exc.strerror or exc}") from None
    lost = [(name, n) for name, ch in snap.channels.items() for n in ch.not_read]
    for name, n in lost:
        err.print(f"[red]not read[/red] {escape(f'{name}: {n.what} ({n.why})')}", markup=True)
    err.print(f"wrote {out}: {len(snap.channels)} channels; scan it with `leakcheck scan --from {out}`")
    raise typer.Exit(int(ExitCode.INCOMPLETE if any(n.lost_stock for _, n in lost) else ExitCode.OK))

"""The command line: each command collects its options and calls one function elsewhere.

The commands live by role in this package: scan.py (scan), info.py (checks, explain, init),
live.py (doctor, snapshot); this module holds the app and what they share.

The report goes to stdout (or --output); progress, warnings and errors go to stderr, so
``leakcheck scan --format json | jq`` is always clean. Every failure a user can cause ends in
one plain line and an exit code, never a traceback.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated, Optional

import typer
from rich.console import Console
from rich.markup import escape

from .. import __version__
from ..exitcodes import ExitCode

app = typer.Typer(
    name="leakcheck",
    help=(
        "A read-only Money-Leak Check: reads your shop, marketplaces, till and accounts (live APIs with read-only "
        "tokens, or their export files), "
        "finds where their stock numbers drift apart, and prices each leak.\n\n"
        "Start with [bold]leakcheck scan --demo[/bold], then [bold]leakcheck init[/bold] to write your own leakcheck.yaml, "
        "and [bold]leakcheck doctor[/bold] to check its tokens before the first scan."
    ),
    rich_markup_mode="rich",
    context_settings={"help_option_names": ["-h", "--help"]},
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

err = Console(stderr=True, highlight=False, soft_wrap=True)
DEMO_DIR = Path(__file__).resolve().parents[2] / "examples" / "demo"


def fail(message: str, code: ExitCode = ExitCode.USAGE) -> typer.Exit:
    """Print one plain error line to stderr and return the Exit to raise."""
    err.print(f"[bold red]error:[/bold red] {escape(message)}", markup=True)
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


def _register() -> None:
    """Import the command modules, which attach their commands to ``app``."""
    from . import scan, live, info  # noqa: F401  (this order is the order --help lists them)


_register()


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

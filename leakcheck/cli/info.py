"""``checks``, ``explain`` and ``init``: the commands that teach and set up, reading nothing of a merchant's."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer
from rich.console import Console

from ..checks.base import all_checks
from ..explain import catalogue, explain_check, explain_money
from . import app, err, fail


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
    from ..starter import starter_config, config_for_paths

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



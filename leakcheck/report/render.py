"""``--format``: the choice of renderer, as a str enum that builds it (pip-audit's OutputFormatChoice).

Why an enum: typer turns it into the ``--format`` choice and its help, and the one ``match``
below is the only place that knows which module renders which format. Adding html or md later is
one member, one ``case`` and one module; the final ``case`` fails loudly if a member is missing
one. Renderers are pure: ``Report`` in, text out; the CLI writes it where ``--output`` says.
(``--format csv --output DIR``, one file per check, is ``csv_out.render_csv_dir``.)
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from typing import Callable

from .csv_out import render_csv, render_csv_dir
from .json_out import render_json
from .model import Report
from .terminal import DEFAULT_MAX_PER_SEVERITY, DEFAULT_WIDTH, render_terminal

__all__ = ["Format", "RenderOptions", "render_text", "render_json", "render_csv", "render_csv_dir", "render_html",
           "render_md"]


def render_text(report: Report, *, color: bool = False, width: int = DEFAULT_WIDTH,
                max_per_severity: int = DEFAULT_MAX_PER_SEVERITY) -> str:
    """``--format text``: the terminal summary (the CLI's name for ``terminal.render_terminal``)."""
    return render_terminal(report, width=width, color=color, max_per_severity=max_per_severity)


def render_html(report: Report) -> str:
    """``--format html``: the consultant's self-contained report (``html.render_html``; Jinja2 loads lazily)."""
    from .html import render_html as _render_html

    return _render_html(report)


def render_md(report: Report) -> str:
    """``--format md``: the same report as Markdown (``markdown.render_markdown``)."""
    from .markdown import render_markdown

    return render_markdown(report)


@dataclass(frozen=True)
class RenderOptions:
    """What a renderer may be told; each takes the fields that concern it and ignores the rest."""

    width: int = DEFAULT_WIDTH  # text: the terminal's width
    color: bool = False  # text: ANSI colour (False under NO_COLOR, in CI logs, into a file)
    max_per_severity: int = DEFAULT_MAX_PER_SEVERITY  # text: findings shown per severity
    bom: bool = True  # csv: byte-order mark so Excel reads UTF-8 (see csv_out)


Renderer = Callable[[Report, RenderOptions], str]


class Format(str, Enum):
    """The values of ``--format``. (html and md will join here.)"""

    text = "text"
    json = "json"
    csv = "csv"

    @property
    def is_machine(self) -> bool:
        """Formats a program reads: the CLI keeps every human message off stdout for these."""
        return self is not Format.text

    def renderer(self) -> Renderer:
        match self:
            case Format.text:
                return lambda r, o: render_text(r, width=o.width, color=o.color, max_per_severity=o.max_per_severity)
            case Format.json:
                return lambda r, o: render_json(r)
            case Format.csv:
                return lambda r, o: render_csv(r, bom=o.bom)
            case _:  # pragma: no cover - a member without a renderer is a bug caught by the tests
                raise NotImplementedError(f"no renderer for --format {self.value}")

    def render(self, report: Report, options: RenderOptions | None = None) -> str:
        return self.renderer()(report, options or RenderOptions())

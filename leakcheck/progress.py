"""Progress on stderr while channels are read: a bar per channel on a terminal, plain lines in logs.

Sources report steps as (channel, what, done, total); this module owns how they are shown, so
nothing in the engine or a source prints. On a terminal (rich), each channel has its own line:
what it is reading now and how far it got, with a bar when the total is known. Elsewhere (CI
logs, pipes) a line is written each time a channel starts reading something new, never one per
page, and only when the channel has been at it for a while (a quick files-only scan logs one
line per channel when it is done), so a log stays readable. ``NO_COLOR`` is honoured by rich.
"""

from __future__ import annotations

import threading
import time
from typing import Callable

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn


PLAIN_EVERY = 2.0  # seconds between two plain lines of one channel in a log


class ScanProgress:
    """The ``step`` and ``progress`` callbacks of one scan, rendered on ``console`` (stderr)."""

    def __init__(self, console: Console, live: bool | None = None):
        self.console = console
        self.live = console.is_terminal if live is None else live
        self._lock = threading.Lock()
        self._tasks: dict[str, int] = {}
        self._last: dict[str, str] = {}
        self._printed_at: dict[str, float] = {}
        self._started = time.monotonic()
        self._bar: Progress | None = None
        if self.live:
            self._bar = Progress(SpinnerColumn(), TextColumn("[bold]{task.fields[channel]:<12}[/bold]"),
                                 TextColumn("{task.description}"), BarColumn(bar_width=24), MofNCompleteColumn(),
                                 TimeElapsedColumn(), console=console, transient=True)

    def __enter__(self) -> "ScanProgress":
        if self._bar is not None:
            self._bar.start()
        return self

    def __exit__(self, *exc) -> None:
        if self._bar is not None:
            self._bar.stop()

    def step(self, channel: str, what: str, done: int = 0, total: int | None = None) -> None:
        with self._lock:
            if self._bar is not None:
                task = self._tasks.get(channel)
                if task is None:
                    task = self._tasks[channel] = self._bar.add_task(what, channel=channel, total=total)
                self._bar.update(task, description=what, completed=done, total=total)
                return
            now = time.monotonic()
            final = what.startswith("done")
            if channel not in self._printed_at:
                self._printed_at[channel] = now
            if self._last.get(channel) != what and (final or now - self._printed_at[channel] >= PLAIN_EVERY):
                self._last[channel] = what
                self._printed_at[channel] = now
                self.console.print(f"[{now - self._started:5.1f}s] {channel}: {what}", highlight=False, markup=False)

    def message(self, text: str) -> None:
        """A one-off line (what the engine is doing); "<channel>: doing X" goes to that channel's line."""
        channel, sep, rest = text.partition(": ")
        if sep and (channel in self._tasks or channel in self._printed_at):
            self.step(channel, rest)
            return
        with self._lock:
            if self._bar is not None:
                task = self._tasks.get("")
                if task is None:
                    task = self._tasks[""] = self._bar.add_task(text, channel="scan", total=None)
                self._bar.update(task, description=text)
            else:
                elapsed = time.monotonic() - self._started
                self.console.print(f"[{elapsed:5.1f}s] {text}", highlight=False, markup=False)

    @property
    def callbacks(self) -> tuple[Callable[[str], None], Callable[[str, str, int, "int | None"], None]]:
        return self.message, self.step

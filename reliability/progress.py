"""Progress bars on stderr, only when stderr is a terminal (and never with --quiet).

rich's Console honours NO_COLOR (and TERM=dumb) by itself, so neither bar adds colour there.
"""
from __future__ import annotations

import contextlib
import sys
from typing import IO, Callable, Iterable, Iterator, TypeVar

Progress = Callable[[str, int, int], None]
T = TypeVar("T")

# A batch this long is worth a progress display; a handful of drafts is not.
BATCH_PROGRESS_AFTER = 200


@contextlib.contextmanager
def progress_bar(enabled: bool = True) -> Iterator[Progress]:
    if not enabled or not sys.stderr.isatty():
        yield lambda stage, advance, total: None
        return
    from rich.console import Console
    from rich.progress import Progress as RichProgress

    tasks: dict[str, int] = {}
    with RichProgress(console=Console(stderr=True), transient=False) as bar:
        def update(stage: str, advance: int, total: int) -> None:
            if stage not in tasks:
                tasks[stage] = bar.add_task(stage, total=total)
            bar.update(tasks[stage], advance=advance)
        yield update


def counted(items: Iterable[T], label: str, enabled: bool = True,
            show_after: int = BATCH_PROGRESS_AFTER, stream: IO[str] | None = None,
            results_on_stdout: bool = True) -> Iterator[T]:
    """Pass `items` through; past `show_after` of them, count them on a live line on stderr.

    Batches stream from folders and JSONL of unknown length, so this counts (with rate and
    elapsed time) rather than guessing a total. When results stream to stdout as they come, it
    stays off if stdout is the same terminal: the results scrolling by are the progress there,
    and a live line would tear them.
    """
    stream = stream or sys.stderr
    if not enabled or not stream.isatty() or (results_on_stdout and _stdout_is_terminal(stream)):
        yield from items
        return
    display = task = None
    try:
        for count, item in enumerate(items, start=1):
            yield item
            if display is None and count >= show_after:
                display, task = _start_counter(stream, label, count)
            elif display is not None:
                display.advance(task)
    finally:
        if display is not None:
            display.stop()


def _stdout_is_terminal(stream: IO[str]) -> bool:
    return stream is sys.stderr and sys.stdout.isatty()


def _start_counter(stream: IO[str], label: str, count: int):
    from rich.console import Console
    from rich.progress import Progress as RichProgress
    from rich.progress import SpinnerColumn, TaskProgressColumn, TextColumn, TimeElapsedColumn

    display = RichProgress(SpinnerColumn(), TextColumn("{task.description}"),
                           TextColumn("{task.completed:,} articles"),
                           TaskProgressColumn(show_speed=True), TimeElapsedColumn(),
                           console=Console(file=stream), redirect_stdout=False,
                           redirect_stderr=False)
    task = display.add_task(label, total=None, completed=count)
    display.start()
    return display, task

"""Progress bars on stderr, only when stderr is a terminal (and never with --quiet)."""
from __future__ import annotations

import contextlib
import sys
from typing import Callable, Iterator

Progress = Callable[[str, int, int], None]


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

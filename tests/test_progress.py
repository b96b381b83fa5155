"""Progress displays: on a terminal's stderr only, off with --quiet, colourless under NO_COLOR."""
import io
import os
import pty
import re

import pytest

from reliability.progress import counted

COLOUR = re.compile(r"\x1b\[(?:3\d|9\d|38;)")


def run_counted(n: int, show_after: int, enabled: bool = True) -> tuple[list[int], str]:
    controller, terminal = pty.openpty()
    with open(terminal, "w", encoding="utf-8", closefd=True) as stream:
        passed = list(counted(range(n), "scoring", enabled, show_after=show_after, stream=stream))
    os.set_blocking(controller, False)
    chunks = []
    try:
        while chunk := os.read(controller, 65536):
            chunks.append(chunk)
    except (BlockingIOError, OSError):
        pass
    os.close(controller)
    return passed, b"".join(chunks).decode("utf-8", "replace")


@pytest.fixture
def colour_terminal(monkeypatch):
    monkeypatch.setenv("TERM", "xterm-256color")
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.delenv("FORCE_COLOR", raising=False)


def test_long_batch_shows_a_count_on_a_terminal(colour_terminal):
    passed, shown = run_counted(300, show_after=200)
    assert passed == list(range(300))
    assert "scoring" in shown and "300 articles" in shown and COLOUR.search(shown)


@pytest.mark.parametrize("n, enabled", [(199, True), (300, False)])
def test_short_batch_or_quiet_shows_nothing(colour_terminal, n, enabled):
    passed, shown = run_counted(n, show_after=200, enabled=enabled)
    assert passed == list(range(n)) and shown == ""


def test_no_color_is_respected(colour_terminal, monkeypatch):
    monkeypatch.setenv("NO_COLOR", "1")
    _, shown = run_counted(300, show_after=200)
    assert "300 articles" in shown and not COLOUR.search(shown)


def test_not_a_terminal_shows_nothing():
    stream = io.StringIO()
    assert list(counted(range(300), "scoring", show_after=1, stream=stream)) == list(range(300))
    assert stream.getvalue() == ""


@pytest.mark.parametrize("results_on_stdout, shown", [(True, False), (False, True)])
def test_off_when_results_stream_to_the_same_terminal(colour_terminal, monkeypatch, results_on_stdout, shown):
    controller, terminal = pty.openpty()
    with open(terminal, "w", encoding="utf-8") as tty:
        monkeypatch.setattr("sys.stderr", tty)
        monkeypatch.setattr("sys.stdout", tty)
        list(counted(range(300), "scoring", show_after=200, results_on_stdout=results_on_stdout))
    output = _drain(controller)
    assert ("300 articles" in output) is shown


def _drain(controller: int, wait: float = 2.0) -> str:
    """Everything the terminal side wrote; waits a little, since the kernel may hand a pty's
    output over in more than one piece."""
    import select

    chunks = []
    while select.select([controller], [], [], wait)[0]:
        try:
            chunk = os.read(controller, 65536)
        except OSError:  # EIO once the terminal side is closed and drained
            break
        if not chunk:
            break
        chunks.append(chunk)
        wait = 0.2
    os.close(controller)
    return b"".join(chunks).decode("utf-8", "replace")

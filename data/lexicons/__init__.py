"""Lexicons kept as data files (installed as `reliability.lexicons`); see data/README.md."""
from __future__ import annotations

import functools
from importlib import resources


@functools.lru_cache(maxsize=None)
def load_lexicon(name: str) -> tuple[str, ...]:
    """Entries of `<name>.txt`: one per line, lower-cased; `#` starts a comment."""
    raw = resources.files(__name__).joinpath(f"{name}.txt").read_text(encoding="utf-8")
    entries = (line.split("#", 1)[0].strip().lower() for line in raw.splitlines())
    return tuple(e for e in entries if e)

"""Turning command-line PATHs into articles: files, folders, stdin and JSONL, one at a time.

A bad input becomes an `Item` carrying an error instead of raising, so one unreadable file
never stops a batch of ten thousand.
"""
from __future__ import annotations

import json
import os
import re
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO, Iterable, Iterator

from reliability.errors import InputError
from reliability.text import decode_bytes

TEXT_SUFFIXES = (".txt", ".md", ".markdown", ".text", ".html", ".htm")
HTML_SUFFIXES = (".html", ".htm")
MARKDOWN_SUFFIXES = (".md", ".markdown")
DEFAULT_MAX_CHARS = 1_000_000


@dataclass(frozen=True)
class Item:
    """One article to score, or the reason it could not be read."""

    id: str
    text: str | None = None
    error: str | None = None
    html: bool = False

    def __post_init__(self):
        object.__setattr__(self, "id", printable_id(self.id))


_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


def printable_id(ident: str) -> str:
    """An id every output can print on one line: file names that are not valid UTF-8 (Python
    holds their bytes as lone surrogates) and ids with line breaks or other control
    characters would break a UTF-8 stream, a CSV row or a one-line error message."""
    if ident.isascii() and ident.isprintable():
        return ident
    ident = ident.encode("utf-8", "backslashreplace").decode("utf-8")
    return _CONTROL.sub(lambda m: repr(m.group(0))[1:-1], ident)


def iter_items(paths: Iterable[str], max_chars: int = DEFAULT_MAX_CHARS,
               stdin: BinaryIO | None = None, html_stdin: bool = False) -> Iterator[Item]:
    for raw in paths:
        if raw == "-":
            source = stdin or getattr(sys.stdin, "buffer", None)
            if source is None:  # started with stdin closed
                yield Item(id="-", error="stdin is closed")
                continue
            data = source.read(max_chars * 4 + 1)
            yield _from_bytes("-", data, max_chars, html=html_stdin)
            continue
        if not raw:
            yield Item(id="''", error="empty path (an unset variable?)")
            continue
        path = Path(raw)
        if path.is_dir():
            yield from _walk(path, max_chars)
        elif path.suffix.lower() == ".jsonl":
            yield from _jsonl(path, max_chars)
        else:
            yield _from_file(path, max_chars)


def _walk(root: Path, max_chars: int) -> Iterator[Item]:
    """Every article file under `root`; a folder holding none is an error, so a gate pointed
    at an empty or mistyped folder does not pass having checked nothing."""
    errors: list[OSError] = []
    found = False
    for folder, dirs, files in os.walk(root, onerror=errors.append, followlinks=False):
        dirs.sort()
        for name in sorted(files):
            path = Path(folder) / name
            if path.suffix.lower() == ".jsonl":
                found = True
                yield from _jsonl(path, max_chars)
            elif path.suffix.lower() in TEXT_SUFFIXES:
                found = True
                # a pipe or device named like an article would block or never end
                yield _from_file(path, max_chars) if path.is_file() or not path.exists() else \
                    Item(id=str(path), error="not a regular file")
    for err in errors:
        yield Item(id=str(err.filename or root), error=f"cannot read folder: {err.strerror}")
    if not found and not errors:
        yield Item(id=str(root), error="no articles in this folder (.txt, .md, .html, .jsonl)")


def _from_file(path: Path, max_chars: int) -> Item:
    try:
        size = path.stat().st_size
        if size > max_chars * 4:
            return Item(id=str(path), error=f"too large ({size:,} bytes; limit {max_chars:,} "
                                               "characters, see --max-chars)")
        with open(path, "rb") as handle:  # bounded: a pipe or device reports size 0
            data = handle.read(max_chars * 4 + 1)
    except FileNotFoundError:
        return Item(id=str(path), error="no such file or directory")
    except PermissionError:
        return Item(id=str(path), error="permission denied")
    except OSError as exc:
        return Item(id=str(path), error=f"cannot read: {exc.strerror or exc}")
    suffix = path.suffix.lower()
    return _from_bytes(str(path), data, max_chars, html=suffix in HTML_SUFFIXES,
                       markdown=suffix in MARKDOWN_SUFFIXES)


def _from_bytes(ident: str, data: bytes, max_chars: int, html: bool = False,
                markdown: bool = False) -> Item:
    """`data` was read with a cap of 4 bytes a character plus one: past it, the input is too
    large, however much more there was (stdin, a pipe or a device cannot say)."""
    if len(data) > max_chars * 4:
        return Item(id=ident, error=f"too large (over {max_chars * 4:,} bytes; limit "
                                    f"{max_chars:,} characters, see --max-chars)")
    try:
        text = decode_bytes(data)
    except InputError as exc:
        return Item(id=ident, error=str(exc))
    return _checked(ident, text, max_chars, html, markdown)


def _checked(ident: str, text: str, max_chars: int, html: bool = False,
             markdown: bool = False) -> Item:
    """Size and emptiness checks on the text as given; HTML and Markdown are then reduced to
    the words a reader sees (the size limit applies to the page, so a huge page is refused
    before it is parsed)."""
    if len(text) > max_chars:
        return Item(id=ident, error=f"too large ({len(text):,} characters; limit {max_chars:,}, "
                                    "see --max-chars)")
    try:
        text = _reader_text(text, html, markdown)
    except InputError as exc:
        return Item(id=ident, error=str(exc))
    if not text.strip():
        return Item(id=ident, error="empty: no text to score")
    return Item(id=ident, text=text, html=html)


def _reader_text(text: str, html: bool, markdown: bool) -> str:
    if html and text.strip():
        from reliability.html_input import article_from_html
        return article_from_html(text)
    if markdown:
        from reliability.markdown_input import plain_text_from_markdown
        return plain_text_from_markdown(text)
    return text


def _jsonl(path: Path, max_chars: int) -> Iterator[Item]:
    try:
        handle = open(path, "rb")
    except OSError as exc:
        yield Item(id=str(path), error=f"cannot read: {exc.strerror or exc}")
        return
    limit = max_chars * 6 + 65536  # a text JSON-escaped at worst (\\uXXXX), plus its fields
    with handle:
        seen = False
        for number, line in enumerate(_bounded_lines(handle, limit), start=1):
            if line is None:
                seen = True
                yield Item(id=f"{path}:{number}", error=f"too large (a line over {limit:,} "
                                                        f"bytes; limit {max_chars:,} characters, "
                                                        "see --max-chars)")
            elif line.strip():
                seen = True
                yield _jsonl_item(f"{path}:{number}", line, max_chars)
    if not seen:
        yield Item(id=str(path), error="empty JSONL file: no articles")


def _bounded_lines(handle: BinaryIO, limit: int) -> Iterator[bytes | None]:
    """The file's lines, or None for a line longer than `limit` bytes, which is skipped
    without being held: a 200 MB line would otherwise sit in memory only to be refused."""
    while line := handle.readline(limit + 1):
        if len(line) <= limit or line.endswith(b"\n"):
            yield line
            continue
        while (rest := handle.readline(1 << 20)) and not rest.endswith(b"\n"):
            pass
        yield None


def _jsonl_item(where: str, line: bytes, max_chars: int) -> Item:
    try:
        row = json.loads(line)
    except UnicodeDecodeError:
        return Item(id=where, error="bad JSON: not UTF-8 text")
    except ValueError as exc:
        return Item(id=where, error=f"bad JSON: {exc.msg}")
    return item_from_record(where, row, max_chars)


def item_from_record(where: str, row: object, max_chars: int = DEFAULT_MAX_CHARS) -> Item:
    """One `{"text", "id"}` record (a JSONL line or an HTTP request), checked like a file."""
    if not isinstance(row, dict) or "text" not in row:
        return Item(id=where, error="JSON record has no `text` field")
    ident = str(row["id"]) if row.get("id") not in (None, "") else where
    at = f" (at {where})" if ident != where else ""  # an id alone may not say where to look
    if not isinstance(row["text"], str):
        return Item(id=ident, error=f"`text` is not a string{at}")
    if not _encodable(row["text"]):
        return Item(id=ident, error="`text` holds unpaired surrogates (\\ud800-\\udfff escapes), "
                                    f"not Unicode text{at}")
    return _checked(ident, row["text"], max_chars)


def _encodable(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True

"""Markdown files in: front matter skipped, markup stripped, one line per block.

Why strip: the model learnt from plain text, so `**`, `#`, `[...](url)` and YAML keys would be
scored as if they were prose (a front-matter `tags:` line even reads as page chrome). Parsing
uses markdown-it-py, the CommonMark parser rich already depends on, rather than regexes: a
heading stays a line of its own (the heading signals need that), a link keeps its words, an
image keeps its alt text, and raw HTML blocks are dropped.
"""
from __future__ import annotations

import re

# YAML (---) or TOML (+++) front matter, as static-site generators read it: first line only.
_FRONT_MATTER = re.compile(r"\A\ufeff?(---|\+\+\+)[ \t]*\n.*?\n\1[ \t]*(?:\n|\Z)", re.S)
_INLINE_TEXT = {"text", "code_inline"}
_INLINE_BREAKS = {"softbreak", "hardbreak"}


def strip_front_matter(source: str) -> str:
    return _FRONT_MATTER.sub("", source, count=1)


def plain_text_from_markdown(source: str) -> str:
    """The words a reader sees, paragraphs separated by blank lines, list items one per line."""
    from markdown_it import MarkdownIt

    tokens = MarkdownIt("commonmark").parse(strip_front_matter(source))
    out: list[str] = []
    for index, token in enumerate(tokens):
        if token.type == "inline":
            tight = index > 0 and tokens[index - 1].hidden
            out.append(("\n" if tight else "\n\n") + _inline_text(token.children or []))
        elif token.type in ("fence", "code_block"):
            out.append("\n\n" + token.content.rstrip("\n"))
    return "".join(out).strip()


def _inline_text(children) -> str:
    parts = []
    for child in children:
        if child.type in _INLINE_TEXT:
            parts.append(child.content)
        elif child.type in _INLINE_BREAKS:
            parts.append("\n")
        elif child.type == "image":
            parts.append(_inline_text(child.children or []))
    return "".join(parts)

"""Template headings: the scaffolding of outline-padded, generated articles.

Wire copy and reported features run as paragraphs; content-farm pieces carry short title-case
headings, outline numbering (I., II., 1.), generic section names ("Background", "Conclusion")
and the headline pasted again as a line. Only lines count, never formatting alone: a text with
no line breaks scores zero here, and so does a text whose paragraphs are ordinary prose.
"""
from __future__ import annotations

import re

from reliability.features.base import Evidence, Measurement, SignalExtractor, capped
from reliability.lexicons import load_lexicon
from reliability.text import WORD, Document

_OUTLINE = re.compile(r"^(?:[IVX]{1,5}|\d{1,2}|[A-H])[.)]\s+\S")
class TemplateHeadings(SignalExtractor):
    signal = "template_headings"
    direction = 1
    feature_names = ("heading_lines", "outline_numbered_lines", "generic_section_names",
                     "repeated_title_lines")

    def measure(self, doc: Document) -> dict[str, Measurement]:
        body = [(n, line) for n, line in enumerate(doc.lines, start=1) if line]
        headings = [(n, line) for n, line in body[1:] if n - 1 in doc.heading_lines]
        outline = [(n, line) for n, line in body if _OUTLINE.match(line) and len(line) < 120]
        generic = [(n, line) for n, line in body
                   if _is_generic_section(line, n - 1 in doc.heading_lines)]
        repeated = _repeated_title_lines(body)
        return {
            "heading_lines": _count(doc, headings, cap=30),
            "outline_numbered_lines": _count(doc, outline, cap=20),
            "generic_section_names": _count(doc, generic, cap=20),
            "repeated_title_lines": _count(doc, repeated, cap=10),
        }


def _count(doc: Document, found: list[tuple[int, str]], cap: float) -> Measurement:
    evidence = tuple(Evidence(line[:160], n) for n, line in found[:8])
    return Measurement(capped(len(found), cap), evidence)


def _is_generic_section(line: str, heading: bool) -> bool:
    """Only a heading, or a line ending in a colon, can name a section: tested first, as most
    lines are neither."""
    if not (line.endswith(":") or heading):
        return False
    stripped = _OUTLINE.sub("", line).strip().rstrip(":").strip().lower()
    stripped = re.sub(r"^(?:[ivx]+|\d+)[.)]\s*", "", stripped)
    if not stripped or len(stripped.split()) > 8:
        return False
    return any(stripped == e or stripped.startswith(e + " ") for e in load_lexicon("section_names"))


def _repeated_title_lines(body: list[tuple[int, str]]) -> list[tuple[int, str]]:
    """Later lines that repeat the first line (or any short line) word for word, case aside."""
    seen: dict[str, int] = {}
    repeats = []
    for n, line in body:
        key = _key(line)
        if not key or len(key.split()) < 3 or len(line) > 200:
            continue
        if key in seen:
            repeats.append((n, line))
        else:
            seen[key] = n
    return repeats


def _key(line: str) -> str:
    return " ".join(map(str.lower, WORD.findall(line)))

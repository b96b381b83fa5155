"""Character-level evasion attacks (after the RAID benchmark), seeded and reproducible.

Each attack maps a text to an attacked text; `reliability evaluate --attack NAME` applies one
to every text before scoring, so the robustness numbers can be rerun by anyone.
"""
from __future__ import annotations

import random
import re
import zlib
from typing import Callable

_HOMOGLYPHS = {"a": "\u0430", "e": "\u0435", "o": "\u043e", "p": "\u0440", "c": "\u0441",
               "x": "\u0445", "y": "\u0443", "i": "\u0456", "A": "\u0391", "B": "\u0392",
               "E": "\u0395", "H": "\u0397", "K": "\u039a", "M": "\u039c", "O": "\u039f",
               "T": "\u03a4", "X": "\u03a7"}
_INVISIBLE = ("\u200b", "\u200c", "\u200d", "\u2060", "\ufeff")


def _rng(text: str, name: str) -> random.Random:
    return random.Random(zlib.crc32(f"{name}:{text[:200]}".encode()))


def homoglyph(text: str, rate: float = 0.3) -> str:
    rng = _rng(text, "homoglyph")
    return "".join(_HOMOGLYPHS[ch] if ch in _HOMOGLYPHS and rng.random() < rate else ch
                   for ch in text)


def zero_width(text: str, rate: float = 0.3) -> str:
    rng = _rng(text, "zero_width")
    return "".join(ch + rng.choice(_INVISIBLE) if ch.isalpha() and rng.random() < rate else ch
                   for ch in text)


def whitespace(text: str, rate: float = 0.3) -> str:
    rng = _rng(text, "whitespace")
    return re.sub(r" ", lambda m: " " * rng.randint(2, 4) if rng.random() < rate else " ", text)


def case_swap(text: str, rate: float = 0.05) -> str:
    rng = _rng(text, "case_swap")
    return "".join(ch.swapcase() if ch.isalpha() and rng.random() < rate else ch for ch in text)


def article_deletion(text: str, rate: float = 0.5) -> str:
    rng = _rng(text, "article_deletion")
    return re.sub(r"\b(?:the|a|an) ", lambda m: "" if rng.random() < rate else m.group(0), text)


def blank_paragraphs(text: str, rate: float = 0.5) -> str:
    rng = _rng(text, "blank_paragraphs")
    return re.sub(r"(?<=[.!?]) ", lambda m: "\n\n" if rng.random() < rate else " ", text)


ATTACKS: dict[str, Callable[[str], str]] = {
    "homoglyph": homoglyph, "zero_width": zero_width, "whitespace": whitespace,
    "case_swap": case_swap, "article_deletion": article_deletion,
    "blank_paragraphs": blank_paragraphs,
}
CHARACTER_ATTACKS = ("homoglyph", "zero_width", "whitespace", "case_swap")

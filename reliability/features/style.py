"""Style and readability: how the prose is built, independent of what it is about.

Reporters quote and attribute ("said", "told"), pack sentences with numbers and names, vary
sentence length, and misspell now and then; generated prose is evenly paced, abstract and
spelled perfectly. Everything here reads the flattened text, so line layout cannot matter.
"""
from __future__ import annotations

import functools
import re
import statistics
from typing import Sequence

from reliability.features.base import (CaselessPattern, Evidence, Measurement, SignalExtractor,
                                       WordMemo,
                                       population_std)
from reliability.features.readability import flesch_scores
from reliability.text import Document

ATTRIBUTION = CaselessPattern(r"\b(?:said|says|told|according to|added|stated|explained|"
                               r"noted|announced|wrote|asked)\b")
_NUMBER = re.compile(r"\b\d")
_MIDSENTENCE_NAME = re.compile(r"(?<=[a-z,;] )[A-Z][a-z]+")
_MATTR_WINDOW = 100


@functools.lru_cache(maxsize=1)
def english_frequencies() -> dict[str, float]:
    """wordfreq's large English list as a plain dict: one lookup per word, no re-tokenising."""
    import wordfreq

    return wordfreq.get_frequency_dict("en", wordlist="large")


def _mattr(words: Sequence[str]) -> float:
    """Moving-average type-token ratio: lexical diversity that does not fall with length."""
    if len(words) < _MATTR_WINDOW:
        return len(set(words)) / max(len(words), 1)
    ratios = [len(set(words[i:i + _MATTR_WINDOW])) / _MATTR_WINDOW
              for i in range(0, len(words) - _MATTR_WINDOW + 1, 25)]
    return statistics.fmean(ratios)


class Style(SignalExtractor):
    signal = "style"
    directions = {"misspellings_per_1k": -1}  # people misspell; models rarely do
    feature_names = ("flesch_reading_ease", "grade_level", "sentence_length_mean",
                     "sentence_length_cv", "lexical_diversity", "quotes_per_sentence",
                     "attributions_per_1k", "numbers_per_sentence", "names_per_sentence",
                     "misspellings_per_1k")

    def measure(self, doc: Document) -> dict[str, Measurement]:
        lengths = [len(words) for words in doc.sentence_words] or [0]
        mean = statistics.fmean(lengths)
        n_sent = max(len(doc.sentences), 1)
        sample = doc.flat[:20000]  # readability settles long before 20k characters
        misspelled = _misspellings(doc)
        ease, grade = flesch_scores(sample)  # textstat's values, computed faster
        return {
            "flesch_reading_ease": Measurement(max(-50.0, min(120.0, ease))),
            "grade_level": Measurement(max(0.0, min(30.0, grade))),
            "sentence_length_mean": Measurement(min(mean, 80.0)),
            "sentence_length_cv": Measurement(population_std(lengths) / mean if mean else 0.0),
            "lexical_diversity": Measurement(_mattr(doc.lower_words)),
            "quotes_per_sentence": Measurement(doc.flat.count('"') / 2 / n_sent),
            "attributions_per_1k": Measurement(doc.per_1k_words(len(ATTRIBUTION.spans(doc.flat)))),
            "numbers_per_sentence": Measurement(len(_NUMBER.findall(doc.flat)) / n_sent),
            "names_per_sentence": Measurement(len(_MIDSENTENCE_NAME.findall(doc.flat)) / n_sent),
            "misspellings_per_1k": Measurement(doc.per_1k_words(len(misspelled)),
                                               tuple(Evidence(w) for w in misspelled[:10])),
        }


def _misspellings(doc: Document) -> list[str]:
    """Lower-case words that are unknown, or rare and one edit away from a common word.

    wordfreq counts web text, so frequent typos ("recieve") have entries of their own; a rare
    form next to a far more common neighbour is the typo. Capitalised words (names) never count.
    """
    return [w for w in doc.words if _MISSPELLED[w]]


def _is_misspelling(word: str) -> bool:
    if not (word.islower() and len(word) > 3 and word.isalpha()):
        return False
    freq = english_frequencies()
    return word not in freq or _typo_of_common_word(word, freq)


# Remembered per word: the edit-1 neighbourhood costs ~50 dictionary look-ups a letter.
_MISSPELLED = WordMemo(_is_misspelling)
_LETTERS = "abcdefghijklmnopqrstuvwxyz"


_COMMON = 1e-5  # only a neighbour this frequent can be what a typo was meant to be
_INDEX_AFTER = 300  # words looked up before an index of common words pays for its 0.1 s


def _typo_of_common_word(word: str, freq: dict[str, float]) -> bool:
    f = freq[word]
    if f > 1e-6:  # zipf >= 3: an ordinary word
        return False
    if _MISSPELLED.misses > _INDEX_AFTER:
        return any(freq[n] >= max(_COMMON, 100 * f) for n in _common_neighbours(word))
    splits = [(word[:i], word[i:]) for i in range(len(word) + 1)]
    neighbours = ({a + b[1:] for a, b in splits if b}
                  | {a + b[1] + b[0] + b[2:] for a, b in splits if len(b) > 1}
                  | {a + c + b[1:] for a, b in splits if b for c in _LETTERS}
                  | {a + c + b for a, b in splits for c in _LETTERS})
    return any(freq.get(n, 0.0) >= max(1e-5, 100 * f) for n in neighbours if n != word)


def _common_neighbours(word: str) -> list[str]:
    """The common words among `word`'s edit-1 neighbours above, found through an index of the
    common words' one-letter deletions instead of generating ~54 strings a letter."""
    common, by_deletion, by_place = _common_index()
    near = [word[:i] + word[i + 1:] for i in range(len(word))]
    near += [word[:i] + word[i + 1] + word[i] + word[i + 2:] for i in range(len(word) - 1)]
    found = [n for n in near if n in common]
    found += [n for n, inserted in by_deletion.get(word, ()) if inserted in _LETTERS]
    for i in range(len(word)):
        found += [n for n, replaced in by_place.get((word[:i] + word[i + 1:], i), ())
                  if replaced in _LETTERS]
    return [n for n in found if n != word]


@functools.lru_cache(maxsize=1)
def _common_index() -> tuple[set, dict, dict]:
    """Common words, and (word, deleted letter) pairs by their one-letter deletion, alone and
    with its place. Tuples rather than lists (a key holds a few entries): ~90,000 lists would
    stay in the garbage collector's sight for the life of the process, to be walked at every
    full collection, and took twice as long to build."""
    common = {w for w, f in english_frequencies().items() if f >= _COMMON}
    by_deletion: dict[str, tuple] = {}
    by_place: dict[tuple[str, int], tuple] = {}
    for n in common:
        for i in range(len(n)):
            deleted, entry = n[:i] + n[i + 1:], ((n, n[i]),)
            by_deletion[deleted] = by_deletion.get(deleted, ()) + entry
            by_place[deleted, i] = by_place.get((deleted, i), ()) + entry
    return common, by_deletion, by_place

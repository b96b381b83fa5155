"""Function-word and punctuation profiles: style that survives a change of topic.

Closed-class words ("the", "which", "however") and punctuation habits are chosen without
thought and differ between human writers and language models; unlike content words they do
not tell the model what a story is about, so topic cannot decide the score.
"""
from __future__ import annotations

import functools
import re

from reliability.features.base import Evidence, Measurement, RateExtractor, SignalExtractor
from reliability.lexicons import load_lexicon
from reliability.text import Document

PUNCTUATION = {"comma": ",", "semicolon": ";", "colon": ":", "dash": "--", "hyphen": "-",
               "parenthesis": "(", "double_quote": '"', "apostrophe": "'", "question": "?",
               "exclamation": "!", "period": "."}


@functools.lru_cache(maxsize=1)
def function_word_list() -> tuple[str, ...]:
    return load_lexicon("function_words")


@functools.lru_cache(maxsize=1)
def function_word_classes() -> dict[str, tuple[str, ...]]:
    """Grammatical class -> its words, from `function_word_classes.txt`."""
    classes = {}
    for entry in load_lexicon("function_word_classes"):
        name, _, words = entry.partition(":")
        classes[name.strip()] = tuple(words.split())
    return classes


@functools.lru_cache(maxsize=1)
def _classes_of() -> dict[str, tuple[str, ...]]:
    """Word -> the classes it belongs to (a few words, like "no", sit in two)."""
    out: dict[str, tuple[str, ...]] = {}
    for name, words in function_word_classes().items():
        for word in words:
            out[word] = out.get(word, ()) + (name,)
    return out


class FunctionWords(RateExtractor):
    """Rates per 1,000 words of grammatical classes of function words (articles, modals,
    prepositions, ...), not of single words: single-word rates identify a writer, and the
    machine side of any training set is written by few writers."""

    signal = "function_words"
    feature_names = tuple(f"{name}_per_1k" for name in function_word_classes()) + (
        "function_word_share",)

    def rates(self, doc: Document) -> list[float]:
        counts = doc.word_counts
        classes_of = _classes_of()
        per_class = dict.fromkeys(function_word_classes(), 0)
        for word in counts.keys() & classes_of.keys():
            for name in classes_of[word]:
                per_class[name] += counts[word]
        rates = [doc.per_1k_words(n) for n in per_class.values()]
        total = sum(counts.get(w, 0) for w in function_word_list())
        return rates + [total / max(doc.n_words, 1)]


class FunctionWordRates(RateExtractor):
    """Rates per 1,000 words of single function words. They identify a writer more than a
    kind of writing, so training lets them in only at a reduced weight (see
    reliability.selection.SHRUNK): deviations from the class profile, not a profile of their own."""

    signal = "function_word_rates"
    feature_names = tuple(f"fw_{w}" for w in load_lexicon("function_words"))

    def rates(self, doc: Document) -> list[float]:
        """`doc.per_1k_words` of each word's count, its formula inlined: 215 calls an article."""
        counts, words = doc.word_counts, max(doc.n_words, 50)
        return [1000.0 * counts.get(w, 0) / words for w in function_word_list()]


class Punctuation(SignalExtractor):
    signal = "punctuation"
    feature_names = tuple(f"{name}_per_1k" for name in PUNCTUATION) + ("sentence_initial_conjunctions",)

    def measure(self, doc: Document) -> dict[str, Measurement]:
        counts = {name: doc.flat.count(mark) for name, mark in PUNCTUATION.items()}
        counts["hyphen"] -= 2 * counts["dash"]  # text.py writes every dash as "--"
        out = {f"{name}_per_1k": Measurement(doc.per_1k_words(n)) for name, n in counts.items()}
        starts = [s for s in doc.sentences if re.match(r"(?:And|But|So|Or|Yet)\b", s)]
        out["sentence_initial_conjunctions"] = Measurement(
            len(starts) / max(len(doc.sentences), 1), tuple(Evidence(s[:120]) for s in starts[:3]))
        return out

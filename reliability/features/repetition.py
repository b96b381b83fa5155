"""Repetition: padding restates itself.

Generated filler says the same sentence twice, or nearly so, and reuses the same phrases;
reporters rarely repeat whole sentences. Computed on sentences of the flattened text, so the
line layout does not matter.
"""
from __future__ import annotations

from collections import Counter

from reliability.features.base import (Evidence, Measurement, SignalExtractor,
                                       evidence_from_sentences)
from reliability.text import Document

_MIN_WORDS = 5
_MAX_SENTENCES = 400  # near-duplicate search is quadratic; longer texts use their first 400


def _shingles(tokens: list[str]) -> frozenset[tuple[str, ...]]:
    return frozenset(zip(tokens, tokens[1:], tokens[2:]))


class Repetition(SignalExtractor):
    signal = "repetition"
    direction = 1
    feature_names = ("duplicate_sentence_share", "near_duplicate_sentence_share",
                     "repeated_4gram_share")

    def measure(self, doc: Document) -> dict[str, Measurement]:
        long_enough = [(s, words) for s, words in zip(doc.sentences, doc.lower_sentence_words)
                       if len(words) >= _MIN_WORDS]
        exact, near = _duplicates(long_enough[:_MAX_SENTENCES])
        n = max(len(long_enough), 1)
        return {
            "duplicate_sentence_share": Measurement(len(exact) / n,
                                                    evidence_from_sentences(doc, exact)),
            "near_duplicate_sentence_share": Measurement(len(near) / n,
                                                         evidence_from_sentences(doc, near)),
            "repeated_4gram_share": _repeated_ngrams(doc),
        }


def _duplicates(sentences: list[tuple[str, tuple[str, ...]]]) -> tuple[list[str], list[str]]:
    seen_exact: set[str] = set()
    seen_shingles: list[frozenset] = []
    exact, near = [], []
    for sentence, tokens in sentences:
        key = " ".join(tokens)
        shingles = _shingles(tokens)
        if key in seen_exact:
            exact.append(sentence)
        elif shingles and any(_jaccard(shingles, other) >= 0.5 for other in seen_shingles):
            near.append(sentence)
        seen_exact.add(key)
        seen_shingles.append(shingles)
    return exact, near


def _jaccard(a: frozenset, b: frozenset) -> float:
    if not b:
        return 0.0
    inter = len(a & b)
    return inter / (len(a) + len(b) - inter) if inter else 0.0


def _repeated_ngrams(doc: Document, n: int = 4) -> Measurement:
    """Share of 4-gram occurrences that repeat an earlier one, within the first 3,000 words.

    The window keeps the value comparable between short and long articles.
    """
    words = doc.lower_words[:3000]
    grams = list(zip(*(words[i:] for i in range(n))))
    if not grams:
        return Measurement(0.0)
    counts = Counter(grams)
    repeated = sum(c - 1 for c in counts.values() if c > 1)
    top = [(g, c) for g, c in counts.most_common(5) if c > 2]
    return Measurement(repeated / len(grams),
                       tuple(Evidence(f'"{" ".join(g)}" x{c}') for g, c in top))

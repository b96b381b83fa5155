"""Repetition: padding restates itself.

Generated filler says the same sentence twice, or nearly so, and reuses the same phrases;
reporters rarely repeat whole sentences. Computed on sentences of the flattened text, so the
line layout does not matter.
"""
from __future__ import annotations

from collections import Counter
from itertools import chain

from reliability.features.base import (Evidence, Measurement, SignalExtractor,
                                       evidence_from_sentences)
from reliability.text import Document

_MIN_WORDS = 5
_MAX_SENTENCES = 400  # longer texts use their first 400 (as the shipped model was trained)


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
    """Exact repeats, and near repeats (word-trigram Jaccard >= 0.5 with an earlier sentence).

    Only sentences that share a trigram can be near repeats, so an index from each shared
    trigram to the sentences holding it finds the overlaps without comparing every pair: the
    cost grows with the text, not with its square (a 10,000-word article took 31 ms pairwise,
    4 ms so). Trigrams found in one sentence only are left out of the index; in most articles
    that is all of them."""
    all_shingles = [_shingles(tokens) for _, tokens in sentences]
    counts = Counter(chain.from_iterable(all_shingles))
    shared_anywhere = {shingle for shingle, count in counts.items() if count > 1}
    seen_exact: set[str] = set()
    sizes: list[int] = []
    holders: dict[tuple[str, ...], list[int]] = {}
    exact, near = [], []
    for index, ((sentence, tokens), shingles) in enumerate(zip(sentences, all_shingles)):
        key = " ".join(tokens)
        shared = shingles & shared_anywhere
        if key in seen_exact:
            exact.append(sentence)
        elif shared and _overlaps_earlier(shared, len(shingles), holders, sizes):
            near.append(sentence)
        seen_exact.add(key)
        sizes.append(len(shingles))
        for shingle in shared:
            holders.setdefault(shingle, []).append(index)
    return exact, near


def _overlaps_earlier(shared: frozenset, n: int, holders: dict, sizes: list[int]) -> bool:
    """Whether a sentence of `n` trigrams, `shared` of them found elsewhere in the text, has
    trigram Jaccard >= 0.5 with an earlier sentence."""
    overlap: Counter = Counter()
    for shingle in shared:
        earlier = holders.get(shingle)
        if earlier:
            overlap.update(earlier)
    return any(inter / (n + sizes[other] - inter) >= 0.5 for other, inter in overlap.items())


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

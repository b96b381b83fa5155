"""Hedging and stock phrases of generated prose, from a lexicon kept as a data file.

Model-written news qualifies and summarises ("it remains to be seen", "could potentially",
"underscores"); wire copy attributes instead. Counted per 1,000 words so length does not matter.
"""
from __future__ import annotations

import functools
import re

from reliability.features.base import (CaselessPattern, Evidence, Measurement, SignalExtractor,
                                       locate)
from reliability.lexicons import load_lexicon
from reliability.text import Document


@functools.lru_cache(maxsize=1)
def _pattern() -> re.Pattern:
    return _hedges().caseless


@functools.lru_cache(maxsize=1)
def _hedges() -> CaselessPattern:
    """The phrases as a trie: at each position the longest phrase followed by a word boundary
    wins, as with a longest-first alternation, but without trying ~100 phrases in turn."""
    return CaselessPattern(r"\b" + _trie(load_lexicon("hedging")) + r"\b")


def _trie(phrases) -> str:
    root: dict = {}
    for phrase in phrases:
        node = root
        for ch in phrase:
            node = node.setdefault(ch, {})
        node[""] = {}  # a phrase ends here
    return _alternation(root)


def _alternation(node: dict) -> str:
    """Longer phrases first: the empty branch (stop here) is tried last."""
    branches = [re.escape(ch) + _alternation(child) for ch, child in sorted(node.items()) if ch]
    if "" in node:
        branches.append("")
    return branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"


class Hedging(SignalExtractor):
    signal = "hedging"
    direction = 1
    feature_names = ("hedge_phrases_per_1k", "sentences_with_hedges_share")

    def measure(self, doc: Document) -> dict[str, Measurement]:
        hits = [(phrase, sentence) for sentence in doc.sentences
                for phrase in _hedges().found(sentence)]
        hedged = {sentence for _, sentence in hits}
        evidence = tuple(Evidence(f'"{phrase}": {sentence[:120]}', locate(doc, sentence))
                         for phrase, sentence in hits[:10])
        return {
            "hedge_phrases_per_1k": Measurement(doc.per_1k_words(len(hits)), evidence),
            "sentences_with_hedges_share": Measurement(len(hedged) / max(len(doc.sentences), 1)),
        }

"""Hedging and stock phrases of generated prose, from a lexicon kept as a data file.

Model-written news qualifies and summarises ("it remains to be seen", "could potentially",
"underscores"); wire copy attributes instead. Counted per 1,000 words so length does not matter.
"""
from __future__ import annotations

from reliability.features.base import (Measurement, SignalExtractor, lexicon_pattern,
                                       phrase_evidence, phrase_hits)
from reliability.text import Document


class Hedging(SignalExtractor):
    signal = "hedging"
    direction = 1
    feature_names = ("hedge_phrases_per_1k", "sentences_with_hedges_share")

    def measure(self, doc: Document) -> dict[str, Measurement]:
        hits = phrase_hits(doc, lexicon_pattern("hedging"))
        hedged = {sentence for _, sentence in hits}
        evidence = phrase_evidence(doc, hits)
        return {
            "hedge_phrases_per_1k": Measurement(doc.per_1k_words(len(hits)), evidence),
            "sentences_with_hedges_share": Measurement(len(hedged) / max(len(doc.sentences), 1)),
        }

"""Sourcing: who says so.

A reporter names the person who said a thing; a text written from a headline, without the
facts, can only cite groups ("experts say", "critics argue", "according to analysts"). Counted
per 1,000 words, and as a share of all attributions (the style signal's "said", "told",
"stated" ...) so that a quote-heavy wire story with one "officials said" is not mistaken for
vague sourcing; three pseudo-attributions keep a share of one or two from counting for much.
"""
from __future__ import annotations

import functools

from reliability.features.base import (CaselessPattern, Measurement, SignalExtractor,
                                       phrase_evidence, phrase_hits, phrase_trie)
from reliability.features.style import ATTRIBUTION
from reliability.text import Document

_PSEUDO_ATTRIBUTIONS = 3


@functools.lru_cache(maxsize=1)
def unnamed_attribution() -> CaselessPattern:
    """An unnamed group before a reporting verb (an auxiliary may stand between), or after
    "according to" (one qualifier may stand between: "according to some analysts")."""
    from reliability.lexicons import load_lexicon

    groups = phrase_trie(load_lexicon("unnamed_sources"))
    verbs = phrase_trie(load_lexicon("reporting_verbs"))
    return CaselessPattern(
        rf"\b{groups}\s+(?:(?:have|had|also|are|were|have also)\s+)?{verbs}\b"
        rf"|\baccording to (?:[a-z]+ )?{groups}\b")


class Sourcing(SignalExtractor):
    signal = "sourcing"
    direction = 1
    feature_names = ("unnamed_attributions_per_1k", "unnamed_attribution_share")

    def measure(self, doc: Document) -> dict[str, Measurement]:
        hits = phrase_hits(doc, unnamed_attribution())
        attributions = len(ATTRIBUTION.spans(doc.flat))
        return {
            "unnamed_attributions_per_1k": Measurement(doc.per_1k_words(len(hits)),
                                                       phrase_evidence(doc, hits)),
            "unnamed_attribution_share": Measurement(
                len(hits) / (len(hits) + attributions + _PSEUDO_ATTRIBUTIONS)),
        }

"""Discourse habits of generated prose that survive a change of topic and outlet.

Three traits of model-written news that do not depend on what the story is about: sentences
that trail off in a participle clause (", highlighting the need for ..."), sentences opened by
a bare demonstrative that points back at the last one ("This move ...", "These efforts ..."),
and a closing that sums up or looks ahead instead of ending on a fact or a quote.
"""
from __future__ import annotations

import re

from reliability.features.base import (Evidence, Measurement, SignalExtractor, lexicon_pattern,
                                       locate)
from reliability.text import Document

# -ing words that head ordinary news phrases rather than a trailing participle clause.
_NOT_PARTICIPLES = frozenset("""
according including during following regarding concerning excluding notwithstanding pending
something nothing anything everything morning evening king thing things spring string building
funding meeting ceiling wedding bring sibling darling viking beijing ring wing sing ping""".split())
_PARTICIPLE_TAIL = re.compile(r",\s+(?:and\s+|thereby\s+|further\s+)?([a-z]{3,}ing)\b")
_DEMONSTRATIVE_OPENER = re.compile(r"^(?:This|These)\s+(?!is\b|was\b|year\b|week\b|month\b|"
                                   r"morning\b|time\b)[a-z]+")
_CLOSING_SENTENCES = 2


def participle_tails(sentence: str) -> list[str]:
    return [m.group(1) for m in _PARTICIPLE_TAIL.finditer(sentence)
            if m.group(1) not in _NOT_PARTICIPLES]


class Discourse(SignalExtractor):
    signal = "discourse"
    direction = 1
    feature_names = ("participle_tails_per_1k", "demonstrative_openers_share",
                     "summary_closing_phrases")

    def measure(self, doc: Document) -> dict[str, Measurement]:
        sentences = doc.sentences
        tails = [(s, w) for s in sentences for w in participle_tails(s)]
        openers = [s for s in sentences if _DEMONSTRATIVE_OPENER.match(s)]
        closing = [(phrase, s) for s in sentences[-_CLOSING_SENTENCES:]
                   for phrase in lexicon_pattern("closing_phrases").found(s)]
        return {
            "participle_tails_per_1k": Measurement(doc.per_1k_words(len(tails)), tuple(
                Evidence(f'", {w} ...": {s[:120]}', locate(doc, s)) for s, w in tails[:8])),
            "demonstrative_openers_share": Measurement(
                len(openers) / max(len(sentences), 1),
                tuple(Evidence(s[:120], locate(doc, s)) for s in openers[:8])),
            "summary_closing_phrases": Measurement(float(min(len(closing), 3)), tuple(
                Evidence(f'"{p}" in the closing: {s[:120]}', locate(doc, s)) for p, s in closing)),
        }

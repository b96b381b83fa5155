"""Word rarity from wordfreq: models pick safe, frequent words; reporters use specific ones.

Zipf frequency (log10 per billion words) of each lower-case word, summarised. Capitalised
words are left out so that names of people and places do not count as rare vocabulary.
"""
from __future__ import annotations

import math
import statistics

from reliability.features.base import (Evidence, Measurement, SignalExtractor, WordMemo,
                                       population_std)
from reliability.features.style import english_frequencies
from reliability.text import Document


def zipf(word: str, freq: dict[str, float]) -> float:
    f = freq.get(word, 0.0)
    return math.log10(f * 1e9) if f > 0 else 0.0


def _english_zipf(word: str) -> float:
    return zipf(word, english_frequencies())


# Remembered per word: news reuses its vocabulary, and the logarithm costs more than the look-up.
_ZIPF = WordMemo(_english_zipf)


class WordRarity(SignalExtractor):
    signal = "word_rarity"
    feature_names = ("zipf_mean", "zipf_std", "rare_word_share", "very_common_share")

    def measure(self, doc: Document) -> dict[str, Measurement]:
        words = [w for w in doc.words if w.islower()]
        values = list(map(_ZIPF.__getitem__, words))
        if len(values) < 2:
            return {name: Measurement(0.0) for name in self.feature_names}
        rare = [w for w, z in zip(words, values) if z < 3.0]
        return {
            "zipf_mean": Measurement(statistics.fmean(values)),
            "zipf_std": Measurement(population_std(values)),
            "rare_word_share": Measurement(len(rare) / len(values),
                                           tuple(Evidence(w) for w in sorted(set(rare))[:10])),
            "very_common_share": Measurement(sum(z >= 6.0 for z in values) / len(values)),
        }

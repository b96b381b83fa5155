"""The registry of signal extractors: one module per signal, listed once here."""
from __future__ import annotations

from reliability.features.base import Evidence, Measurement, SignalExtractor
from reliability.features.boilerplate import Boilerplate
from reliability.features.date_consistency import DateConsistency
from reliability.features.discourse import Discourse
from reliability.features.function_words import FunctionWordRates, FunctionWords, Punctuation
from reliability.features.hedging import Hedging
from reliability.features.name_drift import NameDrift
from reliability.features.ngram_lm import WordTrigramLM
from reliability.features.repetition import Repetition
from reliability.features.skeleton_lm import SkeletonLM
from reliability.features.sourcing import Sourcing
from reliability.features.style import Style
from reliability.features.template_headings import TemplateHeadings
from reliability.features.word_rarity import WordRarity

EXTRACTORS: tuple[type[SignalExtractor], ...] = (
    TemplateHeadings, Repetition, DateConsistency, NameDrift, Hedging, Boilerplate, Style,
    Sourcing, WordRarity, FunctionWords, FunctionWordRates, Punctuation, Discourse, WordTrigramLM,
    SkeletonLM,
)
# Extractors that learn from data, fitted on labelled texts kept apart from the classifier's.
FITTED = (WordTrigramLM, SkeletonLM)

__all__ = ["EXTRACTORS", "FITTED", "Evidence", "Measurement", "SignalExtractor"]

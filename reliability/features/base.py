"""The contract every signal module follows: a scikit-learn transformer over raw texts.

Each extractor measures a `Document` once and returns named values together with the lines
that made them fire, so the same computation feeds the model and the explanation.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import ClassVar, Sequence

import numpy as np
from sklearn.base import BaseEstimator, TransformerMixin

from reliability.text import Document, parse


@dataclass(frozen=True)
class Evidence:
    """A span that fired: the text and, when it sits on one line, its 1-based line number."""

    text: str
    line: int | None = None


@dataclass(frozen=True)
class Measurement:
    value: float
    evidence: tuple[Evidence, ...] = field(default=())


class SignalExtractor(TransformerMixin, BaseEstimator):
    """Base class: subclasses set `signal` and `feature_names` and implement `measure`."""

    signal: ClassVar[str]
    feature_names: ClassVar[tuple[str, ...]]
    # The sign a feature's weight may take, towards "unreliable": +1 for evidence signals
    # (more repetition or leftover chrome can never make an article look more reliable),
    # -1 where the design says the opposite, 0 = free. Overrides per feature in `directions`.
    direction: ClassVar[int] = 0
    directions: ClassVar[dict[str, int]] = {}

    @classmethod
    def feature_direction(cls, name: str) -> int:
        return cls.directions.get(name, cls.direction)

    def fit(self, X: Sequence[str], y=None):
        self.n_features_in_ = 1
        return self

    def transform(self, X: Sequence[str]) -> np.ndarray:
        rows = [self.values(parse(_as_text(x))) for x in X]
        return np.asarray(rows, dtype=np.float64).reshape(len(rows), len(self.feature_names))

    def get_feature_names_out(self, input_features=None) -> np.ndarray:
        return np.asarray(list(self.feature_names), dtype=object)

    def values(self, doc: Document) -> list[float]:
        measured = self.measure(doc)
        return [float(measured[name].value) for name in self.feature_names]

    def measure(self, doc: Document) -> dict[str, Measurement]:
        raise NotImplementedError

    def __sklearn_tags__(self):
        tags = super().__sklearn_tags__()
        tags.input_tags.string = True
        tags.input_tags.two_d_array = False
        tags.requires_fit = False
        return tags


def _as_text(x) -> str:
    if isinstance(x, (list, tuple, np.ndarray)):
        x = x[0]
    return "" if x is None else str(x)


def locate(doc: Document, snippet: str) -> int | None:
    """1-based number of the first line containing `snippet` (or its first 40 characters)."""
    probe = snippet[:40]
    for number, line in enumerate(doc.lines, start=1):
        if probe and probe in line:
            return number
    return None


def evidence_from_sentences(doc: Document, sentences, limit: int = 8) -> tuple[Evidence, ...]:
    return tuple(Evidence(_clip(s), locate(doc, s)) for s in list(sentences)[:limit])


def _clip(text: str, width: int = 160) -> str:
    return text if len(text) <= width else text[: width - 1] + "\u2026"


def capped(count: float, cap: float) -> float:
    return float(min(count, cap))

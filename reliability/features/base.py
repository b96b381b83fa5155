"""The contract every signal module follows: a scikit-learn transformer over raw texts.

Each extractor measures a `Document` once and returns named values together with the lines
that made them fire, so the same computation feeds the model and the explanation.
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from typing import Callable, ClassVar, Sequence

import numpy as np

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


class SignalExtractor:
    """Base class: subclasses set `signal` and `feature_names` and implement `measure`.

    A scikit-learn transformer by protocol (fit, transform, get_params, tags) rather than by
    inheritance, so that scoring one article does not pay scikit-learn's 0.8 s import.
    """

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

    def fit_transform(self, X: Sequence[str], y=None, **fit_params) -> np.ndarray:
        return self.fit(X, y).transform(X)

    @classmethod
    def _get_param_names(cls) -> list[str]:
        import inspect

        init = inspect.signature(cls.__init__).parameters.values()
        return sorted(p.name for p in init if p.name != "self" and p.kind not in
                      (p.VAR_POSITIONAL, p.VAR_KEYWORD))

    def get_params(self, deep: bool = True) -> dict:
        return {name: getattr(self, name) for name in self._get_param_names()}

    def set_params(self, **params):
        for name, value in params.items():
            if name not in self._get_param_names():
                raise ValueError(f"{type(self).__name__} has no parameter {name!r}")
            setattr(self, name, value)
        return self

    def set_output(self, *, transform=None):
        """Output is always a NumPy array; accepted so a FeatureUnion can pass the call on."""
        return self

    def __repr__(self) -> str:
        return f"{type(self).__name__}({', '.join(f'{k}={v!r}' for k, v in self.get_params().items())})"

    def transform(self, X: Sequence[str]) -> np.ndarray:
        rows = [self.values(parse(_as_text(x))) for x in X]
        return np.asarray(rows, dtype=np.float64).reshape(len(rows), len(self.feature_names))

    def get_feature_names_out(self, input_features=None) -> np.ndarray:
        return np.asarray(list(self.feature_names), dtype=object)

    def values(self, doc: Document) -> list[float]:
        return self.values_and_evidence(doc)[0]

    def values_and_evidence(self, doc: Document) -> tuple[list[float], list[tuple[Evidence, ...]]]:
        """Each feature's value and evidence in `feature_names` order: what scoring reads.
        Extractors of many evidence-free features override it to skip building Measurements."""
        measured = self.measure(doc)
        ordered = [measured[name] for name in self.feature_names]
        return [float(m.value) for m in ordered], [m.evidence for m in ordered]

    def measure(self, doc: Document) -> dict[str, Measurement]:
        raise NotImplementedError

    def __sklearn_tags__(self):
        from sklearn.utils import InputTags, Tags, TargetTags, TransformerTags

        return Tags(estimator_type=None, target_tags=TargetTags(required=False),
                    transformer_tags=TransformerTags(), requires_fit=False,
                    input_tags=InputTags(string=True, two_d_array=False))


class RateExtractor(SignalExtractor):
    """An extractor of plain rates with no lines to show: subclasses give `rates(doc)` in the
    order of `feature_names`, and the scorer skips building a Measurement for each."""

    def rates(self, doc: Document) -> list[float]:
        raise NotImplementedError

    def measure(self, doc: Document) -> dict[str, Measurement]:
        return {name: Measurement(v) for name, v in zip(self.feature_names, self.rates(doc))}

    def values_and_evidence(self, doc: Document) -> tuple[list[float], list[tuple]]:
        return self.rates(doc), [()] * len(self.feature_names)


class WordMemo(dict):
    """A function of one word, remembered: `memo[word]` computes it on first sight.

    A dict rather than `functools.lru_cache`, whose linked list is one tracked object per entry
    that every full garbage collection walks (a tenth of batch scoring time); a dict of strings
    and numbers stays out of the collector's way. Emptied when full, so memory stays bounded.
    """

    def __init__(self, function: Callable[[str], object], maxsize: int = 1 << 17):
        super().__init__()
        self.function, self.maxsize, self.misses = function, maxsize, 0

    def __missing__(self, word: str):
        if len(self) >= self.maxsize:
            self.clear()
        self.misses += 1
        value = self[word] = self.function(word)
        return value


class CaselessPattern:
    """`re.compile(pattern, re.I)` at half the cost on ASCII text, where it matches the
    lower-cased text case-sensitively instead: the same spans, since each ASCII letter has one
    lower case and lower-casing ASCII moves no offset. Other text, or a pattern that spells a
    letter in upper case, takes the re.I route."""

    def __init__(self, pattern: str):
        self.caseless = re.compile(pattern, re.I)
        unescaped = re.sub(r"\\.", "", pattern)
        self.lowered = None if unescaped != unescaped.lower() else re.compile(pattern)

    def spans(self, text: str) -> list[tuple[int, int]]:
        if self.lowered is not None and text.isascii():
            return [m.span() for m in self.lowered.finditer(text.lower())]
        return [m.span() for m in self.caseless.finditer(text)]

    def found(self, text: str) -> list[str]:
        """The matched texts, as they are spelled in `text`."""
        return [text[start:end] for start, end in self.spans(text)]

    def search(self, text: str) -> bool:
        if self.lowered is not None and text.isascii():
            return self.lowered.search(text.lower()) is not None
        return self.caseless.search(text) is not None


@functools.lru_cache(maxsize=None)
def lexicon_pattern(name: str) -> CaselessPattern:
    """The phrases of lexicon `name` as one caseless pattern, whole words only. Built as a trie:
    at each position the longest phrase not followed by a letter or digit wins, as with a
    longest-first alternation, but without trying every phrase in turn. A phrase may end in
    punctuation ("overall," is the sentence adverb, "overall sales" is not)."""
    from reliability.lexicons import load_lexicon

    return CaselessPattern(r"\b" + phrase_trie(load_lexicon(name)) + r"(?!\w)")


def phrase_trie(phrases) -> str:
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


def phrase_hits(doc: Document, pattern: CaselessPattern) -> list[tuple[str, str]]:
    """(phrase as spelled, sentence) for every match of a lexicon pattern, sentence by sentence,
    so evidence can show each phrase in its sentence."""
    return [(phrase, sentence) for sentence in doc.sentences for phrase in pattern.found(sentence)]


def phrase_evidence(doc: Document, hits: list[tuple[str, str]], limit: int = 10
                    ) -> tuple[Evidence, ...]:
    return tuple(Evidence(f'"{phrase}": {sentence[:120]}', locate(doc, sentence))
                 for phrase, sentence in hits[:limit])


def evidence_from_sentences(doc: Document, sentences, limit: int = 8) -> tuple[Evidence, ...]:
    return tuple(Evidence(_clip(s), locate(doc, s)) for s in list(sentences)[:limit])


def _clip(text: str, width: int = 160) -> str:
    return text if len(text) <= width else text[: width - 1] + "\u2026"


def population_std(values) -> float:
    """statistics.pstdev to within rounding, without its exact-fraction arithmetic (10x faster)."""
    import math

    n = len(values)
    mean = math.fsum(values) / n
    return math.sqrt(math.fsum((x - mean) ** 2 for x in values) / n)


def capped(count: float, cap: float) -> float:
    return float(min(count, cap))


def find_keys(table: np.ndarray, keys: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Positions of `keys` in the sorted `table` and whether each is there. The keys are searched
    in sorted order: each binary search then starts where the last ended, so the table is read
    front to back (a third to two thirds faster on the language models' tables)."""
    order = np.argsort(keys)
    pos = np.empty_like(order)
    pos[order] = np.searchsorted(table, keys[order])
    pos = np.minimum(pos, len(table) - 1)
    return pos, table[pos] == keys

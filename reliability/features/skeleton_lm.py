"""How much likelier an article's sentence skeletons are under machine news than human news.

Ghostbuster's insight is that a text's token probabilities under several language models, set
against each other, expose its origin. We compare two small trigram models of our own, one fitted
on human news and one on machine-written news, over each sentence's *skeleton*: function words
and punctuation kept, every content word replaced by its shape (a name, a number) or its last
letters (a rough part of speech: "-ed", "-ly", "-ng"). A skeleton carries how a sentence is built
and nothing of what it is about, so the topic of an article cannot decide this signal.

Both models are fitted on their own split of the corpus, never on the texts the classifier
learns from, so neither can favour texts it has memorised.
"""
from __future__ import annotations

import functools
import math
import re
from itertools import repeat
from typing import Sequence

import numpy as np

from reliability.features.base import (Evidence, Measurement, SignalExtractor, WordMemo,
                                       find_keys, locate)
from reliability.features.function_words import function_word_list
from reliability.text import WORD, Document, parse

_TOKEN = re.compile(WORD.pattern + r"|--|[,;:()\"?!]")  # words as every signal reads them
_TOKEN_OR_BREAK = re.compile(_TOKEN.pattern + r"|\n")
_BOS, _UNK, _EOS = 0, 1, 2
_RESERVED = ("<s>", "<unk>", "</s>")
_LAMBDAS = (0.55, 0.3, 0.15)  # trigram, bigram, unigram interpolation weights
_UNIGRAM_PSEUDOCOUNT = 0.5
MAX_SENTENCES = 600
_TABLES = ("unigram_logp", "history", "bigram_counts", "pair_counts", "trigram_keys",
           "trigram_counts")


@functools.lru_cache(maxsize=1)
def _function_words() -> frozenset[str]:
    return frozenset(function_word_list())


def _shape(token: str) -> str:
    """A token's place in the skeleton. Called on the lower-cased token at a sentence's start,
    where a capital says nothing about names."""
    lower = token.lower()
    if lower in _function_words():
        return lower
    if token[0].isdigit():
        return "<N>"
    if not token[0].isalpha():
        return token
    if token[0].isupper():
        return "<C>"
    return "<w>" if len(lower) <= 3 else f"<{lower[-2:]}>"


_SHAPE = WordMemo(_shape)


def skeleton(sentence: str) -> list[str]:
    """The sentence's skeleton tokens: "The minister said on Tuesday, " -> the <er> <id> on <C> ,"""
    tokens = _TOKEN.findall(sentence)
    if tokens:
        tokens[0] = tokens[0].lower()
    return list(map(_SHAPE.__getitem__, tokens))


class _Counts:
    """Both classes' skeleton n-gram counts, column 0 human and column 1 machine, so one look-up
    serves both models: two-token counts indexed directly, trigrams on one set of sorted integer
    keys. Plain arrays, which the model cache can store."""

    def __init__(self, per_class: list[list[np.ndarray]], size: int):
        v = np.uint64(size)
        unigram = np.stack([np.bincount(np.concatenate([s[2:] for s in seqs]).astype(np.int64),
                                        minlength=size) for seqs in per_class])
        self.unigram_logp = np.log((unigram + _UNIGRAM_PSEUDOCOUNT) / (
            unigram.sum(axis=1, keepdims=True) + _UNIGRAM_PSEUDOCOUNT * size))
        self.history = np.stack([np.bincount(np.concatenate([s[1:-1] for s in seqs]).astype(
            np.int64), minlength=size) for seqs in per_class]).astype(np.float64)
        at = [[(s, np.arange(2, len(s))) for s in seqs] for seqs in per_class]
        self.bigram_counts = _dense_table([[s[i - 1] * v + s[i] for s, i in c] for c in at],
                                          size * size)
        self.pair_counts = _dense_table([[s[i - 2] * v + s[i - 1] for s, i in c] for c in at],
                                        size * size)
        self.trigram_keys, self.trigram_counts = _table(
            [[(s[i - 2] * v + s[i - 1]) * v + s[i] for s, i in c] for c in at])


def _dense_table(keys_per_class: list[list[np.ndarray]], n_keys: int) -> np.ndarray:
    """Each class's count of every possible two-token key: the skeleton vocabulary is small
    enough (a few hundred tokens) for a direct index, which is cheaper than a search."""
    return np.stack([np.bincount(np.concatenate(keys).astype(np.int64), minlength=n_keys)
                     for keys in keys_per_class], axis=1).astype(np.uint32)


def _table(keys_per_class: list[list[np.ndarray]]) -> tuple[np.ndarray, np.ndarray]:
    """Sorted distinct n-gram keys of either class and each class's count of them."""
    per_class = [np.unique(np.concatenate(keys), return_counts=True) for keys in keys_per_class]
    union = np.unique(np.concatenate([keys for keys, _ in per_class]))
    counts = np.zeros((len(union), len(per_class)), dtype=np.uint32)
    for column, (keys, n) in enumerate(per_class):
        counts[np.searchsorted(union, keys), column] = n
    return union, counts


def _lookup(keys: np.ndarray, table: np.ndarray, counts: np.ndarray) -> np.ndarray:
    """Each key's counts (one column per class), 0 where unseen."""
    pos, found = find_keys(table, keys)
    return np.where(found[:, None], counts[pos], 0).astype(np.float64)


def _logprobs(tables: dict, size: int, w0: np.ndarray, w1: np.ndarray, w2: np.ndarray
              ) -> np.ndarray:
    """Interpolated trigram log-probability of each token under each class's model:
    shape (tokens, 2), column 0 human, column 1 machine."""
    pair_index = w0 * size + w1  # int64 ids: index arithmetic without conversions
    tri = _lookup((pair_index * size + w2).astype(np.uint64), tables["trigram_keys"],
                  tables["trigram_counts"])
    pair = tables["pair_counts"][pair_index].astype(np.float64)
    bi = tables["bigram_counts"][w1 * size + w2].astype(np.float64)
    history = tables["history"][:, w1].T
    p3 = np.divide(tri, pair, out=np.zeros_like(tri), where=pair > 0)
    p2 = np.divide(bi, history, out=np.zeros_like(bi), where=history > 0)
    p1 = np.exp(tables["unigram_logp"][:, w2].T)
    l3, l2, l1 = _LAMBDAS
    return np.log(l3 * p3 + l2 * p2 + l1 * p1)


class SkeletonLM(SignalExtractor):
    """`fit(texts, labels)` builds the human and the machine skeleton models; `measure` reduces
    each token's log-likelihood ratio (machine minus human) to document statistics."""

    signal = "skeleton_lm"
    feature_names = ("logratio_mean", "logratio_std", "machine_likelier_share",
                     "logratio_top_quarter_mean", "logratio_bottom_quarter_mean",
                     "human_logp_mean", "machine_logp_mean")

    def fit(self, X: Sequence[str], y=None):
        if y is None:
            raise ValueError("SkeletonLM needs labels: it fits one model per class")
        labels = np.asarray(y)
        if not ((labels == 0).any() and (labels == 1).any()):
            raise ValueError("SkeletonLM needs human (0) and machine (1) texts to fit")
        sentences = [[skeleton(s) for s in parse(str(x)).sentences] for x in X]
        vocab = sorted({t for doc in sentences for s in doc for t in s} - set(_RESERVED))
        self.vocab_ = {token: i for i, token in enumerate(_RESERVED + tuple(vocab))}
        per_class = [[self._ids(s) for doc, lab in zip(sentences, labels) if lab == label
                      for s in doc] for label in (0, 1)]
        for name, value in vars(_Counts(per_class, len(self.vocab_))).items():
            setattr(self, f"{name}_", value)
        self.n_features_in_ = 1
        return self

    def _ids(self, tokens: list[str]) -> np.ndarray:
        vocab = self.vocab_
        return np.asarray([_BOS, _BOS] + [vocab.get(t, _UNK) for t in tokens] + [_EOS],
                          dtype=np.uint64)

    def _document_ids(self, sentences: Sequence[str]) -> tuple[np.ndarray, list[int]]:
        """The ids each sentence predicts (its tokens, then </s>), sentences laid end to end,
        and how many each has. The sentences are tokenised in one pass, joined by line breaks
        (which no sentence holds), rather than one pass each: the same tokens at half the cost."""
        tokens = _TOKEN_OR_BREAK.findall("\n".join(sentences))
        shapes = list(map(_SHAPE.__getitem__, tokens))
        breaks = []
        start = 0
        while True:  # a sentence's first token is read in lower case, as in `skeleton`
            if start < len(tokens) and tokens[start] != "\n":
                shapes[start] = _SHAPE[tokens[start].lower()]
            try:
                start = tokens.index("\n", start) + 1
            except ValueError:
                break
            breaks.append(start - 1)
        shapes.append("")
        ids = np.fromiter(map(self.vocab_.get, shapes, repeat(_UNK)), dtype=np.int64,
                          count=len(shapes))
        ids[breaks] = _EOS
        ids[-1] = _EOS
        lengths = np.diff([-1] + breaks + [len(tokens)]).tolist()
        return ids, lengths

    @staticmethod
    def _contexts(predicted: np.ndarray, lengths: list[int], starts: np.ndarray
                  ) -> tuple[np.ndarray, np.ndarray]:
        """The two ids before each predicted one, <s> <s> at every sentence's start (`starts`):
        the predicted ids shifted by one and by two, sentence starts reset."""
        before = np.empty_like(predicted)
        before[1:] = predicted[:-1]
        before[starts] = _BOS
        two_before = np.empty_like(predicted)
        two_before[2:] = predicted[:-2]
        two_before[starts] = _BOS
        second = starts[np.asarray(lengths) > 1] + 1
        two_before[second] = _BOS
        return two_before, before

    def _tables(self) -> dict[str, np.ndarray]:
        return {name: getattr(self, f"{name}_") for name in _TABLES}

    def size_report(self) -> dict:
        arrays = [v for v in vars(self).values() if isinstance(v, np.ndarray)]
        return {"model": "sentence-skeleton trigram models (human and machine news)",
                "pruning": "none (every n-gram kept; the skeleton vocabulary is small)",
                "vocabulary": len(self.vocab_),
                "trigrams": int(np.count_nonzero(self.trigram_counts_)),
                "table_bytes": int(sum(a.nbytes for a in arrays))}

    def measure(self, doc: Document) -> dict[str, Measurement]:
        values, evidence = self.values_and_evidence(doc)
        return {name: Measurement(value, shown)
                for name, value, shown in zip(self.feature_names, values, evidence)}

    def values_and_evidence(self, doc: Document) -> tuple[list[float], list[tuple]]:
        """Values in `feature_names` order; only the mean carries evidence. Reduced with plain
        sums over the arrays: a few hundred tokens an article, where numpy's per-call set-up
        would cost more than the arithmetic."""
        if not hasattr(self, "vocab_"):
            raise RuntimeError("SkeletonLM must be fitted on human and machine text before use")
        sentences = list(doc.sentences[:MAX_SENTENCES])
        none: list[tuple] = [()] * len(self.feature_names)
        if not sentences:
            return [0.0] * len(self.feature_names), none
        predicted, lengths = self._document_ids(sentences)
        starts = np.cumsum([0] + lengths[:-1])
        two_before, before = self._contexts(predicted, lengths, starts)
        logp = _logprobs(self._tables(), len(self.vocab_), two_before, before, predicted)
        n = len(logp)
        human_mean, machine_mean = (np.add.reduce(logp, axis=0) / n).tolist()
        ratio = logp[:, 1] - logp[:, 0]
        mean = float(np.add.reduce(ratio)) / n
        spread = ratio - mean
        ranked = np.sort(ratio)
        quarter = max(1, n // 4)
        values = [mean, math.sqrt(float(np.dot(spread, spread)) / n),
                  np.count_nonzero(ratio > 0) / n,
                  float(np.add.reduce(ranked[-quarter:])) / quarter,
                  float(np.add.reduce(ranked[:quarter])) / quarter, human_mean, machine_mean]
        none[0] = _most_machine_like(doc, sentences, lengths, starts, ratio)
        return values, none


def _most_machine_like(doc: Document, sentences: list[str], lengths: list[int],
                       starts: np.ndarray, ratio: np.ndarray, limit: int = 2
                       ) -> tuple[Evidence, ...]:
    """The sentences (of over six tokens) whose build is likeliest under the machine model,
    shown with their skeleton so a reader sees the pattern, not just the words."""
    means = (np.add.reduceat(ratio, starts) / np.asarray(lengths)).tolist()
    candidates = [i for i, length in enumerate(lengths) if length > 7 and means[i] > 0]
    ranked = sorted(candidates, key=lambda i: -means[i])[:limit]
    return tuple(Evidence(f"machine-like build ({means[i]:+.2f} per token): "
                          f"{sentences[i][:120]} [{' '.join(skeleton(sentences[i])[:16])}]",
                          locate(doc, sentences[i]))
                 for i in ranked)

"""Weak language-model features, in the spirit of Ghostbuster, from models we train ourselves.

A word trigram model fitted on human news (never on the texts the classifier learns from)
and a unigram model from wordfreq give each token a log-probability; machine text is more
predictable under both, and in a characteristic ratio between them. The trigram tables are
pruned (count >= 2) and stored as sorted integer keys, which keeps the model file small.
"""
from __future__ import annotations

import math
from collections import Counter
from itertools import repeat
from typing import Sequence

import numpy as np

from reliability.features.base import (Evidence, Measurement, SignalExtractor, WordMemo,
                                       find_keys, locate)
from reliability.features.style import english_frequencies
from reliability.text import WORD, Document, parse

_BOS = "<s>"
_UNK = "<unk>"
_LAMBDAS = (0.55, 0.3, 0.15)  # trigram, bigram, unigram interpolation weights


def _tokens(sentence: str) -> list[str]:
    return [_BOS, _BOS] + [w.lower() for w in WORD.findall(sentence)]


class WordTrigramLM(SignalExtractor):
    """`fit(texts)` builds the language model; `measure` reduces per-token log-probs."""

    signal = "ngram_lm"
    feature_names = ("trigram_logp_mean", "trigram_logp_std", "trigram_logp_min_decile",
                     "trigram_logp_top25_mean", "predictable_token_share", "surprising_token_share",
                     "unigram_logp_mean", "unigram_logp_std", "trigram_minus_unigram",
                     "trigram_unigram_ratio")

    def __init__(self, min_count: int = 2, max_vocab: int = 60000):
        self.min_count = min_count
        self.max_vocab = max_vocab

    def fit(self, X: Sequence[str], y=None):
        """Fits on the human texts: all of `X`, or those labelled 0 when labels are given."""
        if y is not None:
            X = [x for x, label in zip(X, y) if label == 0]
        docs = [parse(str(x)) for x in X]
        unigrams = Counter(w.lower() for d in docs for w in d.words)
        vocab = [w for w, c in unigrams.most_common(self.max_vocab) if c >= self.min_count]
        self.vocab_ = {w: i + 2 for i, w in enumerate(vocab)}  # 0 = <s>, 1 = <unk>
        # <unk> pools many rare words; each of them gets only its share of that mass.
        self.unk_types_ = max(1, len(unigrams) - len(vocab))
        ids = [self._ids(s) for d in docs for s in d.sentences]
        self.unigram_logp_ = self._unigram_table(ids)
        self.bigram_keys_, self.bigram_counts_ = self._table(ids, 2)
        self.trigram_keys_, self.trigram_counts_ = self._table(ids, 3)
        self.n_features_in_ = 1
        return self

    def size_report(self) -> dict:
        """What pruning left: the tables' entries and bytes, for the model card's size budget."""
        arrays = (self.unigram_logp_, self.unigram_counts_, self.bigram_keys_, self.bigram_counts_,
                  self.trigram_keys_, self.trigram_counts_)
        return {"model": "Word trigram model on human news",
                "pruning": f"n-grams seen at least {self.min_count} times, vocabulary capped "
                           f"at {self.max_vocab} words",
                "vocabulary": len(self.vocab_), "bigrams": int(len(self.bigram_keys_)),
                "trigrams": int(len(self.trigram_keys_)),
                "table_bytes": int(sum(a.nbytes for a in arrays))}

    def _ids(self, sentence: str) -> np.ndarray:
        toks = _tokens(sentence)
        return np.asarray([0, 0] + [self.vocab_.get(t, 1) for t in toks[2:]], dtype=np.uint64)

    def _unigram_table(self, ids: list[np.ndarray]) -> np.ndarray:
        counts = np.bincount(np.concatenate([s[2:] for s in ids]).astype(np.int64),
                             minlength=len(self.vocab_) + 2)
        counts[0] = len(ids)  # sentence starts, the context of every first word
        self.unigram_counts_ = counts.astype(np.uint32)
        logp = np.log((counts + 1.0) / (counts.sum() + len(counts)))
        logp[1] -= np.log(self.unk_types_)
        return logp.astype(np.float32)

    def _key(self, ids: np.ndarray, n: int) -> np.ndarray:
        v = np.uint64(len(self.vocab_) + 2)
        grams = [ids[i:len(ids) - n + 1 + i] for i in range(n)]
        key = grams[0]
        for g in grams[1:]:
            key = key * v + g
        return key

    def _table(self, ids: list[np.ndarray], n: int) -> tuple[np.ndarray, np.ndarray]:
        keys = np.concatenate([self._key(s, n) for s in ids if len(s) >= n])
        uniq, counts = np.unique(keys, return_counts=True)
        keep = counts >= self.min_count
        return uniq[keep], np.minimum(counts[keep], 65535).astype(np.uint16)

    @staticmethod
    def _lookup(keys: np.ndarray, table: np.ndarray, counts: np.ndarray) -> np.ndarray:
        pos, found = find_keys(table, keys)
        return np.where(found, counts[pos], 0).astype(np.float64)

    def token_logprobs(self, sentence_ids: np.ndarray) -> np.ndarray:
        """Interpolated trigram log-probabilities of each real token in one sentence."""
        return self._logprobs_at(sentence_ids, np.arange(2, len(sentence_ids)))

    def _logprobs_at(self, ids: np.ndarray, at: np.ndarray) -> np.ndarray:
        """Log-probabilities of the tokens at positions `at` of `ids`, each in the context of the
        two ids before it: sentences laid end to end, each opening with two <s>, are scored in
        one pass of array operations instead of one pass per sentence."""
        v = np.uint64(len(self.vocab_) + 2)
        w0, w1, w2 = ids[at - 2], ids[at - 1], ids[at]
        tri = self._lookup((w0 * v + w1) * v + w2, self.trigram_keys_, self.trigram_counts_)
        ctx2 = self._lookup(w0 * v + w1, self.bigram_keys_, self.bigram_counts_)
        bi = self._lookup(w1 * v + w2, self.bigram_keys_, self.bigram_counts_)
        words = w2.astype(np.int64)
        uni_p = np.exp(self.unigram_logp_[words])
        ctx1 = self.unigram_counts_[w1.astype(np.int64)].astype(np.float64)
        unknown = words == 1
        p3 = np.divide(tri, ctx2, out=np.zeros_like(tri), where=ctx2 > 0)
        p2 = np.divide(bi, ctx1, out=np.zeros_like(bi), where=ctx1 > 0)
        p3[unknown] /= self.unk_types_
        p2[unknown] /= self.unk_types_
        l3, l2, l1 = _LAMBDAS
        return np.log(l3 * np.minimum(p3, 1) + l2 * np.minimum(p2, 1) + l1 * uni_p)

    def _sentence_ids(self, sentence_words) -> tuple[np.ndarray, list[int]]:
        """The `_ids` of every sentence (its lower-case words), concatenated, and each sentence's
        number of words."""
        ids: list[int] = []
        lengths = []
        vocab = self.vocab_
        for words in sentence_words:
            words = list(map(vocab.get, words, repeat(1)))  # unknown words are 1
            ids += (0, 0)
            ids += words
            lengths.append(len(words))
        return np.asarray(ids, dtype=np.uint64), lengths

    def measure(self, doc: Document) -> dict[str, Measurement]:
        if not hasattr(self, "vocab_"):
            raise RuntimeError("WordTrigramLM must be fitted on human text before use")
        sentences = doc.sentences[:600]
        ids, lengths = self._sentence_ids(doc.lower_sentence_words[:600])
        tri = self._logprobs_at(ids, np.flatnonzero(ids))  # word ids are >= 1, <s> is 0
        if not len(tri):
            return {name: Measurement(0.0) for name in self.feature_names}
        uni = _unigram_logprobs(doc)
        best = _most_predictable(sentences, lengths, tri)
        tri_mean = float(tri.mean())
        ranked = np.sort(tri)
        uni_mean = float(uni.mean()) if len(uni) else 0.0
        return {
            "trigram_logp_mean": Measurement(tri_mean, (Evidence(
                f"most predictable sentence: {best[:120]}", locate(doc, best)),)),
            "trigram_logp_std": Measurement(float(tri.std())),
            "trigram_logp_min_decile": Measurement(_quantile_of_sorted(ranked.tolist(), 0.1)),
            "trigram_logp_top25_mean": Measurement(float(ranked[-25:].mean())),
            "predictable_token_share": Measurement(float(np.mean(tri > -3.0))),
            "surprising_token_share": Measurement(float(np.mean(tri < -10.0))),
            "unigram_logp_mean": Measurement(uni_mean),
            "unigram_logp_std": Measurement(float(uni.std()) if len(uni) else 0.0),
            "trigram_minus_unigram": Measurement(tri_mean - uni_mean),
            "trigram_unigram_ratio": Measurement(tri_mean / uni_mean if uni_mean else 0.0),
        }


def _most_predictable(sentences: Sequence[str], lengths: list[int], logprobs: np.ndarray) -> str:
    """The first sentence of over six words with the highest mean log-probability (any sentence
    with words when none is that long). Means are taken on slices of the article's array, with
    `ndarray.mean`'s sum and count but not its Python wrapper, once a sentence."""
    best, best_mean, start = "", None, 0
    for sentence, n in zip(sentences, lengths):
        if n:
            mean = np.add.reduce(logprobs[start:start + n]) / n if n > 6 else -99
            if best_mean is None or mean > best_mean:
                best, best_mean = sentence, mean
        start += n
    return best


def _quantile_of_sorted(ranked: list[float], q: float) -> float:
    """`np.quantile(values, q)` (its default, linear method) of values sorted ascending: the
    same float operations in the same order, without its ~30 microseconds of set-up a call."""
    at = (len(ranked) - 1) * q
    below = math.floor(at)
    low, high = ranked[below], ranked[min(below + 1, len(ranked) - 1)]
    gamma = at - below
    step = high - low
    return high - step * (1 - gamma) if gamma >= 0.5 else low + step * gamma


def _unigram_logprobs(doc: Document) -> np.ndarray:
    """Natural-log unigram probabilities from wordfreq (general English, not news)."""
    return np.log(np.asarray(list(map(_FLOORED_FREQUENCY.__getitem__, doc.lower_words))
                             or [_FLOOR]))


_FLOOR = 1e-9


def _floored_frequency(word: str) -> float:
    return max(english_frequencies().get(word, 0.0), _FLOOR)


_FLOORED_FREQUENCY = WordMemo(_floored_frequency)

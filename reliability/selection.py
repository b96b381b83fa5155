"""Regularisation, feature weights and feature selection by cross-validation across sources.

A detector meets generators and outlets it was not trained on, so choices are judged by
*transfer* folds: each fold holds out one machine prompt style together with a share of the
human outlets, and the model is scored on writing it has never seen the like of (its rows
measured by language models refitted without those sources, `X_heldout`). Between
choices that transfer equally well (within TOLERANCE) the simpler, more shrunken one wins.
The content-farm and residue signals the product promises are never dropped: their positives
are too rare in a held-out fold to be judged this way, and they carry the evidence.

One thing transfer folds cannot see is a change of *generator*: every machine text in a
training set may come from one model family. Single-word function-word rates are exactly the
feature that identifies one writer (the staple of authorship attribution), so they get a prior
instead of a fitted weight: together they may move a verdict as much as the grammatical-class
profile they refine, not twelve times as much. The card still reports what transfer folds
would have chosen.
"""
from __future__ import annotations

from typing import Sequence

import numpy as np

PROTECTED = ("template_headings", "repetition", "date_consistency", "name_drift", "hedging",
             "boilerplate")
# A shrunken signal -> the signal it refines; its features are weighted sqrt(n_ref / n_own).
SHRUNK = {"function_word_rates": "function_words"}
C_GRID = (0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.2, 0.5)
SHRINKAGE_GRID = (0.0, 0.1, 0.2, 0.3, 0.5, 1.0)
MAX_FOLDS = 10  # one source per text (a URL) would otherwise make a fold, and a refit, per text
TOLERANCE = 0.002  # transfer-AUROC differences this small are noise between folds


def feature_groups(names: Sequence[str]) -> list[str]:
    """Each feature's signal: selection keeps, shrinks or drops a signal as a whole."""
    return [n.split("__")[0] for n in names]


def transfer_folds(sources: Sequence[str], y: np.ndarray, always_train: Sequence[str] = ()):
    """Fold number per row, or -1 for rows that always train. Machine and human sources are
    dealt round-robin over as many folds as the scarcer side has sources, so every fold holds
    both classes and every source is scored once (one machine source per fold when there are
    enough human outlets, at most MAX_FOLDS folds); None when there are too few sources to
    cross. Rows of an `always_train` source (synthetic examples, texts without a source)
    are never held out."""
    machine = sorted({s for s, label in zip(sources, y) if label == 1} - set(always_train))
    human = sorted({s for s, label in zip(sources, y) if label == 0} - set(always_train))
    if len(machine) < 3 or len(human) < 2:
        return None
    n_folds = min(len(machine), len(human), MAX_FOLDS)
    fold_of = {s: i % n_folds for i, s in enumerate(machine)}
    fold_of.update({s: i % n_folds for i, s in enumerate(human)})
    return np.array([fold_of.get(s, -1) if s not in always_train else -1 for s in sources])


def transfer_auroc(X: np.ndarray, y: np.ndarray, folds: np.ndarray, weights=None,
                   C: float = 0.05, directions=None, sample_weight=None,
                   X_heldout: np.ndarray | None = None) -> float:
    """Mean AUROC over transfer folds, each scored by a model that never saw its sources.
    With `sample_weight` (length matching), fits and AUROC both use it: the choice is made for
    the population the weights describe, where length says nothing of the label. With
    `X_heldout`, a fold's rows are scored on those features (measured by language models
    that never saw the fold's sources either) instead of on `X`."""
    from sklearn.metrics import roc_auc_score

    predicted = transfer_predictions(X, y, folds, weights, C, directions, sample_weight,
                                     X_heldout)
    scores = [roc_auc_score(y[test], predicted[test],
                            sample_weight=None if sample_weight is None else sample_weight[test])
              for test in _scored_folds(y, folds)]
    return float(np.mean(scores)) if scores else float("nan")


def transfer_predictions(X: np.ndarray, y: np.ndarray, folds: np.ndarray, weights=None,
                         C: float = 0.05, directions=None, sample_weight=None,
                         X_heldout: np.ndarray | None = None) -> np.ndarray:
    """P(machine) of each row of a fold holding both classes, from the model fitted without
    that fold (as `transfer_auroc` scores it); NaN for every other row."""
    from reliability.model import fit_classifier

    predicted = np.full(len(y), np.nan)
    scored = X if X_heldout is None else X_heldout
    for test in _scored_folds(y, folds):
        fit_weight = None if sample_weight is None else sample_weight[~test]
        clf = fit_classifier(X[~test], y[~test], C, weights, directions, fit_weight)
        predicted[test] = clf.predict_proba(scored[test])[:, 1]
    return predicted


def _scored_folds(y: np.ndarray, folds: np.ndarray) -> list[np.ndarray]:
    masks = [folds == k for k in sorted(set(folds.tolist()) - {-1})]
    return [test for test in masks if len(set(y[test].tolist())) == 2]


def transfer_by_source(predicted: np.ndarray, y: np.ndarray, sources: Sequence[str]) -> list[dict]:
    """Per held-out source, AUROC of its rows against every held-out row of the other class:
    which outlets the model mistakes for machines, and which prompt styles it misses."""
    from sklearn.metrics import roc_auc_score

    sources = np.asarray(sources)
    scored = ~np.isnan(predicted)
    rows = []
    for source, label in sorted(set(zip(sources[scored].tolist(), y[scored].tolist()))):
        own = scored & (sources == source) & (y == label)
        pair = own | (scored & (y != label))
        if len(set(y[pair].tolist())) < 2:
            continue
        rows.append({"source": source, "class": "machine" if label else "human",
                     "n": int(own.sum()), "auroc": round(float(roc_auc_score(
                         y[pair], predicted[pair])), 4)})
    return rows


def _simplest_within_tolerance(scores: dict[float, float], simpler) -> float:
    best = max(scores.values())
    return min((v for v in scores if scores[v] >= best - TOLERANCE), key=simpler)


def choose_regularisation(X: np.ndarray, y: np.ndarray, folds: np.ndarray, weights=None,
                          directions=None, sample_weight=None,
                          X_heldout: np.ndarray | None = None) -> tuple[float, dict]:
    """C for the given feature weights: the strongest shrinkage that transfers as well."""
    scores = {C: transfer_auroc(X, y, folds, weights, C, directions, sample_weight, X_heldout)
              for C in C_GRID}
    return _simplest_within_tolerance(scores, simpler=lambda C: C), _rounded(scores)


def prior_weights(groups: Sequence[str]) -> tuple[np.ndarray, dict[str, float]]:
    """1 for every feature, except SHRUNK signals: sqrt(features of the signal they refine /
    their own), so the group's total prior variance equals the coarser profile's."""
    groups = np.asarray(groups)
    weights, chosen = np.ones(len(groups)), {}
    for signal, reference in SHRUNK.items():
        own, ref = int(np.sum(groups == signal)), int(np.sum(groups == reference))
        if own and ref:
            chosen[signal] = round(float(np.sqrt(ref / own)), 4)
            weights[groups == signal] = chosen[signal]
    return weights, chosen


def shrinkage_report(X: np.ndarray, y: np.ndarray, folds: np.ndarray, groups: Sequence[str],
                     C: float, directions=None, sample_weight=None,
                     X_heldout: np.ndarray | None = None) -> dict:
    """Transfer AUROC with the SHRUNK signals at each weight of SHRINKAGE_GRID: what the folds
    would choose, reported next to the prior that was used."""
    shrunk = np.isin(np.asarray(groups), list(SHRUNK))
    if not shrunk.any():
        return {}
    return _rounded({a: transfer_auroc(X, y, folds, np.where(shrunk, a, 1.0), C, directions,
                                       sample_weight, X_heldout) for a in SHRINKAGE_GRID})


def select_groups(X: np.ndarray, y: np.ndarray, folds: np.ndarray, groups: Sequence[str],
                  C: float = 0.05, directions=None, weights=None, sample_weight=None,
                  X_heldout: np.ndarray | None = None):
    """Backward elimination over the non-protected signals; returns (weights, steps), the
    dropped signals' weights set to 0."""
    groups = np.asarray(groups)
    weights = np.ones(len(groups)) if weights is None else np.asarray(weights, dtype=float)
    active = {g for g in set(groups.tolist()) if np.any(weights[groups == g] > 0)}

    def without(dropped: set) -> np.ndarray:
        return np.where(np.isin(groups, list(dropped)), 0.0, weights)

    dropped: set = set()
    current = transfer_auroc(X, y, folds, without(dropped), C, directions, sample_weight,
                             X_heldout)
    steps = [{"dropped": None, "transfer_auroc": round(current, 4)}]
    while True:
        trials = [(transfer_auroc(X, y, folds, without(dropped | {g}), C, directions,
                                  sample_weight, X_heldout), g)
                  for g in sorted(active - dropped - set(PROTECTED))]
        if not trials or len(active - dropped) <= 1:
            break
        best, group = max(trials)
        if best < current + TOLERANCE / 2:
            break
        dropped.add(group)
        current = best
        steps.append({"dropped": group, "transfer_auroc": round(current, 4)})
    return without(dropped), steps


def ablation_table(X: np.ndarray, y: np.ndarray, cv_groups: np.ndarray, folds, groups,
                   weights: np.ndarray, C: float = 0.05, directions=None,
                   sample_weight=None, X_heldout: np.ndarray | None = None) -> list[dict]:
    """Each selected signal removed in turn: grouped-CV and transfer AUROC without it."""
    from reliability.model import cross_validate

    groups = np.asarray(groups)
    rows = []
    for group in sorted(set(groups[weights > 0].tolist())):
        without = np.where(groups == group, 0.0, weights)
        row = {"removed": group, "features": int(np.sum((weights > 0) & (groups == group))),
               "cv_auroc": round(cross_validate(X, y, cv_groups, C=C, weights=without,
                                                directions=directions,
                                                sample_weight=sample_weight)["auroc"], 4)}
        if folds is not None:
            row["transfer_auroc"] = round(transfer_auroc(X, y, folds, without, C, directions,
                                                         sample_weight, X_heldout), 4)
        rows.append(row)
    return rows


def _rounded(scores: dict) -> dict:
    return {str(k): round(v, 4) for k, v in scores.items()}

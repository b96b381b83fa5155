"""Feature selection and ablation by cross-validation that crosses sources.

A detector meets generators and outlets it was not trained on, so a feature group is judged by
*transfer* folds: each fold holds out one machine prompt style together with a share of the
human outlets, and the model is scored on writing it has never seen the like of. Groups whose
removal does not hurt transfer are dropped (backward elimination), which removes the habits of
one corpus — a rare function word that one outlet favours — that ordinary folds reward.
The content-farm and residue signals the product promises are never candidates: their
positives are too rare in a held-out fold to be judged this way, and they carry the evidence.
"""
from __future__ import annotations

from typing import Sequence

import numpy as np

PROTECTED = ("template_headings", "repetition", "date_consistency", "name_drift", "hedging",
             "boilerplate")
FUNCTION_WORD_TIERS = ((30, "top30"), (80, "31-80"))  # by training rate; the rest is one tier
MIN_GAIN = 0.001
C_GRID = (0.002, 0.005, 0.01, 0.02, 0.05)


def feature_groups(names: Sequence[str], X: np.ndarray) -> list[str]:
    """A group per signal; per-word function-word rates split into tiers by how common."""
    word_cols = [i for i, n in enumerate(names) if n.startswith("function_words__fw_")]
    ranked = sorted(word_cols, key=lambda i: -float(np.mean(X[:, i])))
    tier = {}
    for rank, col in enumerate(ranked):
        tier[col] = next((label for limit, label in FUNCTION_WORD_TIERS if rank < limit), "rest")
    return [f"function_words:{tier[i]}" if i in tier else n.split("__")[0]
            for i, n in enumerate(names)]


def transfer_folds(sources: Sequence[str], y: np.ndarray, always_train: Sequence[str] = ()):
    """Fold number per row, or -1 for rows that always train. One machine source per fold,
    human sources dealt round-robin; None when there are too few machine sources to cross."""
    machine = sorted({s for s, label in zip(sources, y) if label == 1} - set(always_train))
    human = sorted({s for s, label in zip(sources, y) if label == 0})
    if len(machine) < 3 or len(human) < 2:
        return None
    fold_of = {s: i for i, s in enumerate(machine)}
    fold_of.update({s: i % len(machine) for i, s in enumerate(human)})
    return np.array([fold_of.get(s, -1) if not (label == 1 and s in always_train) else -1
                     for s, label in zip(sources, y)])


def transfer_auroc(X: np.ndarray, y: np.ndarray, folds: np.ndarray, keep: np.ndarray,
                   C: float = 0.05, directions=None) -> float:
    """Mean AUROC over transfer folds, each scored by a model that never saw its sources."""
    from sklearn.metrics import roc_auc_score

    from reliability.model import fit_classifier

    scores = []
    for k in sorted(set(folds.tolist()) - {-1}):
        test = folds == k
        if len(set(y[test].tolist())) < 2:
            continue
        clf = fit_classifier(X[~test], y[~test], C, keep, directions)
        scores.append(roc_auc_score(y[test], clf.predict_proba(X[test])[:, 1]))
    return float(np.mean(scores)) if scores else float("nan")


def choose_regularisation(X: np.ndarray, y: np.ndarray, folds: np.ndarray,
                          directions=None) -> tuple[float, dict]:
    """The logistic model's C by transfer AUROC: strong shrinkage travels better than the
    fit that ordinary folds prefer."""
    keep = np.ones(X.shape[1], dtype=bool)
    scores = {C: transfer_auroc(X, y, folds, keep, C, directions) for C in C_GRID}
    best = max(scores, key=lambda C: (scores[C], -C))
    return best, {str(C): round(v, 4) for C, v in scores.items()}


def select_groups(X: np.ndarray, y: np.ndarray, folds: np.ndarray, groups: Sequence[str],
                  C: float = 0.05, directions=None):
    """Backward elimination over the non-protected groups; returns (keep mask, steps)."""
    groups = np.asarray(groups)
    active = set(groups.tolist())
    current = transfer_auroc(X, y, folds, np.isin(groups, list(active)), C, directions)
    steps = [{"dropped": None, "transfer_auroc": round(current, 4)}]
    while True:
        candidates = sorted(g for g in active if g.split(":")[0] not in PROTECTED)
        trials = [(transfer_auroc(X, y, folds, np.isin(groups, list(active - {g})), C, directions), g)
                  for g in candidates if len(active) > 1]
        if not trials:
            break
        best, group = max(trials)
        if best < current + MIN_GAIN:
            break
        active.discard(group)
        current = best
        steps.append({"dropped": group, "transfer_auroc": round(current, 4)})
    return np.isin(groups, list(active)), steps


def ablation_table(X: np.ndarray, y: np.ndarray, cv_groups: np.ndarray, folds, groups,
                   keep: np.ndarray, C: float = 0.05, directions=None) -> list[dict]:
    """Each selected group removed in turn: grouped-CV and transfer AUROC without it."""
    from reliability.model import cross_validate

    groups = np.asarray(groups)
    rows = []
    for group in sorted(set(groups[keep].tolist())):
        without = keep & (groups != group)
        row = {"removed": group, "features": int(np.sum(keep & (groups == group))),
               "cv_auroc": round(cross_validate(X[:, without], y, cv_groups, C=C, directions=None if
                                                directions is None else directions[without])["auroc"], 4)}
        if folds is not None:
            row["transfer_auroc"] = round(transfer_auroc(X, y, folds, without, C, directions), 4)
        rows.append(row)
    return rows

"""Detection metrics with machine-written (unreliable) as the positive class."""
from __future__ import annotations

import numpy as np


def tpr_at_fpr(y_true, machine_prob, fpr_target: float) -> float:
    """Share of machine texts caught when at most `fpr_target` of human texts are flagged."""
    y_true = np.asarray(y_true)
    prob = np.asarray(machine_prob, dtype=float)
    human = np.sort(prob[y_true == 0])
    machine = prob[y_true == 1]
    if not len(human) or not len(machine):
        return float("nan")
    allowed = int(np.floor(fpr_target * len(human)))
    threshold = human[len(human) - allowed - 1] if allowed < len(human) else -np.inf
    return float(np.mean(machine > threshold))


def auroc_rows(human: np.ndarray, machine: np.ndarray) -> np.ndarray:
    """AUROC of each row pair (human scores, machine scores), ties counted half: the
    Mann-Whitney statistic from average ranks, for many resamples in one call."""
    from scipy.stats import rankdata

    ranks = rankdata(np.hstack([human, machine]), axis=1)[:, human.shape[1]:]
    n_machine = machine.shape[1]
    return (ranks.sum(axis=1) - n_machine * (n_machine + 1) / 2) / (human.shape[1] * n_machine)


def auroc_interval(y_true, machine_prob, level: float = 0.95, resamples: int = 1000,
                   seed: int = 0) -> tuple[float, float]:
    """Bootstrap percentile interval of the AUROC, humans and machines resampled apart.

    An evaluation set of a few dozen texts a class moves by several hundredths between
    resamples; the interval says which differences between two models a set can tell apart."""
    y_true = np.asarray(y_true)
    prob = np.asarray(machine_prob, dtype=float)
    human, machine = prob[y_true == 0], prob[y_true == 1]
    if not len(human) or not len(machine):
        return float("nan"), float("nan")
    rng = np.random.default_rng(seed)
    values = []
    for start in range(0, resamples, 100):  # in blocks: bounded memory on large sets
        rows = min(100, resamples - start)
        values.append(auroc_rows(rng.choice(human, (rows, len(human))),
                                 rng.choice(machine, (rows, len(machine)))))
    low, high = np.quantile(np.concatenate(values), [(1 - level) / 2, (1 + level) / 2])
    return float(low), float(high)


def detection_metrics(y_true, machine_prob, interval: bool = False) -> dict[str, float]:
    """With `interval`, also the AUROC's 95% bootstrap interval (`auroc_ci95`)."""
    from sklearn.metrics import average_precision_score, roc_auc_score

    y_true = np.asarray(y_true)
    both = len(set(y_true.tolist())) == 2
    return {
        "n": int(len(y_true)),
        "n_machine": int(np.sum(y_true == 1)),
        "auroc": float(roc_auc_score(y_true, machine_prob)) if both else float("nan"),
        "average_precision": float(average_precision_score(y_true, machine_prob)) if both else float("nan"),
        "tpr_at_1pct_fpr": tpr_at_fpr(y_true, machine_prob, 0.01),
        "tpr_at_5pct_fpr": tpr_at_fpr(y_true, machine_prob, 0.05),
        **({"auroc_ci95": list(auroc_interval(y_true, machine_prob))} if interval else {}),
    }


def verdict_confusion(y_true, scores, reliable_at: float = 70.0, unreliable_below: float = 30.0):
    """Counts of each true class per verdict band (score = 100 x P(reliable))."""
    out = {}
    for label, name in ((0, "human"), (1, "machine")):
        s = np.asarray(scores)[np.asarray(y_true) == label]
        out[name] = {"reliable": int(np.sum(s >= reliable_at)),
                     "review": int(np.sum((s >= unreliable_below) & (s < reliable_at))),
                     "unreliable": int(np.sum(s < unreliable_below))}
    return out

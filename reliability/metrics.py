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


def detection_metrics(y_true, machine_prob) -> dict[str, float]:
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

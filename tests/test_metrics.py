"""Detection metrics: the bootstrap AUROC agrees with scikit-learn and says how sure a set is."""
import numpy as np
from hypothesis import given, settings, strategies as st
from sklearn.metrics import roc_auc_score

from reliability.metrics import auroc_interval, auroc_rows, detection_metrics

scores = st.lists(st.integers(0, 5).map(lambda v: v / 5), min_size=1, max_size=30)


@settings(max_examples=60, deadline=None)
@given(scores, scores)
def test_auroc_rows_is_sklearns_auroc_ties_included(human, machine):
    y = [0] * len(human) + [1] * len(machine)
    expected = roc_auc_score(y, human + machine)
    assert abs(auroc_rows(np.array([human]), np.array([machine]))[0] - expected) < 1e-12


def test_interval_holds_the_estimate_and_narrows_with_more_texts():
    rng = np.random.default_rng(1)

    def sample(n):
        y = np.repeat([0, 1], n)
        return y, np.concatenate([rng.normal(0, 1, n), rng.normal(1, 1, n)])

    small_y, small_p = sample(30)
    big_y, big_p = sample(3000)
    low, high = auroc_interval(small_y, small_p)
    assert low < roc_auc_score(small_y, small_p) < high
    big_low, big_high = auroc_interval(big_y, big_p)
    assert big_high - big_low < (high - low) / 5
    assert big_low < 0.7602 < big_high  # the normals' true AUROC, Phi(1 / sqrt(2))


def test_interval_is_exact_for_perfect_separation_and_absent_for_one_class():
    assert auroc_interval([0, 0, 1, 1], [0.1, 0.2, 0.8, 0.9]) == (1.0, 1.0)
    assert all(np.isnan(auroc_interval([1, 1], [0.3, 0.4])))
    assert "auroc_ci95" in detection_metrics([0, 1], [0.2, 0.7], interval=True)
    assert "auroc_ci95" not in detection_metrics([0, 1], [0.2, 0.7])

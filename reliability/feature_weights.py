"""The classifier's per-feature weights step, kept apart so `reliability.model` imports
without scikit-learn."""
from __future__ import annotations

import numpy as np
from sklearn.base import BaseEstimator, TransformerMixin


class FeatureWeights(TransformerMixin, BaseEstimator):
    """Multiplies each standardised feature by a fixed weight before the classifier: 0 for a
    feature that selection dropped, a fraction for a signal that may only nudge the verdict
    (a stronger prior, as ridge with per-group penalties would give), 1 otherwise. Columns keep
    their names, and a dropped feature simply contributes nothing."""

    def __init__(self, weights=None):
        self.weights = weights

    def fit(self, X, y=None):
        self.n_features_in_ = np.asarray(X).shape[1]
        return self

    def transform(self, X):
        X = np.asarray(X, dtype=np.float64)
        return X if self.weights is None else X * np.asarray(self.weights, dtype=np.float64)

    def get_feature_names_out(self, input_features=None):
        return np.asarray(input_features if input_features is not None else
                          [f"x{i}" for i in range(self.n_features_in_)], dtype=object)

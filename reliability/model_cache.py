"""A scikit-learn-free copy of a loaded model, cached on disk, for a fast first verdict.

Unpickling the model imports scikit-learn (0.8 s, with SciPy and pandas) before the first article
is scored, yet scoring needs only the extractors' fitted arrays and the linear model's numbers.
After the first load these are written to the cache as NumPy arrays and JSON (no pickle, so
reading them runs no code), under the model file's SHA-256. Only the pipeline that
`build_classifier` makes (asinh, standard scaling, feature weights, logistic regression) is cached, and only when
the copy reproduces the loaded model's results exactly; any other model always loads the slow way.
"""
from __future__ import annotations

import json
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

import numpy as np

FORMAT = 2
_PLAIN = (int, float, str, bool, type(None))
# Scored both ways before a copy is cached: a wire story and padded, templated filler.
PROBES = (
    "The city council on Tuesday approved a $4.2 million budget for parks, ending a two-year "
    "dispute. \"We finally have money for the swings,\" council member Anna Berg told reporters "
    "after the 7-2 vote. Opponents said the council had underestimated maintenance costs. " * 3,
    "Introduction\n\nIt is important to note that the decision underscores the council's "
    "unwavering commitment.\n\nConclusion:\n\nOverall, it remains to be seen. Read more: (link)\n" * 4,
)


@dataclass
class LinearModel:
    """What scoring needs: the extractors, then asinh, standard scaling, the feature weights
    and a linear logit."""

    extractors: list
    mean: np.ndarray
    scale: np.ndarray
    weights: np.ndarray
    coef: np.ndarray
    intercept: np.float64

    def transform(self, X: np.ndarray) -> np.ndarray:
        """The same float operations, in the same order, as the scikit-learn steps it replaces."""
        z = np.arcsinh(np.asarray(X, dtype=np.float64))
        z -= self.mean
        z /= self.scale
        return z * self.weights


def cache_file(digest: str) -> Path | None:
    """Where the copy of the model with this SHA-256 lives; None without a usable cache folder."""
    from reliability.corpus import cache_dir

    try:
        return cache_dir() / f"model-{digest[:32]}.v{FORMAT}.npz"
    except OSError:
        return None


def from_pipeline(pipeline) -> LinearModel | None:
    """The linear copy of a fitted pipeline, or None when its shape is not the one we know."""
    from reliability.features import EXTRACTORS

    features, classifier = pipeline.steps[0][1], pipeline.steps[1][1]
    if getattr(features, "transformer_weights", None) is not None or \
            [name for name, _ in classifier.steps] != ["squash", "scale", "weigh", "classify"]:
        return None
    squash, scale, weigh, classify = (step for _, step in classifier.steps)
    extractors = [t for _, t in features.transformer_list]
    if squash.func is not np.arcsinh or squash.kw_args or not (scale.with_mean and scale.with_std) \
            or classify.coef_.shape[0] != 1 or any(type(t) not in EXTRACTORS for t in extractors):
        return None
    weights = np.ones(len(scale.mean_)) if weigh.weights is None else \
        np.asarray(weigh.weights, dtype=np.float64)
    return LinearModel(extractors, scale.mean_, scale.scale_, weights, classify.coef_[0],
                       classify.intercept_[0])


def save(model: LinearModel, path: Path | None) -> bool:
    if path is None:
        return False
    arrays = {"mean": model.mean, "scale": model.scale, "weights": model.weights,
              "coef": model.coef,
              "intercept": np.asarray([model.intercept])}
    entries = []
    for i, extractor in enumerate(model.extractors):
        entry = _describe(extractor, i, arrays)
        if entry is None:
            return False
        entries.append(entry)
    spec = json.dumps({"format": FORMAT, "extractors": entries}).encode()
    arrays["spec"] = np.frombuffer(spec, dtype=np.uint8)
    try:
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".npz")
        with os.fdopen(fd, "wb") as handle:
            np.savez(handle, **arrays)
        os.replace(tmp, path)
    except OSError:
        return False
    return True


def _describe(extractor, index: int, arrays: dict) -> dict | None:
    """Parameters and fitted state as JSON, arrays aside; None if some state is neither."""
    params = extractor.get_params()
    entry = {"signal": extractor.signal, "params": params, "attrs": {}, "arrays": []}
    for name, value in vars(extractor).items():
        if name in params:
            continue
        if isinstance(value, np.ndarray):
            arrays[f"{index}.{name}"] = value
            entry["arrays"].append(name)
        elif _is_plain(value):
            entry["attrs"][name] = value
        else:
            return None
    return entry if all(_is_plain(v) for v in params.values()) else None


def _is_plain(value) -> bool:
    """Survives a JSON round trip unchanged (no tuples, no numpy scalars, string keys only)."""
    if type(value) in _PLAIN:
        return True
    if type(value) is list:
        return all(_is_plain(v) for v in value)
    return type(value) is dict and all(type(k) is str and _is_plain(v) for k, v in value.items())


def load(path: Path | None) -> LinearModel | None:
    """The cached copy, or None when there is none or it cannot be read."""
    from reliability.features import EXTRACTORS

    if path is None:
        return None
    by_signal = {cls.signal: cls for cls in EXTRACTORS}
    try:
        with np.load(path, allow_pickle=False) as data:
            spec = json.loads(data["spec"].tobytes().decode())
            if spec["format"] != FORMAT:
                return None
            extractors = []
            for i, entry in enumerate(spec["extractors"]):
                extractor = by_signal[entry["signal"]](**entry["params"])
                extractor.__dict__.update(entry["attrs"])
                extractor.__dict__.update({k: data[f"{i}.{k}"] for k in entry["arrays"]})
                extractors.append(extractor)
            return LinearModel(extractors, data["mean"], data["scale"], data["weights"],
                               data["coef"], data["intercept"][0])
    except (OSError, ValueError, KeyError, TypeError, EOFError):
        return None

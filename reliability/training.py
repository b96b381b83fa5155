"""`reliability train`: data → features (once) → cross-validation → final fit → model + card."""
from __future__ import annotations

import time
from pathlib import Path
from typing import Callable, Sequence

import numpy as np

from reliability.corpus import Article, present
from reliability.model import (DEFAULT_MACHINE_PRIOR, TrainedModel, assemble_pipeline,
                               build_feature_union, cross_validate, extract_features,
                               feature_directions, fit_classifier, library_versions,
                               save_model, stable_rng, to_prior, today)

Progress = Callable[[str, int, int], None]  # (stage, advance, total)
HOLDOUT_SHARE = 0.1
LM_SHARE = 0.4
MACHINE_LM_SHARE = 0.2
RESIDUE_SHARE = 0.04
DEFAULT_C = 0.05
RESIDUE_SOURCES = ("scraped-residue", "chatbot-leftovers")  # synthetic: always train
UNFOLDED_SOURCES = RESIDUE_SOURCES + ("",)  # and texts whose source nobody gave
LENGTH_BINS = 10
LENGTH_WEIGHT_RANGE = (0.1, 10.0)


def _noop(stage: str, advance: int, total: int) -> None:
    return None


def split_holdout(articles: Sequence[Article], seed: int = 0) -> tuple[list[Article], list[Article]]:
    """Hold back whole stories (never half of a paraphrase pair) for the card's test numbers."""
    train, held = [], []
    for article in articles:
        (held if stable_rng(article.group, seed).random() < HOLDOUT_SHARE else train).append(article)
    return train, held


def presented_texts(articles: Sequence[Article], seed: int = 0) -> list[str]:
    return [present(a, stable_rng(a.id, seed)) for a in articles]


def length_matching_weights(words: np.ndarray, y: np.ndarray, bins: int = LENGTH_BINS
                            ) -> np.ndarray:
    """Sample weights under which human articles have the machine articles' length profile.

    Corpora are collected, not designed: ours has more very short and very long human
    articles than machine ones, so length alone separates them (and a model would learn
    "short or long = human"). Human articles are re-weighted, bin by length decile, to the
    machine share of that bin (within LENGTH_WEIGHT_RANGE); machine articles keep weight 1 and
    the human weights keep their total."""
    words, y = np.asarray(words, dtype=float), np.asarray(y)
    weights = np.ones(len(y))
    human, machine = y == 0, y == 1
    if not human.any() or not machine.any():
        return weights
    bin_of = _length_deciles(words, bins)
    for b in np.unique(bin_of):
        in_bin = bin_of == b
        human_share = np.sum(in_bin & human) / np.sum(human)
        machine_share = np.sum(in_bin & machine) / np.sum(machine)
        if human_share:
            weights[in_bin & human] = np.clip(machine_share / human_share, *LENGTH_WEIGHT_RANGE)
    weights[human] *= np.sum(human) / np.sum(weights[human])
    return weights


def length_only_auroc(words: np.ndarray, y: np.ndarray, sample_weight=None,
                      bins: int = LENGTH_BINS) -> float:
    """How well length alone tells the classes apart: the AUROC of each length decile's
    (weighted) machine share, used as a score. 0.5 = length says nothing."""
    from sklearn.metrics import roc_auc_score

    words, y = np.asarray(words, dtype=float), np.asarray(y)
    w = np.ones(len(y)) if sample_weight is None else np.asarray(sample_weight)
    bin_of = _length_deciles(words, bins)
    share = {b: np.sum(w[(bin_of == b) & (y == 1)]) / np.sum(w[bin_of == b])
             for b in np.unique(bin_of)}
    return float(roc_auc_score(y, [share[b] for b in bin_of], sample_weight=w))


def _length_deciles(words: np.ndarray, bins: int) -> np.ndarray:
    """Each article's length bin, by quantiles of all the lengths."""
    return np.digitize(words, np.quantile(words, np.linspace(0, 1, bins + 1))[1:-1])


def featurize(union, articles: Sequence[Article], progress: Progress, stage: str) -> np.ndarray:
    texts = presented_texts(articles)
    return extract_features(union, texts, progress=lambda n: progress(stage, n, len(texts)))


def split_lm(articles: Sequence[Article], share: float = LM_SHARE,
             machine_share: float = MACHINE_LM_SHARE, seed: int = 1):
    """Texts for the language models, which the classifier never sees, so the models cannot
    favour texts they have memorised: a share of the human stories no machine text was written
    from (for the word and skeleton models), and a share of the stories' machine texts (for the
    skeleton model's machine side). A story's human article stays with the classifier when its
    machine texts go to the language model: the skeleton model keeps nothing of topic."""
    draws = {a.group: stable_rng(a.group, seed + 1).random() for a in articles if a.label == 1}
    machine_lm = {g for g, draw in draws.items() if draw < machine_share}
    if not machine_lm and len(draws) >= 2:  # a small corpus still gives the model one story
        machine_lm = {min(draws, key=draws.get)}
    lm, rest = [], []
    for a in articles:
        if a.label == 0:
            chosen = a.group not in draws and stable_rng(a.group, seed).random() < share
        else:
            chosen = a.group in machine_lm
        (lm if chosen else rest).append(a)
    return lm, rest


def without_page_chrome(articles: Sequence[Article]) -> tuple[list[Article], int]:
    """Human articles with the page chrome taken out that the corpus's scraper left in them
    ("Share this slide:", "READ MORE: ...", "Subscribe ..."): as human examples they would
    teach that chrome is a sign of human news, yet the product flags it, and the residue
    examples add it on purpose, labelled unreliable. The lines where a boilerplate signal
    fires (paragraphs restored) are dropped; the rest of the article stays as it was."""
    from dataclasses import replace

    from reliability.corpus import restore_paragraphs
    from reliability.features.boilerplate import Boilerplate
    from reliability.text import parse

    detector, out, cleaned = Boilerplate(), [], 0
    for a in articles:
        text = a.text
        for _ in range(3) if a.label == 0 else ():  # the new text's paragraphs fall anew
            restored = restore_paragraphs(text, stable_rng(a.id))
            fired = {e.line for m in detector.measure(parse(restored)).values()
                     for e in m.evidence if e.line}
            if not fired:
                break
            text = " ".join(line.strip() for n, line in enumerate(restored.split("\n"), start=1)
                            if n not in fired and line.strip())
        if text != a.text:
            a, cleaned = replace(a, text=text), cleaned + 1
        out.append(a)
    return out, cleaned


def residue_examples(articles: Sequence[Article], share: float = RESIDUE_SHARE) -> list[Article]:
    """Copies of some human articles with page chrome left in, and of some machine articles
    with the chat wrapper left on, all labelled unreliable: residue the product must flag,
    which neither source corpus contains."""
    from reliability.corpus import with_chatbot_leftovers, with_page_residue

    scraped = [with_page_residue(a, stable_rng(a.id, 2)) for a in articles
               if a.label == 0 and stable_rng(a.id, 3).random() < share]
    wrapped = [with_chatbot_leftovers(a, stable_rng(a.id, 4)) for a in articles
               if a.label == 1 and stable_rng(a.id, 5).random() < share]
    return scraped + wrapped


def train_on(articles: Sequence[Article], sources: list[dict], progress: Progress = _noop,
             evaluate_extra: Callable[[TrainedModel], dict] | None = None,
             default_corpus: bool = False,
             machine_prior: float = DEFAULT_MACHINE_PRIOR) -> TrainedModel:
    started = time.time()
    chrome_cleaned = 0
    if default_corpus:
        articles, chrome_cleaned = without_page_chrome(articles)
    train, held = split_holdout(articles)
    lm_articles, train = split_lm(train)
    if default_corpus:
        train = train + residue_examples(train)
    y = np.array([a.label for a in train])
    lm_labels = [a.label for a in lm_articles]
    _check_enough(y, lm_articles)
    progress("language model", 0, 1)
    union = build_feature_union([a.text for a in lm_articles], lm_labels)
    progress("language model", 1, 1)
    X = featurize(union, train, progress, "features")
    groups = np.array([a.group for a in train])
    names = list(union.get_feature_names_out())
    words = np.array([len(a.text.split()) for a in train])
    sample_weight = length_matching_weights(words, y)
    progress("feature selection", 0, 1)
    directions = feature_directions(union)
    weights, C, selection, ablation = select_features(X, y, groups, names, train, directions,
                                                      sample_weight, lm_articles)
    progress("feature selection", 1, 1)
    cv = cross_validate(X, y, groups, C=C, weights=weights, directions=directions,
                        sample_weight=sample_weight) if min(np.bincount(y)) >= 5 else {}
    classifier = to_prior(fit_classifier(X, y, C, weights, directions, sample_weight), y,
                          machine_prior)
    final = classifier.named_steps["weigh"].weights
    selection["switched_off_by_sign"] = [
        n for n, w, f in zip(names, weights, final) if w > 0 and f == 0]
    pipeline = assemble_pipeline(union, classifier)
    model = TrainedModel(pipeline=pipeline, feature_names=names)
    model.card = {
        "created": today(),
        "default_corpus": default_corpus,
        "sources": sources,
        "n_train": {"human": int(np.sum(y == 0)), "machine": int(np.sum(y == 1)),
                    "of_which_synthetic_residue": sum(a.source in RESIDUE_SOURCES for a in train),
                    "lm_human_articles": lm_labels.count(0),
                    "lm_machine_articles": lm_labels.count(1), "held_back": len(held),
                    "human_articles_with_page_chrome_removed": chrome_cleaned},
        "features": names,
        "classifier": f"asinh -> StandardScaler -> feature weights (selection, shrinkage) -> "
                      f"LogisticRegression(C={C})",
        "feature_selection": selection,
        "length_matching": {
            "method": f"human articles weighted by length decile to the machine articles' "
                      f"length profile (weights clipped to {list(LENGTH_WEIGHT_RANGE)}, total "
                      f"kept); used in every fit and in the transfer folds' AUROC",
            "length_only_auroc_unweighted": round(length_only_auroc(words, y), 4),
            "length_only_auroc_weighted": round(length_only_auroc(words, y, sample_weight), 4),
            "human_weight_range": [round(float(sample_weight[y == 0].min()), 3),
                                   round(float(sample_weight[y == 0].max()), 3)]},
        "language_model": [t.size_report() for _, t in union.transformer_list
                           if hasattr(t, "size_report")],
        "ablation": ablation,
        "score": (f"100 x P(reliable) from the logistic model, at a prior share of machine text "
                  f"of {machine_prior} (intercept moved from the training mix's share)"),
        "machine_prior": machine_prior,
        "cross_validated": cv,
        "held_back": holdout_report(model, held) if held else {},
        "coefficients": dict(zip(names, np.round(classifier[-1].coef_[0], 4).tolist())),
        "library_versions": library_versions(),
        "train_seconds": round(time.time() - started, 1),
    }
    if evaluate_extra:
        model.card.update(evaluate_extra(model))
    return model


MIN_PER_CLASS = 5  # classifier texts of each class: below this no metric means anything


def _check_enough(y: np.ndarray, lm_articles: Sequence[Article]) -> None:
    """Refuse data too small or too foreign to train on, saying what is short."""
    from reliability.errors import DataError
    from reliability.text import WORD

    counts = np.bincount(y.astype(int), minlength=2)
    lm_words = [sum(len(WORD.findall(a.text)) for a in lm_articles if a.label == label)
                for label in (0, 1)]
    if min(counts) < MIN_PER_CLASS or 0 in lm_words:
        raise DataError(
            f"too little data: after the language models' and the held-back share, the "
            f"classifier has {counts[0]} human and {counts[1]} machine texts (needs "
            f"{MIN_PER_CLASS} of each), and the language models {lm_words[0]:,} human and "
            f"{lm_words[1]:,} machine words (English words only: the models read English)")


def select_features(X: np.ndarray, y: np.ndarray, groups: np.ndarray, names: list[str],
                    train: Sequence[Article], directions: np.ndarray, sample_weight=None,
                    lm_articles: Sequence[Article] = ()
                    ) -> tuple[np.ndarray, float, dict, list[dict]]:
    """Prior feature weights, then transfer-fold choice of C and of the signals kept (see
    reliability.selection), then the ablation table; each fold's rows scored on features from
    language models fitted without its sources (`heldout_features`). Without enough distinct
    sources there are no transfer folds: the defaults."""
    from reliability.selection import (ablation_table, choose_regularisation, feature_groups,
                                       prior_weights, select_groups, shrinkage_report,
                                       transfer_auroc, transfer_by_source, transfer_folds,
                                       transfer_predictions)

    feature_group = feature_groups(names)
    prior, shrunk = prior_weights(feature_group)
    folds = transfer_folds(list(map(fold_source, train)), y, always_train=UNFOLDED_SOURCES)
    if folds is None or min(np.bincount(y)) < 5:
        return prior, DEFAULT_C, {"method": "none (too few distinct sources for transfer folds)",
                                  "prior_weights": shrunk, "C": DEFAULT_C}, []
    X_heldout, refitted = heldout_features(train, X, names, folds, lm_articles)
    C, by_C = choose_regularisation(X, y, folds, prior, directions, sample_weight, X_heldout)
    weights, steps = select_groups(X, y, folds, feature_group, C, directions, prior, sample_weight,
                                   X_heldout)
    selection = {
        "method": "prior weights for single-word function-word rates, then C, then backward "
                  "elimination of signals, each by mean AUROC over transfer folds (each fold "
                  "holds out one human outlet and one machine prompt style, two styles in a "
                  "fold when there are more styles than outlets; its rows measured by language "
                  "models refitted without those sources), preferring "
                  "the simpler choice within 0.002; every fit keeps evidence signals' weights "
                  "to their declared sign",
        "transfer_folds": int(max(folds) + 1), "folds_with_refitted_language_models": refitted,
        "prior_weights": shrunk,
        "transfer_auroc_by_shrinkage": shrinkage_report(X, y, folds, feature_group, C, directions,
                                                        sample_weight, X_heldout),
        "transfer_auroc_by_C": by_C, "C": C,
        "steps": steps, "dropped_groups": [s["dropped"] for s in steps if s["dropped"]],
        "transfer_auroc_shared_language_models": round(transfer_auroc(
            X, y, folds, weights, C, directions, sample_weight), 4),
        "transfer_by_source": transfer_by_source(transfer_predictions(
            X, y, folds, weights, C, directions, sample_weight, X_heldout), y,
            list(map(fold_source, train))),
        "kept_features": int(np.sum(weights > 0)), "all_features": len(names)}
    return weights, C, selection, ablation_table(X, y, groups, folds, feature_group, weights, C,
                                                 directions, sample_weight, X_heldout)


def fold_source(article: Article) -> str:
    """What a transfer fold holds out: the outlet, or the machine prompt style."""
    return article.source or article.style


def heldout_features(train: Sequence[Article], X: np.ndarray, names: Sequence[str],
                     folds: np.ndarray, lm_articles: Sequence[Article]) -> tuple[np.ndarray, int]:
    """`X` with each transfer fold's rows measured again by the language models refitted
    without the fold's sources, and how many folds were refitted. Only the fitted
    extractors' columns change; the others read nothing but the text.

    The language models learn from every prompt style and outlet, so scored by the shared
    models a held-out fold is not held out from them, and the signals built on them look
    better there than on a style nothing in training resembles. A fold whose sources take a
    class out of the language models' texts keeps the shared features."""
    from reliability.features import FITTED

    texts = presented_texts(train)
    columns = {cls: [j for j, n in enumerate(names) if n.startswith(f"{cls.signal}__")]
               for cls in FITTED}
    heldout, refitted = X.copy(), 0
    for k in sorted(set(folds.tolist()) - {-1}):
        rows = np.flatnonzero(folds == k)
        held_out = {fold_source(train[i]) for i in rows}
        kept = [a for a in lm_articles if fold_source(a) not in held_out]
        labels = [a.label for a in kept]
        if len(set(labels)) < 2:
            continue
        fold_texts = [texts[i] for i in rows]
        for cls, cols in columns.items():
            extractor = cls()
            extractor.fit([a.text for a in kept], labels)
            heldout[np.ix_(rows, cols)] = extractor.transform(fold_texts)
        refitted += 1
    return heldout, refitted


def holdout_report(model: TrainedModel, held: Sequence[Article]) -> dict:
    """Held-back metrics, and how far line breaks alone move the scores of held-back humans."""
    from reliability.metrics import detection_metrics
    from reliability.text import flatten

    texts = presented_texts(held)
    y = np.array([a.label for a in held])
    p_machine = model.pipeline.predict_proba(texts)[:, 1]
    report = {"metrics": detection_metrics(y, p_machine)}
    humans = [a for a in held if a.label == 0]
    if humans:
        from reliability.corpus import restore_paragraphs
        with_breaks = [restore_paragraphs(a.text, stable_rng(a.id)) for a in humans]
        flat = [flatten(t) for t in with_breaks]
        s_breaks = 100 * model.pipeline.predict_proba(with_breaks)[:, 0]
        s_flat = 100 * model.pipeline.predict_proba(flat)[:, 0]
        report["line_breaks_human"] = {
            "n": len(humans), "mean_score_with_paragraphs": round(float(s_breaks.mean()), 2),
            "mean_score_flattened": round(float(s_flat.mean()), 2),
            "mean_shift": round(float(s_breaks.mean() - s_flat.mean()), 2),
            "mean_abs_shift": round(float(np.abs(s_breaks - s_flat).mean()), 2)}
    return report


def train_and_save(articles: Sequence[Article], sources: list[dict], out: Path,
                   progress: Progress = _noop, evaluate_extra=None,
                   default_corpus: bool = False,
                   machine_prior: float = DEFAULT_MACHINE_PRIOR) -> TrainedModel:
    model = train_on(articles, sources, progress, evaluate_extra, default_corpus, machine_prior)
    save_model(model, out)
    return model

"""Feature selection by transfer folds: the folds, the elimination and the kept-column mask."""
import numpy as np

from reliability.model import build_classifier
from reliability.selection import feature_groups, select_groups, transfer_folds


def test_transfer_folds_hold_out_one_machine_source_each():
    sources = ["wire", "plain", "farm", "bbc", "cnn", "dw", "residue", "plain"]
    y = np.array([1, 1, 1, 0, 0, 0, 1, 1])
    folds = transfer_folds(sources, y, always_train=("residue",))
    assert folds[sources.index("residue")] == -1
    machine_folds = {s: f for s, f, label in zip(sources, folds, y) if label == 1 and f >= 0}
    assert sorted(set(machine_folds.values())) == [0, 1, 2]
    assert folds[1] == folds[7]  # one source, one fold
    assert set(folds[3:6].tolist()) <= {0, 1, 2}


def test_every_fold_holds_both_classes_when_machine_sources_outnumber_outlets():
    sources = ["a", "b", "c", "d", "e", "h1", "h2", "h3"]
    y = np.array([1, 1, 1, 1, 1, 0, 0, 0])
    folds = transfer_folds(sources, y)
    assert sorted(set(folds.tolist())) == [0, 1, 2]
    for k in range(3):
        assert set(y[folds == k].tolist()) == {0, 1}


def test_transfer_folds_need_several_sources():
    assert transfer_folds(["a", "a", "h", "h"], np.array([1, 1, 0, 0])) is None


def test_features_are_grouped_by_signal():
    assert feature_groups(["style__a", "style__b", "punctuation__c"]) == [
        "style", "style", "punctuation"]


def test_elimination_drops_a_group_that_only_fits_one_source():
    rng = np.random.default_rng(0)
    sources = np.repeat(["m1", "m2", "m3", "m4", "h1", "h2", "h3", "h4"], 60)
    y = np.array([1 if s.startswith("m") else 0 for s in sources])
    signal = y + rng.normal(0, 0.7, len(y))  # separates every source
    quirk = np.where(sources == "m1", 3.0, 0.0) + rng.normal(0, 1, len(y))  # one source's habit
    X = np.column_stack([signal, quirk])
    folds = transfer_folds(list(sources), y)
    weights, steps = select_groups(X, y, folds, ["style", "punctuation"])
    assert weights.tolist() == [1.0, 0.0]
    assert steps[-1]["dropped"] == "punctuation"


def test_dropped_features_get_no_weight():
    rng = np.random.default_rng(1)
    X = rng.normal(size=(80, 3))
    y = (X[:, 1] > 0).astype(int)
    clf = build_classifier(weights=np.array([1.0, 0.0, 1.0])).fit(X, y)
    assert clf[-1].coef_[0][1] == 0.0


def test_an_evidence_feature_never_vouches_for_an_article():
    from reliability.model import fit_classifier

    rng = np.random.default_rng(2)
    y = np.repeat([0, 1], 100)
    signal = y + rng.normal(0, 0.5, len(y))
    inverted = (1 - y) + rng.normal(0, 0.5, len(y))  # declared +1, but fires on the humans
    X = np.column_stack([signal, inverted])
    free = fit_classifier(X, y, directions=None)
    assert free[-1].coef_[0][1] < 0
    constrained = fit_classifier(X, y, directions=np.array([0, 1]))
    assert constrained[-1].coef_[0][1] == 0.0 and constrained[-1].coef_[0][0] > 0
    assert constrained.named_steps["weigh"].weights.tolist() == [1.0, 0.0]


def test_declared_directions_line_up_with_the_union():
    from reliability.model import build_feature_union, feature_directions

    union = build_feature_union(["The minister said on Monday that talks would resume.",
                                 "In today's fast-paced world, talks are crucial."], [0, 1])
    directions = feature_directions(union)
    names = list(union.get_feature_names_out())
    assert len(directions) == len(names)
    assert directions[names.index("boilerplate__chatbot_error_strings")] == 1
    assert directions[names.index("style__misspellings_per_1k")] == -1
    assert directions[names.index("function_words__articles_per_1k")] == 0


def test_chatbot_leftovers_fire_the_boilerplate_signal():
    import random

    from conftest import WIRE
    from reliability.corpus import Article, with_chatbot_leftovers
    from reliability.features.boilerplate import Boilerplate
    from reliability.text import parse

    article = Article("a", WIRE, 1, "g", headline="Talks resume")
    for seed in range(30):
        wrapped = with_chatbot_leftovers(article, random.Random(seed))
        measured = Boilerplate().measure(parse(wrapped.text))
        assert measured["chatbot_error_strings"].value + measured["link_placeholders"].value > 0
        assert wrapped.label == 1 and wrapped.source == "chatbot-leftovers"


def test_regularisation_prefers_shrinkage_when_transfer_ties():
    from reliability.selection import C_GRID, choose_regularisation

    rng = np.random.default_rng(3)
    sources = np.repeat(["m1", "m2", "m3", "h1", "h2", "h3"], 50)
    y = np.array([1 if s.startswith("m") else 0 for s in sources])
    X = np.column_stack([y + rng.normal(0, 0.3, len(y)), rng.normal(size=len(y))])
    C, by_C = choose_regularisation(X, y, transfer_folds(list(sources), y))
    assert set(by_C) == {str(c) for c in C_GRID}
    assert C == min(C_GRID)  # the data separate at every C, so the strongest shrinkage wins


def test_single_word_rates_weigh_as_much_together_as_the_classes_they_refine():
    from reliability.selection import prior_weights

    groups = ["style"] * 3 + ["function_words"] * 4 + ["function_word_rates"] * 16
    weights, chosen = prior_weights(groups)
    assert chosen == {"function_word_rates": 0.5}
    assert weights[:7].tolist() == [1.0] * 7 and set(weights[7:].tolist()) == {0.5}
    assert prior_weights(["style", "punctuation"])[1] == {}


def test_stated_prior_replaces_the_training_mix_in_the_score():
    from reliability.model import to_prior

    rng = np.random.default_rng(1)
    X = rng.normal(0, 1, (400, 2))  # says nothing about the label
    y = np.array([1] * 300 + [0] * 100)  # three machine articles per human one
    classifier = build_classifier().fit(X, y)
    assert abs(classifier.predict_proba(X)[:, 1].mean() - 0.75) < 0.03
    to_prior(classifier, y, machine_prior=0.2)
    assert abs(classifier.predict_proba(X)[:, 1].mean() - 0.2) < 0.03


def test_length_matching_weights_take_length_out_of_the_labels():
    from reliability.training import length_matching_weights, length_only_auroc

    rng = np.random.default_rng(2)
    human = np.r_[rng.integers(80, 200, 300), rng.integers(900, 1500, 300),
                  rng.integers(300, 700, 400)]
    words = np.r_[human, rng.integers(300, 700, 1000)]
    y = np.r_[np.zeros(1000, int), np.ones(1000, int)]
    weights = length_matching_weights(words, y)
    assert length_only_auroc(words, y) > 0.75
    assert abs(length_only_auroc(words, y, weights) - 0.5) < 0.05
    assert weights[y == 1].tolist() == [1.0] * 1000
    assert abs(weights[y == 0].sum() - 1000) < 1e-6
    assert weights[:300].mean() < weights[600:1000].mean()  # short humans count for less


def test_sample_weights_reach_the_fit():
    from reliability.model import fit_classifier

    rng = np.random.default_rng(3)
    X = rng.normal(0, 1, (400, 1))
    y = (X[:, 0] > 0).astype(int)
    flipped = y.copy()
    flipped[:200] = 1 - flipped[:200]  # half the rows say the opposite
    plain = fit_classifier(X, flipped, C=1.0)
    trusted = fit_classifier(X, flipped, C=1.0, sample_weight=np.r_[np.full(200, 0.01),
                                                                    np.ones(200)])
    assert abs(plain[-1].coef_[0, 0]) < trusted[-1].coef_[0, 0]


def test_page_chrome_is_taken_out_of_human_training_articles():
    from reliability.corpus import Article
    from reliability.training import without_page_chrome

    prose = "The council approved the budget on Monday. " * 6
    human = Article(id="h", text=prose + "READ MORE: Council votes again. " + prose, label=0,
                    group="g1", headline="Budget approved")
    clean = Article(id="c", text=prose * 2, label=0, group="g2", headline="Budget")
    machine = Article(id="m", text=prose + "READ MORE: Council votes again. " + prose, label=1,
                      group="g3", headline="Budget")
    out, cleaned = without_page_chrome([human, clean, machine])
    assert cleaned == 1
    assert "READ MORE" not in out[0].text and "council approved" in out[0].text.lower()
    assert out[1] == clean and out[2] == machine


def _articles(label: int, sources: list[str], text: str, per_source: int) -> list:
    from reliability.corpus import Article

    days = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"]
    return [Article(id=f"{s}{text[:4]}{i}", text=text.replace("Tuesday", days[i]) * (1 + i % 2),
                    label=label, group=f"{s}{text[:4]}{i}", source=s)
            for s in sources for i in range(per_source)]


def _nested_case(lm_sources: tuple[str, str]):
    from conftest import PADDED, WIRE

    from reliability.model import build_feature_union, extract_features, feature_directions
    from reliability.training import presented_texts

    # each source holds a few texts of the other class's kind, so no fold separates perfectly
    train = (_articles(1, ["m1", "m2", "m3"], PADDED, 4) + _articles(1, ["m1", "m2", "m3"], WIRE, 2)
             + _articles(0, ["h1", "h2", "h3"], WIRE, 4) + _articles(0, ["h1", "h2", "h3"], PADDED, 2))
    lm = _articles(0, [lm_sources[0]], WIRE, 4) + _articles(1, [lm_sources[1]], PADDED, 4)
    union = build_feature_union([a.text for a in lm], [a.label for a in lm])
    X = extract_features(union, presented_texts(train))
    y = np.array([a.label for a in train])
    names = list(union.get_feature_names_out())
    return train, lm, X, y, np.ones(X.shape[1]), feature_directions(union), names


def test_heldout_features_are_the_shared_ones_when_no_fold_source_reached_the_models():
    from reliability.selection import transfer_auroc
    from reliability.training import RESIDUE_SOURCES, heldout_features

    train, lm, X, y, weights, directions, names = _nested_case(("h9", "m9"))
    folds = transfer_folds([a.source for a in train], y, always_train=RESIDUE_SOURCES)
    heldout, refitted = heldout_features(train, X, names, folds, lm)
    assert refitted == 3 and np.array_equal(heldout, X)
    plain = transfer_auroc(X, y, folds, weights, 0.05, directions)
    assert transfer_auroc(X, y, folds, weights, 0.05, directions, X_heldout=heldout) == plain < 1.0


def test_heldout_features_come_from_models_without_the_folds_sources():
    from reliability.model import build_feature_union, extract_features
    from reliability.training import RESIDUE_SOURCES, heldout_features, presented_texts

    train, lm, X, y, weights, directions, names = _nested_case(("h1", "m9"))
    lm += _articles(0, ["h9"], lm[0].text, 4)  # the fold holding h1 keeps human LM texts
    union = build_feature_union([a.text for a in lm], [a.label for a in lm])
    X = extract_features(union, presented_texts(train))
    folds = transfer_folds([a.source for a in train], y, always_train=RESIDUE_SOURCES)
    heldout, refitted = heldout_features(train, X, names, folds, lm)
    assert refitted == 3
    h1_fold = folds[[a.source for a in train].index("h1")]
    moved = np.any(heldout != X, axis=1)
    assert moved[folds == h1_fold].all() and not moved[folds != h1_fold].any()
    language_model = np.array([n.split("__")[0] in ("ngram_lm", "skeleton_lm") for n in names])
    assert not np.any(heldout[:, ~language_model] != X[:, ~language_model])
    # the refitted columns are what a whole union fitted without h1 measures
    kept = [a for a in lm if a.source != "h1"]
    refit = extract_features(build_feature_union([a.text for a in kept], [a.label for a in kept]),
                             presented_texts([train[i] for i in np.flatnonzero(folds == h1_fold)]))
    assert np.allclose(heldout[folds == h1_fold], refit)


def test_transfer_by_source_names_the_source_a_model_misses():
    from reliability.selection import transfer_by_source

    y = np.array([0, 0, 0, 0, 1, 1, 1, 1])
    sources = ["bbc", "bbc", "cnn", "cnn", "plain", "plain", "paraphrase", "paraphrase"]
    predicted = np.array([0.1, 0.2, 0.1, 0.3, 0.9, 0.8, 0.05, 0.12])  # paraphrase passes as human
    rows = {r["source"]: r for r in transfer_by_source(predicted, y, sources)}
    assert rows["plain"]["auroc"] == 1.0 and rows["paraphrase"]["auroc"] < 0.5
    assert rows["bbc"]["class"] == "human" and rows["bbc"]["n"] == 2
    predicted[:2] = np.nan  # a fold that was not scored is left out
    assert "bbc" not in {r["source"] for r in transfer_by_source(predicted, y, sources)}


def test_transfer_auroc_is_the_mean_over_folds_of_transfer_predictions():
    from reliability.selection import transfer_auroc, transfer_predictions
    from sklearn.metrics import roc_auc_score

    rng = np.random.default_rng(3)
    sources = np.repeat(["m1", "m2", "m3", "h1", "h2", "h3"], 30)
    y = np.array([1 if s.startswith("m") else 0 for s in sources])
    X = np.column_stack([y + rng.normal(0, 1.2, len(y)), rng.normal(size=len(y))])
    folds = transfer_folds(list(sources), y)
    predicted = transfer_predictions(X, y, folds)
    per_fold = [roc_auc_score(y[folds == k], predicted[folds == k]) for k in range(3)]
    assert transfer_auroc(X, y, folds) == np.mean(per_fold) < 1.0

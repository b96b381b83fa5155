"""The skeleton language models: what a skeleton keeps, that topic cannot move the signal, and
that the ratio points the right way on texts neither model has seen."""
import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reliability.features.ngram_lm import WordTrigramLM
from reliability.features.skeleton_lm import SkeletonLM, skeleton
from reliability.text import parse

HUMAN = [
    "Police arrested two men on Tuesday after a raid in {place}, officials said.",
    "The {thing} fell 3 percent to 1,204 points by midday, traders said.",
    "{name} told reporters the talks would resume next week.",
    "Two people were injured when a bus hit a wall in {place} late on Sunday.",
]
MACHINE = [
    "In today's rapidly evolving landscape, the {thing} is more important than ever.",
    "Overall, this highlights the importance of cooperation and resilience in {place}.",
    "It is crucial to understand the implications of these developments for {name}.",
    "As the situation continues to unfold, it remains to be seen how {place} will respond.",
]
PLACES = ["Paris", "Lagos", "Quito", "Mumbai"]
THINGS = ["index", "market", "economy", "currency"]
NAMES = ["Smith", "Okafor", "Tanaka", "Moreau"]


def fill(templates, i):
    return " ".join(t.format(place=PLACES[(i + k) % 4], thing=THINGS[(i + k) % 4],
                             name=NAMES[(i + k) % 4]) for k, t in enumerate(templates))


@pytest.fixture(scope="module")
def fitted():
    texts = [fill(HUMAN, i) for i in range(3)] + [fill(MACHINE, i) for i in range(3)]
    return SkeletonLM().fit(texts, [0, 0, 0, 1, 1, 1])


def test_skeleton_keeps_function_words_and_punctuation_and_drops_content():
    assert skeleton("The minister said on Tuesday, that 35 people were evacuated (officials).") \
        == ["the", "<er>", "<id>", "on", "<C>", ",", "that", "<N>", "<le>", "were", "<ed>",
            "(", "<ls>", ")"]
    # A capital at a sentence's start says nothing about names.
    assert skeleton("Officials said")[0] == "<ls>"


def test_ratio_points_to_the_class_whose_build_a_new_text_shares(fitted):
    human, machine = fill(HUMAN, 3), fill(MACHINE, 3)  # place names and things not seen so
    h = {k: m.value for k, m in fitted.measure(parse(human)).items()}
    m = {k: m.value for k, m in fitted.measure(parse(machine)).items()}
    assert m["logratio_mean"] > 0 > h["logratio_mean"]
    assert m["machine_likelier_share"] > h["machine_likelier_share"]
    assert h["human_logp_mean"] > m["human_logp_mean"]


def test_evidence_shows_the_sentence_and_its_skeleton(fitted):
    text = fill(MACHINE, 1)
    evidence = fitted.measure(parse(text))["logratio_mean"].evidence
    assert evidence and evidence[0].line == 1
    assert "machine-like build" in evidence[0].text and "[" in evidence[0].text


@settings(max_examples=40, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(["Paris", "Lagos", "Quito"]),
                          st.sampled_from(["nation", "election", "region", "station"]),
                          st.sampled_from(["quickly", "quietly", "formally"])),
                min_size=1, max_size=4))
def test_topic_words_of_the_same_shape_cannot_move_the_signal(fitted, fills):
    """Swapping names for names and content words for words of the same ending keeps the
    skeleton, so every value is unchanged: the signal reads how sentences are built."""
    def article(choices):
        return " ".join(f"Officials in {p} said the {n} would {a} respond to the crisis."
                        for p, n, a in choices)
    baseline = fitted.values(parse(article([("Paris", "nation", "quickly")] * len(fills))))
    values = fitted.values(parse(article(fills)))
    assert values == baseline


def test_empty_and_punctuation_only_texts_give_finite_values(fitted):
    for text in ("", "...", "!!! ???", "-- --"):
        assert all(math.isfinite(v) for v in fitted.values(parse(text)))


def test_fitting_needs_both_classes():
    with pytest.raises(ValueError):
        SkeletonLM().fit(["Only human text here."], [0])
    with pytest.raises(ValueError):
        SkeletonLM().fit(["No labels at all."])


def test_word_model_fits_on_the_human_texts_only():
    labelled = WordTrigramLM(min_count=1).fit(["the cat sat", "zebras juggle quietly"], [0, 1])
    plain = WordTrigramLM(min_count=1).fit(["the cat sat"])
    assert labelled.vocab_ == plain.vocab_ and "zebras" not in labelled.vocab_


@settings(max_examples=60, deadline=None)
@given(st.lists(st.text(alphabet=st.sampled_from(list("aB3 ,.;:()\"?!'-x")), max_size=40),
                min_size=1, max_size=6))
def test_one_pass_tokenising_equals_sentence_by_sentence(fitted, sentences):
    """Each predicted id and its two context ids, from the one-pass tokenising and the shifted
    arrays, are those of each sentence's skeleton framed as <s> <s> ... </s>."""
    predicted, lengths = fitted._document_ids(sentences)
    two_before, before = fitted._contexts(predicted, lengths, np.cumsum([0] + lengths[:-1]))
    expected, expected_lengths = [], []
    for sentence in sentences:
        tokens = skeleton(sentence)
        ids = [0, 0] + [fitted.vocab_.get(t, 1) for t in tokens] + [2]
        expected += [tuple(ids[i - 2:i + 1]) for i in range(2, len(ids))]
        expected_lengths.append(len(tokens) + 1)
    assert list(zip(two_before.tolist(), before.tolist(), predicted.tolist())) == expected
    assert lengths == expected_lengths


def test_a_small_corpus_still_gives_the_machine_model_one_story():
    """With few machine stories the share can pick none; one story then goes to the machine
    skeleton model and the others stay with the classifier, so retraining on small data works."""
    from reliability.corpus import Article
    from reliability.model import stable_rng
    from reliability.training import MACHINE_LM_SHARE, split_lm

    groups = [g for g in (f"story{i}" for i in range(200))
              if stable_rng(g, 2).random() >= MACHINE_LM_SHARE][:3]
    articles = [Article(f"m{g}", fill(MACHINE, i), 1, g) for i, g in enumerate(groups)]
    articles += [Article(f"h{i}", fill(HUMAN, i), 0, f"human{i}") for i in range(6)]
    lm, rest = split_lm(articles)
    assert sum(a.label for a in lm) == 1 and sum(a.label for a in rest) == 2

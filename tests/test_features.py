"""One contract test over the registry, then a table per extractor."""
import re

import numpy as np
import pytest
from hypothesis import given, settings, strategies as st

from conftest import PADDED, WIRE
from reliability.features import EXTRACTORS, FITTED, Evidence
from reliability.text import parse

HUMAN_NEWS = [WIRE, "Officials said on Monday that the bridge would reopen. " * 20]
LM_TEXTS, LM_LABELS = HUMAN_NEWS + [PADDED], [0, 0, 1]


def make(cls):
    extractor = cls()
    return extractor.fit(LM_TEXTS, LM_LABELS) if cls in FITTED else extractor


@pytest.mark.parametrize("cls", EXTRACTORS, ids=lambda c: c.signal)
def test_extractor_contract(cls):
    extractor = make(cls)
    texts = ["", WIRE, PADDED, "x"]
    X = extractor.transform(texts)
    assert X.shape == (4, len(cls.feature_names))
    assert np.all(np.isfinite(X))
    names = extractor.get_feature_names_out()
    assert len(names) == len(set(names)) == len(cls.feature_names)
    measured = extractor.measure(parse(PADDED))
    assert set(measured) == set(cls.feature_names)
    for m in measured.values():
        assert all(isinstance(e, Evidence) and isinstance(e.text, str) for e in m.evidence)


LINE_SIGNALS = ("template_headings", "boilerplate", "name_drift")


@pytest.mark.parametrize("cls", [c for c in EXTRACTORS if c.signal not in LINE_SIGNALS],
                         ids=lambda c: c.signal)
def test_line_breaks_do_not_change_statistical_features(cls):
    """Only the line-structure signals may read line breaks."""
    extractor = make(cls)
    with_breaks = WIRE
    flat = " ".join(WIRE.split())
    np.testing.assert_allclose(extractor.transform([with_breaks]), extractor.transform([flat]))


@settings(max_examples=40, deadline=None)
@given(st.text(max_size=400))
def test_no_text_crashes_any_extractor(text):
    for cls in EXTRACTORS:
        assert np.all(np.isfinite(make(cls).transform([text])))


def value(cls, text, feature):
    return make(cls).measure(parse(text))[feature]


def by_signal(name):
    return next(c for c in EXTRACTORS if c.signal == name)


@pytest.mark.parametrize("text, feature, fires", [
    ("", "heading_lines", False),
    (PADDED, "heading_lines", True),
    (PADDED, "repeated_title_lines", True),
    (PADDED, "generic_section_names", True),
    (PADDED, "outline_numbered_lines", True),
    (WIRE, "heading_lines", False),
    (WIRE, "repeated_title_lines", False),
])
def test_template_headings(text, feature, fires):
    m = value(by_signal("template_headings"), text, feature)
    assert (m.value > 0) == fires
    assert bool(m.evidence) == fires


@pytest.mark.parametrize("text, fires", [
    ("", False),
    (WIRE, False),
    ("The minister visited the port on Monday and met workers there. " * 3, True),
])
def test_repetition(text, fires):
    assert (value(by_signal("repetition"), text, "duplicate_sentence_share").value > 0) == fires


@pytest.mark.parametrize("text, feature, fires", [
    ("", "conflicting_event_dates", False),
    ("The visit took place on 13 September 2021. Her visit on March 2, 2023 was brief.",
     "conflicting_event_dates", True),
    ("The summit opened on 3 May 2017 and the summit closed on May 4, 2017.",
     "conflicting_event_dates", False),
    ("He was elected on 2 September 2015. The vote came on 7 March 2017, less than a month after he was elected.",
     "relative_date_conflicts", True),
    ("He was elected on 2 March 2017. The vote came on 20 March 2017, less than a month after he was elected.",
     "relative_date_conflicts", False),
])
def test_date_consistency(text, feature, fires):
    m = value(by_signal("date_consistency"), text, feature)
    assert (m.value > 0) == fires
    if fires:
        assert m.evidence


@pytest.mark.parametrize("text, fires", [
    ("", False),
    (WIRE, False),
    ("President Anna Berg spoke. Later, Berg said no. Minister Berg agreed, Berg added.", False),
    ("Council member Anna Berg spoke first. Later, member Maria Berg said no. Then, Berg left, and Berg came back.", True),
])
def test_name_drift(text, fires):
    assert (value(by_signal("name_drift"), text, "surnames_with_several_first_names").value > 0) == fires


@pytest.mark.parametrize("text, fires", [("", False), (WIRE, False), (PADDED, True)])
def test_hedging(text, fires):
    assert (value(by_signal("hedging"), text, "hedge_phrases_per_1k").value > 0) == fires


@pytest.mark.parametrize("text, feature, fires", [
    ("", "page_chrome_lines", False),
    (WIRE, "page_chrome_lines", False),
    (PADDED, "page_chrome_lines", True),
    (PADDED, "link_placeholders", True),
    (WIRE, "link_placeholders", False),
    ("As an AI language model, I cannot fulfill this request.", "chatbot_error_strings", True),
    ("Sure! Here's a news article based on the headline:\nThe port reopened.",
     "chatbot_error_strings", True),
    ("I'm sorry, but I cannot verify the latest figures.", "chatbot_error_strings", True),
    ("\"I'm sorry,\" the driver told the court. \"I'm unable to explain it.\"",
     "chatbot_error_strings", False),
    ("We did not cover it, but here is an article by the Associated Press.",
     "chatbot_error_strings", False),
    ("Photo: harbour_view_01.jpg\nThe port reopened.", "image_file_captions", True),
])
def test_boilerplate(text, feature, fires):
    assert (value(by_signal("boilerplate"), text, feature).value > 0) == fires


def test_style_counts_attribution_and_misspellings():
    style = by_signal("style")
    assert value(style, WIRE, "attributions_per_1k").value > value(style, PADDED, "attributions_per_1k").value
    typo = value(style, "The govenment announced the decision yesterday afternoon.", "misspellings_per_1k")
    assert typo.value > 0 and typo.evidence[0].text == "govenment"


def test_function_words_are_class_rates_not_counts():
    fw = by_signal("function_words")
    once = value(fw, "the cat and the dog " * 20, "articles_per_1k").value
    twice = value(fw, "the cat and the dog " * 40, "articles_per_1k").value
    assert once == pytest.approx(twice) == pytest.approx(400.0)
    text = "He said they would go and she could stay home. " * 10
    assert value(fw, text, "third_person_per_1k").value == pytest.approx(300.0)
    assert value(fw, text, "modals_per_1k").value == pytest.approx(200.0)
    assert value(fw, text, "coordinators_per_1k").value == pytest.approx(100.0)


def test_word_rarity_sees_rare_words():
    rarity = by_signal("word_rarity")
    plain = value(rarity, "the man went to the shop and bought some bread for the family", "zipf_mean").value
    rare = value(rarity, "the apothecary proffered obsequious panegyrics about quotidian sesquipedalian prose", "zipf_mean").value
    assert plain > rare


def test_trigram_lm_prefers_text_like_its_training_data():
    lm = make(by_signal("ngram_lm"))
    seen = lm.measure(parse(WIRE))["trigram_logp_mean"].value
    unseen = lm.measure(parse("Purple giraffes negotiate quantum marmalade under volcanic libraries."))["trigram_logp_mean"].value
    assert seen > unseen


@pytest.mark.parametrize("text, feature, fires", [
    ("Prices rose sharply, highlighting the pressure on households. " * 5,
     "participle_tails_per_1k", True),
    ("Prices rose sharply, according to the ministry. Officials said on Monday. " * 5,
     "participle_tails_per_1k", False),
    ("The council approved the plan. This decision marks a shift in policy. " * 5,
     "demonstrative_openers_share", True),
    ("The council approved the plan. This week the mayor said so. " * 5,
     "demonstrative_openers_share", False),
    ("The council met on Monday. " * 10 + "Only time will tell whether the plan works.",
     "summary_closing_phrases", True),
    ("Only time will tell, a resident said. " + "The council met on Monday. " * 10,
     "summary_closing_phrases", False),
    ("The council met on Monday. " * 10 + "Overall, the plan marks a new chapter for the city.",
     "summary_closing_phrases", True),
    ("The council met on Monday. " * 10 + "Overall sales rose 4 percent, the company said.",
     "summary_closing_phrases", False),
])
def test_discourse(text, feature, fires):
    from reliability.features.discourse import Discourse

    measured = Discourse().measure(parse(text))
    assert (measured[feature].value > 0) == fires
    assert bool(measured[feature].evidence) == fires


@pytest.mark.parametrize("text, fires", [
    ("Experts say the tariff could hurt exporters. " * 5, True),
    ("According to some analysts, the deal may stall. " * 5, True),
    ("Critics have argued that the plan is too costly. " * 5, True),
    ("The minister said the tariff would take effect on Monday. " * 5, False),
    ("Some 40 experts attended the summit in Geneva. " * 5, False),
])
def test_sourcing_counts_unnamed_groups_as_sources(text, fires):
    from reliability.features.sourcing import Sourcing

    measured = Sourcing().measure(parse(text))
    assert (measured["unnamed_attributions_per_1k"].value > 0) == fires
    assert bool(measured["unnamed_attributions_per_1k"].evidence) == fires


def test_sourcing_share_falls_as_named_attributions_rise():
    from reliability.features.sourcing import Sourcing

    vague = "Experts say the plan will fail. Officials believe costs will rise. " * 3
    named = vague + "Anna Berg said the vote was close. Tom Ruiz told reporters it was late. " * 3
    share = [Sourcing().measure(parse(t))["unnamed_attribution_share"].value for t in (vague, named)]
    assert 0 < share[1] < share[0] < 1


def test_trigram_lm_reports_its_pruned_size():
    from reliability.features.ngram_lm import WordTrigramLM

    small = WordTrigramLM(min_count=2).fit(HUMAN_NEWS).size_report()
    loose = WordTrigramLM(min_count=1).fit(HUMAN_NEWS).size_report()
    assert 0 < small["trigrams"] < loose["trigrams"]
    assert 0 < small["table_bytes"] < loose["table_bytes"]


_OLD_IMAGE_NAME = re.compile(r"(?:\b[\w-]+\.(?:jpe?g|png|gif|webp|tiff?)\b|\b\d{2,4}x\d{2,4}p?\b)",
                             re.I)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["ab", "Q", "-", "--", "_", ".", ".jpg", ".PNG", " ", "9", "123x45",
                                  "x", "é"]), max_size=14).map("".join))
def test_image_names_are_found_as_the_word_boundary_pattern_found_them(line):
    """The linear-time pattern finds a name in a line exactly when `\\b[\\w-]+\\.jpg` did, and
    the same first one; later matches differ only in runs of extensions ("a.jpg-.jpg.jpg")."""
    from reliability.features.boilerplate import _IMAGE_NAME

    new = [t.lstrip("-") for t in _IMAGE_NAME.found(line)]
    old = _OLD_IMAGE_NAME.findall(line)
    assert new[:1] == old[:1]


def test_absurd_numbers_and_hyphen_runs_are_scored_not_raised():
    from reliability import Scorer

    scorer = Scorer.load()
    for text in ("On March 3, 2020, " + "9" * 4301 + " days after the visit. " * 20,
                 "On March 3, 2020, " + "9" * 309 + " months after the visit. " * 20,
                 "-".join(["ab"] * 20000) + " word" * 60):
        assert 0 <= scorer.score(text).score <= 100


def test_words_that_begin_like_a_month_are_not_months():
    from reliability.features.date_consistency import find_dates

    assert find_dates("After 3 decades, 2019 was the year of the visit.") == []
    assert find_dates("The Mayor 12, 2020 visit went ahead.") == []
    assert [d.month for d, _, _ in find_dates("On 3 Dec. 2019 and Sept 5, 2018.")] == [12, 9]

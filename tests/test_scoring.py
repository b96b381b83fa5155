import pytest
from hypothesis import given, settings, strategies as st

from conftest import GOOD, PADDED
from reliability import Scorer, score_text


@pytest.fixture(scope="module")
def scorer():
    return Scorer.load()


@settings(max_examples=60, deadline=None)
@given(st.text(max_size=2000))
def test_any_text_scores_in_range(scorer, text):
    result = scorer.score(text)
    assert 0.0 <= result.score <= 100.0
    assert result.verdict in ("reliable", "review", "unreliable", "too-short")


def test_contributions_explain_the_score(scorer):
    result = scorer.score(PADDED * 2)
    assert result.signals[0].contribution >= result.signals[-1].contribution
    assert result.reasons()


def test_score_text_matches_scorer(scorer):
    assert score_text(GOOD).score == scorer.score(GOOD).score

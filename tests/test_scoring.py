import numpy as np
import pytest
from hypothesis import given, settings, strategies as st

from conftest import GOOD, PADDED, WIRE
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


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(st.floats(-5, 5), st.floats(-3, 3), st.booleans()), max_size=40),
       st.integers(0, 15))
def test_ranked_signals_read_like_the_tuple_they_stand_for(rows, n):
    """Built lazily, the signals equal the eagerly built tuple, strongest push first; `shown`
    picks what `shown_signals` picks from that tuple; a pickle holds a plain tuple."""
    import pickle

    import numpy as np

    from reliability.features.base import Evidence
    from reliability.scoring import RankedSignals, Signal, _shown, shown_signals

    names = [f"f{i}" for i in range(len(rows))]
    values = [v for v, _, _ in rows]
    pushes = np.asarray([p for _, p, _ in rows], dtype=np.float64)
    evidence = [(Evidence("line"),) if e else () for _, _, e in rows]
    order = np.argsort(-pushes, kind="stable").tolist()
    eager = tuple(Signal(names[i], values[i], float(pushes[i]), evidence[i]) for i in order)
    lazy = RankedSignals(names, values, pushes, evidence, order)
    assert shown_signals(lazy, n) == _shown(eager, n)
    assert len(lazy) == len(eager) and lazy == eager and list(lazy) == list(eager)
    assert lazy[:n] == eager[:n]
    assert pickle.loads(pickle.dumps(lazy)) == eager
    assert shown_signals(lazy, n) == _shown(eager, n)  # after the full tuple was built


def test_score_many_takes_any_iterable_and_checks_its_ids():
    scorer = Scorer.load()
    texts = [WIRE, PADDED, WIRE * 2]
    expected = [r.score for r in scorer.score_many(texts)]
    assert [r.score for r in scorer.score_many(t for t in texts)] == expected
    with pytest.raises(ValueError, match="1 ids for 3 texts"):
        scorer.score_many(texts, ["a"])
    with pytest.raises(TypeError):
        scorer.score_many("one text")
    with pytest.raises(TypeError, match="position 1"):
        scorer.score_many([WIRE, None])
    assert [r.id for r in scorer.score_many(texts, range(3))] == ["0", "1", "2"]


def test_score_many_reads_a_pandas_series_by_position_whatever_its_index():
    pd = pytest.importorskip("pandas")
    scorer = Scorer.load()
    texts = [WIRE, PADDED] * 20
    series = pd.Series(texts, index=np.random.default_rng(0).permutation(40) * 10.0)
    assert [r.score for r in scorer.score_many(series)] == \
        [r.score for r in scorer.score_many(texts)]


def test_ranked_signals_add_multiply_and_order_like_a_tuple():
    signals = Scorer.load().score(WIRE).signals
    plain = tuple(signals)
    assert signals + () == plain and () + signals == plain and signals * 2 == plain * 2
    assert signals == plain and signals != list(plain)
    assert (signals <= plain) and not (signals < plain)

"""Batches and worker processes change how fast articles are scored, never what comes out."""
import subprocess
import sys

import pytest
from hypothesis import given, settings, strategies as st
from typer.testing import CliRunner

from conftest import PADDED, WIRE
from reliability import Scorer
from reliability.batching import score_items
from reliability.cli import app
from reliability.inputs import Item


@pytest.fixture(scope="module")
def scorer():
    return Scorer.load()


@settings(max_examples=15, deadline=None)
@given(st.lists(st.sampled_from([PADDED, WIRE, WIRE * 3, "Too short.", "Ünïcode “quotes” — dash."])
                | st.text(max_size=300), min_size=1, max_size=5))
def test_a_batch_scores_each_text_as_alone(scorer, texts):
    batch = scorer.score_many(texts, [str(i) for i in range(len(texts))])
    alone = [scorer.score(text, id=str(i)) for i, text in enumerate(texts)]
    assert [r.to_dict(max_signals=None) for r in batch] == [r.to_dict(max_signals=None) for r in alone]


def test_chunks_measured_signal_by_signal_match_texts_scored_alone(scorer, monkeypatch):
    from reliability import scoring

    monkeypatch.setattr(scoring, "MEASURE_CHUNK", 2)  # five texts cross two chunk boundaries
    texts = [PADDED, WIRE, "Too short.", WIRE * 3, PADDED + "\n\n" + WIRE]
    batch = scorer.score_many(texts, list("abcde"))
    alone = [scorer.score(text, id=i) for i, text in zip("abcde", texts)]
    assert [r.to_dict(max_signals=None) for r in batch] == [r.to_dict(max_signals=None) for r in alone]
    assert len({r.score for r in batch}) > 2


def test_error_items_keep_their_place_across_batches(scorer):
    items = [Item("a", WIRE), Item("bad1", error="unreadable"), Item("b", PADDED),
             Item("c", WIRE * 2), Item("bad2", error="empty"), Item("d", PADDED * 2)]
    results = list(score_items(items, scorer, batch=2))
    assert [r.id for r in results] == ["a", "bad1", "b", "c", "bad2", "d"]
    assert [r.verdict for r in results if r.error] == ["error", "error"]
    assert results[0].score == scorer.score(WIRE).score


def test_jobs_2_prints_what_one_process_prints(seed_files, tmp_path):
    missing = str(tmp_path / "missing.txt")
    paths = [str(seed_files[0]), missing] + [str(f) for f in seed_files[1:]]
    one = CliRunner().invoke(app, ["score", *paths, "-f", "jsonl"])
    two = CliRunner().invoke(app, ["score", *paths, "-f", "jsonl", "--jobs", "2"])
    assert one.exit_code == two.exit_code == 2
    assert one.stdout == two.stdout and missing in two.stdout


HEAVY = ("textstat", "nltk", "pandas", "scipy", "sklearn", "wordfreq", "ftfy", "pyspark")


@pytest.mark.parametrize("args", [["--help"], ["score", "--help"], ["filter", "--help"]])
def test_help_imports_nothing_heavy(args):
    code = ("import sys\nfrom reliability.cli import app\ntry:\n    app(%r)\nexcept SystemExit:\n"
            "    pass\nprint(' '.join(sorted({m.split('.')[0] for m in sys.modules})))" % args)
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    loaded = set(proc.stdout.splitlines()[-1].split())
    assert "typer" in loaded, proc.stderr
    assert not loaded & set(HEAVY)


def test_an_error_reading_the_input_is_raised_with_jobs_2_not_swallowed(scorer):
    def items():
        yield Item("0", WIRE)
        raise RuntimeError("the input broke")  # inside the first batch, before any task runs

    with pytest.raises(RuntimeError, match="the input broke"):
        list(score_items(items(), scorer, jobs=2, batch=2))

"""The scikit-learn-free cached copy of the model scores exactly as the unpickled model does."""
import json
import subprocess
import sys

import pytest

from conftest import PADDED, WIRE
from reliability import Scorer
from reliability.model import checked_model_file
from reliability.model_cache import cache_file, from_pipeline


@pytest.fixture
def cache(tmp_path, monkeypatch):
    monkeypatch.setenv("RELIABILITY_CACHE", str(tmp_path))
    return tmp_path


def results(scorer, texts):
    return [r.to_dict(max_signals=None) for r in scorer.score_many(texts)]


def test_second_load_uses_the_copy_and_scores_the_same(cache, seed_files):
    texts = [PADDED, WIRE * 2, ""] + [f.read_text(encoding="utf-8") for f in seed_files]
    unpickled = Scorer.load()
    assert unpickled._model is not None and cache_file(checked_model_file()[1]).exists()
    copy = Scorer.load()
    assert copy._model is None  # no unpickling, no scikit-learn
    assert results(copy, texts) == results(unpickled, texts)
    assert copy.model.feature_names == unpickled.model.feature_names  # full model on demand


def test_a_damaged_copy_is_ignored(cache):
    Scorer.load()
    cache_file(checked_model_file()[1]).write_bytes(b"not an npz file")
    scorer = Scorer.load()
    assert scorer._model is not None
    assert results(scorer, [PADDED]) == results(Scorer.load(), [PADDED])


def test_an_unknown_pipeline_shape_is_not_copied():
    from sklearn.base import clone

    pipeline = Scorer.load().model.pipeline
    assert from_pipeline(pipeline) is not None
    assert from_pipeline(clone(pipeline).set_params(model__scale__with_mean=False)) is None


def test_a_cached_verdict_imports_no_scikit_learn(cache, seed_files):
    Scorer.load()
    code = ("import sys, json\nfrom reliability import Scorer\nr = Scorer.load().score(sys.stdin.read())\n"
            "print(json.dumps([r.score, sorted({m.split('.')[0] for m in sys.modules})]))")
    proc = subprocess.run([sys.executable, "-c", code], input=seed_files[0].read_text(encoding="utf-8"),
                          capture_output=True, text=True, timeout=120)
    score, modules = json.loads(proc.stdout)
    assert score == Scorer.load().score(seed_files[0].read_text(encoding="utf-8")).score
    assert not {"sklearn", "scipy", "pandas", "textstat"} & set(modules)


def test_scoring_works_without_a_usable_cache_folder(tmp_path, monkeypatch):
    blocked = tmp_path / "a-file"
    blocked.write_text("not a folder")
    monkeypatch.setenv("RELIABILITY_CACHE", str(blocked / "cache"))
    assert Scorer.load().score(WIRE * 2).verdict in ("reliable", "review", "unreliable")

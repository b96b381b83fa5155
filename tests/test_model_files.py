"""Model files are code: hashes are checked, and training never leaves a half-written model."""
import json
import signal
import subprocess
import sys

from conftest import labelled_rows
from reliability.corpus import sha256_file
from reliability.model import load_model

DIE_WHILE_WRITING = """
import os, signal, sys
import joblib
def dying_dump(obj, filename, **kwargs):
    with open(filename, "wb") as handle:
        handle.write(b"half a model")
    os.kill(os.getpid(), signal.SIGKILL)
joblib.dump = dying_dump
from reliability.cli import app
app(["train", "--data", sys.argv[1], "--out", sys.argv[2], "--quiet"])
"""


def _labelled(tmp_path):
    rows = labelled_rows()
    path = tmp_path / "data.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in rows), encoding="utf-8")
    return path


def test_killed_training_keeps_previous_model(tmp_path):
    data, out = _labelled(tmp_path), tmp_path / "model.joblib"
    first = subprocess.run([sys.executable, "-m", "reliability", "train", "--data", str(data),
                            "--out", str(out), "--quiet"], capture_output=True, text=True)
    assert first.returncode == 0, first.stderr
    before = sha256_file(out)
    killed = subprocess.run([sys.executable, "-c", DIE_WHILE_WRITING, str(data), str(out)],
                            capture_output=True, text=True)
    assert killed.returncode == -signal.SIGKILL
    assert sha256_file(out) == before
    assert load_model(out, trust=True).pipeline is not None


def test_shipped_model_matches_its_card():
    model = load_model()
    assert model.card["model_sha256"] == sha256_file(__import__("reliability.model", fromlist=["x"]).default_model_path())

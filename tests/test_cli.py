"""The CLI through typer's runner: formats, stdin, JSONL input, exit codes, bad input."""
import json
import os

import pytest
from typer.testing import CliRunner

from conftest import GOOD, PADDED, WIRE, labelled_rows
from reliability.cli import app

runner = CliRunner()


def run(*args, input=None):
    return runner.invoke(app, list(args), input=input)


@pytest.fixture
def articles(tmp_path):
    (tmp_path / "good.txt").write_text(GOOD, encoding="utf-8")
    (tmp_path / "padded.md").write_text(PADDED * 2, encoding="utf-8")
    return tmp_path


def test_help_lists_every_command():
    result = run("--help")
    assert result.exit_code == 0
    for command in ("score", "filter", "train", "evaluate"):
        assert command in result.output
        assert "Example" in run(command, "--help").output


@pytest.mark.parametrize("fmt", ["jsonl", "json", "csv", "table"])
def test_score_formats(articles, fmt):
    result = run("score", str(articles), "-f", fmt)
    assert result.exit_code == 0, result.output
    assert "good.txt" in result.output and "padded.md" in result.output


def test_score_jsonl_contract(articles):
    result = run("score", str(articles), "-f", "jsonl")
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(rows) == 2
    for row in rows:
        assert 0 <= row["score"] <= 100
        assert row["verdict"] in ("reliable", "review", "unreliable", "too-short")
        assert {"name", "value", "evidence"} <= set(row["signals"][0])
    by_id = {os.path.basename(r["id"]): r for r in rows}
    assert by_id["padded.md"]["score"] < by_id["good.txt"]["score"]


def test_score_stdin():
    result = run("score", "-", "-f", "jsonl", input=GOOD)
    row = json.loads(result.stdout)
    assert result.exit_code == 0 and row["id"] == "-"


def test_score_jsonl_input_ids_and_errors(write_jsonl):
    path = write_jsonl([{"id": "a1", "text": GOOD}, {"text": PADDED * 2}])
    with open(path, "a", encoding="utf-8") as handle:
        handle.write("{not json\n")
        handle.write(json.dumps({"id": "n", "text": 5}) + "\n")
        handle.write(json.dumps({"id": "m"}) + "\n")
    result = run("score", str(path), "-f", "jsonl")
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r["id"] for r in rows] == ["a1", f"{path}:2", f"{path}:3", "n", f"{path}:5"]
    assert [("error" in r) for r in rows] == [False, False, True, True, True]
    assert result.exit_code == 2
    assert "Traceback" not in result.output


def test_filter_exit_codes(articles, tmp_path):
    assert run("filter", str(articles / "good.txt")).exit_code == 0
    failed = run("filter", str(articles / "padded.md"))
    assert failed.exit_code == 1
    assert "FAIL" in failed.output and "padded.md" in failed.output
    assert run("filter", str(tmp_path / "missing.txt")).exit_code == 2


def test_short_texts_pass_filter_unless_strict(tmp_path):
    short = tmp_path / "short.txt"
    short.write_text("Parliament voted on Tuesday.", encoding="utf-8")
    row = json.loads(run("score", str(short), "-f", "jsonl").stdout)
    assert row["verdict"] == "too-short"
    assert run("filter", str(short)).exit_code == 0
    assert run("filter", str(short), "--strict").exit_code == 1


@pytest.mark.parametrize("content", [b"", b"   \n\t ", b"\x89PNG\r\n\x1a\n\x00\x00IHDR\x00", b"nul\x00bytes"])
def test_bad_files_are_reported_and_batch_continues(tmp_path, content):
    (tmp_path / "bad.txt").write_bytes(content)
    (tmp_path / "good.txt").write_text(GOOD, encoding="utf-8")
    result = run("score", str(tmp_path), "-f", "jsonl")
    rows = {os.path.basename(r["id"]): r for r in map(json.loads, result.stdout.splitlines())}
    assert "error" in rows["bad.txt"] and rows["good.txt"]["score"] is not None
    assert result.exit_code == 2
    assert "Traceback" not in result.output


def test_size_limit_refuses_large_input(tmp_path):
    big = tmp_path / "big.txt"
    big.write_text("word " * 5000, encoding="utf-8")
    result = run("score", str(big), "--max-chars", "1000", "-f", "jsonl")
    assert result.exit_code == 2
    assert "too large" in json.loads(result.stdout)["error"]


def test_unknown_model_hash_is_refused(tmp_path):
    fake = tmp_path / "model.joblib"
    fake.write_bytes(b"not a model")
    result = run("score", "-", "--model", str(fake), input=WIRE)
    assert result.exit_code == 2
    assert "refusing" in result.output


def test_evaluate_reports_per_generator(write_jsonl):
    rows = [{"text": GOOD, "label": "human", "generator": "human"},
            {"text": WIRE + "\nThe council met again on Friday.", "label": "human", "generator": "human"},
            {"text": PADDED * 2, "label": "machine", "generator": "gen-a"},
            {"text": PADDED, "label": "machine", "generator": "gen-b"}]
    result = run("evaluate", "--data", str(write_jsonl(rows)), "-f", "json")
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert report["clean"]["overall"]["auroc"] == 1.0
    assert set(report["clean"]) == {"overall", "gen-a", "gen-b"}


def test_evaluate_with_attack(write_jsonl):
    rows = [{"text": GOOD, "label": "human"}, {"text": PADDED * 2, "label": "machine"}]
    result = run("evaluate", "--data", str(write_jsonl(rows)), "--attack", "homoglyph", "-f", "json")
    assert result.exit_code == 0, result.output
    assert "attack:homoglyph" in json.loads(result.stdout)


def test_train_on_user_data_then_score_with_it(tmp_path, write_jsonl):
    rows = [dict(r, label={"human": 0, "machine": 1}[r["label"]]) if i % 2 else r
            for i, r in enumerate(labelled_rows())]  # both ways of writing labels
    out = tmp_path / "mine.joblib"
    result = run("train", "--data", str(write_jsonl(rows)), "--out", str(out), "--quiet")
    assert result.exit_code == 0, result.output
    assert out.exists() and (tmp_path / "mine.card.json").exists()
    card = json.loads((tmp_path / "mine.card.json").read_text())
    assert card["cross_validated"]["auroc"] > 0.5
    scored = run("score", "-", "--model", str(out), "--trust-model", "-f", "jsonl", input=PADDED * 2)
    assert scored.exit_code == 0, scored.output


def test_train_rejects_bad_labels(write_jsonl):
    result = run("train", "--data", str(write_jsonl([{"text": "x", "label": "maybe"}])), "--quiet")
    assert result.exit_code == 2
    assert "label" in result.output


def test_encodings_are_decoded(tmp_path):
    (tmp_path / "utf16.txt").write_bytes("\ufeff".encode("utf-16-le") + (WIRE * 2).encode("utf-16-le"))
    (tmp_path / "latin1.txt").write_bytes((WIRE * 2 + " Café société.").encode("latin-1"))
    result = run("score", str(tmp_path), "-f", "jsonl")
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert result.exit_code == 0, result.output
    assert len(rows) == 2 and all(r["score"] is not None for r in rows)


def test_odd_paths_are_reported_one_line_each(tmp_path):
    (tmp_path / "loop_a.txt").symlink_to(tmp_path / "loop_b.txt")
    (tmp_path / "loop_b.txt").symlink_to(tmp_path / "loop_a.txt")
    big = tmp_path / "big.txt"
    with open(big, "wb") as handle:
        handle.truncate(50 * 1024 * 1024)  # 50 MB, refused by size before it is read
    (tmp_path / "good.txt").write_text(GOOD, encoding="utf-8")
    result = run("score", str(tmp_path), str(tmp_path / "missing.txt"), "-f", "jsonl")
    rows = {os.path.basename(r["id"]): r for r in map(json.loads, result.stdout.splitlines())}
    assert "too large" in rows["big.txt"]["error"]
    assert "error" in rows["loop_a.txt"] and "error" in rows["loop_b.txt"]
    assert "no such file" in rows["missing.txt"]["error"]
    assert rows["good.txt"]["score"] is not None
    assert result.exit_code == 2
    assert len(result.stderr.splitlines()) == 4 and "Traceback" not in result.output


@pytest.mark.parametrize("text", ["\U0001F600\U0001F389 \u05e9\u05dc\u05d5\u05dd \u200b\u200b",
                                  "Москва заявила во вторник, что переговоры продолжатся. " * 10,
                                  "word"])
def test_odd_texts_score_without_crashing(text):
    result = run("score", "-", "-f", "jsonl", input=text)
    row = json.loads(result.stdout)
    assert result.exit_code in (0, 2) and "Traceback" not in result.output
    assert ("error" in row) or 0 <= row["score"] <= 100


def _without_root_file_access() -> list[str]:
    """Root reads any file whatever its mode; run the real CLI as root minus the capabilities
    that bypass permissions, so a mode-000 file is unreadable as it would be for a user."""
    if os.geteuid() != 0:
        return []
    import shutil

    setpriv = shutil.which("setpriv")
    assert setpriv, "running as root: setpriv (util-linux) is needed to drop file capabilities"
    caps = "-dac_override,-dac_read_search"
    return [setpriv, f"--bounding-set={caps}", f"--inh-caps={caps}"]


def test_unreadable_file_and_folder_are_reported_and_the_rest_scored(tmp_path):
    import shutil
    import subprocess

    (tmp_path / "good.txt").write_text(GOOD, encoding="utf-8")
    locked = tmp_path / "locked.txt"
    locked.write_text(WIRE, encoding="utf-8")
    closed = tmp_path / "closed"
    closed.mkdir()
    (closed / "inside.txt").write_text(WIRE, encoding="utf-8")
    locked.chmod(0)
    closed.chmod(0)
    try:
        result = subprocess.run(
            _without_root_file_access() + [shutil.which("reliability"), "score", str(tmp_path),
                                           "-f", "jsonl"],
            capture_output=True, text=True, timeout=120)
    finally:
        locked.chmod(0o644)
        closed.chmod(0o755)
    rows = {os.path.basename(r["id"]): r for r in map(json.loads, result.stdout.splitlines())}
    assert "permission denied" in rows["locked.txt"]["error"].lower()
    assert "permission denied" in rows["closed"]["error"].lower()
    assert rows["good.txt"]["score"] is not None
    assert result.returncode == 2
    assert len(result.stderr.splitlines()) == 2 and "Traceback" not in result.stderr

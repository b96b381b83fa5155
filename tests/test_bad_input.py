"""Bad input found by review: each gets a one-line error and exit 2, and the rest of the batch
is still scored; nothing hangs, crashes or passes a gate unchecked."""
import json
import os

import pytest
from typer.testing import CliRunner

from conftest import PADDED, WIRE
from reliability.cli import app
from reliability.inputs import Item, iter_items

runner = CliRunner()


def run(*args, input=None):
    return runner.invoke(app, list(args), input=input)


def test_a_jsonl_line_that_is_not_utf8_is_an_error_row_and_the_rest_is_scored(tmp_path):
    path = tmp_path / "mixed.jsonl"
    path.write_bytes(b'{"id": "a", "text": "caf\xe9 society"}\n'
                     + json.dumps({"id": "b", "text": WIRE}).encode() + b"\n")
    result = run("score", str(path), "-f", "jsonl")
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert result.exit_code == 2
    assert rows[0]["error"] == "bad JSON: not UTF-8 text" and rows[1]["id"] == "b"
    assert rows[1]["score"] is not None


def test_unpaired_surrogates_never_reach_the_output(tmp_path):
    path = tmp_path / "s.jsonl"
    path.write_text(json.dumps({"id": "x\ud800\nnext", "text": WIRE}) + "\n"
                    + json.dumps({"id": "y", "text": "word \udc80 " * 30}) + "\n", encoding="utf-8")
    result = run("score", str(path), "-f", "jsonl")
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r["id"] for r in rows] == ["x\\ud800\\nnext", "y"]
    assert rows[0]["score"] is not None and "surrogates" in rows[1]["error"]
    assert result.exit_code == 2


def test_ids_print_on_one_line():
    assert Item(id="a\nb\tc\ud800").id == "a\\nb\\tc\\ud800"
    assert Item(id="Zoë's file.txt").id == "Zoë's file.txt"


def test_an_empty_path_or_an_empty_folder_fails_the_gate(tmp_path):
    empty = tmp_path / "drafts"
    empty.mkdir()
    for paths in ([""], [str(empty)]):
        result = run("filter", *paths)
        assert result.exit_code == 2, result.output


def test_a_pipe_in_a_folder_is_reported_not_waited_on(tmp_path):
    (tmp_path / "a.txt").write_text(WIRE, encoding="utf-8")
    os.mkfifo(tmp_path / "b.txt")
    items = list(iter_items([str(tmp_path)]))
    assert [i.error for i in items] == [None, "not a regular file"]


def test_reading_is_bounded_for_files_that_do_not_know_their_size():
    item = next(iter_items(["/dev/zero"], max_chars=100))
    assert item.error.startswith("too large (over 400 bytes")


@pytest.mark.parametrize("threshold", ["nan", "-5", "101"])
def test_filter_threshold_must_be_a_score(tmp_path, threshold):
    (tmp_path / "a.txt").write_text(WIRE, encoding="utf-8")
    result = run("filter", str(tmp_path), "--threshold", threshold)
    assert result.exit_code == 2 and "--threshold" in result.output


def test_max_chars_must_be_positive():
    assert run("score", "-", "--max-chars", "-1", input=WIRE).exit_code == 2


def test_evaluate_needs_both_classes_and_a_known_format(write_jsonl):
    one_class = write_jsonl([{"text": WIRE, "label": "human"}, {"text": PADDED, "label": "human"}])
    result = run("evaluate", "--data", str(one_class))
    assert result.exit_code == 2 and "both human and machine" in result.output
    both = write_jsonl([{"text": WIRE, "label": "human"}, {"text": PADDED, "label": "machine"}],
                       name="both.jsonl")
    assert run("evaluate", "--data", str(both), "-f", "csv").exit_code == 2


def test_train_checks_its_paths_before_training(tmp_path, write_jsonl):
    data = write_jsonl([{"text": WIRE, "label": "human"}, {"text": PADDED, "label": "machine"}])
    as_folder = run("train", "--data", str(data), "--out", str(tmp_path), "--quiet")
    assert as_folder.exit_code == 2 and "is a folder" in as_folder.output
    no_dev = run("train", "--data", str(data), "--out", str(tmp_path / "m.joblib"),
                 "--dev-data", str(tmp_path / "missing.jsonl"), "--quiet")
    assert no_dev.exit_code == 2 and "--dev-data" in no_dev.output
    assert not list(tmp_path.glob("*.card.*"))


def test_training_folders_name_the_file_that_cannot_be_used(tmp_path):
    (tmp_path / "human").mkdir()
    (tmp_path / "machine").mkdir()
    (tmp_path / "human" / "a.txt").write_text(WIRE, encoding="utf-8")
    (tmp_path / "machine" / "b.txt").write_bytes(b"\x00\x01binary")
    result = run("train", "--data", str(tmp_path), "--out", str(tmp_path / "m.joblib"), "--quiet")
    assert result.exit_code == 2 and "b.txt" in result.output


def test_empty_training_texts_are_refused_with_their_line(write_jsonl):
    data = write_jsonl([{"text": WIRE, "label": "human"}, {"text": "  ", "label": "machine"}])
    result = run("train", "--data", str(data), "--out", str(data.parent / "m.joblib"), "--quiet")
    assert result.exit_code == 2 and ":2:" in result.output and "empty" in result.output


def test_a_model_that_cannot_load_leaves_stdout_empty(tmp_path):
    result = runner.invoke(app, ["score", str(tmp_path), "--model", str(tmp_path / "none.joblib")])
    assert result.exit_code == 2 and result.stdout == ""


def test_a_jsonl_line_past_the_limit_is_refused_without_being_read_whole(tmp_path):
    path = tmp_path / "big.jsonl"
    path.write_text(json.dumps({"id": "big", "text": "word " * 20000}) + "\n"
                    + json.dumps({"id": "ok", "text": WIRE}) + "\n", encoding="utf-8")
    items = list(iter_items([str(path)], max_chars=1000))
    assert items[0].error.startswith("too large (a line over") and items[0].id.endswith(":1")
    assert items[1].id == "ok" and items[1].error is None

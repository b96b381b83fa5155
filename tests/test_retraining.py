"""Retraining on a user's data, as a data team does it: found by review, each either trains and
writes a sensible card, or refuses in one line with exit 2 before any training."""
import json

import numpy as np
from typer.testing import CliRunner

from conftest import WIRE, labelled_rows
from reliability.cli import app
from reliability.selection import MAX_FOLDS, transfer_folds

runner = CliRunner()


def train(*args):
    return runner.invoke(app, ["train", "--quiet", *args])


def write(path, rows):
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return path


def test_ids_counted_per_file_and_null_ids_train_and_describe_the_users_data(tmp_path):
    rows = labelled_rows()
    humans = write(tmp_path / "h.jsonl", [dict(r, id=i, source=f"outlet{i % 3}")
                                          for i, r in enumerate(rows) if r["label"] == "human"])
    machines = write(tmp_path / "m.jsonl", [dict(r, id=None, generator=None)
                                            for r in rows if r["label"] == "machine"])
    repeated = write(tmp_path / "again.jsonl", rows[:4] + [{"text": "Too short.", "label": "human"}])
    out = tmp_path / "mine.joblib"
    result = train("--data", str(humans), "--data", str(machines), "--data", str(repeated),
                   "--out", str(out))
    assert result.exit_code == 0, result.output
    card = json.loads((tmp_path / "mine.card.json").read_text())
    assert card["default_corpus"] is False
    assert [s["articles"] for s in card["sources"]] == [30, 30, 0]
    assert card["sources"][2]["skipped_repeated_texts"] == 4
    assert card["sources"][2]["skipped_too_short"] == 1
    markdown = (tmp_path / "mine.card.md").read_text()
    assert "# Model card: reliability model" in markdown and "2016-17" not in markdown
    assert "nan" not in markdown.lower().replace("nans", "")
    assert "None" not in json.dumps(card["feature_selection"])


def test_a_text_labelled_both_ways_is_refused(tmp_path):
    rows = labelled_rows()
    data = write(tmp_path / "d.jsonl", rows + [dict(rows[0], label="machine")])
    result = train("--data", str(data), "--out", str(tmp_path / "m.joblib"))
    assert result.exit_code == 2 and "labelled the other way" in result.output


def test_too_little_or_non_english_data_is_refused_saying_what_is_short(tmp_path):
    few = write(tmp_path / "few.jsonl", labelled_rows(per_class=6))
    result = train("--data", str(few), "--out", str(tmp_path / "m.joblib"))
    assert result.exit_code == 2 and "too little data" in result.output
    chinese = "今天市议会批准了新的公园预算，官员表示工程将在五月开始。" * 3
    rows = [{"text": (chinese + f" {i} ") * 20, "label": label}
            for i in range(40) for label in ("human", "machine")]
    result = train("--data", str(write(tmp_path / "zh.jsonl", rows)),
                   "--out", str(tmp_path / "m.joblib"))
    assert result.exit_code == 2 and "English" in result.output


def test_a_bad_dev_set_fails_before_training(tmp_path):
    data = write(tmp_path / "d.jsonl", labelled_rows())
    one_class = write(tmp_path / "dev.jsonl", [{"text": WIRE, "label": "human"}])
    result = train("--data", str(data), "--out", str(tmp_path / "m.joblib"),
                   "--dev-data", str(one_class))
    assert result.exit_code == 2 and "dev set" in result.output
    assert not (tmp_path / "m.joblib").exists()


def test_texts_without_a_source_never_make_a_fold_and_folds_are_capped():
    sources = ["", "", "a", "b", "c", "h1", "h2", ""]
    y = np.array([1, 0, 1, 1, 1, 0, 0, 0])
    folds = transfer_folds(sources, y, always_train=("",))
    assert folds[[0, 1, 7]].tolist() == [-1, -1, -1]
    many = [f"url{i}" for i in range(300)]
    y = np.arange(300) % 2
    assert max(transfer_folds(many, y)) + 1 == MAX_FOLDS


def test_metrics_without_a_value_render_as_na_and_store_as_null(tmp_path):
    from reliability.model import _without_nan
    from reliability.model_card import render_markdown

    card = _without_nan({"held_back": {"metrics": {"n": 5, "auroc": float("nan"),
                                                   "tpr_at_1pct_fpr": float("nan"),
                                                   "tpr_at_5pct_fpr": 0.5}}})
    assert card["held_back"]["metrics"]["auroc"] is None
    json.loads(json.dumps(card), parse_constant=lambda c: (_ for _ in ()).throw(ValueError(c)))
    assert "| held-back stories | 5 | n/a | n/a | 0.500 |" in render_markdown(card)


def test_dev_texts_that_training_also_reads_are_counted_in_the_card(tmp_path):
    rows = labelled_rows()
    data = write(tmp_path / "d.jsonl", rows)
    dev = write(tmp_path / "dev.jsonl", rows[:3] + [{"text": WIRE * 3, "label": "human"}])
    out = tmp_path / "m.joblib"
    assert train("--data", str(data), "--out", str(out), "--dev-data", str(dev)).exit_code == 0
    card = json.loads((tmp_path / "m.card.json").read_text())
    assert card["dev_set"]["texts_also_in_training_data"] == 3
    assert "3 dev texts are also in the training data" in (tmp_path / "m.card.md").read_text()

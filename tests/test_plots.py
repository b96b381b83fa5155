"""`reliability evaluate --plot DIR`: three readable PNGs, and one-line errors."""
import json
import sys

import pytest
from typer.testing import CliRunner

from conftest import GOOD, PADDED, WIRE
from reliability.cli import app
from reliability.plots import PLOT_FILES

runner = CliRunner()
ROWS = [{"text": GOOD, "label": "human"}, {"text": WIRE + "\nThe council met on Friday.", "label": "human"},
        {"text": PADDED * 2, "label": "machine"}, {"text": PADDED, "label": "machine"}]


def test_plots_are_written_as_png(tmp_path, write_jsonl):
    from matplotlib.image import imread

    out = tmp_path / "plots" / "dev"
    result = runner.invoke(app, ["evaluate", "--data", str(write_jsonl(ROWS)), "--plot", str(out), "-f", "json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["plots"] == [str(out / name) for name in PLOT_FILES]
    for name in PLOT_FILES:
        image = imread(out / name)
        assert image.shape[0] > 300 and image.shape[1] > 400
        assert image.std() > 0.05  # not a blank canvas


def test_table_report_names_the_plots(tmp_path, write_jsonl):
    result = runner.invoke(app, ["evaluate", "--data", str(write_jsonl(ROWS)), "--plot", str(tmp_path)])
    assert result.exit_code == 0 and f"plots: {tmp_path / 'roc.png'}" in result.stdout


@pytest.mark.parametrize("rows, plot_dir, message", [
    (ROWS[:2], "plots", "both human and machine"),
    (ROWS, "file.txt/plots", "cannot create plot folder"),
])
def test_plot_errors_are_one_line(tmp_path, write_jsonl, rows, plot_dir, message):
    (tmp_path / "file.txt").write_text("x", encoding="utf-8")
    result = runner.invoke(app, ["evaluate", "--data", str(write_jsonl(rows)), "--plot", str(tmp_path / plot_dir)])
    assert result.exit_code == 2 and message in result.stderr
    assert len(result.stderr.splitlines()) == 1 and "Traceback" not in result.output


def test_missing_plot_extra_is_one_line(tmp_path, write_jsonl, monkeypatch):
    monkeypatch.setitem(sys.modules, "matplotlib", None)
    result = runner.invoke(app, ["evaluate", "--data", str(write_jsonl(ROWS)), "--plot", str(tmp_path)])
    assert result.exit_code == 2 and "pip install 'reliability[plot]'" in result.stderr

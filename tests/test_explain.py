"""`reliability explain`: the terminal report and its JSON carry the same verdict and evidence."""
import json

import pytest
from typer.testing import CliRunner

from conftest import GOOD, PADDED, WIRE
from reliability import score_text
from reliability.cli import app
from reliability.explanation import explanation

runner = CliRunner()


@pytest.fixture
def padded(tmp_path):
    path = tmp_path / "padded.txt"
    path.write_text(PADDED * 2, encoding="utf-8")
    return path


def test_json_has_score_weights_and_numbered_evidence(padded):
    result = runner.invoke(app, ["explain", str(padded), "-f", "json"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert report["score"] == score_text(PADDED * 2).score and report["verdict"] == "unreliable"
    names = [s["name"] for s in report["signals"]]
    assert "boilerplate.page_chrome_lines" in names and "template_headings.heading_lines" in names
    chrome = report["signals"][names.index("boilerplate.page_chrome_lines")]
    assert {"line": 20, "text": "Share this"} in chrome["evidence"]
    assert all(0 <= s["share"] <= 1 for s in report["signals"])
    assert sum(g["share"] for g in report["groups"]) <= 1.0001


def test_table_shows_the_same_verdict_and_lines(padded):
    report = json.loads(runner.invoke(app, ["explain", str(padded), "-f", "json"]).stdout)
    table = runner.invoke(app, ["explain", str(padded)], env={"COLUMNS": "120"})
    assert table.exit_code == 0, table.output
    assert f"score {report['score']:.1f}" in table.stdout and "unreliable" in table.stdout
    assert "line  20  Share this" in table.stdout
    for signal in report["signals"]:
        assert signal["name"] in table.stdout


@pytest.mark.parametrize("top, expected", [(0, "all"), (1, None)])
def test_top_limits_signals_but_keeps_evidence(top, expected):
    result = score_text(GOOD)
    report = explanation(result, top=top)
    if expected:
        assert len(report["signals"]) == len(result.signals) > 200
    else:
        assert all(s["evidence"] for s in report["signals"][1:])


def test_explain_stdin_and_errors(tmp_path):
    assert runner.invoke(app, ["explain", "-", "-f", "json"], input=GOOD).exit_code == 0
    (tmp_path / "a.txt").write_text(WIRE, encoding="utf-8")
    (tmp_path / "b.txt").write_text(WIRE, encoding="utf-8")
    for args in (["explain", str(tmp_path)], ["explain", str(tmp_path / "missing.txt")],
                 ["explain", str(tmp_path / "a.txt"), "-f", "csv"]):
        result = runner.invoke(app, args)
        assert result.exit_code == 2 and len(result.stderr.splitlines()) == 1
        assert "Traceback" not in result.output

"""The five seed articles, scored with the shipped model: a smoke test of the whole product."""

import pytest

from reliability.scoring import Scorer


@pytest.fixture(scope="module")
def seed_results(seed_files):
    scorer = Scorer.load()
    return {f.name[:3]: scorer.score(f.read_text(encoding="utf-8"), id=f.name) for f in seed_files}


def test_seed_ordering(seed_results):
    s = {k: r.score for k, r in seed_results.items()}
    assert s["000"] < 30
    assert s["001"] >= 70 and s["003"] >= 70
    assert s["004"] >= 50
    assert s["002"] < s["001"] and s["002"] < s["003"]


def test_padded_seed_explains_itself(seed_results):
    signals = {sig.name: sig for sig in seed_results["000"].signals}
    for name in ("template_headings.repeated_title_lines", "template_headings.heading_lines",
                 "date_consistency.conflicting_event_dates",
                 "name_drift.surnames_with_several_first_names", "boilerplate.link_placeholders"):
        assert signals[name].value > 0, name
        assert any(e.line for e in signals[name].evidence), name


def test_printed_result_shows_every_red_flag_with_lines(seed_files):
    """The CLI's JSON shows the strongest pushes and, besides them, every signal that fired with
    evidence, so the name drift is shown even where the model gives it no weight."""
    import json

    from typer.testing import CliRunner

    from reliability.cli import app

    padded = next(f for f in seed_files if f.name.startswith("000"))
    out = CliRunner().invoke(app, ["score", str(padded), "-f", "jsonl"])
    shown = {s["name"]: s for s in json.loads(out.stdout.splitlines()[0])["signals"]}
    for name in ("template_headings.repeated_title_lines", "date_consistency.conflicting_event_dates",
                 "name_drift.surnames_with_several_first_names", "boilerplate.link_placeholders"):
        assert shown[name]["evidence"] and shown[name]["evidence"][0]["line"], name

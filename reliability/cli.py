"""The `reliability` command: a thin layer over the Python API.

Results go to stdout, diagnostics to stderr. Exit codes: 0 all good, 1 the filter flagged an
article, 2 a usage error or an article that could not be read. Heavy imports happen inside the
commands, so `--help` starts at once.
"""
from __future__ import annotations

import sys
from enum import Enum
from pathlib import Path
from typing import List, Optional

import typer

from reliability.errors import ReliabilityError
from reliability.inputs import DEFAULT_MAX_CHARS

app = typer.Typer(add_completion=False, no_args_is_help=True,
                  help="Score news articles for reliability (0-100, higher = more reliable).")

EXIT_OK, EXIT_FLAGGED, EXIT_ERROR = 0, 1, 2


class Format(str, Enum):
    table = "table"
    json = "json"
    jsonl = "jsonl"
    csv = "csv"


def _fail(message: str, code: int = EXIT_ERROR) -> typer.Exit:
    typer.echo(f"reliability: error: {message}", err=True)
    return typer.Exit(code)


def _scorer(model: Optional[Path], trust: bool):
    from reliability.scoring import Scorer

    try:
        return Scorer.load(model, trust=trust)
    except ReliabilityError as exc:
        raise _fail(str(exc))


def _results(paths: List[str], model, trust, max_chars, jobs: int = 1):
    """Score every readable article; unreadable ones come back as error results."""
    from reliability.batching import score_items
    from reliability.inputs import iter_items

    scorer = _scorer(model, trust)
    items = iter_items(paths, max_chars=max_chars)
    for result in score_items(items, scorer, jobs=jobs, model=model, trust=trust):
        if result.error:
            typer.echo(f"reliability: {result.id}: {result.error}", err=True)
        yield result


ModelOpt = typer.Option(None, "--model", help="Model file (default: the shipped model).")
TrustOpt = typer.Option(False, "--trust-model",
                        help="Load a model file whose hash matches no shipped card (runs its pickle).")
MaxCharsOpt = typer.Option(DEFAULT_MAX_CHARS, "--max-chars",
                           help="Refuse articles longer than this many characters.")
JobsOpt = typer.Option(1, "--jobs", "-j", min=1,
                       help="Score on this many processes (same output order).")


@app.command()
def score(
    paths: List[str] = typer.Argument(..., help="Files, folders (recursive), .jsonl files, or - for stdin."),
    fmt: Format = typer.Option(Format.table, "-f", "--format", help="Output format."),
    model: Optional[Path] = ModelOpt,
    trust_model: bool = TrustOpt,
    max_chars: int = MaxCharsOpt,
    jobs: int = JobsOpt,
) -> None:
    """Score articles; print one record per article.

    Example: reliability score seeds/ -f jsonl --jobs 2
    """
    from reliability.output import write_results

    failed = write_results(_results(paths, model, trust_model, max_chars, jobs), fmt.value,
                           sys.stdout)
    raise typer.Exit(EXIT_ERROR if failed else EXIT_OK)


@app.command(name="filter")
def filter_(
    paths: List[str] = typer.Argument(..., help="Files, folders, .jsonl files, or - for stdin."),
    threshold: float = typer.Option(50.0, "--threshold", help="Articles scoring below this fail."),
    strict: bool = typer.Option(False, "--strict", help="Fail texts too short to judge."),
    model: Optional[Path] = ModelOpt,
    trust_model: bool = TrustOpt,
    max_chars: int = MaxCharsOpt,
    jobs: int = JobsOpt,
) -> None:
    """Pre-publish gate: list failing articles with their top reasons.

    Exit 0 when all pass, 1 when any fails, 2 on a usage or input error.

    Example: reliability filter drafts/ --threshold 60
    """
    flagged = errors = 0
    for result in _results(paths, model, trust_model, max_chars, jobs):
        if result.error:
            errors += 1
            continue
        too_short = result.verdict == "too-short"
        if (too_short and strict) or (not too_short and result.score < threshold):
            flagged += 1
            typer.echo(f"FAIL {result.id}  score={result.score:.1f}  verdict={result.verdict}")
            for reason in result.reasons():
                typer.echo(f"     - {reason}")
    if errors:
        raise typer.Exit(EXIT_ERROR)
    raise typer.Exit(EXIT_FLAGGED if flagged else EXIT_OK)


@app.command()
def train(
    data: Optional[List[Path]] = typer.Option(None, "--data", help="Labelled JSONL or label-named folders (repeatable). Default: the project's corpus."),
    out: Optional[Path] = typer.Option(None, "--out", help="Where to write the model (default: the shipped model's path)."),
    dev_data: Optional[Path] = typer.Option(None, "--dev-data", help="Labelled JSONL measured after training and recorded in the card (never trained on)."),
    quiet: bool = typer.Option(False, "--quiet", help="No progress bar."),
) -> None:
    """Train a model, print cross-validated metrics, write model + card atomically.

    Example: reliability train --data my_labelled.jsonl --out my_model.joblib
    """
    from reliability.model import default_model_path
    from reliability.progress import progress_bar
    from reliability.training_cli import run_training

    target = out or default_model_path()
    try:
        with progress_bar(enabled=not quiet) as progress:
            card = run_training(data or [], target, dev_data, progress)
    except ReliabilityError as exc:
        raise _fail(str(exc))
    cv = card.get("cross_validated", {})
    typer.echo(f"wrote {target}")
    typer.echo("cross-validated: " + ", ".join(f"{k}={v:.4f}" for k, v in cv.items()
                                               if isinstance(v, float)))


@app.command()
def evaluate(
    data: Path = typer.Option(..., "--data", help="Labelled JSONL (`text`, `label`, optional `generator`)."),
    model: Optional[Path] = ModelOpt,
    trust_model: bool = TrustOpt,
    fmt: Format = typer.Option(Format.table, "-f", "--format", help="table or json."),
    attack: Optional[List[str]] = typer.Option(None, "--attack", help="Apply an evasion attack first (repeatable; 'all')."),
) -> None:
    """AUROC (machine = positive), TPR at 1% and 5% FPR, confusion at the verdict thresholds,
    per generator.

    Example: reliability evaluate --data labelled.jsonl -f json
    """
    from reliability.evaluation import evaluate_file, render_report

    scorer = _scorer(model, trust_model)
    try:
        report = evaluate_file(scorer, data, attack or [])
    except ReliabilityError as exc:
        raise _fail(str(exc))
    typer.echo(render_report(report, fmt.value))


def main() -> None:  # pragma: no cover - console entry point alias
    app()

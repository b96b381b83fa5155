"""The `reliability` command: a thin layer over the Python API.

Results go to stdout, diagnostics to stderr. Exit codes: 0 all good, 1 the filter flagged an
article, 2 a usage error or an article that could not be read. Heavy imports happen inside the
commands, so `--help` starts at once.
"""
from __future__ import annotations

import json
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


def _results(paths: List[str], model, trust, max_chars, html_stdin: bool = False, jobs: int = 1):
    """Score every readable article; unreadable ones come back as error results. The model
    loads here, before any output starts, so a model error leaves stdout empty."""
    from reliability.batching import score_items
    from reliability.inputs import iter_items

    scorer = _scorer(model, trust)
    items = iter_items(paths, max_chars=max_chars, html_stdin=html_stdin)
    return _reported(score_items(items, scorer, jobs=jobs, model=model, trust=trust))


def _reported(results):
    for result in results:
        if result.error:
            typer.echo(f"reliability: {result.id}: {result.error}", err=True)
        yield result


ModelOpt = typer.Option(None, "--model", help="Model file (default: the shipped model).")
TrustOpt = typer.Option(False, "--trust-model",
                        help="Load a model file whose hash matches no shipped card (runs its pickle).")
MaxCharsOpt = typer.Option(DEFAULT_MAX_CHARS, "--max-chars", min=1,
                           help="Refuse articles longer than this many characters.")
QuietOpt = typer.Option(False, "--quiet", help="No progress display (shown on a terminal's stderr "
                                                "for batches of over 200 articles).")
HtmlOpt = typer.Option(False, "--html", help="Read stdin (-) as an HTML page (needs the html extra); "
                                             ".html/.htm files always are.")
JobsOpt = typer.Option(1, "--jobs", "-j", min=1,
                       help="Score on this many processes (same output order).")


@app.command()
def score(
    paths: List[str] = typer.Argument(..., help="Files, folders (recursive), .jsonl files, or - for stdin."),
    fmt: Format = typer.Option(Format.table, "-f", "--format", help="Output format."),
    model: Optional[Path] = ModelOpt,
    trust_model: bool = TrustOpt,
    max_chars: int = MaxCharsOpt,
    html: bool = HtmlOpt,
    quiet: bool = QuietOpt,
    jobs: int = JobsOpt,
) -> None:
    """Score articles; print one record per article.

    Example: reliability score seeds/ -f jsonl --jobs 2
    """
    from reliability.output import write_results
    from reliability.progress import counted

    results = counted(_results(paths, model, trust_model, max_chars, html, jobs), "scoring",
                      not quiet)
    failed = write_results(results, fmt.value, sys.stdout)
    raise typer.Exit(EXIT_ERROR if failed else EXIT_OK)


@app.command(name="filter")
def filter_(
    paths: List[str] = typer.Argument(..., help="Files, folders, .jsonl files, or - for stdin."),
    threshold: float = typer.Option(50.0, "--threshold", help="Articles scoring below this fail (0-100)."),
    strict: bool = typer.Option(False, "--strict", help="Fail texts too short to judge."),
    model: Optional[Path] = ModelOpt,
    trust_model: bool = TrustOpt,
    max_chars: int = MaxCharsOpt,
    html: bool = HtmlOpt,
    quiet: bool = QuietOpt,
    jobs: int = JobsOpt,
) -> None:
    """Pre-publish gate: list failing articles with their top reasons.

    Exit 0 when all pass, 1 when any fails, 2 on a usage or input error.

    Example: reliability filter drafts/ --threshold 60
    """
    from reliability.progress import counted

    if not 0.0 <= threshold <= 100.0:  # also refuses nan, which every comparison would pass
        raise _fail(f"--threshold must be a score from 0 to 100, not {threshold}")
    flagged = errors = 0
    for result in counted(_results(paths, model, trust_model, max_chars, html, jobs), "checking",
                          not quiet):
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
    machine_prior: float = typer.Option(0.3, "--machine-prior", min=0.01, max=0.99, help="Share of machine-written text expected before reading; scores are reported at this prior."),
    quiet: bool = typer.Option(False, "--quiet", help="No progress bar."),
) -> None:
    """Train a model, print cross-validated metrics, write model + card atomically.

    Example: reliability train --data my_labelled.jsonl --out my_model.joblib
    """
    from reliability.model import default_model_path
    from reliability.progress import progress_bar
    from reliability.training_cli import run_training

    target = out or default_model_path()
    if dev_data is not None and not dev_data.is_file():
        raise _fail(f"{dev_data}: no such file (--dev-data)")
    _check_writable(target)
    try:
        with progress_bar(enabled=not quiet) as progress:
            card = run_training(data or [], target, dev_data, progress, machine_prior)
    except ReliabilityError as exc:
        raise _fail(str(exc))
    cv = card.get("cross_validated", {})
    typer.echo(f"wrote {target}")
    typer.echo("cross-validated: " + ", ".join(f"{k}={v:.4f}" for k, v in cv.items()
                                               if isinstance(v, float)))


def _check_writable(target: Path) -> None:
    """Fail before minutes of training, not after, when the model cannot be written."""
    import tempfile

    if target.is_dir():
        raise _fail(f"{target}: is a folder; --out takes a model file path")
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        tempfile.TemporaryFile(dir=target.parent).close()
    except OSError as exc:
        raise _fail(f"{target}: cannot write there: {exc.strerror or exc}")


@app.command()
def evaluate(
    data: Path = typer.Option(..., "--data", help="Labelled JSONL (`text`, `label`, optional `generator`)."),
    model: Optional[Path] = ModelOpt,
    trust_model: bool = TrustOpt,
    fmt: Format = typer.Option(Format.table, "-f", "--format", help="table or json."),
    attack: Optional[List[str]] = typer.Option(None, "--attack", help="Apply an evasion attack first (repeatable; 'all')."),
    plot: Optional[Path] = typer.Option(None, "--plot", help="Write roc.png, calibration.png and score_histograms.png of the clean run here (needs the plot extra)."),
    quiet: bool = QuietOpt,
) -> None:
    """AUROC (machine = positive) with its 95% bootstrap interval, TPR at 1% and 5% FPR,
    confusion at the verdict thresholds, per generator.

    Example: reliability evaluate --data labelled.jsonl -f json
    """
    from reliability.evaluation import evaluate_file, render_report

    if fmt not in (Format.table, Format.json):
        raise _fail("evaluate writes table or json")
    scorer = _scorer(model, trust_model)
    try:
        report = evaluate_file(scorer, data, attack or [], plot, progress=not quiet)
    except ReliabilityError as exc:
        raise _fail(str(exc))
    typer.echo(render_report(report, fmt.value))


@app.command()
def explain(
    path: str = typer.Argument(..., help="One article: a file (.txt, .md, .html) or - for stdin."),
    fmt: Format = typer.Option(Format.table, "-f", "--format", help="table or json."),
    top: int = typer.Option(15, "--top", help="How many signals to show, strongest first (0 = all)."),
    model: Optional[Path] = ModelOpt,
    trust_model: bool = TrustOpt,
    max_chars: int = MaxCharsOpt,
    html: bool = HtmlOpt,
) -> None:
    """Why one article got its score: each signal's value, its weight in the verdict and the
    lines that fired.

    Example: reliability explain seeds/003_f1c5c56abde7dd31.txt --top 10
    """
    from reliability.explanation import explanation, render_explanation
    from reliability.inputs import iter_items

    if fmt not in (Format.table, Format.json):
        raise _fail("explain writes table or json")
    items = list(iter_items([path], max_chars=max_chars, html_stdin=html))
    if len(items) != 1:
        raise _fail(f"{path}: explain reads one article, this holds {len(items)} "
                    "(use score -f json for batches)")
    if items[0].error:
        raise _fail(f"{items[0].id}: {items[0].error}")
    report = explanation(_scorer(model, trust_model).score(items[0].text, id=items[0].id), top)
    if fmt == Format.json:
        typer.echo(json.dumps(report, ensure_ascii=False, indent=2))
    else:
        render_explanation(report, sys.stdout)


@app.command()
def serve(
    host: str = typer.Option("127.0.0.1", "--host", help="Address to listen on (loopback by default)."),
    port: int = typer.Option(8000, "--port", min=1, max=65535, help="Port to listen on."),
    model: Optional[Path] = ModelOpt,
    trust_model: bool = TrustOpt,
    max_chars: int = MaxCharsOpt,
    max_request_bytes: int = typer.Option(5_000_000, "--max-request-bytes", min=1,
                                          help="Refuse request bodies larger than this (HTTP 413)."),
) -> None:
    """HTTP service (needs the serve extra): POST /score with {"text", "id"} or a list of them
    returns the records of `score -f json`; GET /health. The model is fixed at start-up.

    Example: reliability serve --port 8000 & curl -s localhost:8000/score -d '{"text": "..."}'
    """
    try:
        import fastapi  # noqa: F401
        import uvicorn
    except ImportError as exc:
        raise _fail(f"serve needs the optional extra: pip install 'reliability[serve]' "
                    f"({exc.name} is missing)")
    from reliability.server import create_app, is_loopback

    _check_can_listen(host, port)
    app_ = create_app(_scorer(model, trust_model), max_request_bytes, max_chars)
    if not is_loopback(host):
        typer.echo(f"reliability: warning: listening on {host}, not loopback: anyone who can reach "
                   "it can use this machine's CPU", err=True)
    typer.echo(f"reliability: serving on http://{host}:{port} (Ctrl-C stops)", err=True)
    uvicorn.run(app_, host=host, port=port, log_level="warning")


def _check_can_listen(host: str, port: int) -> None:
    """Fail with one line (not uvicorn's log and exit 1) when the address is taken or invalid."""
    import socket

    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
        with socket.socket(infos[0][0], socket.SOCK_STREAM) as probe:
            probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            probe.bind(infos[0][4])
    except OSError as exc:
        raise _fail(f"cannot listen on {host}:{port}: {exc.strerror or exc}")


def main() -> None:  # pragma: no cover - console entry point alias
    app()

"""`reliability evaluate`: detection metrics on labelled JSONL, per generator, under attacks."""
from __future__ import annotations

import itertools
import json
from pathlib import Path
from typing import Sequence

import numpy as np

from reliability.corpus import load_labelled, require_both_classes
from reliability.errors import DataError
from reliability.metrics import detection_metrics, verdict_confusion


def _groups(articles) -> dict[str, list[int]]:
    """Per generator: that generator's texts plus every human text."""
    human = [i for i, a in enumerate(articles) if a.label == 0]
    gens = sorted({a.style for a in articles if a.label == 1 and a.style})
    return {g: human + [i for i, a in enumerate(articles) if a.label == 1 and a.style == g]
            for g in gens}


def _report(articles, scores: np.ndarray) -> dict:
    y = np.array([a.label for a in articles])
    p_machine = 1.0 - scores / 100.0
    out = {"overall": {**detection_metrics(y, p_machine, interval=True),
                       "confusion": verdict_confusion(y, scores)}}
    for gen, idx in _groups(articles).items():
        out[gen] = detection_metrics(y[idx], p_machine[idx], interval=True)
    return out


def evaluate_file(scorer, path: Path, attacks: Sequence[str], plot_dir: Path | None = None,
                  progress: bool = False) -> dict:
    """Metrics on clean text and under each attack; with `plot_dir`, PNGs of the clean run;
    with `progress`, a count on a terminal's stderr for sets over a few hundred articles."""
    from reliability.attacks import ATTACKS

    if plot_dir is not None:
        from reliability.plots import require_matplotlib
        require_matplotlib()
    if not Path(path).is_file():
        raise DataError(f"{path}: no such file")
    articles = load_labelled(Path(path))
    if not articles:
        raise DataError(f"{path}: no labelled articles")
    require_both_classes(articles, path, "evaluation")
    names = list(ATTACKS) if "all" in attacks else list(attacks)
    unknown = [n for n in names if n not in ATTACKS]
    if unknown:
        raise DataError(f"unknown attack {unknown[0]!r}; choose from {', '.join(ATTACKS)} or all")
    clean = _scores(scorer, [a.text for a in articles], "scoring clean" if progress else None)
    report = {"data": str(path), "clean": _report(articles, clean)}
    if plot_dir is not None:
        from reliability.plots import write_evaluation_plots

        written = write_evaluation_plots([a.label for a in articles], clean, plot_dir,
                                         title=f"{Path(path).name}, {len(articles)} articles")
        report["plots"] = [str(p) for p in written]
    for name in names:
        attacked = [ATTACKS[name](a.text) for a in articles]
        report[f"attack:{name}"] = _report(articles, _scores(scorer, attacked,
                                                             f"scoring {name}" if progress else None))
    return report


def _scores(scorer, texts: Sequence[str], progress_label: str | None = None) -> np.ndarray:
    from reliability.batching import BATCH
    from reliability.progress import counted

    counted_texts = iter(counted(texts, progress_label or "", enabled=progress_label is not None,
                                 results_on_stdout=False))
    scores: list[float] = []
    while chunk := list(itertools.islice(counted_texts, BATCH)):  # scored signal by signal
        scores += [result.score for result in scorer.score_many(chunk)]
    return np.array(scores, dtype=float)


def evaluate_model_on(model, path: Path) -> dict:
    """Dev-set numbers for the model card: as given, and with every line break made a space."""
    from reliability.scoring import Scorer
    from reliability.text import flatten

    scorer = Scorer(model)
    articles = load_labelled(Path(path))
    as_is = _report(articles, _scores(scorer, [a.text for a in articles]))
    flat = _report(articles, _scores(scorer, [flatten(a.text) for a in articles]))
    return {"data": Path(path).name, "as_given": as_is,
            "line_breaks_removed_auroc": flat["overall"]["auroc"],
            "auroc_shift_from_line_breaks": round(as_is["overall"]["auroc"] - flat["overall"]["auroc"], 4)}


def render_report(report: dict, fmt: str) -> str:
    if fmt == "json":
        return json.dumps(report, indent=2)
    lines = [f"data: {report['data']}",
             f"{'condition':<26}{'subset':<16}{'n':>5}{'AUROC':>8}{'95% interval':>16}"
             f"{'TPR@1%':>8}{'TPR@5%':>8}"]
    for condition, block in report.items():
        if condition == "plots":
            lines.append("plots: " + ", ".join(block))
        if condition in ("data", "plots"):
            continue
        for subset, m in block.items():
            low, high = m.get("auroc_ci95", (float("nan"),) * 2)
            lines.append(f"{condition:<26}{subset:<16}{m['n']:>5}{m['auroc']:>8.4f}"
                         f"{f'{low:.3f}-{high:.3f}':>16}"
                         f"{m['tpr_at_1pct_fpr']:>8.3f}{m['tpr_at_5pct_fpr']:>8.3f}")
        conf = block["overall"].get("confusion")
        if conf:
            for cls, row in conf.items():
                lines.append(f"{'':<26}{cls + ' verdicts':<16} " + ", ".join(f"{k}={v}" for k, v in row.items()))
    return "\n".join(lines)

"""`reliability evaluate --plot DIR`: ROC curve, calibration curve and score histograms as PNG.

Figures are drawn on `matplotlib.figure.Figure` objects and saved with the Agg canvas, never
through pyplot: no global backend is switched, no window can open, and nothing needs a display.
Machine-written is the positive class throughout, as in the evaluation numbers; its
probability is 1 - score/100, the quantity the calibration curve checks.
"""
from __future__ import annotations

from pathlib import Path

import numpy as np

from reliability.errors import DataError, ReliabilityError
from reliability.scoring import RELIABLE_AT, UNRELIABLE_BELOW

PLOT_FILES = ("roc.png", "calibration.png", "score_histograms.png")


def write_evaluation_plots(labels, scores, out_dir: Path, title: str = "") -> list[Path]:
    """Write the three PNGs into `out_dir` (created if missing) and return their paths."""
    labels, scores = np.asarray(labels), np.asarray(scores, dtype=float)
    if len(set(labels.tolist())) != 2:
        raise DataError("plots need both human and machine articles in the data")
    require_matplotlib()
    try:
        Path(out_dir).mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise DataError(f"cannot create plot folder {out_dir}: {exc.strerror or exc}") from exc
    machine_prob = 1.0 - scores / 100.0
    drawers = (_roc, _calibration, _histograms)
    paths = []
    for name, draw in zip(PLOT_FILES, drawers):
        figure = _figure()
        draw(figure.add_subplot(), labels, scores, machine_prob)
        figure.suptitle(title, fontsize=9)
        paths.append(_save(figure, Path(out_dir) / name))
    return paths


def require_matplotlib() -> None:
    """Checked before an evaluation starts, so a missing extra fails at once, not after scoring."""
    try:
        import matplotlib  # noqa: F401
    except ImportError as exc:
        raise ReliabilityError("plots need the optional extra: pip install 'reliability[plot]'") from exc


def _figure():
    from matplotlib.figure import Figure

    return Figure(figsize=(6, 4.5), dpi=110, layout="constrained")


def _save(figure, path: Path) -> Path:
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    FigureCanvasAgg(figure)
    try:
        figure.savefig(path)
    except OSError as exc:
        raise DataError(f"cannot write {path}: {exc.strerror or exc}") from exc
    return path


def _roc(ax, labels, scores, machine_prob) -> None:
    from sklearn.metrics import roc_auc_score, roc_curve

    fpr, tpr, _ = roc_curve(labels, machine_prob)
    ax.plot(fpr, tpr, drawstyle="steps-post",
            label=f"model (AUROC {roc_auc_score(labels, machine_prob):.3f})")
    ax.plot([0, 1], [0, 1], linestyle=":", color="grey", label="chance")
    ax.set(xlabel="false-positive rate (human articles flagged)",
           ylabel="true-positive rate (machine articles caught)", title="ROC, machine = positive",
           xlim=(0, 1), ylim=(0, 1.01))
    ax.legend(loc="lower right")


def _calibration(ax, labels, scores, machine_prob, bins: int = 10) -> None:
    from sklearn.calibration import calibration_curve

    observed, predicted = calibration_curve(labels, machine_prob, n_bins=bins, strategy="uniform")
    counts = np.histogram(machine_prob, bins=np.linspace(0, 1, bins + 1))[0]
    ax.plot([0, 1], [0, 1], linestyle=":", color="grey", label="perfectly calibrated")
    ax.plot(predicted, observed, marker="o", label="model")
    for x, y, n in zip(predicted, observed, counts[counts > 0]):
        ax.annotate(str(n), (x, y), textcoords="offset points", xytext=(4, -10), fontsize=7)
    ax.set(xlabel="predicted P(machine) = 1 - score/100", ylabel="observed share machine",
           title=f"calibration ({bins} equal-width bins; labels = articles per bin)",
           xlim=(0, 1), ylim=(-0.02, 1.02))
    ax.legend(loc="upper left")


def _histograms(ax, labels, scores, machine_prob) -> None:
    edges = np.linspace(0, 100, 21)
    for value, name, colour in ((0, "human", "tab:green"), (1, "machine", "tab:red")):
        ax.hist(scores[labels == value], bins=edges, alpha=0.3, color=colour)
        ax.hist(scores[labels == value], bins=edges, histtype="step", linewidth=1.8, color=colour,
                label=f"{name} (n={int(np.sum(labels == value))})")
    for threshold in (UNRELIABLE_BELOW, RELIABLE_AT):
        ax.axvline(threshold, color="grey", linestyle="--", linewidth=1)
    ax.set(xlabel="score (0 = unreliable, 100 = reliable; dashed: verdict thresholds)",
           ylabel="articles", title="scores per class", xlim=(0, 100))
    ax.legend(loc="upper center")

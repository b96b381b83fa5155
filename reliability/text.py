"""Decoding and normalisation shared by every feature.

Every signal reads the same `Document`, so a trick that defeats one extractor's private
clean-up (a zero-width space, a Cyrillic 'а', doubled spaces) cannot defeat the others, and
line structure is kept for the few signals that are about lines.
"""
from __future__ import annotations

import codecs
import functools
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field

from reliability.errors import InputError

# Cf (format) characters are invisible by definition: zero-width spaces and joiners, bidi
# controls, soft hyphens, word joiners, BOMs. Tags and variation selectors are invisible too.
_INVISIBLE_EXTRA = {"\u180e", "\u115f", "\u1160", "\u3164", "\uffa0"}
_VARIATION_SELECTORS = re.compile("[\ufe00-\ufe0f\U000e0000-\U000e007f\U000e0100-\U000e01ef]")

# Look-alike letters an evasion attack swaps into Latin text (Unicode confusables, the common
# subset). Folded only when the text is mostly Latin, so Russian or Greek text stays as it is.
_HOMOGLYPHS = str.maketrans({
    "а": "a", "в": "B", "е": "e", "к": "k", "м": "M", "н": "H", "о": "o", "р": "p", "с": "c",
    "т": "T", "у": "y", "х": "x", "ѕ": "s", "і": "i", "ј": "j", "ԁ": "d", "ԛ": "q", "ԝ": "w",
    "һ": "h", "ӏ": "l", "ɡ": "g", "А": "A", "В": "B", "Е": "E", "К": "K", "М": "M", "Н": "H",
    "О": "O", "Р": "P", "С": "C", "Т": "T", "Х": "X", "У": "Y", "Ѕ": "S", "І": "I", "Ј": "J",
    "Ԁ": "D", "Ү": "Y", "Ԛ": "Q", "Ԝ": "W", "α": "a", "ο": "o", "ρ": "p", "ν": "v", "ι": "i",
    "κ": "k", "τ": "t", "υ": "u", "χ": "x", "ϲ": "c", "Α": "A", "Β": "B", "Ε": "E", "Ζ": "Z",
    "Η": "H", "Ι": "I", "Κ": "K", "Μ": "M", "Ν": "N", "Ο": "O", "Ρ": "P", "Τ": "T", "Υ": "Y",
    "Χ": "X", "ɑ": "a", "ǀ": "l", "ı": "i",
})
# Typographic variants carry house style, not authorship: fold them so that curly vs straight
# quotes or en vs em dashes cannot separate one corpus from another.
_PUNCTUATION = str.maketrans({
    "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'", "`": "'",
    "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u2033": '"',
    "\u00ab": '"', "\u00bb": '"', "\u2013": "\u2014", "\u2012": "\u2014", "\u2015": "\u2014",
    "\u2212": "-", "\u2010": "-", "\u2011": "-",
})
# Every dash becomes the typewriter dash "--": em, en or figure dash, and a lone hyphen between
# spaces inside a line (a dash typed on a keyboard). Which one a writer types is house style, not
# authorship, and an ASCII form keeps dashed text on the ASCII fast paths. Bullets ("- item" at
# a line's start) stay as they are.
_SPACED_HYPHEN = re.compile(r"(?<=\S )-(?= \S)")  # zero-width sides: "a - - b" folds whole
_HYPHEN_RUNS = re.compile(r"-{3,}")
_LATIN = re.compile(r"[A-Za-z]")
_CONFUSABLE_SCRIPTS = re.compile(r"[\u0370-\u03ff\u0400-\u04ff\u0500-\u052f\u0250-\u02af\u01c0\u0131]")
# Runs of spaces and tabs become one space. Written to skip the single spaces between words,
# which would be replaced by themselves: the same result as `[^\S\n]+`, with far fewer matches.
_SPACES = re.compile(r"[^\S\n]{2,}|[^\S \n]")
_BLANK_RUNS = re.compile(r"\n{3,}")

WORD = re.compile(r"[A-Za-z]+(?:['\-][A-Za-z]+)*|\d+(?:[.,:]\d+)*")
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"')\]]*\s+(?=[\"'(\[]?[A-Z0-9])|\n+")


def decode_bytes(raw: bytes) -> str:
    """Decode a file's bytes: BOMs first, then strict UTF-8, then Windows-1252.

    Binary data is refused rather than decoded into noise that would then be scored.
    """
    for bom, encoding in ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF32_LE, "utf-32"),
                          (codecs.BOM_UTF32_BE, "utf-32"), (codecs.BOM_UTF16_LE, "utf-16"),
                          (codecs.BOM_UTF16_BE, "utf-16")):
        if raw.startswith(bom):
            try:
                return raw.decode(encoding)
            except UnicodeDecodeError as exc:
                raise InputError(f"not valid {encoding} despite its byte-order mark") from exc
    head = raw[:8192]
    if b"\x00" in head or _looks_binary(head):
        raise InputError("binary data (NUL or control bytes), not text")
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return raw.decode("cp1252", errors="replace")


def _looks_binary(head: bytes) -> bool:
    if not head:
        return False
    controls = sum(1 for b in head if b < 32 and b not in (9, 10, 12, 13))
    return controls / len(head) > 0.05


def normalize_text(text: str) -> str:
    """Canonical form of a text; idempotent, and keeps one level of paragraph structure.

    Folding quotes can turn text into something ftfy reads as mojibake, so passes repeat
    until the text stops changing (in practice one extra check).
    """
    fixed: dict[str, str] = {}  # ftfy's answer per line: most lines come back to the next pass
    for _ in range(4):
        normalised = _normalise_once(text, fixed)
        if normalised == text or not _UNSETTLED.search(normalised):
            return normalised
        text = normalised
    return text


# Characters a second pass could still change: anything outside printable ASCII, '&' (ftfy may
# unescape an entity) and '`' (folded to "'"). Text without them, as the first pass leaves it
# (spaces collapsed, lines stripped), passes through unchanged, so the check pass is skipped.
_UNSETTLED = re.compile(r"[^\n\x20-\x25\x27-\x5f\x61-\x7e]")


def _normalise_once(text: str, fixed: dict[str, str] | None = None) -> str:
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _fix_text(text, fixed)
    text = unicodedata.normalize("NFKC", _drop_invisible(text))
    # In ASCII text the backquote is the only character the table folds.
    text = text.replace("`", "'") if text.isascii() else \
        text.translate(_PUNCTUATION).replace("\u2014", "--")  # one char for one in the table: fast
    text = _fold_homoglyphs(text)
    text = _SPACES.sub(" ", text)
    if " - " in text:
        text = _SPACED_HYPHEN.sub("--", text)
    if "---" in text:
        text = _HYPHEN_RUNS.sub("--", text)
    lines = [line.strip() for line in text.split("\n")]
    return _BLANK_RUNS.sub("\n\n", "\n".join(lines)).strip()


# Printable ASCII without '&' (HTML entities), plus tab and newline: ftfy leaves such a line as
# it is, and none of these characters is invisible. Only the other characters need a look.
_NEEDS_FIXING = re.compile(r"[^\t\n\x20-\x25\x27-\x7e]")
_NOT_PLAIN = re.compile(r"[^\t\n\x20-\x7e]")


def _fix_text(text: str, fixed: dict[str, str] | None = None) -> str:
    """`ftfy.fix_text(text, normalization="NFKC")`, skipping the lines it would leave alone.

    ftfy fixes each line on its own, so lines of plain ASCII pass through unchanged; only a '<'
    anywhere changes how later lines are treated, and then the whole text goes to ftfy. Its
    answers are kept in `fixed`, by line, for the next pass to reuse.
    """
    if not _NEEDS_FIXING.search(text):
        return text
    import ftfy

    if "<" in text:
        return ftfy.fix_text(text, normalization="NFKC")
    lines = [line + "\n" for line in text.split("\n")]
    lines[-1] = lines[-1][:-1]
    fixed = {} if fixed is None else fixed
    for line in lines:
        if line not in fixed and _NEEDS_FIXING.search(line):
            fixed[line] = ftfy.fix_text(line, normalization="NFKC")
    return "".join(fixed.get(line, line) for line in lines)


def _drop_invisible(text: str) -> str:
    text = _VARIATION_SELECTORS.sub("", text)
    return _NOT_PLAIN.sub(lambda m: "" if _is_invisible(m.group(0)) else m.group(0), text)


def _is_invisible(ch: str) -> bool:
    if ch in "\n\t":
        return False
    category = unicodedata.category(ch)
    return category == "Cf" or (category == "Cc") or ch in _INVISIBLE_EXTRA


def _fold_homoglyphs(text: str) -> str:
    """Fold look-alikes everywhere in mostly-Latin text, and in any word that mixes them with
    Latin letters (however heavily it was attacked); pure Greek or Cyrillic words stay."""
    if text.isascii():
        return text
    if _mostly_latin(text):
        return text.translate(_HOMOGLYPHS)
    return _MIXED_WORD.sub(lambda m: m.group(0).translate(_HOMOGLYPHS)
                           if _LATIN.search(m.group(0)) else m.group(0), text)


_MIXED_WORD = re.compile(r"\w+")


def _mostly_latin(text: str) -> bool:
    latin = len(_LATIN.findall(text))
    return latin > len(_CONFUSABLE_SCRIPTS.findall(text))


def flatten(text: str) -> str:
    """The text as one line: what the statistical signals read, so line breaks cannot matter."""
    return _WHITESPACE.sub(" ", text).strip()


_WHITESPACE = re.compile(r"\s{2,}|[^\S ]")  # `\s+`, skipping single spaces (see _SPACES)


def split_sentences(flat_text: str) -> list[str]:
    return [s.strip() for s in _SENTENCE_END.split(flat_text) if s and s.strip()]


_TERMINAL = re.compile(r"[.!?,;\"]$")
_SMALL_WORDS = {"a", "an", "the", "of", "and", "or", "in", "on", "to", "for", "with", "at", "by",
                "from", "as", "is", "vs", "its", "his", "her", "their", "our", "into", "over"}


_BYLINE = re.compile(r"^\(?(?:(?:additional |writing and )?reporting|writing|editing|"
                     r"compiled|written|photos?|words)?\s*by\s+\S", re.I)


def is_heading(line: str) -> bool:
    """A short line that introduces a section rather than saying something. Bylines and
    credit lines ("By Jane Roe", "Reporting by ...") are news furniture, not section titles."""
    words = WORD.findall(line)
    if not 1 <= len(words) <= 12 or len(line) > 90 or _BYLINE.match(line):
        return False
    if line.endswith(":"):
        return True
    if _TERMINAL.search(line):
        return False
    content = [w for w in words if w.lower() not in _SMALL_WORDS and w[0].isalpha()]
    return bool(content) and sum(w[0].isupper() for w in content) / len(content) >= 0.75


@dataclass(frozen=True)
class Document:
    """One normalised article with the views the extractors need, computed once."""

    text: str
    lines: tuple[str, ...] = field(repr=False)
    flat: str = field(repr=False)
    sentences: tuple[str, ...] = field(repr=False)
    words: tuple[str, ...] = field(repr=False)

    @functools.cached_property
    def sentence_words(self) -> tuple[tuple[str, ...], ...]:
        """Each sentence's words, split once for all the signals that read sentences by words."""
        return tuple(tuple(WORD.findall(s)) for s in self.sentences)

    @functools.cached_property
    def heading_lines(self) -> frozenset[int]:
        """Indexes in `lines` of the headings, found once for the signals that count or skip them."""
        return frozenset(i for i, line in enumerate(self.lines) if line and is_heading(line))

    @functools.cached_property
    def lower_words(self) -> tuple[str, ...]:
        """The words in lower case, folded once for the many signals that ignore case."""
        return tuple(map(str.lower, self.words))

    @functools.cached_property
    def lower_sentence_words(self) -> tuple[tuple[str, ...], ...]:
        return tuple(tuple(map(str.lower, words)) for words in self.sentence_words)

    @functools.cached_property
    def word_counts(self) -> Counter:
        """How often each lower-case word occurs (in first-seen order, as `Counter` keeps it)."""
        return Counter(self.lower_words)

    @property
    def n_words(self) -> int:
        return len(self.words)

    def per_1k_words(self, count: float) -> float:
        return 1000.0 * count / max(len(self.words), 50)


@functools.lru_cache(maxsize=64)
def parse(text: str) -> Document:
    """Normalise and split a text; cached because every extractor in a pipeline asks for it."""
    norm = normalize_text(text)
    flat = flatten(norm)
    return Document(
        text=norm,
        lines=tuple(norm.split("\n")),
        flat=flat,
        sentences=tuple(split_sentences(flat)),
        words=tuple(WORD.findall(flat)),
    )

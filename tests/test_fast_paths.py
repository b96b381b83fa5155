"""Each shortcut taken for speed gives exactly what the plain version it replaced gives.

The plain versions are kept here as the specification; the shipped model was trained on their
output, so any difference, however small, would move scores.
"""
import re
from pathlib import Path

import ftfy
import numpy as np
import pytest
import textstat
from hypothesis import given, settings, strategies as st

from reliability.features import boilerplate, date_consistency, style
from reliability.features.base import lexicon_pattern, phrase_trie
from reliability.features.sourcing import unnamed_attribution
from reliability.features.ngram_lm import _most_predictable, _quantile_of_sorted
from reliability.features.name_drift import (_mid_sentence, _standalone_uses,
                                             capitalised_word_starts)
from reliability.features.readability import _clean, _THREE_WORDS, flesch_scores
from reliability.features.style import _LETTERS, _common_neighbours, english_frequencies
from reliability.lexicons import load_lexicon
from reliability.text import _drop_invisible, _fix_text, _fold_homoglyphs, _HOMOGLYPHS, \
    _is_invisible, _LATIN, _mostly_latin, _MIXED_WORD, _normalise_once, _PUNCTUATION, _SPACES, \
    _VARIATION_SELECTORS, flatten, normalize_text

PIECES = ["plain words. ", "\n", "\n\n", "\t", "&amp;", "&lt;b&gt;", "<b>", "\x1b[36m", "\x00",
          "\x0b", "\x7f", "\x85", "\u2028", "\u200b", "\ufe0f", "\u00a0", "“curly”", "é",
          "Ã©", "â€™", "ﬁ", "Ｆｕｌｌ", "Pаris", "Москва", "αβγ", "Smith", "said Smith",
          ", Smith", "(Smith", "'Smith", "?  Smith", "Ana-Ana", "Smiths", "_Smith", "é Smith", "3 Smith", ". \"", ":", "?", "("]
mixed = st.lists(st.sampled_from(PIECES) | st.text(max_size=3), max_size=20).map("".join)


def plain_drop_invisible(text):
    text = _VARIATION_SELECTORS.sub("", text)
    return "".join(ch for ch in text if not _is_invisible(ch))


def plain_fold_homoglyphs(text):
    if _mostly_latin(text):
        return text.translate(_HOMOGLYPHS)
    return _MIXED_WORD.sub(lambda m: m.group(0).translate(_HOMOGLYPHS)
                           if _LATIN.search(m.group(0)) else m.group(0), text)


def plain_standalone_uses(word, flat):
    return len(re.findall(rf"(?:^|\b[a-z]+\s+|[,;:.!?\"'(]\s*){re.escape(word)}\b", flat))


def plain_mid_sentence(line, offset):
    return offset > 0 and not re.search(r"[.!?:][\"')]*\s*$", line[:offset])


@settings(max_examples=800, deadline=None)
@given(mixed)
def test_normalisation_shortcuts(text):
    assert _fix_text(text) == ftfy.fix_text(text, normalization="NFKC")
    assert _drop_invisible(text) == plain_drop_invisible(text)
    assert _fold_homoglyphs(text) == plain_fold_homoglyphs(text)


def plain_normalize_text(text):
    for _ in range(4):
        normalised = _normalise_once(text)
        if normalised == text:
            break
        text = normalised
    return text


SENTENCE_PIECES = ["a", "it's", "'", "''t", "' t", "--", "...", "_", "3", "é", "(", "\u00a0",
                   "\u2028", "\x1c", " ", "  ", "\n", "\t", ",", "'ve", "o'", "!"]


@settings(max_examples=1500, deadline=None)
@given(st.lists(st.sampled_from(SENTENCE_PIECES) | st.text(max_size=2), max_size=12).map("".join))
def test_three_words_pattern_counts_words_as_textstat_does(text):
    assert bool(_THREE_WORDS.match(text)) == (len(_clean(text).split()) > 2)


@settings(max_examples=800, deadline=None)
@given(mixed)
def test_normalisation_stops_once_the_text_is_plain_ascii(text):
    assert normalize_text(text) == plain_normalize_text(text)


@settings(max_examples=800, deadline=None)
@given(mixed.map(lambda t: t + "  a \t b\n \n\u00a0 `c`"))
def test_whitespace_and_punctuation_shortcuts(text):
    assert _SPACES.sub(" ", text) == re.sub(r"[^\S\n]+", " ", text)
    assert flatten(text) == re.sub(r"\s+", " ", text).strip()
    ascii_text = text.encode("ascii", "ignore").decode()
    assert ascii_text.replace("`", "'") == ascii_text.translate(_PUNCTUATION)


@settings(max_examples=800, deadline=None)
@given(st.sampled_from(["Smith", "Ana-Ana", "Lee"]), mixed, st.integers(0, 80))
def test_name_drift_shortcuts(word, text, offset):
    starts = capitalised_word_starts(text)
    assert _standalone_uses(word, text, starts) == plain_standalone_uses(word, text)
    assert _mid_sentence(text, offset) == plain_mid_sentence(text, offset)


def textstat_scores(text):
    return textstat.flesch_reading_ease(text), textstat.flesch_kincaid_grade(text)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["The", "cat", "sat.", "don't", "it's", "'quoted'", "Dr.", "U.S.",
                                 "re-elected", "zorblaxing", "naïve", "3.5", "!", "?", "...", " ",
                                 "\n", "a", "I", "rhythm", "antidisestablishmentarianism"])
                | st.text(max_size=6), max_size=60).map(" ".join))
def test_readability_equals_textstat(text):
    assert flesch_scores(text) == textstat_scores(text)


@pytest.mark.parametrize("folder", ["seeds", "data/machine"])
def test_readability_equals_textstat_on_the_corpus(folder):
    files = sorted((Path(__file__).resolve().parent.parent / folder).glob("*.txt"))
    texts = [" ".join(f.read_text(encoding="utf-8").split()) for f in files]
    assert texts and [flesch_scores(t) for t in texts] == [textstat_scores(t) for t in texts]


HEDGES = load_lexicon("hedging")
PLAIN_HEDGES = re.compile(r"\b(?:" + "|".join(re.escape(p) for p in sorted(HEDGES, key=len, reverse=True))
                          + r")\b", re.I)


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(HEDGES) | st.sampled_from(["It", "IS", "s", "ly", "-", "'", ",", " "])
                | st.text(max_size=3), max_size=12).map(lambda parts: "".join(
                    p if i % 3 else p.upper() for i, p in enumerate(parts))))
def test_hedge_trie_finds_what_the_longest_first_alternation_finds(text):
    assert [(m.start(), m.group(0)) for m in lexicon_pattern("hedging").caseless.finditer(text)] == \
        [(m.start(), m.group(0)) for m in PLAIN_HEDGES.finditer(text)]


NESTED = ["could", "could potentially", "it is", "it is important", "it is important to note", "note"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(NESTED + [" ", ".", "ly", "s"]), max_size=10).map(" ".join))
def test_hedge_trie_prefers_the_longest_of_nested_phrases(text):
    plain = re.compile(r"\b(?:" + "|".join(sorted(NESTED, key=len, reverse=True)) + r")\b", re.I)
    trie = re.compile(r"\b" + phrase_trie(NESTED) + r"\b", re.I)
    assert [m.group(0) for m in trie.finditer(text)] == [m.group(0) for m in plain.finditer(text)]


def plain_typo_of_common_word(word, freq):
    splits = [(word[:i], word[i:]) for i in range(len(word) + 1)]
    neighbours = ({a + b[1:] for a, b in splits if b}
                  | {a + b[1] + b[0] + b[2:] for a, b in splits if len(b) > 1}
                  | {a + c + b[1:] for a, b in splits if b for c in _LETTERS}
                  | {a + c + b for a, b in splits for c in _LETTERS})
    return any(freq.get(n, 0.0) >= max(1e-5, 100 * freq[word]) for n in neighbours if n != word)


def test_typo_index_finds_what_the_generated_neighbourhood_finds():
    freq = english_frequencies()
    rare = [w for w, f in freq.items() if f <= 1e-6 and w.islower() and w.isalpha() and len(w) > 3]
    sample = rare[::100]
    indexed = [any(freq[n] >= max(1e-5, 100 * freq[w]) for n in _common_neighbours(w)) for w in sample]
    assert indexed == [plain_typo_of_common_word(w, freq) for w in sample]
    assert 0 < sum(indexed) < len(sample)


def plain_most_predictable(sentences, lengths, logprobs):
    parts = np.split(logprobs, np.cumsum(lengths)[:-1])
    per_sentence = [(s, lp) for s, lp in zip(sentences, parts) if len(lp)]
    return max(per_sentence, key=lambda item: item[1].mean() if len(item[1]) > 6 else -99)[0]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.lists(st.floats(-30, 0), max_size=12), min_size=1, max_size=8)
       .filter(lambda parts: any(parts)))
def test_most_predictable_sentence_is_the_split_and_max_one(parts):
    sentences = [f"sentence {i}" for i in range(len(parts))]
    lengths = [len(p) for p in parts]
    logprobs = np.asarray([v for p in parts for v in p], dtype=np.float64)
    assert _most_predictable(sentences, lengths, logprobs) == \
        plain_most_predictable(sentences, lengths, logprobs)


CASELESS = [style.ATTRIBUTION, lexicon_pattern("hedging"), lexicon_pattern("closing_phrases"),
            unnamed_attribution(), boilerplate._INLINE_CHROME, boilerplate._PLACEHOLDER, boilerplate._CHATBOT, boilerplate._IMAGE_NAME, date_consistency._RELATIVE_HINT]
CASE_PIECES = ["said", "According to", "noted", "it remains to be seen", "could potentially",
               "Read more:", "share this story", "As an AI language model", "I'm sorry",
               "here's the revised news article", "(link)", "[Insert name here]", "{{date}}",
               "photo_1.JPG", "1920x1080p", "unsaid", "said-", "_said", "é", "İ", "ı", "ſ", "K",
               "less than two weeks after", "a month later", "3 years\tbefore", "days since",
               "experts say", "critics have argued", "according to some analysts", "officials"]
cased = st.lists(st.sampled_from(CASE_PIECES + [" ", ".", ",", "-", "'", "\n"])
                 | st.text(alphabet=st.characters(max_codepoint=127), max_size=3),
                 max_size=14).map(lambda parts: "".join(
                     p.upper() if i % 3 == 1 else p.title() if i % 3 == 2 else p
                     for i, p in enumerate(parts)))


@settings(max_examples=800, deadline=None)
@given(cased)
def test_caseless_patterns_find_what_re_ignorecase_finds(text):
    for pattern in CASELESS:
        assert pattern.lowered is not None
        assert pattern.spans(text) == [m.span() for m in pattern.caseless.finditer(text)]
        assert pattern.search(text) == (pattern.caseless.search(text) is not None)
    if date_consistency._RELATIVE.search(text):  # the hint never turns a relative claim away
        assert date_consistency._RELATIVE_HINT.search(text)


@settings(max_examples=500, deadline=None)
@given(st.lists(st.floats(-40, 0), min_size=1, max_size=400))
def test_decile_of_sorted_values_is_np_quantile(values):
    assert _quantile_of_sorted(sorted(values), 0.1) == float(np.quantile(np.asarray(values), 0.1))


def plain_duplicates(sentences):
    """Every sentence against every earlier one."""
    from reliability.features.repetition import _shingles

    seen, earlier, exact, near = set(), [], [], []
    for sentence, tokens in sentences:
        key, shingles = " ".join(tokens), _shingles(tokens)
        if key in seen:
            exact.append(sentence)
        elif shingles and any(len(shingles & o) / len(shingles | o) >= 0.5 for o in earlier if o):
            near.append(sentence)
        seen.add(key)
        earlier.append(shingles)
    return exact, near


@settings(max_examples=200, deadline=None)
@given(st.lists(st.lists(st.sampled_from("a b c d e f".split()), min_size=5, max_size=9),
                max_size=25))
def test_indexed_near_duplicates_match_the_pairwise_search(token_lists):
    from reliability.features.repetition import _duplicates

    sentences = [(" ".join(t) + f" #{i}", tuple(t)) for i, t in enumerate(token_lists)]
    assert _duplicates(sentences) == plain_duplicates(sentences)


@settings(max_examples=300, deadline=None)
@given(st.sets(st.integers(0, 2**40), min_size=1, max_size=200),
       st.lists(st.integers(0, 2**40), max_size=200))
def test_sorted_key_search_finds_what_a_plain_search_finds(table, keys):
    from reliability.features.base import find_keys

    table = np.asarray(sorted(table), dtype=np.uint64)
    keys = np.asarray(keys + [int(table[0])], dtype=np.uint64)
    pos, found = find_keys(table, keys)
    plain = np.minimum(np.searchsorted(table, keys), len(table) - 1)
    assert pos.tolist() == plain.tolist()
    assert found.tolist() == [int(k) in set(table.tolist()) for k in keys]

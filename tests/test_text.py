import codecs

import pytest
from hypothesis import given, settings, strategies as st

from reliability.attacks import homoglyph, whitespace, zero_width
from reliability.errors import InputError
from reliability.text import decode_bytes, flatten, normalize_text, parse


@pytest.mark.parametrize("raw, expected", [
    ("", ""),
    ("a  b\t c", "a b c"),
    ("\u201cQuoted\u201d \u2018x\u2019", "\"Quoted\" 'x'"),
    ("zero\u200bwidth\u2060", "zerowidth"),
    ("\u0421\u0430t on the mat", "Cat on the mat"),
    ("one\n\n\n\ntwo", "one\n\ntwo"),
    ("\u041c\u043e\u0441\u043a\u0432\u0430", "\u041c\u043e\u0441\u043a\u0432\u0430"),  # Russian stays Russian
    ("LONDON (Reuters) - Prices rose --- again", "LONDON (Reuters) -- Prices rose -- again"),
    ("a well-known \u2013 and long-run\u2014fight", "a well-known -- and long-run--fight"),
    ("- first point\n- second point", "- first point\n- second point"),  # bullets stay
    ("them. - - - \"I won't\"", "them. -- -- -- \"I won't\""),  # a run folds in one pass
])
def test_normalize_text(raw, expected):
    assert normalize_text(raw) == expected


@settings(max_examples=200, deadline=None)
@given(st.text())
def test_normalisation_is_idempotent(text):
    once = normalize_text(text)
    assert normalize_text(once) == once


LETTERS = list("abcdefghijklmnopqrstuvwxyzABCDEHKMOTX")
# At least 30 letters up front, so the text is recognisably Latin-script whatever follows.
latin_text = st.builds(lambda head, tail: head + tail,
                       st.text(alphabet=st.sampled_from(LETTERS), min_size=30, max_size=60),
                       st.text(alphabet=st.sampled_from(LETTERS + list(" .,'\n")), max_size=240))


@settings(max_examples=150, deadline=None)
@given(latin_text)
def test_character_attacks_normalise_away(text):
    clean = normalize_text(text)
    for attack in (homoglyph, zero_width, whitespace):
        assert normalize_text(attack(text)) == clean, attack.__name__


def test_decode_bytes_handles_boms_and_legacy_encodings():
    assert decode_bytes(codecs.BOM_UTF16_LE + "héllo".encode("utf-16-le")) == "héllo"
    assert decode_bytes(codecs.BOM_UTF8 + "héllo".encode()) == "héllo"
    assert decode_bytes("caf\xe9".encode("latin-1")) == "café"


@pytest.mark.parametrize("raw", [b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", b"text\x00with nul"])
def test_decode_bytes_refuses_binary(raw):
    with pytest.raises(InputError):
        decode_bytes(raw)


def test_parse_keeps_lines_but_flattens_for_statistics():
    doc = parse("Title line\n\nFirst sentence here. Second one!")
    assert doc.lines == ("Title line", "", "First sentence here. Second one!")
    assert "\n" not in doc.flat
    assert flatten(doc.text) == doc.flat


@pytest.mark.parametrize("line, heading", [
    ("Background", True), ("The Road Ahead:", True), ("Key Takeaways", True),
    ("By Jane Roe", False), ("By JANE ROE and JOHN DOE", False), ("Reporting by Jane Roe", False),
    ("(Editing by Mark Potter)", False), ("Byron Bay Braces For Storm", True),
    ("The minister said talks would resume on Monday.", False),
])
def test_is_heading_leaves_bylines_alone(line, heading):
    from reliability.text import is_heading

    assert is_heading(line) == heading


@pytest.mark.parametrize("text", ["a - - - b", "x \u2014 - \u2013 y", "w - -- - z", "--- - ---"])
def test_dash_folding_settles_in_one_pass(text):
    from reliability.text import _normalise_once

    once = _normalise_once(text)
    assert _normalise_once(once) == once

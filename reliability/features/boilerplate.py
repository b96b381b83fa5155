"""Boilerplate residue: what scrapers and generators leave behind.

Share/pin/subscribe buttons, "read more", related-post lists, author bios, "(link)" and
"[insert ...]" placeholders, chatbot refusals and image file names used as captions. A
professional article carries none of them; each one is evidence of an unedited page.
"""
from __future__ import annotations

import re

from reliability.features.base import CaselessPattern, Evidence, Measurement, SignalExtractor, capped
from reliability.text import Document

_PAGE_CHROME = re.compile(
    r"^(?:share (?:this|on)\b.*|share|tweet|pin it(?: on pinterest)?|email|print|"
    r"read more\b.*|continue reading\b.*|click here\b.*|subscribe\b.*|sign up\b.*|"
    r"follow us\b.*|like us on\b.*|related (?:posts|articles|stories|content)\b.*|"
    r"you may also like\b.*|recommended(?: for you)?|advertisement|sponsored(?: content)?|"
    r"video|watch|photo|image|gallery|comments?|leave a (?:comment|reply)\b.*|"
    r"(?:posted|published|updated)(?: on| by)?\s*[:|]?.{0,40}|by\s*\|.*|tags?:.*|"
    r"filed under\b.*|copyright\b.*|\u00a9.*|all rights reserved\b.*|about the author\b.*|"
    r"news roundup\b.*|previous (?:post|article)\b.*|next (?:post|article)\b.*)$", re.I)
_INLINE_CHROME = CaselessPattern(
    r"\b(?:pin it on pinterest|share this (?:article|story|post)|read more:|click here to|"
    r"sign up for our newsletter|subscribe to our newsletter|follow us on)\b")
_PLACEHOLDER = CaselessPattern(r"\((?:link|source|citation needed|url)\)|\[(?:insert|link|source|"
                               r"citation|url|add|placeholder|name|date)[^\]]{0,60}\]|\{\{[^}]{0,40}\}\}")
# Phrases of a chat assistant's wrapper or refusal. A person may say "I'm sorry" or "here is an
# article by ..." in running prose, so apologies count only as a refusal ("I'm sorry, but I
# cannot ...") and "here is the article" only where a wrapper stands, at the start of a line.
_CHATBOT = CaselessPattern(
    r"\b(?:as an ai(?: language model)?|i(?:'m| am) sorry, but (?:i|as an ai)\b|"
    r"i(?:'m| am) (?:unable|not able) to (?:browse|access|verify|provide real-time)|"
    r"i cannot (?:fulfill|provide|"
    r"assist|comply|create)|i can't (?:fulfill|provide|assist|help with)|as of my (?:last )?"
    r"(?:knowledge|training) (?:update|cutoff|cut-off)|my knowledge cutoff|regenerate response|"
    r"i don't have (?:access to )?(?:real-time|current) (?:information|data)|"
    r"^(?:(?:sure|certainly|of course|absolutely)[!,.]? )?(?:here is|here's) (?:the|an|a) "
    r"(?:[\w-]+ ){0,2}(?:article|rewritten|revised|news|story|version)|certainly! here|"
    r"i hope this helps|let me know if you(?:'d| would)? (?:like|want|need))"
    r"\b")
# A file name starts where a run of word characters and hyphens starts: tried from every word
# boundary inside such a run instead, a long hyphenated line ("ab-ab-ab-...") cost quadratic
# time. Leading hyphens join the match here and are stripped from the evidence.
_IMAGE_NAME = CaselessPattern(r"(?:(?<![\w-])-*\b[\w-]+\.(?:jpe?g|png|gif|webp|tiff?)\b"
                              r"|\b\d{2,4}x\d{2,4}p?\b)")
_BIO = re.compile(r"^(?:[A-Z][a-z]+ ){1,3}(?:is|was) an? (?:[a-z-]+ ){0,3}"
                  r"(?:writer|reporter|journalist|correspondent|editor|contributor|freelance)\b")


class Boilerplate(SignalExtractor):
    signal = "boilerplate"
    direction = 1
    feature_names = ("page_chrome_lines", "link_placeholders", "chatbot_error_strings",
                     "image_file_captions")

    def measure(self, doc: Document) -> dict[str, Measurement]:
        numbered = _numbered(doc)
        chrome = [(n, l) for n, l in numbered if _PAGE_CHROME.match(l) or _BIO.match(l)]
        chrome += [(n, l) for n, l in numbered if _INLINE_CHROME.search(l)
                   and (n, l) not in chrome]
        return {
            "page_chrome_lines": _found(chrome, cap=10),
            "link_placeholders": _found(_spans(numbered, _PLACEHOLDER), cap=10),
            "chatbot_error_strings": _found(_spans(numbered, _CHATBOT), cap=5),
            "image_file_captions": _found([(n, t.lstrip("-")) for n, t in
                                           _spans(numbered, _IMAGE_NAME)], cap=5),
        }


def _numbered(doc: Document):
    return [(n, line) for n, line in enumerate(doc.lines, start=1) if line]


def _spans(numbered: list[tuple[int, str]], pattern: CaselessPattern) -> list[tuple[int, str]]:
    return [(n, found + "  \u2190 " + line[:100]) for n, line in numbered
            for found in pattern.found(line)]


def _found(found: list[tuple[int, str]], cap: float) -> Measurement:
    return Measurement(capped(len(found), cap), tuple(Evidence(t[:160], n) for n, t in found[:8]))

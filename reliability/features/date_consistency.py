"""Internal date contradictions: a story that dates the same event twice, differently.

Reporters check dates; padded or generated copy invents them. We parse absolute dates in the
common news formats, tie each to the event words near it ("visit", "took office", "elected"),
and flag an event that gets two different full dates, or a relative claim ("less than a month
after ...") that the absolute dates make impossible.
"""
from __future__ import annotations

import datetime as dt
import re

from reliability.features.base import (CaselessPattern, Evidence, Measurement, SignalExtractor,
                                       capped, locate)
from reliability.text import Document

_MONTHS = {m: i for i, m in enumerate(
    ["january", "february", "march", "april", "may", "june", "july", "august", "september",
     "october", "november", "december"], start=1)}
_MONTHS.update({m[:3]: i for m, i in list(_MONTHS.items())})
_MONTHS["sept"] = 9
# A month's full name or its abbreviation, as a whole word: "decades" or "Mayor" is no month.
_MONTH = (r"(?P<month>(?:january|february|march|april|may|june|july|august|september|october|"
          r"november|december|jan|feb|mar|apr|jun|jul|aug|sept?|oct|nov|dec)\b\.?)")
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:19|20)\d\d)"
_DATE_PATTERNS = [
    re.compile(rf"\b{_DAY}\s+(?:of\s+)?{_MONTH}\s*,?\s+{_YEAR}\b", re.I),
    re.compile(rf"\b{_MONTH}\s+{_DAY},?\s+{_YEAR}\b", re.I),
    re.compile(r"\b(?P<year>(?:19|20)\d\d)-(?P<mnum>[01]\d)-(?P<day>[0-3]\d)\b"),
]
_HAS_YEAR = re.compile(r"(?:19|20)\d\d")
_MONTH_YEAR = re.compile(rf"\b(?:in|since|from|by|until|of)\s+{_MONTH}\s+{_YEAR}\b", re.I)
_EVENTS = {
    "visit": r"visit|trip|travel", "office": r"took office|assumed|sworn|took over|took the helm|"
    r"appointed|named|became|tenure began|inaugurat", "election": r"elect|vote|poll|referendum",
    "meeting": r"meet|summit|talks|conference", "death": r"died|death|killed", "birth": r"born",
    "signing": r"sign|agreement|deal|treaty", "launch": r"launch|unveil|release|introduc",
    "attack": r"attack|strike|bomb|shooting|explosion", "start": r"began|started|start|opened",
    "end": r"ended|closed|resign|stepped down|left office",
}
_EVENT_RE = {k: re.compile(rf"\b(?:{v})", re.I) for k, v in _EVENTS.items()}
_RELATIVE = re.compile(r"\b(?P<bound>less than|under|within|more than|over|about|nearly|just)?\s*"
                       r"(?P<n>a|an|one|two|three|four|five|six|\d+)\s+(?P<unit>day|week|month|year)s?"
                       r"\s+(?:after|later|before|since)\b", re.I)
# Every relative claim ends in a unit and one of these words: a cheap test that spares most
# sentences the search for the full pattern, which tries its optional opening at every character.
_RELATIVE_HINT = CaselessPattern(r"(?:day|week|month|year)s?\s+(?:after|later|before|since)")
_NUMBERS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6}
_UNIT_DAYS = {"day": 1, "week": 7, "month": 30.4, "year": 365.25}


def find_dates(sentence: str) -> list[tuple[dt.date, int, str]]:
    """Full dates in a sentence: (date, character offset, matched text)."""
    if not _HAS_YEAR.search(sentence):  # every pattern needs a year; most sentences have none
        return []
    found = []
    for pattern in _DATE_PATTERNS:
        for m in pattern.finditer(sentence):
            date = _to_date(m)
            if date and not any(abs(m.start() - o) < 4 for _, o, _ in found):
                found.append((date, m.start(), m.group(0)))
    return sorted(found, key=lambda f: f[1])


def _to_date(m: re.Match) -> dt.date | None:
    groups = m.groupdict()
    month = int(groups["mnum"]) if groups.get("mnum") else _MONTHS.get(groups["month"].lower()[:3])
    try:
        return dt.date(int(groups["year"]), month, int(groups["day"])) if month else None
    except ValueError:
        return None


def _events_near(sentence: str, offset: int, window: int = 120) -> set[str]:
    context = sentence[max(0, offset - window): offset + 30]
    return {name for name, rx in _EVENT_RE.items() if rx.search(context)}


class DateConsistency(SignalExtractor):
    signal = "date_consistency"
    direction = 1
    feature_names = ("conflicting_event_dates", "relative_date_conflicts", "distinct_full_dates")

    def measure(self, doc: Document) -> dict[str, Measurement]:
        mentions = _dated_events(doc)
        conflicts = _event_conflicts(doc, mentions)
        relative = _relative_conflicts(doc, mentions)
        distinct = {d for _, d, _ in mentions}
        return {
            "conflicting_event_dates": Measurement(capped(len(conflicts), 5), conflicts),
            "relative_date_conflicts": Measurement(capped(len(relative), 5), relative),
            "distinct_full_dates": Measurement(capped(len(distinct), 10)),
        }


def _dated_events(doc: Document) -> list[tuple[str, dt.date, str]]:
    out = []
    for sentence in doc.sentences:
        for date, offset, _ in find_dates(sentence):
            out.extend((event, date, sentence) for event in _events_near(sentence, offset))
    return out


def _event_conflicts(doc, mentions) -> tuple[Evidence, ...]:
    by_event: dict[str, dict[dt.date, str]] = {}
    for event, date, sentence in mentions:
        by_event.setdefault(event, {}).setdefault(date, sentence)
    evidence = []
    for event, dates in by_event.items():
        if len(dates) < 2:
            continue
        ordered = sorted(dates)
        # Two dates of one kind of event within days are one multi-day event, not a contradiction.
        if (ordered[-1] - ordered[0]).days <= 7:
            continue
        for date in ordered[:3]:
            s = dates[date]
            evidence.append(Evidence(f"{event} dated {date.isoformat()}: {s[:120]}", locate(doc, s)))
    return tuple(evidence)


def _relative_conflicts(doc, mentions) -> tuple[Evidence, ...]:
    """'less than a month after X' where X's own date says otherwise."""
    dated = {}
    for event, date, _ in mentions:
        dated.setdefault(event, set()).add(date)
    evidence = []
    for sentence in doc.sentences:
        rel = _RELATIVE.search(sentence) if _RELATIVE_HINT.search(sentence) else None
        own = find_dates(sentence) if rel else []
        if not own:
            continue
        if len(rel["n"]) > 5:
            continue  # no article dates an event 100,000 units away (and int() of 5,000 digits raises)
        claimed = int(rel["n"]) if rel["n"].isdigit() else _NUMBERS.get(rel["n"].lower(), 1)
        days = claimed * _UNIT_DAYS[rel["unit"].lower()]
        for event in _events_near(sentence[rel.end():], 0, window=0) | _events_near(
                sentence, rel.end() + 60, window=60):
            for other in dated.get(event, ()):
                gap = abs((own[0][0] - other).days)
                if gap and not _consistent(gap, days, (rel["bound"] or "").lower()):
                    evidence.append(Evidence(sentence[:160], locate(doc, sentence)))
                    break
    return tuple(evidence[:5])


def _consistent(gap: float, days: float, bound: str) -> bool:
    if bound in ("less than", "under", "within"):
        return gap <= days
    if bound in ("more than", "over"):
        return gap >= days
    return 0.4 * days <= gap <= 2.0 * days + 7

"""Resolve German date expressions against the publication date.

Rules of the coding guide: "heute" = publication day, "gestern" = the day
before, "am Dienstag" = the most recent Tuesday on or before the publication
date, "am 14. November" = that day in the publication year unless a year is
given.  Vaguer expressions ("in der vergangenen Woche", "Anfang Dezember")
resolve to a range (``start``, ``end``) with no single day.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

MONTHS = {
    "januar": 1, "jänner": 1, "jan": 1, "februar": 2, "feb": 2, "märz": 3, "maerz": 3, "mär": 3,
    "april": 4, "apr": 4, "mai": 5, "juni": 6, "jun": 6, "juli": 7, "jul": 7, "august": 8, "aug": 8,
    "september": 9, "sep": 9, "sept": 9, "oktober": 10, "okt": 10, "november": 11, "nov": 11,
    "dezember": 12, "dez": 12,
}
WEEKDAYS = {"montag": 0, "dienstag": 1, "mittwoch": 2, "donnerstag": 3, "freitag": 4, "samstag": 5,
            "sonnabend": 5, "sonntag": 6}
_MONTH_RE = "|".join(sorted(MONTHS, key=len, reverse=True))
_WD_RE = "|".join(WEEKDAYS)


@dataclass
class DateMatch:
    start: int  # character offsets in the searched text
    end: int
    text: str
    day: date | None  # a single day, or None when only a range is known
    range_start: date | None = None
    range_end: date | None = None


def _safe_date(y: int, m: int, d: int) -> date | None:
    try:
        return date(y, m, d)
    except ValueError:
        return None


def _month_range(y: int, m: int) -> tuple[date, date]:
    start = date(y, m, 1)
    nxt = date(y + (m == 12), m % 12 + 1, 1)
    return start, nxt - timedelta(days=1)


# (pattern, resolver) pairs, most specific first; resolvers get (match, published)
_PATTERNS: list[tuple[re.Pattern, callable]] = []


def _pattern(regex: str):
    def deco(fn):
        _PATTERNS.append((re.compile(regex, re.I), fn))
        return fn
    return deco


@_pattern(r"\b(\d{1,2})\.\s?(\d{1,2})\.\s?(\d{4}|\d{2})\b")
def _numeric(m, pub):
    y = int(m.group(3))
    y = y + 2000 if y < 100 else y
    return _safe_date(y, int(m.group(2)), int(m.group(1))), None, None


@_pattern(r"\b(\d{4})-(\d{2})-(\d{2})\b")
def _iso(m, pub):
    return _safe_date(int(m.group(1)), int(m.group(2)), int(m.group(3))), None, None


@_pattern(rf"\b(\d{{1,2}})\.\s?({_MONTH_RE})\.?(?:\s+(\d{{4}}))?")
def _day_month(m, pub):
    month = MONTHS[m.group(2).lower()]
    if m.group(3):
        year = int(m.group(3))
    elif pub is None:
        return None, None, None
    else:
        year = pub.year
    return _safe_date(year, month, int(m.group(1))), None, None


@_pattern(rf"\b(Anfang|Mitte|Ende)\s+({_MONTH_RE})(?:\s+(\d{{4}}))?\b")
def _part_of_month(m, pub):
    month = MONTHS[m.group(2).lower()]
    year = int(m.group(3)) if m.group(3) else (pub.year if pub else None)
    if year is None:
        return None, None, None
    start, end = _month_range(year, month)
    part = m.group(1).lower()
    if part == "anfang":
        return None, start, start + timedelta(days=9)
    if part == "mitte":
        return None, start + timedelta(days=10), start + timedelta(days=19)
    return None, start + timedelta(days=20), end


@_pattern(r"\b(vorgestern|gestern|heute|morgen|übermorgen)(abend|morgen|nachmittag|mittag|vormittag|nacht)?\b")
def _relative_day(m, pub):
    if m.group(1) == "Morgen":  # "am Morgen" is the morning, not tomorrow
        return None, None, None
    if pub is None:
        return None, None, None
    offset = {"vorgestern": -2, "gestern": -1, "heute": 0, "morgen": 1, "übermorgen": 2}[m.group(1).lower()]
    return pub + timedelta(days=offset), None, None


@_pattern(rf"\b(?:am\s+)?(?:(vergangenen|letzten|kommenden|nächsten)\s+)?({_WD_RE})(?:abend|morgen|nachmittag|mittag|vormittag|nacht)?\b")
def _weekday(m, pub):
    if pub is None:
        return None, None, None
    wd = WEEKDAYS[m.group(2).lower()]
    rel = (m.group(1) or "").lower()
    if rel in ("kommenden", "nächsten"):
        delta = (wd - pub.weekday()) % 7 or 7
        return pub + timedelta(days=delta), None, None
    delta = (pub.weekday() - wd) % 7
    if rel in ("vergangenen", "letzten") and delta == 0:
        delta = 7
    return pub - timedelta(days=delta), None, None


@_pattern(r"\b(?:in\s+der\s+)?(vergangenen|letzten|vorigen|kommenden|nächsten|dieser)\s+Woche\b")
def _week(m, pub):
    if pub is None:
        return None, None, None
    monday = pub - timedelta(days=pub.weekday())
    rel = m.group(1).lower()
    if rel in ("vergangenen", "letzten", "vorigen"):
        monday -= timedelta(days=7)
    elif rel in ("kommenden", "nächsten"):
        monday += timedelta(days=7)
    return None, monday, monday + timedelta(days=6)


@_pattern(rf"\b(?:im\s+)({_MONTH_RE})(?:\s+(\d{{4}}))?\b")
def _month(m, pub):
    month = MONTHS[m.group(1).lower()]
    year = int(m.group(2)) if m.group(2) else (pub.year if pub else None)
    if year is None:
        return None, None, None
    start, end = _month_range(year, month)
    return None, start, end


_ANY_PATTERN: re.Pattern | None = None


def _any_pattern() -> re.Pattern:
    """All patterns as one alternation: it matches somewhere iff one of them does."""
    global _ANY_PATTERN
    if _ANY_PATTERN is None:
        _ANY_PATTERN = re.compile("|".join(f"(?:{regex.pattern})" for regex, _ in _PATTERNS), re.I)
    return _ANY_PATTERN


def find_dates(text: str, published: date | None) -> list[DateMatch]:
    """All date expressions in ``text``, resolved against ``published``.

    Overlapping matches keep the first (most specific) pattern's reading.
    """
    # most sentences name no date: one scan of the joined patterns instead of one per pattern
    if _any_pattern().search(text) is None:
        return []
    found: list[DateMatch] = []
    taken: list[tuple[int, int]] = []
    for regex, resolve in _PATTERNS:
        for m in regex.finditer(text):
            if any(m.start() < e and s < m.end() for s, e in taken):
                continue
            day, rs, re_ = resolve(m, published)
            if day is None and rs is None:
                continue
            taken.append((m.start(), m.end()))
            found.append(DateMatch(m.start(), m.end(), m.group(0), day, rs, re_))
    found.sort(key=lambda d: d.start)
    return found

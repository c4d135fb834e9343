"""Publication dates as news pages write them, in German and machine formats.

``parse_date`` understands ISO 8601 (``2021-12-08T06:42:00+01:00``, news-please's
``2021-12-08 06:42:00``), RFC 822 as used by feeds and HTTP
(``Wed, 08 Dec 2021 06:42:00 GMT``), and German page styles
(``08.12.2021, 06:42 Uhr``, ``8. Dezember 2021``, ``Mittwoch, 8. Dez. 2021 um
6:42 Uhr``, ``Stand: 08.12.2021``).  The result is always timezone-aware: a
date without a zone is read as German local time (Europe/Berlin), which is
what a German outlet means when it prints one.
"""
from __future__ import annotations

import re
from datetime import date, datetime, timezone
from email.utils import parsedate_to_datetime
from zoneinfo import ZoneInfo

BERLIN = ZoneInfo("Europe/Berlin")

MONTHS = {
    "januar": 1, "jan": 1, "jänner": 1, "jän": 1, "februar": 2, "feb": 2, "märz": 3, "mär": 3, "maerz": 3,
    "mrz": 3, "april": 4, "apr": 4, "mai": 5, "juni": 6, "jun": 6, "juli": 7, "jul": 7, "august": 8,
    "aug": 8, "september": 9, "sep": 9, "sept": 9, "oktober": 10, "okt": 10, "november": 11, "nov": 11,
    "dezember": 12, "dez": 12,
}

# "Stand:", "Veröffentlicht am", weekday names and "um" carry no date information
_NOISE = re.compile(
    r"\b(stand|aktualisiert( am)?|veröffentlicht( am)?|erschienen( am)?|zuletzt( aktualisiert)?|datum"
    r"|montag|dienstag|mittwoch|donnerstag|freitag|samstag|sonntag|uhr|um|am)\b[:,]?",
    re.I,
)
_NUMERIC = re.compile(r"(?<!\d)(\d{1,2})\.\s?(\d{1,2})\.\s?(\d{4}|\d{2})(?!\d)")
_WORDED = re.compile(r"(?<!\d)(\d{1,2})\.?\s+([A-Za-zÄÖÜäöü]+)\.?\s+(\d{4})(?!\d)")
_TIME = re.compile(r"(?<!\d)(\d{1,2})[:.](\d{2})(?::(\d{2}))?(?!\d)")
_ISO = re.compile(
    r"^\s*(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?\s*(Z|[+-]\d{2}:?\d{2})?)?\s*$"
)


def _aware(dt: datetime) -> datetime:
    return dt.replace(tzinfo=BERLIN) if dt.tzinfo is None else dt


def parse_date(value, default_tz=BERLIN) -> datetime | None:
    """A timezone-aware datetime from ``value``, or ``None`` if it holds no date.

    ``value`` may be a string, a ``datetime`` (made aware) or a ``date``
    (midnight).  Never raises on malformed input.
    """
    if value is None:
        return None
    if isinstance(value, datetime):
        return value if value.tzinfo else value.replace(tzinfo=default_tz)
    if isinstance(value, date):
        return datetime(value.year, value.month, value.day, tzinfo=default_tz)
    if not isinstance(value, str):
        return None
    text = value.strip()
    if not text or len(text) > 200:
        return None
    try:
        return _parse(text, default_tz)
    except (ValueError, OverflowError):
        return None


def _parse(text: str, tz) -> datetime | None:
    m = _ISO.match(text)
    if m:
        y, mo, d, hh, mm, ss, zone = m.groups()
        dt = datetime(int(y), int(mo), int(d), int(hh or 0), int(mm or 0), int(ss or 0))
        if zone:
            if zone == "Z":
                return dt.replace(tzinfo=timezone.utc)
            zone = zone.replace(":", "")
            sign = 1 if zone[0] == "+" else -1
            from datetime import timedelta

            offset = timedelta(hours=int(zone[1:3]), minutes=int(zone[3:5]))
            return dt.replace(tzinfo=timezone(sign * offset))
        return dt.replace(tzinfo=tz)
    # RFC 822 (feeds, HTTP headers, e-mail)
    if re.match(r"^\s*([A-Za-z]{3},\s*)?\d{1,2}\s+[A-Za-z]{3}\s+\d{4}", text):
        try:
            dt = parsedate_to_datetime(text)
        except (TypeError, ValueError, IndexError):
            dt = None
        if dt is not None:
            return dt if dt.tzinfo else dt.replace(tzinfo=tz)
    cleaned = _NOISE.sub(" ", text)
    day = None
    m = _NUMERIC.search(cleaned)
    if m:
        d, mo, y = int(m.group(1)), int(m.group(2)), int(m.group(3))
        y = y + 2000 if y < 100 else y
        day = (y, mo, d)
        rest = cleaned[m.end():]
    else:
        m = _WORDED.search(cleaned)
        if m and m.group(2).lower() in MONTHS:
            day = (int(m.group(3)), MONTHS[m.group(2).lower()], int(m.group(1)))
            rest = cleaned[m.end():]
    if day is None:
        return None
    hh = mm = ss = 0
    t = _TIME.search(rest)
    if t and int(t.group(1)) < 24 and int(t.group(2)) < 60:
        hh, mm, ss = int(t.group(1)), int(t.group(2)), int(t.group(3) or 0)
    return datetime(day[0], day[1], day[2], hh, mm, ss, tzinfo=tz)

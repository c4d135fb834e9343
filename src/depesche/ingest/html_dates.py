"""Publication dates as publishers write them, into tz-aware datetimes.

Handles ISO 8601 (JSON-LD, OpenGraph, ``<time datetime>``) and the German
forms seen in page headers: ``08.12.2021, 06:42 Uhr``, ``8. Dezember 2021``,
``8. Dez. 2021 um 6:42``.  A time without offset is German local time
(Europe/Berlin, which shares its offsets with Vienna and Zurich).

Private to the HTML reader; the shared German date parser of the ingest
package may replace it later.
"""
from __future__ import annotations

import re
from datetime import datetime, timedelta, timezone

try:
    from zoneinfo import ZoneInfo

    LOCAL_TZ = ZoneInfo("Europe/Berlin")
except Exception:  # noqa: BLE001 - no tz database: CET without summer time is close enough
    LOCAL_TZ = timezone(timedelta(hours=1))

MONTHS = {
    "januar": 1, "jänner": 1, "jan": 1, "februar": 2, "feber": 2, "feb": 2, "märz": 3, "maerz": 3, "mär": 3,
    "mrz": 3, "april": 4, "apr": 4, "mai": 5, "juni": 6, "jun": 6, "juli": 7, "jul": 7, "august": 8,
    "aug": 8, "september": 9, "sept": 9, "sep": 9, "oktober": 10, "okt": 10, "november": 11, "nov": 11,
    "dezember": 12, "dez": 12,
}
_TIME = r"(?:,?\s*(?:um\s+)?(\d{1,2})[:.](\d{2})(?:[:.](\d{2}))?\s*(?:Uhr|h)?)?"
_NUMERIC = re.compile(r"\b(\d{1,2})\.\s?(\d{1,2})\.\s?(\d{4}|\d{2})\b" + _TIME)
_WORDED = re.compile(
    r"\b(\d{1,2})\.\s*(" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?\s+(\d{4})\b" + _TIME, re.I
)
_ISO_LIKE = re.compile(r"^\d{4}-\d{2}-\d{2}")


def _local(year: int, month: int, day: int, hour=None, minute=None, second=None) -> datetime | None:
    try:
        return datetime(year, month, day, int(hour or 0), int(minute or 0), int(second or 0), tzinfo=LOCAL_TZ)
    except ValueError:
        return None


def _plausible(value: datetime) -> bool:
    return 1990 <= value.year <= datetime.now().year + 1


def parse_iso(text: str) -> datetime | None:
    """ISO 8601 as in JSON-LD and meta tags; naive values become German local time."""
    text = text.strip()
    if not _ISO_LIKE.match(text):
        return None
    candidate = text.replace("Z", "+00:00").replace(" ", "T", 1)
    candidate = re.sub(r"([+-]\d{2})(\d{2})$", r"\1:\2", candidate)  # +0100 → +01:00
    candidate = re.sub(r"\.\d+(?=[+-]|$)", "", candidate)  # fractional seconds of any length
    try:
        value = datetime.fromisoformat(candidate)
    except ValueError:
        try:
            from dateutil import parser as dateutil_parser

            value = dateutil_parser.isoparse(text)
        except (ValueError, OverflowError, ImportError):
            return None
    if value.tzinfo is None:
        value = value.replace(tzinfo=LOCAL_TZ)
    return value if _plausible(value) else None


def parse_german(text: str) -> datetime | None:
    """The first German-written date (with optional time) in ``text``."""
    found = []
    match = _NUMERIC.search(text)
    if match:
        day, month, year, hour, minute, second = match.groups()
        year = int(year) + (2000 if len(year) == 2 else 0)
        found.append((match.start(), _local(year, int(month), int(day), hour, minute, second)))
    match = _WORDED.search(text)
    if match:
        day, month, year, hour, minute, second = match.groups()
        found.append((match.start(), _local(int(year), MONTHS[month.lower()], int(day), hour, minute, second)))
    found = [(pos, value) for pos, value in found if value is not None and _plausible(value)]
    return min(found, key=lambda x: x[0])[1] if found else None


def parse_date(text: str | None) -> datetime | None:
    """ISO 8601 or a German date; ``None`` when nothing plausible is found."""
    if not text or not isinstance(text, str):
        return None
    return parse_iso(text) or parse_german(text)

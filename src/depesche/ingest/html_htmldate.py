"""htmldate as the HTML reader's last resort for the publication day.

htmldate's extensive search hands date-like strings it cannot read itself to
dateparser, set up with every one of dateparser's ~200 locales: its first
call compiles each locale's word regexes (~2.5 CPU-s per process, 15 % of a
100-page ingest profile) and its month-word cue loads them all.  The pages
we read are German (with some English, French and Italian from Swiss and
Austrian outlets), so both are limited to those languages.  htmldate has no
option for this; it looks both helpers up as module globals at call time,
which is what ``_limit_htmldate_languages`` replaces, once per process.
"""
from __future__ import annotations

import threading
from datetime import datetime

from .html_dates import parse_iso

LANGUAGES = ("de", "en", "fr", "it")

# htmldate's own dateparser settings (htmldate 1.11, extractors.get_external_parser),
# with only the languages changed.
_DATEPARSER_SETTINGS = {
    "NORMALIZE": True,
    "PARSERS": ["custom-formats", "absolute-time"],
    "PREFER_DATES_FROM": "past",
    "PREFER_LOCALE_DATE_ORDER": True,
    "RETURN_AS_TIMEZONE_AWARE": False,
    "STRICT_PARSING": True,
}

_patched = False
_lock = threading.Lock()


def _limit_htmldate_languages() -> None:
    global _patched
    with _lock:
        if _patched:
            return
        _patched = True
        try:
            from dateparser import DateDataParser
            from dateparser.languages.loader import default_loader
            from htmldate import extractors
        except ImportError:
            return
        if not (hasattr(extractors, "get_external_parser") and hasattr(extractors, "month_words")):
            return  # another htmldate: leave it as it is
        parser = DateDataParser(languages=list(LANGUAGES), settings=_DATEPARSER_SETTINGS)
        months = frozenset(
            extractors._fold_month_name(word)
            for locale in default_loader.get_locales(languages=list(LANGUAGES))
            for key in extractors.MONTH_KEYS
            for word in locale.info.get(key, [])
            if extractors.WORD.fullmatch(word)
        )
        extractors.get_external_parser = lambda: parser
        extractors.month_words = lambda: months


def htmldate_day(tree) -> datetime | None:
    """The publication day htmldate finds in the page ``tree`` (not changed):
    its markup heuristics first, then its search of the page text."""
    try:
        from htmldate import find_date

        _limit_htmldate_languages()
        found = find_date(tree, extensive_search=False, original_date=True) or find_date(
            tree, extensive_search=True, original_date=True
        )
    except Exception:  # noqa: BLE001 - a heuristic's failure is no date, not an error
        return None
    return parse_iso(found) if found else None

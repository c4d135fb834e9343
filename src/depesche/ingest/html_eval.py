"""Scoring main-text extraction the way trafilatura's evaluation does.

A case names a page and snippets that the main text must contain (``with``)
and must not contain (``without``).  A ``with`` snippet found is a true
positive, one missing a false negative; a ``without`` snippet found is a
false positive, one absent a true negative.  Counts are summed over all
pages, then precision, recall and F1 are computed from the sums.
"""
from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path


@dataclass
class Case:
    url: str
    file: Path
    with_: list[str]
    without: list[str]
    title: str | None = None  # gold metadata, where the case file has it
    date: str | None = None  # YYYY-MM-DD


@dataclass
class MetaScore:
    """Share of pages whose headline / publication day equal the case file's."""

    titles: int = 0
    titles_right: int = 0
    dates: int = 0
    dates_right: int = 0

    def add(self, case: Case, title: str | None, day: str | None) -> None:
        if case.title:
            self.titles += 1
            self.titles_right += _fold(title) == _fold(case.title)
        if case.date:
            self.dates += 1
            self.dates_right += day == case.date

    @property
    def title_accuracy(self) -> float:
        return self.titles_right / self.titles if self.titles else 0.0

    @property
    def date_accuracy(self) -> float:
        return self.dates_right / self.dates if self.dates else 0.0


def _fold(text: str | None) -> str:
    return " ".join((text or "").split())


@dataclass
class Score:
    tp: int = 0
    fn: int = 0
    fp: int = 0
    tn: int = 0
    misses: list[tuple[str, str, str]] = field(default_factory=list)  # (file, "FN"|"FP", snippet)

    def add(self, case: Case, text: str | None) -> None:
        text = text or ""
        for snippet in case.with_:
            if snippet in text:
                self.tp += 1
            else:
                self.fn += 1
                self.misses.append((case.file.name, "FN", snippet))
        for snippet in case.without:
            if snippet in text:
                self.fp += 1
                self.misses.append((case.file.name, "FP", snippet))
            else:
                self.tn += 1

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def load_cases(path: str | Path) -> list[Case]:
    """Cases from a ``cases.json`` whose pages lie in ``pages/`` beside it."""
    path = Path(path)
    data = json.loads(path.read_text(encoding="utf-8"))
    return [
        Case(url, path.parent / "pages" / entry["file"], list(entry.get("with", [])), list(entry.get("without", [])),
             entry.get("title") or None, _valid_day(entry.get("date")))
        for url, entry in data.items()
    ]


def _valid_day(value) -> str | None:
    """The case's date if it is a real YYYY-MM-DD day (a few gold dates are malformed)."""
    from datetime import date

    try:
        return date.fromisoformat(value).isoformat() if isinstance(value, str) else None
    except ValueError:
        return None


def half(case: Case) -> str:
    """A stable split into halves "A" and "B" (by file name), to tune on one and check on the other."""
    return "A" if hashlib.sha1(case.file.name.encode("utf-8")).digest()[0] % 2 == 0 else "B"


def depesche_text(html: bytes, url: str | None) -> str:
    """What ``depesche extract`` writes for a page ('' when nothing could be read)."""
    from .common import ItemError
    from .html import main_text_of, read_html

    try:
        return main_text_of(read_html(html, url=url))
    except ItemError:
        return ""


def trafilatura_text(html: bytes, url: str | None) -> str:
    """Plain ``trafilatura.extract`` with its default settings: the baseline."""
    import trafilatura

    return trafilatura.extract(html, url=url) or ""


EXTRACTORS: dict[str, Callable[[bytes, str | None], str]] = {
    "depesche": depesche_text,
    "trafilatura": trafilatura_text,
}


def evaluate(cases: list[Case], extractors: dict[str, Callable] | None = None) -> dict[str, dict[str, Score]]:
    """Scores per extractor, for all cases and per half: ``{name: {"all"|"A"|"B": Score}}``."""
    extractors = extractors or EXTRACTORS
    scores = {name: {"all": Score(), "A": Score(), "B": Score()} for name in extractors}
    for case in cases:
        try:
            html = case.file.read_bytes()
        except OSError:
            html = b""
        for name, extract in extractors.items():
            # no URL, as ``depesche extract`` is run on bare files
            text = extract(html, None) if html else ""
            scores[name]["all"].add(case, text)
            scores[name][half(case)].add(case, text)
    return scores


def evaluate_metadata(cases: list[Case]) -> dict[str, MetaScore]:
    """Headline and publication-day accuracy of depesche and of trafilatura's metadata."""
    import trafilatura

    from .common import ItemError
    from .html import read_html
    from .html_dates import LOCAL_TZ

    scores = {"depesche": MetaScore(), "trafilatura": MetaScore()}
    for case in cases:
        if not (case.title or case.date):
            continue
        try:
            html = case.file.read_bytes()
        except OSError:
            continue
        try:
            article = read_html(html)
            day = article.published.astimezone(LOCAL_TZ).date().isoformat() if article.published else None
            scores["depesche"].add(case, article.headline, day)
        except ItemError:
            scores["depesche"].add(case, None, None)
        try:
            meta = trafilatura.extract_metadata(html.decode("utf-8", errors="replace"))
            scores["trafilatura"].add(case, meta.title, meta.date)
        except Exception:  # noqa: BLE001 - the baseline's failure counts as a miss
            scores["trafilatura"].add(case, None, None)
    return scores

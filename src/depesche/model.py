"""Data classes shared by every stage: ingest → analyse → store → serve.

All character offsets of derived facts (mentions, quotes, events) index into
``Article.body`` as stored.  A ``Span`` is half-open: ``body[start:end]``.
"""
from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any


@dataclass
class Span:
    """A half-open character range into the article body."""

    start: int
    end: int
    text: str = ""

    def to_dict(self) -> dict:
        return {"start": self.start, "end": self.end, "text": self.text}


@dataclass
class Paragraph:
    """One block of the body. ``kind`` is ``"p"`` (prose) or ``"h"`` (subheading)."""

    start: int
    end: int
    kind: str = "p"


@dataclass
class SourceRef:
    """Where the raw input of an article came from, so nothing is lost.

    ``location`` is a path or URI, ``offset`` a byte offset inside it (WARC
    record, JSONL line start) or ``None``, ``sha256`` the hash of the raw bytes
    of the item.
    """

    location: str
    offset: int | None = None
    sha256: str = ""

    def __str__(self) -> str:
        return self.location if self.offset is None else f"{self.location}#{self.offset}"


@dataclass
class Article:
    """A news article as read from one input item."""

    id: str = ""
    url: str | None = None
    canonical_url: str | None = None
    outlet: str | None = None
    section: str | None = None
    kicker: str | None = None
    headline: str | None = None
    teaser: str | None = None
    body: str = ""
    paragraphs: list[Paragraph] = field(default_factory=list)
    published: datetime | None = None
    modified: datetime | None = None
    authors: list[str] = field(default_factory=list)
    agency: str | None = None
    author_initials: str | None = None
    image: str | None = None
    caption: str | None = None
    credit: str | None = None
    keywords: list[str] = field(default_factory=list)
    language: str | None = None
    format: str = ""  # html | warc | feed | jsonl | text
    content_hash: str = ""
    source_ref: SourceRef | None = None
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def subheadings(self) -> list[str]:
        return [self.body[p.start:p.end] for p in self.paragraphs if p.kind == "h"]

    def to_dict(self) -> dict:
        return _plain(self)


@dataclass
class Entity:
    """One actor: a person, organisation, place or other named thing.

    ``id`` is stable: a knowledge-base id (``kb:...``) when linked, else a
    hash of type and normalised canonical name (``new:...``).
    """

    id: str
    type: str  # PER | ORG | LOC | OTH
    name: str  # canonical German name
    aliases: list[str] = field(default_factory=list)
    country: str | None = None  # ISO-3 where it applies
    kb_id: str | None = None
    wikidata: str | None = None
    confidence: float = 1.0


@dataclass
class Mention:
    """A mention of an entity in the body (names, role nouns, pronouns)."""

    start: int
    end: int
    text: str
    label: str  # PER | ORG | LOC | OTH (NER label, or the entity's type)
    entity_id: str | None = None
    kind: str = "name"  # name | nominal | pronoun | adjective
    confidence: float = 1.0


@dataclass
class Quote:
    """A quotation in the scheme of the German news quotation corpus.

    ``type``: Direct, Indirect, FreeIndirect, IndirectFreeIndirect, Reported.
    ``medium``: Speech, Writing, Thought, SW, ST, TW.
    Each role is a list of spans (interrupted quotes have several).
    """

    type: str
    quote: list[Span]
    medium: str = "Speech"
    cue: list[Span] = field(default_factory=list)
    speaker: list[Span] = field(default_factory=list)
    frame: list[Span] = field(default_factory=list)
    addressee: list[Span] = field(default_factory=list)
    speaker_entity_id: str | None = None
    speaker_name: str | None = None  # canonical name of the resolved speaker
    speaker_chain: list[Span] = field(default_factory=list)  # evidence for the resolution
    sentence: Span | None = None
    confidence: float = 1.0
    nested_in: int | None = None  # index of the enclosing quote in Analysis.quotes

    @property
    def start(self) -> int:
        return min(s.start for s in self.quote) if self.quote else 0

    @property
    def end(self) -> int:
        return max(s.end for s in self.quote) if self.quote else 0


@dataclass
class Actor:
    """Source or target of an event: the span as written and who it is."""

    span: Span | None
    canonical: str | None = None  # full name, ISO-3 code, or organisation name
    entity_id: str | None = None


@dataclass
class Event:
    """A PLOVER event anchored to one sentence of the body."""

    type: str  # AGREE, CONSULT, ..., ASSAULT
    sentence: Span
    mode: str | None = None
    source: Actor | None = None
    target: Actor | None = None
    date: date | None = None
    date_start: date | None = None  # vaguer expressions: a range
    date_end: date | None = None
    date_text: str | None = None
    location: Span | None = None
    location_code: str | None = None  # ISO-3 of the place's country
    reciprocal: bool = False
    cue: Span | None = None
    quote_index: int | None = None  # index into Analysis.quotes when reported speech
    asserted_by: str = "outlet"  # outlet | speaker
    confidence: float = 1.0


@dataclass
class Analysis:
    """Everything the analysis stages derive from one article."""

    article: Article
    doc: Any = None  # spacy.tokens.Doc over article.body
    mentions: list[Mention] = field(default_factory=list)
    entities: list[Entity] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    pipeline_version: str = ""

    def entity(self, entity_id: str | None) -> Entity | None:
        for e in self.entities:
            if e.id == entity_id:
                return e
        return None


def _plain(obj: Any) -> Any:
    """dataclass → JSON-ready dicts (datetimes as ISO strings)."""
    if dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        return {f.name: _plain(getattr(obj, f.name)) for f in dataclasses.fields(obj)}
    if isinstance(obj, (list, tuple)):
        return [_plain(x) for x in obj]
    if isinstance(obj, dict):
        return {k: _plain(v) for k, v in obj.items()}
    if isinstance(obj, (datetime, date)):
        return obj.isoformat()
    return obj


to_plain = _plain

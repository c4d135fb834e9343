"""depesche.entities: one identity per actor.

The analysis stage (:mod:`.stage`, order 20) clusters the mentions of each
entity within an article and links clusters to the shipped knowledge base
(:mod:`.kb`).  Later stages ask :func:`resolve` which entity a span of the
body refers to — the quotes stage for speakers, the events stage for actors.
"""
from __future__ import annotations

import re

from ..model import Analysis, Entity, Mention, Span

PRONOUNS = {"er", "sie", "ihm", "ihn", "ihr", "dieser", "diese", "jener", "der", "die"}
PERSON_PRONOUNS = {"er", "ihm", "ihn", "dieser", "jener", "der"}


def _top_level(ms: list[Mention]) -> list[Mention]:
    """Mentions not nested in a longer one of the list."""
    return [m for m in ms if not any(o is not m and o.start <= m.start and m.end <= o.end
                                     and (o.end - o.start) > (m.end - m.start) for o in ms)]


def _head(analysis: Analysis, ms: list[Mention]) -> Mention | None:
    """The mention heading a noun phrase.

    German puts possessors, roles and titles before the name they describe
    ("Bidens Nationaler Sicherheitsberater Jake Sullivan") and attributes after
    it ("Patrick Kamanda von der Umweltbehörde Ugandas").  So: prefer people;
    among them skip mentions directly followed by another person mention;
    then organisations, then anything but adjectives.
    """
    body = analysis.article.body
    ms = sorted(_top_level(ms), key=lambda m: m.start)
    people = [m for m in ms if m.label == "PER" and m.kind != "adjective"]
    for i, m in enumerate(people):
        nxt = people[i + 1] if i + 1 < len(people) else None
        if nxt is not None and re.fullmatch(r"[\s,]*", body[m.end:nxt.start]):
            continue
        return m
    for label in ("ORG", "LOC", "OTH"):
        for m in ms:
            if m.label == label and m.kind != "adjective":
                return m
    return ms[0] if ms else None


def resolve_mention(analysis: Analysis, start: int, end: int) -> tuple[Mention | None, list[Span]]:
    """The mention a span of the body refers to, with the evidence chain.

    * mentions inside the span: the head (see :func:`_head`);
    * the span inside a mention: that mention;
    * a pronoun ("er", "sie"): the nearest person mentioned before it.

    The chain lists the span's own mention and, for a person, the first
    mention of the entity with its fullest name (the evidence for the name).
    """
    linked = [m for m in analysis.mentions if m.entity_id]
    inside = [m for m in linked if m.start >= start and m.end <= end]
    mention = _head(analysis, inside) if inside else None
    if mention is None:
        around = [m for m in linked if m.start <= start and m.end >= end]
        if around:
            mention = min(around, key=lambda m: m.end - m.start)
    if mention is None:
        text = analysis.article.body[start:end].strip().lower()
        if text in PRONOUNS:
            before = [m for m in linked if m.end <= start and m.label == "PER" and m.kind != "adjective"]
            if before:
                mention = max(before, key=lambda m: m.end)
    if mention is None:
        return None, []
    chain = [Span(mention.start, mention.end, mention.text)]
    entity = analysis.entity(mention.entity_id)
    if entity is not None:
        for m in linked:
            if m.entity_id == entity.id and m.text == entity.name and m is not mention:
                chain.append(Span(m.start, m.end, m.text))
                break
    if not (start <= mention.start and mention.end <= end):
        chain.insert(0, Span(start, end, analysis.article.body[start:end]))
    return mention, chain


def resolve(analysis: Analysis, start: int, end: int) -> Entity | None:
    """The entity that the body span ``[start, end)`` refers to, or None."""
    mention, _ = resolve_mention(analysis, start, end)
    return analysis.entity(mention.entity_id) if mention is not None else None


__all__ = ["resolve", "resolve_mention"]

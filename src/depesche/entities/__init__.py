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
    return None  # only adjectives ("der ecuadorianische Präsident"): not the country


FEMALE_ENDINGS = ("a", "e", "in", "ine", "ie", "id", "run", "trud", "burg")
MALE_EXCEPTIONS = {"Uwe", "Ove", "Kuwe", "Andrea", "Luca", "Nikita", "Mustafa", "Costa", "Sascha", "Joschka", "Jona",
                   "Ilja", "Jona", "Elia", "Malte", "Janne", "Mika", "Klaus-Uwe", "Joe", "Mike", "Dave", "Steve",
                   "Jose", "George", "Pierre", "Christophe", "Kristján", "Jean", "Wayne", "Kyle", "Bruce", "Mose",
                   "Hosni", "Benedikt", "Martin", "Kevin", "Edwin", "Erwin", "Marvin", "Justin", "Alain", "Hassan",
                   "Benjamin", "Franklin", "Dustin", "Quentin", "Calvin", "Darwin", "Merlin", "Lukas", "Kim"}
PREPOSITIONS = {"unter", "von", "vom", "mit", "bei", "beim", "gegen", "für", "an", "auf", "nach", "zu", "zum", "zur",
                "über", "durch", "ohne", "um", "des", "dem", "den", "wie", "als", "laut", "zwischen", "neben", "und"}


def _gender(analysis: Analysis, entity_id: str) -> str | None:
    """"f"/"m" from a first name or a feminine role noun in the article, else None."""
    texts = [m.text for m in analysis.mentions if m.entity_id == entity_id]
    if any(re.search(r"(?:in|innen)$", t) and m_kind == "nominal"
           for t, m_kind in ((m.text, m.kind) for m in analysis.mentions if m.entity_id == entity_id)):
        return "f"
    e = analysis.entity(entity_id)
    name = e.name if e is not None else (texts[0] if texts else "")
    parts = name.split()
    if len(parts) < 2:
        return None
    first = parts[0]
    if first in MALE_EXCEPTIONS:
        return "m"
    return "f" if first.endswith(FEMALE_ENDINGS) else "m"


def _sentence_starts(analysis: Analysis) -> list[int]:
    doc = analysis.doc
    if doc is not None and doc.has_annotation("SENT_START"):
        return [s.start_char for s in doc.sents]
    body = analysis.article.body
    return [0] + [m.end() for m in re.finditer(r"[.!?…][“\"»]?\s+(?=[A-ZÄÖÜ„\"«])", body)]


def _antecedent(analysis: Analysis, start: int, pronoun: str) -> Mention | None:
    """The person (or, for "sie", an organisation named with "die") a pronoun
    refers to: among mentions in its sentence (before it) and the two
    sentences before, prefer matching gender, then a
    mention not governed by a preposition or genitive article (a likely
    subject), then the first person of its sentence, then the most recent."""
    body = analysis.article.body
    starts = _sentence_starts(analysis)
    here = max([s for s in starts if s <= start] or [0])
    idx = starts.index(here) if here in starts else 0
    window = starts[max(0, idx - 2)]
    cands = [m for m in analysis.mentions if m.entity_id and window <= m.start and m.end <= start
             and m.label == "PER" and m.kind != "adjective"]
    if not cands:
        cands = [m for m in analysis.mentions if m.entity_id and m.end <= start and m.label == "PER"
                 and m.kind != "adjective"][-1:]
        return cands[0] if cands else None
    want = "m" if pronoun in PERSON_PRONOUNS else ("f" if pronoun in ("sie", "ihr", "diese") else None)
    if want == "f":
        # "sie" may be an organisation named with a feminine article ("die Gewerkschaft")
        cands += [m for m in analysis.mentions if m.entity_id and window <= m.start and m.end <= start
                  and m.label == "ORG" and m.kind == "name"
                  and re.search(r"\b[Dd]ie\s+$", body[max(0, m.start - 8):m.start])]
    best, best_score = None, None
    for m in cands:
        score = 0.0
        if m.label == "ORG":
            score += 0.5  # weaker than a person of the right gender
        else:
            g = _gender(analysis, m.entity_id)
            if want and g:
                score += 1 if g == want else -5
        prev = re.search(r"(\w+)\W*$", body[max(0, m.start - 30):m.start])
        if prev and prev.group(1).lower() in PREPOSITIONS:
            score -= 2
        sent_start = max(s for s in starts if s <= m.start)
        first_in_sentence = not any(o.label == "PER" and sent_start <= o.start < m.start and o.entity_id
                                    and o.entity_id != m.entity_id for o in cands)
        if first_in_sentence:
            score += 1
        back = sum(1 for s in starts if m.start < s <= start)
        score -= 0.3 * back
        key = (score, m.start)
        if best_score is None or key > best_score:
            best, best_score = m, key
    return best


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
            mention = _antecedent(analysis, start, text)
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

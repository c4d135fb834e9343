"""Who is the speaker?  From the span as written to an entity of the article.

The entities stage (order 20) is asked first: its ``depesche.entities.resolve``
when it exists, else its mentions overlapping the speaker span.  Without it a
small resolver of our own, working left to right through the article:

* a span containing a name ("Bidens Nationaler Sicherheitsberater Jake
  Sullivan") → the name after the last role noun ("Jake Sullivan");
* a surname alone ("Sullivan") → the fullest earlier name ending in it;
* a pronoun ("er", "sie") → the most recent person speaker or name;
* a role noun alone ("der Sprecher", "der Kremlchef") → the most recent name
  written next to that role noun;
* an institution ("der Kreml", "das Gericht") → its name without the article.

Every resolution carries its evidence: the spans of the mention chain.
"""
from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field

from ..model import Analysis, Entity, Quote, Span

ARTICLES = {"der", "die", "das", "des", "dem", "den", "ein", "eine", "einer", "eines", "einem", "einen"}
PRONOUNS = {"er": "m", "sie": "f", "ihm": "m", "ihn": "m", "ihr": "f"}
ROLE_SUFFIXES = (
    "präsident", "präsidentin", "minister", "ministerin", "sprecher", "sprecherin", "kanzler",
    "kanzlerin", "berater", "beraterin", "chef", "chefin", "leiter", "leiterin", "führer",
    "führerin", "sekretär", "sekretärin", "vorsitzende", "vorsitzender", "direktor", "direktorin",
    "botschafter", "botschafterin", "kommissar", "kommissarin", "bürgermeister", "bürgermeisterin",
    "abgeordnete", "abgeordneter", "politiker", "politikerin", "experte", "expertin", "anwalt",
    "anwältin", "richter", "richterin", "staatschef", "regierungschef", "premier", "premierminister",
    "vize", "general", "trainer", "trainerin", "gouverneur", "gouverneurin", "könig", "königin",
    "papst", "bischof", "professor", "professorin", "dr.", "prof.", "sprecherinnen", "gründer",
    "autor", "autorin", "kollege", "kollegen", "kandidat", "kandidatin", "senator", "senatorin",
)
# words that end a name run (statement nouns and sources, not people)
NOT_NAME = {"angaben", "mitteilung", "bericht", "berichten", "erklärung", "informationen", "zufolge",
            "laut", "nach", "so", "auch", "am", "im", "in", "bei", "vor"}
_TOKEN = re.compile(r"\w+(?:[-'’]\w+)*", re.UNICODE)


def entity_id(type_: str, name: str) -> str:
    """The ids the entities placeholder gives unlinked entities (type + name hash)."""
    return "new:" + hashlib.sha1(f"{type_}|{name}".encode()).hexdigest()[:12]


def _is_role(word: str) -> bool:
    w = word.lower()
    return w.endswith(ROLE_SUFFIXES)


@dataclass
class Known:
    name: str
    type: str
    chain: list[Span] = field(default_factory=list)
    roles: set[str] = field(default_factory=set)
    entity_id: str | None = None

    @property
    def gender(self) -> str | None:
        """From the role nouns written with the name: "Ministerin" → f, "Minister" → m."""
        if not self.roles:
            return None
        return "f" if any(r.endswith(("in", "frau")) for r in self.roles) else "m"


@dataclass
class Resolution:
    name: str
    type: str
    entity_id: str | None
    chain: list[Span]


class Resolver:
    """Resolves speaker spans of one article in text order."""

    def __init__(self, analysis: Analysis):
        self.analysis = analysis
        self.text = analysis.article.body
        self.known: list[tuple[int, Known]] = []  # (position, person/org) in text order
        self._seed_from_text()

    # -- names found in the text before any quote ------------------------
    def _seed_from_text(self) -> None:
        """Collect "Rolle Vorname Nachname" patterns and NER mentions as known names."""
        for m in self.analysis.mentions:
            if m.label in ("PER", "ORG"):
                ent = self.analysis.entity(m.entity_id)
                name = ent.name if ent else m.text
                self._add(m.start, name, m.label, Span(m.start, m.end, m.text), entity_id=m.entity_id)
        toks = [(mt.start(), mt.end(), mt.group()) for mt in _TOKEN.finditer(self.text)]
        for i, (s, e, w) in enumerate(toks):
            if not _is_role(w) or not w[:1].isupper():
                continue
            run = []
            prev_end = e
            for s2, e2, w2 in toks[i + 1:i + 4]:
                gap = self.text[prev_end:s2]
                if gap.strip() or "\n" in gap:  # punctuation or a line break ends the name
                    break
                if w2[:1].isupper() and not _is_role(w2) and w2.lower() not in NOT_NAME | ARTICLES:
                    run.append((s2, e2, w2))
                    prev_end = e2
                else:
                    break
            if len(run) >= 2:
                b, en = run[0][0], run[-1][1]
                self._add(b, self.text[b:en], "PER", Span(b, en, self.text[b:en]), role=w.lower())

    def _add(self, pos: int, name: str, type_: str, span: Span, role: str | None = None,
             entity_id: str | None = None) -> Known:
        for _, k in self.known:
            if k.name == name or (type_ == "PER" and k.type == "PER" and k.name.endswith(" " + name)):
                k.chain.append(span)
                if role:
                    k.roles.add(role)
                return k
        k = Known(name, type_, [span], {role} if role else set(), entity_id)
        self.known.append((pos, k))
        self.known.sort(key=lambda x: x[0])
        return k

    def _before(self, pos: int) -> list[Known]:
        return [k for p, k in self.known if p < pos]

    # -- resolution ---------------------------------------------------------
    def resolve(self, span: Span) -> Resolution | None:
        ent = self._from_entities_stage(span)
        if ent is not None:
            return ent
        words = span.text.split()
        if not words:
            return None
        lower = [w.lower().strip(",") for w in words]
        if len(words) == 1 and lower[0] in PRONOUNS:
            return self._pronoun(span)
        # the name after the last role noun
        last_role = max((i for i, w in enumerate(words) if _is_role(w)), default=-1)
        # the first run of capitalised words after the role noun ("Berger in Bonn" → "Berger")
        tail: list[str] = []
        for w in words[last_role + 1:]:
            w = w.strip(",()")
            if w[:1].isupper() and w.lower() not in NOT_NAME and w.lower() not in ARTICLES:
                tail.append(w)
            elif tail:
                break
        if tail and last_role >= 0 or len(tail) >= 2:
            name = " ".join(tail[-3:])
            return self._named(span, name, "PER")
        if len(tail) == 1:
            name = tail[0]
            full = self._fullest(name, span.start)
            if full is not None:
                full.chain.append(span)
                return Resolution(full.name, full.type, full.entity_id or entity_id(full.type, full.name), list(full.chain))
            # one capitalised word, no role noun: an institution or a surname first seen here
            type_ = "ORG" if lower[0] in ARTICLES or name.isupper() else "PER"
            return self._named(span, name, type_)
        if last_role >= 0:
            role = words[last_role].lower()
            for k in reversed(self._before(span.start)):
                if role in k.roles or any(r.endswith(role) or role.endswith(r) for r in k.roles):
                    k.chain.append(span)
                    return Resolution(k.name, k.type, k.entity_id or entity_id(k.type, k.name), list(k.chain))
        return None

    def _from_entities_stage(self, span: Span) -> Resolution | None:
        try:
            from ..entities import resolve as stage_resolve  # offered by the entities stage
        except ImportError:
            stage_resolve = None
        if stage_resolve is not None:
            try:
                ent = stage_resolve(self.analysis, span.start, span.end)
            except Exception:  # the entities stage must never break quotes
                ent = None
            if isinstance(ent, Entity):
                chain = [Span(m.start, m.end, m.text) for m in self.analysis.mentions
                         if m.entity_id == ent.id and m.start <= span.start]
                if not any(c.start == span.start for c in chain):
                    chain.append(span)
                return Resolution(ent.name, ent.type, ent.id, chain)
        # mentions overlapping the span, preferring the longest name
        best = None
        for m in self.analysis.mentions:
            if m.entity_id and m.start < span.end and span.start < m.end and m.label in ("PER", "ORG"):
                if best is None or (m.end - m.start) > (best.end - best.start):
                    best = m
        if best is not None:
            ent = self.analysis.entity(best.entity_id)
            if ent is not None:
                chain = [Span(m.start, m.end, m.text) for m in self.analysis.mentions
                         if m.entity_id == ent.id and m.start <= span.start]
                return Resolution(ent.name, ent.type, ent.id, chain or [span])
        return None

    def _fullest(self, surname: str, pos: int) -> Known | None:
        best = None
        for k in self._before(pos + 1):
            if k.name == surname or k.name.endswith(" " + surname):
                if best is None or len(k.name) > len(best.name):
                    best = k
        return best

    def _named(self, span: Span, name: str, type_: str) -> Resolution:
        full = self._fullest(name.split()[-1], span.start) if type_ == "PER" else None
        if full is not None and len(full.name) > len(name) and full.name.endswith(name):
            name = full.name
        k = self._add(span.start, name, type_, span)
        return Resolution(k.name, k.type, k.entity_id or entity_id(k.type, k.name), list(k.chain))

    def _pronoun(self, span: Span) -> Resolution | None:
        wanted = PRONOUNS.get(span.text.lower())
        for k in reversed(self._before(span.start)):
            if k.type == "PER" and (k.gender is None or wanted is None or k.gender == wanted):
                k.chain.append(span)
                return Resolution(k.name, k.type, k.entity_id or entity_id(k.type, k.name), list(k.chain))
        return None

    def note_speaker(self, res: Resolution, span: Span) -> None:
        """A resolved speaker becomes the most recent candidate for pronouns."""
        for i, (p, k) in enumerate(self.known):
            if k.name == res.name:
                self.known[i] = (max(p, span.start), k)
        self.known.sort(key=lambda x: x[0])


def resolve_speakers(analysis: Analysis, quotes: list[Quote]) -> None:
    """Fill ``speaker_name``, ``speaker_entity_id`` and ``speaker_chain`` in place."""
    resolver = Resolver(analysis)
    for q in sorted(quotes, key=lambda q: q.speaker[0].start if q.speaker else q.start):
        if not q.speaker:
            continue
        span = q.speaker[0]
        res = resolver.resolve(span)
        if res is None:
            continue
        resolver.note_speaker(res, span)
        q.speaker_name = res.name
        if res.entity_id and res.entity_id.startswith("new:") and _is_role(res.name.split()[0].rstrip("s")):
            # "die Staatschefs beider Länder": a group described by role, not a nameable entity
            q.speaker_chain = list(res.chain)
            continue
        q.speaker_entity_id = res.entity_id
        q.speaker_chain = sorted({(s.start, s.end): s for s in res.chain}.values(), key=lambda s: s.start)
        if analysis.entity(res.entity_id) is None:
            # let the quote be found by name in the entities table too
            aliases = [res.name]
            if res.type == "PER" and " " in res.name:
                aliases.append(res.name.split()[-1])  # the surname, as articles repeat it
            analysis.entities.append(Entity(id=res.entity_id, type=res.type, name=res.name, aliases=aliases))

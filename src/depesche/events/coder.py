"""Rule-based PLOVER event coder for German news sentences.

How a sentence becomes events:

1. *Cues.*  Every token's lemma is looked up in the German vocabulary
   (:mod:`depesche.events.lexicon`): verbs (with separable particles joined
   back, "lehnte … ab" → "ablehnen") and nouns (also as the head of a
   compound: "Krisentreffen" → "Treffen").  Cues with ``needs`` fire only
   with a support verb in the sentence ("verhängte Sanktionen").
2. *Factuality.*  A negation in the cue's clause drops it.  Material
   actions under a modal, future or Konjunktiv II are promises: PLOVER codes
   announced aid/cooperation/meetings as AGREE and withdrawals/releases as
   CONCEDE; other material actions that merely might happen are dropped.
   Speech acts count even when their content is conditional.
3. *Actors.*  Candidates are the article's entity mentions (from the
   entities stage) and generic agents ("Polizei", "Demonstranten") in the
   sentence.  The source is the first candidate in the cue's clause that is
   not inside a prepositional phrase (nominative by morphology where the
   language core gives case); the target follows a target preposition of
   the cue ("gegen", "an", "mit") or is the next bare candidate.  Two actors
   joined by "und" before a reciprocal cue are source and target of one
   reciprocal record.  First-person pronouns inside a quotation are the
   speaker (plural "wir": the speaker's state where it is known).
4. *Canonical names* follow the coding guide: a person's full name, a state
   or its government, ministries, armed forces and diplomats as ISO-3,
   other organisations by name.
5. *Date and place*: the first date expression of the sentence resolved
   against the publication date (else the date of the previous sentence's
   event in the same paragraph); "in <place>" for the location.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from ..model import Actor, Analysis, Entity, Event, Mention, Span
from .dates import find_dates
from .lexicon import (GENERIC_AGENTS, HYPOTHETICAL, NEGATIONS, NOUN_CUES, SEPARABLE, VERB_CUES, Cue)

PREPOSITIONS = {
    "an", "auf", "aus", "bei", "durch", "für", "gegen", "gegenüber", "hinter", "in", "im", "ins", "mit", "nach",
    "neben", "ohne", "über", "um", "unter", "von", "vom", "vor", "zu", "zum", "zur", "zwischen", "am", "beim",
    "seit", "laut", "trotz", "wegen", "während", "dank", "innerhalb", "außerhalb", "zufolge",
}
PARTICLES = {"ab", "an", "auf", "aus", "bei", "ein", "fest", "frei", "mit", "nach", "vor", "weg", "zu", "zurück",
             "zusammen", "bereit", "los", "fort", "hin", "her", "dar", "statt", "teil"}
CLAUSE_BREAKS = {",", ";", ":", "„", "“", "\"", "»", "«", "(", ")", "–", "—"}
MODAL_LEMMAS = {"wollen", "werden", "sollen", "möchten", "mögen"}
KONJ2_FORMS = {"würde", "würden", "würdest", "würdet", "könnte", "könnten", "hätte", "hätten", "wäre", "wären",
               "sollte", "sollten", "müsste", "müssten", "dürfte", "dürften"}
GOVERNMENT_WORDS = ("kreml", "weißes haus", "weiße haus", "regierung", "ministerium", "auswärtiges amt", "außenamt",
                    "pentagon", "armee", "streitkräfte", "bundeswehr", "präsidialamt", "élysée", "elysée",
                    "downing street", "kanzleramt", "militär", "außenministerium", "verteidigungsministerium")
SIDE_PREPS = {"bei", "beim", "nach", "vor", "während", "seit", "im", "am", "zum", "vom"}
FIRST_PERSON_PLURAL = {"wir", "uns", "unsere", "unser", "unseren", "unserem", "unserer"}
FIRST_PERSON_SINGULAR = {"ich", "mir", "mich"}

_LEMMA_CACHE: dict[str, str] = {}


def lemma_of(token) -> str:
    """The token's lemma from the language core, else simplemma's guess."""
    lem = token.lemma_
    if lem and (lem != token.text or token.is_lower):
        return lem
    text = token.text
    if text not in _LEMMA_CACHE:
        try:
            import simplemma

            _LEMMA_CACHE[text] = simplemma.lemmatize(text, lang="de")
        except Exception:  # pragma: no cover - simplemma is a dependency
            _LEMMA_CACHE[text] = text
    return _LEMMA_CACHE[text]


@dataclass
class ActorCandidate:
    start: int  # char offsets
    end: int
    text: str
    tok_start: int  # token indices in the doc
    tok_end: int
    entity: Entity | None
    canonical: str | None
    after_prep: str | None  # the preposition governing it, if any
    case: str | None  # Nom/Acc/Dat/Gen from morphology, if known


def canonical_for(entity: Entity | None, text: str) -> str | None:
    """Canonical actor name in the coding guide's convention."""
    if entity is None:
        key = text.lower().strip()
        for word, canon in GENERIC_AGENTS.items():
            if key.endswith(word):
                return canon
        return text or None
    name_l = entity.name.lower()
    if entity.type == "PER":
        return entity.name
    if entity.country and entity.type in ("LOC", "GPE"):
        return entity.country
    if entity.country and entity.type == "ORG" and any(w in name_l for w in GOVERNMENT_WORDS):
        return entity.country
    return entity.name


_PARTICIPLE = re.compile(r"^(ab|an|auf|aus|bei|ein|fest|frei|mit|nach|vor|weg|zu|zurück|zusammen|bereit)?ge\w{2,}(t|en)$")
_INSEPARABLE_PART = re.compile(r"^(be|ver|er|ent|zer|über|unter|miss|hinter)\w{2,}(t|en)$")


def is_participle(token) -> bool:
    """Past participle ("festgenommen", "verhaftet"), from morphology or its shape."""
    form = token.morph.get("VerbForm")
    if form:
        return "Part" in form
    low = token.text.lower()
    if _PARTICIPLE.match(low):
        return True
    # "verhaftet" is a participle only with an auxiliary; callers check for one
    return bool(_INSEPARABLE_PART.match(low)) and low.endswith("t")


def _mention_case(doc, tok_start: int, tok_end: int) -> str | None:
    """Grammatical case of a noun phrase from the morphology of its tokens or
    of the determiner right before it."""
    idx = list(range(tok_start, tok_end))
    if tok_start > 0:
        idx.insert(0, tok_start - 1)
    for i in idx:
        case = doc[i].morph.get("Case")
        if case:
            return case[0]
    return None


class EventCoder:
    """Codes events for one analysed article."""

    def __init__(self, analysis: Analysis):
        self.an = analysis
        self.doc = analysis.doc
        pub = analysis.article.published
        self.published: date | None = pub.date() if pub is not None and hasattr(pub, "date") else pub
        self.entities = {e.id: e for e in analysis.entities}
        self._mentions = sorted(analysis.mentions, key=lambda m: m.start)

    # -- helpers -------------------------------------------------------------
    def _quote_at(self, char: int) -> int | None:
        for i, q in enumerate(self.an.quotes):
            if any(s.start <= char < s.end for s in q.quote):
                return i
        return None

    def _candidates(self, sent) -> list[ActorCandidate]:
        doc = self.doc
        out: list[ActorCandidate] = []
        taken: list[tuple[int, int]] = []
        for m in self._mentions:
            if m.start < sent.start_char or m.end > sent.end_char:
                continue
            span = doc.char_span(m.start, m.end, alignment_mode="expand")
            if span is None:
                continue
            ent = self.entities.get(m.entity_id) if m.entity_id else None
            if m.kind == "pronoun" and (ent is None or ent.type != "PER"):
                continue
            out.append(self._candidate(span, ent, m.text))
            taken.append((span.start, span.end))
        for tok in sent:
            low = tok.text.lower()
            if any(s <= tok.i < e for s, e in taken):
                continue
            if low in GENERIC_AGENTS or (tok.text[:1].isupper() and low.rstrip("n") in GENERIC_AGENTS):
                out.append(self._candidate(doc[tok.i:tok.i + 1], None, tok.text))
            elif low in FIRST_PERSON_PLURAL | FIRST_PERSON_SINGULAR:
                qi = self._quote_at(tok.idx)
                if qi is not None:
                    q = self.an.quotes[qi]
                    ent = self.entities.get(q.speaker_entity_id) if q.speaker_entity_id else None
                    cand = self._candidate(doc[tok.i:tok.i + 1], ent, tok.text)
                    if ent is not None:
                        if low in FIRST_PERSON_PLURAL and ent.type == "PER" and ent.country:
                            cand.canonical = ent.country
                    elif q.speaker_name:
                        cand.canonical = q.speaker_name
                    else:
                        continue
                    out.append(cand)
        out.sort(key=lambda c: c.tok_start)
        return out

    def _candidate(self, span, ent: Entity | None, text: str) -> ActorCandidate:
        doc = self.doc
        prep = None
        # walk left over determiners/adjectives/numbers to find a governing preposition
        i = span.start - 1
        steps = 0
        seen_det = False
        while i >= 0 and steps < 4:
            t = doc[i]
            low = t.text.lower()
            if low in PREPOSITIONS:
                prep = low
                break
            if t.is_punct or t.pos_ in ("VERB", "AUX") or low in ("und", "oder", "sowie"):
                break
            if low in ("der", "des", "eines", "einer"):
                seen_det = True
            elif t.text[:1].isupper() and t.pos_ not in ("ADJ", "DET", "PROPN") and i != span.sent.start:
                if seen_det:
                    prep = "GEN"  # genitive attribute: "ein Stopp der NATO-Osterweiterung"
                break
            i -= 1
            steps += 1
        return ActorCandidate(span.start_char, span.end_char, span.text, span.start, span.end, ent,
                              canonical_for(ent, text), prep, _mention_case(doc, span.start, span.end))

    def _clause(self, sent, tok_i: int) -> tuple[int, int]:
        """Token range of the clause around ``tok_i`` (between clause breaks)."""
        start = tok_i
        while start > sent.start and self.doc[start - 1].text not in CLAUSE_BREAKS:
            start -= 1
        end = tok_i + 1
        while end < sent.end and self.doc[end].text not in CLAUSE_BREAKS:
            end += 1
        return start, end

    # -- cue finding ---------------------------------------------------------
    def _cues(self, sent) -> list[tuple[int, Cue]]:
        doc = self.doc
        lemmas = {lemma_of(t).lower() for t in sent} | {t.text.lower() for t in sent}
        # separable particles: PTKVZ where the tagger gives it, else a particle word before a clause break
        particles: dict[int, str] = {}
        for t in sent:
            nxt = doc[t.i + 1] if t.i + 1 < len(doc) else None
            if t.tag_ == "PTKVZ" or (t.text.lower() in PARTICLES and (nxt is None or nxt.is_punct)
                                     and t.i > sent.start and not doc[t.i - 1].text.lower() in PREPOSITIONS):
                particles[t.i] = t.text.lower()
        found: list[tuple[int, Cue]] = []
        for t in sent:
            if t.is_punct or len(t.text) < 3:
                continue
            lem = lemma_of(t)
            low = lem.lower()
            cues: list[Cue] = []
            is_noun = t.text[:1].isupper() and t.pos_ not in ("VERB", "AUX", "ADJ", "PROPN") and t.i != sent.start \
                or t.pos_ == "NOUN"
            if not is_noun or t.pos_ in ("VERB", "AUX"):
                # a particle later in the clause may belong to this verb
                c_start, c_end = self._clause(sent, t.i)
                part = next((p for i, p in sorted(particles.items()) if t.i < i < c_end), None)
                if part:
                    full = SEPARABLE.get((low, part))
                    if full:
                        cues = VERB_CUES.get(full, [])
                    elif low not in ("treffen", "sprechen"):
                        cues = []  # the particle changes the meaning ("sprach sich … aus")
                    else:
                        cues = VERB_CUES.get(low, [])
                else:
                    cues = VERB_CUES.get(low, [])
            if not cues and is_noun:
                cues = NOUN_CUES.get(low, []) or NOUN_CUES.get(t.text.lower(), [])
                if not cues and len(low) > 7:
                    # head of a compound: "Krisentreffen", "Friedensgespräche"
                    for n in range(4, len(low) - 3):
                        head = low[n:].lstrip("-")
                        if head in NOUN_CUES and len(head) >= 5:
                            cues = NOUN_CUES[head]
                            break
            for cue in cues:
                if cue.needs and not any(n.lower() in lemmas for n in cue.needs):
                    continue
                if cue.forbid and any(f.lower() in lemmas for f in cue.forbid):
                    continue
                if cue.reflexive and not ({"sich", "uns", "mich", "euch"} & {x.text.lower() for x in sent}):
                    continue
                found.append((t.i, cue))
                break
        return found

    def _factuality(self, sent, tok_i: int, cue: Cue) -> str | None:
        """Type to code, or None when the event did not (verbally) happen."""
        doc = self.doc
        c_start, c_end = self._clause(sent, tok_i)
        words = [doc[i].text.lower() for i in range(c_start, c_end)]
        if cue.pos == "NOUN":
            window = [doc[i].text.lower() for i in range(max(sent.start, tok_i - 3), tok_i)]
            if NEGATIONS & set(window):
                return None
        elif NEGATIONS & set(words):
            return None
        lemmas = {lemma_of(doc[i]).lower() for i in range(c_start, c_end)}
        if (HYPOTHETICAL & set(words)) or (HYPOTHETICAL & lemmas):
            return None
        if tok_i > sent.start and doc[tok_i - 1].text.lower() == "zu" and c_start > sent.start:
            # zu-infinitive: the governing verb stands in the clause before ("erwägt, … zu liefern")
            p_start, p_end = self._clause(sent, c_start - 2) if c_start - 2 >= sent.start else (c_start, c_start)
            gov = {lemma_of(doc[i]).lower() for i in range(p_start, p_end)} | {doc[i].text.lower() for i in range(p_start, p_end)}
            if HYPOTHETICAL & gov:
                return None
            lemmas |= gov
        if is_participle(doc[tok_i]):
            lemmas = lemmas - {"werden"}  # passive "wurde festgenommen", not future
        modal = bool(MODAL_LEMMAS & lemmas) or bool(KONJ2_FORMS & set(words))
        if cue.pos == "NOUN":
            prev = doc[tok_i - 1].text.lower() if tok_i > sent.start else ""
            prev2 = doc[tok_i - 2].text.lower() if tok_i - 1 > sent.start else ""
            if prev in SIDE_PREPS or prev2 in SIDE_PREPS:
                return None  # side mention in an adjunct: "bei dem Gespräch", "nach dem Treffen"
            if modal and cue.type == "CONSULT":
                return "AGREE"  # announced meetings and talks
            return cue.type
        if cue.speech:
            return cue.type
        if modal:
            return cue.promise_type
        return cue.type

    # -- main ------------------------------------------------------------------
    def code(self) -> list[Event]:
        events: list[Event] = []
        if self.doc is None:
            return events
        para_ends = [p.end for p in self.an.article.paragraphs] or [len(self.an.article.body)]
        last_date: tuple[int, date | None] = (-1, None)  # (paragraph index, date)
        for sent in self.doc.sents:
            cues = self._cues(sent)
            dates = find_dates(sent.text, self.published)
            para = next((i for i, e in enumerate(para_ends) if sent.start_char < e), len(para_ends))
            day_match = next((d for d in dates if d.day), None)
            range_match = next((d for d in dates if d.day is None), None)
            if day_match:
                last_date = (para, day_match.day)
            inherited = last_date[1] if last_date[0] == para else None
            if not cues:
                continue
            cands = self._candidates(sent)
            seen: set[tuple] = set()
            for tok_i, cue in cues:
                etype = self._factuality(sent, tok_i, cue)
                if etype is None:
                    continue
                ev = self._event(sent, tok_i, cue, etype, cands)
                if ev is None:
                    continue
                key = (ev.type, ev.source.canonical if ev.source else None, ev.target.canonical if ev.target else None)
                if key in seen:
                    continue
                seen.add(key)
                if day_match:
                    ev.date, ev.date_text = day_match.day, day_match.text
                elif range_match:
                    ev.date_start, ev.date_end, ev.date_text = range_match.range_start, range_match.range_end, range_match.text
                else:
                    ev.date = inherited
                events.append(ev)
        return events

    def _event(self, sent, tok_i: int, cue: Cue, etype: str, cands: list[ActorCandidate]) -> Event | None:
        doc = self.doc
        tok = doc[tok_i]
        c_start, c_end = self._clause(sent, tok_i)
        source: ActorCandidate | None = None
        target: ActorCandidate | None = None
        reciprocal = False
        passive = cue.pos == "VERB" and is_participle(tok) and any(
            lemma_of(doc[i]).lower() == "werden" for i in range(c_start, c_end))

        # target: after one of the cue's prepositions, anywhere in the sentence
        for c in cands:
            if c.after_prep and c.after_prep in cue.target_preps:
                target = c
                break
        if target is None and cue.pos == "NOUN":
            target = next((c for c in cands if c.after_prep == "GEN" and c.tok_start > tok_i), None)
        in_clause = [c for c in cands if c_start <= c.tok_start < c_end] or cands
        bare = [c for c in in_clause if (c.after_prep is None or c.after_prep in ("laut", "zufolge")) and c is not target]
        # reciprocal pair "A und B"
        if cue.reciprocal:
            for a, b in zip(bare, bare[1:]):
                between = [doc[i].text.lower() for i in range(a.tok_end, b.tok_start)]
                if between in (["und"], ["sowie"]) or (between and between[-1] == "und" and len(between) <= 3):
                    source, target, reciprocal = a, b, True
                    break
            if source is None and target is not None and target.after_prep == "mit":
                reciprocal = True
        if source is None:
            if passive:
                agent = next((c for c in cands if c.after_prep in ("von", "durch")), None)
                source = agent
                if target is None:
                    target = next((c for c in bare if c is not agent), None)
            else:
                noms = [c for c in bare if c.case == "Nom" and c is not target]
                pool = noms or [c for c in bare if c is not target and c.case not in ("Gen",)]
                source = pool[0] if pool else None
        if target is None and not passive:
            rest = [c for c in bare if c is not source and (c.case in (None, "Dat", "Acc"))]
            after = [c for c in rest if c.tok_start > (source.tok_start if source else -1)]
            target = after[0] if after else None
        if source is not None and target is not None and source.canonical == target.canonical:
            target = None
        if source is None and target is None:
            return None
        loc = None
        loc_code = None
        for c in cands:
            if c.after_prep in ("in", "im") and c.entity is not None and c.entity.type == "LOC" and c not in (source, target):
                loc = Span(c.start, c.end, c.text)
                loc_code = c.entity.country
                break
        qi = self._quote_at(tok.idx)
        if qi is None:
            # reported speech: the sentence is the content of an indirect quote
            for i, q in enumerate(self.an.quotes):
                if q.type in ("Indirect", "FreeIndirect", "IndirectFreeIndirect") and any(
                        s.start <= tok.idx < s.end for s in q.quote):
                    qi = i
                    break
        return Event(
            type=etype,
            sentence=Span(sent.start_char, sent.end_char, sent.text),
            mode=cue.mode if etype == cue.type else None,
            source=_actor(source),
            target=_actor(target),
            location=loc,
            location_code=loc_code,
            reciprocal=reciprocal,
            cue=Span(tok.idx, tok.idx + len(tok.text), tok.text),
            quote_index=qi,
            asserted_by="speaker" if qi is not None else "outlet",
            confidence=0.6 if (source and target) else 0.4,
        )


def _actor(c: ActorCandidate | None) -> Actor | None:
    if c is None:
        return None
    return Actor(Span(c.start, c.end, c.text), c.canonical, c.entity.id if c.entity else None)


def code_events(analysis: Analysis) -> list[Event]:
    return EventCoder(analysis).code()


_WS = re.compile(r"\s+")

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
from functools import cached_property

from ..model import Actor, Analysis, Entity, Event, Mention, Span
from .dates import find_dates
from .lexicon import (GENERIC_AGENTS, GROUP_HEADS, HYPOTHETICAL, IRREGULAR_FORMS, NEGATIONS, NOUN_CUES, SEPARABLE, STATE_HEADS,
                      VERB_CUES, Cue)

PREPOSITIONS = {
    "an", "auf", "aus", "bei", "durch", "für", "gegen", "gegenüber", "hinter", "in", "im", "ins", "mit", "nach",
    "neben", "ohne", "über", "um", "unter", "von", "vom", "vor", "zu", "zum", "zur", "zwischen", "am", "beim",
    "seit", "laut", "trotz", "wegen", "während", "dank", "innerhalb", "außerhalb", "zufolge", "seitens",
}
AGENT_PREPS = ("von", "vom", "durch", "seitens")
PERSONAL_PRONOUNS = {"er", "sie", "dieser", "diese"}
# third-person singular pronouns that stand for a person named before ("sie" only when singular)
THIRD_PERSON_PRONOUNS = {"er", "sie", "ihn", "ihm", "dieser"}
PARTICLES = {"ab", "an", "auf", "aus", "bei", "ein", "fest", "frei", "mit", "nach", "vor", "weg", "zu", "zurück",
             "zusammen", "bereit", "los", "fort", "hin", "her", "dar", "statt", "teil", "nieder"}
CLAUSE_BREAKS = {",", ";", ":", "–", "—"}
SUBORDINATORS = {"als", "dass", "weil", "wenn", "nachdem", "obwohl", "da", "während", "bevor", "damit", "sodass",
                 "der", "die", "das", "dem", "den", "deren", "dessen", "welche", "welcher", "wie", "ob"}
# sub-units that act for the organisation named in their genitive attribute
SUBUNIT_HEADS = ("einheiten", "einheit", "beamte", "beamten", "kräfte", "sprecher", "sprecherin", "mitarbeiter",
                 "vertreter", "führung", "spitze", "chef")
MODAL_LEMMAS = {"wollen", "werden", "sollen", "möchten", "mögen"}
# nouns of protest actions ("zu Streiks aufrufen", compounds by their end)
PROTEST_NOUNS = ("streik", "streiks", "protest", "proteste", "protesten", "demonstration", "demonstrationen",
                 "kundgebung", "kundgebungen", "boykott", "blockade", "blockaden")
# event nouns whose genitive attribute names the actor, not the one acted upon
GEN_IS_SOURCE = {"CONSULT", "PROTEST", "REQUEST", "THREATEN", "ACCUSE", "AID", "AGREE", "SUPPORT", "REJECT"}
# Konjunktiv-I obligations in reported speech ("Der Iran müsse …, so Rice")
REPORTED_OBLIGATION = {"müsse", "müssten", "solle"}
COMMUNICATION_VERBS = {"sagen", "schreiben", "erklären", "betonen", "mitteilen", "meinen", "warnen", "unterstreichen",
                       "bekräftigen", "verlangen"}
REPORTED_DEMAND = Cue("müssen", "REQUEST", "change", "VERB", speech=True)
MONTHS = {"januar", "februar", "märz", "april", "mai", "juni", "juli", "august", "september", "oktober",
          "november", "dezember"}
# nouns of a relation to someone: "der Sprecher von X" names X as the one spoken for, not as an agent
RELATIONAL_NOUNS = ("sprecher", "sprecherin", "berater", "beraterin", "anwalt", "anwältin", "vertreter", "vertreterin",
                    "chef", "chefin", "mitarbeiter", "mitarbeiterin", "sohn", "tochter", "bruder", "schwester", "vater",
                    "mutter", "ehefrau", "ehemann", "freund", "freundin", "stellvertreter", "nachfolger", "vorgänger")
CONFLICT_TYPES = {"REQUEST", "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"}
# verbs of reporting: "Wie BBC berichtet, …" names the reporter
REPORT_VERBS = {"berichten", "melden", "mitteilen", "schreiben", "erklären", "sagen", "verlauten", "bestätigen"}
# class nouns before a place name ("in der Hauptstadt Kathmandu")
PLACE_CLASS_NOUNS = ("stadt", "region", "provinz", "dorf", "bezirk", "land", "staat", "insel", "ort", "gemeinde",
                     "hafen", "kreis", "distrikt")
# nouns for the parties of a trial, as actors
ROLE_NOUNS = {"anklage": "Staatsanwaltschaft", "verteidigung": "Verteidigung"}
# nouns of reporting: "nach Angaben von", "Berichten von"
REPORT_NOUNS = {"angaben", "aussagen", "berichten", "bericht", "informationen", "schätzungen", "darstellung", "meldungen"}
# past forms of "werden": with them a verb is passive ("wurden verboten"), never future
PAST_WERDEN = {"wurde", "wurden", "worden", "wurdest", "wurdet"}
# present modals that announce ("will klagen", "werden demonstrieren")
ANNOUNCING_MODALS = {"will", "wollen", "wolle", "werde", "werden", "wird", "wollt"}
# obligations and abilities: "müssen helfen" is neither done nor promised
OBLIGATION_LEMMAS = {"müssen", "dürfen", "können"}
# habitual and retrospective markers: generic statements and background are no events
HABITUAL = {"damals", "stets", "jeweils", "üblicherweise", "traditionell", "grundsätzlich", "gewöhnlich", "vergangenheit",
            "jährlich", "regelmäßig"}
KONJ2_FORMS = {"würde", "würden", "würdest", "würdet", "könnte", "könnten", "hätte", "hätten", "wäre", "wären",
               "sollte", "sollten", "müsste", "müssten", "dürfte", "dürften"}
GOVERNMENT_WORDS = ("kreml", "weißes haus", "weiße haus", "regierung", "ministerium", "auswärtiges amt", "außenamt",
                    "pentagon", "armee", "streitkräfte", "bundeswehr", "präsidialamt", "élysée", "elysée",
                    "downing street", "kanzleramt", "militär", "außenministerium", "verteidigungsministerium")
SIDE_PREPS = {"bei", "beim", "nach", "vor", "während", "seit", "im", "am", "zum", "vom", "zu", "zur", "über", "für", "durch",
              "anlässlich", "wegen", "trotz", "infolge", "angesichts"}
FIRST_PERSON_PLURAL = {"wir", "uns", "unsere", "unser", "unseren", "unserem", "unserer"}
FIRST_PERSON_SINGULAR = {"ich", "mir", "mich"}

_LEMMA_CACHE: dict[str, str] = {}


def _group_head(low: str) -> bool:
    """Does this noun name people, a group or an institution (also as a compound's end)?"""
    return low in GENERIC_AGENTS or low.endswith(GROUP_HEADS)


def lemma_of(token) -> str:
    """The token's lemma from the language core, else simplemma's guess."""
    return _lemma(token.text, token.lemma_)


def _lemma(text: str, core_lemma: str) -> str:
    irregular = IRREGULAR_FORMS.get(text.lower())
    if irregular:
        return irregular
    if core_lemma and core_lemma != text:
        return core_lemma
    return _simple_lemma(text)


# (text, core lemma) -> lower-cased lemma: the same few thousand words recur in every article
_LOWER_LEMMA_CACHE: dict[tuple[str, str], str] = {}
_LOWER_LEMMA_CACHE_MAX = 200_000  # emptied when full: a long ingest must not grow it forever


def token_table(doc) -> tuple[list[str], list[str], list[str], list[str], list[str], list[bool], list[bool]]:
    """Per-token text, lower-cased text, lower-cased lemma (as ``lemma_of``), fine tag,
    coarse part of speech, punctuation flag and trailing-space flag of ``doc``, read with one
    ``to_array`` call and looked up once per distinct word: going through ``doc[i]`` builds a
    spaCy Token object each time, which cost more than all the rules that look at the tokens."""
    from spacy.attrs import IS_PUNCT, LEMMA, ORTH, POS, SPACY, TAG
    from spacy.parts_of_speech import NAMES as POS_NAMES

    if not len(doc):
        return [], [], [], [], [], [], []
    arr = doc.to_array([ORTH, LEMMA, TAG, POS, IS_PUNCT, SPACY])
    orths, lemmas, tags, pos_ids, puncts, spaces = (arr[:, k].tolist() for k in range(6))
    strings = doc.vocab.strings
    names = {h: (strings[h] if h else "") for h in {*orths, *lemmas, *tags}}
    text = [names[h] for h in orths]
    lower = {h: names[h].lower() for h in set(orths)}
    low = [lower[h] for h in orths]
    if len(_LOWER_LEMMA_CACHE) > _LOWER_LEMMA_CACHE_MAX:
        _LOWER_LEMMA_CACHE.clear()
    pairs = list(zip(orths, lemmas))
    lemma_by_pair = {}
    for pair in set(pairs):
        key = (names[pair[0]], names[pair[1]])
        lowered = _LOWER_LEMMA_CACHE.get(key)
        if lowered is None:
            lowered = _LOWER_LEMMA_CACHE[key] = _lemma(*key).lower()
        lemma_by_pair[pair] = lowered
    lem = [lemma_by_pair[pair] for pair in pairs]
    tag = [names[h] for h in tags]
    pos = [POS_NAMES[p] if p else "" for p in pos_ids]
    return text, low, lem, tag, pos, [bool(x) for x in puncts], [bool(x) for x in spaces]


_COMPOUND_CUES: dict[str, list[Cue]] = {}


def _compound_cues(low: str) -> list[Cue]:
    """Cues of a compound noun by its head: "Krisentreffen", "Friedensgespräche" (cached per word)."""
    cues = _COMPOUND_CUES.get(low)
    if cues is None:
        cues = []
        for n in range(4, len(low) - 3):
            head = low[n:].lstrip("-")
            if head in NOUN_CUES and len(head) >= 5:
                cues = NOUN_CUES[head]
                break
        if len(_COMPOUND_CUES) > _LOWER_LEMMA_CACHE_MAX:
            _COMPOUND_CUES.clear()
        _COMPOUND_CUES[low] = cues
    return cues


def _simple_lemma(text: str) -> str:
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
    group: bool = False  # an unnamed group ("Demonstranten"), not an entity mention


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
    if entity.type == "ORG" and not entity.country:
        # international organisations go by their usual short name (EU, NATO, IWF)
        short = [a for a in entity.aliases if a.isupper() and 2 <= len(a) <= 6]
        if short and len(entity.name) > 6:
            return min(short, key=len)
    return entity.name


_ZU_INF = re.compile(r"^(ab|an|auf|aus|bei|ein|fest|frei|mit|nach|vor|weg|zurück|zusammen)zu\w{2,}en$")
_PARTICIPLE = re.compile(r"^(ab|an|auf|aus|bei|ein|fest|frei|mit|nach|vor|weg|zu|zurück|zusammen|bereit)?ge\w{2,}(t|en)$")
_INSEPARABLE_PART = re.compile(r"^(be|ver|er|ent|zer|über|unter|miss|hinter)\w{2,}(t|en)$")


def is_participle(token) -> bool:
    """Past participle ("festgenommen", "verhaftet"), from morphology or its shape."""
    if "Part" in token.morph.get("VerbForm", []):
        return True
    low = token.text.lower()  # the tagger sometimes calls a participle an infinitive: trust the shape too
    if _PARTICIPLE.match(low) or (low.endswith("iert") and len(low) > 6):  # "bombardiert", "inhaftiert"
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
        self._last_group: ActorCandidate | None = None  # last unnamed group or organisation that acted
        # per-token text, lower-cased text, lemma, tag, part of speech and punctuation flag, read
        # once: the cue and clause searches look at them for every token, and each ``doc[i]``
        # builds a new spaCy Token object (the largest cost of this stage before)
        self._text, self._low, self._lem, self._tag, self._pos, self._punct, self._space = (
            token_table(self.doc) if self.doc is not None else ([], [], [], [], [], [], []))
        self._clause_memo: dict[int, tuple[int, int]] = {}
        # surnames and aliases of the people found in the article: a later bare "Milinkewitsch"
        # the recogniser missed is still that person
        self._person_names: dict[str, Entity] = {}
        for e in analysis.entities:
            if e.type == "PER":
                for name in [e.name, *e.aliases]:
                    last = name.split()[-1] if name.split() else ""
                    if len(last) > 3 and last[:1].isupper():
                        self._person_names.setdefault(last, e)

    # -- helpers -------------------------------------------------------------
    @cached_property
    def _doc_text(self) -> str:
        # ``doc.text`` as spaCy builds it (each token's text and its trailing space), from the
        # token table: ``doc.text`` itself creates a Token object per word on every call
        return "".join(t + " " if sp else t for t, sp in zip(self._text, self._space))

    def _sent_text(self, sent) -> str:
        """``sent.text`` without building a Token per word."""
        return self._doc_text[sent.start_char:sent.end_char]

    def _quote_at(self, char: int) -> int | None:
        for i, q in enumerate(self.an.quotes):
            if any(s.start <= char < s.end for s in q.quote):
                return i
        return None

    def _candidates(self, sent) -> list[ActorCandidate]:
        doc = self.doc
        out: list[ActorCandidate] = []
        taken: list[tuple[int, int]] = []
        inside = [m for m in self._mentions if m.start >= sent.start_char and m.end <= sent.end_char]
        for m in inside:
            if any(o is not m and o.start <= m.start and m.end <= o.end and (o.end - o.start) > (m.end - m.start)
                   for o in inside):
                continue  # "US" inside "US-Präsident": the longer mention speaks for both
            span = doc.char_span(m.start, m.end, alignment_mode="expand")
            if span is None:
                continue
            ent = self.entities.get(m.entity_id) if m.entity_id else None
            if m.kind == "pronoun" and (ent is None or ent.type != "PER"):
                continue
            if ent is not None and ent.type == "OTH":
                continue  # currencies, events, products ("Euro", "WM") do not act
            out.append(self._candidate(span, ent, m.text))
            taken.append((span.start, span.end))
        for tok in sent:
            low = tok.text.lower()
            if any(s <= tok.i < e for s, e in taken):
                continue
            if (tok.text[:1].isupper() or (tok.text[:1].isdigit() and "jährig" in low)) \
                    and tok.pos_ not in ("VERB", "AUX", "ADJ") and _group_head(low):
                np = self._group_np(sent, tok.i)
                # a country adjective inside the phrase is absorbed by it ("die spanische Regierung")
                absorbed = [c for c in out if np.start <= c.tok_start and c.tok_end <= np.end]
                # names before the head belong to it only as country adjectives; a genitive
                # attribute after the head may hold anything ("Gegner des Präsidenten")
                if any((c.entity is None or c.entity.type != "LOC") and c.tok_start < tok.i for c in absorbed):
                    continue
                for c in absorbed:
                    out.remove(c)
                cand = self._candidate(np, None, tok.text)
                state = next((c.entity.country for c in absorbed if c.entity and c.entity.country), None)
                if state and low.endswith(STATE_HEADS):
                    cand.canonical = state
                elif low in GENERIC_AGENTS:
                    cand.canonical = GENERIC_AGENTS[low]
                else:
                    gen = self._genitive_agent(np, low)
                    words = [t.text for t in np]
                    while words and words[0].lower() in ("der", "die", "das", "den", "dem", "des", "ein", "eine", "einer",
                                                         "einem", "einen", "eines"):
                        words.pop(0)  # the phrase without its article
                    cand.canonical = gen or " ".join(words) or tok.text
                cand.group = True
                out.append(cand)
                taken.append((np.start, np.end))
            elif low in ROLE_NOUNS and tok.i > sent.start and doc[tok.i - 1].pos_ == "DET" \
                    and doc[tok.i - 1].text.lower() in ("die", "der"):
                # "die Anklage forderte …": the prosecution in court reports (with its article;
                # "erhob Anklage" is the act)
                cand = self._candidate(doc[tok.i - 1:tok.i + 1], None, tok.text)
                cand.canonical, cand.group = ROLE_NOUNS[low], True
                out.append(cand)
                taken.append((tok.i - 1, tok.i + 1))
            elif tok.text in self._person_names or (tok.text.endswith("s") and tok.text[:-1] in self._person_names):
                ent = self._person_names.get(tok.text) or self._person_names[tok.text[:-1]]
                out.append(self._candidate(doc[tok.i:tok.i + 1], ent, tok.text))
                if tok.text not in self._person_names and out[-1].after_prep is None:
                    out[-1].after_prep = "GEN"  # "die Handlungsweise Kozulins"
                taken.append((tok.i, tok.i + 1))
            elif low in THIRD_PERSON_PRONOUNS and tok.pos_ == "PRON":
                cand = self._pronoun(tok)
                if cand is not None:
                    out.append(cand)
                    taken.append((tok.i, tok.i + 1))
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
        for c in out:
            if c.after_prep is None:
                r_start, r_end = self._clause(sent, c.tok_start)
                if self._low[r_start] == "wie" and any(self._lem[i] in REPORT_VERBS for i in range(r_start, r_end)):
                    c.after_prep = "laut"  # "Wie BBC berichtet, wurden …": BBC reports
        # "Bundeswirtschaftsminister Sigmar Gabriel": adjacent mentions of one entity are one phrase
        merged: list[ActorCandidate] = []
        for c in out:
            prev = merged[-1] if merged else None
            if prev is not None and prev.group and prev.entity is None and c.entity is not None and prev.tok_end == c.tok_start:
                head = self.doc[prev.tok_end - 1].text.lower()
                if c.after_prep is None or (c.after_prep == "GEN" and c.entity.country and head.endswith(STATE_HEADS)):
                    # "das Kinderhilfswerk UNICEF" is UNICEF; "die Regierung Myanmars" is the state
                    prev.end, prev.tok_end, prev.entity = c.end, c.tok_end, c.entity
                    prev.text = self._doc_text[prev.start:prev.end]
                    prev.canonical = c.entity.country if c.after_prep == "GEN" else c.canonical
                    prev.group = False
                    continue
            if prev is not None and prev.entity is not None and c.entity is not None and prev.entity.id == c.entity.id \
                    and prev.tok_end == c.tok_start:
                prev.end, prev.tok_end = c.end, c.tok_end
                prev.text = self._doc_text[prev.start:prev.end]
                continue
            merged.append(c)
        return merged

    def _group_np(self, sent, head_i: int):
        """The noun phrase around a group head: determiners, numbers and
        adjectives before it, a genitive attribute or "in …" after it."""
        doc = self.doc
        start = head_i
        while start > sent.start:
            t = doc[start - 1]
            low = t.text.lower()
            if low in ("und", "sowie") and start - 2 >= sent.start and doc[start - 2].pos_ == "ADJ" \
                    and doc[start].pos_ == "ADJ":
                start -= 1  # "arabische und iranische Medien"
            elif t.pos_ in ("DET", "ADJ", "NUM") or low in ("einige", "mehrere", "viele", "hundert", "tausend", "zahlreiche",
                                                          "zwei", "drei", "vier", "fünf", "beiden", "etwa", "rund") \
                    or (t.text[:1].islower() and (low.endswith("ende") or low.endswith("enden"))):
                start -= 1
            else:
                break
        end = head_i + 1
        # genitive attribute: "Unterstützer der Regierung", "Spezialeinheiten der Polizei"
        if end + 1 < sent.end and doc[end].text.lower() in ("der", "des") and doc[end + 1].text[:1].isupper():
            end += 2
        elif end + 2 < sent.end and doc[end].text.lower() in ("der", "des") and doc[end + 2].text[:1].isupper() \
                and doc[end + 1].text[:1].islower():
            end += 3
        elif end + 1 < sent.end and doc[end].text == "in" and doc[end + 1].text[:1].isupper() and doc[end + 1].text.lower().endswith("kleidung"):
            end += 2
        return doc[start:end]

    def _genitive_agent(self, np, head: str) -> str | None:
        """"Spezialeinheiten der Polizei" acts for the police."""
        if not head.endswith(SUBUNIT_HEADS):
            return None
        for t in np:
            low = t.text.lower()
            if t.i > np.start and low in GENERIC_AGENTS:
                return GENERIC_AGENTS[low]
        return None

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
            if t.text in ("„", "“", "\"", "‚", "‘", "»", "«"):
                i -= 1  # "laut „Reuters“": quotation marks around a name do not end the phrase
                continue
            if t.is_punct or t.pos_ in ("VERB", "AUX") or low in ("und", "oder", "sowie"):
                break
            if low in ("der", "des", "eines", "einer"):
                seen_det = True
            elif t.text[:1].isupper() and t.pos_ not in ("ADJ", "DET", "PROPN") and i != span.sent.start:
                if i == span.start - 1 and not seen_det and t.pos_ == "NOUN" and ent is not None \
                        and (_group_head(low) or low.endswith(PLACE_CLASS_NOUNS)) \
                        and not (ent.type in ("LOC", "GPE") and span.text.endswith("s")):
                    # a title or class noun before a name ("in der Hauptstadt Kathmandu", "mit
                    # Präsident X"): the phrase's preposition is further left
                    i -= 1
                    steps += 1
                    continue
                if seen_det:
                    prep = "GEN"  # genitive attribute: "ein Stopp der NATO-Osterweiterung"
                break
            i -= 1
            steps += 1
        if prep in (None, "GEN") and ((doc[span.start].pos_ not in ("DET", "NUM", "ADV") and not any(t.like_num for t in span))
                                      or (span.start > 0 and doc[span.start - 1].text.lower() in REPORT_NOUNS)):
            # "nach Angaben der Presseagenturen dpa und AFP": the names report, they do not act
            # (a phrase with its own article or number, "rund 7.000 Menschen", is a new one)
            for j in range(span.start - 1, max(span.sent.start, span.start - 8) - 1, -1):
                if doc[j].pos_ in ("VERB", "AUX", "ADV", "NUM", "PRON") or doc[j].text in (",", ";", ":"):
                    break  # "nach Angaben der Veranstalter rund 7.000 Menschen": the crowd acts
                if doc[j].text.lower() in REPORT_NOUNS and j > 0 and doc[j - 1].text.lower() in ("nach", "laut", "zufolge"):
                    prep = "laut"
                    break
        if prep is None and i >= 1 and doc[i].text.lower() == "seiten" and doc[i - 1].text.lower() == "von":
            prep = "seitens"  # "von Seiten militanter Palästinenser"
        if prep is None and ent is not None and ent.type in ("LOC", "GPE") and span.text.endswith("s") and span.start > 0:
            before = doc[span.start - 1]
            if before.pos_ == "NOUN" and before.text[:1].isupper() and before.i != span.sent.start:
                prep = "GEN"
        if span.end < len(doc) and doc[span.end].text.lower() == "zufolge":
            prep = "zufolge"  # "Afghanischen Behörden zufolge": a postposition
        if span.start > 0 and doc[span.start - 1].text == "(" and span.end < len(doc) and doc[span.end].text == ")":
            prep = "PAREN"  # an apposition in brackets: "Wolfgang Schäuble (CDU)"
        return ActorCandidate(span.start_char, span.end_char, span.text, span.start, span.end, ent,
                              canonical_for(ent, text), prep, _mention_case(doc, span.start, span.end))

    def _attributive(self, tok_i: int) -> bool:
        """A participle used as an adjective before its noun ("den verurteilten Schweizer")."""
        doc = self.doc
        tok = doc[tok_i]
        low = tok.text.lower()
        if tok_i + 1 >= len(doc) or not low.endswith(("te", "ten", "tem", "ter", "tes", "ene", "enen", "enem", "ener", "enes")):
            return False
        nxt = doc[tok_i + 1]
        return nxt.text[:1].isupper() and nxt.pos_ in ("NOUN", "PROPN") and is_participle(tok) is not False \
            and tok_i > 0 and doc[tok_i - 1].pos_ in ("DET", "ADJ", "ADV", "NUM", "ADP")

    def _reporter(self, c: ActorCandidate) -> bool:
        """"nach Angaben von X", "Berichten von X zufolge": X reports, X does not act."""
        i = c.tok_start - 1
        while i > 0 and self.doc[i].text.lower() not in AGENT_PREPS:
            i -= 1
        return i > 0 and self.doc[i - 1].text.lower() in REPORT_NOUNS

    def _is_agent(self, c: ActorCandidate) -> bool:
        """A "von/durch X" phrase that is the passive agent: animate, and not
        the attribute of an event noun ("eine Kundgebung von Gegnern")."""
        if c.entity is not None and c.entity.type == "LOC" and not c.group:
            return False
        return not self._of_noun(c)

    def _of_noun(self, c: ActorCandidate) -> str | None:
        """"event" when "von X" is the attribute of an event noun ("eine Kundgebung von
        Gegnern"), "noun" when of another noun ("die Universität von Addis Abeba", unless X is a
        group or person), else None."""
        i = c.tok_start - 1
        while i > 0 and self.doc[i].text.lower() not in AGENT_PREPS:
            i -= 1
        prev = self.doc[i - 1] if i > 0 else None
        if prev is None or not prev.text[:1].isupper() or prev.pos_ in ("PROPN", "VERB", "AUX"):
            return None
        if prev.text.lower().endswith(RELATIONAL_NOUNS):
            return "noun"  # "der persönliche Sprecher von Milinkewitsch": an attribute
        if prev.i - prev.sent.start <= 2 and all(t.pos_ in ("DET", "ADJ", "NUM") for t in self.doc[prev.sent.start:prev.i]):
            return "noun"  # "Immobilien von Raschkow wurden angezündet": "von X" belongs to the subject
        low = lemma_of(prev).lower()
        if low in NOUN_CUES or prev.text.lower() in NOUN_CUES:
            return "event"
        if not c.group and not (c.entity is not None and c.entity.type == "PER"):
            return "noun"
        return None

    def _subject(self, c_start: int, c_end: int, tok_i: int, pool: list[ActorCandidate]) -> ActorCandidate | None:
        """The clause's subject among ``pool``: in German main clauses (V2) the
        subject stands right before or right after the finite verb; else the
        first candidate that the morphology marks nominative; else the first."""
        if not pool:
            return None
        doc = self.doc
        finite = None
        for i in range(c_start, c_end):
            t = doc[i]
            if t.pos_ in ("VERB", "AUX") and "Fin" in t.morph.get("VerbForm", ["Fin"]) and t.morph.get("Mood"):
                finite = i
                break
        if finite is None and doc[tok_i].pos_ in ("VERB", "AUX"):
            finite = tok_i
        if doc[c_start].text.lower() in SUBORDINATORS and c_start > 0 and doc[c_start].pos_ != "DET":
            # verb-final clause ("…, die Polizei nahm …" starts with an article, not a relative pronoun)
            finite = None  # the subject comes first
            rel = doc[c_start].text.lower() in ("der", "die", "das", "welche", "welcher") and c_start > 0 \
                and doc[c_start - 1].text == ","
            if rel and not any(c_start < c.tok_start < tok_i for c in pool):
                # relative clause: its subject is the antecedent before the comma
                ante = [c for c in self._all_cands if c.tok_end <= c_start - 1]
                if ante and ante[-1].tok_end >= c_start - 2:
                    return ante[-1]
        if finite is not None:
            # a fronted prepositional phrase ("Im Mordfall um … Jo Cox urteilte ein Gericht")
            # takes the place before the verb: the subject follows it
            fronted_pp = doc[c_start].text.lower() in PREPOSITIONS and c_start < finite
            for c in pool:
                if c.case in ("Acc", "Dat"):
                    continue  # "befanden ihn für schuldig"
                if (c.tok_end == finite and not fronted_pp) or c.tok_start == finite + 1:
                    return c
            if fronted_pp:
                after = [c for c in pool if c.tok_start > finite and c.case not in ("Acc", "Dat")]
                if after:
                    return after[0]
        if finite is not None:
            # a personal pronoun next to the finite verb: the last person named before
            for i in (finite - 1, finite + 1):
                if c_start <= i < c_end and doc[i].text.lower() in PERSONAL_PRONOUNS and doc[i].pos_ == "PRON":
                    person = self._last_person_before(doc[i].idx)
                    if person is not None:
                        cand = self._candidate(doc[i:i + 1], person, doc[i].text)
                        return cand
        noms = [c for c in pool if c.case == "Nom"]
        others = [c for c in pool if c.case not in ("Acc", "Dat")]
        return (noms or others or pool)[0]

    def _pronoun(self, tok) -> ActorCandidate | None:
        """A third-person pronoun as an actor (the coding guide marks the pronoun itself),
        resolved for its canonical name: "er", "ihn", "ihm", "dieser" and singular "sie" to
        the last person named before; plural "sie" (subject) to the last group or
        organisation that acted in the sentences just before."""
        low = tok.text.lower()
        number = tok.morph.get("Number")
        span = self.doc[tok.i:tok.i + 1]
        if low != "sie" or number == ["Sing"]:
            if low == "sie" and tok.morph.get("Case") not in (["Nom"], []):
                return None
            person = self._last_person_before(tok.idx)
            if person is None and low in ("er", "dieser") and tok.morph.get("Case") in (["Nom"], []):
                # "Er hat die Tat gestanden" after "ein 28-Jähriger": the actor is the pronoun,
                # its name unknown
                cand = self._candidate(span, None, tok.text)
                cand.canonical = None
                return cand
            return self._candidate(span, person, tok.text) if person is not None else None
        if tok.morph.get("Case") not in (["Nom"], []):
            return None  # "auf sie": an object pronoun of unclear reference
        group = self._last_group
        if group is None or tok.idx - group.end > 400:
            return None
        cand = self._candidate(span, group.entity, tok.text)
        cand.canonical = group.canonical
        return cand

    def _last_person_before(self, char: int) -> Entity | None:
        for m in reversed(self._mentions):
            if m.end <= char and m.entity_id and m.kind != "pronoun":
                ent = self.entities.get(m.entity_id)
                if ent is not None and ent.type == "PER":
                    return ent
        return None

    def _conjuncts(self, a: ActorCandidate, b: ActorCandidate) -> bool:
        """Are ``a`` and ``b`` joined by "und"/"sowie" (with at most an article between)?"""
        first, second = (a, b) if a.tok_start < b.tok_start else (b, a)
        between = [self.doc[i] for i in range(first.tok_end, second.tok_start)]
        if len(between) >= 2 and between[0].text == "," and between[1].text.lower() == "noch":
            between = between[1:]  # "weder die G8, noch die EU"
        return bool(between) and between[0].text.lower() in ("und", "sowie", "oder", "noch") and len(between) <= 2 \
            and all(t.pos_ == "DET" for t in between[1:])

    def _lead(self, sent, c_start: int, cands: list[ActorCandidate]) -> list[ActorCandidate]:
        """When the clause starts with its finite verb right after a comma ("Sadiq Khan,
        eines der Mitglieder, die …, verurteilte …"; "Dem Berater X, einem …, wird
        vorgeworfen"), the phrase before the inserted apposition or relative clause opens
        the sentence and belongs to this verb."""
        doc = self.doc
        if c_start <= sent.start or doc[c_start - 1].text != "," or doc[c_start].pos_ not in ("VERB", "AUX"):
            return []
        if "Fin" not in doc[c_start].morph.get("VerbForm", ["Fin"]):
            return []
        first_break = next((i for i in range(sent.start, c_start) if doc[i].text in CLAUSE_BREAKS), c_start)
        return [c for c in cands if sent.start <= c.tok_start < first_break and c.after_prep is None
                and c.tok_start - sent.start <= 2]

    def _dependent_clause(self, sent, c_end: int) -> tuple[int, int]:
        """The clause after a comma at ``c_end`` when it is a dass- or zu-infinitive
        clause (the content of a demand or promise), else an empty range."""
        if c_end + 1 >= sent.end or self.doc[c_end].text != ",":
            return (c_end, c_end)
        start, end = self._clause(sent, c_end + 1)
        words = [self.doc[i].text.lower() for i in range(start, end)]
        if words and (words[0] == "dass" or "zu" in words or any(_ZU_INF.match(w) for w in words)):
            return (start, end)
        return (c_end, c_end)

    def _negated(self, c_start: int, c_end: int, tok_i: int) -> bool:
        """A negation in the cue's verb phrase: the clause cut at "und/oder/aber/sondern" before
        another verb, brackets left out ("darunter keine Deutschen"), and "nicht" before an
        attributive adjective ("nicht ausgezahlte Prämien") negates only that adjective."""
        start, end = c_start, c_end
        for i in range(c_start, c_end - 1):
            if self._low[i] in ("und", "oder", "aber", "sondern") and self._pos[i + 1] in ("VERB", "AUX"):
                if i < tok_i:
                    start = i + 1
                elif i > tok_i:
                    end = i
                    break
        depth = 0
        for i in range(start, end):
            t = self._text[i]
            if t == "(":
                depth += 1
            elif t == ")":
                depth = max(0, depth - 1)
            elif not depth and self._low[i] in NEGATIONS:
                n_doc = len(self._pos)
                if self._low[i] == "nicht" and i + 1 < n_doc and self._pos[i + 1] == "ADJ" and i + 1 != tok_i \
                        and i + 2 < n_doc and self._pos[i + 2] == "NOUN":
                    continue
                return True
        return False

    def _outside_brackets(self, start: int, end: int) -> list[str]:
        """Lower-cased words of a token range without those inside round brackets."""
        out, depth = [], 0
        for i in range(start, end):
            t = self._text[i]
            if t == "(":
                depth += 1
            elif t == ")":
                depth = max(0, depth - 1)
            elif not depth:
                out.append(t.lower())
        return out

    def _historical(self, start: int, end: int, framing_only: bool = False) -> bool:
        """A year in the clause more than a year before publication ("1988", "im Jahre
        1980"): background, not the reported episode.  "Der 1995 gegründete …" is an
        attribute and does not count.  ``framing_only``: only "im Jahr 2006"-like phrases,
        which set the time of the whole sentence."""
        if self.published is None:
            return False
        for i in range(start, end):
            t = self._text[i]
            if len(t) == 4 and t.isdigit() and 1800 < int(t) < self.published.year - 1:
                nxt = self.doc[i + 1] if i + 1 < len(self.doc) else None
                prev = self.doc[i - 1].text.lower() if i > 0 else ""
                if framing_only and prev not in ("jahr", "jahre", "im") and prev not in MONTHS:
                    continue
                if prev in ("seit", "bis") or (nxt is not None and nxt.text[:1].islower() and nxt.pos_ == "ADJ"):
                    continue
                return True
        return False

    def _clause(self, sent, tok_i: int) -> tuple[int, int]:
        """Token range of the clause around ``tok_i`` (between clause breaks)."""
        memo = self._clause_memo.get(tok_i)
        if memo is not None:
            return memo
        self._clause_memo[tok_i] = span = self._clause_span(sent, tok_i)
        return span

    def _clause_span(self, sent, tok_i: int) -> tuple[int, int]:
        text, s_start, s_end = self._text, sent.start, sent.end
        start = tok_i
        while start > s_start and text[start - 1] not in CLAUSE_BREAKS:
            start -= 1
        end = tok_i + 1
        while end < s_end and text[end] not in CLAUSE_BREAKS:
            end += 1
        return start, end

    # -- cue finding ---------------------------------------------------------
    def _reported_demand(self, sent) -> int | None:
        """"Der Iran müsse … beenden, so Rice", "schrieben Blair, dass die Politik geändert werden
        müsse": an obligation in reported speech (Konjunktiv I) is a demand of the speaker."""
        low, lem, text = self._low, self._lem, self._text
        s_start, s_end = sent.start, sent.end
        must = next((i for i in range(s_start, s_end) if low[i] in REPORTED_OBLIGATION), None)
        if must is None:
            return None
        has_speaker = any(lem[i] in COMMUNICATION_VERBS for i in range(s_start, s_end)) or any(
            low[i] == "so" and i > s_start and text[i - 1] == "," for i in range(s_start, s_end))
        return must if has_speaker else None

    def _demand_actors(self, sent, tok_i: int, cands: list[ActorCandidate]):
        """Source and target of a reported demand: the speaker (subject of the speech verb or
        the name after ", so") and the addressee (object of the speech verb) or else the one
        who must act (subject of the obligation's clause)."""
        doc = self.doc
        m_start, m_end = self._clause(sent, tok_i)
        source = target = None
        for t in sent:
            if t.text.lower() == "so" and t.i > sent.start and doc[t.i - 1].text == ",":
                source = next((c for c in cands if c.tok_start == t.i + 1), None)
            elif lemma_of(t).lower() in COMMUNICATION_VERBS and not (m_start <= t.i < m_end):
                s_start, s_end = self._clause(sent, t.i)
                pool = [c for c in cands if s_start <= c.tok_start < s_end and c.after_prep is None]
                source = source or self._subject(s_start, s_end, t.i, pool)
                target = next((c for c in pool if c is not source and c.case in ("Dat", "Acc")), None)
            if source is not None:
                break
        if target is None:
            target = next((c for c in cands if m_start <= c.tok_start < m_end and c.after_prep is None
                           and c is not source), None)
        return source, target

    def _cues(self, sent) -> list[tuple[int, Cue]]:
        doc = self.doc
        text, lem, low_, tag, pos, punct = self._text, self._lem, self._low, self._tag, self._pos, self._punct
        s_start, s_end, n_doc = sent.start, sent.end, len(text)
        # separable particles: PTKVZ where the tagger gives it, else a particle word before a clause break
        particles: dict[int, str] = {}
        for ti in range(s_start, s_end):
            if tag[ti] == "PTKVZ" or (low_[ti] in PARTICLES and (ti + 1 >= n_doc or punct[ti + 1])
                                      and ti > s_start and not low_[ti - 1] in PREPOSITIONS):
                particles[ti] = low_[ti]
        joined = {SEPARABLE[(lem[ti], p)] for ti in range(s_start, s_end) for i, p in particles.items()
                  if ti < i and (lem[ti], p) in SEPARABLE}
        sorted_particles = sorted(particles.items())
        sent_words = set(low_[s_start:s_end])
        near_memo: dict[tuple[int, int], tuple[set, set]] = {}
        found: list[tuple[int, Cue]] = []
        verb_clauses: list[tuple[int, int]] = []
        for ti in range(s_start, s_end):
            word = text[ti]
            if punct[ti] or len(word) < 3:
                continue
            low = lem[ti]
            cues: list[Cue] = []
            is_noun = word[:1].isupper() and pos[ti] not in ("VERB", "AUX", "ADJ") and ti != s_start \
                or pos[ti] == "NOUN"
            if not is_noun or pos[ti] in ("VERB", "AUX"):
                # a particle later in the clause may belong to this verb
                part = None
                if sorted_particles:
                    c_start, c_end = self._clause(sent, ti)
                    part = next((p for i, p in sorted_particles if ti < i < c_end), None)
                if part is None and sorted_particles:
                    # "lehnte die Forderung der Verteidigung, Beweise … zu prüfen, ab": the particle
                    # stands alone after an inserted clause
                    part = next((p for i, p in sorted_particles if i >= c_end and text[i - 1] == ","
                                 and (i + 1 >= s_end or punct[i + 1])), None)
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
                cues = NOUN_CUES.get(low, []) or NOUN_CUES.get(low_[ti], [])
                if not cues and len(low) > 7:
                    cues = _compound_cues(low)
            if not cues:
                continue
            c_start, c_end = self._clause(sent, ti)
            n_end = self._clause(sent, c_end + 1)[1] if c_end + 1 < s_end else c_end
            if (c_start, n_end) not in near_memo:
                # the words of the cue's clause and the next one, for ``needs`` and ``forbid``
                near = set(lem[c_start:n_end]) | set(low_[c_start:n_end]) | joined  # "reichten … Klage … ein"
                if any(low_[i] == "in" and low_[i + 1] == "frage" for i in range(c_start, n_end - 1)):
                    near.add("infrage")  # "in Frage stellen" is "infrage stellen"
                near_nouns = {lem[i] for i in range(c_start, n_end) if text[i][:1].isupper()}
                near_memo[(c_start, n_end)] = (near, near_nouns)
            near, near_nouns = near_memo[(c_start, n_end)]
            matched = False
            for cue in cues:
                if matched and not cue.also:
                    continue
                if cue.needs and not any(n.lower() in near for n in cue.needs) and not any(
                        n[:1].isupper() and len(n) >= 5 and any(w.endswith(n.lower()) for w in near_nouns) for n in cue.needs):
                    continue
                if cue.active_only and is_participle(doc[ti]):
                    continue
                if cue.passive_only and not (is_participle(doc[ti]) and {"wurde", "wurden", "worden", "wird", "werden"} & near):
                    continue
                # vetoes look at the cue's clause and the next one, like ``needs``
                if cue.forbid and any(f.lower() in near for f in cue.forbid):
                    continue
                if cue.reflexive and not ({"sich", "uns", "mich", "euch"} & sent_words):
                    continue
                found.append((ti, cue))
                if cue.pos == "VERB":
                    verb_clauses.append(self._clause(sent, ti))
                matched = True
        if not any(c.type == "REQUEST" for _, c in found):
            demand = self._reported_demand(sent)
            if demand is not None:
                found.append((demand, REPORTED_DEMAND))
        # a noun cue in the clause of a verb cue is that verb's object ("beendeten die Kundgebung"),
        # unless it is the noun of a support-verb construction ("verhängten Sanktionen")
        return [(i, c) for i, c in found
                if c.pos == "VERB" or c.needs or not any(s <= i < e for s, e in verb_clauses)]

    def _factuality(self, sent, tok_i: int, cue: Cue) -> str | None:
        """Type to code, or None when the event did not (verbally) happen."""
        doc = self.doc
        c_start, c_end = self._clause(sent, tok_i)
        words = self._low[c_start:c_end]
        negated = self._negated(c_start, c_end, tok_i) or (
            cue.negated_type is not None and "weder" in set(self._low[sent.start:sent.end]))
        if cue.negated_type is not None:
            # a cue that counts only negated: "erkennen … nicht an" is a refusal
            return cue.negated_type if negated else None
        if negated:
            return None  # "(darunter keine Deutschen)" negates nothing
        lemmas = set(self._lem[c_start:c_end])
        if (HYPOTHETICAL & set(words)) or (HYPOTHETICAL & lemmas):
            return None
        if HABITUAL & set(words) or self._historical(c_start, c_end) or self._historical(
                sent.start, self._clause(sent, sent.start)[1], framing_only=True) or any(
                words[i] == "immer" and words[i - 1] in ("bisher", "schon", "stets") for i in range(1, len(words))):
            return None  # "Damals schlug die Armee …", "hatte bisher immer abgelehnt", "im Jahre 1980"
        past_passive = bool(PAST_WERDEN & set(words)) or ("werden" in lemmas and any(
            doc[i].pos_ == "VERB" and i != tok_i and is_participle(doc[i]) for i in range(c_start, c_end)))
        if past_passive:
            lemmas = lemmas - {"werden"}  # "wurden verboten": passive, not future
        if cue.pos == "VERB" and self._attributive(tok_i):
            return None  # "den verurteilten Schweizer": an attribute, a side mention
        if "bleiben" in lemmas and is_participle(doc[tok_i]):
            return None  # "bleiben inhaftiert": a state, not an event
        if cue.type == "COERCE" and is_participle(doc[tok_i]) and not ({"worden", "wurde", "wurden", "wird", "werden"} & set(words)) \
                and {"sind", "ist", "war", "waren", "seien", "sei"} & set(words):
            return None  # "sind inhaftiert": a state
        if cue.type == "THREATEN" and cue.lemma == "drohen":
            near = {doc[i].text.lower() for i in range(max(sent.start, tok_i - 2), min(sent.end, tok_i + 3))}
            if "es" in near or any(doc[i].text.lower() == "zu" for i in range(tok_i + 1, c_end)):
                return None  # "es droht ein Wettlauf", "droht zu scheitern": a danger, not a threat
        if tok_i > sent.start and doc[tok_i - 1].text.lower() == "zu" and "um" in words:
            return None  # purpose clause: "um … zu vereinbaren"
        zu_inf = any(doc[i].text.lower() == "zu" or _ZU_INF.match(doc[i].text.lower()) for i in range(c_start, c_end))
        if zu_inf and c_start > sent.start:
            p_start, p_end = self._clause(sent, c_start - 2) if c_start - 2 >= sent.start else (c_start, c_start)
            if any(lemma_of(doc[i]).lower() in ("ankündigen", "drohen", "androhen", "fordern", "auffordern", "aufforderung",
                                                "forderung", "appell", "drohung", "ultimatum", "aufrufen", "bitten")
                   for i in range(p_start, p_end)):
                return None  # the content of a threat or demand, coded as that speech act
        if tok_i > sent.start and doc[tok_i - 1].text.lower() == "zu" and c_start > sent.start:
            # zu-infinitive: the governing verb stands in the clause before ("erwägt, … zu liefern")
            p_start, p_end = self._clause(sent, c_start - 2) if c_start - 2 >= sent.start else (c_start, c_start)
            gov = {lemma_of(doc[i]).lower() for i in range(p_start, p_end)} | {doc[i].text.lower() for i in range(p_start, p_end)}
            if HYPOTHETICAL & gov:
                return None
            lemmas |= gov
        if is_participle(doc[tok_i]):
            lemmas = lemmas - {"werden"}  # passive "wurde festgenommen", not future
        if (is_participle(doc[tok_i]) or any(doc[i].pos_ == "VERB" and is_participle(doc[i]) for i in range(c_start, c_end))) \
                and ({"haben", "sein"} & lemmas or {"haben", "sein"} & set(words)):
            # "sollen … eingesetzt haben", "soll die Todesurteile bestätigt haben": alleged, not planned
            lemmas = lemmas - {"sollen", "wollen"}
        modal = bool(MODAL_LEMMAS & lemmas) or bool(KONJ2_FORMS & set(words))
        if cue.pos == "VERB" and not cue.speech and "Inf" in doc[tok_i].morph.get("VerbForm", []) and not any(
                doc[i].pos_ in ("VERB", "AUX") and ("Fin" in doc[i].morph.get("VerbForm", []) or doc[i].morph.get("Mood"))
                for i in range(c_start, c_end)):
            return None  # a bare infinitive: slogan, heading or list item ("… angreifen")
        if cue.pos == "NOUN":
            prev = doc[tok_i - 1].text.lower() if tok_i > sent.start else ""
            if prev in ("der", "des") and tok_i - 2 >= sent.start and doc[tok_i - 2].text[:1].isupper() \
                    and doc[tok_i - 2].pos_ in ("NOUN", "PROPN"):
                return None  # genitive attribute of another noun: "Ziel des Treffens", "Auflösung der Demonstration"
            prev2 = doc[tok_i - 2].text.lower() if tok_i - 1 > sent.start else ""
            if doc[c_start].text.lower() in ("dass", "ob") and not cue.needs:
                return None  # the content of what someone says or thinks ("…, dass ein Lied als Aufforderung …")
            comes_to = (prev in ("zu", "zum", "zur") or prev2 in ("zu", "zum", "zur")) and "kommen" in lemmas
            if (prev in SIDE_PREPS or prev2 in SIDE_PREPS) and not comes_to:
                return None  # side mention in an adjunct: "bei dem Gespräch", "nach dem Treffen"
            if modal:
                # announced meetings and talks are AGREE, announced protests THREATEN; other
                # planned things did not happen
                if cue.type == "PROTEST" and ANNOUNCING_MODALS & set(words):
                    return "THREATEN"
                return "AGREE" if cue.type == "CONSULT" else None
            return cue.type
        if cue.lemma == "aufrufen" and any(w.endswith(PROTEST_NOUNS) for w in words):
            # calling people to strike or demonstrate is PROTEST; announcing the call, a threat
            return "THREATEN" if modal and ANNOUNCING_MODALS & set(words) else "PROTEST"
        cue_tok = doc[tok_i]
        if cue.speech and cue is not REPORTED_DEMAND and OBLIGATION_LEMMAS & lemmas and cue_tok.pos_ != "NOUN" \
                and not is_participle(cue_tok) \
                and cue_tok.text.lower().endswith("en"):
            return None  # "denen der Ministerrat zustimmen muss": an obligation, not an act
        if cue.speech:
            return cue.type
        if OBLIGATION_LEMMAS & lemmas and not is_participle(doc[tok_i]):
            return None  # "müssen … helfen": an obligation, neither done nor promised
        if modal:
            if cue.promise_type is None and cue.type in ("ASSAULT", "COERCE", "SANCTION", "MOBILIZE", "PROTEST", "ACCUSE") \
                    and not KONJ2_FORMS & set(words):
                # announced force or punishment ("sie werde … angreifen"), announced protests
                # and lawsuits ("will ihren Fall vor Gericht bringen") are threats; a past
                # intention ("wollten demonstrieren") announces nothing
                if cue.type in ("PROTEST", "ACCUSE") and not ANNOUNCING_MODALS & set(words):
                    return None
                return "THREATEN"
            return cue.promise_type
        return cue.type

    # -- main ------------------------------------------------------------------
    def code(self) -> list[Event]:
        events: list[Event] = []
        if self.doc is None:
            return events
        para_ends = [p.end for p in self.an.article.paragraphs] or [len(self.an.article.body)]
        last_date: tuple[int, date | None] = (-1, None)  # (paragraph index, date)
        sent_no = 0
        recent: list[tuple[int, int, Event]] = []  # (sentence number, paragraph, event) of coded events
        for sent in self.doc.sents:
            sent_no += 1
            cues = self._cues(sent)
            dates = find_dates(self._sent_text(sent), self.published)
            para = next((i for i, e in enumerate(para_ends) if sent.start_char < e), len(para_ends))
            day_match = next((d for d in dates if d.day), None)
            range_match = next((d for d in dates if d.day is None), None)
            if day_match:
                last_date = (para, day_match.day)
            inherited = last_date[1] if last_date[0] == para else None
            if not cues:
                continue
            cands = self._candidates(sent)
            self._all_cands = cands
            seen: set[tuple] = set()
            for tok_i, cue in cues:
                etype = self._factuality(sent, tok_i, cue)
                if etype is None:
                    continue
                for ev in self._events(sent, tok_i, cue, etype, cands):
                    src = ev.source.canonical if ev.source else None
                    tgt = ev.target.canonical if ev.target else None
                    # one record per (source, type, target); a second cue of the same type and
                    # source without a target of its own is the same event ("stürmten … und steckten in Brand")
                    if (ev.type, src, tgt) in seen or (tgt is None and (ev.type, src) in seen):
                        continue
                    seen.add((ev.type, src, tgt))
                    seen.add((ev.type, src))
                    if ev.source is None:
                        # "wurde er … gefasst" after "… von serbischen Sicherheitskräften verhaftet": a
                        # report continued without its actor keeps the actor of the same act just before
                        prior = next((e for n, p, e in reversed(recent) if sent_no - n <= 2 and p == para
                                      and e.type == ev.type and e.source is not None), None)
                        if prior is not None:
                            ev.source = prior.source
                    recent.append((sent_no, para, ev))
                    if day_match:
                        ev.date, ev.date_text = day_match.day, day_match.text
                    elif range_match:
                        ev.date_start, ev.date_end, ev.date_text = range_match.range_start, range_match.range_end, range_match.text
                    else:
                        ev.date = inherited
                    events.append(ev)
        return events

    def _events(self, sent, tok_i: int, cue: Cue, etype: str, cands: list[ActorCandidate]) -> list[Event]:
        """One event, or one per coordinated source ("Polizisten und Unterstützer … schlugen …")."""
        ev = self._event(sent, tok_i, cue, etype, cands)
        if ev is None:
            return []
        out = [ev]
        if not ev.reciprocal and ev.source is not None and ev.source.span is not None:
            first = next((c for c in cands if c.start == ev.source.span.start), None)
            src = first
            while src is not None:  # earlier conjuncts: "Polizisten und Unterstützer … schlugen"
                prv = next((c for c in cands if c.after_prep is None and src.tok_start - c.tok_end in (1, 2)
                            and self.doc[c.tok_end].text.lower() in ("und", "sowie")
                            and all(self.doc[j].pos_ == "DET" for j in range(c.tok_end + 1, src.tok_start))), None)
                if prv is None:
                    break
                out.append(Event(**{**ev.__dict__, "source": _actor(prv)}))
                src = prv
            src = first
            while src is not None:
                nxt = next((c for c in cands if c.tok_start > src.tok_end and c.after_prep is None
                            and self._conjuncts(src, c)), None)
                if nxt is None or (ev.target and ev.target.span and nxt.start == ev.target.span.start):
                    break
                twin = Event(**{**ev.__dict__, "source": _actor(nxt)})
                out.append(twin)
                src = nxt
        # coordinated sources in the order written ("Die EU und die USA …")
        out.sort(key=lambda e: e.source.span.start if e.source and e.source.span else -1)
        return out

    def _event(self, sent, tok_i: int, cue: Cue, etype: str, cands: list[ActorCandidate]) -> Event | None:
        doc = self.doc
        tok = doc[tok_i]
        c_start, c_end = self._clause(sent, tok_i)
        source: ActorCandidate | None = None
        target: ActorCandidate | None = None
        reciprocal = False
        if cue is REPORTED_DEMAND:
            source, target = self._demand_actors(sent, tok_i, cands)
            if source is None or target is None:
                return None  # "dass ihre Arbeitsweise langweilig sein müsse": no one is asked to act
            return Event(type=etype, sentence=Span(sent.start_char, sent.end_char, self._sent_text(sent)), mode=cue.mode,
                         source=_actor(source), target=_actor(target), cue=Span(tok.idx, tok.idx + len(tok.text), tok.text),
                         asserted_by="speaker", confidence=0.4)
        clause_words = {doc[i].text.lower() for i in range(c_start, c_end)}
        passive = cue.pos == "VERB" and (is_participle(tok) or (PAST_WERDEN & clause_words and tok.text.endswith("en"))) \
            and (any(lemma_of(doc[i]).lower() == "werden" for i in range(c_start, c_end)) or (
                is_participle(tok) and not any(doc[i].pos_ in ("VERB", "AUX") and i != tok_i
                                               and "Fin" in doc[i].morph.get("VerbForm", []) for i in range(c_start, c_end))
                and any(doc[i].text.lower() in PAST_WERDEN | {"wird", "werden"} for i in range(sent.start, c_start))) or (
                is_participle(tok) and any(c.after_prep in AGENT_PREPS and c_start <= c.tok_start < tok_i for c in cands)
                and any(doc[i].text.lower() in PAST_WERDEN | {"wird", "werden"} for i in range(sent.start, c_start))))

        # target: after one of the cue's prepositions, anywhere in the sentence
        d_start, d_end = self._dependent_clause(sent, c_end)
        for c in cands:
            if c.after_prep and c.after_prep in cue.target_preps and (
                    c_start <= c.tok_start < c_end or d_start <= c.tok_start < d_end):
                target = c
                break
        gen_after = None
        if cue.pos == "NOUN":
            gen_after = next((c for c in cands if c.after_prep == "GEN" and c.tok_start > tok_i
                              and c.tok_start - tok_i <= 4
                              and all(doc[j].pos_ in ("DET", "ADJ") for j in range(tok_i + 1, c.tok_start))), None)
        by_agent = None
        if cue.pos == "NOUN":
            by_agent = next((c for c in cands if c.after_prep in ("durch", "seitens") and c.tok_start > tok_i
                             and c_start <= c.tok_start < c_end), None)
        if by_agent is not None:
            # "die Festnahme von zwölf Fischern durch die Küstenwache": the agent acts, the
            # genitive or "von" phrase is acted upon
            source = by_agent
            if target is None or target is by_agent:
                target = gen_after or next((c for c in cands if c.after_prep == "von" and tok_i < c.tok_start < by_agent.tok_start), None)
        elif gen_after is not None and (cue.type in GEN_IS_SOURCE or cue.mode == "resign"):
            # "der Staatsbesuch des Präsidenten", "die Forderung der Mönche": the genitive acts
            source = gen_after
            if target is source:
                target = None
        elif target is None and cue.pos == "NOUN":
            target = next((c for c in cands if c.after_prep == "GEN" and c.tok_start > tok_i), None)
        in_clause = [c for c in cands if c_start <= c.tok_start < c_end] or cands
        lead = self._lead(sent, c_start, cands)
        if lead:
            in_clause = lead + [c for c in in_clause if c not in lead]
        # "laut Reuters" names who reports, not who acts; for a speech act with no other
        # subject it is the speaker ("X zufolge forderte …")
        bare = [c for c in in_clause if c.after_prep is None and c is not target]
        if not bare and cue.speech:
            bare = [c for c in in_clause if c.after_prep in ("laut", "zufolge") and c is not target]
        if not bare:
            bare = [c for c in cands if c.tok_start < tok_i and c.after_prep is None and c is not target]
        # reciprocal pair "A und B", also "A und B beschossen sich (gegenseitig)"
        mutual = cue.pos == "VERB" and any(doc[i].text.lower() in ("sich", "gegenseitig") and i > tok_i
                                           for i in range(c_start, c_end))
        if cue.reciprocal or (mutual and not cue.reflexive):
            for a, b in zip(bare, bare[1:]):
                between = [doc[i].text.lower() for i in range(a.tok_end, b.tok_start)]
                if between in (["und"], ["sowie"]) or (between and between[-1] == "und" and len(between) <= 3):
                    source, target, reciprocal = a, b, True
                    break
            if source is None and target is not None and target.after_prep == "mit":
                reciprocal = True
            if source is None and target is not None and target.after_prep == "zwischen":
                second = next((c for c in cands if c.tok_start > target.tok_end and c.tok_start - target.tok_end <= 2
                               and doc[target.tok_end].text.lower() == "und"), None)
                if second is not None:
                    source, target, reciprocal = target, second, True
        if source is None:
            if passive:
                # the agent nearest the participle, preferring its own clause; "nach Angaben von
                # Augenzeugen" names a witness, not the agent
                agents = [c for c in cands if c.after_prep in AGENT_PREPS and self._is_agent(c) and not self._reporter(c)]
                agents.sort(key=lambda c: (not (c_start <= c.tok_start < c_end), abs(tok_i - c.tok_start)))
                agent = agents[0] if agents else None
                if agent is None and cue.speech:
                    # a passive speech act reported from someone: "X wurde aufgefordert …, so Y"
                    qi = self._quote_at(tok.idx)
                    q = self.an.quotes[qi] if qi is not None else None
                    if q is not None and q.speaker:
                        sp = q.speaker[0]
                        span = doc.char_span(sp.start, sp.end, alignment_mode="expand")
                        if span is not None:
                            agent = self._candidate(span, self.entities.get(q.speaker_entity_id), sp.text)
                            if q.speaker_name:
                                agent.canonical = canonical_for(self.entities.get(q.speaker_entity_id), q.speaker_name) or q.speaker_name
                source = agent
                if target is None:
                    # "eine Kundgebung von Gegnern … wurde beendet": the event noun's "von X" is the target
                    target = next((c for c in cands if c.after_prep == "von" and self._of_noun(c) == "event"), None)
                if target is None:
                    target = next((c for c in bare if c is not agent and (c_start <= c.tok_start or c in lead)), None)
                if target is None and c_start > sent.start and not (clause_words & (PAST_WERDEN | {"wird", "werden"})):
                    # "wurde der Politiker X, ein Kritiker …, von der Polizei festgenommen": the
                    # passive subject stands with the auxiliary before the inserted clause
                    aux = next((i for i in range(c_start - 1, sent.start - 1, -1)
                                if doc[i].text.lower() in PAST_WERDEN | {"wird", "werden"}), None)
                    if aux is not None:
                        a_start, a_end = self._clause(sent, aux)
                        subj = [c for c in cands if a_start <= c.tok_start < a_end and c.after_prep is None and c is not agent]
                        target = next((c for c in subj if c.case not in ("Dat", "Acc", "Gen")), subj[0] if subj else None)
                if target is None:
                    # "die Haltung der Hamas wurde kritisiert": the owner of the passive subject
                    target = next((c for c in in_clause if c.after_prep == "GEN" and c is not agent), None)
                if target is None and doc[c_start].text.lower() in SUBORDINATORS and c_start > sent.start:
                    # relative clause: "einer Lehrerin, die … festgenommen wurde"
                    target = next((c for c in reversed(cands) if c.tok_end <= c_start - 1), None)
            else:
                if lead and lead[0].case not in ("Acc", "Dat", "Gen") and lead[0] is not target \
                        and doc[lead[0].tok_end - 1].pos_ != "ADJ":
                    # "Die Partei X, die …, beschuldigte die Regierung": the phrase before the
                    # inserted clause is the subject, not the one after the verb
                    source = lead[0]
                else:
                    source = self._subject(c_start, c_end, tok_i, [c for c in bare if c is not target])
                    if target is None and lead and lead[0] is not source:
                        target = lead[0]  # "Den IWF, dessen …, forderte er auf"
        if target is not None and source is not None and not reciprocal and self._conjuncts(source, target):
            target = None
        if target is None and not passive:
            rest = [c for c in bare if c is not source and c.case != "Gen" and not (source and self._conjuncts(source, c))]
            after = [c for c in rest if c.tok_start > (source.tok_start if source else -1)]
            # in a main clause the object follows the finite verb: "… und rief die Armee auf"
            past_cue = [c for c in after if c.tok_start > tok_i] if cue.pos == "VERB" else []
            target = (past_cue or after or [None])[0]
        if target is None and not passive and cue.speech and d_end > d_start:
            # "verlangen, dass sich die Regierung entschuldigt": the addressee is the
            # subject of the demanded (or rejected, criticised) content
            target = next((c for c in cands if d_start <= c.tok_start < d_end and c.after_prep is None
                           and c is not source), None)
        if target is None and cue.type in CONFLICT_TYPES:
            # "Im Prozess gegen X hat die Anklage … gefordert": "gegen" names whom a conflict act targets
            target = next((c for c in cands if c.after_prep == "gegen" and c_start <= c.tok_start < c_end
                           and c is not source), None)
        if target is None and not passive and cue.type in ("REJECT", "ACCUSE", "SUPPORT", "REQUEST", "CONCEDE", "AGREE"):
            target = next((c for c in in_clause if c.after_prep == "GEN" and c is not source), None)
        if cue.needs_partner and not reciprocal and not any(doc[i].text.lower() == "sich" for i in range(c_start, c_end)) and not (
                target is not None and (target.group or (target.entity is not None and target.entity.type in ("PER", "ORG")))):
            return None  # "wurde getroffen" (hit), "spricht von" (speaks of): no meeting
        if source is not None and target is not None and source.canonical == target.canonical:
            target = None
        if source is None and target is None and cue.pos == "NOUN":
            return None  # an actor-less noun is too often a mere topic
        loc = None
        loc_code = None
        for c in cands:
            if c.after_prep in ("in", "im") and c.entity is not None and c.entity.type == "LOC" and c not in (source, target) \
                    and not ("-" in c.text and "-" not in c.entity.name):  # "im Ukraine-Konflikt" is no place
                loc = Span(c.start, c.end, c.text)
                loc_code = c.entity.country
                break
        if source is not None and (source.group or (source.entity is not None and source.entity.type in ("ORG", "LOC"))) \
                and len(source.text) > 3:
            self._last_group = source  # what a later plural "sie" refers to
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
            sentence=Span(sent.start_char, sent.end_char, self._sent_text(sent)),
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

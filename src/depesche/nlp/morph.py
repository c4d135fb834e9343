"""Mood of finite verbs: Konjunktiv I / II, checked against conjugation tables.

The statistical morphologizer learns ``Mood`` from a few hundred examples and
misses rarer Konjunktiv forms ("stationiere", "darstelle").  The
``depesche_mood`` component therefore looks every finite verb up in the
paradigm of its lemma (from ``ablaut``, MIT) and sets ``Mood``/``Tense`` where
the form decides it, following UD:

* Konjunktiv I  -> ``Mood=Sub|Tense=Pres`` ("sei", "habe", "wolle", "ausweite")
* Konjunktiv II -> ``Mood=Sub|Tense=Past`` ("wäre", "hätten", "würden")
* a Konjunktiv I form identical to the indicative (1st/3rd person plural,
  1st person singular: "wir haben", "ich habe") is marked ``Mood=Ind``, as UD does;
* a Konjunktiv II form identical to the preterite (weak verbs: "sagten") is
  left as the model predicted, because only context can tell.

:func:`konjunktiv` (also ``token._.konjunktiv``) is the helper that other stages (quotes) call.
"""
from __future__ import annotations

import re
from functools import lru_cache

import numpy
from spacy.attrs import MORPH, POS, TAG
from spacy.language import Language
from spacy.symbols import ADJ, AUX, VERB
from spacy.tokens import Doc, Token

VERB_POS = {"VERB", "AUX"}
FINITE_TAGS = ("VVFIN", "VAFIN", "VMFIN")
_VISIT_POS = numpy.array([VERB, AUX, ADJ], dtype="uint64")
#: Row of a conjugation table for (Person, Number); rows are ich, du, er, wir, ihr, sie.
ROWS = {("1", "Sing"): 0, ("2", "Sing"): 1, ("3", "Sing"): 2, ("1", "Plur"): 3, ("2", "Plur"): 4, ("3", "Plur"): 5}
WEAK_PAST = re.compile(r"te(?:st|n|t)?$")
UMLAUT = re.compile(r"[äöü]")
#: News text is mostly about third persons: the row to prefer when the model gave none.
DEFAULT_ROWS = (2, 5)


def _finite(form: str) -> str:
    """The one-word finite form: "stehe auf" -> "aufstehe" (verb-final clauses)."""
    parts = form.split()
    if len(parts) == 2:
        return parts[1] + parts[0]
    return form


@lru_cache(maxsize=20000)
def paradigm(lemma: str) -> dict[str, list[set[str]]] | None:
    """Finite forms of ``lemma`` per table and row, lowercased; None if unknown.

    Each row holds the plain form ("stehe") and, for separable verbs, the
    joined verb-final form ("aufstehe").
    """
    import ablaut

    if not lemma or not lemma.isalpha() or not lemma.islower():
        return None
    try:
        conj = ablaut.conjugate(lemma)
    except (ValueError, TypeError):
        return None
    out = {}
    for name in ("present", "preterite", "konjunktiv1", "konjunktiv2"):
        rows = []
        for form in getattr(conj, name):
            form = (form or "").lower()
            rows.append({form.split()[0], _finite(form)} if form else set())
        out[name] = rows
    return out


def mood_from_paradigm(
    form: str, lemma: str, person: str | None, number: str | None, modal: bool = False
) -> tuple[str, str] | None:
    """(Mood, Tense) that the conjugation table of ``lemma`` gives ``form``, or None.

    None means: not in the table, or ambiguous between indicative and
    Konjunktiv II (weak preterite); the caller keeps the model's guess then.
    """
    table = paradigm(lemma)
    if table is None:
        return None
    form = form.lower()
    row = ROWS.get((person or "", number or ""))
    rows = (row,) if row is not None else DEFAULT_ROWS
    found = {
        (mood, tense)
        for name, mood, tense in (("present", "Ind", "Pres"), ("preterite", "Ind", "Past"),
                                  ("konjunktiv1", "Sub", "Pres"), ("konjunktiv2", "Sub", "Past"))
        for r in rows
        if form in table[name][r]
    }
    if not found and row is not None:
        # the model's person/number may be wrong: try every row
        return mood_from_paradigm(form, lemma, None, None, modal) if row not in DEFAULT_ROWS else None
    if not found:
        return None
    if found == {("Sub", "Pres")}:
        return ("Sub", "Pres")
    if found == {("Sub", "Past")}:
        # "wendete" is Konjunktiv II of "wenden" in the table but also a
        # common preterite: a weak-looking form without umlaut proves nothing.
        if WEAK_PAST.search(form) and not UMLAUT.search(form):
            return None
        return ("Sub", "Past")
    if ("Ind", "Pres") in found and ("Sub", "Past") not in found and ("Ind", "Past") not in found:
        return ("Ind", "Pres")  # includes Konjunktiv I = indicative: UD says Ind
    if found == {("Ind", "Past")}:
        return ("Ind", "Past")
    if found == {("Ind", "Past"), ("Sub", "Past")} and not modal:
        # weak preterite = Konjunktiv II ("klagten"): in news almost always
        # the indicative; modals ("sollte", "möchte") are left to the model
        return ("Ind", "Past")
    return None


#: How far to look for a separable particle ("gebe ... auf") after the verb.
PARTICLE_WINDOW = 12
#: Subordinating words that put the finite verb at the clause end.
SUBORDINATORS = {"KOUS", "PRELS", "PRELAT", "PWS", "PWAV", "PWAT"}


def _lemma_candidates(token: Token):
    lemma = token.lemma_.lower()
    yield lemma
    # separable verb in verb-second position: "gebe ... aus" -> also try "ausgeben"
    doc = token.doc
    for k in range(token.i + 1, min(len(doc), token.i + PARTICLE_WINDOW)):
        nxt = doc[k]
        if nxt.is_sent_start or nxt.is_space:
            break
        if nxt.tag_ == "PTKVZ":
            yield nxt.text.lower() + lemma
            break


def _first_person_singular(token: Token) -> bool:
    """Is "ich" right next to the verb ("ich halte", "habe ich")?"""
    doc = token.doc
    for k in range(max(0, token.i - 3), min(len(doc), token.i + 3)):
        if k != token.i and doc[k].lower_ == "ich":
            return True
    return False


@lru_cache(maxsize=50000)
def _cached_mood(form: str, lemma: str, person, number, modal: bool):
    return mood_from_paradigm(form, lemma, person, number, modal)


def fix_mood(token: Token) -> bool:
    """Set Mood/Tense of one finite verb from its paradigm; True if changed."""
    morph = token.morph.to_dict()
    if morph.get("VerbForm", "Fin") != "Fin" or morph.get("Mood") == "Imp":
        return False
    # only verbs the model already sees as finite: the tables would happily
    # conjugate a mis-tagged "entlang" or an English "like"
    if morph.get("VerbForm") != "Fin" and not token.tag_.endswith("FIN"):
        return False
    person, number = morph.get("Person"), morph.get("Number")
    if _first_person_singular(token):
        # "ich habe" is indicative in UD even though it is also Konjunktiv I
        person, number = "1", "Sing"
        morph["Person"], morph["Number"] = person, number
    modal = token.pos_ == "AUX" or token.tag_ == "VMFIN"
    for lemma in _lemma_candidates(token):
        result = _cached_mood(token.text, lemma, person, number, modal)
        if result is not None:
            mood, tense = result
            if morph.get("Mood") == mood and morph.get("Tense") == tense:
                return False
            morph["Mood"], morph["Tense"] = mood, tense
            morph["VerbForm"] = "Fin"
            token.set_morph("|".join(f"{k}={v}" for k, v in sorted(morph.items())))
            return True
    return False


def _in_subordinate_clause(token: Token) -> bool:
    """Is there a subordinating word ("dass", "ob", "der") before ``token`` in its clause?"""
    doc = token.doc
    for k in range(token.i - 1, max(-1, token.i - 25), -1):
        prev = doc[k]
        if prev.tag_ in SUBORDINATORS or prev.pos_ == "SCONJ":
            return True
        if prev.is_sent_start or prev.text in (";", ":") or prev.is_space:
            return False
    return False


#: POS after which an "-e" word cannot be an attributive adjective.
CLAUSE_END_POS = {"CCONJ", "PUNCT", "SCONJ", "SPACE"}


def repair_verb(token: Token) -> bool:
    """Retag a finite verb that the morphologizer took for something else.

    Two signs that a non-verb is a finite verb: the tagger says ``*FIN``
    while the morphologizer says e.g. ADJ; or a lowercase "-e" word tagged
    as adjective in a subordinate clause is followed by a conjunction or
    punctuation, so no noun follows ("..., dass sich das Bündnis nicht
    ausweite und ...").  Either
    way the form must be in the conjugation table of its lexicon lemma
    (3rd person, which is what news text reports).
    """
    finite_tag = token.tag_.endswith("FIN")
    if not finite_tag:
        if token.pos_ != "ADJ" or not token.is_lower or not token.text.endswith("e"):
            return False
        if token.i + 1 >= len(token.doc) or token.doc[token.i + 1].pos_ not in CLAUSE_END_POS:
            return False
        # only verb-final clauses: "sie sind einfach spitze." stays an adjective
        if not _in_subordinate_clause(token):
            return False
    from .lemmas import lexicon_lemma

    lemma = lexicon_lemma(token.text) or token.lemma_
    for number in ("Sing", "Plur"):
        found = mood_from_paradigm(token.text, lemma, "3", number)
        if found is None:
            continue
        mood, tense = found
        if not finite_tag and (mood, tense) != ("Sub", "Pres"):
            return False
        token.pos_ = "AUX" if token.tag_ in ("VAFIN", "VMFIN") else "VERB"
        if not finite_tag:
            token.tag_ = "VVFIN"
        token.lemma_ = lemma
        token.set_morph(f"Mood={mood}|Number={number}|Person=3|Tense={tense}|VerbForm=Fin")
        return True
    return False


@Language.component("depesche_mood")
def depesche_mood(doc: Doc) -> Doc:
    """Correct Mood/Tense of finite verbs from conjugation tables."""
    if len(doc) == 0:
        return doc
    # visit only verbs, adjectives and *FIN-tagged tokens (array look-up: fast)
    arr = doc.to_array([POS, TAG])
    strings = doc.vocab.strings
    fin_tags = [strings.add(t) for t in FINITE_TAGS]
    wanted = numpy.isin(arr[:, 0], _VISIT_POS) | numpy.isin(arr[:, 1], fin_tags)
    for i in numpy.flatnonzero(wanted).tolist():
        token = doc[i]
        if token.pos_ in VERB_POS:
            fix_mood(token)
        else:
            repair_verb(token)
    _drop_verbal_features(doc)
    return doc


VERBAL_FEATURES = ("Mood", "Tense", "VerbForm", "Person")
_VERB_POS_IDS = {VERB, AUX}
_HAS_MOOD: dict[int, bool] = {}  # morph hash -> does the bundle carry Mood?


def _drop_verbal_features(doc: Doc) -> None:
    """The morphologizer predicts whole feature bundles and sometimes hands a
    verb's Mood/Tense to a non-verb ("desto", "kostenlose"); a non-verb with a
    mood is always wrong, so its verbal features go (pronouns keep Person).
    """
    arr = doc.to_array([POS, MORPH])
    strings = doc.vocab.strings
    for i, (pos, morph) in enumerate(arr.tolist()):
        if pos in _VERB_POS_IDS or not morph:
            continue
        has_mood = _HAS_MOOD.get(morph)
        if has_mood is None:
            has_mood = _HAS_MOOD[morph] = "Mood=" in strings[morph]
        if not has_mood:
            continue
        token = doc[i]
        feats = token.morph.to_dict()
        for key in VERBAL_FEATURES:
            if key == "Person" and token.pos_ in ("PRON", "DET"):
                continue
            feats.pop(key, None)
        token.set_morph("|".join(f"{k}={v}" for k, v in sorted(feats.items())) or None)


def konjunktiv(token: Token) -> str | None:
    """"I" for Konjunktiv I, "II" for Konjunktiv II, None otherwise.

    Reads the token's morphology (``Mood=Sub`` with ``Tense=Pres`` or
    ``Tense=Past``), as set by the pipeline of :func:`depesche.nlp.load`.
    """
    if token.pos_ not in VERB_POS or "Sub" not in token.morph.get("Mood"):
        return None
    tense = token.morph.get("Tense")
    if "Past" in tense:
        return "II"
    if "Pres" in tense:
        return "I"
    # no Tense predicted: umlaut or a -te ending ("wäre", "könnte") marks II
    text = token.text.lower()
    return "II" if UMLAUT.search(text) or WEAK_PAST.search(text) else "I"


# ``token._.konjunktiv`` for stages that prefer the extension attribute.
if not Token.has_extension("konjunktiv"):
    Token.set_extension("konjunktiv", getter=konjunktiv)

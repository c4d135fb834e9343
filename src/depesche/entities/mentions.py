"""Finding candidate mentions in an article body.

Four finders, each with one job, all working on the body's words (a word is
``\\w+`` joined by hyphens, so "US-Präsident" and "NATO-Osterweiterung" are one
word whose parts are also looked at):

* :func:`kb_matches` — knowledge-base forms, longest match first: names,
  surnames, genitives ("Bidens"), adjectives ("russischem"), demonyms,
  anaphoric descriptions ("die Allianz"), and the first part of compounds
  ("US-Position", "NATO-Verbündeten").
* :func:`ner_matches` — the language core's ``doc.ents`` when a NER is loaded.
* :func:`name_matches` — unknown people by a first-name list ("Konrad
  Freiberg"), so the stage is useful before the NER lands.
* :func:`role_matches` — role descriptions with their owner: "der russische
  Präsident", "US-Präsident", "Russlands Präsident", "Präsident der USA",
  "Kremlchef", "Bidens Nationaler Sicherheitsberater".
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from .kb import WORD, KnowledgeBase

MAX_WORDS = 6
# Between the words of one name: spaces, or the dot of an initial ("George W. Bush").
NAME_GAP = re.compile(r"[ \t]+|\.[ \t]*|/")
NAME_PARTICLES = {"von", "van", "de", "der", "zu", "al", "el", "bin", "ibn", "da", "di", "la", "le", "dos", "del"}
# Capitalised words that start sentences or are titles, never part of a name.
NOT_NAMES = {
    "Der", "Die", "Das", "Den", "Dem", "Des", "Ein", "Eine", "Einer", "Einem", "Einen", "Er", "Sie", "Es", "Wir",
    "Ich", "Ihr", "In", "Im", "Am", "Auf", "Aus", "Bei", "Mit", "Nach", "Von", "Vor", "Zu", "Zum", "Zur", "Und",
    "Oder", "Aber", "Doch", "Wie", "Was", "Wer", "Wo", "Als", "Auch", "Nun", "So", "Dies", "Diese", "Dieser",
    "Herr", "Frau", "Dr", "Prof", "Montag", "Dienstag", "Mittwoch", "Donnerstag", "Freitag", "Samstag", "Sonntag",
}


@dataclass
class Word:
    start: int
    end: int
    text: str


@dataclass
class Candidate:
    """A span that may mention an entity, before clustering.

    ``kind``: name | surname | adjective | demonym | nominal | prefix | ner |
    person | role.  ``entries`` are the knowledge-base ids it may name.
    """

    start: int
    end: int
    text: str
    kind: str
    entries: list[str] = field(default_factory=list)
    label: str | None = None
    genitive: bool = False
    function: str | None = None  # roles: HOS, HOG, FM, PEER, GOV, ...
    owner: str | None = None  # roles: KB id of the owning country/organisation/person
    office: str | None = None  # roles with a fixed office ("RUS.HOS")
    cluster: str | None = None  # filled by clustering

    def overlaps(self, other: "Candidate") -> bool:
        return self.start < other.end and other.start < self.end


def words(body: str) -> list[Word]:
    return [Word(m.start(), m.end(), m.group()) for m in WORD.finditer(body)]


def _joinable(body: str, a: Word, b: Word) -> bool:
    gap = body[a.end:b.start]
    if gap == "" or NAME_GAP.fullmatch(gap) is None:
        return False
    if "." in gap and not (len(a.text) <= 2 or a.text.isupper()):
        return False  # a full stop after a normal word ends the sentence
    return True


def kb_matches(body: str, ws: list[Word], kb: KnowledgeBase) -> list[Candidate]:
    out: list[Candidate] = []
    i = 0
    while i < len(ws):
        found = None
        for n in range(min(MAX_WORDS, len(ws) - i), 0, -1):
            if n > 1 and not all(_joinable(body, ws[i + k], ws[i + k + 1]) for k in range(n - 1)):
                continue
            key = tuple(w.text for w in ws[i:i + n])
            forms = kb.lookup(key)
            forms = [f for f in forms if f.kind != "prefix"]
            if forms:
                found = (n, forms)
                break
        if found:
            n, forms = found
            start, end = ws[i].start, ws[i + n - 1].end
            kinds = [f.kind for f in forms]
            kind = next(k for k in ("name", "surname", "adjective", "demonym", "nominal") if k in kinds)
            forms = [f for f in forms if f.kind == kind]
            out.append(Candidate(start, end, body[start:end], kind, [f.entry for f in forms],
                                 genitive=any(f.genitive for f in forms)))
            i += n
            continue
        w = ws[i]
        if "-" in w.text:  # compound: its first part may name an entity ("US-Position")
            first = w.text.split("-")[0]
            forms = [f for f in kb.lookup((first,)) if f.kind in ("name", "prefix", "adjective")]
            if forms:
                kind = "adjective" if forms[0].kind == "adjective" else "prefix"
                out.append(Candidate(w.start, w.start + len(first), first, kind, [f.entry for f in forms]))
            # "russisch-ukrainische": the later parts may be adjectives too
            offset = w.start + len(first) + 1
            for part in w.text.split("-")[1:]:
                forms = [f for f in kb.lookup((part,)) if f.kind == "adjective"]
                if forms and part[:1].islower():
                    out.append(Candidate(offset, offset + len(part), part, "adjective", [f.entry for f in forms]))
                offset += len(part) + 1
        i += 1
    return out


def ner_matches(doc) -> list[Candidate]:
    if doc is None:
        return []
    out = []
    for ent in getattr(doc, "ents", ()):
        label = ent.label_.split("-")[0].upper()
        if label not in ("PER", "ORG", "LOC", "OTH"):
            continue
        out.append(Candidate(ent.start_char, ent.end_char, ent.text, "ner", label=label))
    return out


def name_matches(body: str, ws: list[Word], kb: KnowledgeBase) -> list[Candidate]:
    """``First Last`` where First is a known first name and Last is capitalised."""
    out = []
    i = 0
    while i < len(ws) - 1:
        w = ws[i]
        if w.text in kb.first_names and w.text not in NOT_NAMES:
            j = i + 1
            last = None
            while j < len(ws) and j - i <= 4 and _joinable(body, ws[j - 1], ws[j]):
                t = ws[j].text
                if t in NAME_PARTICLES and j + 1 < len(ws):
                    j += 1
                    continue
                if t[:1].isupper() and t not in NOT_NAMES and t not in kb.role_nouns and not t.isupper():
                    last = j
                    j += 1
                    if t in kb.first_names:
                        continue  # a double first name ("Hans Peter")
                    break
                break
            if last is not None:
                start, end = w.start, ws[last].end
                out.append(Candidate(start, end, body[start:end], "person", label="PER"))
                i = last + 1
                continue
        i += 1
    return out


def _owner_of(c: Candidate, kb: KnowledgeBase) -> str | None:
    """The KB id a name/adjective/prefix candidate makes the owner of a role."""
    for eid in c.entries:
        e = kb.get(eid)
        if e is None:
            continue
        if e.kind == "capital":
            return f"country:{e.country}"
        return e.id
    return None


PLURAL_DETERMINERS = {"die", "Die", "beide", "beider", "beiden", "zwei", "drei", "mehrere", "viele", "alle", "ihre",
                      "deren", "der"}


def _plural(body: str, ws: list[Word], j: int, noun: str) -> bool:
    """A plural role noun: "die Präsidenten", "Staatschefs beider Länder",
    "die Staatschefs Biden und Putin"."""
    if noun.endswith(("innen",)):
        return True
    prev = ws[j - 1].text if j > 0 else ""
    # skip one adjective: "die beiden russischen Präsidenten"
    if prev[:1].islower() and prev not in PLURAL_DETERMINERS and j > 1:
        prev = ws[j - 2].text
    if prev in ("die", "Die", "beide", "beiden", "zwei", "drei", "mehrere", "viele", "alle") \
            and not noun.endswith("in") and noun.endswith(("en", "s", "er", "e")) and not noun.endswith("ung"):
        return True
    return False


def role_matches(body: str, ws: list[Word], kb: KnowledgeBase, found: list[Candidate]) -> list[Candidate]:
    by_start = {c.start: c for c in found}
    by_end = {c.end: c for c in found}
    out = []
    for i, w in enumerate(ws):
        text = w.text
        noun, owner, function, start = None, None, None, w.start
        fixed = kb.role_nouns.get(text, "")
        if fixed.startswith("FIXED:"):
            office = kb.fixed[fixed[6:]]
            owner_code, function = office.rsplit(".", 1)
            owner = owner_code if ":" in owner_code else f"country:{owner_code}"
            noun = text
        elif text in kb.role_nouns:
            function, noun = kb.role_nouns[text], text
        elif "-" in text and text.rsplit("-", 1)[1] in kb.role_nouns:
            function = kb.role_nouns[text.rsplit("-", 1)[1]]
            if function.startswith("FIXED:"):
                continue
            noun = text
            pre = by_start.get(w.start)
            if pre is not None and pre.end < w.end:
                owner = _owner_of(pre, kb)
        if noun is None:
            continue
        # multi-word role nouns ("Nationaler Sicherheitsberater")
        if i > 0 and f"{ws[i - 1].text} {text}" in kb.role_nouns and _joinable(body, ws[i - 1], w):
            start = ws[i - 1].start
            function = kb.role_nouns[f"{ws[i - 1].text} {text}"]
            j = i - 1
        else:
            j = i
        if owner is None and j > 0:
            prev = by_end.get(ws[j - 1].end)
            gap = body[ws[j - 1].end:start]
            if prev is not None and gap.strip() == "" and (prev.kind == "adjective" or prev.genitive):
                owner = _owner_of(prev, kb)
                if prev.kind == "adjective":
                    start = prev.start
        if owner is None and i + 1 < len(ws):
            # "Präsident der USA", "Innenminister Frankreichs", "Chef der NATO"
            k = i + 1
            if ws[k].text in ("der", "des", "von") and k + 1 < len(ws):
                k += 1
            nxt = by_start.get(ws[k].start)
            if nxt is not None and nxt.kind in ("name", "prefix") and body[w.end:nxt.start].strip() in ("", "der", "des", "von"):
                e = kb.get(nxt.entries[0]) if nxt.entries else None
                if e is not None and e.type != "PER" and (k > i + 1 or nxt.genitive):
                    owner = _owner_of(nxt, kb)
        if owner is None:
            base = text
            for ending in sorted({"innen", "in", "en", "es", "s", "n", "e"}, key=len, reverse=True):
                if base.endswith(ending) and base[: -len(ending)] in kb.default_owner:
                    base = base[: -len(ending)]
                    break
            if base in kb.default_owner:
                owner = f"country:{kb.default_owner[base]}"
        if _plural(body, ws, j, text):
            continue  # "die Staatschefs beider Länder": several people, no one identity
        end = w.end
        out.append(Candidate(start, end, body[start:end], "role", function=function, owner=owner, label="PER"))
    return out

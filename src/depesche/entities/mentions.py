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
from functools import lru_cache

from .kb import WORD, KnowledgeBase, words_of

MAX_WORDS = 6
# Between the words of one name: spaces, or the dot of an initial ("George W. Bush").
NAME_GAP = re.compile(r"[ \t]+|\.[ \t]*|/")
NAME_PARTICLES = {"von", "van", "de", "der", "zu", "al", "el", "bin", "ibn", "da", "di", "la", "le", "dos", "del"}
# Capitalised words that start sentences or are titles, never part of a name.
NOT_NAMES = {
    "Der", "Die", "Das", "Den", "Dem", "Des", "Ein", "Eine", "Einer", "Einem", "Einen", "Er", "Sie", "Es", "Wir",
    "Ich", "Ihr", "In", "Im", "Am", "Auf", "Aus", "Bei", "Mit", "Nach", "Von", "Vor", "Zu", "Zum", "Zur", "Und",
    "Oder", "Aber", "Doch", "Wie", "Was", "Wer", "Wo", "Als", "Auch", "Nun", "So", "Dies", "Diese", "Dieser",
    "Nur", "Noch", "Dann", "Damit", "Dabei", "Hier", "Jetzt", "Heute", "Laut", "Seit", "Trotz", "Über", "Unter",
    "Gegen", "Ohne", "Für", "Durch", "Um", "Ab", "Bis", "An", "Kein", "Keine", "Alle", "Viele", "Mehr", "Man",
    "Mai", "Juli", "Juni", "Sir", "Dame", "Papa", "Park", "Rein", "Bin", "Sun", "Odd", "Ihre", "Sein", "Seine",
    "Januar", "Februar", "März", "April", "August", "September", "Oktober", "November", "Dezember",
    "Herr", "Frau", "Dr", "Prof", "Montag", "Dienstag", "Mittwoch", "Donnerstag", "Freitag", "Samstag", "Sonntag",
}


# Nouns naming what a person is ("Innenminister", "Anwältin", "Gewerkschaftschef"):
# a capitalised name right after one, or a name followed by ", der/die ... <title>",
# is a person.  Suffix → role function (see roles.yaml); TITLE marks no office.
TITLE_SUFFIXES = {
    "minister": "MIN", "präsident": "PRES", "chef": "PRES", "vorsitzende": "PRES", "vorsitzender": "PRES",
    "vorsitzenden": "PRES", "sprecher": "SPOKES", "leiter": "TITLE", "direktor": "TITLE", "trainer": "TITLE",
    "anwalt": "TITLE", "anwältin": "TITLE", "manager": "TITLE", "journalist": "TITLE", "sekretär": "TITLE",
    "kommandeur": "TITLE", "general": "TITLE", "gouverneur": "TITLE", "bürgermeister": "TITLE",
    "abgeordnete": "TITLE", "abgeordneter": "TITLE", "abgeordneten": "TITLE", "autor": "TITLE",
    "schriftsteller": "TITLE", "professor": "TITLE", "richter": "TITLE", "staatsanwalt": "TITLE",
    "funktionär": "TITLE", "geschäftsführer": "TITLE", "botschafter": "TITLE", "kandidat": "TITLE",
    "beauftragte": "TITLE", "beauftragter": "TITLE", "senator": "TITLE", "forscher": "TITLE", "experte": "TITLE",
    "vertreter": "TITLE", "mitarbeiter": "TITLE", "mitglied": "TITLE", "schauspieler": "TITLE",
    "sänger": "TITLE", "regisseur": "TITLE", "gründer": "TITLE", "vorstand": "TITLE", "kommissar": "TITLE",
    "aktivist": "TITLE", "kanzler": "HOG", "premier": "HOG", "staatssekretär": "TITLE",
    "kapitän": "TITLE", "bischof": "TITLE", "kardinal": "TITLE", "analyst": "TITLE", "ökonom": "TITLE",
    "wissenschaftler": "TITLE", "einheimischen": "TITLE", "einheimische": "TITLE", "berater": "TITLE",
    "unternehmer": "TITLE", "unternehmerin": "TITLE", "ingenieur": "TITLE", "arzt": "TITLE", "ärztin": "TITLE",
}
TITLE_ENDINGS = ("", "in", "s", "en", "n", "e")


# Nouns naming a kind of organisation: the name after one is an organisation
# ("Zeitung The Jakarta Post", "Fernsehsender „Silverbird“", "Gewerkschaft Verdi").
ORG_KIND_RE = re.compile(
    r"(?:zeitung|blatt|magazin|sender|agentur|organisation|konzern|unternehmen|firma|gewerkschaft|partei|"
    r"verband|verein|bank|institut|universität|stiftung|gruppe|rundfunk|portal|website|netzwerk|"
    r"bündnis|initiative|club|klub|allianz|kette|airline|fluggesellschaft|reederei|brauerei)$")
ORG_NAME = re.compile(r"[ \t]+[„\"»]?((?:(?:The|Die|Der|Das|Le|La|El)[ \t]+)?[A-ZÄÖÜ0-9][\w&'’-]*"
                      r"(?:[ \t]+(?:[A-ZÄÖÜ0-9][\w&'’-]*|am|für|und|of|the|de))*)[“\"«]?")
ORG_JOINERS = {"am", "für", "und", "of", "the", "de"}


def _org_name(text: str) -> str:
    """Cut a matched organisation name before a weekday or other non-name word
    and drop trailing joiners ("The Jakarta Post am Montag" → "The Jakarta Post")."""
    words_ = text.split()
    out = []
    for k, w in enumerate(words_):
        if k > 0 and w in NOT_NAMES and words_[0] not in ("The", "Die", "Der", "Das") or (k > 1 and w in NOT_NAMES):
            break
        out.append(w)
    while out and out[-1] in ORG_JOINERS:
        out.pop()
    return " ".join(out)

_TITLE_RE = re.compile(
    "(" + "|".join(sorted(map(re.escape, TITLE_SUFFIXES), key=len, reverse=True)) + ")(?:"
    + "|".join(e for e in TITLE_ENDINGS if e) + ")?$")


@lru_cache(maxsize=65536)
def title_function(word: str) -> str | None:
    """The role function of a title noun, by its last part ("Informationsminister" → MIN)."""
    low = word.lower().split("-")[-1]
    m = _TITLE_RE.search(low)
    return TITLE_SUFFIXES[m.group(1)] if m else None


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
        # how many words from i on are joined into one possible name, counted only as far
        # as the longest KB form starting with this word reaches (most words start none)
        limit = min(MAX_WORDS, kb.longest_from(ws[i].text))
        run = 1
        while run < limit and i + run < len(ws) and _joinable(body, ws[i + run - 1], ws[i + run]):
            run += 1
        for n in range(min(limit, run), 0, -1):
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
            out.append(Candidate(start, end, body[start:end], kind, list(dict.fromkeys(f.entry for f in forms)),
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


# Endings of German common nouns, rare in names: a name found only by an
# apposition does not start with such a word ("Angeklagter Lustig, …").
NOUN_ENDINGS = re.compile(r"(?:ung|heit|keit|schaft|tion|ität|ismus|ment|nis|tum|ling|chen|lein|stoff|"
                          r"ende|enden|ender|ter|ungen)$")


def _is_name_word(t: str, kb: KnowledgeBase) -> bool:
    return (t[:1].isupper() and t not in NOT_NAMES and t not in kb.role_nouns and not t.isupper()
            and title_function(t) is None)


def _name_run(body: str, ws: list[Word], i: int, kb: KnowledgeBase, known_ok: bool = False) -> int | None:
    """Index of the last word of a run of up to four name words from ``i``
    (particles like "von", "de" right after a first name), or None."""
    last = None
    j = i
    if ws[i].text in NAME_PARTICLES:
        return None
    while j < len(ws) and j - i < 5:
        if j > i and not _joinable(body, ws[j - 1], ws[j]):
            break
        t = ws[j].text
        if t in NAME_PARTICLES and last is None and j > i and j + 1 < len(ws):
            j += 1  # "Ursula von der Leyen": particles only right after the first name
            continue
        if len(t) == 1 and t.isupper() and last is not None and body[ws[j].end:ws[j].end + 1] == "." \
                and j + 1 < len(ws):
            j += 1  # a middle initial: "Larry A. Silverstein"
            continue
        forms = kb.lookup((t,))
        # a KB surname may end another person's name ("Volker Beck" is not Kurt Beck)
        known = forms and not all(f.kind == "surname" for f in forms)
        if not _is_name_word(t, kb) or (not known_ok and known):
            break
        last = j
        j += 1
    return last


APPOSITION = re.compile(r",\s+((?:[\w'’-]+[ \t]+){0,6}[\w'’-]+)")


def apposition_has_title(body: str, pos: int) -> bool:
    """", der für das Kosovo zuständige serbische Minister": a title noun within
    the next seven words after a comma (before any other punctuation)."""
    m = APPOSITION.match(body, pos)
    return bool(m) and any(title_function(x) for x in m.group(1).split() if x[:1].isupper())


def name_matches(body: str, ws: list[Word], kb: KnowledgeBase) -> list[Candidate]:
    """Unknown people and organisations, before (or beside) the NER:

    * ``First Last`` where First is a known first name;
    * a name right after a title noun ("Informationsminister Ghasi Aridi",
      "VW-Chef Winterkorn");
    * a name followed by an apposition with a title ("Arni Finnsson, ein
      Vertreter ...", "Celebi, die Anwältin ...");
    * acronyms ("CCE", "MDC") as organisations.
    """
    out: list[Candidate] = []
    taken: set[int] = set()

    def add(i: int, last: int, label: str = "PER") -> None:
        start, end = ws[i].start, ws[last].end
        out.append(Candidate(start, end, body[start:end], "person" if label == "PER" else "ner", label=label))
        taken.update(range(i, last + 1))

    for i, w in enumerate(ws):
        if i in taken:
            continue
        t = w.text
        if (t in kb.first_names or ("-" in t and all(p in kb.first_names for p in t.split("-")))) and t not in NOT_NAMES and i + 1 < len(ws) and _joinable(body, w, ws[i + 1]):
            k = i + 1
            while k < len(ws) - 1 and ws[k].text in NAME_PARTICLES:
                k += 1  # "Ursula von der Leyen"
            last = _name_run(body, ws, k, kb, known_ok=False)
            if last is not None:
                add(i, last)
                continue
        if not (t[:1].isupper() or t.isupper()):
            continue  # every rule below wants a capital (most words of a text have none)
        if t[:1].isupper() and (title_function(t) or t in kb.role_nouns) and i + 1 < len(ws) \
                and _joinable(body, w, ws[i + 1]) and not body[w.end:ws[i + 1].start].strip():
            last = _name_run(body, ws, i + 1, kb)
            if last is not None:
                add(i + 1, last)
                continue
        # the apposition needs a comma right after the run, which spans at most five words:
        # without a comma there, the run is not worth finding
        if _is_name_word(t, kb) and not kb.lookup((t,)) and (i == 0 or ws[i - 1].text not in ("der", "die", "das", "den", "dem", "des", "ein", "eine", "einen", "einem")) \
                and body.find(",", w.start, ws[min(i + 4, len(ws) - 1)].end + 1) >= 0:
            last = _name_run(body, ws, i, kb)
            if last is not None and apposition_has_title(body, ws[last].end) \
                    and (t in kb.first_names or not NOUN_ENDINGS.search(t)):
                add(i, last)
                continue
        if t[:1].isupper() and ORG_KIND_RE.search(t.lower()) and i + 1 < len(ws):
            m = ORG_NAME.match(body, w.end)
            if m:
                name = _org_name(m.group(1))
                first = name.split()[0] if name else "Der"
                if first not in NOT_NAMES and not kb.lookup(words_of(name)) and title_function(first) is None \
                        and first not in kb.role_nouns:
                    start = m.start(1)
                    j = next((k for k, x in enumerate(ws) if x.start >= start + len(name)), len(ws))
                    out.append(Candidate(start, start + len(name), name, "ner", label="ORG"))
                    taken.update(k for k in range(i + 1, j) if ws[k].start < start + len(name))
                    continue
        if t.isupper() and t.isalpha() and 2 <= len(t) <= 6 and not kb.lookup((t,)) \
                and not re.fullmatch(r"[IVXLC]+", t) and t not in ("AG", "GMBH", "UHR", "TV", "PS", "KW"):
            add(i, i, "ORG")
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
        elif text.startswith("Bundes") and text[6:7].upper() + text[7:] in kb.role_nouns \
                and not kb.role_nouns[text[6:7].upper() + text[7:]].startswith("FIXED:"):
            # "Bundesjustizministerin": a federal German office
            function, noun, owner = kb.role_nouns[text[6:7].upper() + text[7:]], text, "country:DEU"
        elif text[:1].isupper() and title_function(text):
            function, noun = title_function(text), text
            pre = by_start.get(w.start)
            if "-" in text and pre is not None and pre.end < w.end:
                owner = _owner_of(pre, kb)
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

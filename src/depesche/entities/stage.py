"""Entities stage (order 20): one identity per actor within an article.

Approach, in order:

1. **Candidates** (:mod:`.mentions`): knowledge-base forms (names, surnames,
   genitives, adjectives, demonyms, compound prefixes), the NER's
   ``doc.ents``, unknown people by first name, and role descriptions with
   their owner ("der russische Präsident", "US-Präsident", "Kremlchef").
2. **Overlaps**: the longest candidate wins, except that an adjective or
   prefix inside a role ("russische" in "der russische Präsident") stays as
   its own mention of the country.
3. **People**: every full name opens a cluster; a later or earlier bare
   surname, or its genitive ("Sullivan", "Sullivans"), joins the cluster of the
   full name that ends in it.  The canonical name is the knowledge-base name,
   else the fullest form seen.
4. **Roles**: a role followed by a name ("US-Präsident Joe Biden") is that
   person (apposition).  Otherwise the knowledge base gives the holder of the
   owner's office on the article's date ("der US-Präsident" in December 2021
   is Joe Biden); without a date, a holder already named in the article.
   "Kollege" with an owner country is the person of that country named in the
   article.  "Regierung" with an owner is the country's government.
5. **Descriptions** ("das westliche Militärbündnis", "die Allianz") link only
   to an entry that the article names outright.
6. **Metonyms**: a capital not governed by a locative preposition ("in
   Moskau") and not a dateline is the country's government; "Kreml" and
   "Weißes Haus" are their own ORG entities.
7. **Ids**: linked entities get ``kb:<entry id>``; others
   ``new:<hash of type + normalised name>``, so the same unknown person in two
   articles is one entity.

Pronouns are not emitted as mentions; :func:`depesche.entities.resolve`
resolves a pronoun span to the nearest preceding person when asked.
"""
from __future__ import annotations

import hashlib
import re
from datetime import date, datetime

from ..model import Analysis, Entity, Mention
from ..pipeline import stage
from . import schema as _schema  # noqa: F401  (registers the corrections table)
from .kb import KBEntry, KnowledgeBase, load_kb, normalize, words_of
from .mentions import (NOT_NAMES, ORG_KIND_RE, Candidate, kb_matches, name_matches, ner_matches, role_matches,
                       title_function, words)

# Between a role and the name it describes: nothing, a comma, or a short
# genitive ("Der Geschäftsführer der Abfallfirma, Gerd Bruckschen").
APPOSITION_GAP = r"\s*,?\s*|\s+(?:der|des|von)\s+(?:[\w-]+\s+){0,2}[\w-]+,\s*"
# Surnames of KB people that are also German words, and very common German
# surnames: a bare one is only trusted with more evidence (surname_alone_ok).
WORD_SURNAMES = {"Weil", "Kurz", "Heil", "Reiche", "Frei", "Rhein", "Jung", "Lang", "Bär", "Kohl", "Struck", "Bas",
                 "Klein", "Weiß", "Schwarz", "Braun", "Fuchs", "Wolf", "Vogel", "Winter", "Sommer", "Stein", "Groß",
                 "Engel", "Busch", "Horn", "Graf", "Roth", "Hahn", "Kaiser", "König", "Koch", "Richter", "Jäger",
                 "Lange", "Link", "May", "Rice", "Beck", "Sauer", "Pau", "Banke", "Frank", "Ludwig", "Rainer"}
COMMON_SURNAMES = {"Müller", "Schmidt", "Schneider", "Fischer", "Weber", "Meyer", "Meier", "Wagner", "Becker",
                   "Schulz", "Hoffmann", "Schäfer", "Bauer", "Schröder", "Neumann", "Zimmermann", "Krüger",
                   "Hartmann", "Schmitt", "Werner", "Krause", "Lehmann", "Schmid", "Schulze", "Maier", "Köhler",
                   "Herrmann", "Walter", "Mayer", "Huber", "Kaiser", "Peters", "Möller", "Scholz", "Schubert",
                   "Friedrich", "Keller", "Günther", "Berger", "Winkler", "Lorenz", "Baumann", "Franke",
                   "Albrecht", "Schuster", "Simon", "Böhm", "Kraus", "Martin", "Schumacher", "Krämer", "Vogt",
                   "Voigt", "Otto", "Seidel", "Heinrich", "Brandt", "Haas", "Schreiber", "Dietrich", "Ziegler",
                   "Kuhn", "Kühn", "Pohl", "Bergmann", "Thomas", "Arnold", "Wolff", "Pfeiffer", "Fuchs", "Schütz",
                   "Gabriel", "Johnson", "Brown", "Smith", "Williams", "Jones", "Miller", "Davis", "Wilson",
                   "Taylor", "Anderson", "Clark", "Lee", "Kim", "Park", "Wang", "Li", "Zhang", "Chen", "Liu",
                   "Austin", "Harris", "Powell", "Gates", "Bush", "Clinton", "Castro", "Costa", "Michel",
                   "Sánchez", "Morales", "Kern", "Fischer", "Ruto", "Lula"}
LOCATIVE = {"in", "nach", "aus", "bei", "nahe", "im", "ins", "um", "bis", "durch", "über", "vor", "zwischen",
            "unweit", "nördlich", "südlich", "östlich", "westlich", "raum", "region", "nahe", "am", "vom", "zum"}
TYPE_COMPATIBLE = {("ORG", "LOC"), ("LOC", "ORG"), ("ORG", "OTH"), ("OTH", "ORG")}
KIND_OF_MENTION = {"name": "name", "surname": "name", "prefix": "name", "ner": "name", "person": "name",
                   "adjective": "adjective", "demonym": "nominal", "nominal": "nominal", "role": "nominal"}


def new_id(type_: str, name: str) -> str:
    """Stable id of an entity not in the knowledge base."""
    return "new:" + hashlib.sha1(f"{type_}|{normalize(name)}".encode("utf-8")).hexdigest()[:16]


def article_date(analysis: Analysis) -> date | None:
    pub = analysis.article.published
    if isinstance(pub, datetime):
        if pub.tzinfo is not None:
            # offices change hands on German calendar days: a midnight timestamp
            # stored in UTC must not fall back onto the previous day
            from zoneinfo import ZoneInfo

            pub = pub.astimezone(ZoneInfo("Europe/Berlin"))
        return pub.date()
    if isinstance(pub, date):
        return pub
    return None


class Cluster:
    """The mentions of one entity in one article."""

    def __init__(self, key: str, type_: str, entry: KBEntry | None = None):
        self.key = key
        self.type = type_
        self.entry = entry
        self.cands: list[Candidate] = []
        self.confidence = 1.0

    def names(self) -> list[str]:
        return [c.text for c in self.cands if c.kind in ("name", "surname", "ner", "person")]

    def canonical(self) -> str:
        if self.entry is not None:
            return self.entry.name
        names = self.names() or [c.text for c in self.cands]
        texts = set(names)

        def strip_gen(t: str) -> str:
            return t[:-1] if t.endswith(("s", "'")) and t[:-1] in texts else t

        best = max(names, key=lambda t: (len(words_of(t)), len(t), -names.index(t)))
        return strip_gen(best)


class Linker:
    """Turns one article's candidates into entities and mentions."""

    def __init__(self, analysis: Analysis, kb: KnowledgeBase):
        self.analysis = analysis
        self.body = analysis.article.body or ""
        self.kb = kb
        self.on = article_date(analysis)
        self.clusters: dict[str, Cluster] = {}
        self.context_countries: set[str] = set()
        self.surnames: dict[str, list[tuple[int, str]]] = {}

    # -- helpers -----------------------------------------------------------------
    def cluster_for(self, key: str, type_: str, entry: KBEntry | None = None) -> Cluster:
        cl = self.clusters.get(key)
        if cl is None:
            cl = self.clusters[key] = Cluster(key, type_, entry)
        return cl

    def attach(self, c: Candidate, key: str, type_: str, entry: KBEntry | None = None, conf: float = 1.0) -> None:
        cl = self.cluster_for(key, type_, entry)
        c.cluster = key
        cl.cands.append(c)
        cl.confidence = min(cl.confidence, conf) if cl.cands[:-1] else conf

    def pick(self, c: Candidate, named: set[str]) -> KBEntry | None:
        """Choose among the entries a form may name: one the article names in
        full, else one in office on the article's date, else the first."""
        entries = [self.kb.get(e) for e in c.entries if self.kb.get(e) is not None]
        if not entries:
            return None
        if len(entries) == 1:
            return entries[0]
        # evidence in order: named in full here, in office on the date, of a
        # country the article talks about
        entries = [e for e in entries if e.id in named] or entries
        if self.on is not None:
            entries = [e for e in entries if any(e.holds(r[0], self.on) for r in e.roles)] or entries
        entries = [e for e in entries if e.country and e.country in self.context_countries] or entries
        return entries[0]

    def prev_word(self, pos: int) -> str:
        """The word right before ``pos`` in the same clause ("" after punctuation)."""
        m = re.search(r"(\w+)[ \t\"„“]*$", self.body[max(0, pos - 40):pos])
        return m.group(1) if m else ""

    def is_dateline(self, c: Candidate) -> bool:
        """"Wien – Die Regierung …", "Moskau (dpa) -", "Weitra/Wien –": a place line."""
        return re.match(r"\s*(?:\(|[–—-]\s)", self.body[c.end:c.end + 4]) is not None

    # -- the steps ---------------------------------------------------------------
    def candidates(self) -> list[Candidate]:
        ws = words(self.body)
        kbc = kb_matches(self.body, ws, self.kb)
        ner = [n for n in (self.clean_ner(n) for n in ner_matches(self.analysis.doc)) if n is not None]
        # NER and KB agree on a span: keep the KB candidate with the NER label,
        # unless the types clash (a person named like a city)
        keep_ner = []
        by_span: dict[tuple[int, int], list[Candidate]] = {}
        for k in kbc:
            by_span.setdefault((k.start, k.end), []).append(k)
        for n in ner:
            same = by_span.get((n.start, n.end))
            if same:
                for k in same:
                    k.label = n.label
                continue
            inside = [k for k in kbc if k.start >= n.start and k.end <= n.end and k.kind in ("name", "surname")] \
                if n.label == "PER" else []
            if n.label == "PER" and any(self.kb.get(e) and self.kb.get(e).type == "PER" for k in inside for e in k.entries):
                continue  # "Präsident Wladimir Putin" vs KB "Wladimir Putin": the KB span is the name
            keep_ner.append(n)
        people = name_matches(self.body, ws, self.kb)
        for c in keep_ner + people:
            self.take_first_name(c)
        # a full name beats the KB surname inside it ("Volker Beck" vs. Kurt Beck's "Beck")
        # ... and an organisation named after its kind ("Zeitung The Jakarta Post") beats
        # the place inside it
        kbc = [k for k in kbc if not any(
            p.start <= k.start and k.end <= p.end and (p.end - p.start) > (k.end - k.start)
            and (k.kind == "surname" or (p.label == "ORG" and k.kind == "name")) for p in people)]
        # a person found by first name, title or apposition beats a NER span that
        # calls the same words something else ("Flughafenmanager Vedat Muftuoglu": OTH)
        keep_ner = [n for n in keep_ner if n.label == "PER" or not any(
            p.label == "PER" and p.overlaps(n) for p in people)]
        others = kbc + keep_ner
        people = [p for p in people if not any(p.start < o.end and o.start < p.end for o in others)]  # overlaps, inlined
        found = kbc + keep_ner + people
        roles = role_matches(self.body, ws, self.kb, found)
        # longest wins; adjectives and prefixes inside a role stay, NER wins over KB nominals
        allc = sorted(found + roles, key=lambda c: (c.start, -(c.end - c.start)))
        kept: list[Candidate] = []
        for c in allc:
            # ``k.overlaps(c)`` written out: this test runs for every pair of candidates
            clash = [k for k in kept if k.start < c.end and c.start < k.end]
            if not clash:
                kept.append(c)
                continue
            if all(k.kind == "role" for k in clash) and c.kind in ("adjective", "prefix", "name") \
                    and c.label != "PER":
                kept.append(c)
                continue
            if c.kind == "role" and all(k.kind in ("adjective", "prefix") for k in clash):
                kept.append(c)
                continue
            if c.kind == "role" and all(k.kind == "ner" and k.start >= c.start and k.end <= c.end for k in clash):
                kept = [k for k in kept if k not in clash]  # "US-Präsident" is a role, not a place
                kept.append(c)
                continue
            # a KB name nested in a longer NER span ("NATO" in "NATO-Osterweiterung",
            # "Ugandas" in an agency's name) stays as its own mention
            if c.kind in ("name", "prefix", "adjective", "surname") and all(
                    k.kind == "ner" and k.start <= c.start and c.end <= k.end and (k.start, k.end) != (c.start, c.end)
                    for k in clash):
                kept.append(c)
                continue
            if c.kind == "ner" and all(k.kind == "ner" for k in clash):
                continue
        return sorted(kept, key=lambda c: (c.start, c.end))

    def clean_ner(self, n: Candidate) -> Candidate | None:
        """Bring a NER span to what this stage calls a name.

        * lowercase derivations ("prokurdische") and numbers are no names;
        * a compound whose first part the KB knows ("NATO-Osterweiterung",
          "US-Präsident") is a "-part" span: the KB prefix is the mention;
        * a person span starting with a title ("VW-Chef Winterkorn") loses it.
        """
        ws = words_of(n.text)
        if not ws or not n.text[:1].isupper() or not any(ch.isalpha() for ch in n.text):
            return None  # "prokurdische" (a -deriv adjective), "20.5.2016": not names of anyone
        if len(ws) == 1 and (n.text in self.kb.role_nouns or title_function(n.text)):
            return None  # a bare role noun ("Staatschefs") is resolved as a role, not a name
        if len(ws) == 1 and "-" in n.text:
            first = n.text.split("-")[0]
            if self.kb.lookup((first,)) and not self.kb.lookup((n.text,)):
                return None
        if len(ws) > 1:
            head = ws[0]
            # "VW-Chef Winterkorn", "Menschenrechtsorganisation Human Rights Watch": the
            # kind or title in front is no part of the name
            if (n.label == "PER" and (title_function(head) or head in self.kb.role_nouns)) or \
                    (n.label in ("ORG", "OTH") and ORG_KIND_RE.search(head.lower()) and ws[1][:1].isupper()):
                cut = self.body.find(ws[1], n.start + len(head))
                if cut > 0:
                    return Candidate(cut, n.end, self.body[cut:n.end], n.kind, label=n.label)
        return n

    def take_first_name(self, c: Candidate) -> None:
        """"Gülsen Celebi" where a finder saw only "Celebi": a known first name
        right before a one-word person joins the span."""
        if c.label != "PER" or " " in c.text.strip():
            return
        m = re.search(r"(?:^|(?<=\s))([A-ZÄÖÜ][\w'’-]+) $", self.body[max(0, c.start - 40):c.start])
        if m and m.group(1) in self.kb.first_names and m.group(1) not in NOT_NAMES:
            c.start -= len(m.group(0))
            c.text = self.body[c.start:c.end]

    def link(self) -> None:
        cands = self.candidates()
        named = {e for c in cands if c.kind == "name" for e in c.entries}
        self.context_countries = {e[8:] for c in cands if c.kind in ("name", "adjective", "prefix")
                                  for e in c.entries if e.startswith("country:")}
        # 1. names the KB knows, and NER/first-name spans the KB does not
        for c in cands:
            # a KB surname alone ("Putin sagte") names the famous person it belongs to
            if c.kind in ("name", "prefix", "adjective", "demonym", "surname") and c.entries:
                entry = self.pick(c, named)
                if entry is None:
                    continue
                if c.kind == "surname" and not self.surname_alone_ok(c, entry, named):
                    c.entries = []  # may still join a full name of this article in step 3
                    continue
                if c.label and c.label != entry.type and (c.label, entry.type) not in TYPE_COMPATIBLE \
                        and not any(o is not c and entry.id in o.entries and o.label in (None, entry.type)
                                    for o in cands):
                    # the NER saw something else, and nothing else in the article
                    # backs the KB reading ("Paris" the person): trust the NER
                    c.kind, c.entries = "ner", []
                    continue
                if entry.kind == "capital" and self.inside_longer_name(c):
                    continue
                if entry.kind == "capital" and c.kind == "name" and self.metonymic(c):
                    gov = self.kb.get(entry.data.get("government"))
                    if gov is not None:
                        self.attach(c, "kb:" + gov.id, gov.type, gov, 0.7)
                        continue
                self.attach(c, "kb:" + entry.id, entry.type, entry,
                            1.0 if c.kind in ("name", "prefix") else 0.9)
        # 2. unknown full names: NER spans and first-name spans.  Two full names
        # with one surname but different first names are two people ("Sonia und
        # Willy Bogner"); a bare surname later joins the nearest full name before it.
        surnames = self.surnames = {}
        for c in cands:
            if c.kind in ("ner", "person") and c.cluster is None:
                label = c.label or "PER"
                text = c.text
                if label == "PER":
                    ws = words_of(text)
                    sur = ws[-1] if ws else text
                    sur = self.strip_genitive(sur, cands)
                    key = self.surname_key(sur, c.start, first=ws[0] if len(ws) > 1 else None)
                    if key is None:
                        if len(ws) < 2 and c.kind != "person":
                            continue  # a lone NER surname: joined in step 3 if a full name ends in it
                        key = new_id("PER", self.strip_genitive(text, cands))
                    if len(ws) > 1 or c.kind == "person":
                        surnames.setdefault(sur, []).append((c.start, key))  # every full mention counts
                    if len(ws) > 2 and ws[0] in self.kb.first_names and ws[-2] not in self.kb.first_names \
                            and ws[-2][:1].isupper() and len(ws[-2]) > 2:
                        # "Álvaro Uribe Vélez" is also "Uribe" (Spanish and Portuguese double surnames)
                        surnames.setdefault(ws[-2], []).append((c.start, key))
                    self.attach(c, key, "PER", None, 0.8)
                else:
                    base = self.strip_genitive(text, cands)
                    self.attach(c, new_id(label, base), label, None, 0.8)
        for cl in self.clusters.values():
            if cl.type == "PER" and cl.entry is not None:
                ws = words_of(cl.entry.name)
                if len(ws) > 1:
                    for c in cl.cands:
                        if c.kind == "name":
                            surnames.setdefault(ws[-1], []).append((c.start, cl.key))
        for keys in surnames.values():
            keys.sort()
        # 3. bare surnames (and lone NER PER) join the full name that ends in them
        for c in cands:
            if c.cluster is not None:
                continue
            if c.kind in ("ner", "person", "surname") and (c.label in (None, "PER")):
                sur = self.strip_genitive(words_of(c.text)[-1] if words_of(c.text) else c.text, cands)
                key = self.surname_key(sur, c.start)
                if key is not None:
                    cl = self.clusters[key]
                    self.attach(c, key, "PER", cl.entry, 0.9)
                elif c.kind in ("ner",):
                    self.attach(c, new_id("PER", self.strip_genitive(c.text, cands)), "PER", None, 0.6)
        self.link_surname_words(cands, surnames)
        # 4. roles
        for c in cands:
            if c.kind == "role":
                self.link_role(c, cands)
        # 5. descriptions of entries the article names
        for c in cands:
            if c.kind == "nominal" and c.cluster is None:
                for eid in c.entries:
                    if "kb:" + eid in self.clusters and self.clusters["kb:" + eid].names():
                        entry = self.kb.get(eid)
                        self.attach(c, "kb:" + eid, entry.type, entry, 0.7)
                        break
        self.cands = cands

    def surname_key(self, sur: str, pos: int, first: str | None = None) -> str | None:
        """The cluster a surname at ``pos`` belongs to: the nearest full name
        with that surname before it (else the first after).  With ``first``
        (a new full name), only a cluster whose first names agree ("B." fits
        "Bertram")."""
        keys = self.surnames.get(sur, [])
        if first is not None:
            f = first.rstrip(".")

            def agrees(key: str) -> bool:
                firsts = {words_of(c.text)[0].rstrip(".") for c in self.clusters[key].cands
                          if len(words_of(c.text)) > 1}
                return not firsts or any(x == f or (len(x) == 1 and f.startswith(x)) or
                                         (len(f) == 1 and x.startswith(f)) for x in firsts)

            keys = [(p, k) for p, k in keys if agrees(k)]
        before = [k for p, k in keys if p <= pos]
        if before:
            return before[-1]
        return keys[0][1] if keys else None

    def link_surname_words(self, cands: list[Candidate], surnames: dict) -> None:
        """Capitalised words equal to a clustered surname ("Sullivan", "Sullivans")
        that no finder caught become mentions of that person."""
        if not surnames:
            return
        covered = [(c.start, c.end) for c in cands]
        for m in re.finditer(r"\b[A-ZÄÖÜ][\w-]*\b", self.body):
            t = m.group()
            base = t[:-1] if t.endswith("s") and t[:-1] in surnames else t
            if base not in surnames:
                continue
            m_start, m_end = m.span()
            if any(s < m_end and m_start < e for s, e in covered):
                continue
            start = m.start()
            # "Gülsen Celebi" after a lone "Celebi, die Anwältin": take the first name along
            prev = re.search(r"(?:^|(?<=\s))([A-ZÄÖÜŞ][\w'’-]+) $", self.body[max(0, start - 40):start])
            if prev and prev.group(1) not in NOT_NAMES and not self.kb.lookup((prev.group(1),)) \
                    and title_function(prev.group(1)) is None and prev.group(1) not in self.kb.role_nouns \
                    and not any(s < start and start - len(prev.group(0)) < e for s, e in covered):
                start -= len(prev.group(0))
            c = Candidate(start, m.end(), self.body[start:m.end()], "surname", label="PER", genitive=base != t)
            cl = self.clusters[self.surname_key(base, start)]
            self.attach(c, cl.key, "PER", cl.entry, 0.9)
            cands.append(c)
            covered.append((c.start, c.end))
        cands.sort(key=lambda c: (c.start, c.end))

    def strip_genitive(self, text: str, cands: list[Candidate]) -> str:
        if text.endswith("s") and len(text) > 3:
            stem = text[:-1]
            if any(c.text == stem or c.text.endswith(" " + stem) for c in cands):
                return stem
        return text

    def sentence_initial(self, c: Candidate) -> bool:
        before = self.body[max(0, c.start - 4):c.start].rstrip(" \t\"„“»«'")
        return before == "" or before[-1] in ".!?:\n–-"

    def surname_alone_ok(self, c: Candidate, entry: KBEntry, named: set[str]) -> bool:
        """May a bare surname name this famous person without the full name?

        Yes when the article names the person in full or the person is in
        office on the article's date; a common surname ("Fischer") needs one
        of those; a surname that is also a German word ("Kurz", "Weil")
        never counts at the start of a sentence, where capitals say nothing.
        """
        if entry.id in named:
            return True
        sur = c.text[:-1] if c.genitive else c.text
        if sur in WORD_SURNAMES and self.sentence_initial(c):
            return False
        if self.on is not None and any(entry.holds(r[0], self.on) for r in entry.roles):
            return True
        return sur not in COMMON_SURNAMES

    def inside_longer_name(self, c: Candidate) -> bool:
        """"Jakarta Post", "The Washington Post": a capital inside an unknown name."""
        after = re.match(r" ([A-ZÄÖÜ]\w+)", self.body[c.end:])
        before = re.search(r"([A-ZÄÖÜ]\w+) $", self.body[max(0, c.start - 40):c.start])
        return bool(after and after.group(1) not in ("Der", "Die", "Das") and not self.kb.lookup((after.group(1),))) \
            or bool(before and before.group(1) in ("The", "Le", "La", "El"))

    def metonymic(self, c: Candidate) -> bool:
        """A capital used as its government: not after a locative preposition,
        not a dateline, not part of a name ("Universität Wien", "Polizei Wien")."""
        prev = re.search(r"(\S+)[ \t]+$", self.body[max(0, c.start - 40):c.start])
        if prev and prev.group(1)[:1].isupper() and prev.group(1)[-1:].isalpha() and prev.group(1) not in NOT_NAMES:
            return False
        return self.prev_word(c.start).lower() not in LOCATIVE and not self.is_dateline(c)

    def link_role(self, c: Candidate, cands: list[Candidate]) -> None:
        # apposition: "US-Präsident Joe Biden", "Der Innenminister Frankreichs, Nicolas Sarkozy"
        after = [k for k in cands if k.start >= c.end and k.cluster is not None
                 and self.clusters[k.cluster].type == "PER"]
        if after:
            nxt = after[0]
            gap = self.body[c.end:nxt.start]
            cl = self.clusters[nxt.cluster]
            if cl.type == "PER" and re.fullmatch(APPOSITION_GAP, gap) and not nxt.genitive:
                self.attach(c, cl.key, "PER", cl.entry, cl.confidence)
                return
        owner = self.kb.get(c.owner)
        if c.function == "GOV":
            if owner is not None and owner.country and owner.kind in ("country", "capital"):
                gov = self.kb.get(f"gov:{owner.country}")
                if gov is not None:
                    c.label = "ORG"
                    self.attach(c, "kb:" + gov.id, "ORG", gov, 0.8)
            return
        if c.function == "PEER":
            if owner is None:
                return
            country = owner.country
            before = [k for k in cands if k.cluster and self.clusters[k.cluster].type == "PER"]
            for k in sorted(before, key=lambda k: abs(k.start - c.start)):
                cl = self.clusters[k.cluster]
                if cl.entry is not None and cl.entry.country == country:
                    self.attach(c, cl.key, "PER", cl.entry, 0.7)
                    return
            function = "HOS"
        else:
            function = c.function
        holder = None
        if owner is not None:
            owner_code = owner.country if owner.kind in ("country", "capital") or owner.type == "PER" else owner.id
            if owner.type == "PER" and function not in ("NSA", "SPOKES", "FM", "DEF", "VP"):
                owner_code = owner.country
            holder = self.holder(f"{owner_code}.{function}")
            if holder is None and function == "HOG":
                holder = self.holder(f"{owner_code}.HOS")
            if holder is None and function == "PRES" and owner.kind in ("country", "capital"):
                holder = self.holder(f"{owner_code}.HOS")
        if holder is not None:
            self.attach(c, "kb:" + holder.id, "PER", holder, 0.8 if self.on else 0.6)
            return
        noun = words_of(c.text)[-1] if words_of(c.text) else c.text
        if function in ("TITLE", "MIN"):
            # a generic title names nobody by itself, unless the article used
            # the same title with a name before ("der Geschäftsführer")
            for k in reversed([k for k in cands if k.kind == "role" and k.end <= c.start and k.cluster]):
                if words_of(k.text) and words_of(k.text)[-1] == noun and self.clusters[k.cluster].type == "PER":
                    cl = self.clusters[k.cluster]
                    self.attach(c, cl.key, "PER", cl.entry, 0.6)
                    return
            return
        # no known holder: the person this article gave the same role ("der
        # mexikanische Präsident Felipe Calderón" … "der mexikanische Präsident")
        for k in reversed([k for k in cands if k.kind == "role" and k.end <= c.start and k.cluster]):
            if k.function == c.function and (k.owner == c.owner or c.owner is None
                                             or (k.owner is None and not c.owner.startswith("country:"))):
                cl = self.clusters[k.cluster]
                if cl.type == "PER":
                    self.attach(c, cl.key, "PER", cl.entry, 0.6)
                    return

    def holder(self, office: str) -> KBEntry | None:
        if self.on is not None:
            hs = self.kb.holders(office, self.on)
            if hs:
                named = [h for h in hs if "kb:" + h.id in self.clusters]
                return (named or hs)[0]
            return None
        # no date: only a holder the article names
        for h in self.kb.holders(office, None):
            if "kb:" + h.id in self.clusters:
                return h
        return None

    # -- output ------------------------------------------------------------------
    def results(self) -> tuple[list[Entity], list[Mention]]:
        entities, mentions = [], []
        for key, cl in self.clusters.items():
            if not cl.cands:
                continue
            name = cl.canonical()
            if key.startswith("new:"):
                key = new_id(cl.type, name)  # the id follows the canonical name
            aliases = list(dict.fromkeys([name] + [c.text for c in cl.cands]))
            e = cl.entry
            same = next((x for x in entities if x.id == key), None)
            if same is not None:  # two clusters that came out with one canonical name are one entity
                same.aliases = list(dict.fromkeys(same.aliases + aliases))
            else:
                entities.append(Entity(
                    id=key, type=cl.type, name=name, aliases=aliases,
                    country=(e.country if e else None), kb_id=(e.id if e else None),
                    wikidata=(e.wikidata if e else None), confidence=round(cl.confidence, 2),
                ))
            for c in cl.cands:
                mentions.append(Mention(c.start, c.end, c.text, cl.type, key, KIND_OF_MENTION.get(c.kind, "name"),
                                        round(cl.confidence if c.kind in ("ner", "person") else 1.0, 2)))
        mentions.sort(key=lambda m: (m.start, m.end))
        first_start: dict[str, int] = {}
        for m in mentions:
            first_start.setdefault(m.entity_id, m.start)  # mentions are sorted: the first is the minimum
        entities.sort(key=lambda e: first_start[e.id])
        return entities, mentions


def extract(analysis: Analysis, kb: KnowledgeBase | None = None) -> None:
    """Fill ``analysis.entities`` and ``analysis.mentions`` (replacing them)."""
    kb = kb or load_kb()
    linker = Linker(analysis, kb)
    linker.link()
    analysis.entities, analysis.mentions = linker.results()


@stage("entities", order=20)
def entities_stage(analysis: Analysis) -> None:
    extract(analysis)

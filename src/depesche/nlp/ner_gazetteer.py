"""Gazetteer features for the NER model: list membership as a token attribute.

The component ``depesche_gazetteer`` marks each token that is part of a known
name with the kinds of list it was found in ("LOC", "PER", "ORG", or several
joined by "|"), written to ``token.lemma_`` of the NER model's *own* copy of
the document (the NER pipeline has no lemmatizer, and the host's lemmas are
never touched).  The tok2vec layer embeds ``LEMMA`` like any other lexical
feature, so the network learns how far to trust a list hit.

Lists (built at training time from ``../shared``, shipped inside the model):
German country and region names (babel CLDR, the mledoze and stefangabos
country tables), capitals, names of office holders from the PETRARCH2 country
dictionaries (first and last names), and international organisations
(PETRARCH2, dieghernan memberships).
"""
from __future__ import annotations

import csv
import json
import re
from pathlib import Path

import numpy as np
from spacy.attrs import LEMMA, ORTH
from spacy.language import Language
from spacy.strings import hash_string
from spacy.tokens import Doc

MAX_LEN = 5  # longest entry in tokens


def _tokens(name: str) -> tuple[str, ...]:
    return tuple(re.findall(r"\w+(?:[-.'’]\w+)*\.?|[^\w\s]", name))


def _petrarch_names(path: Path, persons: bool) -> list[str]:
    """Actor names of a PETRARCH2 dictionary, underscores to spaces."""
    out = []
    for line in path.read_text(encoding="utf8", errors="replace").splitlines():
        if not line or line[0] in "#\t [" or line.startswith("+") and persons:
            continue
        is_person = "CountryInfo.txt" in line
        if persons != is_person:
            continue
        name = line.lstrip("+").split("#")[0].split("[")[0].strip().strip("_")
        name = re.sub(r"\(.*?\)", "", name).replace("_", " ").strip()
        if name:
            out.append(name)
    return out


# German names of institutions, parties and organisations that news mention
# all the time (facts, written by us): the English PETRARCH lists miss them.
GERMAN_ORGS = """
CDU CSU SPD FDP AfD Grüne Linke BSW Bundestag Bundesrat Bundesregierung Bundesverfassungsgericht
Bundesgerichtshof Bundeswehr Bundesbank Bundesagentur Bundeskartellamt Bundesamt Bundesanwaltschaft
Verfassungsschutz Bundesnachrichtendienst BND Kanzleramt Auswärtiges_Amt Innenministerium
Finanzministerium Verteidigungsministerium Gesundheitsministerium Wirtschaftsministerium
Europäische_Union EU EU-Kommission Europäische_Kommission Europaparlament Europäisches_Parlament
Europäische_Zentralbank EZB Vereinte_Nationen UN UNO UN-Sicherheitsrat Sicherheitsrat NATO OSZE
Europarat Weltbank Internationaler_Währungsfonds IWF WHO Weltgesundheitsorganisation G7 G20 OPEC
Kreml Weißes_Haus Pentagon Kongress Senat Repräsentantenhaus Duma Élysée Downing_Street
Deutsche_Bahn Bahn Lufthansa Siemens Volkswagen VW BMW Daimler Mercedes-Benz Bayer BASF Telekom
Deutsche_Bank Commerzbank Allianz ARD ZDF dpa AFP Reuters Spiegel FAZ Bild ORF DFB FIFA UEFA IOC
Hamas Hisbollah Taliban Gazprom Greenpeace Amnesty_International Rotes_Kreuz Caritas Diakonie
Verdi IG_Metall DGB Bundesliga Polizei Staatsanwaltschaft Landgericht Oberlandesgericht
""".split()
GERMAN_ORGS = [o.replace("_", " ") for o in GERMAN_ORGS]


def build_entries(shared: Path, extended: bool = False) -> dict[str, list[str]]:
    """Collect the name lists from the shared data folder (training time only)."""
    from babel import Locale

    gaz = Path(shared) / "data" / "gazetteers"
    pet = Path(shared) / "data" / "events" / "petrarch2"
    loc: set[str] = set(Locale("de").territories.values())
    for c in json.loads((gaz / "countries.mledoze.json").read_text(encoding="utf8")):
        deu = c.get("translations", {}).get("deu", {})
        loc.update(v for v in (deu.get("common"), deu.get("official")) if v)
        loc.update(c.get("capital") or [])
    with open(gaz / "world-countries-de.stefangabos.csv", encoding="utf8") as f:
        loc.update(row["name"] for row in csv.DictReader(f))
    if extended:
        import pycountry

        # states, provinces and regions of every country, in local spelling
        loc.update(sub.name for sub in pycountry.subdivisions)

    per: set[str] = set()
    for name in _petrarch_names(pet / "Phoenix.Countries.actors.txt", persons=True):
        for part in name.split():
            part = part.strip(".,")
            if len(part) >= 3 and part.isalpha():
                per.add(part.title())

    org: set[str] = set()
    for name in _petrarch_names(pet / "Phoenix.International.actors.txt", persons=False):
        if len(name.split()) <= 3:
            org.add(name if len(name) <= 6 else name.title())
    with open(gaz / "country-org-memberships.dieghernan.csv", encoding="utf8") as f:
        for row in csv.DictReader(f):
            org.add(row["org_id"].strip())
            org.add(row["org_name"].strip())
    if extended:
        org.update(GERMAN_ORGS)
    return {"LOC": sorted(loc), "PER": sorted(per), "ORG": sorted(o for o in org if o)}


class GazetteerFeatures:
    """Writes list-membership kinds of each token into ``token.lemma_``."""

    def __init__(self, name: str = "gazetteer"):
        self.name = name
        self.entries: dict[str, list[str]] = {}
        self._index: dict[tuple[str, ...], str] = {}

    def _build_index(self) -> None:
        index: dict[tuple[str, ...], set[str]] = {}
        for kind, names in self.entries.items():
            for name in names:
                toks = _tokens(name)
                if 0 < len(toks) <= MAX_LEN:
                    index.setdefault(toks, set()).add(kind)
        # keyed by the words' string hashes, which ``doc.to_array(ORTH)`` gives
        # without making a Python Token per word (that cost more than the lookups)
        self._index = {tuple(hash_string(w) for w in k): "|".join(sorted(v)) for k, v in index.items()}
        # most tokens start no entry: one set lookup skips their five slices
        self._first_words = frozenset(k[0] for k in self._index)

    def initialize(self, get_examples=None, *, nlp=None, shared: str = "../shared",
                   extended: bool = False) -> None:
        self.entries = build_entries(Path(shared), extended=extended)
        self._build_index()

    def __call__(self, doc: Doc) -> Doc:
        words = doc.to_array(ORTH).tolist()
        kinds: dict[int, set[str]] = {}
        index, first_words = self._index, self._first_words
        for i in range(len(words)):
            if words[i] not in first_words:
                continue
            for n in range(min(MAX_LEN, len(words) - i), 0, -1):
                kind = index.get(tuple(words[i:i + n]))
                if kind:
                    for j in range(i, i + n):
                        kinds.setdefault(j, set()).update(kind.split("|"))
                    break
        # unlisted tokens get the empty lemma (hash 0); only those that carry
        # another lemma need a write, so the common case touches no Token
        for i in np.flatnonzero(doc.to_array(LEMMA)).tolist():
            if i not in kinds:
                doc[i].lemma_ = ""
        for i, k in kinds.items():
            doc[i].lemma_ = "gaz:" + "|".join(sorted(k))
        return doc

    def to_disk(self, path, *, exclude=()):
        path = Path(path)
        path.mkdir(parents=True, exist_ok=True)
        (path / "entries.json").write_text(json.dumps(self.entries, ensure_ascii=False), encoding="utf8")

    def from_disk(self, path, *, exclude=()):
        self.entries = json.loads((Path(path) / "entries.json").read_text(encoding="utf8"))
        self._build_index()
        return self


@Language.factory("depesche_gazetteer")
def make_gazetteer(nlp: Language, name: str) -> GazetteerFeatures:
    return GazetteerFeatures(name)

"""The knowledge base: who and what the entities stage can link to.

The shipped base (``depesche/data/kb/kb.json``, built by
``scripts/build_kb.py``) holds countries, capitals, governments,
organisations and people, each with an id, type, canonical German name,
aliases, ISO-3 country, Wikidata id where known and roles with date ranges.
Users add entries without touching code: YAML, JSON or CSV files named in the
``DEPESCHE_KB`` environment variable (several separated by ``os.pathsep``) or
passed to :func:`load_kb`.

YAML/JSON user entries use the curated format::

    - {name: Erika Musterfrau, type: PER, alias: [E. Musterfrau], country: DEU,
       roles: ["DEU.HOG 2030-01-01 -"], wikidata: Q123}

CSV files have the columns ``id,type,name,aliases,country,wikidata`` with
aliases separated by ``|``.

The index maps surface forms (tuples of words, see :func:`words_of`) to the
entries they can name, generating the inflected forms German news uses:
genitive ``Bidens``/``Russlands``, adjectives ``russischen``, surnames.
"""
from __future__ import annotations

import csv
import json
import os
import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from pathlib import Path

WORD = re.compile(r"\w+(?:(?:[-‐]|['’](?=\w))\w+)*")
ADJ_ENDINGS = ("", "e", "er", "en", "em", "es")
ROLE_ENDINGS = ("", "s", "es", "en", "n", "in", "innen", "e")
ENV_VAR = "DEPESCHE_KB"
KB_FILE = Path(__file__).resolve().parent.parent / "data" / "kb" / "kb.json"


def words_of(text: str) -> tuple[str, ...]:
    """The words of a name as the matcher sees them (punctuation dropped)."""
    return tuple(m.group() for m in WORD.finditer(text))


def normalize(text: str) -> str:
    """Case- and accent-insensitive key of a name, for stable ids."""
    text = unicodedata.normalize("NFKC", text).casefold()
    return " ".join(words_of(text))


def person_genitive(name: str) -> str:
    return name + "'" if name.endswith(("s", "x", "z", "ß")) else name + "s"


@dataclass
class KBEntry:
    id: str
    type: str
    name: str
    aliases: list[str] = field(default_factory=list)
    country: str | None = None
    wikidata: str | None = None
    roles: list[list] = field(default_factory=list)  # [office, start ISO, end ISO | None]
    kind: str = ""  # country | capital | government | "" (people, organisations)
    data: dict = field(default_factory=dict)

    def holds(self, office: str, on: date | None) -> bool:
        for off, start, end in self.roles:
            if off != office:
                continue
            if on is None:
                return True
            if (start is None or start <= on.isoformat()) and (end is None or on.isoformat() < end):
                return True
        return False


@dataclass(frozen=True)
class Form:
    """One way to write an entry: ``kind`` is name | surname | adjective |
    demonym | nominal | prefix; ``genitive`` marks possessive forms."""

    entry: str
    kind: str
    genitive: bool = False


class KnowledgeBase:
    def __init__(self, data: dict):
        self.functions: dict[str, list[str]] = data.get("functions", {})
        self.fixed: dict[str, str] = data.get("fixed", {})
        self.default_owner: dict[str, str] = data.get("default_owner", {})
        self.first_names: set[str] = set(data.get("first_names", []))
        self.entries: dict[str, KBEntry] = {}
        self.forms: dict[tuple[str, ...], list[Form]] = {}
        # first word of a form -> its longest form in words: the matcher tries
        # only lengths that can exist (most words start no form at all)
        self.longest: dict[str, int] = {}
        self.offices: dict[str, list[str]] = {}
        self.role_nouns: dict[str, str] = {}  # inflected noun → function
        for raw in data.get("entries", []):
            self.add(raw)
        self._index_roles()

    # -- building -------------------------------------------------------------
    def add(self, raw: dict) -> KBEntry:
        known = {"id", "type", "name", "aliases", "country", "wikidata", "roles", "kind"}
        e = KBEntry(
            id=raw["id"], type=raw.get("type", "ORG"), name=raw["name"], aliases=list(raw.get("aliases", [])),
            country=raw.get("country"), wikidata=raw.get("wikidata"), roles=[list(r) for r in raw.get("roles", [])],
            kind=raw.get("kind", ""), data={k: v for k, v in raw.items() if k not in known},
        )
        old = self.entries.get(e.id)
        if old is not None:  # a user entry with a shipped id extends it
            old.aliases = list(dict.fromkeys(old.aliases + e.aliases))
            old.roles += e.roles
            old.wikidata = e.wikidata or old.wikidata
            old.country = e.country or old.country
            e = old
        self.entries[e.id] = e
        self._index_entry(e)
        for office, _, _ in e.roles:
            self.offices.setdefault(office, [])
            if e.id not in self.offices[office]:
                self.offices[office].append(e.id)
        return e

    def _put(self, text: str, form: Form) -> None:
        key = words_of(text)
        if not key:
            return
        bucket = self.forms.setdefault(key, [])
        if form not in bucket:
            bucket.append(form)
        if len(key) > self.longest.get(key[0], 0):
            self.longest[key[0]] = len(key)

    def _index_entry(self, e: KBEntry) -> None:
        names = [e.name, *e.aliases]
        for n in names:
            # "Russlands" beside "Russland": a possessive, which can own a role
            gen = e.kind == "country" and n.endswith("s") and n[:-1] in names
            self._put(n, Form(e.id, "name", genitive=gen))
        if e.type == "PER":
            # genitives: "Bidens"; "Lawrows"; names ending in s/x/z take only an
            # apostrophe, which the matcher does not see, so they get none
            for n in names:
                if not n.endswith(("s", "x", "z", "ß")):
                    self._put(person_genitive(n), Form(e.id, "name", genitive=True))
            if e.data.get("surname", False) and len(words_of(e.name)) > 1:
                sur = words_of(e.name)[-1]
                self._put(sur, Form(e.id, "surname"))
                if not sur.endswith(("s", "x", "z", "ß")):
                    self._put(person_genitive(sur), Form(e.id, "surname", genitive=True))
        elif e.type == "ORG" and e.kind != "government":
            for n in names:
                if n.endswith(("s", "x", "z")):
                    continue
                if n.isupper() or n[-1:].isupper():
                    continue  # acronyms take no genitive -s in careful German
                if e.data.get("source") == "curated" and " " not in n and n[:1].isupper():
                    self._put(n + "s", Form(e.id, "name", genitive=True))
        for stem in e.data.get("adjectives", []):
            for ending in ADJ_ENDINGS:
                form = stem + ending
                self._put(form, Form(e.id, "adjective"))
                self._put(form[0].upper() + form[1:], Form(e.id, "adjective"))
        for dem in e.data.get("demonyms", []):
            if words_of(dem) not in self.forms or all(f.kind == "demonym" for f in self.forms[words_of(dem)]):
                self._put(dem, Form(e.id, "demonym"))
        for nom in e.data.get("nominals", []):
            self._put(nom, Form(e.id, "nominal"))
        for pre in e.data.get("prefixes", []):
            self._put(pre, Form(e.id, "prefix"))

    def _index_roles(self) -> None:
        for function, nouns in self.functions.items():
            for noun in nouns:
                if " " in noun:
                    self.role_nouns[noun] = function
                    continue
                for ending in ROLE_ENDINGS:
                    self.role_nouns.setdefault(noun + ending, function)
        for noun in self.fixed:
            for ending in ROLE_ENDINGS:
                self.role_nouns.setdefault(noun + ending, "FIXED:" + noun)

    # -- queries ----------------------------------------------------------------
    def get(self, entry_id: str | None) -> KBEntry | None:
        return self.entries.get(entry_id) if entry_id else None

    def lookup(self, key: tuple[str, ...]) -> list[Form]:
        return self.forms.get(key, [])

    def longest_from(self, word: str) -> int:
        """Words in the longest form that starts with ``word`` (0: none does)."""
        return self.longest.get(word, 0)

    def holders(self, office: str, on: date | None) -> list[KBEntry]:
        """Entries holding ``office`` ("USA.HOS", "org:nato.SG") on a date
        (any time when ``on`` is None)."""
        return [self.entries[i] for i in self.offices.get(office, []) if self.entries[i].holds(office, on)]

    def country_entry(self, iso3: str | None) -> KBEntry | None:
        return self.entries.get(f"country:{iso3}") if iso3 else None


# -- loading ---------------------------------------------------------------------
def _read_user_file(path: Path) -> list[dict]:
    """User entries in YAML/JSON (curated format) or CSV."""
    if path.suffix.lower() == ".csv":
        out = []
        with open(path, encoding="utf-8", newline="") as fh:
            for row in csv.DictReader(fh):
                name = (row.get("name") or "").strip()
                if not name:
                    continue
                out.append({"id": row.get("id") or "", "type": row.get("type") or "PER", "name": name,
                            "alias": [a.strip() for a in (row.get("aliases") or "").split("|") if a.strip()],
                            "country": row.get("country") or None, "wikidata": row.get("wikidata") or None})
        rows = out
    else:
        text = path.read_text(encoding="utf-8")
        if path.suffix.lower() == ".json":
            rows = json.loads(text)
        else:
            import yaml

            rows = yaml.safe_load(text) or []
    entries = []
    for r in rows:
        roles = []
        for role in r.get("roles", []):
            if isinstance(role, str):
                office, start, end = (role.split() + ["-", "-"])[:3]
                roles.append([office, None if start == "-" else start, None if end == "-" else end])
            else:
                roles.append(list(role))
        typ = r.get("type", "PER")
        eid = r.get("id") or f"user:{typ.lower()}:{normalize(r['name']).replace(' ', '-')}"
        entry = {"id": eid, "type": typ, "name": r["name"], "aliases": r.get("alias", r.get("aliases", [])) or [],
                 "country": r.get("country"), "wikidata": r.get("wikidata"), "roles": roles,
                 "surname": r.get("surname", typ == "PER"), "source": f"user:{path.name}"}
        for key in ("nominal", "nominals"):
            if r.get(key):
                entry["nominals"] = r[key]
        if r.get("pre"):
            entry["prefixes"] = r["pre"]
        entries.append(entry)
    return entries


@lru_cache(maxsize=8)
def _load(extra: tuple[str, ...]) -> KnowledgeBase:
    with open(KB_FILE, encoding="utf-8") as fh:
        data = json.load(fh)
    kb = KnowledgeBase(data)
    for p in extra:
        for raw in _read_user_file(Path(p)):
            kb.add(raw)
    kb._index_roles()
    return kb


def load_kb(extra: list[str] | tuple[str, ...] | None = None) -> KnowledgeBase:
    """The shipped knowledge base plus user files (``extra`` and ``$DEPESCHE_KB``).

    Cached per set of files; a missing or broken user file raises ``ValueError``
    naming the file, so a typo never silently drops entries.
    """
    files = list(extra or [])
    env = os.environ.get(ENV_VAR, "")
    files += [p for p in env.split(os.pathsep) if p.strip()]
    for f in files:
        if not Path(f).is_file():
            raise ValueError(f"knowledge base file {f}: not found")
    try:
        return _load(tuple(files))
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise ValueError(f"knowledge base file(s) {', '.join(files) or 'kb.json'}: {exc}") from exc

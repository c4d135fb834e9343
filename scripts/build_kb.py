#!/usr/bin/env python3
"""Build the shipped knowledge base ``src/depesche/data/kb/kb.json``.

Reproducible from the read-only ``../shared`` data plus the curated files in
``src/depesche/data/kb/curated/`` (written by the depesche authors)::

    python scripts/build_kb.py [--shared ../shared] [--out src/depesche/data/kb/kb.json]

Sources and what is taken from each:

* ``gazetteers/countries.mledoze.json`` (ODbL 1.0): ISO codes and German
  country names (``translations.deu``).
* ``gazetteers/world-countries-de.stefangabos.csv`` (CC BY-SA 4.0): German
  country names by ISO alpha-3.
* ``babel`` CLDR data (Unicode licence): German territory names.
* ``events/petrarch2/Phoenix.Countries.actors.txt`` and
  ``Phoenix.International.actors.txt`` (MIT): office holders with CAMEO role
  codes and date ranges (to early 2014), international organisations.
* ``curated/*.yaml`` (Apache-2.0, ours): German adjectives, demonyms,
  capitals, organisations, key people with offices and terms, role nouns.

Only names, codes and dates are copied, never running text.
"""
from __future__ import annotations

import argparse
import csv
import json
import re
import unicodedata
from collections import Counter
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parent.parent
KB_DIR = REPO / "src" / "depesche" / "data" / "kb"
CURATED = KB_DIR / "curated"

# Words that mark a PETRARCH alias as a title phrase rather than a name.
TITLE_WORDS = {
    "PRESIDENT", "MINISTER", "MR", "MR.", "MRS", "MS", "SENATOR", "SEN.", "GENERAL", "GEN.", "KING",
    "QUEEN", "PRINCE", "SHEIKH", "SHEIK", "DR", "DR.", "PRIME", "SECRETARY", "CHANCELLOR", "LEADER",
    "ADMINISTRATION", "GOVERNMENT", "AMBASSADOR", "FOREIGN", "DEFENSE", "DEFENCE", "VICE", "THE",
    "COLONEL", "COL.", "MAJOR", "CAPTAIN", "PREMIER", "MAYOR", "GOVERNOR", "REP.", "JUDGE", "ELECT",
    "PRESIDENT-ELECT", "VICE-PRESIDENT", "FORMER", "SPEAKER", "CHAIRMAN", "AYATOLLAH", "EMIR", "SULTAN",
}

ORG_WORDS = re.compile(
    r"\b(Organi[sz]ation|Association|Council|Union|Fund|Bank|Committee|Federation|Corps|Agency|Commission|"
    r"Court|Network|Foundation|Institute|League|Alliance|Movement|Society|Cent(er|re)|Group|Programme?|Office|"
    r"Forum|Party|Front|Nations|Assembly|Conference|Parliament|Tribunal|Secretariat|Community|Cooperation)\b")

# Common German (and international) first names, ours, to recognise unknown
# people ("Konrad Freiberg") before the NER lands; the PETRARCH person names
# add many more.
GERMAN_FIRST_NAMES = """
Alexander Andreas Anna Annalena Anja Annette Barbara Bernd Birgit Boris Brigitte Carsten Christian
Christiane Christina Christine Christoph Claudia Cornelia Daniel Daniela David Dieter Dirk Dorothee
Elke Elisabeth Emma Erik Eva Felix Florian Frank Franziska Friedrich Gabriele Georg Gerhard Gregor
Gudrun Hans Hannah Harald Heike Heiko Heinrich Heinz Helga Helmut Hendrik Horst Hubert Ilse Ines Ingo
Ingrid Jan Jana Jens Joachim Johann Johanna Johannes Jonas Jörg Josef Julia Julian Jürgen Karin Karl
Karsten Katharina Katja Katrin Kerstin Klaus Konrad Kristina Lars Laura Lea Lena Leon Lisa Lothar Lukas
Manfred Manuela Marc Marco Maria Marie Marion Markus Martin Martina Matthias Max Maximilian Michael
Michaela Monika Nadine Nicole Niklas Nils Norbert Olaf Oliver Patrick Paul Peter Petra Philipp Rainer
Ralf Ralph Regina Reinhard Renate Robert Roland Rolf Rüdiger Sabine Sahra Sandra Sara Sarah Sascha
Sebastian Silke Simon Sophie Stefan Stefanie Steffen Stephan Susanne Sven Tanja Thomas Thorsten Tim
Tobias Torsten Ulrich Ulrike Ursula Uwe Volker Walter Werner Wolfgang Yvonne Zoe
Achim Adelheid Albert Alfred Alois Angelika Anke Annegret Antje Armin Arnold Astrid Axel Bärbel Beate Benedikt
Bernhard Bettina Britta Bruno Burkhard Carola Cem Claus Clemens Conny Dagmar Detlef Dietmar Dietrich Doris
Edeltraud Edgar Edith Egon Elfriede Elmar Emil Erich Erika Ernst Erwin Eugen Ferdinand Franz Friedhelm Fritz
Gerd Gerda Gernot Gert Gertrud Gisela Gottfried Günter Günther Gunter Hanna Hannelore Hartmut Hedwig Heidemarie
Heidi Helene Helge Henning Herbert Hermann Hildegard Holger Hugo Ilona Ingeborg Irene Irmgard Jochen Josef Jutta
Kai Konstantin Kurt Lieselotte Lorenz Ludwig Lutz Magdalena Margarete Margot Marianne Marlene Mathias
Mirko Nina Norbert Ottmar Otto Paula Raimund Reiner Reinhold Richard Rita Roman Rosemarie Roswitha
Rudolf Rupert Siegfried Sigmar Sigrid Simone Sonja Svenja Theo Theresa Till Udo Ute Viktor Vincent
Waltraud Wilfried Wilhelm Willi Willy Winfried Wolfram
José Juan Carlos Luis Pedro Miguel Jorge Antonio Francisco Manuel Pablo Fernando Ricardo Alejandro Diego Felipe
Néstor Rafael Evo Jacques Pierre François Louis Michel Nicolas Ségolène Giuseppe
Giorgio Matteo Silvio Massimo Romano Mario Sergio Vladimir Wladimir Dmitri Sergej Sergei Alexej Alexei Jewgeni
Michail Juri Oleg Slobodan Vojislav Tomislav Zoran Milan Václav Lech Donald Andrzej Wiktor Petro
Wolodymyr Vitali Witali Recep Ahmet Mehmet Mustafa Hasan Hassan Mohammed Mahmud Abdel Ehud Benjamin
Ariel Schimon Ayaan Gülsen Kristján Helen Gordon Keir Hillary Condoleezza Colin
""".split()


def slug(text: str) -> str:
    norm = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    return re.sub(r"[^a-z0-9]+", "-", norm).strip("-")


def petrarch_date(code: str, end: bool) -> str | None:
    """PETRARCH dates are YYMMDD (or YYYYMMDD); two-digit years ≤ 30 are 20xx."""
    if not code:
        return None
    if len(code) == 6:
        yy = int(code[:2])
        year = 2000 + yy if yy <= 30 else 1900 + yy
        code = f"{year}{code[2:]}"
    if len(code) != 8 or not code.isdigit():
        return None
    mm, dd = code[4:6], code[6:8]
    mm = mm if "01" <= mm <= "12" else ("12" if end else "01")
    dd = dd if "01" <= dd <= "31" else ("28" if end else "01")
    return f"{code[:4]}-{mm}-{dd}"


def parse_role(text: str) -> list | None:
    """``[RUSGOV 991231-080507]`` → ``["RUSGOV", "1999-12-31", "2008-05-07"]``."""
    m = re.match(r"\[\s*([A-Z]{3}[A-Z]*)\s*([<>]?)(\d*)(?:-(\d+))?\s*\]", text.strip())
    if not m:
        return None
    code, op, a, b = m.groups()
    if op == ">":
        return [code, petrarch_date(a, False), None]
    if op == "<":
        return [code, None, petrarch_date(a, True)]
    return [code, petrarch_date(a, False), petrarch_date(b or "", True)]


def english_name(token_name: str) -> str:
    words = [w for w in token_name.strip("_ ").split("_") if w]
    out = []
    for w in words:
        parts = [p.capitalize() if len(p) > 2 or p.isalpha() else p for p in w.split("-")]
        out.append("-".join(parts))
    return " ".join(out)


def read_petrarch_people(path: Path) -> list[dict]:
    """Person blocks: a name line, ``+alias`` lines, tab-indented role lines."""
    people, block = [], None
    for raw in path.read_text(encoding="utf-8", errors="replace").splitlines():
        line = raw.split("#", 1)[0].rstrip()
        if not line.strip():
            continue
        if raw.startswith("\t") or raw.startswith(" "):
            if block is not None:
                role = parse_role(line)
                if role:
                    block["cameo"].append(role)
            continue
        if line.startswith("+"):
            if block is not None:
                block["aliases"].append(line[1:].strip())
            continue
        if block is not None:
            people.append(block)
        name = line.strip()
        if "[" in name:  # country or group line with its own code, not a person
            block = None
            continue
        block = {"raw": name, "aliases": [], "cameo": []}
    if block is not None:
        people.append(block)
    out = []
    for b in people:
        dated = [r for r in b["cameo"] if r[1] or r[2]]
        if not dated:
            continue
        tokens = [t for t in b["raw"].strip("_").split("_") if t]
        if len(tokens) < 2 or any(t in TITLE_WORDS for t in tokens):
            continue
        # keep people active since 1990: older office holders rarely matter for news
        if not any((r[2] or "9999") >= "1990" for r in dated):
            continue
        name = english_name(b["raw"])
        aliases = []
        for a in b["aliases"]:
            toks = [t for t in a.strip("_").split("_") if t]
            if len(toks) >= 2 and not any(t in TITLE_WORDS for t in toks):
                aliases.append(english_name(a))
        country = Counter(r[0][:3] for r in dated).most_common(1)[0][0]
        out.append({
            "id": f"per:{slug(name)}-{country.lower()}", "type": "PER", "name": name,
            "aliases": sorted(set(aliases) - {name}), "country": country if country.isalpha() else None,
            "cameo": b["cameo"], "source": "petrarch2", "surname": False,
        })
    return out


def read_petrarch_orgs(path: Path) -> list[dict]:
    """International organisations: ``NAME_ [IGOxxx]`` lines with ``+alias`` lines."""
    out, block = [], None
    for raw in path.read_text(encoding="utf-8", errors="replace").splitlines():
        line = raw.split("#", 1)[0].rstrip()
        if not line.strip():
            continue
        if raw.startswith(("\t", " ")):
            if block is not None and not block["code"]:
                role = parse_role(line)
                if role:
                    block["code"] = role[0]
            continue
        if line.startswith("+"):
            if block is not None:
                block["aliases"].append(line[1:].split("[")[0].strip())
            continue
        m = re.match(r"([^\[]+?)\s*(\[([A-Z]+)[^\]]*\])?\s*$", line)
        if not m:
            continue
        block = {"raw": m.group(1), "aliases": [], "code": m.group(3)}
        out.append(block)
    orgs = {}
    for b in out:
        if not b["code"] or not b["code"].startswith(("IGO", "NGO")):
            continue
        name = english_name(b["raw"])
        if len(name.split()) < 2 or not ORG_WORDS.search(name):
            continue  # the file mixes in office holders; keep organisations only
        key = f"org:{slug(name)}"
        if key in orgs:
            continue
        aliases = [english_name(a) for a in b["aliases"] if len(a.strip("_").split("_")) >= 2]
        orgs[key] = {"id": key, "type": "ORG", "name": name, "aliases": sorted(set(aliases) - {name}),
                     "cameo": [[b["code"], None, None]], "source": "petrarch2"}
    return list(orgs.values())


def genitive(name: str) -> str | None:
    """German genitive of a country name ("Russlands"), None where none is used."""
    if " " in name or name.endswith(("s", "x", "z", "ß", "e", "ei", "en")):
        return None
    return name + "s"


def read_countries(shared: Path) -> list[dict]:
    curated = yaml.safe_load((CURATED / "countries_de.yaml").read_text(encoding="utf-8"))
    mledoze = json.loads((shared / "data/gazetteers/countries.mledoze.json").read_text(encoding="utf-8"))
    gabos = {}
    with open(shared / "data/gazetteers/world-countries-de.stefangabos.csv", encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            gabos[row["alpha3"].upper()] = row["name"]
    try:
        from babel import Locale

        babel_names = Locale("de").territories
    except Exception:  # babel missing: the gazetteers still give German names
        babel_names = {}
    entries = {}
    for c in mledoze:
        iso3, iso2 = c["cca3"], c["cca2"]
        deu = c.get("translations", {}).get("deu", {})
        names = [deu.get("common"), deu.get("official"), gabos.get(iso3), babel_names.get(iso2)]
        cur = curated.get(iso3, {}) or {}
        main = (cur.get("alias") or [None])[0] if iso3 in ("USA",) else None
        name = main or deu.get("common") or gabos.get(iso3) or c["name"]["common"]
        aliases = [n for n in names + list(cur.get("alias", [])) if n]
        for n in list(aliases):
            g = genitive(n)
            if g:
                aliases.append(g)
        entries[iso3] = {
            "id": f"country:{iso3}", "type": "LOC", "name": name, "aliases": sorted(set(aliases)),
            "country": iso3, "iso2": iso2, "kind": "country",
            "adjectives": cur.get("adj", []), "demonyms": cur.get("dem", []), "prefixes": cur.get("pre", []),
            "capital_en": (c.get("capital") or [None])[0],
            "source": "mledoze+stefangabos+babel" + ("+curated" if cur else ""),
        }
    for iso3, cur in curated.items():  # countries the gazetteer lacks (Kosovo)
        if iso3 not in entries:
            aliases = list(cur.get("alias", []))
            entries[iso3] = {"id": f"country:{iso3}", "type": "LOC", "name": aliases[0], "aliases": aliases,
                             "country": iso3, "kind": "country", "adjectives": cur.get("adj", []),
                             "demonyms": cur.get("dem", []), "prefixes": cur.get("pre", []), "source": "curated"}
    out = list(entries.values())
    # capitals (German where curated) and governments
    for iso3, e in entries.items():
        cur = curated.get(iso3, {}) or {}
        cap = cur.get("cap") or e.get("capital_en")
        e.pop("capital_en", None)
        if not cap:
            continue
        caps = [cap] + list(cur.get("cap_alias", []))
        out.append({"id": f"city:{slug(cap)}", "type": "LOC", "name": cap, "aliases": caps, "country": iso3,
                    "kind": "capital", "government": f"gov:{iso3}",
                    "source": "curated" if cur.get("cap") else "mledoze"})
    for iso3, cur in curated.items():
        e = entries[iso3]
        adj = (cur.get("adj") or [None])[0]
        if iso3 == "DEU":
            name = "Bundesregierung"
        elif iso3 == "USA":
            name = "US-Regierung"
        elif adj:
            name = adj[0].upper() + adj[1:] + "e Regierung"
        else:
            name = f"Regierung ({e['name']})"
        aliases = [name] + [f"Regierung in {c}" for c in [cur.get("cap")] if c]
        out.append({"id": f"gov:{iso3}", "type": "ORG", "name": name, "aliases": aliases, "country": iso3,
                    "kind": "government", "source": "curated"})
    return out


def read_curated_people() -> list[dict]:
    people = yaml.safe_load((CURATED / "people.yaml").read_text(encoding="utf-8"))
    out = []
    for p in people:
        roles = []
        for r in p.get("roles", []):
            office, start, end = r.split()
            roles.append([office, start, None if end == "-" else end])
        out.append({"id": f"per:{slug(p['name'])}", "type": "PER", "name": p["name"],
                    "aliases": p.get("alias", []), "country": p.get("country"), "wikidata": p.get("wikidata"),
                    "roles": roles, "surname": p.get("surname", True), "source": "curated"})
    return out


def read_curated_orgs() -> list[dict]:
    orgs = yaml.safe_load((CURATED / "organisations.yaml").read_text(encoding="utf-8"))
    out = []
    for o in orgs:
        out.append({"id": o["id"], "type": o.get("type", "ORG"), "name": o["name"], "aliases": o.get("alias", []),
                    "nominals": o.get("nominal", []), "prefixes": o.get("pre", []), "country": o.get("country"),
                    "wikidata": o.get("wikidata"), "source": "curated"})
    return out


def first_names(petrarch_people: list[dict]) -> list[str]:
    counts = Counter(p["name"].split()[0] for p in petrarch_people)
    names = {n for n, k in counts.items() if k >= 3 and len(n) > 2 and n.isalpha()}
    return sorted(names | set(GERMAN_FIRST_NAMES))


def build(shared: Path) -> dict:
    petrarch = shared / "data/events/petrarch2"
    curated_people = read_curated_people()
    known = set()
    for p in curated_people:
        for n in [p["name"], *p["aliases"]]:
            known.add(slug(n))
    ph_people = [p for p in read_petrarch_people(petrarch / "Phoenix.Countries.actors.txt")
                 if slug(p["name"]) not in known and not any(slug(a) in known for a in p["aliases"])]
    curated_orgs = read_curated_orgs()
    ph_orgs = [o for o in read_petrarch_orgs(petrarch / "Phoenix.International.actors.txt")
               if o["id"] not in {c["id"] for c in curated_orgs}]
    roles = yaml.safe_load((CURATED / "roles.yaml").read_text(encoding="utf-8"))
    entries = read_countries(shared) + curated_orgs + curated_people + ph_orgs + ph_people
    # drop empty fields to keep the file small
    entries = [{k: v for k, v in e.items() if v not in (None, [], "")} for e in entries]
    seen, unique = set(), []
    for e in entries:
        if e["id"] in seen:
            continue
        seen.add(e["id"])
        unique.append(e)
    return {
        "version": 1,
        "sources": {
            "mledoze": "countries.mledoze.json, ODbL 1.0",
            "stefangabos": "world-countries-de.stefangabos.csv, CC BY-SA 4.0",
            "babel": "CLDR territory names via babel, Unicode licence",
            "petrarch2": "PETRARCH2 Phoenix dictionaries, MIT (Open Event Data Alliance)",
            "curated": "depesche authors, Apache-2.0",
        },
        "functions": roles["functions"],
        "fixed": roles["fixed"],
        "default_owner": roles["default_owner"],
        "first_names": first_names(ph_people + curated_people),
        "entries": unique,
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--shared", type=Path, default=REPO.parent / "shared")
    ap.add_argument("--out", type=Path, default=KB_DIR / "kb.json")
    args = ap.parse_args()
    kb = build(args.shared)
    args.out.write_text(json.dumps(kb, ensure_ascii=False, separators=(",", ":"), sort_keys=False) + "\n",
                        encoding="utf-8")
    kinds = Counter(e["id"].split(":")[0] for e in kb["entries"])
    print(f"wrote {args.out} ({args.out.stat().st_size / 1e6:.2f} MB): {dict(kinds)}")


if __name__ == "__main__":
    main()

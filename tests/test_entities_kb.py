"""The shipped knowledge base: reproducible from its sources, well-formed."""
from __future__ import annotations

import importlib.util
import json
import re
from datetime import date
from pathlib import Path

from depesche.entities.kb import KB_FILE, load_kb

REPO = Path(__file__).resolve().parent.parent


def test_shipped_kb_is_what_the_build_script_makes(shared):
    spec = importlib.util.spec_from_file_location("build_kb", REPO / "scripts" / "build_kb.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    built = json.loads(json.dumps(mod.build(shared), ensure_ascii=False))
    shipped = json.loads(KB_FILE.read_text(encoding="utf-8"))

    def stable(kb: dict) -> dict:
        # country aliases include babel's CLDR names, which may change with the
        # installed babel version; everything else must match exactly
        kb = dict(kb)
        kb["entries"] = [{k: v for k, v in e.items() if not (e["id"].startswith("country:") and k == "aliases")}
                         for e in kb["entries"]]
        return kb

    assert stable(built) == stable(shipped), "run `python scripts/build_kb.py` after editing the curated files"


def test_entries_are_well_formed():
    kb = load_kb()
    assert len(kb.entries) > 15000
    iso3 = re.compile(r"^[A-Z]{3}$")
    for e in kb.entries.values():
        assert e.type in ("PER", "ORG", "LOC", "OTH"), e.id
        assert e.name and e.id
        assert e.country is None or iso3.match(e.country), (e.id, e.country)
        assert e.wikidata is None or re.match(r"^Q\d+$", e.wikidata), e.id
        for office, start, end in e.roles:
            assert "." in office, (e.id, office)
            for d in (start, end):
                assert d is None or date.fromisoformat(d), (e.id, d)
            assert start is None or end is None or start <= end, (e.id, office, start, end)
    # office terms of one office do not overlap for heads of state/government we curated
    for office in ("USA.HOS", "DEU.HOG", "DEU.HOS", "RUS.HOS", "FRA.HOS", "GBR.HOG", "UKR.HOS"):
        terms = sorted((s, t or "9999-12-31") for e in kb.holders(office, None) for o, s, t in e.roles if o == office)
        for (s1, t1), (s2, _) in zip(terms, terms[1:]):
            assert t1 <= s2, (office, s1, t1, s2)


def test_key_facts():
    kb = load_kb()
    assert [e.name for e in kb.holders("USA.HOS", date(2021, 12, 8))] == ["Joe Biden"]
    assert [e.name for e in kb.holders("USA.HOS", date(2025, 2, 1))] == ["Donald Trump"]
    assert [e.name for e in kb.holders("DEU.HOG", date(2025, 5, 5))] == ["Olaf Scholz"]
    assert [e.name for e in kb.holders("DEU.HOG", date(2025, 5, 6))] == ["Friedrich Merz"]
    kreml = kb.get("org:kreml")
    assert kreml.type == "ORG" and kreml.country == "RUS"
    assert {f.entry for f in kb.lookup(("russischen",))} == {"country:RUS"}
    assert {f.entry for f in kb.lookup(("Bidens",))} == {"per:joe-biden"}


def test_licence_notes_ship_with_the_data():
    readme = (KB_FILE.parent / "README.md").read_text(encoding="utf-8")
    for word in ("ODbL", "CC BY-SA", "MIT", "Apache-2.0"):
        assert word in readme

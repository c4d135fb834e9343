"""End-to-end expectations on the reference page (read from ../shared, never copied)."""
from __future__ import annotations

import pytest
import spacy

from depesche.pipeline import analyze


@pytest.fixture(scope="module")
def analysis(shared):
    try:
        from depesche.nlp import load

        nlp = load()
    except Exception:  # language core weights not there yet: sentences only
        nlp = spacy.blank("de")
        nlp.add_pipe("sentencizer")
    text = (shared / "samples" / "ntv-biden-putin-videogipfel.txt").read_text(encoding="utf-8")
    return analyze(text, nlp=nlp, stages=["entities", "quotes"])


def _quote(analysis, needle):
    found = [q for q in analysis.quotes if any(needle in s.text for s in q.quote)]
    assert found, f"no quotation contains {needle!r}: {[q.quote[0].text[:40] for q in analysis.quotes]}"
    return found[0]


def test_sullivans_two_direct_quotes(analysis):
    for needle in ("Wir würden den Ukrainern", "Und wir würden unsere NATO-Verbündeten"):
        q = _quote(analysis, needle)
        assert q.type == "Direct"
        assert q.speaker_name == "Jake Sullivan"


def test_reported_by_sullivan(analysis):
    q = _quote(analysis, "sollte Russland weiter in die Ukraine eindringen")
    assert q.speaker_name == "Jake Sullivan"
    assert [s.text for s in q.speaker] == ["Sullivan"]
    assert q.speaker_chain and q.speaker_chain[0].text != "Sullivan"  # evidence: the fuller mention before


def test_putins_indirect_demand(analysis):
    q = _quote(analysis, "Russland wolle verbindliche juristische Garantien")
    assert q.type == "Indirect"
    assert q.speaker_name == "Wladimir Putin"
    assert [s.text for s in q.cue] == ["sagte", "zufolge"]


def test_kreml_statement(analysis):
    q = _quote(analysis, "Der Dialog sei sachlich und offen gewesen")
    assert q.speaker_name == "Kreml"


def test_putin_had_declared(analysis):
    q = _quote(analysis, "eine Verlegung von militärischer NATO-Infrastruktur")
    assert q.type == "Indirect"
    assert q.speaker_name == "Wladimir Putin"


def test_offsets_index_into_body(analysis):
    body = analysis.article.body
    for q in analysis.quotes:
        for s in q.quote + q.speaker + q.cue + q.frame + q.addressee + q.speaker_chain:
            assert body[s.start:s.end] == s.text

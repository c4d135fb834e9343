"""Speaker resolution without the entities stage (own resolver) and with mentions."""
from __future__ import annotations

from depesche.ingest.common import article_from_text
from depesche.model import Analysis, Entity, Mention, Quote, Span
from depesche.quotes.resolve import Resolver, resolve_speakers

TEXT = ("Die Außenministerin Maria Lindqvist reiste nach Oslo. Der Kanzler Tomas Weber blieb in Berlin. "
        "Lindqvist sagte, man sei einig. Er erklärte dagegen, das Treffen sei verschoben. "
        "Die Außenministerin betonte später, sie sei zuversichtlich. Das Gericht teilte mit, das Urteil folge.")


def _span(text, needle, nth=0):
    start = -1
    for _ in range(nth + 1):
        start = text.index(needle, start + 1)
    return Span(start, start + len(needle), needle)


def _analysis(text=TEXT):
    return Analysis(article=article_from_text(text))


def test_surname_pronoun_role_and_institution():
    a = _analysis()
    r = Resolver(a)
    res = r.resolve(_span(TEXT, "Lindqvist", 1))
    assert res.name == "Maria Lindqvist" and res.type == "PER"
    assert [c.text for c in res.chain] == ["Maria Lindqvist", "Lindqvist"]
    r.note_speaker(res, _span(TEXT, "Lindqvist", 1))
    # "Er" → the most recent person of matching gender: Lindqvist spoke last, but she is
    # "die Außenministerin", so it is the Kanzler
    er = TEXT.index("Er erklärte")
    assert r.resolve(Span(er, er + 2, "Er")).name == "Tomas Weber"
    sie = TEXT.index("sie sei")
    assert r.resolve(Span(sie, sie + 3, "sie")).name == "Maria Lindqvist"
    # a role noun alone → the name written with that role noun earlier
    res = r.resolve(_span(TEXT, "Die Außenministerin", 1))
    assert res is not None and res.name == "Maria Lindqvist"
    res = r.resolve(_span(TEXT, "Das Gericht"))
    assert res.name == "Gericht" and res.type == "ORG"


def test_resolve_speakers_fills_quotes_and_entities():
    a = _analysis()
    q = Quote(type="Indirect", quote=[_span(TEXT, "man sei einig")], speaker=[_span(TEXT, "Lindqvist", 1)])
    resolve_speakers(a, [q])
    assert q.speaker_name == "Maria Lindqvist"
    assert q.speaker_entity_id and q.speaker_entity_id.startswith("new:")
    ent = a.entity(q.speaker_entity_id)
    assert ent is not None and "Lindqvist" in ent.aliases


def test_entities_stage_mentions_win():
    a = _analysis()
    ent = Entity(id="kb:Q1", type="PER", name="Maria Lindqvist-Berg", aliases=["Lindqvist"])
    a.entities.append(ent)
    sp = _span(TEXT, "Lindqvist", 1)
    a.mentions.append(Mention(sp.start, sp.end, sp.text, "PER", entity_id="kb:Q1"))
    q = Quote(type="Indirect", quote=[_span(TEXT, "man sei einig")], speaker=[sp])
    resolve_speakers(a, [q])
    assert q.speaker_entity_id == "kb:Q1" and q.speaker_name == "Maria Lindqvist-Berg"
    assert len([e for e in a.entities if e.id == "kb:Q1"]) == 1

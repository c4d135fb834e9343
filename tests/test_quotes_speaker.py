"""The speaker selector and the source/speech-act rules, on hand-written German text."""
from __future__ import annotations

import pytest

from depesche.quotes.corpus import TextDoc, add_tags, doc_from_text, is_tagged
from depesche.model import Quote, Span
from depesche.quotes.reported import add_reported
from depesche.quotes.sourced import add_sourced
from depesche.quotes import speaker as sp


@pytest.fixture(scope="module")
def tagged():
    """A tokenised, POS-tagged doc maker; skips when the language core has no tagger."""
    def make(text: str) -> TextDoc:
        doc = doc_from_text(text)
        if not is_tagged(doc) and not add_tags(doc):
            pytest.skip("language core without POS/morphology")
        return doc
    return make


def test_source_preposition_sentence_becomes_indirect(tagged):
    doc = tagged("Laut der Feuerwehr wurden bei dem Brand drei Menschen leicht verletzt. Danach regnete es.")
    quotes = add_sourced(doc, [])
    assert len(quotes) == 1
    q = quotes[0]
    assert q.type == "Indirect"
    assert [s.text for s in q.cue] == ["Laut"]
    assert [s.text for s in q.speaker] == ["der Feuerwehr"]
    assert "drei Menschen leicht verletzt" in " ".join(s.text for s in q.quote)
    assert not any("Laut" in s.text for s in q.quote)


def test_nach_needs_a_statement_noun(tagged):
    doc = tagged("Nach der Sitzung fuhren die Abgeordneten mit dem Bus nach Hause zurück.")
    assert add_sourced(doc, []) == []
    doc = tagged("Nach Angaben der Stadtwerke fällt der Strom am Montag für zwei Stunden aus.")
    q = add_sourced(doc, [])[0]
    assert q.speaker[0].text.startswith("Angaben der Stadtwerke")


def test_speech_act_sentence_becomes_reported(tagged):
    doc = tagged("Die Gewerkschaft kritisierte den Sparplan der Landesregierung scharf. Das Wetter blieb schön.")
    quotes = add_reported(doc, [])
    assert [q.type for q in quotes] == ["Reported"]
    assert quotes[0].speaker[0].text == "Die Gewerkschaft"
    assert quotes[0].quote[0].text.startswith("Die Gewerkschaft kritisierte")
    # a sentence another quotation already covers gets nothing
    assert add_reported(doc, quotes) == quotes


def test_candidates_cover_subject_apposition_and_pronoun(tagged):
    doc = tagged("Karla Simon, die Sprecherin des Vereins, sagte, man sei zufrieden. Er widersprach.")
    b = doc.text.index("man sei")
    q = Quote(type="Indirect", quote=[Span(b, b + len("man sei zufrieden"), "man sei zufrieden")])
    cands = sp.quote_candidates(doc, [q], [[]])[0]
    texts = {doc.text[doc.tokens[c.ids[0]].start:doc.tokens[c.ids[-1]].end] for c in cands if c.ids is not None}
    assert "Karla Simon" in texts
    assert "Karla Simon, die Sprecherin des Vereins" in texts
    assert cands[-1].ids is None  # "no speaker" comes last
    assert not any("zufrieden" in t for t in texts)  # nothing from inside the quote


def test_selector_learns_to_prefer_the_right_candidate():
    def cand(ids, *feats):
        return sp.Candidate(ids, list(feats))

    items = [([cand([0], "cue_after", "case=Nom"), cand([5], "case=Acc"), cand(None, "NONE")], 0)] * 20
    items += [([cand([3], "case=Dat"), cand(None, "NONE")], 1)] * 20
    w = sp.fit(items, epochs=5, log=lambda m: None)
    sel = sp.SpeakerSelector(w)
    assert sel.choose(items[0][0]).ids == [0]
    assert sel.choose(items[-1][0]).ids is None
    # the margin against "no speaker" turns the second decision around
    assert sp.SpeakerSelector(w, none_margin=50).choose(items[-1][0]).ids == [3]


def test_shipped_selector_finds_speakers_of_follow_up_sentences(tagged):
    from depesche.quotes.api import extract_from_doc

    def speakers(text):
        return {q.quote[0].text: [s.text for s in q.speaker] for q in extract_from_doc(tagged(text), "wikinews")}

    found = speakers("Die Ärztin Maria Koch, Leiterin der Klinik, sagte am Montag, die Lage sei ernst. "
                     "Man brauche mehr Personal.")
    assert found["die Lage sei ernst"][0].startswith("Die Ärztin Maria Koch")
    assert found["Man brauche mehr Personal."][0].startswith("Die Ärztin Maria Koch")  # a sentence before
    found = speakers("Der Trainer lobte seine Mannschaft. Sie habe hervorragend gekämpft.")
    assert found["Sie habe hervorragend gekämpft."] == ["Der Trainer"]  # not "Sie", not "seine Mannschaft"

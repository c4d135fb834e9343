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


def test_konjunktiv_sentence_after_a_quotation_continues_it(tagged):
    from depesche.quotes.free_indirect import add_free_indirect

    doc = tagged("Der Bürgermeister sagte am Freitag, die Brücke sei marode. "
                 "Sie müsse bis zum Sommer gesperrt werden. Man habe keine andere Wahl. "
                 "Die Bauarbeiten beginnen im Mai.")
    b = doc.text.index("die Brücke")
    said = Quote(type="Indirect", medium="Speech", quote=[Span(b, b + 21, doc.text[b:b + 21])],
                 speaker=[Span(0, 16, "Der Bürgermeister")])
    out = add_free_indirect(doc, [said])
    added = {q.quote[0].text: q for q in out[1:]}
    assert "Man habe keine andere Wahl." in added  # unambiguous Konjunktiv I right after it
    assert added["Man habe keine andere Wahl."].type == "IndirectFreeIndirect"
    assert [s.text for s in added["Man habe keine andere Wahl."].speaker] == ["Der Bürgermeister"]
    assert not any("Bauarbeiten" in t for t in added)  # indicative: the report has ended


def test_konjunktiv_rule_needs_a_quotation_before_and_skips_fixed_phrases(tagged):
    from depesche.quotes.free_indirect import add_free_indirect

    doc = tagged("Das Spiel fällt aus. Es sei denn, der Regen hört bald auf.")
    assert add_free_indirect(doc, []) == []
    said = Quote(type="Indirect", medium="Speech", quote=[Span(0, 20, doc.text[:20])], speaker=[])
    assert len(add_free_indirect(doc, [said])) == 1  # "Es sei denn" is no report


def test_previous_speaker_is_marked_on_the_same_phrase(tagged):
    doc = tagged("Die Ministerin Eva Brandt sagte, der Etat sei knapp. "
                 "Ihr Sprecher Paul Weiß ergänzte, man spare überall.")
    q1 = doc.text.index("der Etat")
    q2 = doc.text.index("man spare")
    quotes = [Quote(type="Indirect", quote=[Span(q1, q1 + 18, doc.text[q1:q1 + 18])]),
              Quote(type="Indirect", quote=[Span(q2, q2 + 18, doc.text[q2:q2 + 18])])]
    cands = sp.quote_candidates(doc, quotes, [[], []])
    prev = {i for i, t in enumerate(doc.tokens) if t.text in ("Eva", "Brandt")}
    sp.mark_previous(doc, cands[1], prev, quotes[1], 1)
    marked = [" ".join(doc.tokens[i].text for i in c.ids) for c in cands[1]
              if c.ids is not None and any(f.startswith("prev") for f in c.feats)]
    assert marked and all("Brandt" in m for m in marked)


def test_trailing_wie_and_auxiliary_frames_become_indirect(tagged):
    doc = tagged("Die Preise für Heizöl steigen im Winter weiter an, wie die Bundesbank am Montag mitteilte.")
    [q] = add_sourced(doc, [])
    assert q.type == "Indirect"
    assert [s.text for s in q.cue] == ["wie", "mitteilte"]  # one span per run: the speaker is no cue
    assert [s.text for s in q.speaker] == ["die Bundesbank"]
    assert q.quote[0].text.startswith("Die Preise für Heizöl steigen")
    doc = tagged("Es gebe keinen Grund zur Sorge, hatte der Minister bei seinem Besuch in Kiel gesagt.")
    [q] = add_sourced(doc, [])
    assert [s.text for s in q.cue] == ["hatte", "gesagt"]
    assert [s.text for s in q.speaker] == ["der Minister"]
    # "wie" without a verb of saying at the end is a comparison, not a source
    doc = tagged("Die Mannschaft spielte in der zweiten Halbzeit stark, wie man es von ihr kennt.")
    assert add_sourced(doc, []) == []


def _one_choice(tagged):
    """A doc, its quotations (the second nested in the first) and the selector's choice for the first."""
    doc = tagged("Karla Simon sagte, man sei mit dem Ergebnis zufrieden.")
    b = doc.text.index("man sei")
    e = doc.text.index(".")
    n = doc.text.index("zufrieden")
    quotes = [Quote(type="Indirect", quote=[Span(b, e, doc.text[b:e])]),
              Quote(type="Indirect", quote=[Span(n, e, doc.text[n:e])], nested_in=0)]
    selector = sp.SpeakerSelector({"rel=before": 2.0, "propn": 2.0})
    choices = selector.apply(doc, quotes)
    return doc, quotes, choices


def test_selector_reports_how_sure_it_was(tagged):
    doc, quotes, choices = _one_choice(tagged)
    assert [s.text for s in quotes[0].speaker] == ["Karla Simon"]
    assert quotes[1].speaker == quotes[0].speaker  # nested: the outer's speaker
    c = choices[0]
    assert set(choices) == {0}
    assert 0.0 < c.prob <= 1.0 and c.margin_none > 0 and c.n_candidates >= 2
    assert doc.text[doc.tokens[c.candidate.ids[0]].start:doc.tokens[c.candidate.ids[-1]].end] == "Karla Simon"


def test_verifier_drops_a_doubtful_speaker_and_nested_quotes_follow(tagged):
    from depesche.quotes.verifier import SpeakerVerifier, features

    doc, quotes, choices = _one_choice(tagged)
    feats = features(doc, quotes[0], choices[0])
    assert "ty=Indirect" in feats and "cue=False" in feats and "b:propn" in feats
    SpeakerVerifier({"b:propn": 3.0}, threshold=0.3).apply(doc, quotes, choices)
    assert [s.text for s in quotes[0].speaker] == ["Karla Simon"]  # sigmoid(3) = 0.95: kept
    SpeakerVerifier({"b:propn": -3.0}, threshold=0.3).apply(doc, quotes, choices)
    assert quotes[0].speaker == [] and quotes[1].speaker == []


def test_verifier_learns_which_speakers_to_drop():
    from depesche.quotes.verifier import Row, choose_threshold, fit

    # speakers with "good" are right, those with "bad" wrong; 100 gold quotations with a speaker
    rows = [Row(["bias", "good"], 1.0, 1, 1.0, g) for g in range(60)]
    rows += [Row(["bias", "bad"], 0.0, 1, 0.0, g) for g in range(40)]
    w = fit(rows)
    assert w["good"] > 0 > w["bad"]
    threshold, scores = choose_threshold(rows, n_gold=100)
    # keeping all: P 0.6, R 0.6; dropping the "bad" ones: P 1.0, R 0.6
    assert scores[0.0] == pytest.approx(0.6)
    assert scores[threshold] == pytest.approx(0.75)


def test_shipped_model_has_a_speaker_verifier():
    from depesche.quotes.api import MODEL_ROOT
    from depesche.quotes.tagger import CRFTaggers

    taggers = CRFTaggers(MODEL_ROOT / "wikinews")
    assert taggers.verifier is not None
    assert 0.05 <= taggers.verifier.threshold <= 0.35
    assert taggers.verifier.w.get("bias") is not None


def test_speaker_span_does_not_end_in_a_determiner(tagged):
    from depesche.quotes.api import _trim_speakers

    text = "Die Gespräche sollen weitergehen, sagte Meier einer Mitteilung zufolge."
    doc = tagged(text)
    start = text.index("Meier")
    whole, name = Span(start, start + 11, "Meier einer"), Span(start, start + 5, "Meier")
    quotes = [Quote(type="Indirect", quote=[Span(0, 32, text[:32])], speaker=[whole]),
              Quote(type="Indirect", quote=[Span(0, 32, text[:32])], speaker=[name])]
    _trim_speakers(doc, quotes)
    assert [s.text for q in quotes for s in q.speaker] == ["Meier", "Meier"]
    assert quotes[0].speaker[0].end == start + 5

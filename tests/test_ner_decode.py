"""The vectorised NER decoder gives exactly the entities of spaCy's own decoder.

Compared on hand-written German sentences with the shipped model, and with the
same network after its output bias is pushed towards opening entities, so that
long entities, sentence boundaries, whitespace tokens and the end of a doc
all come into play.  Docs with preset entities go back to spaCy.
"""
from __future__ import annotations

import pytest
import spacy
from spacy.tokens import Doc

from depesche.nlp.ner import entity_spans, load_model, model_path
from depesche.nlp.ner_decode import GreedyNerDecoder, fast_decoder

TEXTS = [
    "Bundeskanzler Olaf Scholz hat am Montag in Berlin den französischen Präsidenten Emmanuel Macron empfangen.",
    "Die Europäische Zentralbank in Frankfurt am Main lässt den Leitzins unverändert, teilte EZB-Chefin "
    "Christine Lagarde mit.",
    "Der Kreml wies die Vorwürfe aus Washington zurück. Sprecher Dmitri Peskow sagte, Russland plane keinen Angriff.",
    "Nach dem Spiel des FC Bayern München gegen Borussia Dortmund jubelten Fans in der Allianz Arena.",
    "UN-Generalsekretär António Guterres rief in New York zu einer Waffenruhe im Gazastreifen auf.",
    "Ja.",
    "",
    "Die Grünen und die FDP streiten im Bundestag über den Haushalt\n\nder Ampel-Koalition von SPD , Grünen und FDP .",
]


def _spacy_entities(nlp, docs):
    return [[(e.start, e.end, e.label_) for e in d.ents] for d in nlp.pipe(docs)]


def _copies(nlp, texts, sentence_starts=False):
    blank = spacy.blank("de")
    docs = []
    for text in texts:
        words = [t.text for t in blank(text)]
        spaces = [bool(t.whitespace_) for t in blank(text)]
        starts = None
        if sentence_starts and words:
            starts = [i == 0 or words[i - 1] in (".", "!", "?") for i in range(len(words))]
        docs.append(Doc(nlp.vocab, words=words, spaces=spaces, sent_starts=starts))
    return docs


@pytest.fixture(scope="module")
def fresh_model():
    """The shipped NER loaded apart from the cached one (its weights get changed)."""
    nlp = spacy.load(model_path("default"))
    return nlp, fast_decoder(nlp.get_pipe("ner"))


def test_shipped_model_has_a_decoder():
    assert isinstance(load_model("default")._depesche_decoder, GreedyNerDecoder)


@pytest.mark.parametrize("sentence_starts", [False, True])
def test_same_entities_as_spacy(fresh_model, sentence_starts):
    nlp, decoder = fresh_model
    docs = _copies(nlp, TEXTS, sentence_starts)
    expected = _spacy_entities(nlp, _copies(nlp, TEXTS, sentence_starts))
    for name, proc in nlp.pipeline:
        if name != "ner":
            docs = [proc(d) for d in docs]
    assert decoder.decode(docs) == expected
    assert sum(map(len, expected)) >= 15  # the sentences do name things


@pytest.mark.parametrize("shift", [1.0, 3.0, 6.0])
def test_same_entities_when_entities_run_long(fresh_model, shift):
    nlp, decoder = fresh_model
    ner = nlp.get_pipe("ner")
    lower = ner.model.get_ref("lower")
    b = lower.get_param("b").copy()
    names = [ner.moves.get_class_name(i) for i in range(ner.moves.n_moves)]
    pushed = b.copy()
    for i, name in enumerate(names):
        if name[:2] in ("B-", "I-"):
            pushed[i] += shift
    try:
        lower.set_param("b", pushed)
        for sentence_starts in (False, True):
            expected = _spacy_entities(nlp, _copies(nlp, TEXTS, sentence_starts))
            docs = [nlp.get_pipe("gazetteer")(d) for d in _copies(nlp, TEXTS, sentence_starts)]
            assert decoder.decode(docs) == expected
            lengths = [e - s for ents in expected for s, e, _ in ents]
            assert max(lengths) >= 3
            if sentence_starts and shift >= 6:
                # no entity runs over a sentence start (spaCy's rule, which the decoder must keep)
                for doc, ents in zip(docs, expected):
                    assert not any(doc[i].is_sent_start for s, e, _ in ents for i in range(s + 1, e))
    finally:
        lower.set_param("b", b)


def test_whitespace_tokens_start_no_entity(fresh_model):
    nlp, decoder = fresh_model
    docs = [nlp.get_pipe("gazetteer")(d) for d in _copies(nlp, [TEXTS[-1]])]
    assert any(t.is_space for t in docs[0])
    found = decoder.decode(docs)[0]
    assert found == _spacy_entities(nlp, _copies(nlp, [TEXTS[-1]]))[0]
    assert all(not docs[0][s].is_space for s, _, _ in found)


def test_preset_entities_go_back_to_spacy(fresh_model):
    nlp, decoder = fresh_model
    doc = _copies(nlp, [TEXTS[0]])[0]
    doc.set_ents([doc.char_span(0, 13, label="OTH")], default="unmodified")
    assert decoder.decode([doc]) is None
    # entity_spans then lets spaCy keep the preset span
    found = entity_spans(load_model("default"), [Doc(load_model("default").vocab, words=[t.text for t in doc],
                                                     ents=["B-OTH"] + [None] * (len(doc) - 1))])[0]
    assert (0, 1, "OTH") in found


def test_models_it_cannot_decode_exactly_get_none():
    nlp = spacy.blank("de")
    nlp.add_pipe("ner", config={"model": {"@architectures": "spacy.TransitionBasedParser.v2",
                                          "state_type": "ner", "extra_state_tokens": False,
                                          "hidden_width": 8, "maxout_pieces": 2, "use_upper": True}})
    nlp.get_pipe("ner").add_label("PER")
    nlp.initialize()
    assert fast_decoder(nlp.get_pipe("ner")) is None
    assert fast_decoder(object()) is None


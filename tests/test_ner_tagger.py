"""The BILUO tagger NER component (``depesche_bio_ner``): reading spans off
ill-formed tag sequences, and learning entities from ``doc.ents`` gold."""
from __future__ import annotations

import random

import pytest
import spacy
from spacy.training import Example

from depesche.nlp.ner_tagger import TAGS, biluo_spans


@pytest.mark.parametrize("tags, spans", [
    (["O", "U-PER", "O"], [(1, 2, "PER")]),
    (["B-ORG", "I-ORG", "L-ORG", "O"], [(0, 3, "ORG")]),
    # two units side by side are two entities
    (["U-LOC", "U-LOC"], [(0, 1, "LOC"), (1, 2, "LOC")]),
    # a B without its L runs to the next O or the end
    (["B-PER", "I-PER", "O", "B-LOC", "I-LOC"], [(0, 2, "PER"), (3, 5, "LOC")]),
    # an I or L without a B opens a span of its own type
    (["O", "I-ORG", "L-ORG"], [(1, 3, "ORG")]),
    (["L-PER", "O"], [(0, 1, "PER")]),
    # a change of type inside a span splits it
    (["B-PER", "I-LOC", "L-LOC"], [(0, 1, "PER"), (1, 3, "LOC")]),
    # L closes: what follows starts anew
    (["B-PER", "L-PER", "I-PER", "L-PER"], [(0, 2, "PER"), (2, 4, "PER")]),
    # a B inside an open span closes it
    (["B-OTH", "B-OTH", "L-OTH"], [(0, 1, "OTH"), (1, 3, "OTH")]),
    (["O", "O"], []),
    ([], []),
])
def test_biluo_spans(tags, spans):
    assert biluo_spans(tags) == spans


# sentences written for this test: (words, entity spans)
TRAIN = [
    (["Anna", "Keller", "wohnt", "in", "Kassel", "."], [(0, 2, "PER"), (4, 5, "LOC")]),
    (["Der", "Verein", "TSV", "Linden", "gewann", "."], [(2, 4, "ORG")]),
    (["Heute", "regnet", "es", "in", "Kassel", "."], [(4, 5, "LOC")]),
    (["Anna", "Keller", "lacht", "."], [(0, 2, "PER")]),
]


def _examples(nlp):
    out = []
    for words, spans in TRAIN:
        pred = spacy.tokens.Doc(nlp.vocab, words=words)
        gold = spacy.tokens.Doc(nlp.vocab, words=words)
        gold.ents = [spacy.tokens.Span(gold, s, e, label=lab) for s, e, lab in spans]
        out.append(Example(pred, gold))
    return out


def test_tagger_learns_entities_from_doc_ents():
    import depesche.nlp.ner_tagger  # noqa: F401  (registers the factory)

    nlp = spacy.blank("de")
    nlp.add_pipe("depesche_bio_ner", name="ner", config={"model": {
        "@architectures": "spacy.Tagger.v2",
        "tok2vec": {"@architectures": "spacy.HashEmbedCNN.v2", "pretrained_vectors": None, "width": 32,
                    "depth": 1, "embed_size": 500, "window_size": 1, "maxout_pieces": 2,
                    "subword_features": True},
    }})
    examples = _examples(nlp)
    optimizer = nlp.initialize(lambda: examples)
    assert nlp.get_pipe("ner").labels == TAGS  # fixed tag set, whatever the sample holds
    random.seed(0)
    losses = {}
    for _ in range(60):
        losses = nlp.update(examples, sgd=optimizer, losses={})
    assert losses["ner"] < 1.0
    doc = nlp("Anna Keller wohnt in Kassel .")
    assert [(e.text, e.label_) for e in doc.ents] == [("Anna Keller", "PER"), ("Kassel", "LOC")]
    # the tags stay untouched: the output is doc.ents only
    assert all(t.tag_ == "" for t in doc)
    scores = nlp.evaluate(examples)
    assert scores["ents_f"] == 1.0

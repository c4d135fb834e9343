"""The ``wikinews-e5`` variant of the quotation taggers: e5 token vectors as
real-valued CRF attributes (:mod:`depesche.quotes.dense`)."""
from __future__ import annotations

import pycrfsuite
import pytest

from depesche.quotes.api import extract_from_doc, learned_quotes
from depesche.quotes.corpus import gold_quotes, read_json
from depesche.quotes.dense import FILE, DenseFeatures
from depesche.quotes.features import quote_depth, quote_features, token_base
from depesche.quotes.tagger import CRFTaggers, train

from conftest import FIXTURES

GOLD = FIXTURES / "quotes" / "gold" / "beispiel.json"


@pytest.fixture(scope="module")
def dense_model(tmp_path_factory):
    """Taggers trained in-process on the hand-written example, with layer-8 vectors."""
    out = tmp_path_factory.mktemp("wikinews-e5")
    docs = [read_json(GOLD) for _ in range(3)]
    train(docs, out, max_iterations=60, dense_layer=8, log=lambda m: None)
    return out


def test_training_writes_the_vector_statistics_and_learns_vector_weights(dense_model):
    dense = DenseFeatures.load(dense_model)
    assert (dense_model / FILE).exists() and dense.layer == 8 and dense.scale == 0.25
    assert dense.mean.shape == dense.std.shape == (384,) and (dense.std > 0).all()
    tagger = pycrfsuite.Tagger()
    tagger.open(str(dense_model / "quote.crfsuite"))
    weighted = {attr for (attr, _label) in tagger.info().state_features}
    assert sum(a.startswith("e") and a[1:].isdigit() for a in weighted) > 20


def test_tokens_inside_quotation_marks_get_no_vector(dense_model):
    doc = read_json(GOLD)
    dense = DenseFeatures.load(dense_model)
    items = dense.items(doc, quote_features(doc, token_base(doc)))
    depth = quote_depth(doc)
    for sent, seq in zip(doc.sentences, items):
        for i, attrs in zip(sent, seq):
            assert ("e0" in attrs) == (depth[i] == 0), doc.tokens[i].text
            assert all(v == 1.0 for k, v in attrs.items() if not k[1:].isdigit())


def test_dense_taggers_find_the_quotations_they_learned(dense_model):
    doc = read_json(GOLD)
    taggers = CRFTaggers(dense_model)
    assert taggers.dense is not None and taggers.known is None
    found = learned_quotes(doc, taggers)
    gold = gold_quotes(doc)
    assert [q.quote[0].text for q in found][:1] == [gold[0].quote[0].text]
    assert {q.type for q in found} >= {"Direct", "Indirect"}


@pytest.mark.parametrize("model", ["wikinews-e5"])
def test_shipped_e5_model_finds_a_direct_quote_and_its_speaker(model):
    doc = read_json(GOLD)
    quotes = extract_from_doc(doc, model)
    direct = [q for q in quotes if q.type == "Direct"]
    assert direct and direct[0].quote[0].text.startswith("„Wir haben")
    assert "Albrecht" in " ".join(s.text for s in direct[0].speaker)


def test_training_in_a_process_pool_gives_the_same_model(tmp_path):
    """``workers=2`` runs the taggers and each verifier fold as pool tasks; the
    files must be byte for byte those of the sequential run."""
    docs = [read_json(GOLD) for _ in range(4)]
    for workers in (1, 2):
        train(docs, tmp_path / str(workers), max_iterations=20, verifier=2, dense_layer=8, workers=workers,
              log=lambda m: None)
    names = sorted(p.name for p in (tmp_path / "1").iterdir())
    assert {"quote.crfsuite", "role.crfsuite", "speaker.json", "verifier.json", FILE} <= set(names)
    for name in names:
        assert (tmp_path / "1" / name).read_bytes() == (tmp_path / "2" / name).read_bytes(), name

"""The embedding cache gives the rows of spaCy's own embedding layers, bit for bit."""
from __future__ import annotations

import numpy as np
import pytest

from depesche.nlp import load, networks
from depesche.nlp.embed_cache import EmbeddingCache, _parts, cache_embeddings

TEXTS = [
    "Bundeskanzler Olaf Scholz hat am Montag in Berlin den französischen Präsidenten Emmanuel Macron empfangen.",
    "Die Europäische Zentralbank lässt den Leitzins unverändert, teilte EZB-Chefin Christine Lagarde in "
    "Frankfurt am Main mit.",
    "Der Kreml wies die Vorwürfe zurück. Sprecher Dmitri Peskow sagte, Russland plane keinen Angriff auf die Ukraine.",
    "Nach dem Spiel des FC Bayern München gegen Borussia Dortmund jubelten die Fans noch lange in der Allianz Arena.",
]


def _embed_layers(nlp):
    return [layer for network in networks(nlp) for layer in network.walk()
            if layer.attrs.get("depesche_embed_cache")]


@pytest.fixture(scope="module")
def nlp():
    return load()


def test_both_networks_embed_through_a_cache(nlp):
    layers = _embed_layers(nlp)
    assert len(layers) == 2  # the core's tok2vec and the NER's
    assert any(_parts(layer)[3] is not None for layer in layers)  # the NER's mixes in static vectors
    assert sum(cache_embeddings(network) for network in networks(nlp)) == 0  # already cached: not wrapped twice


@pytest.mark.parametrize("max_rows", [100_000, 40])
def test_cached_rows_are_the_layers_own(nlp, max_rows):
    docs = [nlp.make_doc(t) for t in TEXTS]
    for layer in _embed_layers(nlp):
        extract, hashes, mix, static = _parts(layer)
        inputs = docs
        if static is not None:  # the NER's embedding reads its own copy of the words with gazetteer marks
            ner = nlp.get_pipe("ner")
            inputs = [ner.model.get_pipe("gazetteer")(ner._copy(d)) for d in docs]
        cache = EmbeddingCache(hashes, mix, static, max_rows=max_rows)
        feats = np.concatenate(extract.predict(inputs))
        words = np.concatenate([d.to_array("ORTH") for d in inputs]).astype(np.uint64) if static else None
        strings = inputs[0].vocab.strings
        # spaCy's forward of the same layer, without the cache
        want = np.concatenate(layer.attrs["depesche_embed_cache"].spacy_forward(layer, inputs, False)[0])
        for _ in range(2):  # computed, then looked up (or computed again after the cache was emptied)
            got = cache.rows(feats, words, strings)
            assert got.dtype == want.dtype and np.array_equal(got, want)
        # a few tokens at a time: rows computed in small groups are still the same numbers
        for i in range(0, len(feats), 5):
            part = cache.rows(feats[i:i + 5], None if words is None else words[i:i + 5], strings)
            assert np.array_equal(part, want[i:i + 5])


def test_training_uses_spacys_forward_and_leaves_the_cache_alone(nlp):
    layer = _embed_layers(nlp)[0]
    cache = layer.attrs["depesche_embed_cache"]
    docs = [nlp.make_doc(t + " Neuwort" + str(i)) for i, t in enumerate(TEXTS)]
    before = len(cache._rows)
    out, _ = layer(docs, is_train=True)
    assert len(cache._rows) == before
    assert [len(o) for o in out] == [len(d) for d in docs]
    layer.predict(docs)
    assert len(cache._rows) > before  # predicting does fill it


def test_the_pipeline_annotates_as_without_the_cache(nlp):
    def annotations():
        return [[(t.tag_, str(t.morph), t.lemma_, t.ent_iob_, t.ent_type_) for t in d] for d in nlp.pipe(TEXTS * 3)]

    cached = annotations()
    layers = _embed_layers(nlp)
    wrapped = [layer._func for layer in layers]
    try:
        for layer in layers:
            layer._func = layer.attrs["depesche_embed_cache"].spacy_forward
        plain = annotations()
    finally:
        for layer, func in zip(layers, wrapped):
            layer._func = func
    assert cached == plain
    assert any(t[3] != "O" for d in cached for t in d)


def test_threads_sharing_a_cache_get_the_right_rows(nlp):
    from concurrent.futures import ThreadPoolExecutor

    layer = next(layer for layer in _embed_layers(nlp) if _parts(layer)[3] is None)  # the core's
    extract, hashes, mix, _ = _parts(layer)
    docs = [nlp.make_doc(f"{t} Wort{i} Nummer{i * 7}") for i in range(40) for t in TEXTS[:1]]
    want = [np.concatenate(layer.attrs["depesche_embed_cache"].spacy_forward(layer, [d], False)[0]) for d in docs]
    feats = [extract.predict([d])[0] for d in docs]
    shared = EmbeddingCache(hashes, mix, max_rows=60)  # small: it is emptied again and again

    def rows(i):
        return shared.rows(feats[i], None, nlp.vocab.strings)

    with ThreadPoolExecutor(4) as pool:
        got = list(pool.map(rows, list(range(len(docs))) * 3))
    assert all(np.array_equal(g, want[i % len(docs)]) for i, g in enumerate(got))

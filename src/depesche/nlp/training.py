"""Train the shipped tagger pipeline (tagger + morphologizer + edit-tree lemmatizer).

The three trainable components share one small ``tok2vec`` so that a token is
embedded once per parse (speed).  Training reads gold tokens from the UD
treebanks in ``../shared/data/ud`` and never touches the run-time tokenizer,
so tokenizer changes do not require retraining.

Reproduce with ``depesche train tagger --shared ../shared``.
"""
from __future__ import annotations

import json
import random
import time
from pathlib import Path

import spacy
from spacy.training import Example
from thinc.api import Config

from .conllu import Sentence, load_ud, split_holdout

MODEL_DIR = Path(__file__).resolve().parent.parent / "models" / "tagger"

# Width/depth are kept small for throughput (>= 10k tokens/s on one core with
# the NER on top): width 64 / depth 2 scored the same POS and lemma accuracy on
# the holdout as 96 / 4 at about 1.6x the speed (docs/model-card-tagger.md).  NORM/PREFIX/SUFFIX/SHAPE hash embeddings plus a 4-character
# suffix help German inflection, which lives at the end of the word.
CONFIG = """
[nlp]
lang = "de"
pipeline = ["tok2vec","tagger","morphologizer","trainable_lemmatizer"]
batch_size = 256

[components]

[components.tok2vec]
factory = "tok2vec"

[components.tok2vec.model]
@architectures = "spacy.Tok2Vec.v2"

[components.tok2vec.model.embed]
@architectures = "spacy.MultiHashEmbed.v2"
width = ${vars.width}
attrs = ["NORM","PREFIX","SUFFIX","SHAPE"]
rows = [10000,2000,5000,1000]
include_static_vectors = false

[components.tok2vec.model.encode]
@architectures = "spacy.MaxoutWindowEncoder.v2"
width = ${vars.width}
depth = ${vars.depth}
window_size = 1
maxout_pieces = 3

[components.tagger]
factory = "tagger"

[components.tagger.model]
@architectures = "spacy.Tagger.v2"
nO = null

[components.tagger.model.tok2vec]
@architectures = "spacy.Tok2VecListener.v1"
width = ${vars.width}
upstream = "tok2vec"

[components.morphologizer]
factory = "morphologizer"

[components.morphologizer.model]
@architectures = "spacy.Tagger.v2"
nO = null

[components.morphologizer.model.tok2vec]
@architectures = "spacy.Tok2VecListener.v1"
width = ${vars.width}
upstream = "tok2vec"

[components.trainable_lemmatizer]
factory = "trainable_lemmatizer"
backoff = "orth"
min_tree_freq = 2
top_k = 1

[components.trainable_lemmatizer.model]
@architectures = "spacy.Tagger.v2"
nO = null

[components.trainable_lemmatizer.model.tok2vec]
@architectures = "spacy.Tok2VecListener.v1"
width = ${vars.width}
upstream = "tok2vec"

[vars]
width = 64
depth = 2
"""


# Alternative embedding: spaCy's character embedding of the first and last
# ``nC`` characters next to a word-level hash embedding (German inflection is
# in the suffix).  Tried against the hash embedding; see the model card.
CHAR_EMBED = {
    "@architectures": "spacy.CharacterEmbed.v2",
    "width": 64,
    "rows": 10000,
    "nM": 16,
    "nC": 5,
    "include_static_vectors": False,
}


def build(width: int = 64, depth: int = 2, embed: str = "hash") -> "spacy.Language":
    cfg = Config().from_str(CONFIG, interpolate=False)
    cfg["vars"]["width"] = width
    cfg["vars"]["depth"] = depth
    if embed == "char":
        cfg["components"]["tok2vec"]["model"]["embed"] = dict(CHAR_EMBED, width=width)
    return spacy.util.load_model_from_config(cfg.interpolate(), auto_fill=True, validate=True)


def _examples(nlp, sentences: list[Sentence]) -> list[Example]:
    out = []
    for s in sentences:
        ref = s.to_doc(nlp.vocab)
        pred = spacy.tokens.Doc(nlp.vocab, words=s.words, spaces=s.spaces)
        out.append(Example(pred, ref))
    return out


def train(
    shared: Path,
    out_dir: Path = MODEL_DIR,
    *,
    epochs: int = 18,
    width: int = 64,
    depth: int = 2,
    seed: int = 0,
    max_minutes: float = 60.0,
    limit: int | None = None,
    embed: str = "hash",
    log=print,
) -> dict:
    """Train on the UD treebanks minus the fixed holdout; save the best epoch.

    ``limit`` trains on that many sentences only (for smoke tests).

    "Best" is judged on a dev slice carved from the training part (every 9th
    training sentence), never on the holdout, so the holdout scores stay honest.
    """
    from thinc.api import fix_random_seed

    fix_random_seed(seed)
    sentences = load_ud(Path(shared) / "data" / "ud")
    train_sents, holdout = split_holdout(sentences)
    dev = train_sents[8::9]
    fit = [s for i, s in enumerate(train_sents) if i % 9 != 8]
    if limit:  # smoke tests: a few sentences only
        fit, dev = fit[:limit], dev[: max(1, limit // 5)]
    nlp = build(width, depth, embed)
    train_ex = _examples(nlp, fit)
    dev_ex = _examples(nlp, dev)
    optimizer = nlp.initialize(lambda: train_ex)
    log(f"train {len(fit)} sents, dev {len(dev)}, holdout {len(holdout)}; labels: "
        f"tags={len(nlp.get_pipe('tagger').labels)} morph={len(nlp.get_pipe('morphologizer').labels)} "
        f"lemma_trees={len(nlp.get_pipe('trainable_lemmatizer').labels)}")
    best, best_score, history = None, -1.0, []
    t0 = time.time()
    rng = random.Random(seed)
    for epoch in range(epochs):
        rng.shuffle(train_ex)
        losses: dict = {}
        for batch in spacy.util.minibatch(train_ex, size=16):
            nlp.update(batch, sgd=optimizer, losses=losses, drop=0.2)
        with nlp.use_params(optimizer.averages):
            scores = nlp.evaluate(dev_ex)
        combo = (scores["pos_acc"] + scores["morph_acc"] + scores["lemma_acc"]) / 3
        history.append({"epoch": epoch, "pos": scores["pos_acc"], "morph": scores["morph_acc"],
                        "lemma": scores["lemma_acc"], "tag": scores["tag_acc"], "losses": losses})
        log(f"epoch {epoch:2d} pos={scores['pos_acc']:.4f} tag={scores['tag_acc']:.4f} "
            f"morph={scores['morph_acc']:.4f} lemma={scores['lemma_acc']:.4f} "
            f"({time.time() - t0:.0f}s)")
        if combo > best_score:
            best_score = combo
            with nlp.use_params(optimizer.averages):
                best = nlp.to_bytes(exclude=["tokenizer"])
        if time.time() - t0 > max_minutes * 60:
            log("time budget reached")
            break
    nlp.from_bytes(best, exclude=["tokenizer"])
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    nlp.to_disk(out_dir, exclude=["tokenizer"])
    meta = {"width": width, "depth": depth, "embed": embed, "epochs_run": len(history), "seed": seed,
            "best_dev": best_score, "history": history}
    (out_dir / "training.json").write_text(json.dumps(meta, indent=1))
    return meta

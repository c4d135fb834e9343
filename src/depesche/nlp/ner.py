"""German named-entity recognition (PER, ORG, LOC, OTH), trained by depesche.

The weights live in ``depesche/models/ner/<config>/`` as a small spaCy pipeline
(CNN tok2vec with our own floret subword vectors + transition-based NER;
:mod:`depesche.nlp.ner_tagger` offers a softmax BILUO decoder instead),
trained on GermEval 2014 plus silver sentences by ``depesche train ner``.

:func:`add_ner` puts the component ``depesche_ner`` at the end of any German
``spacy.Language``.  The component runs the shipped pipeline on a copy of the
host's tokens (same words, same whitespace) and writes the entities back into
``doc.ents`` by token index, so it works with whatever tokenizer the host uses.
The copy lives in the host's vocabulary when the two compute the same lexeme
attributes (any German host: each word's lexeme is then made once, not again in
the model's vocabulary), else in the model's own; either way the host's tokens,
lemmas and vectors stay untouched.  The model's static (floret) vectors are
taken from its own table whatever the copy's vocabulary, through a per-word
cache (:class:`_VectorCache`).
"""
from __future__ import annotations

from functools import lru_cache, partial
from itertools import islice
from pathlib import Path
from typing import Iterable, Iterator

import numpy
from spacy.attrs import ORTH
from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.vocab import Vocab

from .ner_data import LABELS, Score, Sentence, bio_spans, score_spans, spans_to_bio
from .ner_decode import fast_decoder
from .ner_e5 import E5CrfTagger, is_e5_model, load_tagger

MODELS_DIR = Path(__file__).resolve().parent.parent / "models" / "ner"
CONFIGS = ("default", "fast", "accurate")
# "default" and "fast" are the small distilled CNN (fast, 0.56 F1); "accurate" is the CRF over
# multilingual-e5 token vectors (depesche.nlp.ner_e5: ~0.75 F1, ~50x slower).
ALIASES = {"fast": "default"}


class NerModelMissing(RuntimeError):
    """The shipped NER weights are not where the package expects them."""


def model_path(config: str = "default") -> Path:
    if config not in CONFIGS and not Path(config).is_dir():
        raise ValueError(f"unknown NER config {config!r}; choose one of {', '.join(CONFIGS)} or a model folder")
    if Path(config).is_dir():
        return Path(config)
    path = MODELS_DIR / ALIASES.get(config, config)
    if not (path / "config.cfg").is_file() and not is_e5_model(path):
        raise NerModelMissing(f"no NER weights at {path}; run `depesche train ner` to build them")
    return path


@lru_cache(maxsize=4)
def load_model(config: str = "default") -> "Language | E5CrfTagger":
    """The shipped NER model: a spaCy pipeline (its own tokenizer is never
    used), or for the e5 configuration an :class:`E5CrfTagger`."""
    path = model_path(config)
    if is_e5_model(path):
        return load_tagger(str(path))
    import spacy

    from . import ner_gazetteer, ner_tagger  # noqa: F401  (register depesche's factories)

    model = spacy.load(path)
    _cache_static_vectors(model)
    # spaCy's step-by-step NER decoding replaced by an exact vectorised one where it applies
    model._depesche_decoder = fast_decoder(model.get_pipe("ner")) if "ner" in model.pipe_names else None
    return model


def entity_spans(model: Language, docs: list[Doc], batch_size: int = 64) -> list[list[tuple[int, int, str]]]:
    """``(start, end, label)`` of the entities the spaCy NER ``model`` finds in each
    of ``docs`` (docs of its own kind: the copies :class:`EntityRecognizer` makes).
    The model's components run in turn; the NER decodes through the model's
    :class:`~depesche.nlp.ner_decode.GreedyNerDecoder` where it has one (same
    entities as spaCy's decoder, a fraction of its time)."""
    decoder = getattr(model, "_depesche_decoder", None)
    if decoder is None:
        return [[(e.start, e.end, e.label_) for e in d.ents] for d in model.pipe(docs, batch_size=batch_size)]
    for name, proc in model.pipeline:
        if name != "ner":
            docs = list(proc.pipe(docs, batch_size=batch_size)) if hasattr(proc, "pipe") else [proc(d) for d in docs]
    found = decoder.decode(docs)
    if found is None:  # preset entities: spaCy's decoder knows how to keep them
        docs = list(model.get_pipe("ner").pipe(docs, batch_size=batch_size))
        found = [[(e.start, e.end, e.label_) for e in d.ents] for d in docs]
    return found


class _VectorCache:
    """Floret vectors of a model's own table, each word's computed once.

    floret's ``Vectors.get_batch`` builds every token's vector anew from its
    character n-grams in Python (hashing each n-gram), call after call; the
    table is fixed, so a word's vector never changes.  Each row here is what
    ``get_batch`` gives for that word alone: the mean of the word's own n-gram
    rows, which does not depend on the other words of a batch (bit-identical).
    The cache forgets everything when it holds ``max_words`` words.
    """

    def __init__(self, vectors, max_words: int = 65536):
        self.vectors = vectors
        self.max_words = max_words
        self._rows: dict[int, int] = {}
        self._table = numpy.zeros((1024, vectors.shape[1]), dtype=vectors.data.dtype)

    def get_batch(self, keys, strings):
        """Vectors of the words with hashes ``keys`` (strings: any store that knows them)."""
        rows = self._rows
        keys = keys.tolist()
        missing = list({k for k in keys if k not in rows})
        if missing:
            if len(rows) + len(missing) > self.max_words:
                rows.clear()
                missing = list(set(keys))
            vecs = self.vectors.get_batch([strings[k] for k in missing])
            start, end = len(rows), len(rows) + len(missing)
            if end > len(self._table):
                grown = numpy.zeros((max(end, 2 * len(self._table)), self._table.shape[1]),
                                    dtype=self._table.dtype)
                grown[:start] = self._table[:start]
                self._table = grown
            self._table[start:end] = vecs
            rows.update(zip(missing, range(start, end)))
        return self._table[[rows[k] for k in keys]]


def _cache_static_vectors(model: Language) -> None:
    """Predict with the model's floret vectors through a :class:`_VectorCache`.

    The ``static_vectors`` layers of the model's components then read their own
    table for any doc, whichever vocabulary it belongs to (spaCy's layer reads
    ``doc.vocab.vectors``); training (``is_train``) keeps spaCy's own forward.
    """
    vectors = model.vocab.vectors
    if getattr(vectors, "mode", None) != "floret" or getattr(vectors, "attr", ORTH) != ORTH:
        return
    cache = _VectorCache(vectors)
    for _, proc in model.pipeline:
        if not hasattr(proc, "model") or not hasattr(proc.model, "walk"):
            continue
        for layer in proc.model.walk():
            if layer.name == "static_vectors" and not layer.attrs.get("depesche_cached"):
                layer._func = _cached_forward(layer._func, cache)
                layer.attrs["depesche_cached"] = True
                layer.attrs["depesche_vector_cache"] = cache  # read by depesche.nlp.embed_cache
    model._depesche_vector_cache = cache  # the copy may now live in any vocabulary


def _cached_forward(spacy_forward, cache: _VectorCache):
    from thinc.types import Ragged

    def forward(model, docs, is_train):
        token_count = sum(len(doc) for doc in docs)
        if is_train or not token_count:
            return spacy_forward(model, docs, is_train)
        keys = model.ops.flatten([doc.to_array(ORTH) for doc in docs])
        V = model.ops.as_contig(cache.get_batch(keys, docs[0].vocab.strings))
        W = model.ops.as_contig(model.get_param("W"))
        output = Ragged(model.ops.gemm(V, W, trans2=True),
                        model.ops.asarray1i([len(doc) for doc in docs]))
        return output, lambda d_output: []

    return forward


def _inner_doc(model: Language, words: list[str], spaces: list[bool] | None = None) -> Doc:
    return Doc(model.vocab, words=words, spaces=spaces)


def _same_getter(a, b) -> bool:
    if a is b:
        return True
    return (isinstance(a, partial) and isinstance(b, partial) and a.func is b.func
            and a.args == b.args and a.keywords == b.keywords)


def _can_share_vocab(model: Language, vocab: Vocab | None) -> bool:
    """May the model's copy of a host doc live in the host's ``vocab``?

    Only if the model's static vectors do not come from the doc's vocabulary
    (:func:`_cache_static_vectors`) and the host computes every lexeme
    attribute the way the model's own vocabulary does (same language
    defaults, no lookup tables): then the features, and so the predictions,
    are the same.
    """
    if vocab is None or vocab is model.vocab or getattr(model, "_depesche_vector_cache", None) is None:
        return False
    mine, theirs = model.vocab.lex_attr_getters, vocab.lex_attr_getters
    if set(mine) != set(theirs) or not all(_same_getter(mine[k], theirs[k]) for k in mine):
        return False
    return not model.vocab.lookups.tables and not vocab.lookups.tables


# Seats of government that news uses for the government itself ("der Kreml
# erklärte"): in analysis they are organisations, whatever the tagger says
# (GermEval's annotators were not consistent here; the interchange output of
# ``annotate ner`` is left as the model tags it).
GOVERNMENT_SEATS = {
    ("Kreml",), ("Pentagon",), ("Kanzleramt",), ("Élysée",), ("Elysée",), ("Élysée-Palast",),
    ("Elysée-Palast",), ("Weiße", "Haus"), ("Weißes", "Haus"), ("Weißen", "Haus"), ("Weißen", "Hauses"),
    ("Downing", "Street"), ("Quai", "d'Orsay"),
}
_SEAT_LENGTHS = sorted({len(k) for k in GOVERNMENT_SEATS}, reverse=True)
_SEAT_FIRST_WORDS = {k[0] for k in GOVERNMENT_SEATS}


def label_government_seats(doc: Doc, texts: list[str] | None = None) -> Doc:
    """Seats of government as ORG, whether the tagger found them or not
    (``texts``: the words of ``doc``, if the caller has them already)."""
    if texts is None:
        texts = [t.text for t in doc]
    ents = list(doc.ents)
    taken = {i for e in ents for i in range(e.start, e.end)}
    out = []
    for e in ents:
        words = tuple(texts[e.start:e.end])
        out.append(Span(doc, e.start, e.end, label="ORG") if words in GOVERNMENT_SEATS else e)
    i = 0
    while i < len(texts):
        if texts[i] not in _SEAT_FIRST_WORDS:
            i += 1
            continue
        for n in _SEAT_LENGTHS:
            words = tuple(texts[i:i + n])
            if len(words) == n and words in GOVERNMENT_SEATS and not taken & set(range(i, i + n)):
                out.append(Span(doc, i, i + n, label="ORG"))
                i += n - 1
                break
        i += 1
    doc.ents = sorted(out, key=lambda e: e.start)
    return doc


class EntityRecognizer:
    """spaCy component: shipped NER over the host's tokens, result in ``doc.ents``."""

    def __init__(self, name: str, config: str = "default", batch_size: int = 64,
                 vocab: Vocab | None = None):
        self.name = name
        self.config = config
        self.batch_size = batch_size
        self.model = load_model(config)
        # the copies' vocabulary: the host's if it gives the same features
        # (saves making every new word's lexeme twice), else the model's
        self.copy_vocab = getattr(self.model, "vocab", None)
        if not isinstance(self.model, E5CrfTagger) and _can_share_vocab(self.model, vocab):
            self.copy_vocab = vocab
            for label in LABELS:
                vocab.strings.add(label)

    @staticmethod
    def _words(doc: Doc) -> tuple[list[str], list[bool]]:
        # one pass over the tokens (each Token object costs; docs are long)
        words, spaces = [], []
        for t in doc:
            words.append(t.text)
            spaces.append(bool(t.whitespace_))
        return words, spaces

    def _copy(self, doc: Doc, words: list[str] | None = None, spaces: list[bool] | None = None) -> Doc:
        if words is None:
            words, spaces = self._words(doc)
        return Doc(self.copy_vocab, words=words, spaces=spaces)

    @staticmethod
    def _set_tags(doc: Doc, tags: list[str]) -> Doc:
        doc.ents = [Span(doc, s, e, label=lab) for s, e, lab in bio_spans(tags)]
        return label_government_seats(doc)

    def _tag_e5(self, docs: list[Doc]) -> list[Doc]:
        # one e5 batch per sentence keeps windows short (attention is quadratic)
        # whitespace tokens (line breaks) are no words for the encoder: they stay
        # "O" and an entity never runs across them
        sents = [(d, [t.i for t in s if not t.is_space]) for d in docs if len(d)
                 for s in (d.sents if d.has_annotation("SENT_START") else [d[:]])]
        sents = [(d, idx) for d, idx in sents if idx]
        tags = self.model.tag([[d[i].text for i in idx] for d, idx in sents])
        per_doc: dict[int, list[str]] = {}
        for (d, idx), sent_tags in zip(sents, tags):
            doc_tags = per_doc.setdefault(id(d), ["O"] * len(d))
            for i, tag in zip(idx, sent_tags):
                doc_tags[i] = tag
        return [self._set_tags(d, _repair(per_doc.get(id(d), ["O"] * len(d)))) for d in docs]

    def __call__(self, doc: Doc) -> Doc:
        if len(doc) == 0:
            return doc
        if isinstance(self.model, E5CrfTagger):
            return self._tag_e5([doc])[0]
        return next(self.pipe([doc]))

    def pipe(self, docs: Iterable[Doc], batch_size: int | None = None) -> Iterator[Doc]:
        size = batch_size or self.batch_size
        docs = iter(docs)
        while batch := list(islice(docs, size)):
            if isinstance(self.model, E5CrfTagger):
                yield from self._tag_e5(batch)
                continue
            words = [self._words(d) for d in batch]
            copies = [self._copy(d, w, sp) for d, (w, sp) in zip(batch, words)]
            for found, doc, (w, _) in zip(entity_spans(self.model, copies, size), batch, words):
                doc.ents = [Span(doc, s, e, label=label) for s, e, label in found]
                yield label_government_seats(doc, w)

    # The weights come with the package: nothing to save with the host pipeline.
    def to_disk(self, path, *, exclude=()):
        pass

    def from_disk(self, path, *, exclude=()):
        return self

    def to_bytes(self, *, exclude=()):
        return b""

    def from_bytes(self, data, *, exclude=()):
        return self


@Language.factory("depesche_ner", default_config={"config": "default", "batch_size": 64})
def make_entity_recognizer(nlp: Language, name: str, config: str, batch_size: int) -> EntityRecognizer:
    return EntityRecognizer(name, config=config, batch_size=batch_size, vocab=nlp.vocab)


def add_ner(nlp: Language, config: str = "default") -> Language:
    """Add depesche's trained NER (``doc.ents``: PER, ORG, LOC, OTH) to ``nlp``.

    ``config`` is ``"default"``, ``"fast"`` or ``"accurate"`` (see the model
    card) or a folder with a trained model.  Raises :class:`NerModelMissing`
    if the shipped weights are absent.
    """
    model_path(config)  # fail early and clearly
    nlp.add_pipe("depesche_ner", name="ner", last=True, config={"config": config})
    return nlp


# ---------------------------------------------------------------------------
# token-file prediction and scoring (annotate / eval / training)


def _repair(tags: list[str]) -> list[str]:
    """Well-formed BIO: an ``I-X`` that does not continue an X span starts one."""
    out, prev = [], "O"
    for tag in tags:
        if tag.startswith("I-") and prev[2:] != tag[2:]:
            tag = "B-" + tag[2:]
        out.append(tag)
        prev = tag
    return out


def predict_tags(sentences: list[Sentence], config: str | Path = "default",
                 batch_size: int = 128) -> list[list[str]]:
    """Folded BIO outer tags for each sentence, one per given token."""
    model = load_model(str(config))
    if isinstance(model, E5CrfTagger):
        return [_repair(t) for t in model.tag([s.words for s in sentences])]
    out = []
    for i in range(0, len(sentences), batch_size):
        docs = [_inner_doc(model, s.words) for s in sentences[i:i + batch_size]]
        out.extend(spans_to_bio(found, len(doc)) for found, doc in zip(entity_spans(model, docs, batch_size), docs))
    return out


def evaluate_model(config: str | Path, sentences: list[Sentence]) -> dict[str, Score]:
    """Strict span scores of a model on gold sentences."""
    pred = predict_tags(sentences, str(config))
    return score_spans([s.tags for s in sentences], pred)


__all__ = ["add_ner", "load_model", "predict_tags", "evaluate_model", "LABELS", "bio_spans",
           "NerModelMissing"]

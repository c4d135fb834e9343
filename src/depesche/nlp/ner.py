"""German named-entity recognition (PER, ORG, LOC, OTH), trained by depesche.

The weights live in ``depesche/models/ner/<config>/`` as a small spaCy pipeline
(CNN tok2vec with our own floret subword vectors + transition-based NER),
trained on GermEval 2014 by ``depesche train ner``.

:func:`add_ner` puts the component ``depesche_ner`` at the end of any German
``spacy.Language``.  The component runs the shipped pipeline on a copy of the
host's tokens (same words, same whitespace), in the shipped model's own
vocabulary, and writes the entities back into ``doc.ents`` by token index.  So
it works with whatever tokenizer the host uses and never touches the host's
vocabulary or vectors.
"""
from __future__ import annotations

from functools import lru_cache
from itertools import islice
from pathlib import Path
from typing import Iterable, Iterator

from spacy.language import Language
from spacy.tokens import Doc, Span

from .ner_data import LABELS, Score, Sentence, bio_spans, score_spans, spans_to_bio
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

    from . import ner_gazetteer  # noqa: F401  (registers the gazetteer feature factory)

    return spacy.load(path)


def _inner_doc(model: Language, words: list[str], spaces: list[bool] | None = None) -> Doc:
    return Doc(model.vocab, words=words, spaces=spaces)


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


def label_government_seats(doc: Doc) -> Doc:
    """Seats of government as ORG, whether the tagger found them or not."""
    ents = list(doc.ents)
    taken = {i for e in ents for i in range(e.start, e.end)}
    out = []
    for e in ents:
        words = tuple(t.text for t in e)
        out.append(Span(doc, e.start, e.end, label="ORG") if words in GOVERNMENT_SEATS else e)
    texts = [t.text for t in doc]
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

    def __init__(self, name: str, config: str = "default", batch_size: int = 64):
        self.name = name
        self.config = config
        self.batch_size = batch_size
        self.model = load_model(config)

    def _copy(self, doc: Doc) -> Doc:
        # one pass over the tokens (each Token object costs; docs are long)
        words, spaces = [], []
        for t in doc:
            words.append(t.text)
            spaces.append(bool(t.whitespace_))
        return _inner_doc(self.model, words, spaces)

    @staticmethod
    def _transfer(inner: Doc, doc: Doc) -> Doc:
        doc.ents = [Span(doc, e.start, e.end, label=e.label_) for e in inner.ents]
        return label_government_seats(doc)

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
        return self._transfer(self.model(self._copy(doc)), doc)

    def pipe(self, docs: Iterable[Doc], batch_size: int | None = None) -> Iterator[Doc]:
        size = batch_size or self.batch_size
        docs = iter(docs)
        while batch := list(islice(docs, size)):
            if isinstance(self.model, E5CrfTagger):
                yield from self._tag_e5(batch)
                continue
            copies = [self._copy(d) for d in batch]
            for inner, doc in zip(self.model.pipe(copies, batch_size=size), batch):
                yield self._transfer(inner, doc)

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
    return EntityRecognizer(name, config=config, batch_size=batch_size)


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
    docs = (_inner_doc(model, s.words) for s in sentences)
    out = []
    for doc in model.pipe(docs, batch_size=batch_size):
        out.append(spans_to_bio([(e.start, e.end, e.label_) for e in doc.ents], len(doc)))
    return out


def evaluate_model(config: str | Path, sentences: list[Sentence]) -> dict[str, Score]:
    """Strict span scores of a model on gold sentences."""
    pred = predict_tags(sentences, str(config))
    return score_spans([s.tags for s in sentences], pred)


__all__ = ["add_ner", "load_model", "predict_tags", "evaluate_model", "LABELS", "bio_spans",
           "NerModelMissing"]

"""NER as token tagging: one softmax over BILUO tags per token (``depesche_bio_ner``).

Why not spaCy's transition-based ``ner``: on news articles its decoder loop
cost ~9 ms per article, a third of it in the per-step validity checks of the
action set (issue 9, ``docs/performance.md``).  A tagger reads the same tok2vec
features and decides every token at once with one matrix product; entities
are then read off the tag sequence in one pass (:func:`biluo_spans`).

The component is spaCy's :class:`~spacy.pipeline.Tagger` with three changes:
its labels are the fixed BILUO tags of :data:`~depesche.nlp.ner_data.LABELS`,
its gold comes from the training docs' entities (``doc.ents``; no ``tag_``
needed), and its output goes to ``doc.ents``, never to ``token.tag_``.  It is
scored like spaCy's NER (``ents_f``), so ``spacy train`` picks checkpoints by
entity F1.
"""
from __future__ import annotations

from thinc.api import Model, SequenceCategoricalCrossentropy

from spacy.language import Language
from spacy.pipeline import Tagger
from spacy.scorer import get_ner_prf
from spacy.tokens import Doc, Span
from spacy.training import validate_examples

from .ner_data import LABELS

TAGS = ("O",) + tuple(f"{p}-{label}" for label in LABELS for p in "BILU")


def biluo_spans(tags: list[str]) -> list[tuple[int, int, str]]:
    """Spans ``(start, end, label)`` from BILUO tags, forgiving bad sequences.

    A softmax decides each token alone, so the sequence may be ill-formed.
    The reading: B and U open a span (closing any open one), I and L continue
    an open span of their type or else open one, L and U close the span after
    their token, O closes it before.
    """
    spans: list[tuple[int, int, str]] = []
    start, label = -1, ""
    for i, tag in enumerate(tags):
        if tag == "O":
            if start >= 0:
                spans.append((start, i, label))
                start = -1
            continue
        move, kind = tag[0], tag[2:]
        if start >= 0 and (move in "BU" or kind != label):
            spans.append((start, i, label))
            start = -1
        if start < 0:
            start, label = i, kind
        if move in "LU":
            spans.append((start, i + 1, label))
            start = -1
    if start >= 0:
        spans.append((start, len(tags), label))
    return spans


class BiluoTagger(Tagger):
    """spaCy tagger whose tags are BILUO entity tags and whose output is ``doc.ents``."""

    def initialize(self, get_examples, *, nlp=None, labels=None):
        # the tag set is fixed: the same network shape whatever the sample holds
        return super().initialize(get_examples, nlp=nlp, labels=list(labels or TAGS))

    def set_annotations(self, docs, batch_tag_ids):
        if isinstance(docs, Doc):
            docs = [docs]
        labels = self.labels
        for doc, tag_ids in zip(docs, batch_tag_ids):
            if hasattr(tag_ids, "get"):
                tag_ids = tag_ids.get()
            tags = [labels[t] for t in tag_ids.tolist()]
            doc.ents = [Span(doc, s, e, label=lab) for s, e, lab in biluo_spans(tags)]

    def get_loss(self, examples, scores):
        validate_examples(examples, "BiluoTagger.get_loss")
        loss_func = SequenceCategoricalCrossentropy(names=self.labels, normalize=False,
                                                    label_smoothing=self.cfg["label_smoothing"])
        # gold BILUO from the reference entities; "-" (missing) and
        # misaligned tokens (None) are not scored
        truths = [[t if t and t != "-" else None for t in eg.get_aligned_ner()] for eg in examples]
        d_scores, loss = loss_func(scores, truths)
        if self.model.ops.xp.isnan(loss):
            raise ValueError(f"NaN loss in {self.name}")
        return float(loss), d_scores


@Language.factory(
    "depesche_bio_ner",
    assigns=["doc.ents"],
    default_config={"label_smoothing": 0.0},
    default_score_weights={"ents_f": 1.0, "ents_p": 0.0, "ents_r": 0.0, "ents_per_type": None},
)
def make_biluo_tagger(nlp: Language, name: str, model: Model, label_smoothing: float) -> BiluoTagger:
    return BiluoTagger(nlp.vocab, model, name, overwrite=True, scorer=get_ner_prf,
                       label_smoothing=label_smoothing)

"""The German language core: ``depesche.nlp()`` returns a ``spacy.Language``.

Pipelines (``load(name)``):

* ``"default"``: news tokenizer -> shared tok2vec -> tagger (STTS) ->
  morphologizer (UD POS + features) -> edit-tree lemmatizer ->
  ``depesche_sentences`` (line breaks and punctuation) -> ``depesche_lemmas``
  (lexicon lemmas for open classes) -> ``depesche_mood``
  (Konjunktiv I/II from conjugation tables) -> NER, if its module and weights
  are shipped (``depesche.nlp.ner.add_ner``).
* ``"fast"``: the same as ``"default"`` (the small distilled CNN NER, ~0.56 F1, fast).
* ``"accurate"``: the same with the e5 + CRF NER (``depesche.nlp.ner_e5``:
  ~0.76 F1, about 600 tokens/s for the NER); the tagger part is one
  configuration (a wider tok2vec was no more accurate, see
  docs/model-card-tagger.md).

``load()`` without a name takes the environment variable ``DEPESCHE_NLP``
(default ``"default"``), so ``DEPESCHE_NLP=accurate depesche ingest …`` runs
the whole pipeline, worker processes included, with the accurate NER.
* ``"no-ner"``: the same without the NER.
* ``"rules"``: tokenizer and sentence splitter only, no weights (fast; sentence
  splitting at ordinals is more conservative without POS).

Everything loads from files inside the package; nothing is downloaded.
"""
from __future__ import annotations

import gc
import logging
import os
import sys
import types
import warnings
from functools import lru_cache
from pathlib import Path

import spacy

from . import lemmas as _lemmas  # noqa: F401  (registers depesche_lemmas)
from . import morph as _morph  # noqa: F401  (registers depesche_mood)
from . import sentences as _sentences  # noqa: F401  (registers depesche_sentences)
from .embed_cache import cache_embeddings
from .tokenizer import make_tokenizer

#: Bump whenever shipped weights or rule components change output; stored with
#: every derived fact as part of the pipeline version.
MODEL_VERSION = "tagger-2+ner-small-silver"

TAGGER_DIR = Path(__file__).resolve().parent.parent / "models" / "tagger"
PIPELINES = ("default", "fast", "accurate", "no-ner", "rules")
#: Pipelines that end with the NER; the name selects the NER configuration.
WITH_NER = ("default", "fast", "accurate")

log = logging.getLogger(__name__)


def default_name() -> str:
    return os.environ.get("DEPESCHE_NLP") or "default"


def model_version() -> str:
    name = default_name()
    return MODEL_VERSION if name in ("default", "fast") else f"{MODEL_VERSION}+{name}"


def _blank() -> "spacy.language.Language":
    nlp = spacy.blank("de")
    nlp.tokenizer = make_tokenizer(nlp)
    return nlp


def _tagged() -> "spacy.language.Language":
    if not (TAGGER_DIR / "config.cfg").is_file():
        warnings.warn(f"tagger weights missing in {TAGGER_DIR}: loading without POS/morph/lemmas")
        return _blank()
    nlp = spacy.load(TAGGER_DIR, exclude=["tokenizer"])
    nlp.tokenizer = make_tokenizer(nlp)
    _lemmas.cache_edit_trees(nlp)  # same lemmas, less Python per token
    return nlp


def _add_ner(nlp, config: str = "default") -> None:
    """Add the NER if its module and weights exist; otherwise go on without."""
    try:
        from .ner import add_ner
    except ImportError:
        log.info("depesche.nlp.ner not available: pipeline without NER")
        return
    try:
        add_ner(nlp, config=config)
    except (RuntimeError, OSError, ValueError) as exc:  # NerModelMissing is a RuntimeError
        warnings.warn(f"NER not loaded ({exc}): pipeline without NER")


def load(name: str | None = None) -> "spacy.language.Language":
    """Load a shipped pipeline by name (cached per process: every stage calls it).

    Without a name: ``$DEPESCHE_NLP`` or ``"default"``."""
    return _load(name or default_name())


#: First-generation threshold of Python's cyclic garbage collector while analysing
#: (CPython's default: 700).  An analysis allocates container objects by the
#: hundred thousand, nearly all freed by reference counting; at 700 the collector
#: ran ~2,200 young-generation passes over 245 news pages for 1.1 CPU-s (~6 % of
#: the analysis), at 10,000 it runs ~90 for 0.2 CPU-s, peak memory unchanged.
GC_THRESHOLD0 = 10_000


def _tune_gc() -> None:
    """Raise the collector's first threshold to :data:`GC_THRESHOLD0` (never lower it)."""
    t0, t1, t2 = gc.get_threshold()
    if 0 < t0 < GC_THRESHOLD0:
        gc.set_threshold(GC_THRESHOLD0, t1, t2)


@lru_cache(maxsize=8)
def _load(name: str) -> "spacy.language.Language":
    if name not in PIPELINES:
        raise ValueError(f"unknown pipeline {name!r}; choose one of {', '.join(PIPELINES)}")
    _tune_gc()
    if name == "rules":
        nlp = _blank()
        nlp.add_pipe("depesche_sentences")
        return nlp
    nlp = _tagged()
    nlp.add_pipe("depesche_sentences")
    if "morphologizer" in nlp.pipe_names:
        nlp.add_pipe("depesche_lemmas")
        nlp.add_pipe("depesche_mood")
    if name in WITH_NER:
        _add_ner(nlp, config=name)
    use_numpy_gemm(nlp)
    # after the switch to numpy: the caches compute missing rows with each layer's own ops
    for network in networks(nlp):
        cache_embeddings(network)
    return nlp


def use_numpy_gemm(nlp) -> int:
    """Let every thinc network of ``nlp`` (NER inside ``depesche_ner`` included)
    multiply matrices with numpy's BLAS instead of thinc's default, blis.

    Why: blis, which thinc uses for every layer's matrix product, ran 3.7-4.2x
    slower than numpy's OpenBLAS (one thread each) on this project's machine, an
    AMD EPYC with AVX-512, for the shapes of our networks (800-8,000 tokens x
    64-420 inputs); the whole language core took 1.31x less CPU with numpy
    (``benchmarks/bench_gemm.py``, 100 eval pages).  Results differ only by float
    rounding (another summation order): the annotations of the 247 analysed eval
    pages and the quotes of Wikinews dev stayed identical.  Needs one BLAS thread
    per process to pay off (``depesche.engines.work.one_blas_thread``).
    Returns the number of networks switched."""
    from thinc.api import NumpyOps, get_current_ops

    if not isinstance(get_current_ops(), NumpyOps):
        return 0  # the user chose another backend (a GPU): leave it
    return set_ops(nlp, NumpyOps(use_blis=False))


def networks(nlp) -> list:
    """Every thinc network of ``nlp``'s components (those inside ``depesche_ner`` too)."""
    from thinc.api import Model

    found = []
    for _, component in nlp.pipeline:
        inner = getattr(component, "model", None)
        if isinstance(inner, spacy.language.Language):  # depesche_ner wraps a pipeline
            found += networks(inner)
        elif isinstance(inner, Model):
            found.append(inner)
    return found


def set_ops(nlp, ops) -> int:
    """Give every thinc network of ``nlp`` (those inside ``depesche_ner`` too) the
    backend ``ops``; returns the number of networks."""
    found = networks(nlp)
    for network in found:
        for node in network.walk():
            node.ops = ops
    return len(found)


# the uncached loader and the cache, for tests and long-running processes
load.__wrapped__ = _load.__wrapped__  # type: ignore[attr-defined]
load.cache_clear = _load.cache_clear  # type: ignore[attr-defined]


class _CallableModule(types.ModuleType):
    """``depesche.nlp(...)`` keeps working after ``import depesche.nlp.morph``.

    Importing any submodule binds the attribute ``depesche.nlp`` to this
    package, replacing the function of that name in ``depesche/__init__.py``;
    making the package itself callable keeps the public API intact.
    """

    def __call__(self, name: str | None = None) -> "spacy.language.Language":
        return load(name)


sys.modules[__name__].__class__ = _CallableModule

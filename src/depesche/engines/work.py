"""What worker processes run: reading one input file and analysing articles.

These functions are the only code shipped to workers, whichever engine runs
them: a local process pool, a Dask cluster (through ``Client.get_executor()``,
a standard ``concurrent.futures`` executor) or the parent process itself with
``--workers 1``.  They take and return plain picklable values and never raise
for bad input or a failing stage: the error comes back as a string, so one
item's failure cannot break a pool or lose a batch.
"""
from __future__ import annotations

import gc
import os
from datetime import datetime
from pathlib import Path

from ..model import Analysis, Article
from ..ingest.common import IngestError

# One thread per worker: the engine spreads work over cores by processes, and
# numpy/BLAS threads on top of that only fight over the same cores.
THREAD_VARS = ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS")


def one_blas_thread() -> None:
    """One numpy/BLAS thread in this process unless the user chose otherwise.

    Takes effect only before numpy is first imported (the CLI calls it first
    thing).  The language core multiplies its matrices with numpy's BLAS
    (``depesche.nlp.use_numpy_gemm``): with its default of a thread per core,
    each small product was spread over both cores of a 2-core machine and the
    language core cost ~1.6x the CPU of one thread (``benchmarks/bench_gemm.py``
    with ``OPENBLAS_NUM_THREADS=2``)."""
    for var in THREAD_VARS:
        os.environ.setdefault(var, "1")


def init_worker() -> None:
    """Process-pool initializer: one thread per process, stage modules imported.

    The German pipeline itself is loaded on a worker's first analysis
    (``depesche.nlp.load`` caches it per process), so a pool that only
    re-reads unchanged inputs never pays for loading models.
    """
    one_blas_thread()
    from .. import stages  # noqa: F401  (registers every analysis stage)


def read_file(path: str, fmt: str | None = None, published: datetime | None = None
              ) -> list[Article | IngestError]:
    """Every article of one input file, an :class:`IngestError` in place of each
    unreadable item (exactly what ``depesche.ingest.iter_items`` yields for it)."""
    from ..ingest.reader import iter_items

    return list(iter_items([Path(path)], published=published, format=fmt))


def analyze_article(article: Article, doc=None) -> tuple[Analysis | None, str | None]:
    """Analyse one article: ``(analysis, None)`` or ``(None, "Type: message")``.

    ``doc``: its body already parsed by the language core (see :func:`analyze_articles`).
    The spaCy ``Doc`` is dropped from the result: the store does not need it
    and pickling it back to the parent would cost more than the facts.
    """
    from ..pipeline import analyze

    try:
        analysis = analyze(article, doc=doc)
    except Exception as e:  # noqa: BLE001 - one article's failure is reported, not raised
        return None, f"{type(e).__name__}: {e}"
    analysis.doc = None
    return analysis, None


def analyze_articles(articles: list[Article]) -> list[tuple[Analysis | None, str | None]]:
    """:func:`analyze_article` of each article, in order, their bodies parsed
    together (``depesche.pipeline.parse_many``: a batch costs less CPU than its
    articles one by one).  If parsing the batch fails, each article is parsed on
    its own, so that only the one at fault gets the error."""
    from ..pipeline import parse_many

    try:
        docs = list(parse_many([a.body for a in articles], batch_size=max(1, len(articles))))
    except Exception:  # noqa: BLE001 - find the article(s) at fault one by one
        docs = [None] * len(articles)
    results = [analyze_article(a, doc) for a, doc in zip(articles, docs)]
    _freeze_models()
    return results


_models_frozen = False


def _freeze_models() -> None:
    """After a process's first analysis, when every model is loaded: collect once
    and move everything alive out of the cyclic collector's sight (``gc.freeze``).

    Why: the loaded models are ~350,000 container objects that never die, and each
    full collection walked them all (~0.3 CPU-s, one every few hundred articles:
    ~1.3 % of a 250-page ingest).  Reference counting still frees whatever of the
    frozen state is released later; only garbage cycles among it would stay, and
    the collection before freezing has just removed those."""
    global _models_frozen
    if _models_frozen:
        return
    _models_frozen = True
    gc.collect()
    gc.freeze()

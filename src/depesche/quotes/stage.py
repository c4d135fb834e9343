"""Quotes stage (order 30): who said what, with the speaker resolved.

Runs after the entities stage over the same parsed ``Doc``: finds quotations
(:mod:`depesche.quotes.api`), resolves their speakers to entities of the
article (:mod:`depesche.quotes.resolve`) and adds them to ``analysis.quotes``.
The model is ``wikinews`` when its weights are shipped, else ``rules``; set
``DEPESCHE_QUOTES_MODEL=rules`` to run without the non-commercial weights.
"""
from __future__ import annotations

import logging
import os

from ..model import Analysis
from ..pipeline import stage
from .api import DEFAULT_MODEL, available_models, extract_from_doc
from .corpus import doc_from_spacy
from .resolve import resolve_speakers

log = logging.getLogger(__name__)


def stage_model() -> str:
    wanted = os.environ.get("DEPESCHE_QUOTES_MODEL", DEFAULT_MODEL)
    return wanted if wanted in available_models() else "rules"


@stage("quotes", order=30)
def quotes_stage(analysis: Analysis) -> None:
    doc = analysis.doc
    if doc is None or not analysis.article.body.strip():
        return
    try:
        quotes = extract_from_doc(doc_from_spacy(doc), stage_model())
        resolve_speakers(analysis, quotes)
    except Exception as exc:  # one odd article must not stop a corpus run
        log.warning("quotes: article %s skipped: %s: %s", analysis.article.id or "?", type(exc).__name__, exc)
        return
    analysis.quotes.extend(quotes)

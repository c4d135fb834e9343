"""The German language core: ``depesche.nlp()`` returns a ``spacy.Language``.

Placeholder until the language-core work lands: a blank German pipeline with a
rule-based sentencizer, plus the NER component if its weights are shipped.
"""
from __future__ import annotations

from functools import lru_cache

import spacy

MODEL_VERSION = "0"


def model_version() -> str:
    return MODEL_VERSION


@lru_cache(maxsize=4)
def load(name: str = "default") -> "spacy.language.Language":
    """Load a shipped pipeline by name (cached per process)."""
    nlp = spacy.blank("de")
    nlp.add_pipe("sentencizer")
    return nlp

"""depesche: German news into a structured, searchable record.

Public API::

    import depesche
    article = depesche.read("page.html")          # any input format -> Article
    analysis = depesche.analyze(article)           # entities, quotes, events
    analyses = depesche.analyze_many(articles)     # the same, parsed in batches (faster)
    nlp = depesche.nlp()                           # the German spaCy pipeline
"""
from __future__ import annotations

__version__ = "0.1.0"

from .model import Actor, Analysis, Article, Entity, Event, Mention, Paragraph, Quote, SourceRef, Span
from .pipeline import analyze, analyze_many


def nlp(name: str = "default"):
    """The German language core as a ``spacy.Language`` (loaded once per process)."""
    from .nlp import load

    return load(name)


def read(source, **kwargs) -> Article:
    """Read one article from a path, bytes or str (format detected); see ``depesche.ingest.read``."""
    from .ingest import read as _read

    return _read(source, **kwargs)


__all__ = [
    "__version__", "read", "analyze", "analyze_many", "nlp",
    "Article", "Paragraph", "SourceRef", "Span", "Mention", "Entity", "Quote", "Event", "Actor", "Analysis",
]

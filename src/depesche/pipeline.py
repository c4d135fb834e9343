"""The analysis pipeline: a registry of stages run in order over one article.

A stage is a function ``fn(analysis: Analysis) -> None`` that adds facts to the
``Analysis`` (mentions, entities, quotes, events).  Stages register themselves
with :func:`stage`; ``order`` decides the sequence (language core first, then
entities, quotes, events).  ``analyze`` parses the body once with the German
spaCy pipeline and hands the same ``Doc`` to every stage.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from .model import Analysis, Article

StageFn = Callable[[Analysis], None]


@dataclass(order=True)
class Stage:
    order: int
    name: str
    fn: StageFn


STAGES: dict[str, Stage] = {}


def stage(name: str, order: int) -> Callable[[StageFn], StageFn]:
    """Register an analysis stage (decorator)."""

    def deco(fn: StageFn) -> StageFn:
        STAGES[name] = Stage(order, name, fn)
        return fn

    return deco


def pipeline_version() -> str:
    from . import __version__
    from .nlp import model_version

    return f"depesche-{__version__}+{model_version()}"


def analyze(article: Article | str, *, nlp=None, stages: list[str] | None = None) -> Analysis:
    """Run the language core and every registered stage over ``article``.

    ``article`` may be a plain string (treated as the body of an article with
    no metadata).  ``nlp`` defaults to :func:`depesche.nlp`.  ``stages`` limits
    the run to the named stages (in registry order).
    """
    from . import stages as _register  # noqa: F401  (imports every stage module)
    from .nlp import load as load_nlp

    if isinstance(article, str):
        from .ingest.common import article_from_text

        article = article_from_text(article)
    nlp = nlp or load_nlp()
    analysis = Analysis(article=article, pipeline_version=pipeline_version())
    analysis.doc = nlp(article.body)
    for st in sorted(STAGES.values()):
        if stages is None or st.name in stages:
            st.fn(analysis)
    return analysis

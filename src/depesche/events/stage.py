"""Events stage: PLOVER events coded from each sentence (see ``coder``)."""
from __future__ import annotations

from ..model import Analysis
from ..pipeline import stage
from .coder import code_events


@stage("events", order=40)
def events_stage(analysis: Analysis) -> None:
    analysis.events.extend(code_events(analysis))

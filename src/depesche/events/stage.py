"""Events stage: PLOVER events.  (Placeholder until the events work lands.)"""
from __future__ import annotations

from ..model import Analysis
from ..pipeline import stage


@stage("events", order=40)
def events_stage(analysis: Analysis) -> None:
    return None

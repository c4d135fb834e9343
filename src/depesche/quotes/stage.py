"""Quotes stage: who said what.  (Placeholder until the quotes work lands.)"""
from __future__ import annotations

from ..model import Analysis
from ..pipeline import stage


@stage("quotes", order=30)
def quotes_stage(analysis: Analysis) -> None:
    return None

"""The event coder with the real language core (POS, morphology, entities): subjects
before inserted clauses, passive agents, pronouns.  Sentences written for the test."""
from __future__ import annotations

from datetime import datetime, timezone

import pytest

from depesche.ingest.common import article_from_text
from depesche.pipeline import analyze


@pytest.fixture(scope="module")
def events_of():
    def run(text: str):
        art = article_from_text(text, published=datetime(2024, 3, 8, 12, tzinfo=timezone.utc))
        return analyze(art).events
    return run


def _src(ev):
    return ev.source.span.text if ev.source and ev.source.span else None


def test_subject_before_an_inserted_relative_clause(events_of):
    evs = [e for e in events_of("Die Gewerkschaft der Lokführer, die seit Wochen verhandelt, kritisierte am Montag "
                                "die Bahn.") if e.type == "ACCUSE"]
    assert evs and "Gewerkschaft" in _src(evs[0])


def test_passive_agent_after_an_apposition(events_of):
    evs = [e for e in events_of("Am Dienstag wurde der Oppositionspolitiker Peter Hansen, ein Kritiker der Regierung, "
                                "von der Polizei festgenommen.") if e.type == "COERCE"]
    assert evs and "Polizei" in _src(evs[0])
    assert "Hansen" in evs[0].target.span.text
    assert evs[0].date.isoformat() == "2024-03-05"


def test_pronoun_subject_is_the_actor_resolved_to_the_person(events_of):
    evs = [e for e in events_of("Der Minister Karl Brandt reiste am Montag nach Warschau. "
                                "Er kritisierte dort die polnische Regierung.") if e.type == "ACCUSE"]
    assert evs and _src(evs[0]) == "Er"
    assert evs[0].source.canonical == "Karl Brandt"
    assert evs[0].target is not None and evs[0].target.canonical == "POL"


def test_reporter_is_not_the_actor(events_of):
    evs = [e for e in events_of("Nach Angaben der Nachrichtenagentur Reuters nahmen Soldaten in der Hauptstadt "
                                "zwölf Demonstranten fest.") if e.type == "COERCE"]
    assert evs and "Soldaten" in _src(evs[0])

"""The event coder on hand-written sentences, with hand-made mentions so that the
test depends only on the coder (not on NER or entity-linking quality)."""
from __future__ import annotations

import re
from datetime import datetime, timezone

import spacy

from depesche.events.coder import code_events
from depesche.ingest.common import article_from_text
from depesche.model import Analysis, Entity, Mention, Quote, Span

ENTITIES = {
    "Scholz": Entity("kb:scholz", "PER", "Olaf Scholz", country="DEU"),
    "Macron": Entity("kb:macron", "PER", "Emmanuel Macron", country="FRA"),
    "Russland": Entity("kb:rus", "LOC", "Russland", country="RUS"),
    "Polen": Entity("kb:pol", "LOC", "Polen", country="POL"),
    "EU": Entity("kb:eu", "ORG", "EU"),
    "Kreml": Entity("kb:kreml", "ORG", "Kreml", country="RUS"),
    "Bundesregierung": Entity("kb:bureg", "ORG", "Bundesregierung", country="DEU"),
    "Berlin": Entity("kb:berlin", "LOC", "Berlin", country="DEU"),
    "Müller": Entity("new:mueller", "PER", "Anna Müller"),
}
_nlp = spacy.blank("de")
_nlp.add_pipe("sentencizer")


def _analyse(text: str, quotes: list[Quote] = ()) -> Analysis:
    art = article_from_text(text, published=datetime(2021, 12, 8, tzinfo=timezone.utc))
    an = Analysis(article=art, doc=_nlp(text))
    pattern = "|".join(sorted(ENTITIES, key=len, reverse=True))
    for m in re.finditer(rf"(?:Bundeskanzler |Präsident |Anna )?({pattern})s?\b", text):
        e = ENTITIES[m.group(1)]
        an.mentions.append(Mention(m.start(), m.end(), m.group(0), e.type, e.id))
    an.entities = list(ENTITIES.values())
    an.quotes = list(quotes)
    return an


def _summary(events):
    return [(e.type, e.source and e.source.canonical, e.target and e.target.canonical) for e in events]


def test_threat_with_dative_target_and_weekday_date():
    evs = code_events(_analyse("Die EU drohte Russland am Montag mit weiteren Sanktionen."))
    assert _summary(evs) == [("THREATEN", "EU", "RUS")]
    assert evs[0].date.isoformat() == "2021-12-06"


def test_reciprocal_meeting_of_two_named_parties():
    evs = code_events(_analyse("Bundeskanzler Scholz und Präsident Macron trafen sich am Dienstag in Berlin."))
    (ev,) = evs
    assert (ev.type, ev.reciprocal) == ("CONSULT", True)
    assert {ev.source.canonical, ev.target.canonical} == {"Olaf Scholz", "Emmanuel Macron"}
    assert ev.location is not None and ev.location.text == "Berlin" and ev.location_code == "DEU"


def test_negated_and_hypothetical_actions_are_not_events():
    assert code_events(_analyse("Die EU verhängte keine Sanktionen gegen Russland.")) == []
    assert code_events(_analyse("Die Bundesregierung erwägt, Polen Waffen zu liefern.")) == []


def test_promised_aid_is_agree_and_delivered_aid_is_aid():
    promised = code_events(_analyse("Die Bundesregierung will Polen weitere Hilfsgüter liefern."))
    assert _summary(promised) == [("AGREE", "DEU", "POL")]
    delivered = code_events(_analyse("Die Bundesregierung lieferte Hilfsgüter an Polen."))
    assert _summary(delivered) == [("AID", "DEU", "POL")]


def test_separable_verb_and_demand_with_addressee():
    evs = code_events(_analyse("Der Kreml wies die Vorwürfe am Freitag zurück."))
    assert _summary(evs) == [("REJECT", "RUS", None)]
    evs = code_events(_analyse("Macron forderte von Russland einen sofortigen Waffenstillstand."))
    assert _summary(evs) == [("REQUEST", "Emmanuel Macron", "RUS")]


def test_first_person_plural_in_a_quote_is_the_speakers_state():
    text = "„Wir werden Polen zusätzliche Ausrüstung liefern“, sagte Scholz."
    q = Quote("Direct", [Span(1, 51, text[1:51])], speaker_entity_id="kb:scholz", speaker_name="Olaf Scholz")
    evs = code_events(_analyse(text, [q]))
    assert ("AGREE", "DEU", "POL") in _summary(evs)
    assert evs[0].asserted_by == "speaker" and evs[0].quote_index == 0


def test_passive_arrest_has_unknown_source_and_a_target():
    evs = code_events(_analyse("In Berlin wurde Anna Müller am Sonntag festgenommen."))
    assert _summary(evs) == [("COERCE", None, "Anna Müller")]
    assert evs[0].mode == "arrest"


def test_prison_sentence_is_conviction_and_arrest():
    evs = code_events(_analyse("Das Landgericht verurteilte Anna Müller am Montag zu drei Jahren Haft."))
    assert {(e.type, e.mode) for e in evs} == {("SANCTION", "convict"), ("COERCE", "arrest")}
    assert all(e.target and e.target.canonical == "Anna Müller" for e in evs)
    # criticism is not a conviction
    evs = code_events(_analyse("Macron verurteilte den Angriff auf Polen scharf."))
    assert [(e.type, e.mode) for e in evs] == [("ACCUSE", "disapprove")]


def test_announced_strike_is_a_threat_and_a_past_intention_is_nothing():
    assert [e.type for e in code_events(_analyse("Die Gewerkschaft will am Freitag streiken."))] == ["THREATEN"]
    assert code_events(_analyse("Die Gewerkschaft wollte am Freitag streiken.")) == []


def test_historical_background_is_not_coded():
    # published 2021: a year long past is context, not the reported episode
    assert code_events(_analyse("Im Jahr 1988 verhaftete die Polizei in Berlin Anna Müller.")) == []
    assert code_events(_analyse("Die Polizei verhaftete in Berlin Anna Müller.")) != []


def test_reported_demand_in_konjunktiv_is_a_request_of_the_speaker():
    evs = code_events(_analyse("Russland müsse seine Truppen sofort abziehen, sagte Macron."))
    assert _summary(evs) == [("REQUEST", "Emmanuel Macron", "RUS")]


def test_coordinated_subjects_are_two_sources_not_source_and_target():
    evs = code_events(_analyse("Die EU und Polen kritisierten die Entscheidung."))
    assert sorted(_summary(evs)) == [("ACCUSE", "EU", None), ("ACCUSE", "POL", None)]


def test_refusal_to_recognise_is_reject_only_when_negated():
    assert [e.type for e in code_events(_analyse("Polen erkennt die Wahl in Russland nicht an."))] == ["REJECT"]
    assert code_events(_analyse("Polen erkennt die Wahl in Russland an.")) == []

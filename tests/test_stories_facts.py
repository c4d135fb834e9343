"""Facts counted once: a reprinted quotation or event is one fact with many sightings."""
from __future__ import annotations

from datetime import date

from depesche.model import Actor, Analysis, Event, Quote, Span
from depesche.store import Store
from depesche.stories import update
from depesche.stories.facts import quote_facts
from test_stories_dedup import CORE, copies

SAID = "„Wir lassen niemanden mit seiner Heizrechnung allein“, sagte Hasenkamp."
SAID_AGAIN = "Hasenkamp sagte: „Wir lassen niemanden mit seiner Heizrechnung allein.“"
SHORT = "„Nein“, sagte {who}."


def quote_in(body: str, text: str, speaker: str) -> Quote:
    start = body.index(text)
    return Quote("Direct", [Span(start, start + len(text), text)], speaker_name=speaker)


def with_paragraph(article, paragraph):
    article.body = article.body + "\n\n" + paragraph
    return article


def test_reprinted_quote_is_one_fact_with_sightings(db_path):
    original, reworded, extended = copies()
    with_paragraph(original, SAID)
    with_paragraph(reworded, SAID)
    with_paragraph(extended, SAID_AGAIN)  # other frame, other punctuation: still the same words
    quoted = "Wir lassen niemanden mit seiner Heizrechnung allein"
    with Store(db_path) as st:
        for a, short_by in ((original, "Okonkwo"), (reworded, "Hasenkamp"), (extended, "Okonkwo")):
            st.put_article(a)
            an = Analysis(article=a, pipeline_version="t")
            an.quotes.append(quote_in(a.body, quoted + ("." if a is extended else ""), "Till Hasenkamp"))
            short = SHORT.format(who=short_by)
            a.body += "\n\n" + short
            an.quotes.append(quote_in(a.body, "Nein", short_by))
            st.put_article(a)  # body with the short quote: a new version
            st.put_analysis(an)
        summary = update(st)
        assert summary["quote_sightings"] == 6
        assert summary["quote_facts"] == 3  # the long quote once; "Nein" by two different speakers
        facts = quote_facts(st.con)
        top = facts[0]
        assert top["n_sightings"] == 3 and top["n_articles"] == 3
        assert top["speaker_name"] == "Till Hasenkamp"
        assert top["quote_text"].startswith(quoted)
        assert top["outlets"] == sorted([original.outlet, reworded.outlet, extended.outlet])
        assert top["first_seen"] == original.published
        nein = sorted((f["speaker_name"], f["n_sightings"]) for f in facts if f["quote_text"] == "Nein")
        assert nein == [("Hasenkamp", 1), ("Okonkwo", 2)]
        sightings = st.con.execute(
            "SELECT count(*) FROM quote_sightings WHERE fact_id = ?", [top["fact_id"]]).fetchone()[0]
        assert sightings == 3


def test_same_event_in_many_articles_is_one_fact(db_path):
    original, reworded, extended = copies()
    with Store(db_path) as st:
        for a in (original, reworded, extended):
            st.put_article(a)
            an = Analysis(article=a, pipeline_version="t")
            s = a.body.index(CORE[0])
            sent = Span(s, s + len(CORE[0]), CORE[0])
            who = Actor(Span(s, s + 30, "Die Stadtwerke von Neubrandenburg"), "Stadtwerke Neubrandenburg")
            an.events.append(Event("DEMAND", sent, source=who, target=Actor(None, "Fernwärmekunden")))
            # the same kind of event with another target, dated: another fact
            an.events.append(Event("DEMAND", sent, source=who, target=Actor(None, "Stadt"), date=date(2026, 5, 4)))
            st.put_analysis(an)
        summary = update(st)
        assert summary["event_sightings"] == 6
        assert summary["event_facts"] == 2
        rows = st.con.execute(
            "SELECT target, n_sightings, n_articles, len(outlets) FROM event_facts ORDER BY target").fetchall()
        assert rows == [("Fernwärmekunden", 3, 3, 3), ("Stadt", 3, 3, 3)]
        # fact ids are stable: a second rebuild gives the same ids
        before = sorted(r[0] for r in st.con.execute("SELECT fact_id FROM event_facts").fetchall())
        update(st)
        after = sorted(r[0] for r in st.con.execute("SELECT fact_id FROM event_facts").fetchall())
        assert before == after

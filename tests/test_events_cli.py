"""``depesche events``: each event once with its number of reports; --rows and --export
give one row per report."""
from __future__ import annotations

from datetime import date

import pytest
from typer.testing import CliRunner

from depesche.cli import app
from depesche.model import Actor, Analysis, Event, Span
from depesche.store import Store
from depesche.stories import update
from test_stories_dedup import CORE, copies


def _store_with_reprinted_event(db_path, with_facts: bool):
    """Three outlets report the same REQUEST; one of them also reports a dated THREATEN."""
    original, reworded, extended = copies()
    with Store(db_path) as st:
        for a in (original, reworded, extended):
            st.put_article(a)
            an = Analysis(article=a, pipeline_version="t")
            s = a.body.index(CORE[0])
            sent = Span(s, s + len(CORE[0]), CORE[0])
            who = Actor(Span(s, s + 33, a.body[s:s + 33]), "Stadtwerke Neubrandenburg")
            an.events.append(Event("REQUEST", sent, source=who, target=Actor(None, "Fernwärmekunden")))
            if a is original:
                an.events.append(Event("THREATEN", sent, source=who, target=Actor(None, "Stadt"),
                                       date=date(2026, 5, 4)))
            st.put_analysis(an)
        if with_facts:
            update(st)


@pytest.mark.parametrize("with_facts", [True, False])
def test_events_lists_each_fact_once_with_its_reports(db_path, with_facts):
    _store_with_reprinted_event(db_path, with_facts)
    out = CliRunner().invoke(app, ["events", "--db", str(db_path), "--limit", "10"], env={"COLUMNS": "250"})
    assert out.exit_code == 0, out.output
    assert "2 events" in out.output
    assert out.output.count("REQUEST") == 1 and "3 (3 outlets)" in out.output
    assert "1 (1 outlets)" in out.output  # the THREATEN, reported once
    rows = CliRunner().invoke(app, ["events", "--db", str(db_path), "--rows"], env={"COLUMNS": "250"})
    assert rows.exit_code == 0 and "4 reports of events" in rows.output and rows.output.count("REQUEST") == 3


def test_export_keeps_one_row_per_report(db_path, tmp_path):
    _store_with_reprinted_event(db_path, with_facts=True)
    target = tmp_path / "events.csv"
    out = CliRunner().invoke(app, ["events", "--db", str(db_path), "--export", str(target), "--type", "REQUEST"])
    assert out.exit_code == 0, out.output
    assert len(target.read_text(encoding="utf-8").strip().splitlines()) == 1 + 3

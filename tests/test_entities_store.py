"""Entities in DuckDB: listing, showing, and analysts' corrections that
survive re-analysis.  Hand-written German text only."""
from __future__ import annotations

from datetime import datetime, timezone

import pytest
import spacy
from typer.testing import CliRunner

from depesche.cli import app
from depesche.entities.corrections import CorrectionError, add_correction
from depesche.entities.stage import extract
from depesche.ingest.common import article_from_text
from depesche.model import Analysis, Quote, Span
from depesche.store.db import Store

TEXT_A = ("US-Präsident Joe Biden traf in Genf den Unternehmer Bertram Quellwasser. Biden sagte, man habe "
          "offen gesprochen. Quellwasser lobte das Treffen: \"Es war ein guter Tag.\" Die QWAG meldete Gewinne.")
TEXT_B = ("Die QWA kündigte neue Werke an. Auch der Kreml meldete sich zu Wort. "
          "Bertram Quellwasser, der Gründer der Firma, sagte, er plane nichts in Russland.")

runner = CliRunner()


@pytest.fixture(scope="module")
def nlp():
    n = spacy.blank("de")
    n.add_pipe("sentencizer")
    return n


def analyse(nlp, art) -> Analysis:
    a = Analysis(article=art, doc=nlp(art.body), pipeline_version="test")
    extract(a)
    if "guter Tag" in art.body:
        i = art.body.index("\"Es war")
        j = art.body.index("Tag.\"") + 5
        k = art.body.index("Quellwasser lobte")
        a.quotes.append(Quote(type="Direct", quote=[Span(i, j, art.body[i:j])],
                              speaker=[Span(k, k + 11, "Quellwasser")]))
    return a


@pytest.fixture
def store(db_path, nlp):
    s = Store(db_path)
    for text in (TEXT_A, TEXT_B):
        art = article_from_text(text, published=datetime(2021, 6, 16, tzinfo=timezone.utc))
        s.put_article(art)
        s.put_analysis(analyse(nlp, art))
    yield s
    s.close()


def entity_ids(store, name):
    return [r[0] for r in store.con.execute("SELECT id FROM entities WHERE name = ?", [name]).fetchall()]


def test_entities_listed_once(store, db_path):
    store.close()
    res = runner.invoke(app, ["entities", "--db", str(db_path)])
    assert res.exit_code == 0, res.output
    assert res.output.count("Joe Biden") == 1 and "Kreml" in res.output
    res = runner.invoke(app, ["entities", "--type", "PER", "--top", "5", "--db", str(db_path)])
    assert "Kreml" not in res.output and "Joe Biden" in res.output


def test_entity_shows_aliases_articles_cooccurrence(store, db_path):
    store.close()
    res = runner.invoke(app, ["entity", "Bertram Quellwasser", "--db", str(db_path)])
    assert res.exit_code == 0, res.output
    assert "articles (2)" in res.output  # the same unknown person in two articles is one entity
    assert "Joe Biden" in res.output  # co-occurring
    res = runner.invoke(app, ["entity", "Niemand Unbekannt", "--db", str(db_path)])
    assert res.exit_code == 1


def test_merge_survives_reanalysis(store, nlp):
    (short,) = entity_ids(store, "QWA")
    (full,) = entity_ids(store, "QWAG")
    add_correction(store, "merge", entity_id=short, target_id=full)
    assert not entity_ids(store, "QWA")
    assert store.con.execute("SELECT count(*) FROM mentions WHERE entity_id = ?", [short]).fetchone()[0] == 0
    # re-analysis produces the wrong split again; the correction wins
    art = store.get_article(store.con.execute("SELECT id FROM articles WHERE body LIKE 'Die QWA %'")
                            .fetchone()[0])
    store.put_analysis(analyse(nlp, art))
    assert store.con.execute("SELECT count(*) FROM mentions WHERE entity_id = ?", [short]).fetchone()[0] == 0
    assert store.con.execute("SELECT count(*) FROM mentions WHERE entity_id = ? AND article_id = ?",
                             [full, art.id]).fetchone()[0] == 1


def test_split_link_and_speaker(store, nlp):
    art_a = store.con.execute("SELECT id FROM articles WHERE body LIKE 'US-Präsident%'").fetchone()[0]
    (full,) = entity_ids(store, "Bertram Quellwasser")
    start = TEXT_A.index("Quellwasser lobte")
    add_correction(store, "split", entity_id=full, article_id=art_a, start=start, end=start + 11,
                   value="Hildegard Quellwasser")
    (hq,) = entity_ids(store, "Hildegard Quellwasser")
    add_correction(store, "link", entity_id=hq, target_id="per:angela-merkel")  # deliberately odd, but a link
    add_correction(store, "speaker", article_id=art_a, start=TEXT_A.index("\"Es war"), target_id="kb:per:joe-biden")
    for _ in range(2):  # as stored, and again after re-analysis
        row = store.con.execute("SELECT speaker_entity_id, speaker_name FROM quotes WHERE article_id = ?",
                                [art_a]).fetchone()
        assert row == ("kb:per:joe-biden", "Joe Biden")
        ent = store.con.execute('SELECT entity_id FROM mentions WHERE article_id = ? AND start = ?',
                                [art_a, start]).fetchone()[0]
        assert ent == "kb:per:angela-merkel"
        store.put_analysis(analyse(nlp, store.get_article(art_a)))


def test_bad_corrections_are_refused(store):
    with pytest.raises(CorrectionError, match="no entity"):
        add_correction(store, "merge", entity_id="new:nope", target_id="kb:per:joe-biden")
    with pytest.raises(CorrectionError, match="knowledge base has no entry"):
        add_correction(store, "link", entity_id="kb:per:joe-biden", target_id="per:gibt-es-nicht")
    with pytest.raises(CorrectionError, match="unknown correction kind"):
        add_correction(store, "rename", entity_id="kb:per:joe-biden")


def test_correct_cli(store, db_path):
    store.close()
    res = runner.invoke(app, ["correct", "merge", "QWA", "QWAG", "--db", str(db_path)])
    assert res.exit_code == 0, res.output
    res = runner.invoke(app, ["correct", "list", "--db", str(db_path)])
    assert "merge" in res.output
    res = runner.invoke(app, ["correct", "link", "Joe Biden", "per:erfunden", "--db", str(db_path)])
    assert res.exit_code == 2 and "refused" in res.output

"""Corpus-schema interchange, scoring, storage and the ``depesche quotes`` query."""
from __future__ import annotations

import json
import shutil
from datetime import datetime, timezone
from zoneinfo import ZoneInfo

import pytest
import spacy
from typer.testing import CliRunner

from depesche.cli import app
from depesche.model import Article, Quote, Span
from depesche.quotes.corpus import gold_quotes, read_json, to_json
from depesche.quotes.evaluate import Scores, score_document

from conftest import FIXTURES

QF = FIXTURES / "quotes"
runner = CliRunner()


def test_gold_file_reads_into_quotes():
    doc = read_json(QF / "gold" / "beispiel.json")
    quotes = gold_quotes(doc)
    assert [q.type for q in quotes] == ["Direct", "Indirect", "Indirect"]
    assert [s.text for s in quotes[1].cue] == ["räumte", "ein"]
    assert quotes[0].quote[0].text.startswith("„Wir haben")


def test_perfect_prediction_scores_one_and_missing_roles_score_less():
    doc = read_json(QF / "gold" / "beispiel.json")
    gold = gold_quotes(doc)
    s = Scores()
    score_document(doc, gold, gold, s)
    for role in ("quote", "speaker", "cue", "frame", "addressee"):
        assert s.overlap[role].f1 == pytest.approx(1.0)
        assert s.exact[role].f1 == pytest.approx(1.0)
    # drop one quotation and cut a speaker in half: recall falls, precision stays
    worse = [Quote(type=q.type, quote=q.quote, cue=q.cue, frame=q.frame, addressee=q.addressee,
                   speaker=[Span(q.speaker[0].start, q.speaker[0].start + 8)] if q.speaker else [])
             for q in gold[:2]]
    s2 = Scores()
    score_document(doc, gold, worse, s2)
    assert s2.overlap["quote"].recall == pytest.approx(2 / 3)
    assert s2.overlap["quote"].precision == pytest.approx(1.0)
    assert s2.overlap["speaker"].recall < 2 / 3
    assert s2.exact["speaker"].precision < 1.0


def test_to_json_keeps_schema_and_offsets():
    doc = read_json(QF / "gold" / "beispiel.json")
    data = to_json(doc, gold_quotes(doc))
    assert data["originalText"] == doc.text
    assert data["sentences"] == doc.raw["sentences"]
    a = data["annotations"][1]
    assert set(a) >= {"type", "medium", "quote", "speaker", "cue", "frame", "addressee"}
    for role in ("quote", "speaker", "cue", "frame", "addressee"):
        assert set(a[role]) >= {"spans", "text"}
        for sp in a[role]["spans"]:
            assert set(sp) >= {"charBegin", "charEnd"}
    assert data["annotations"][2]["addressee"] == {"spans": [], "text": "", "tokenIds": []}


@pytest.mark.parametrize("model", ["rules", "wikinews", None])
def test_annotate_then_eval_cli(tmp_path, model):
    out = tmp_path / "pred"
    chosen = ["--model", model] if model else []  # None: the command's default
    res = runner.invoke(app, ["annotate", "quotes", str(QF / "input"), str(out), *chosen])
    assert res.exit_code == 0, res.output
    # the broken file is named with its reason, the others are written
    assert "kaputt.json" in res.output and "skipped" in res.output
    assert f"(model {model or 'wikinews-e5'})" in res.output  # the default is the most accurate model
    assert sorted(p.name for p in out.glob("*.json")) == ["beispiel.json", "ohne-saetze.json"]
    data = json.loads((out / "ohne-saetze.json").read_text(encoding="utf-8"))
    assert data["annotations"], "the file without sentences is tokenised and annotated"
    for a in data["annotations"]:
        for sp in a["quote"]["spans"]:
            assert data["originalText"][sp["charBegin"]:sp["charEnd"]] in a["quote"]["text"]
    res = runner.invoke(app, ["eval", "quotes", str(QF / "gold"), str(out)])
    assert res.exit_code == 0, res.output
    line = next(ln for ln in res.output.splitlines() if ln.startswith("quote "))
    f1 = float(line.split()[3])
    assert f1 > 0.5, res.output


def test_unknown_model_on_cli(tmp_path):
    res = runner.invoke(app, ["annotate", "quotes", str(QF / "gold"), str(tmp_path), "--model", "nope"])
    assert "unknown quotes model" in res.output


@pytest.fixture
def filled_db(db_path):
    from depesche.ingest.common import article_from_text
    from depesche.pipeline import analyze
    from depesche.store.db import Store

    nlp = spacy.blank("de")
    nlp.add_pipe("sentencizer")
    texts = [
        "Die Ministerin Anna Berger hat ihr Konzept vorgestellt. „Wir fangen sofort an“, sagte Berger in Bonn. "
        "Die Finanzierung sei gesichert, erklärte sie.",
        "Der Verein Hafenfreunde kritisierte den Plan. Die Kosten seien zu hoch, teilte der Verein mit. "
        "Auch Ministerin Anna Berger äußerte sich: „Wir prüfen alle Einwände.“",
        "Der Trainer Karl Berger war zufrieden. „Die Mannschaft hat gekämpft“, sagte Berger nach dem Spiel.",
    ]
    with Store(db_path) as store:
        for i, text in enumerate(texts):
            art = article_from_text(text)
            art.outlet = "testblatt"
            # just after midnight in Berlin: the day before in UTC
            art.published = datetime(2021, 12, 8, 0, 15, tzinfo=ZoneInfo("Europe/Berlin"))
            store.put_article(art)
            a = analyze(art, nlp=nlp, stages=["quotes"])
            store.put_analysis(a)
    return db_path


def test_store_and_query_by_speaker(filled_db):
    from depesche.quotes.query import quotes_by_speaker
    from depesche.store.db import Store

    with Store(filled_db, read_only=True) as store:
        groups = quotes_by_speaker(store, "anna berger")
        assert [g["speaker_name"] for g in groups] == ["Anna Berger"]
        texts = [q["quote_text"] for q in groups[0]["quotes"]]
        assert any("sofort" in t for t in texts) and any("Einwände" in t for t in texts)
        assert all(q["outlet"] == "testblatt" for q in groups[0]["quotes"])
        # a surname shared by two people lists each of them
        names = sorted(g["speaker_name"] for g in quotes_by_speaker(store, "Berger"))
        assert names == ["Anna Berger", "Karl Berger"]
        only = quotes_by_speaker(store, "Anna Berger", type_="Indirect")
        assert only and all(q["type"] == "Indirect" for g in only for q in g["quotes"])
        assert quotes_by_speaker(store, "Niemand") == []


def test_quotes_cli(filled_db):
    res = runner.invoke(app, ["quotes", "--speaker", "Karl Berger", "--db", str(filled_db)])
    assert res.exit_code == 0, res.output
    assert "Die Mannschaft hat gekämpft" in res.output and "testblatt" in res.output
    assert "2021-12-08" in res.output and "2021-12-07" not in res.output  # the Berlin day, not the UTC day
    res = runner.invoke(app, ["quotes", "--speaker", "Berger", "--db", str(filled_db), "--limit", "1"])
    assert res.output.count("== ") == 2


def test_local_date_is_the_berlin_day():
    from depesche.quotes.query import local_date

    assert local_date(datetime(2021, 12, 7, 23, 30, tzinfo=timezone.utc)) == "2021-12-08"
    assert local_date(datetime(2021, 7, 1, 21, 59, tzinfo=timezone.utc)) == "2021-07-01"  # summer time
    assert local_date(datetime(2021, 12, 7, 23, 30)) == "2021-12-07"  # naive: already local
    assert local_date(None) == "????-??-??"

"""The store commands and the analysis side of ingest, through the CLI."""
import json
import shutil

import duckdb
import pytest
from typer.testing import CliRunner

import depesche.pipeline
from depesche.cli import app
from depesche.model import Analysis, Quote, Span
from depesche.store import Store

from conftest import FIXTURES

DUMPS = FIXTURES / "ingest"
runner = CliRunner()


def fake_analyze(article, **kw):
    """A stand-in for the real pipeline: one Reported quote on the first word."""
    an = Analysis(article=article, pipeline_version="test-1")
    first = article.body.split()[0]
    an.quotes.append(Quote("Reported", [Span(0, len(first), first)]))
    return an


@pytest.fixture
def corpus(tmp_path, monkeypatch):
    monkeypatch.setattr(depesche.pipeline, "analyze", fake_analyze)
    monkeypatch.setattr(depesche.pipeline, "pipeline_version", lambda: "test-1")
    d = tmp_path / "in"
    d.mkdir()
    for name in ("wirtschaft-zwei-zeilen.txt", "ausland-reuters.txt", "dump.jsonl", "english.html"):
        shutil.copy(DUMPS / name, d / name)
    db = tmp_path / "c.duckdb"
    result = runner.invoke(app, ["ingest", str(d), "--db", str(db)])
    assert result.exit_code == 0, result.output
    return db


def cli(*args):
    return runner.invoke(app, [*map(str, args)])


def test_ingest_analyses_german_articles_only(corpus):
    with Store(corpus, read_only=True) as st:
        rows = dict(st.con.execute("SELECT language, count(*) FROM articles GROUP BY language").fetchall())
        assert rows == {"de": 4, "en": 1}
        analysed = st.con.execute("SELECT count(*) FROM articles WHERE analyzed_version = 'test-1'").fetchone()[0]
        assert analysed == 4
        assert st.con.execute("SELECT count(*) FROM quotes").fetchone()[0] == 4


def test_show_by_id_and_url(corpus):
    out = cli("show", "https://www.beispiel-zeitung.de/politik/gipfel-123.html", "--db", corpus)
    assert out.exit_code == 0
    assert "Ministerin kündigt Hilfspaket an" in out.output and "1 quotes" in out.output
    with Store(corpus, read_only=True) as st:
        art_id = st.con.execute("SELECT id FROM articles WHERE section = 'Wirtschaft'").fetchone()[0]
    out = cli("show", art_id, "--db", corpus, "--json")
    d = json.loads(out.output)
    assert d["kicker"] == "Streit um den Bundeshaushalt" and d["facts"]["quotes"] == 1
    assert cli("show", "gibt-es-nicht", "--db", corpus).exit_code == 1


def test_stats(corpus):
    out = cli("stats", "--db", corpus)
    assert out.exit_code == 0
    for word in ("text", "jsonl", "html", "nachrichten-beispiel.de", "de", "en", "malformed JSON", "quotes"):
        assert word in out.output
    assert cli("stats", "--db", corpus.parent / "nope.duckdb").exit_code == 1


@pytest.mark.parametrize("fmt", ["parquet", "jsonl", "csv"])
def test_export(corpus, tmp_path, fmt):
    out = tmp_path / f"articles.{fmt}"
    result = cli("export", "--format", fmt, "--out", out, "--db", corpus)
    assert result.exit_code == 0, result.output
    reader = {"parquet": "read_parquet", "jsonl": "read_json_auto", "csv": "read_csv_auto"}[fmt]
    n = duckdb.sql(f"SELECT count(*) FROM {reader}('{out}')").fetchone()[0]
    assert n == 5
    quotes = tmp_path / "quotes.parquet"
    assert cli("export", "--table", "quotes", "--out", quotes, "--db", corpus).exit_code == 0
    assert duckdb.sql(f"SELECT count(*) FROM read_parquet('{quotes}')").fetchone()[0] == 4


def test_usage_errors_exit_2(corpus, tmp_path):
    assert cli("export", "--format", "xls", "--out", tmp_path / "x", "--db", corpus).exit_code == 2
    assert cli("export", "--table", "secrets", "--out", tmp_path / "x", "--db", corpus).exit_code == 2
    assert cli("ingest", DUMPS, "--published", "irgendwann", "--db", corpus).exit_code == 2
    assert cli("ingest", DUMPS, "--format", "pdf", "--db", corpus).exit_code == 2
    assert cli("delete", "--db", corpus).exit_code == 2
    # a missing path is an item error, not a usage error
    assert cli("ingest", tmp_path / "fehlt", "--db", corpus, "--no-analyze").exit_code == 0


def test_delete_by_id_url_and_outlet_removes_derived_facts(corpus):
    with Store(corpus, read_only=True) as st:
        jsonl_ids = [r[0] for r in st.con.execute("SELECT id FROM articles WHERE format = 'jsonl' ORDER BY id").fetchall()]
    out = cli("delete", "--url", "http://www.beispiel-zeitung.de/politik/gipfel-123.html?utm_source=rss",
              "--db", corpus)
    assert out.exit_code == 0 and "1 article(s) deleted" in out.output
    assert cli("delete", "--outlet", "NACHRICHTEN-beispiel.de", "--db", corpus).exit_code == 0
    dry = cli("delete", "--outlet", "andere-zeitung.de", "--dry-run", "--db", corpus)
    assert "1 article(s) would be deleted" in dry.output
    remaining = [i for i in jsonl_ids if i in dry.output]
    assert cli("delete", remaining[0], "--db", corpus).exit_code == 0
    with Store(corpus, read_only=True) as st:
        assert st.con.execute("SELECT count(*) FROM articles").fetchone()[0] == 2
        assert st.con.execute("SELECT count(*) FROM quotes").fetchone()[0] == 1
        assert st.con.execute("SELECT count(*) FROM articles WHERE outlet = 'nachrichten-beispiel.de'"
                              ).fetchone()[0] == 0
    assert cli("delete", "gibt-es-nicht", "--db", corpus).exit_code == 1


def test_reanalyze_recomputes_without_reading_inputs(corpus, monkeypatch):
    calls = []

    def counting(article, **kw):
        calls.append(article.id)
        an = fake_analyze(article)
        an.quotes.append(Quote("Direct", [Span(0, 3, article.body[:3])]))
        return an

    monkeypatch.setattr(depesche.pipeline, "analyze", counting)
    out = cli("reanalyze", "--db", corpus)
    assert out.exit_code == 0, out.output
    assert len(calls) == 4  # the English article is skipped
    with Store(corpus, read_only=True) as st:
        assert st.con.execute("SELECT count(*) FROM quotes").fetchone()[0] == 8
    assert cli("reanalyze", "--since", "2999-01-01", "--db", corpus).exit_code == 0
    assert len(calls) == 4
    assert cli("reanalyze", "--since", "kein Datum", "--db", corpus).exit_code == 2


def test_analysis_failure_is_an_error_row_and_the_article_stays(tmp_path, monkeypatch):
    def broken(article, **kw):
        raise RuntimeError("model exploded")

    monkeypatch.setattr(depesche.pipeline, "analyze", broken)
    db = tmp_path / "f.duckdb"
    out = cli("ingest", DUMPS / "ausland-reuters.txt", "--db", db, "--strict")
    assert out.exit_code == 1
    with Store(db, read_only=True) as st:
        assert st.con.execute("SELECT count(*) FROM articles WHERE analyzed_version IS NULL").fetchone()[0] == 1
        (reason,) = st.con.execute("SELECT reason FROM ingest_errors").fetchone()
        assert reason == "analysis failed (RuntimeError: model exploded)"
    # the model is fixed: a re-run analyses the unchanged article and the error goes
    monkeypatch.setattr(depesche.pipeline, "analyze", fake_analyze)
    monkeypatch.setattr(depesche.pipeline, "pipeline_version", lambda: "test-1")
    assert cli("ingest", DUMPS / "ausland-reuters.txt", "--db", db, "--strict").exit_code == 0
    with Store(db, read_only=True) as st:
        assert st.con.execute("SELECT count(*) FROM ingest_errors").fetchone()[0] == 0
        assert st.con.execute("SELECT analyzed_version FROM articles").fetchone()[0] == "test-1"


def test_rerun_adds_nothing_and_new_content_is_a_new_version(corpus, tmp_path):
    with Store(corpus, read_only=True) as st:
        counts = [st.con.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
                  for t in ("articles", "ingest_errors", "quotes")]
    src = corpus.parent / "in"
    again = cli("ingest", src, "--db", corpus)
    assert again.exit_code == 0
    with Store(corpus, read_only=True) as st:
        assert [st.con.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
                for t in ("articles", "ingest_errors", "quotes")] == counts
    # same URL, changed text: a new version; the old one stays, not current
    f = src / "dump.jsonl"
    f.write_text(f.read_text(encoding="utf-8").replace("Wasserwerfer", "Wasserwerfer und Tränengas"),
                 encoding="utf-8")
    out = cli("ingest", f, "--db", corpus)
    assert out.exit_code == 0
    with Store(corpus, read_only=True) as st:
        assert st.con.execute("SELECT count(*) FROM articles").fetchone()[0] == counts[0] + 1
        assert st.con.execute("SELECT count(*) FROM articles WHERE is_current").fetchone()[0] == counts[0]


def test_delete_also_clears_other_components_tables(corpus):
    """Right to erasure: any table with an article_id column (stories, duplicates …) loses the rows."""
    with Store(corpus) as st:
        art_id = st.con.execute("SELECT id FROM articles WHERE format = 'text' LIMIT 1").fetchone()[0]
        st.con.execute("CREATE TABLE side_facts (article_id VARCHAR, note VARCHAR)")
        st.con.execute("INSERT INTO side_facts VALUES (?, 'x'), ('other', 'y')", [art_id])
    assert cli("delete", art_id, "--db", corpus).exit_code == 0
    with Store(corpus, read_only=True) as st:
        assert st.con.execute("SELECT article_id FROM side_facts").fetchall() == [("other",)]


def test_a_file_that_is_no_database_is_a_clear_error(tmp_path):
    bad = tmp_path / "kein.duckdb"
    bad.write_text("das ist keine Datenbank", encoding="utf-8")
    for args in (["stats"], ["ingest", str(DUMPS / "ausland-reuters.txt"), "--no-analyze"]):
        out = runner.invoke(app, [*args, "--db", str(bad)])
        assert out.exit_code == 1
        assert "cannot open" in out.output and "Traceback" not in out.output

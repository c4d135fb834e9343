"""Dask engine: the same facts as the local executor, through Parquet and
``depesche load``; shards resume; loading is idempotent."""
from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

import duckdb
import pytest
from typer.testing import CliRunner

from depesche.cli import app
from depesche.engines import dask_engine
from depesche.store import Store

from conftest import REPO

DEMO = REPO / "demo"
cli = CliRunner()


def facts(db) -> dict[str, list]:
    """Everything a run derives, in a comparable order (entity aliases sorted:
    the order in which articles add them differs between engines)."""
    con = duckdb.connect(str(db), read_only=True)
    q = lambda sql: con.execute(sql).fetchall()  # noqa: E731
    try:
        return {
            "articles": q("SELECT id, version, is_current, content_hash, headline, body, analyzed_version "
                          "FROM articles ORDER BY id, version"),
            "mentions": q('SELECT article_id, start, "end", text, label, entity_id, kind, confidence '
                          "FROM mentions ORDER BY ALL"),
            "quotes": q("SELECT id, type, medium, quote_start, quote_end, quote_text, cue_text, speaker_text, "
                        "speaker_entity_id, speaker_name, nested_in FROM quotes ORDER BY id"),
            "events": q("SELECT id, type, mode, source_text, source_canonical, target_text, target_canonical, "
                        "event_date, location_code, cue_text, quote_id FROM events ORDER BY id"),
            "entities": q("SELECT id, type, name, list_sort(aliases), country, kb_id FROM entities ORDER BY id"),
            "errors": q("SELECT item, reason FROM ingest_errors ORDER BY ALL"),
        }
    finally:
        con.close()


class ThreadClient:
    """Stands in for a Dask client where only the shard logic is under test."""

    def get_executor(self):
        return ThreadPoolExecutor(2)


def test_shards_without_analysis_match_a_local_ingest_and_resume(tmp_path):
    bad = tmp_path / "bad"
    bad.mkdir()
    (bad / "leer.txt").write_text("   \n", encoding="utf-8")
    inputs = [DEMO, bad, tmp_path / "fehlt.html"]
    local_db = tmp_path / "local.duckdb"
    result = cli.invoke(app, ["ingest", *map(str, inputs), "--db", str(local_db), "--no-analyze", "--workers", "1"])
    assert result.exit_code == 0, result.output

    out = tmp_path / "pq"
    counts = dask_engine.ingest_to_parquet(inputs, out, client=ThreadClient(), analyze=False)
    assert counts["new"] == 26 and counts["errors"] == 2
    assert "shards skipped" not in counts
    loaded = tmp_path / "loaded.duckdb"
    with Store(loaded) as st:
        from depesche.engines.parquet import load

        first = load(out, st, stories=False)
        assert first["new"] == 26 and first["errors"] == 2
        again = load(out, st, stories=False)
        assert again["new"] == 0 and again["unchanged"] == 26 and again["errors"] == 0
    assert facts(loaded) == facts(local_db)

    # a second run finds every shard finished; a changed file redoes its shard only
    rerun = dask_engine.ingest_to_parquet(inputs, out, client=ThreadClient(), analyze=False)
    assert rerun["new"] == 0 and rerun["shards skipped"] == 15
    (bad / "leer.txt").write_text("Ein kurzer deutscher Text über den Gemeinderat und seine Sitzung am Abend.",
                                  encoding="utf-8")
    changed = dask_engine.ingest_to_parquet(inputs, out, client=ThreadClient(), analyze=False)
    assert changed["new"] == 1 and changed["shards skipped"] == 14


def test_load_rejects_a_folder_that_is_not_an_ingest_output(tmp_path, db_path):
    result = cli.invoke(app, ["load", str(tmp_path), "--db", str(db_path)])
    assert result.exit_code == 1
    assert "no Parquet parts" in " ".join(result.output.split())


@pytest.mark.slow
def test_dask_local_cluster_gives_the_same_facts_as_the_local_executor(tmp_path):
    """The CI check of issue 9: demo corpus, two worker processes each way."""
    pytest.importorskip("distributed")
    local_db = tmp_path / "local.duckdb"
    result = cli.invoke(app, ["ingest", str(DEMO), "--db", str(local_db), "--workers", "2", "--strict"])
    assert result.exit_code == 0, result.output

    out = tmp_path / "pq"
    result = cli.invoke(app, ["ingest", str(DEMO), "--engine", "dask", "--scheduler", "local", "--workers", "2",
                              "--out", str(out), "--strict"])
    assert result.exit_code == 0, duckdb.sql(f"SELECT * FROM read_parquet('{out}/ingest_errors/*.parquet')").fetchall()
    dask_db = tmp_path / "dask.duckdb"
    result = cli.invoke(app, ["load", str(out), "--db", str(dask_db)])
    assert result.exit_code == 0, result.output

    local_facts, dask_facts = facts(local_db), facts(dask_db)
    assert len(local_facts["articles"]) == 26
    assert len(local_facts["quotes"]) > 20 and len(local_facts["events"]) > 20 and len(local_facts["mentions"]) > 100
    for table in local_facts:
        assert dask_facts[table] == local_facts[table], table
    with Store(dask_db, read_only=True) as st:  # the whole-corpus step ran in load
        assert st.con.execute("SELECT count(*) FROM duplicate_groups").fetchone()[0] >= 1


@pytest.mark.slow
def test_dask_without_out_writes_the_store_directly(tmp_path):
    """--engine dask without --out: Dask workers analyse, this process writes DuckDB."""
    pytest.importorskip("distributed")
    db = tmp_path / "direct.duckdb"
    result = cli.invoke(app, ["ingest", str(DEMO / "text"), "--engine", "dask", "--scheduler", "local",
                              "--workers", "1", "--db", str(db), "--strict"])
    assert result.exit_code == 0, result.output
    with Store(db, read_only=True) as st:
        assert st.con.execute("SELECT count(*) FROM articles WHERE analyzed_version IS NOT NULL").fetchone()[0] == 5
        assert st.con.execute("SELECT count(*) FROM quotes").fetchone()[0] > 5

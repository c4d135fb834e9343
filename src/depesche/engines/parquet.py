"""Partitioned Parquet as the hand-over between cluster workers and DuckDB.

A Dask worker ingests one *shard* of input files into an in-memory
:class:`~depesche.store.Store` (the same code, and so the same rows, as a
local ingest) and writes every table as ``OUT/<table>/part-<shard>.parquet``.
:func:`load` then brings a whole folder into one DuckDB file, idempotently:

* articles: new ids in one bulk insert; ids already stored (or met in several
  shards) through ``Store.put_article``, so unchanged content is skipped and
  changed content becomes a new version, as with a local ingest;
* facts (mentions, quotes, events): replaced for every article whose stored
  content matches the shard's and whose pipeline version differs (also: was
  never analysed), exactly what ``put_analysis`` does one article at a time;
* entities: merged by id (aliases united); errors: each (item, reason) once,
  and items that read fine now lose their old errors.
"""
from __future__ import annotations

import os
from pathlib import Path

TABLES = ("articles", "mentions", "entities", "quotes", "events", "ingest_errors", "items")
FACT_TABLES = ("mentions", "quotes", "events")
DONE = "_done"


def _sql_path(path: Path | str) -> str:
    return str(path).replace("'", "''")


def write_shard(store, out: str | Path, shard: str, items: list[tuple[str, str]]) -> None:
    """Write the tables of ``store`` (one shard's ingest) below ``out``.

    ``items`` pairs each input item name that read fine with its article id.
    Files appear under their final name only when complete (write, then
    rename), and the shard's ``_done`` marker is written last.
    """
    out = Path(out)
    con = store.con
    con.execute("CREATE OR REPLACE TEMP TABLE items (item VARCHAR, article_id VARCHAR)")
    if items:
        con.executemany("INSERT INTO items VALUES (?, ?)", items)
    for table in TABLES:
        folder = out / table
        folder.mkdir(parents=True, exist_ok=True)
        final = folder / f"part-{shard}.parquet"
        tmp = folder / f".part-{shard}.parquet.tmp"
        con.execute(f"COPY (SELECT * FROM {table}) TO '{_sql_path(tmp)}' (FORMAT parquet)")
        os.replace(tmp, final)


def mark_done(out: str | Path, shard: str, signature: str) -> None:
    folder = Path(out) / DONE
    folder.mkdir(parents=True, exist_ok=True)
    (folder / shard).write_text(signature, encoding="utf-8")


def is_done(out: str | Path, shard: str, signature: str) -> bool:
    """Whether ``shard`` was written completely from the same input files."""
    marker = Path(out) / DONE / shard
    try:
        return marker.read_text(encoding="utf-8") == signature
    except OSError:
        return False


def _stage(con, out: Path) -> None:
    """Temp views ``staged_<table>`` over the Parquet parts, with a ``shard`` column."""
    for table in TABLES:
        pattern = out / table / "part-*.parquet"
        con.execute(
            f"CREATE OR REPLACE TEMP VIEW staged_{table} AS SELECT * EXCLUDE (filename), "
            f"regexp_extract(filename, 'part-([^/\\\\]+)\\.parquet$', 1) AS shard "
            f"FROM read_parquet('{_sql_path(pattern)}', filename = true, union_by_name = true)"
        )


def load(out: str | Path, store, *, stories: bool = True) -> dict[str, int]:
    """Bring the Parquet folder ``out`` into ``store``; returns counts of what changed."""
    from ..store.db import ARTICLE_COLUMNS, _row_to_article

    out = Path(out)
    missing = [t for t in TABLES if not any((out / t).glob("part-*.parquet"))]
    if missing:
        raise FileNotFoundError(f"{out}: no Parquet parts for {', '.join(missing)} (not an ingest --out folder?)")
    con = store.con
    _stage(con, out)
    counts = {"new": 0, "unchanged": 0, "version": 0}
    cols = ", ".join(ARTICLE_COLUMNS)

    # 1. articles: ids met once and not stored yet go in one statement
    con.execute(
        "CREATE OR REPLACE TEMP TABLE load_once AS SELECT id FROM staged_articles GROUP BY id "
        "HAVING count(*) = 1 AND id NOT IN (SELECT id FROM articles)")
    with store.transaction():
        counts["new"] += con.execute(
            f"INSERT INTO articles ({cols}) SELECT {cols} FROM staged_articles "
            "WHERE id IN (SELECT id FROM load_once) ORDER BY shard, id").fetchone()[0]
    # ... the rest one by one, in input order, with put_article's version rules
    rest = con.execute(
        f"SELECT {cols} FROM staged_articles WHERE id NOT IN (SELECT id FROM load_once) "
        "ORDER BY shard, id, version").fetchall()
    for row in rest:
        counts[store.put_article(_row_to_article(row))] += 1

    # 2. facts of the articles whose stored current content was analysed in a shard
    con.execute("""
        CREATE OR REPLACE TEMP TABLE load_facts AS
        SELECT s.id, arg_max(s.shard, s.shard) AS shard, arg_max(s.analyzed_version, s.shard) AS analyzed_version
        FROM staged_articles s JOIN articles a ON a.id = s.id AND a.is_current AND a.content_hash = s.content_hash
        WHERE s.is_current AND s.analyzed_version IS NOT NULL
          AND a.analyzed_version IS DISTINCT FROM s.analyzed_version
        GROUP BY s.id""")
    with store.transaction():
        for table in FACT_TABLES:
            con.execute(f"DELETE FROM {table} WHERE article_id IN (SELECT id FROM load_facts)")
            con.execute(
                f"INSERT INTO {table} BY NAME SELECT f.* EXCLUDE (shard) FROM staged_{table} f "
                "JOIN load_facts l ON f.article_id = l.id AND f.shard = l.shard")
        con.execute("""
            INSERT INTO entities BY NAME
            SELECT id, any_value(type) AS type, any_value(name) AS name,
                   list_sort(list_distinct(flatten(list(aliases)))) AS aliases,
                   any_value(country) AS country, any_value(kb_id) AS kb_id,
                   any_value(wikidata) AS wikidata, max(pipeline_version) AS pipeline_version
            FROM staged_entities GROUP BY id
            ON CONFLICT (id) DO UPDATE SET
                aliases = list_distinct(list_concat(entities.aliases, excluded.aliases)),
                pipeline_version = excluded.pipeline_version""")
        counts["analysed"] = con.execute("SELECT count(*) FROM load_facts").fetchone()[0]
        con.execute("UPDATE articles SET analyzed_version = l.analyzed_version FROM load_facts l "
                    "WHERE articles.id = l.id AND articles.is_current")

        # 3. errors: an item's latest reading is what holds
        con.execute("""
            DELETE FROM ingest_errors e WHERE e.item IN (SELECT item FROM staged_items)
              AND NOT EXISTS (SELECT 1 FROM staged_ingest_errors s WHERE s.item = e.item AND s.reason = e.reason)""")
        counts["errors"] = con.execute("""
            INSERT INTO ingest_errors (item, reason)
            SELECT DISTINCT item, reason FROM staged_ingest_errors s
            WHERE NOT EXISTS (SELECT 1 FROM ingest_errors e WHERE e.item = s.item AND e.reason = s.reason)
            """).fetchone()[0]

    if stories:
        counts.update(_update_stories(store))
    return counts


def _update_stories(store) -> dict[str, int]:
    """Steps that need the whole corpus (duplicate groups, stories) run here,
    after every shard is in."""
    try:
        from ..stories import update
    except ImportError:
        return {}
    summary = update(store)
    return {k: v for k, v in summary.items() if isinstance(v, int) and k in ("groups_written", "stories")}

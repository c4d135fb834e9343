"""Read-only serving snapshots of the store, with the full-text index inside.

DuckDB lets one process write a database file *or* several processes read
it, never both at once.  ``depesche ingest`` holds the write lock for a whole
run, so the web app must not read the store file directly.  Instead it
serves a **snapshot**: a separate DuckDB file beside the store
(``<db>.web/snap-<fingerprint>.duckdb``) that holds a copy of the current
articles and every derived table, plus the FTS index.  The snapshot file is
never written once it is finished, so any number of servers can read it
while ingest writes the store.

A snapshot is keyed by a **corpus fingerprint** (counts and hashes of the
stored rows), so an unchanged corpus never triggers a rebuild.  Two ways
lead to a fresh snapshot:

* ingest calls :func:`depesche.web.search.rebuild_index` at the end of a run,
  with its own read-write store; the server sees the new manifest
  (``current.json``) on its next poll and switches, although ingest still
  holds the lock;
* the server notices that the store file changed, waits until no writer
  holds it, copies it (the read lock is held only for the copy) and builds
  the index in the background, answering from the old snapshot meanwhile.
"""
from __future__ import annotations

import json
import logging
import os
import tempfile
import threading
import time
import uuid
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

import duckdb

log = logging.getLogger("depesche.web")

# Bump when the snapshot layout changes, so old snapshots are rebuilt.
SNAPSHOT_FORMAT = 10
SEARCH_TABLE = "web_search_docs"
# The FTS tokeniser drops every character that is not a lower-case letter
# or digit; the default keeps only a-z, which would cut "Gespräch" in two.
FTS_IGNORE = r"(\.|[^a-z0-9ßà-öø-ÿ])+"
# German function words that carry no meaning for ranking (our own list).
GERMAN_STOPWORDS = (
    "aber als am an auch auf aus bei bin bis bist da damit dann das dass dem den denn der des "
    "die dies diese dieser dieses doch dort du durch ein eine einem einen einer eines er es "
    "für hat hatte hier ich ihr im in ist ja jede jedem jeden jeder jedes kann kein keine "
    "man mit nach nicht noch nun nur ob oder sich sie sind so um und uns vom von vor war "
    "waren was weil wenn wer wie wir wird wo zu zum zur über"
).split()


# Threads for building snapshots (None: DuckDB's default, all cores).  The
# server answers from the old snapshot while a build runs, so a build may be
# slow but should not starve request threads.
BUILD_THREADS: int | None = None


class StoreBusy(RuntimeError):
    """The store file is locked by a writer (an ingest run)."""


class NoStore(RuntimeError):
    """There is no store file to serve."""


def fts_extension_path() -> str | None:
    """Path of the FTS extension binary shipped by ``duckdb-extension-fts``.

    ``INSTALL fts`` downloads from the internet, which the machines we run on
    cannot reach; the PyPI package carries the same binary.
    """
    try:
        import duckdb_extension_fts
    except ImportError:
        return None
    base = Path(duckdb_extension_fts.__file__).parent / "extensions" / f"v{duckdb.__version__}"
    path = base / "fts.duckdb_extension"
    return str(path) if path.is_file() else None


def connect(path: str, read_only: bool = True, threads: int | None = None) -> duckdb.DuckDBPyConnection:
    """A connection that never downloads anything and has FTS loaded."""
    config = {"autoinstall_known_extensions": False, "autoload_known_extensions": False}
    if threads:
        config["threads"] = threads
    con = duckdb.connect(path, read_only=read_only, config=config)
    load_fts(con)
    con.execute("SET enable_progress_bar = false")  # builds run in the background
    # Days are German calendar days: group and filter in Berlin time.
    con.execute("SET GLOBAL TimeZone = 'Europe/Berlin'")
    return con


def load_fts(con: duckdb.DuckDBPyConnection) -> None:
    path = fts_extension_path()
    if path is None:  # maybe installed into DuckDB's own extension folder
        con.execute("LOAD fts")
    else:
        con.execute(f"LOAD {_sql_str(path)}")


def _sql_str(s: str) -> str:
    return "'" + s.replace("'", "''") + "'"


def _ident(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def is_lock_error(exc: BaseException) -> bool:
    msg = str(exc).lower()
    return "lock" in msg or "conflicting" in msg or "being used" in msg


# -- where snapshots live ------------------------------------------------------

def sidecar_dir(db_path: str | Path) -> Path:
    """``<db>.web/`` beside the store, or a temp folder if that is not writable."""
    db = Path(db_path).resolve()
    folder = db.with_name(db.name + ".web")
    try:
        folder.mkdir(exist_ok=True)
        probe = folder / f".probe-{uuid.uuid4().hex}"
        probe.touch()
        probe.unlink()
        return folder
    except OSError:
        import hashlib

        key = hashlib.sha256(str(db).encode()).hexdigest()[:12]
        folder = Path(tempfile.gettempdir()) / f"depesche-web-{key}"
        folder.mkdir(exist_ok=True)
        return folder


def snapshot_path(folder: Path, fingerprint: str) -> Path:
    return folder / f"snap-{fingerprint}.duckdb"


def read_manifest(folder: Path) -> dict | None:
    try:
        data = json.loads((folder / "current.json").read_text())
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) and "fingerprint" in data else None


def write_manifest(folder: Path, fingerprint: str) -> None:
    tmp = folder / f".current-{uuid.uuid4().hex}.json"
    tmp.write_text(json.dumps({
        "fingerprint": fingerprint,
        "file": snapshot_path(folder, fingerprint).name,
        "built_at": datetime.now(timezone.utc).isoformat(),
    }))
    os.replace(tmp, folder / "current.json")  # atomic: readers see old or new


# -- fingerprint and build -----------------------------------------------------

def source_tables(con: duckdb.DuckDBPyConnection, db: str) -> list[str]:
    """Base tables of the store's main schema (stages add their own)."""
    rows = con.execute(
        "SELECT table_name FROM duckdb_tables() WHERE database_name = ? AND schema_name = 'main' "
        "AND NOT temporary ORDER BY table_name",
        [db],
    ).fetchall()
    return [r[0] for r in rows]


def fingerprint(con: duckdb.DuckDBPyConnection, db: str) -> str:
    """A short hash of what the store holds; equal corpora, equal fingerprint.

    Articles are summarised by id, content hash and analysis version (their
    bodies are large and the content hash already covers them); every other
    table by a hash over all its rows.
    """
    import hashlib

    parts = [f"format={SNAPSHOT_FORMAT}"]
    for table in source_tables(con, db):
        qualified = f"{_ident(db)}.main.{_ident(table)}"
        if table == "articles":
            row = con.execute(
                f"SELECT count(*), sum(hash(id, version, content_hash, analyzed_version)) "
                f"FROM {qualified} WHERE is_current"
            ).fetchone()
        else:
            row = con.execute(f"SELECT count(*), sum(hash(COLUMNS(*))) FROM {qualified}").fetchone()
        parts.append(f"{table}={row}")
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()[:20]


# Tables are stored sorted by the key the pages look them up by, so DuckDB's
# zone maps skip most row groups (entity pages, article pages).
_SORT = {
    "articles": "published DESC NULLS LAST, id",
    "mentions": "entity_id, article_id, start",
    "quotes": "speaker_entity_id, article_id, n",
    "events": "article_id, n",
}


def build_snapshot(con: duckdb.DuckDBPyConnection, db: str, folder: Path, fp: str | None = None) -> Path:
    """Copy the store attached as ``db`` on ``con`` into a new snapshot file and
    index it.  Returns the snapshot path; an existing one is reused."""
    fp = fp or fingerprint(con, db)
    final = snapshot_path(folder, fp)
    if final.exists():
        return final
    tmp = folder / f".build-{fp}-{uuid.uuid4().hex[:8]}.duckdb"
    alias = f"snap_{uuid.uuid4().hex[:8]}"
    tables = source_tables(con, db)
    con.execute(f"ATTACH {_sql_str(str(tmp))} AS {alias}")
    try:
        for table in tables:
            src = f"{_ident(db)}.main.{_ident(table)}"
            where = " WHERE is_current" if table == "articles" else ""
            order = f" ORDER BY {_SORT[table]}" if table in _SORT else ""
            con.execute(f"CREATE TABLE {alias}.main.{_ident(table)} AS SELECT * FROM {src}{where}{order}")
    finally:
        con.execute(f"DETACH {alias}")
    try:
        _index_snapshot(str(tmp), fp)
        os.replace(tmp, final)
    finally:
        for leftover in (tmp, Path(str(tmp) + ".wal")):
            if leftover.exists():
                leftover.unlink()
    return final


def _index_snapshot(path: str, fp: str) -> None:
    """Add missing core tables, helper tables and the FTS index to a copy."""
    from ..store import schema

    con = connect(path, read_only=False, threads=BUILD_THREADS)
    try:
        # A store written by an older or partial pipeline may lack tables.
        con.execute(schema.MIGRATIONS["core"][0])
        con.execute(
            f"CREATE TABLE {SEARCH_TABLE} AS SELECT id, "
            "concat_ws(' ', kicker, headline) AS title, concat_ws(chr(10), teaser, body) AS text FROM articles"
        )
        con.execute("CREATE TABLE web_stopwords (sw VARCHAR)")
        con.executemany("INSERT INTO web_stopwords VALUES (?)", [[w] for w in GERMAN_STOPWORDS])
        con.execute(
            f"PRAGMA create_fts_index('{SEARCH_TABLE}', 'id', 'title', 'text', stemmer = 'german', "
            f"stopwords = 'web_stopwords', ignore = {_sql_str(FTS_IGNORE)}, strip_accents = 0, lower = 1)"
        )
        # Postings sorted by term: a query reads only the row groups of its
        # terms (zone maps), instead of the whole terms table as the
        # extension's match_bm25 macro does.  Title hits are counted apart
        # so the ranking can weigh headlines higher.
        title_field = con.execute(
            f"SELECT fieldid FROM fts_main_{SEARCH_TABLE}.fields WHERE field = 'title'").fetchone()[0]
        # Each posting also carries its BM25 term-frequency part (which
        # depends only on the document), so a query just sums idf × part.
        from .queries import BM25_B, BM25_K, TITLE_WEIGHT

        con.execute(
            "CREATE TABLE web_postings AS WITH p AS (SELECT termid, docid, count(*) AS tf, "
            "count(*) FILTER (WHERE fieldid = ?) AS tf_title "
            f"FROM fts_main_{SEARCH_TABLE}.terms GROUP BY termid, docid), "
            f"s AS (SELECT avgdl FROM fts_main_{SEARCH_TABLE}.stats) "
            "SELECT p.termid, p.docid, p.tf::INTEGER AS tf, p.tf_title::INTEGER AS tf_title, "
            "CAST((p.tf + ? * p.tf_title) * (? + 1) / ((p.tf + ? * p.tf_title) + ? * (1 - ? + ? * d.len / s.avgdl)) "
            "AS FLOAT) AS part "
            f"FROM p JOIN fts_main_{SEARCH_TABLE}.docs d ON d.docid = p.docid, s ORDER BY p.termid, p.docid",
            [title_field, TITLE_WEIGHT, BM25_K, TITLE_WEIGHT, BM25_K, BM25_B, BM25_B],
        )
        con.execute(f"DROP TABLE fts_main_{SEARCH_TABLE}.terms")  # the postings replace it
        # texts for snippets, sorted by docid so the top hits are fetched by a
        # cheap filter instead of a join over every body
        con.execute(
            f"CREATE TABLE web_search_texts AS SELECT d.docid, s.id, s.title, s.text FROM {SEARCH_TABLE} s "
            f"JOIN fts_main_{SEARCH_TABLE}.docs d ON d.name = s.id ORDER BY d.docid"
        )
        con.execute(f"DROP TABLE {SEARCH_TABLE}")
        # an ART index: the 20 texts of a result page come by point lookups
        # (a plain scan would read every body, ~0.5 s at 100,000 articles)
        con.execute("CREATE UNIQUE INDEX web_search_texts_docid ON web_search_texts (docid)")
        # the columns search filters on, narrow and by docid, so ranking and
        # filtering never touch the wide articles table
        con.execute(
            f"CREATE TABLE web_search_meta AS SELECT d.docid, a.id, a.outlet, a.section, a.published FROM articles a "
            f"JOIN fts_main_{SEARCH_TABLE}.docs d ON d.name = a.id ORDER BY d.docid"
        )
        # the columns of a result list, by docid with an ART index: a page of
        # hits is 20 point lookups instead of a join over every article
        from .queries import ARTICLE_LIST_COLUMNS

        con.execute(
            f"CREATE TABLE web_search_list AS SELECT d.docid, {ARTICLE_LIST_COLUMNS} FROM articles a "
            f"JOIN fts_main_{SEARCH_TABLE}.docs d ON d.name = a.id ORDER BY d.docid"
        )
        con.execute("CREATE UNIQUE INDEX web_search_list_docid ON web_search_list (docid)")
        # which entities each article names, once per article: entity filter,
        # co-occurrence network and entity pages all start from here
        con.execute(
            "CREATE TABLE web_article_entities AS SELECT m.article_id, m.entity_id, count(*) AS n "
            "FROM mentions m WHERE m.entity_id IS NOT NULL GROUP BY ALL ORDER BY m.entity_id, m.article_id"
        )
        _entity_page_tables(con)
        con.execute(
            "CREATE TABLE web_snapshot_meta AS SELECT ? AS fingerprint, current_timestamp AS built_at, ? AS format",
            [fp, SNAPSHOT_FORMAT],
        )
        con.execute("CHECKPOINT")
    finally:
        con.close()


#: How many co-mentioned entities are kept per entity (the page shows 25).
CO_MENTIONS_KEPT = 100


def _entity_page_tables(con: duckdb.DuckDBPyConnection) -> None:
    """Everything an entity (speaker) page shows, joined and aggregated once.

    Live, the page joins quotes and events with all articles and the
    entity's articles with every other entity's: 1.2 s for the most quoted
    person at 100,000 articles (benchmarks/bench_query.py).  These tables are
    sorted by entity, so a page reads only its entity's row groups (zone maps).
    """
    # ``k``: the row's place on its entity's page (1 = first), so a page of
    # the most quoted person is a range filter, not a sort of all its quotes
    order = "a.published DESC NULLS LAST, a.outlet, q.article_id, q.n"
    con.execute(
        "CREATE TABLE web_entity_quotes AS SELECT q.speaker_entity_id, q.id, q.article_id, q.n, q.type, q.medium, "
        "q.quote_text, q.cue_text, q.speaker_text, q.speaker_name, a.outlet, a.headline, a.published, "
        "CAST(a.published AS DATE) AS day, "
        f"row_number() OVER (PARTITION BY q.speaker_entity_id ORDER BY {order}) AS k "
        "FROM quotes q JOIN articles a ON a.id = q.article_id WHERE q.speaker_entity_id IS NOT NULL "
        f"ORDER BY q.speaker_entity_id, {order}"
    )
    # one row per (entity, event) where the entity is source or target
    day = "coalesce(ev.event_date, CAST(a.published AS DATE))"
    con.execute(
        "CREATE TABLE web_entity_events AS SELECT x.entity_id, ev.*, a.outlet AS article_outlet, "
        f"a.headline AS article_headline, a.published AS article_published, {day} AS day, "
        f"row_number() OVER (PARTITION BY x.entity_id ORDER BY {day} DESC NULLS LAST, ev.id) AS k FROM "
        "(SELECT source_entity_id AS entity_id, id FROM events WHERE source_entity_id IS NOT NULL "
        " UNION SELECT target_entity_id, id FROM events WHERE target_entity_id IS NOT NULL) x "
        "JOIN events ev ON ev.id = x.id LEFT JOIN articles a ON a.id = ev.article_id "
        f"ORDER BY x.entity_id, {day} DESC NULLS LAST, ev.id"
    )
    con.execute(
        "CREATE TABLE web_co_mentions AS WITH pairs AS (SELECT me.entity_id, other.entity_id AS other_id, "
        "count(*) AS articles FROM web_article_entities me JOIN web_article_entities other "
        "ON other.article_id = me.article_id AND other.entity_id <> me.entity_id GROUP BY ALL) "
        "SELECT p.entity_id, e.id, e.name, e.type, p.articles FROM pairs p JOIN entities e ON e.id = p.other_id "
        "QUALIFY row_number() OVER (PARTITION BY p.entity_id ORDER BY p.articles DESC, e.name, e.id) <= ? "
        "ORDER BY p.entity_id, p.articles DESC, e.name, e.id", [CO_MENTIONS_KEPT]
    )
    con.execute(
        "CREATE TABLE web_entity_days AS "
        "WITH m AS (SELECT ae.entity_id, CAST(a.published AS DATE) AS day, sum(ae.n) AS mentions "
        "FROM web_article_entities ae JOIN articles a ON a.id = ae.article_id WHERE a.published IS NOT NULL "
        "GROUP BY 1, 2), "
        "q AS (SELECT qu.speaker_entity_id AS entity_id, CAST(a.published AS DATE) AS day, count(*) AS quotes "
        "FROM quotes qu JOIN articles a ON a.id = qu.article_id "
        "WHERE qu.speaker_entity_id IS NOT NULL AND a.published IS NOT NULL GROUP BY 1, 2) "
        "SELECT entity_id, day, coalesce(m.mentions, 0) AS mentions, coalesce(q.quotes, 0) AS quotes "
        "FROM m FULL OUTER JOIN q USING (entity_id, day) ORDER BY entity_id, day"
    )


def build_from_file(db_path: str | Path, folder: Path) -> tuple[str, Path]:
    """Fingerprint and (if needed) snapshot the store file.  Holds a read lock
    on the store only while reading it; raises :class:`StoreBusy` if a writer
    holds it."""
    if not Path(db_path).exists():
        raise NoStore(f"no database at {db_path}: run `depesche ingest` first")
    con = connect(":memory:", read_only=False, threads=BUILD_THREADS)
    try:
        try:
            con.execute(f"ATTACH {_sql_str(str(db_path))} AS depesche_src (READ_ONLY)")
        except duckdb.Error as exc:
            if is_lock_error(exc):
                raise StoreBusy(str(exc)) from exc
            raise
        fp = fingerprint(con, "depesche_src")
        final = snapshot_path(folder, fp)
        if not final.exists():
            build_snapshot(con, "depesche_src", folder, fp)
        return fp, final
    finally:
        con.close()


def snapshot_usable(path: Path) -> bool:
    """A finished snapshot in this code's layout (older layouts get rebuilt)."""
    if not path.exists():
        return False
    try:
        con = duckdb.connect(str(path), read_only=True)
    except duckdb.Error:
        return False
    try:
        return con.execute("SELECT max(format) FROM web_snapshot_meta").fetchone()[0] == SNAPSHOT_FORMAT
    except duckdb.Error:
        return False
    finally:
        con.close()


# -- serving side --------------------------------------------------------------

@dataclass
class Snapshot:
    """One open snapshot file; requests take a cursor each."""

    path: Path
    fingerprint: str
    con: duckdb.DuckDBPyConnection
    opened_at: float = field(default_factory=time.time)

    @classmethod
    def open(cls, path: Path, fp: str, threads: int = 2) -> "Snapshot":
        return cls(path, fp, connect(str(path), read_only=True, threads=threads))

    def cursor(self) -> duckdb.DuckDBPyConnection:
        return self.con.cursor()

    def has_table(self, name: str) -> bool:
        return bool(self.con.cursor().execute(
            "SELECT count(*) FROM duckdb_tables() WHERE schema_name = 'main' AND table_name = ?", [name]
        ).fetchone()[0])


class SnapshotManager:
    """Keeps the server on the newest snapshot of the store.

    ``refresh()`` is cheap when nothing changed (a manifest read and a
    ``stat``); the background thread calls it every ``poll_seconds``.
    """

    def __init__(self, db_path: str | Path, poll_seconds: float = 2.0, threads: int = 2, keep: int = 2):
        self.db_path = Path(db_path)
        self.folder = sidecar_dir(self.db_path)
        self.poll_seconds = poll_seconds
        self.threads = threads
        self.keep = keep
        self._current: Snapshot | None = None
        self._retired: list[Snapshot] = []
        self._seen_stat: tuple | None = None
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self.last_error: str | None = None
        self.busy_since: float | None = None

    # the store's files change on every write, and nowhere else
    def _stat(self) -> tuple:
        out = []
        for p in (self.db_path, Path(str(self.db_path) + ".wal")):
            try:
                st = p.stat()
                out.append((st.st_mtime_ns, st.st_size))
            except OSError:
                out.append(None)
        return tuple(out)

    def current(self) -> Snapshot:
        snap = self._current
        if snap is None:
            raise NoStore("no snapshot yet")
        return snap

    def _switch(self, fp: str, path: Path) -> None:
        new = Snapshot.open(path, fp, threads=self.threads)
        with self._lock:
            old, self._current = self._current, new
            if old is not None:
                # requests may still hold cursors on the old one: close it
                # only after it has been retired for a while
                self._retired.append(old)
            while len(self._retired) > self.keep:
                self._retired.pop(0).con.close()
        log.info("serving snapshot %s", path.name)
        self._cleanup()

    def _cleanup(self) -> None:
        """Delete snapshot files nobody serves any more (keep the newest few)."""
        in_use = {s.path.name for s in [self._current, *self._retired] if s is not None}
        files = sorted(self.folder.glob("snap-*.duckdb"), key=lambda p: p.stat().st_mtime, reverse=True)
        for p in files[self.keep + 1:]:
            if p.name not in in_use:
                try:
                    p.unlink()
                except OSError:
                    pass

    def refresh(self) -> bool:
        """Switch to a newer snapshot if there is one.  Returns True on a switch."""
        cur_fp = self._current.fingerprint if self._current else None
        manifest = read_manifest(self.folder)
        if manifest and manifest["fingerprint"] != cur_fp:
            path = snapshot_path(self.folder, manifest["fingerprint"])
            if snapshot_usable(path) and (self._current is None or path.stat().st_mtime >= self._current.path.stat().st_mtime):
                self._switch(manifest["fingerprint"], path)
                return True
        stat = self._stat()
        if stat == self._seen_stat and self._current is not None:
            return False
        try:
            fp, path = build_from_file(self.db_path, self.folder)
        except StoreBusy:
            # ingest is writing: keep serving what we have, look again later
            if self.busy_since is None:
                self.busy_since = time.time()
                log.info("store is locked by a writer; serving the last snapshot")
            return False
        self.busy_since = None
        self._seen_stat = stat
        if fp == cur_fp:
            return False
        write_manifest(self.folder, fp)
        self._switch(fp, path)
        return True

    def start(self, wait_seconds: float = 60.0) -> None:
        """Open the newest snapshot (building one if needed), then watch."""
        manifest = read_manifest(self.folder)
        if manifest and snapshot_usable(snapshot_path(self.folder, manifest["fingerprint"])):
            # serve at once from the last snapshot; the watcher catches up
            self._switch(manifest["fingerprint"], snapshot_path(self.folder, manifest["fingerprint"]))
        deadline = time.time() + wait_seconds
        while self._current is None:
            self.refresh()
            if self._current is None:
                if time.time() > deadline:
                    raise StoreBusy(f"{self.db_path} stayed locked by a writer for {wait_seconds:.0f}s "
                                    "and there is no earlier snapshot to serve")
                time.sleep(0.5)

    def watch(self) -> None:
        """Poll in a daemon thread until :meth:`stop`."""
        def loop():
            while not self._stop.wait(self.poll_seconds):
                try:
                    self.refresh()
                    self.last_error = None
                except Exception as exc:  # keep serving; report on /api/status
                    self.last_error = f"{type(exc).__name__}: {exc}"
                    log.warning("snapshot refresh failed: %s", self.last_error)

        self._thread = threading.Thread(target=loop, name="depesche-snapshots", daemon=True)
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout=5)
        with self._lock:
            for s in [self._current, *self._retired]:
                if s is not None:
                    s.con.close()
            self._current, self._retired = None, []

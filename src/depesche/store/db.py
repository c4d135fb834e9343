"""The embedded DuckDB store: articles, ingest errors and derived facts."""
from __future__ import annotations

import json
from contextlib import contextmanager
from datetime import datetime, timezone
from pathlib import Path
from typing import Iterator

import duckdb

from ..model import Analysis, Article, Paragraph, SourceRef, Span
from . import schema

DEFAULT_DB = "depesche.duckdb"


ARTICLE_COLUMNS = [
    "id", "version", "is_current", "url", "canonical_url", "outlet", "section", "kicker",
    "headline", "teaser", "body", "paragraphs", "published", "modified", "authors", "agency",
    "author_initials", "image", "caption", "credit", "keywords", "language", "is_german",
    "format", "content_hash", "source_ref", "source_offset", "source_sha256", "extra",
]


def _spans_json(spans: list[Span]) -> str:
    return json.dumps([s.to_dict() for s in spans], ensure_ascii=False)


def _join(spans: list[Span]) -> str:
    return " … ".join(s.text for s in spans)


class Store:
    """A DuckDB file holding the corpus.

    Open read-write for ingest/analysis (one process at a time, DuckDB's rule)
    or ``read_only=True`` for serving and queries (any number of readers).
    """

    def __init__(self, path: str | Path = DEFAULT_DB, read_only: bool = False, lock_timeout: float = 10.0):
        self.path = str(path)
        self.read_only = read_only
        self.con = _connect(self.path, read_only, lock_timeout)
        if not read_only:
            self.migrate()

    # -- schema ------------------------------------------------------------
    def migrate(self) -> None:
        # stage modules register their migrations on import
        from .. import stages  # noqa: F401

        self.con.execute(
            "CREATE TABLE IF NOT EXISTS schema_migrations (component VARCHAR, version INTEGER, "
            "applied_at TIMESTAMPTZ DEFAULT current_timestamp, PRIMARY KEY (component, version))"
        )
        done = set(self.con.execute("SELECT component, version FROM schema_migrations").fetchall())
        for component, steps in schema.MIGRATIONS.items():
            for i, sql in enumerate(steps, start=1):
                if (component, i) in done:
                    continue
                with self.transaction():
                    self.con.execute(sql)
                    self.con.execute(
                        "INSERT INTO schema_migrations (component, version) VALUES (?, ?)", [component, i]
                    )

    @contextmanager
    def transaction(self):
        self.con.execute("BEGIN TRANSACTION")
        try:
            yield self.con
        except BaseException:
            self.con.execute("ROLLBACK")
            raise
        else:
            self.con.execute("COMMIT")

    def close(self) -> None:
        self.con.close()

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # -- articles ----------------------------------------------------------
    def article_status(self, article: Article) -> tuple[str, int]:
        """``("unchanged" | "new" | "version", version)``: what :meth:`put_article`
        would do with ``article`` and the version it has or would get."""
        rows = self.con.execute(
            "SELECT version, content_hash FROM articles WHERE id = ? ORDER BY version", [article.id]
        ).fetchall()
        for version, h in rows:
            if h == article.content_hash:
                return "unchanged", version
        return ("version", rows[-1][0] + 1) if rows else ("new", 1)

    def put_article(self, article: Article) -> str:
        """Store an article. Returns ``"new"``, ``"unchanged"`` or ``"version"``.

        The same id with the same content hash is a no-op (idempotent re-ingest);
        changed content becomes a new version and the old one stays, not current.
        """
        status, version = self.article_status(article)
        if status == "unchanged":
            return status
        insert = f"INSERT INTO articles ({', '.join(ARTICLE_COLUMNS)}) VALUES ({', '.join('?' * len(ARTICLE_COLUMNS))})"
        values = _article_values(article, version)
        if status == "new":  # one statement is atomic on its own: no BEGIN/COMMIT round trips
            self.con.execute(insert, values)
            return "new"
        with self.transaction():
            self.con.execute("UPDATE articles SET is_current = false WHERE id = ?", [article.id])
            self._delete_derived([article.id])
            self.con.execute(insert, values)
        return "version"

    def put_new_articles(self, articles: list[Article]) -> None:
        """Insert articles whose ids are not stored yet (``article_status`` said
        "new"), as version 1, in one statement: an ``INSERT`` per article cost
        DuckDB 5-10 ms of CPU each, as much as a tenth of analysing one."""
        self._insert("articles", ARTICLE_COLUMNS, [_article_values(a, 1) for a in articles])

    def get_article(self, key: str) -> Article | None:
        """Current version by id or URL."""
        cur = self.con.execute(
            f"SELECT {', '.join(ARTICLE_COLUMNS)} FROM articles WHERE is_current AND (id = ? OR url = ? OR canonical_url = ?) LIMIT 1",
            [key, key, key],
        )
        row = cur.fetchone()
        return _row_to_article(row) if row else None

    def iter_articles(self, since: datetime | None = None, only_unanalyzed: bool = False) -> Iterator[Article]:
        where = ["is_current"]
        params: list = []
        if since is not None:
            where.append("ingested_at >= ?")
            params.append(since)
        if only_unanalyzed:
            where.append("analyzed_version IS NULL")
        ids = [r[0] for r in self.con.execute(
            f"SELECT id FROM articles WHERE {' AND '.join(where)} ORDER BY ingested_at, id", params
        ).fetchall()]
        for article_id in ids:
            art = self.get_article(article_id)
            if art is not None:
                yield art

    def record_error(self, item: str, reason: str) -> None:
        self.con.execute("INSERT INTO ingest_errors (item, reason) VALUES (?, ?)", [item, reason])

    # -- derived facts -----------------------------------------------------
    DERIVED_TABLES = ("mentions", "quotes", "events")

    def _delete_derived(self, article_ids: list[str]) -> None:
        for table in self.DERIVED_TABLES:
            self.con.execute(f"DELETE FROM {table} WHERE article_id IN (SELECT unnest(?))", [article_ids])

    def put_analysis(self, analysis: Analysis) -> None:
        """Replace all derived facts of the article with ``analysis``."""
        self.put_analyses([analysis])

    def put_analyses(self, analyses: list[Analysis]) -> None:
        """Replace the derived facts of several articles in one transaction.

        Each table gets one set-wise insert from an Arrow batch instead of one
        statement per row: binding Python parameters costs DuckDB about 0.5 ms
        a row, which made storing an article cost as much as analysing it.
        An article listed twice keeps its last analysis.
        """
        latest = {a.article.id: a for a in analyses}
        if not latest:
            return
        batch = list(latest.values())
        from ..entities.corrections import apply_corrections, list_corrections

        corrections = list_corrections(self.con)  # analysts' corrections survive re-analysis
        if corrections:
            for analysis in batch:
                apply_corrections(analysis, corrections, self.con)
        with self.transaction():
            self._delete_derived(list(latest))
            self._insert("entities", ENTITY_COLUMNS, _entity_rows(batch),
                         "ON CONFLICT (id) DO UPDATE SET "
                         "aliases = list_distinct(list_concat(entities.aliases, excluded.aliases)), "
                         "pipeline_version = excluded.pipeline_version")
            self._insert("mentions", MENTION_COLUMNS, [r for a in batch for r in _mention_rows(a)])
            self._insert("quotes", QUOTE_COLUMNS, [r for a in batch for r in _quote_rows(a)])
            self._insert("events", EVENT_COLUMNS, [r for a in batch for r in _event_rows(a)])
            by_version: dict[str, list[str]] = {}
            for a in batch:
                by_version.setdefault(a.pipeline_version, []).append(a.article.id)
            for pv, ids in by_version.items():
                self.con.execute("UPDATE articles SET analyzed_version = ? WHERE is_current AND id IN "
                                 "(SELECT unnest(?))", [pv, ids])

    def _insert(self, table: str, columns: list[str], rows: list[list], suffix: str = "") -> None:
        """``INSERT INTO table (columns) <rows> suffix`` as one statement over an Arrow table."""
        if not rows:
            return
        import pyarrow as pa

        types = self._arrow_types(table)
        names = [f"c{i}" for i in range(len(columns))]
        arrays = [pa.array([r[i] for r in rows], type=types.get(col.strip('"'))) for i, col in enumerate(columns)]
        self.con.register("_depesche_batch", pa.Table.from_arrays(arrays, names=names))
        try:
            self.con.execute(f"INSERT INTO {table} ({', '.join(columns)}) SELECT {', '.join(names)} "
                             f"FROM _depesche_batch {suffix}")
        finally:
            self.con.unregister("_depesche_batch")

    def _arrow_types(self, table: str) -> dict:
        """Column name -> Arrow type of ``table`` (cached; ``None`` lets Arrow infer)."""
        cache = self.__dict__.setdefault("_arrow_type_cache", {})
        if table not in cache:
            cache[table] = {name: _arrow_type(dtype) for name, dtype in self.con.execute(
                "SELECT column_name, data_type FROM information_schema.columns WHERE table_name = ? "
                "AND table_schema = 'main'", [table]).fetchall()}
        return cache[table]

    def delete_articles(self, article_ids: list[str]) -> int:
        """Remove articles (all versions) and everything derived from them."""
        if not article_ids:
            return 0
        with self.transaction():
            self._delete_derived(article_ids)
            # rows of other components' tables that name the article (duplicate groups, story members …)
            for (table,) in self.con.execute(
                "SELECT DISTINCT table_name FROM duckdb_columns() WHERE column_name = 'article_id' "
                "AND database_name = current_database() AND schema_name = 'main'"
            ).fetchall():
                if table not in self.DERIVED_TABLES:
                    self.con.execute(f'DELETE FROM "{table}" WHERE article_id IN (SELECT unnest(?))', [article_ids])
            n = self.con.execute(
                "SELECT count(DISTINCT id) FROM articles WHERE id IN (SELECT unnest(?))", [article_ids]
            ).fetchone()[0]
            self.con.execute("DELETE FROM articles WHERE id IN (SELECT unnest(?))", [article_ids])
            # entities no longer mentioned anywhere go too
            self.con.execute(
                "DELETE FROM entities WHERE id NOT IN (SELECT entity_id FROM mentions WHERE entity_id IS NOT NULL) "
                "AND id NOT IN (SELECT speaker_entity_id FROM quotes WHERE speaker_entity_id IS NOT NULL)"
            )
        return n


    # -- ingest bookkeeping, statistics, export (used by the CLI) ------------
    def note_error(self, item: str, reason: str) -> bool:
        """Record an error once: the same item and reason again only refreshes
        its time, so re-running an ingest adds no duplicate rows.  Returns
        whether a new row was added."""
        hit = self.con.execute(
            "SELECT count(*) FROM ingest_errors WHERE item = ? AND reason = ?", [item, reason]
        ).fetchone()[0]
        if hit:
            self.con.execute('UPDATE ingest_errors SET "at" = current_timestamp WHERE item = ? AND reason = ?',
                             [item, reason])
            return False
        self.record_error(item, reason)
        return True

    def clear_errors(self, item: str, keep: list[str] | None = None, prefix: str | None = None) -> int:
        """Forget old errors of an item that now reads fine (all but ``keep``;
        with ``prefix`` only reasons starting with it).  Returns rows removed."""
        sql = "DELETE FROM ingest_errors WHERE item = ? AND NOT list_contains(?, reason)"
        params: list = [item, list(keep or [])]
        if prefix is not None:
            sql += " AND starts_with(reason, ?)"
            params.append(prefix)
        n = self.con.execute(sql.replace("DELETE", "SELECT count(*)", 1), params).fetchone()[0]
        if n:
            self.con.execute(sql, params)
        return n

    def analyzed_version(self, article_id: str) -> str | None:
        row = self.con.execute(
            "SELECT analyzed_version FROM articles WHERE id = ? AND is_current", [article_id]
        ).fetchone()
        return row[0] if row else None

    def article_ids(self, *, key: str | None = None, url: str | None = None, outlet: str | None = None) -> list[str]:
        """Ids of stored articles (any version) by id-or-URL, by URL, or by outlet."""
        from ..ingest.common import normalize_url, sha256

        if key is not None:
            sql, params = "id = ? OR url = ? OR canonical_url = ?", [key, key, key]
        elif url is not None:
            norm = normalize_url(url)
            sql, params = "id = ? OR url = ? OR canonical_url = ?", [sha256(norm)[:16] if norm else url, url, url]
        elif outlet is not None:
            sql, params = "lower(outlet) = lower(?)", [outlet]
        else:
            return []
        return [r[0] for r in self.con.execute(f"SELECT DISTINCT id FROM articles WHERE {sql} ORDER BY id", params)
                .fetchall()]

    def fact_counts(self, article_id: str | None = None) -> dict[str, int]:
        """Number of mentions, quotes and events (of one article, or all)."""
        out = {}
        for table in self.DERIVED_TABLES:
            if article_id is None:
                out[table] = self.con.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
            else:
                out[table] = self.con.execute(
                    f"SELECT count(*) FROM {table} WHERE article_id = ?", [article_id]).fetchone()[0]
        if article_id is None:
            out["entities"] = self.con.execute("SELECT count(*) FROM entities").fetchone()[0]
        else:
            out["entities"] = self.con.execute(
                "SELECT count(DISTINCT entity_id) FROM mentions WHERE article_id = ? AND entity_id IS NOT NULL",
                [article_id]).fetchone()[0]
        return out

    def stats(self, top: int = 10) -> dict:
        """Corpus overview: articles by format/outlet/language, errors, facts."""
        q = self.con.execute

        def grouped(col: str) -> list[tuple[str, int]]:
            return q(f"SELECT coalesce({col}, '(none)') AS k, count(*) AS n FROM articles WHERE is_current "
                     f"GROUP BY k ORDER BY n DESC, k LIMIT {int(top)}").fetchall()

        return {
            "articles": q("SELECT count(*) FROM articles WHERE is_current").fetchone()[0],
            "versions": q("SELECT count(*) FROM articles").fetchone()[0],
            "analyzed": q("SELECT count(*) FROM articles WHERE is_current AND analyzed_version IS NOT NULL")
            .fetchone()[0],
            "by_format": grouped("format"),
            "by_outlet": grouped("outlet"),
            "by_language": grouped("language"),
            "errors": q("SELECT count(*) FROM ingest_errors").fetchone()[0],
            "top_errors": q("SELECT reason, count(*) AS n FROM ingest_errors GROUP BY reason "
                            f"ORDER BY n DESC, reason LIMIT {int(top)}").fetchall(),
            "facts": self.fact_counts(),
        }

    EXPORT_TABLES = ("articles", "mentions", "entities", "quotes", "events", "ingest_errors")
    EXPORT_FORMATS = ("parquet", "jsonl", "csv")

    def export(self, table: str, fmt: str, out: str | Path, all_versions: bool = False) -> int:
        """Write a table to ``out`` (Parquet, JSON lines or CSV); returns the row count.
        Articles are exported in their current version unless ``all_versions``."""
        if table not in self.EXPORT_TABLES:
            raise ValueError(f"unknown table {table!r}; one of {', '.join(self.EXPORT_TABLES)}")
        if fmt not in self.EXPORT_FORMATS:
            raise ValueError(f"unknown format {fmt!r}; one of {', '.join(self.EXPORT_FORMATS)}")
        where = " WHERE is_current" if table == "articles" and not all_versions else ""
        select = f"SELECT * FROM {table}{where}"
        n = self.con.execute(f"SELECT count(*) FROM ({select})").fetchone()[0]
        options = {"parquet": "FORMAT parquet", "jsonl": "FORMAT json", "csv": "FORMAT csv, HEADER"}[fmt]
        target = str(out).replace("'", "''")
        self.con.execute(f"COPY ({select}) TO '{target}' ({options})")
        return n


ENTITY_COLUMNS = ["id", "type", "name", "aliases", "country", "kb_id", "wikidata", "pipeline_version"]
MENTION_COLUMNS = ["article_id", "start", '"end"', "text", "label", "entity_id", "kind", "confidence",
                   "pipeline_version"]
QUOTE_COLUMNS = [
    "id", "article_id", "n", "type", "medium", "quote_start", "quote_end", "quote_text", "quote_spans",
    "cue_text", "cue_spans", "speaker_text", "speaker_spans", "frame_spans", "addressee_text", "addressee_spans",
    "speaker_entity_id", "speaker_name", "speaker_chain", "sentence_start", "sentence_end", "nested_in",
    "confidence", "pipeline_version",
]
EVENT_COLUMNS = [
    "id", "article_id", "n", "type", "mode", "source_text", "source_start", "source_end", "source_canonical",
    "source_entity_id", "target_text", "target_start", "target_end", "target_canonical", "target_entity_id",
    "event_date", "date_start", "date_end", "date_text", "location_text", "location_start", "location_end",
    "location_code", "reciprocal", "cue_text", "cue_start", "cue_end", "sentence_start", "sentence_end",
    "quote_id", "asserted_by", "confidence", "pipeline_version",
]


def _entity_rows(batch: list[Analysis]) -> list[list]:
    """One row per entity id over the batch: the first description, every alias,
    the last pipeline version -- what one upsert per article would leave."""
    rows: dict[str, list] = {}
    for a in batch:
        for e in a.entities:
            row = rows.get(e.id)
            if row is None:
                rows[e.id] = [e.id, e.type, e.name, list(e.aliases or []), e.country, e.kb_id, e.wikidata,
                              a.pipeline_version]
            else:
                row[3] = row[3] + [x for x in (e.aliases or []) if x not in row[3]]
                row[7] = a.pipeline_version
    return list(rows.values())


def _mention_rows(a: Analysis) -> list[list]:
    return [[a.article.id, m.start, m.end, m.text, m.label, m.entity_id, m.kind, m.confidence, a.pipeline_version]
            for m in a.mentions]


def _quote_rows(a: Analysis) -> list[list]:
    art_id = a.article.id
    return [[f"{art_id}:q{n}", art_id, n, q.type, q.medium, q.start, q.end, _join(q.quote),
             _spans_json(q.quote), _join(q.cue), _spans_json(q.cue), _join(q.speaker),
             _spans_json(q.speaker), _spans_json(q.frame), _join(q.addressee), _spans_json(q.addressee),
             q.speaker_entity_id, q.speaker_name, _spans_json(q.speaker_chain),
             q.sentence.start if q.sentence else None, q.sentence.end if q.sentence else None,
             q.nested_in, q.confidence, a.pipeline_version]
            for n, q in enumerate(a.quotes)]


def _event_rows(a: Analysis) -> list[list]:
    art_id = a.article.id
    rows = []
    for n, ev in enumerate(a.events):
        loc, cue = ev.location, ev.cue
        rows.append([
            f"{art_id}:e{n}", art_id, n, ev.type, ev.mode, *_actor_cols(ev.source), *_actor_cols(ev.target),
            ev.date, ev.date_start, ev.date_end, ev.date_text,
            loc.text if loc else None, loc.start if loc else None, loc.end if loc else None,
            ev.location_code, ev.reciprocal,
            cue.text if cue else None, cue.start if cue else None, cue.end if cue else None,
            ev.sentence.start, ev.sentence.end,
            f"{art_id}:q{ev.quote_index}" if ev.quote_index is not None else None,
            ev.asserted_by, ev.confidence, a.pipeline_version,
        ])
    return rows


def _article_values(article: Article, version: int) -> list:
    """The ``ARTICLE_COLUMNS`` row of ``article`` as its current version ``version``."""
    ref = article.source_ref or SourceRef("")
    return [
        article.id, version, True, article.url, article.canonical_url, article.outlet,
        article.section, article.kicker, article.headline, article.teaser, article.body,
        json.dumps([p.__dict__ for p in article.paragraphs]), article.published, article.modified,
        article.authors, article.agency, article.author_initials, article.image, article.caption,
        article.credit, article.keywords, article.language,
        (article.language == "de") if article.language else None, article.format,
        article.content_hash, ref.location, ref.offset, ref.sha256,
        json.dumps(article.extra, ensure_ascii=False, default=str),
    ]


def _arrow_type(duckdb_type: str):
    """The Arrow type that DuckDB reads back as ``duckdb_type`` (None: let Arrow infer)."""
    import pyarrow as pa

    simple = {"VARCHAR": pa.string(), "JSON": pa.string(), "INTEGER": pa.int32(), "BIGINT": pa.int64(),
              "DOUBLE": pa.float64(), "BOOLEAN": pa.bool_(), "DATE": pa.date32(),
              "TIMESTAMP WITH TIME ZONE": pa.timestamp("us", tz="UTC"), "VARCHAR[]": pa.list_(pa.string())}
    return simple.get(duckdb_type)


def _connect(path: str, read_only: bool, lock_timeout: float):
    """Open the file, waiting up to ``lock_timeout`` seconds while another process
    holds DuckDB's file lock (the web server copying a snapshot, a short query):
    one writer or many readers at a time is DuckDB's rule, and a brief wait beats
    a failed ingest."""
    import time

    deadline = time.monotonic() + lock_timeout
    delay = 0.05
    while True:
        try:
            return duckdb.connect(path, read_only=read_only)
        except duckdb.IOException as exc:
            if "lock" not in str(exc).lower() or time.monotonic() >= deadline:
                raise
            time.sleep(delay)
            delay = min(delay * 2, 1.0)


def _actor_cols(actor) -> list:
    if actor is None:
        return [None] * 5
    sp = actor.span
    return [sp.text if sp else None, sp.start if sp else None, sp.end if sp else None,
            actor.canonical, actor.entity_id]


def _row_to_article(row) -> Article:
    d = dict(zip(ARTICLE_COLUMNS, row))
    paragraphs = [Paragraph(**p) for p in json.loads(d["paragraphs"] or "[]")]
    return Article(
        id=d["id"], url=d["url"], canonical_url=d["canonical_url"], outlet=d["outlet"], section=d["section"],
        kicker=d["kicker"], headline=d["headline"], teaser=d["teaser"], body=d["body"], paragraphs=paragraphs,
        published=d["published"], modified=d["modified"], authors=list(d["authors"] or []), agency=d["agency"],
        author_initials=d["author_initials"], image=d["image"], caption=d["caption"], credit=d["credit"],
        keywords=list(d["keywords"] or []), language=d["language"], format=d["format"] or "",
        content_hash=d["content_hash"],
        source_ref=SourceRef(d["source_ref"] or "", d["source_offset"], d["source_sha256"] or ""),
        extra=json.loads(d["extra"] or "{}"),
    )


def utcnow() -> datetime:
    return datetime.now(timezone.utc)

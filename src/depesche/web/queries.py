"""The SQL behind every page and API endpoint, one function per question.

Every function takes a DuckDB cursor on a serving snapshot (see
:mod:`depesche.web.snapshot`) and returns plain dicts, so the JSON API, the
downloads and the HTML pages share one implementation.  User input only
ever reaches SQL as bound parameters.
"""
from __future__ import annotations

import json
import math
import re
import threading
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

import duckdb

QUERY_TIMEOUT = 10.0  # seconds; a runaway query is interrupted, not waited for


class QueryTimeout(RuntimeError):
    """A query ran longer than the server allows."""


def run(cur: duckdb.DuckDBPyConnection, sql: str, params: list | None = None,
        timeout: float = QUERY_TIMEOUT) -> list[dict[str, Any]]:
    """Execute ``sql`` and return rows as dicts, interrupting it after ``timeout``."""
    timer = threading.Timer(timeout, cur.interrupt)
    timer.start()
    try:
        cur.execute(sql, params or [])
        cols = [d[0] for d in cur.description]
        return [dict(zip(cols, row)) for row in cur.fetchall()]
    except duckdb.InterruptException as exc:
        raise QueryTimeout(f"query took longer than {timeout:.0f}s") from exc
    finally:
        timer.cancel()


def has_table(cur, name: str) -> bool:
    return bool(cur.execute(
        "SELECT count(*) FROM duckdb_tables() WHERE schema_name = 'main' AND table_name = ?", [name]
    ).fetchone()[0])


def table_columns(cur, name: str) -> list[str]:
    return [r[0] for r in cur.execute(
        "SELECT column_name FROM duckdb_columns() WHERE schema_name = 'main' AND table_name = ? "
        "ORDER BY column_index", [name]
    ).fetchall()]


# -- filters shared by article lists and search --------------------------------

@dataclass
class ArticleFilter:
    """Filters every article list accepts.  ``entity`` and ``speaker`` match an
    entity id exactly or a (part of a) name, case-insensitively."""

    outlet: str | None = None
    section: str | None = None
    date_from: date | None = None
    date_to: date | None = None
    entity: str | None = None
    speaker: str | None = None

    def sql(self, alias: str = "a") -> tuple[str, list]:
        where, params = [], []
        if self.outlet:
            where.append(f"{alias}.outlet = ?")
            params.append(self.outlet)
        if self.section:
            where.append(f"{alias}.section = ?")
            params.append(self.section)
        if self.date_from:
            where.append(f"{alias}.published >= CAST(? AS DATE)")
            params.append(self.date_from)
        if self.date_to:  # inclusive: the whole last day
            where.append(f"{alias}.published < CAST(? AS DATE)")
            params.append(self.date_to + timedelta(days=1))
        if self.entity:
            where.append(
                f"{alias}.id IN (SELECT ae.article_id FROM web_article_entities ae JOIN entities e ON e.id = ae.entity_id "
                "WHERE e.id = ? OR contains(lower(e.name), lower(?)))"
            )
            params += [self.entity, self.entity]
        if self.speaker:
            where.append(
                f"{alias}.id IN (SELECT article_id FROM quotes WHERE speaker_entity_id = ? "
                "OR contains(lower(coalesce(speaker_name, speaker_text, '')), lower(?)))"
            )
            params += [self.speaker, self.speaker]
        return (" AND ".join(where) or "true"), params


ARTICLE_LIST_COLUMNS = (
    "a.id, a.headline, a.kicker, a.teaser, a.outlet, a.section, a.published, a.authors, a.agency, a.url, a.language"
)
LIST_COLUMN_NAMES = ", ".join(c.strip().removeprefix("a.") for c in ARTICLE_LIST_COLUMNS.split(","))


def list_articles(cur, flt: ArticleFilter, limit: int, offset: int) -> tuple[int, list[dict]]:
    where, params = flt.sql()
    total = cur.execute(f"SELECT count(*) FROM articles a WHERE {where}", params).fetchone()[0]
    rows = run(cur, f"SELECT {ARTICLE_LIST_COLUMNS} FROM articles a WHERE {where} "
                    "ORDER BY a.published DESC NULLS LAST, a.id LIMIT ? OFFSET ?", params + [limit, offset])
    return total, rows


BM25_K, BM25_B = 1.2, 0.75
TITLE_WEIGHT = 2  # a headline word counts as 1 + 2 occurrences


def tokens(q: str) -> list[str]:
    """The FTS tokeniser (lower case, FTS_IGNORE characters split) in Python."""
    from .snapshot import FTS_IGNORE, GERMAN_STOPWORDS

    stop = set(GERMAN_STOPWORDS)
    return [w for w in re.sub(FTS_IGNORE, " ", q.lower()).split() if w not in stop]


def query_terms(cur, q: str) -> list[str]:
    """The index terms of a query: tokenised, stopwords dropped, stemmed, as
    the index was built."""
    return sorted(set(stems(cur, tokens(q))))


def search_articles(cur, q: str, flt: ArticleFilter, limit: int, offset: int) -> tuple[int, list[dict]]:
    """BM25 ranking over headline and text; every query word must occur.

    Same scoring as the fts extension's ``match_bm25`` (plus a headline
    boost) but read from the term-sorted ``web_postings`` table, whose
    rows carry their precomputed term-frequency part; one constant
    ``termid`` filter per term lets DuckDB's zone maps skip the rest.
    """
    terms = query_terms(cur, q)
    if not terms:
        return 0, []
    found = cur.execute(
        "SELECT termid, df FROM fts_main_web_search_docs.dict WHERE term IN (SELECT unnest(?))", [terms]
    ).fetchall()
    if len(found) < len(terms):  # a word no article contains: nothing matches them all
        return 0, []
    n_docs = cur.execute("SELECT num_docs FROM fts_main_web_search_docs.stats").fetchone()[0]
    idf = {termid: math.log((n_docs - df + 0.5) / (df + 0.5) + 1) for termid, df in found}
    postings = " UNION ALL ".join(
        "SELECT docid, part * CAST(? AS DOUBLE) AS s FROM web_postings WHERE termid = ?" for _ in found)
    p_params = [x for termid, _ in found for x in (idf[termid], termid)]
    where, params = flt.sql("m")
    if where == "true":  # no filter: rank the hits alone, read dates and ids of the page only
        page = _rank_unfiltered(cur, postings, p_params, len(found), limit, offset)
        if page is not None:
            return page
    sql = (
        f"WITH p AS ({postings}), "
        "hits AS (SELECT docid, sum(s) AS score FROM p GROUP BY docid HAVING count(*) = ?) "
        "SELECT h.docid, h.score, count(*) OVER () AS total_hits "
        f"FROM hits h JOIN web_search_meta m ON m.docid = h.docid WHERE {where} "
        "ORDER BY h.score DESC, m.published DESC NULLS LAST, m.id LIMIT ? OFFSET ?"
    )
    base_params = p_params + [len(found)] + params
    ranked = run(cur, sql, base_params + [limit, offset])
    if ranked:
        total = ranked[0]["total_hits"]
    elif offset:
        total = run(cur, sql, base_params + [1, 0])
        total = total[0]["total_hits"] if total else 0
    else:
        total = 0
    listed = search_list_rows(cur, [r["docid"] for r in ranked])
    return total, [{**listed[r["docid"]], "docid": r["docid"], "score": r["score"]} for r in ranked]


#: Hits tied with the last one of a page that the unfiltered ranking sorts
#: in Python; more ties than this go through the join with web_search_meta.
MAX_TIED_CANDIDATES = 1000


def _rank_unfiltered(cur, postings: str, p_params: list, n_terms: int, limit: int, offset: int
                     ) -> tuple[int, list[dict]] | None:
    """A page of an unfiltered search, ranked as the joined query ranks it
    (score, then newest, then id) without joining every hit with
    ``web_search_meta``: only hits scoring at least the page's last score
    can be on the page, and their dates come by point lookups.  At
    1,000,000 articles the join cost 60-500 ms.  ``None`` when too many
    hits tie (the caller ranks in SQL)."""
    hits = (f"SELECT docid, s AS score FROM ({postings})" if n_terms == 1 else
            f"SELECT docid, sum(s) AS score FROM ({postings}) GROUP BY docid HAVING count(*) = {int(n_terms)}")
    candidates = run(cur, (
        f"WITH hits AS ({hits}), cut AS (SELECT score FROM hits ORDER BY score DESC LIMIT 1 OFFSET ?) "
        "SELECT docid, score, (SELECT count(*) FROM hits) AS total FROM hits "
        "WHERE score >= coalesce((SELECT score FROM cut), '-inf'::DOUBLE) LIMIT ?"
    ), p_params + [max(limit + offset - 1, 0), MAX_TIED_CANDIDATES + 1])
    if len(candidates) > MAX_TIED_CANDIDATES:
        return None
    if not candidates:
        return 0, []
    listed = search_list_rows(cur, [c["docid"] for c in candidates])

    def order(c: dict):
        published = listed[c["docid"]]["published"]
        return (-c["score"], published is None, -published.timestamp() if published else 0.0,
                listed[c["docid"]]["id"])

    page = sorted(candidates, key=order)[offset:offset + limit]
    return candidates[0]["total"], [{**listed[c["docid"]], "docid": c["docid"], "score": c["score"]} for c in page]


def search_list_rows(cur, docids: list[int]) -> dict[int, dict]:
    """docid → the article-list columns of a page of hits, by point lookups in
    ``web_search_list`` (a join with ``articles`` would scan every article:
    80 ms at 1,000,000 articles, against 4 ms)."""
    if not docids:
        return {}
    in_list = ", ".join(str(int(d)) for d in docids)  # integers only: safe to inline
    rows = run(cur, f"SELECT docid, {LIST_COLUMN_NAMES} FROM web_search_list "
                    f"WHERE docid IN ({in_list})")
    return {r.pop("docid"): r for r in rows}


def search_texts(cur, docids: list[int]) -> dict[int, tuple[str, str]]:
    """docid → (article id, teaser and body) for a page of hits."""
    if not docids:
        return {}
    in_list = ", ".join(str(int(d)) for d in docids)  # integers only: safe to inline
    return {r[0]: (r[1], r[2]) for r in cur.execute(
        f"SELECT docid, id, text FROM web_search_texts WHERE docid IN ({in_list})").fetchall()}


def stems(cur, words: list[str]) -> list[str]:
    """German Snowball stems, the same the FTS index uses."""
    if not words:
        return []
    return cur.execute("SELECT list_transform(?::VARCHAR[], x -> stem(x, 'german'))",
                       [[w.lower() for w in words]]).fetchone()[0]


def facets(cur) -> dict[str, list[str]]:
    """Outlets and sections for the search form's drop-downs (bounded)."""
    out = {}
    for col in ("outlet", "section"):
        out[col + "s"] = [r[0] for r in cur.execute(
            f"SELECT {col} FROM articles WHERE {col} IS NOT NULL GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 200"
        ).fetchall()]
    return out


# -- one article ---------------------------------------------------------------

def get_article(cur, article_id: str) -> dict | None:
    rows = run(cur, "SELECT * EXCLUDE (is_current) FROM articles WHERE id = ?", [article_id])
    if not rows:
        return None
    art = rows[0]
    for key in ("paragraphs", "extra"):
        art[key] = _json(art.get(key))
    art["mentions"] = run(cur, (
        'SELECT m.start, m."end", m.text, m.label, m.entity_id, m.kind, m.confidence, e.name AS entity_name, '
        "e.type AS entity_type FROM mentions m LEFT JOIN entities e ON e.id = m.entity_id "
        "WHERE m.article_id = ? ORDER BY m.start"
    ), [article_id])
    quotes = run(cur, (
        "SELECT q.*, e.name AS speaker_entity_name FROM quotes q LEFT JOIN entities e ON e.id = q.speaker_entity_id "
        "WHERE q.article_id = ? ORDER BY q.n"
    ), [article_id])
    for q in quotes:
        for key in ("quote_spans", "cue_spans", "speaker_spans", "frame_spans", "addressee_spans", "speaker_chain"):
            q[key] = _json(q.get(key)) or []
    art["quotes"] = quotes
    art["events"] = run(cur, "SELECT * FROM events WHERE article_id = ? ORDER BY n", [article_id])
    art["entities"] = run(cur, (
        "SELECT e.id, e.type, e.name, e.country, e.wikidata, ae.n AS mentions FROM web_article_entities ae "
        "JOIN entities e ON e.id = ae.entity_id WHERE ae.article_id = ? ORDER BY ae.n DESC, e.name"
    ), [article_id])
    return art


def _json(value):
    if isinstance(value, str):
        try:
            return json.loads(value)
        except ValueError:
            return None
    return value


# -- entities ------------------------------------------------------------------

def list_entities(cur, q: str | None, type_: str | None, limit: int, offset: int) -> tuple[int, list[dict]]:
    where, params = ["true"], []
    if q:
        where.append("(e.id = ? OR contains(lower(e.name), lower(?)))")
        params += [q, q]
    if type_:
        where.append("e.type = ?")
        params.append(type_)
    w = " AND ".join(where)
    total = cur.execute(f"SELECT count(*) FROM entities e WHERE {w}", params).fetchone()[0]
    rows = run(cur, (
        "SELECT e.id, e.type, e.name, e.country, e.wikidata, coalesce(c.articles, 0) AS articles, "
        "coalesce(c.mentions, 0) AS mentions FROM entities e LEFT JOIN (SELECT entity_id, count(*) AS articles, "
        "sum(n) AS mentions FROM web_article_entities GROUP BY 1) c ON c.entity_id = e.id "
        f"WHERE {w} ORDER BY articles DESC, e.name, e.id LIMIT ? OFFSET ?"
    ), params + [limit, offset])
    return total, rows


def get_entity(cur, entity_id: str) -> dict | None:
    rows = run(cur, "SELECT * FROM entities WHERE id = ?", [entity_id])
    if rows:
        ent = rows[0]
    else:
        # a speaker or event actor can carry an id the entities table lacks
        seen = cur.execute(
            "SELECT (SELECT any_value(speaker_name) FROM quotes WHERE speaker_entity_id = ?), "
            "(SELECT count(*) FROM mentions WHERE entity_id = ?)", [entity_id, entity_id]
        ).fetchone()
        if seen[0] is None and not seen[1]:
            return None
        ent = {"id": entity_id, "type": None, "name": seen[0] or entity_id, "aliases": []}
    ent["articles"], ent["mention_count"] = cur.execute(
        "SELECT count(*), coalesce(sum(n), 0) FROM web_article_entities WHERE entity_id = ?", [entity_id]
    ).fetchone()
    return ent


def entity_quotes(cur, entity_id: str, limit: int = 500) -> list[dict]:
    # web_entity_quotes: quotes with their article's columns, sorted by speaker (snapshot.py)
    return run(cur, (
        "SELECT id, article_id, type, medium, quote_text, cue_text, speaker_text, speaker_name, "
        "outlet, headline, published, day FROM web_entity_quotes WHERE speaker_entity_id = ? AND k <= ? "
        "ORDER BY k"
    ), [entity_id, limit])


def _event_columns(art: str) -> str:
    """The columns of an event list; ``art`` names where the article's outlet,
    headline and date come from."""
    return (
        "ev.id, ev.article_id, ev.type, ev.mode, ev.source_text, ev.source_canonical, ev.source_entity_id, "
        "ev.target_text, ev.target_canonical, ev.target_entity_id, ev.event_date, ev.date_text, ev.location_text, "
        f"ev.location_code, ev.cue_text, ev.asserted_by, ev.confidence, {art}"
    )


EVENT_COLUMNS = _event_columns("a.outlet, a.headline, a.published")


def list_events(cur, *, entity: str | None = None, type_: str | None = None, source: str | None = None,
                target: str | None = None, article: str | None = None, date_from: date | None = None,
                date_to: date | None = None, limit: int = 50, offset: int = 0) -> tuple[int, list[dict]]:
    where, params = ["true"], []
    if entity:
        # one entity's events, joined with their articles in advance (snapshot.py)
        source_sql = "web_entity_events ev"
        columns = _event_columns("ev.article_outlet AS outlet, ev.article_headline AS headline, "
                                 "ev.article_published AS published")
        day = "ev.day"
        where.append("ev.entity_id = ?")
        params.append(entity)
    else:
        source_sql = "events ev LEFT JOIN articles a ON a.id = ev.article_id"
        columns = EVENT_COLUMNS
        day = "coalesce(ev.event_date, CAST(a.published AS DATE))"
    if type_:
        where.append("ev.type = ?")
        params.append(type_)
    for role, value in (("source", source), ("target", target)):
        if value:
            where.append(f"(ev.{role}_entity_id = ? OR contains(lower(coalesce(ev.{role}_canonical, ev.{role}_text, '')), lower(?)))")
            params += [value, value]
    if article:
        where.append("ev.article_id = ?")
        params.append(article)
    if date_from:
        where.append(f"{day} >= ?")
        params.append(date_from)
    if date_to:
        where.append(f"{day} <= ?")
        params.append(date_to)
    w = " AND ".join(where)
    base = f"FROM {source_sql} WHERE {w}"
    total = cur.execute(f"SELECT count(*) {base}", params).fetchone()[0]
    if entity and len(where) == 2:  # only the entity: its page is a range of the precomputed order k
        rows = run(cur, f"SELECT {columns} {base} AND ev.k > ? AND ev.k <= ? ORDER BY ev.k",
                   params + [offset, offset + limit])
    else:
        rows = run(cur, f"SELECT {columns} {base} ORDER BY {day} DESC NULLS LAST, ev.id LIMIT ? OFFSET ?",
                   params + [limit, offset])
    return total, rows


def list_quotes(cur, *, speaker: str | None = None, article: str | None = None, q: str | None = None,
                type_: str | None = None, flt: ArticleFilter | None = None, limit: int = 50,
                offset: int = 0) -> tuple[int, list[dict]]:
    where, params = ["true"], []
    if speaker:
        where.append("(qu.speaker_entity_id = ? OR contains(lower(coalesce(qu.speaker_name, qu.speaker_text, '')), lower(?)))")
        params += [speaker, speaker]
    if article:
        where.append("qu.article_id = ?")
        params.append(article)
    if q:
        where.append("contains(lower(qu.quote_text), lower(?))")
        params.append(q)
    if type_:
        where.append("qu.type = ?")
        params.append(type_)
    if flt:
        w, p = flt.sql("a")
        where.append(w)
        params += p
    w = " AND ".join(where)
    base = f"FROM quotes qu JOIN articles a ON a.id = qu.article_id WHERE {w}"
    total = cur.execute(f"SELECT count(*) {base}", params).fetchone()[0]
    rows = run(cur, (
        "SELECT qu.id, qu.article_id, qu.type, qu.medium, qu.quote_text, qu.cue_text, qu.speaker_text, "
        "qu.speaker_name, qu.speaker_entity_id, qu.addressee_text, qu.confidence, a.outlet, a.headline, a.published "
        f"{base} ORDER BY a.published DESC NULLS LAST, qu.article_id, qu.n LIMIT ? OFFSET ?"
    ), params + [limit, offset])
    return total, rows


def co_mentioned(cur, entity_id: str, limit: int = 25) -> list[dict]:
    from .snapshot import CO_MENTIONS_KEPT

    if limit <= CO_MENTIONS_KEPT:  # counted for every entity when the snapshot was built
        return run(cur, "SELECT id, name, type, articles FROM web_co_mentions WHERE entity_id = ? "
                        "ORDER BY articles DESC, name, id LIMIT ?", [entity_id, limit])
    return run(cur, (
        "SELECT e.id, e.name, e.type, count(*) AS articles FROM web_article_entities me "
        "JOIN web_article_entities other ON other.article_id = me.article_id AND other.entity_id <> me.entity_id "
        "JOIN entities e ON e.id = other.entity_id WHERE me.entity_id = ? "
        "GROUP BY ALL ORDER BY articles DESC, e.name, e.id LIMIT ?"
    ), [entity_id, limit])


def entity_timeline(cur, entity_id: str) -> list[dict]:
    """Mentions and quotes per day (the day the article was published), from
    the per-entity daily counts of the snapshot."""
    return run(cur, "SELECT day, mentions, quotes FROM web_entity_days WHERE entity_id = ? ORDER BY day",
               [entity_id])


# -- network -------------------------------------------------------------------

def network(cur, *, mode: str, date_from: date | None, date_to: date | None, max_nodes: int,
            min_weight: int = 1, max_links: int | None = None) -> dict:
    """Actors (nodes) and links (edges) weighted by events or shared articles.

    Only the ``max_nodes`` busiest actors are kept, so the graph stays
    readable and the pair query stays small on a large corpus.
    """
    art_where, art_params = ["true"], []
    if date_from:
        art_where.append("a.published >= CAST(? AS DATE)")
        art_params.append(date_from)
    if date_to:
        art_where.append("a.published < CAST(? AS DATE)")
        art_params.append(date_to + timedelta(days=1))
    aw = " AND ".join(art_where)
    edges: dict[tuple[str, str], dict] = {}
    names: dict[str, dict] = {}
    if mode in ("events", "both"):
        # an actor without entity id is keyed by its canonical name
        rows = run(cur, (
            "WITH ev AS (SELECT coalesce(ev.source_entity_id, 'name:' || coalesce(ev.source_canonical, ev.source_text)) AS s, "
            "coalesce(ev.target_entity_id, 'name:' || coalesce(ev.target_canonical, ev.target_text)) AS t, ev.type "
            f"FROM events ev JOIN articles a ON a.id = ev.article_id WHERE {aw}) "
            "SELECT s, t, count(*) AS weight, mode(type) AS top_type FROM ev WHERE s IS NOT NULL AND t IS NOT NULL "
            "AND s <> t GROUP BY s, t"
        ), art_params)
        for r in rows:
            key = tuple(sorted((r["s"], r["t"])))
            e = edges.setdefault(key, {"source": key[0], "target": key[1], "events": 0, "articles": 0, "types": {}})
            e["events"] += r["weight"]
            e["types"][r["top_type"]] = e["types"].get(r["top_type"], 0) + r["weight"]
    if mode in ("cooccurrence", "both"):
        rows = run(cur, (
            f"WITH ae AS (SELECT ae.article_id, ae.entity_id FROM web_article_entities ae JOIN articles a ON a.id = ae.article_id "
            f"JOIN entities e ON e.id = ae.entity_id WHERE {aw} AND e.type IN ('PER', 'ORG', 'LOC')), "
            "top AS (SELECT entity_id FROM ae GROUP BY 1 ORDER BY count(*) DESC, entity_id LIMIT ?), "
            "x AS (SELECT ae.* FROM ae JOIN top USING (entity_id)) "
            "SELECT x1.entity_id AS s, x2.entity_id AS t, count(*) AS weight FROM x x1 JOIN x x2 "
            "ON x1.article_id = x2.article_id AND x1.entity_id < x2.entity_id GROUP BY 1, 2 HAVING count(*) >= ?"
        ), art_params + [max_nodes * 2, min_weight])
        for r in rows:
            key = (r["s"], r["t"])
            e = edges.setdefault(key, {"source": key[0], "target": key[1], "events": 0, "articles": 0, "types": {}})
            e["articles"] += r["weight"]
    for e in edges.values():
        e["weight"] = e["events"] * 3 + e["articles"]  # an event says more than a shared page
    degree: dict[str, float] = {}
    for e in edges.values():
        for k in (e["source"], e["target"]):
            degree[k] = degree.get(k, 0) + e["weight"]
    keep = sorted(degree, key=lambda k: (-degree[k], k))[:max_nodes]
    keep_set = set(keep)
    ids = [k for k in keep if not k.startswith("name:")]
    if ids:
        for r in run(cur, "SELECT id, name, type FROM entities WHERE id IN (SELECT unnest(?))", [ids]):
            names[r["id"]] = r
    nodes = []
    for k in keep:
        info = names.get(k)
        nodes.append({
            "id": k,
            "name": info["name"] if info else (k[5:] if k.startswith("name:") else k),
            "type": info["type"] if info else None,
            "linked": info is not None,
            "weight": degree[k],
        })
    links = [
        {**e, "types": sorted(e["types"], key=lambda t: -e["types"][t])}
        for e in edges.values() if e["source"] in keep_set and e["target"] in keep_set
    ]
    links.sort(key=lambda e: (-e["weight"], e["source"], e["target"]))
    # a readable picture: the strongest links only (a few per node on average),
    # and only the actors they connect
    kept = links[:max_links or 4 * max_nodes]
    linked = {k for e in kept for k in (e["source"], e["target"])}
    return {"nodes": [n for n in nodes if n["id"] in linked], "links": kept, "links_total": len(links)}


# -- stories (a table another stage may or may not have created) ---------------

def stories(cur, limit: int, offset: int) -> dict:
    """Rows of the ``stories`` table, whatever its columns; empty if absent."""
    if not has_table(cur, "stories"):
        return {"available": False, "total": 0, "columns": [], "items": []}
    cols = table_columns(cur, "stories")
    order = next((c for c in ("n_articles", "size", "articles", "last_seen", "date_end", "updated_at") if c in cols), None)
    order_sql = f'ORDER BY "{order}" DESC NULLS LAST' if order else ""
    total = cur.execute("SELECT count(*) FROM stories").fetchone()[0]
    rows = run(cur, f"SELECT * FROM stories {order_sql} LIMIT ? OFFSET ?", [limit, offset])
    return {"available": True, "total": total, "columns": cols, "items": rows}


def corpus_stats(cur) -> dict:
    out = {}
    for table in ("articles", "entities", "mentions", "quotes", "events"):
        out[table] = cur.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
    span = cur.execute("SELECT CAST(min(published) AS DATE), CAST(max(published) AS DATE) FROM articles").fetchone()
    out["first_day"], out["last_day"] = span
    return out

"""Story clustering: articles about the same event across outlets and days.

Each article is a sparse TF-IDF vector of its key terms (headline counted
twice, body, linked entities when the entity stage ran).  Articles are taken
in date order; each joins the most similar *active* story (cosine to the
story's centroid, within ``WINDOW`` days of the story's date range) or opens a
new one.  Copies of one text (see :mod:`.dedup`) always share a story.

Single pass and incremental: stories keep their centroid in the store, only
stories whose dates reach the new articles are loaded, and stories that fall
out of the window are written out and dropped from memory, so time and memory
stay linear.  Measured on the variant corpus, plain TF-IDF separates stories
well; sentence embeddings were not needed (see ``docs/stories.md``).
"""
from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone

import pyarrow as pa

from .text import STOPWORDS, ValuesView, words

WINDOW = timedelta(days=3)  # a story's articles lie at most this far outside its date range
MIN_SIMILARITY = 0.4  # cosine to the centroid needed to join a story (tuned on variant corpora, see docs)
TERMS_PER_ARTICLE = 30
TERMS_PER_STORY = 60
QUERY_TERMS = 12  # an article looks up stories by its strongest terms
INDEX_TERMS = 20  # a story is found by its strongest centroid terms
HEADLINE_WEIGHT = 2
ENTITY_WEIGHT = 5
IDF_PRIOR_DOCS = 200
CHUNK = 2000


def terms(headline: str | None, body: str, entity_ids=()) -> Counter:
    """Term counts of an article: content words of headline (weighted) and body."""
    tf = Counter(words(body))
    for w, c in Counter(words(headline or "")).items():
        tf[w] += HEADLINE_WEIGHT * c
    for w in [w for w in tf if len(w) < 3 or w in STOPWORDS or w.isdigit()]:
        del tf[w]
    for e in entity_ids:
        tf["ent:" + e] += ENTITY_WEIGHT
    return tf


def vector(tf: Counter, df: dict[str, int], n_docs: int) -> dict[str, float]:
    """L2-normalised TF-IDF of the ``TERMS_PER_ARTICLE`` strongest terms.

    IDF is squared: names and rare words tell one event from another of the
    same kind (two storms, two strikes), topic words barely do.  A prior of
    ``IDF_PRIOR_DOCS`` unseen documents keeps a small store from calling
    every shared word uninformative.
    """
    n = n_docs + IDF_PRIOR_DOCS + 1
    w = {t: (1.0 + math.log(c)) * math.log(n / (df.get(t, 0) + 1)) ** 2 for t, c in tf.items()}
    top = sorted(w.items(), key=lambda kv: -kv[1])[:TERMS_PER_ARTICLE]
    norm = math.sqrt(sum(v * v for _, v in top)) or 1.0
    return {t: v / norm for t, v in top if v > 0}


def cosine(a: dict[str, float], b: dict[str, float]) -> float:
    if len(a) > len(b):
        a, b = b, a
    return sum(v * b.get(t, 0.0) for t, v in a.items())


@dataclass
class Story:
    story_id: str
    first: datetime
    last: datetime
    total: dict[str, float] = field(default_factory=dict)  # sum of member vectors
    norm_cache: dict[str, float] | None = None
    n_new: int = 0  # members added in this run
    indexed: set[str] = field(default_factory=set)
    n_old: int = 0  # members from earlier runs (already stored)

    def centroid(self) -> dict[str, float]:
        if self.norm_cache is None:
            top = sorted(self.total.items(), key=lambda kv: -kv[1])[:TERMS_PER_STORY]
            norm = math.sqrt(sum(v * v for _, v in top)) or 1.0
            self.norm_cache = {t: v / norm for t, v in top}
        return self.norm_cache

    def add(self, article_id: str, vec: dict[str, float], when: datetime, sim: float) -> None:
        for t, v in vec.items():
            self.total[t] = self.total.get(t, 0.0) + v
        self.norm_cache = None
        self.first, self.last = min(self.first, when), max(self.last, when)
        self.n_new += 1


class _Index:
    """Active stories and an inverted index term → stories."""

    def __init__(self):
        self.stories: dict[str, Story] = {}
        self.postings: dict[str, set[str]] = {}

    def index(self, s: Story) -> None:
        for t in list(self.centroid_terms(s)):
            if t not in s.indexed:
                s.indexed.add(t)
                self.postings.setdefault(t, set()).add(s.story_id)

    @staticmethod
    def centroid_terms(s: Story):
        return list(s.centroid())[:INDEX_TERMS]

    def drop(self, s: Story) -> None:
        for t in s.indexed:
            ids = self.postings.get(t)
            if ids is not None:
                ids.discard(s.story_id)
                if not ids:
                    del self.postings[t]
        del self.stories[s.story_id]

    def best(self, vec: dict[str, float], when: datetime) -> tuple[Story | None, float]:
        cands: set[str] = set()
        for t in list(vec)[:QUERY_TERMS]:
            cands |= self.postings.get(t, set())
        best, best_sim = None, 0.0
        for sid in cands:
            s = self.stories[sid]
            if when < s.first - WINDOW or when > s.last + WINDOW:
                continue
            sim = cosine(vec, s.centroid())
            if sim > best_sim:
                best, best_sim = s, sim
        return best, best_sim


def _utc(d: datetime | None) -> datetime:
    if d is None:
        return datetime.now(timezone.utc)
    return d if d.tzinfo else d.replace(tzinfo=timezone.utc)


def _remove_stale(con) -> int:
    """Forget memberships of deleted articles and of replaced versions."""
    n = con.execute(
        "SELECT count(*) FROM story_members m WHERE NOT EXISTS (SELECT 1 FROM articles a WHERE a.id = m.article_id "
        "AND a.is_current AND a.content_hash = m.content_hash)").fetchone()[0]
    if n:
        con.execute(
            "DELETE FROM story_members m WHERE NOT EXISTS (SELECT 1 FROM articles a WHERE a.id = m.article_id "
            "AND a.is_current AND a.content_hash = m.content_hash)")
    # Store.delete_articles may have removed members already: drop empty
    # stories, recount the others
    con.execute("DELETE FROM stories WHERE story_id NOT IN (SELECT story_id FROM story_members)")
    shrunk = [r[0] for r in con.execute(
        "SELECT s.story_id FROM stories s JOIN (SELECT story_id, count(*) AS n FROM story_members GROUP BY story_id) c "
        "USING (story_id) WHERE c.n <> s.n_articles").fetchall()]
    if shrunk:
        _describe(con, shrunk)
    return n


def _entity_ids(con, ids: list[str]) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    with ValuesView(con, ids, pa.string()) as v:
        rows = con.execute("SELECT DISTINCT article_id, entity_id FROM mentions WHERE entity_id IS NOT NULL "
                           f"AND article_id IN {v}").fetchall()
    for aid, eid in rows:
        out.setdefault(aid, []).append(eid)
    return out


def _iter_pending(con, pending: list[str]):
    """(id, headline, body, date, entity ids) of pending articles, in chunks."""
    for i in range(0, len(pending), CHUNK):
        ids = pending[i:i + CHUNK]
        with ValuesView(con, ids, pa.string()) as v:
            rows = {r[0]: r for r in con.execute(
                "SELECT id, headline, body, coalesce(published, ingested_at), content_hash FROM articles "
                f"WHERE is_current AND id IN {v}").fetchall()}
        ents = _entity_ids(con, ids)
        for aid in ids:
            if aid in rows:
                _, head, body, when, ch = rows[aid]
                yield aid, head, body or "", _utc(when), ch, ents.get(aid, ())


def _with_df(rows, df: dict[str, int], changed: set[str]):
    """Term counts of pending articles, counting document frequencies one
    chunk ahead: an article is weighted with the frequencies of the store
    plus its own chunk (one pass over the text, bounded memory)."""
    chunk = []

    def flush():
        for _aid, tf, _when, _ch in chunk:
            for t in tf:
                df[t] = df.get(t, 0) + 1
            changed.update(tf)
        df[""] = df.get("", 0) + len(chunk)
        yield from chunk
        chunk.clear()

    for aid, head, body, when, ch, ents in rows:
        chunk.append((aid, terms(head, body, ents), when, ch))
        if len(chunk) >= CHUNK:
            yield from flush()
    yield from flush()


def _load_df(con) -> dict[str, int]:
    return dict(con.execute("SELECT term, df FROM story_df").fetchall())


def _save_df(con, df: dict[str, int], changed: set[str]) -> None:
    if not changed:
        return
    tbl = pa.table({"term": list(changed), "df": pa.array([df[t] for t in changed], pa.int32())})
    con.register("_df", tbl)
    con.execute("INSERT OR REPLACE INTO story_df SELECT * FROM _df")
    con.unregister("_df")


def _load_active(con, index: _Index, since: datetime) -> None:
    for sid, first, last, cterms, cweights, n in con.execute(
        "SELECT story_id, first_date, last_date, centroid_terms, centroid_weights, n_articles FROM stories "
        "WHERE last_date >= ?", [since]).fetchall():
        s = Story(sid, _utc(first), _utc(last), total={t: w * n for t, w in zip(cterms or [], cweights or [])},
                  n_old=n)
        index.stories[sid] = s
        index.index(s)


class _Writer:
    """Collects memberships and finished stories; writes them in batches."""

    def __init__(self, con):
        self.con = con
        self.members: list[tuple] = []
        self.touched: dict[str, Story] = {}

    def member(self, story: Story, aid: str, ch: str, sim: float, when: datetime, vec: dict[str, float]) -> None:
        self.members.append((story.story_id, aid, ch, sim, when, list(vec), list(vec.values())))
        if len(self.members) >= 20_000:
            self.flush_members()

    def flush_members(self) -> None:
        if not self.members:
            return
        cols = list(zip(*self.members))
        tbl = pa.table({"story_id": list(cols[0]), "article_id": list(cols[1]), "content_hash": list(cols[2]),
                        "similarity": pa.array(cols[3], pa.float64()),
                        "published": pa.array(cols[4], pa.timestamp("us", tz="UTC")),
                        "terms": pa.array(cols[5], pa.list_(pa.string())),
                        "weights": pa.array(cols[6], pa.list_(pa.float64()))})
        self.con.register("_members", tbl)
        self.con.execute("INSERT OR REPLACE INTO story_members SELECT * FROM _members")
        self.con.unregister("_members")
        self.members = []

    def story(self, s: Story) -> None:
        """Write a story whose membership changed (called when it leaves memory)."""
        self.touched[s.story_id] = s
        if len(self.touched) >= 5_000:
            self.flush_stories()

    def flush_stories(self) -> None:
        self.flush_members()
        if not self.touched:
            return
        stories = list(self.touched.values())
        rows = []
        for s in stories:
            cen = s.centroid()
            n = s.n_old + s.n_new
            rows.append((s.story_id, s.first, s.last, n, list(cen), [v / 1.0 for v in cen.values()]))
        cols = list(zip(*rows))
        tbl = pa.table({"story_id": list(cols[0]),
                        "first_date": pa.array(cols[1], pa.timestamp("us", tz="UTC")),
                        "last_date": pa.array(cols[2], pa.timestamp("us", tz="UTC")),
                        "n_articles": pa.array(cols[3], pa.int32()),
                        "centroid_terms": pa.array(cols[4], pa.list_(pa.string())),
                        "centroid_weights": pa.array(cols[5], pa.list_(pa.float64()))})
        self.con.register("_stories", tbl)
        self.con.execute(
            "INSERT INTO stories (story_id, first_date, last_date, n_articles, centroid_terms, centroid_weights) "
            "SELECT * FROM _stories ON CONFLICT (story_id) DO UPDATE SET first_date = excluded.first_date, "
            "last_date = excluded.last_date, n_articles = excluded.n_articles, "
            "centroid_terms = excluded.centroid_terms, centroid_weights = excluded.centroid_weights, "
            "updated_at = now()")
        self.con.unregister("_stories")
        _describe(self.con, [s.story_id for s in stories])
        self.touched = {}


def _describe(con, story_ids: list[str]) -> None:
    """Label, central article, outlets, key terms and key entities of stories,
    from their stored members: the central article is the member closest to
    the centroid."""
    with ValuesView(con, story_ids, pa.string()) as v:
        _describe_in(con, v)


def _describe_in(con, story_ids_view: str) -> None:
    con.execute(
        """
        UPDATE stories SET central_article_id = c.central.id, label = c.central.headline, outlets = c.outlets,
               n_outlets = len(c.outlets), key_terms = c.key_terms, n_articles = c.n
        FROM (
            SELECT m.story_id,
                   -- the member closest to the centroid (ties: the earliest)
                   arg_max({'id': m.article_id, 'headline': a.headline}, (list_dot_product(
                       m.weights, list_transform(m.terms, t -> coalesce(s.centroid_weights[list_position(s.centroid_terms, t)], 0.0))
                   ), -epoch(m.published))) AS central,
                   list_sort(list_distinct(list(a.outlet))) AS outlets,
                   list_filter(any_value(s.centroid_terms), t -> NOT starts_with(t, 'ent:'))[1:8] AS key_terms,
                   count(*) AS n
            FROM story_members m JOIN stories s USING (story_id)
            JOIN articles a ON a.id = m.article_id AND a.is_current
            WHERE m.story_id IN {story_ids_view}
            GROUP BY m.story_id
        ) c
        WHERE stories.story_id = c.story_id
        """.replace("{story_ids_view}", story_ids_view)
    )
    con.execute(
        """
        UPDATE stories SET key_entities = k.names FROM (
            SELECT story_id, list(name ORDER BY n DESC, name)[1:5] AS names FROM (
                SELECT m.story_id, e.name, count(DISTINCT m.article_id) AS n
                FROM story_members m JOIN mentions x ON x.article_id = m.article_id
                JOIN entities e ON e.id = x.entity_id
                WHERE m.story_id IN {story_ids_view}
                GROUP BY m.story_id, e.name
            ) GROUP BY story_id
        ) k WHERE stories.story_id = k.story_id
        """.replace("{story_ids_view}", story_ids_view)
    )


def update_stories(con) -> dict:
    """Cluster every article that is in no story yet (incremental)."""
    removed = _remove_stale(con)
    pending_rows = con.execute(
        "SELECT id, coalesce(published, ingested_at) AS d FROM articles a WHERE is_current AND NOT EXISTS "
        "(SELECT 1 FROM story_members m WHERE m.article_id = a.id AND m.content_hash = a.content_hash) "
        "ORDER BY d, id").fetchall()
    if not pending_rows:
        return {"stories_removed": removed, "clustered": 0, "new_stories": 0}
    pending = [r[0] for r in pending_rows]

    df = _load_df(con)
    changed: set[str] = {""}

    # copies of one text share the story of the group's first member
    with ValuesView(con, pending, pa.string()) as v:
        copy_of = dict(con.execute(
            "SELECT g.article_id, f.article_id FROM duplicate_groups g JOIN duplicate_groups f "
            "ON f.group_id = g.group_id AND f.is_first AND f.article_id <> g.article_id "
            f"WHERE g.article_id IN {v}").fetchall())
    story_of: dict[str, str] = {}
    if copy_of:
        with ValuesView(con, set(copy_of.values()), pa.string()) as v:
            story_of = dict(con.execute(
                f"SELECT article_id, story_id FROM story_members WHERE article_id IN {v}").fetchall())

    index = _Index()
    start = _utc(pending_rows[0][1])
    _load_active(con, index, start - WINDOW)
    writer = _Writer(con)
    new_stories = 0
    since_evict = 0
    for aid, tf, when, ch in _with_df(_iter_pending(con, pending), df, changed):
        vec = vector(tf, df, df[""])
        story, sim = None, 0.0
        first = copy_of.get(aid)
        if first is not None and story_of.get(first) in index.stories:
            story = index.stories[story_of[first]]
            sim = cosine(vec, story.centroid())
        else:
            story, sim = index.best(vec, when)
            if story is None or sim < MIN_SIMILARITY:
                story = Story("story:" + aid, when, when)
                index.stories[story.story_id] = story
                new_stories += 1
                sim = 1.0
        story.add(aid, vec, when, sim)
        index.index(story)
        story_of[aid] = story.story_id
        writer.member(story, aid, ch, sim, when, vec)
        writer.touched.setdefault(story.story_id, story)
        since_evict += 1
        if since_evict >= 1000:  # stories that can no longer grow leave memory
            since_evict = 0
            for s in [s for s in index.stories.values() if s.last + WINDOW < when]:
                index.drop(s)
                if s.story_id in writer.touched:
                    writer.story(s)
    writer.flush_stories()
    _save_df(con, df, changed)
    return {"stories_removed": removed, "clustered": len(pending), "new_stories": new_stories}


def list_stories(con, since: datetime | None = None, limit: int = 50) -> list[dict]:
    """Stories, largest and most recent first."""
    where, params = "", []
    if since is not None:
        where, params = "WHERE last_date >= ?", [since]
    rows = con.execute(
        f"SELECT story_id, label, first_date, last_date, n_articles, n_outlets, outlets, key_entities, key_terms "
        f"FROM stories {where} ORDER BY n_articles DESC, last_date DESC, story_id LIMIT ?", [*params, limit]).fetchall()
    keys = ("story_id", "label", "first_date", "last_date", "n_articles", "n_outlets", "outlets", "key_entities",
            "key_terms")
    return [dict(zip(keys, r)) for r in rows]

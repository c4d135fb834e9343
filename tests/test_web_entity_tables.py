"""The entity page reads precomputed snapshot tables; they must give what
the live joins over quotes, events, mentions and articles give."""
from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from depesche.web import queries as q
from depesche.web import snapshot

FIXTURE = Path(__file__).parent / "fixtures" / "web" / "web_corpus.py"
_spec = importlib.util.spec_from_file_location("depesche_web_corpus_tables", FIXTURE)
corpus = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(corpus)

# the page's queries as they were before the precomputed tables (the reference)
LIVE_QUOTES = (
    "SELECT q.id, q.article_id, q.type, q.medium, q.quote_text, q.cue_text, q.speaker_text, q.speaker_name, "
    "a.outlet, a.headline, a.published, CAST(a.published AS DATE) AS day FROM quotes q "
    "JOIN articles a ON a.id = q.article_id WHERE q.speaker_entity_id = ? "
    "ORDER BY a.published DESC NULLS LAST, a.outlet, q.article_id, q.n LIMIT ?")
LIVE_EVENTS = (
    f"SELECT {q.EVENT_COLUMNS} FROM events ev LEFT JOIN articles a ON a.id = ev.article_id "
    "WHERE ev.source_entity_id = ? OR ev.target_entity_id = ? "
    "ORDER BY coalesce(ev.event_date, CAST(a.published AS DATE)) DESC NULLS LAST, ev.id LIMIT ? OFFSET ?")
LIVE_TIMELINE = (
    "WITH m AS (SELECT CAST(a.published AS DATE) AS day, sum(ae.n) AS mentions FROM web_article_entities ae "
    "JOIN articles a ON a.id = ae.article_id WHERE ae.entity_id = ? AND a.published IS NOT NULL GROUP BY 1), "
    "qq AS (SELECT CAST(a.published AS DATE) AS day, count(*) AS quotes FROM quotes qu "
    "JOIN articles a ON a.id = qu.article_id WHERE qu.speaker_entity_id = ? AND a.published IS NOT NULL GROUP BY 1) "
    "SELECT day, coalesce(m.mentions, 0) AS mentions, coalesce(qq.quotes, 0) AS quotes "
    "FROM m FULL OUTER JOIN qq USING (day) ORDER BY day")


@pytest.fixture(scope="module")
def cur(tmp_path_factory):
    path = tmp_path_factory.mktemp("entity-tables") / "c.duckdb"
    corpus.build(path)
    fp, snap_path = snapshot.build_from_file(path, snapshot.sidecar_dir(path))
    snap = snapshot.Snapshot.open(snap_path, fp, threads=1)
    yield snap.cursor()
    snap.con.close()


def _entity_ids(cur) -> list[str]:
    ids = [r[0] for r in cur.execute(
        "SELECT DISTINCT x FROM (SELECT speaker_entity_id AS x FROM quotes UNION ALL SELECT source_entity_id FROM events "
        "UNION ALL SELECT target_entity_id FROM events UNION ALL SELECT entity_id FROM mentions) WHERE x IS NOT NULL "
        "ORDER BY x").fetchall()]
    assert ids, "the fixture corpus names entities"
    return ids


def test_quotes_events_and_timeline_match_the_live_joins(cur):
    for eid in _entity_ids(cur):
        assert q.entity_quotes(cur, eid) == q.run(cur, LIVE_QUOTES, [eid, 500])
        assert q.entity_quotes(cur, eid, limit=1) == q.run(cur, LIVE_QUOTES, [eid, 1])
        for limit, offset in ((500, 0), (1, 0), (1, 1), (2, 1)):
            total, rows = q.list_events(cur, entity=eid, limit=limit, offset=offset)
            assert rows == q.run(cur, LIVE_EVENTS, [eid, eid, limit, offset]), (eid, limit, offset)
        assert q.entity_timeline(cur, eid) == q.run(cur, LIVE_TIMELINE, [eid, eid])


def test_co_mentioned_matches_the_live_join(cur):
    live = ("SELECT e.id, e.name, e.type, count(*) AS articles FROM web_article_entities me "
            "JOIN web_article_entities other ON other.article_id = me.article_id AND other.entity_id <> me.entity_id "
            "JOIN entities e ON e.id = other.entity_id WHERE me.entity_id = ? "
            "GROUP BY ALL ORDER BY articles DESC, e.name, e.id LIMIT ?")
    found = 0
    for eid in _entity_ids(cur):
        got = q.co_mentioned(cur, eid)
        assert got == q.run(cur, live, [eid, 25])
        found += len(got)
        assert q.co_mentioned(cur, eid, limit=snapshot.CO_MENTIONS_KEPT + 1) == q.run(
            cur, live, [eid, snapshot.CO_MENTIONS_KEPT + 1])
    assert found, "some entities share an article in the fixture corpus"

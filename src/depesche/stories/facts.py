"""Facts counted once: the same quotation or event reported by many articles.

A quotation reprinted by ten outlets is one *quote fact* with ten
*sightings*; likewise an event with the same type, source, target and date.
The fact tables are rebuilt from ``quotes``/``events`` in one set-based SQL
pass (linear, a few seconds for a large store), so they always reflect the
current analysis.  Fact ids are hashes of the fact's key and therefore stable
across rebuilds.

Keys:

* quote: the quotation text folded to lower-case letters and digits; quotes
  shorter than ``SHORT_QUOTE`` characters ("Nein.") also need the same speaker.
* event: type, source and target (entity id, else canonical name, else the
  text as written) and the date (event date, else start of its range, else the
  first day of the article's story, else the publication day).
"""
from __future__ import annotations

SHORT_QUOTE = 25

_QUOTE_SIGHTINGS = r"""
INSERT INTO quote_sightings (fact_id, quote_id, article_id, outlet, published)
SELECT 'qf:' || substr(md5(key), 1, 16), quote_id, article_id, outlet, seen FROM (
    SELECT *, CASE WHEN length(norm) >= ? THEN norm
                   ELSE norm || '|' || coalesce(speaker_entity_id, lower(speaker_name), lower(speaker_text), '') END AS key
    FROM (
        SELECT q.id AS quote_id, q.article_id, q.speaker_entity_id, q.speaker_name, q.speaker_text,
               a.outlet, coalesce(a.published, a.ingested_at) AS seen,
               trim(regexp_replace(lower(q.quote_text), '[^\p{L}\p{N}]+', ' ', 'g')) AS norm
        FROM quotes q JOIN articles a ON a.id = q.article_id AND a.is_current
    ) WHERE norm <> ''
)
"""

_QUOTE_FACTS = """
INSERT INTO quote_facts
SELECT s.fact_id,
       arg_min(q.quote_text, s.published) AS quote_text,
       mode(q.speaker_name) AS speaker_name,
       mode(q.speaker_entity_id) AS speaker_entity_id,
       mode(q.type) AS type,
       min(s.published), max(s.published),
       arg_min(s.article_id, s.published),
       count(*), count(DISTINCT s.article_id),
       list_sort(list_distinct(list(s.outlet)))
FROM quote_sightings s JOIN quotes q ON q.id = s.quote_id
GROUP BY s.fact_id
"""

_ACTOR = "coalesce(e.{p}_entity_id, lower(e.{p}_canonical), lower(e.{p}_text), '')"

_EVENT_SIGHTINGS = f"""
INSERT INTO event_sightings (fact_id, event_id, article_id, outlet, published)
SELECT 'ef:' || substr(md5(concat_ws('|', type, src, tgt, day)), 1, 16), event_id, article_id, outlet, seen FROM (
    SELECT e.id AS event_id, e.article_id, e.type, a.outlet, coalesce(a.published, a.ingested_at) AS seen,
           {_ACTOR.format(p="source")} AS src, {_ACTOR.format(p="target")} AS tgt,
           CAST(coalesce(e.event_date, e.date_start, CAST(s.first_date AS DATE),
                         CAST(coalesce(a.published, a.ingested_at) AS DATE)) AS VARCHAR) AS day
    FROM events e JOIN articles a ON a.id = e.article_id AND a.is_current
    LEFT JOIN story_members m ON m.article_id = e.article_id
    LEFT JOIN stories s ON s.story_id = m.story_id
)
"""

_EVENT_FACTS = """
INSERT INTO event_facts
SELECT s.fact_id, any_value(e.type),
       mode(coalesce(e.source_canonical, e.source_text)), mode(coalesce(e.target_canonical, e.target_text)),
       min(coalesce(e.event_date, e.date_start)),
       min(s.published), max(s.published), arg_min(s.article_id, s.published),
       count(*), count(DISTINCT s.article_id), list_sort(list_distinct(list(s.outlet)))
FROM event_sightings s JOIN events e ON e.id = s.event_id
GROUP BY s.fact_id
"""


def update_facts(con) -> dict:
    """Rebuild the quote and event fact tables from the current analysis."""
    for table in ("quote_sightings", "quote_facts", "event_sightings", "event_facts"):
        con.execute(f"DELETE FROM {table}")
    con.execute(_QUOTE_SIGHTINGS, [SHORT_QUOTE])
    con.execute(_QUOTE_FACTS)
    con.execute(_EVENT_SIGHTINGS)
    con.execute(_EVENT_FACTS)
    counts = {}
    for table in ("quote_sightings", "quote_facts", "event_sightings", "event_facts"):
        counts[table] = con.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
    return counts


def quote_facts(con, limit: int = 20) -> list[dict]:
    """The most widely reported quotations, each once."""
    rows = con.execute(
        "SELECT fact_id, quote_text, speaker_name, first_seen, n_sightings, n_articles, outlets FROM quote_facts "
        "ORDER BY n_articles DESC, first_seen, fact_id LIMIT ?", [limit]).fetchall()
    keys = ("fact_id", "quote_text", "speaker_name", "first_seen", "n_sightings", "n_articles", "outlets")
    return [dict(zip(keys, r)) for r in rows]

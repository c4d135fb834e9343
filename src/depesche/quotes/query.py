"""Reading quotations back from the store: what did a speaker say?"""
from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

from ..store.db import Store

BERLIN = ZoneInfo("Europe/Berlin")

_QUOTE_COLS = ("q.id, q.article_id, q.type, q.medium, q.quote_text, q.cue_text, q.speaker_text, "
               "q.speaker_name, q.speaker_entity_id, a.published, a.outlet, a.headline, a.url")
_KEYS = ["id", "article_id", "type", "medium", "quote_text", "cue_text", "speaker_text", "speaker_name",
         "speaker_entity_id", "published", "outlet", "headline", "url"]


def quotes_by_speaker(store: Store, name: str, *, type_: str | None = None, limit: int = 50) -> list[dict]:
    """Quotations of every speaker called ``name`` (canonical name or alias, any case).

    Returns one group per matching entity (an ambiguous name gives several),
    plus one for unresolved speakers written exactly so:
    ``{"speaker_entity_id", "speaker_name", "quotes": [...]}``, newest first.
    """
    con = store.con
    ents = con.execute(
        "SELECT id, name FROM entities WHERE lower(name) = lower(?) "
        "OR list_contains(list_transform(coalesce(aliases, []::VARCHAR[]), x -> lower(x)), lower(?)) ORDER BY name, id",
        [name, name],
    ).fetchall()
    type_sql = " AND q.type = ?" if type_ else ""
    groups = []
    base = (f"SELECT {_QUOTE_COLS} FROM quotes q LEFT JOIN articles a ON a.id = q.article_id AND a.is_current "
            "WHERE {cond}" + type_sql + " ORDER BY a.published DESC NULLS LAST, q.article_id, q.n LIMIT ?")
    for eid, ename in ents:
        rows = con.execute(base.format(cond="q.speaker_entity_id = ?"), [eid, *([type_] if type_ else []), limit]).fetchall()
        if rows:
            groups.append({"speaker_entity_id": eid, "speaker_name": ename,
                           "quotes": [dict(zip(_KEYS, r)) for r in rows]})
    rows = con.execute(
        base.format(cond="q.speaker_entity_id IS NULL AND (lower(q.speaker_name) = lower(?) OR lower(q.speaker_text) = lower(?))"),
        [name, name, *([type_] if type_ else []), limit],
    ).fetchall()
    if rows:
        groups.append({"speaker_entity_id": None, "speaker_name": name, "quotes": [dict(zip(_KEYS, r)) for r in rows]})
    return groups


def local_date(published: datetime | date | None) -> str:
    """The publication day as German readers saw it: a time stored in UTC
    (00:30 Berlin = 23:30 UTC the day before) is shown as its Europe/Berlin
    date; a naive time is taken as already local."""
    if published is None:
        return "????-??-??"
    if isinstance(published, datetime) and published.tzinfo is not None:
        published = published.astimezone(BERLIN)
    return published.strftime("%Y-%m-%d")

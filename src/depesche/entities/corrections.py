"""Analysts' corrections: merge, split, link, speaker.

A correction is stored once in the ``corrections`` table (see
:mod:`.schema`) and does two things:

* it is applied to what is already stored (:func:`apply_to_store`), so the
  fix shows at once;
* it is applied again to every new analysis of an article before it is
  written (:func:`apply_stored`, called by ``Store.put_analysis``), so
  re-analysis never undoes an analyst's decision.

Kinds (``entity_id`` and ``target_id`` are entity ids as stored):

``merge``   entity_id is the same actor as target_id: its mentions, quotes and
            event actors move to target_id.
``split``   the mention of entity_id at article_id/start/end is someone else,
            named ``value`` (a new entity, or an existing one with that name).
``link``    entity_id is knowledge-base entry ``target_id`` ("per:joe-biden"),
            or ``new`` to unlink it.
``speaker`` the quote of article_id starting at ``start`` was said by target_id.
"""
from __future__ import annotations

from dataclasses import dataclass

from ..model import Analysis, Entity, Mention
from .kb import load_kb

KINDS = ("merge", "split", "link", "speaker")


class CorrectionError(ValueError):
    """A correction that cannot be recorded (unknown entity, bad kind)."""


@dataclass
class Correction:
    id: int
    kind: str
    entity_id: str | None = None
    target_id: str | None = None
    article_id: str | None = None
    start: int | None = None
    end: int | None = None
    value: str | None = None
    note: str | None = None


COLUMNS = ["id", "kind", "entity_id", "target_id", "article_id", "start", '"end"', "value", "note"]


def _table_exists(con) -> bool:
    return bool(con.execute(
        "SELECT count(*) FROM information_schema.tables WHERE table_name = 'corrections'").fetchone()[0])


def list_corrections(con) -> list[Correction]:
    if not _table_exists(con):
        return []
    rows = con.execute(f"SELECT {', '.join(COLUMNS)} FROM corrections ORDER BY id").fetchall()
    return [Correction(*r) for r in rows]


def _entity_row(con, entity_id: str) -> Entity | None:
    row = con.execute("SELECT id, type, name, aliases, country, kb_id, wikidata FROM entities WHERE id = ?",
                      [entity_id]).fetchone()
    if row is None:
        return None
    return Entity(id=row[0], type=row[1], name=row[2], aliases=list(row[3] or []), country=row[4], kb_id=row[5],
                  wikidata=row[6])


def kb_entity(kb_id: str) -> Entity:
    entry = load_kb().get(kb_id)
    if entry is None:
        raise CorrectionError(f"knowledge base has no entry {kb_id!r} (see `depesche kb NAME`)")
    return Entity(id="kb:" + entry.id, type=entry.type, name=entry.name, aliases=[entry.name, *entry.aliases[:5]],
                  country=entry.country, kb_id=entry.id, wikidata=entry.wikidata)


def _target_entity(con, c: Correction, source: Entity | None) -> Entity | None:
    """The entity a merge/link/split/speaker correction points to."""
    from .stage import new_id

    if c.kind == "link":
        if c.target_id == "new":
            if source is None:
                return None
            name = c.value or source.name
            return Entity(id=new_id(source.type, name), type=source.type, name=name, aliases=[name])
        return kb_entity(c.target_id)
    if c.kind == "split":
        typ = source.type if source else "PER"
        return Entity(id=new_id(typ, c.value), type=typ, name=c.value, aliases=[c.value])
    target = _entity_row(con, c.target_id) if c.target_id else None
    if target is None and c.target_id and c.target_id.startswith("kb:"):
        target = kb_entity(c.target_id[3:])
    return target


# -- recording --------------------------------------------------------------------
def add_correction(store, kind: str, *, entity_id: str | None = None, target_id: str | None = None,
                   article_id: str | None = None, start: int | None = None, end: int | None = None,
                   value: str | None = None, note: str | None = None) -> Correction:
    """Validate, record and apply a correction to the stored facts."""
    con = store.con
    if kind not in KINDS:
        raise CorrectionError(f"unknown correction kind {kind!r}; use one of {', '.join(KINDS)}")
    if kind in ("merge", "split", "link") and (not entity_id or _entity_row(con, entity_id) is None):
        raise CorrectionError(f"no entity {entity_id!r} in the database")
    if kind == "merge":
        if not target_id or _entity_row(con, target_id) is None:
            raise CorrectionError(f"no entity {target_id!r} in the database")
        if target_id == entity_id:
            raise CorrectionError("cannot merge an entity into itself")
    if kind == "link" and target_id != "new":
        kb_entity(target_id or "")
    if kind == "split":
        if not (article_id and start is not None and end is not None and value):
            raise CorrectionError("split needs ARTICLE START END and the NAME of the other entity")
        hit = con.execute('SELECT count(*) FROM mentions WHERE article_id = ? AND start = ? AND "end" = ? '
                          "AND entity_id = ?", [article_id, start, end, entity_id]).fetchone()[0]
        if not hit:
            raise CorrectionError(f"no mention of {entity_id} at {article_id}:{start}-{end}")
    if kind == "speaker":
        if not article_id or start is None or not target_id:
            raise CorrectionError("speaker needs ARTICLE QUOTE_START ENTITY")
        if not con.execute("SELECT count(*) FROM quotes WHERE article_id = ? AND quote_start = ?",
                           [article_id, start]).fetchone()[0]:
            raise CorrectionError(f"no quote starting at {start} in article {article_id}")
        if _entity_row(con, target_id) is None and not target_id.startswith("kb:"):
            raise CorrectionError(f"no entity {target_id!r} in the database")
    with store.transaction():
        cid = con.execute(
            'INSERT INTO corrections (kind, entity_id, target_id, article_id, start, "end", value, note) '
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
            [kind, entity_id, target_id, article_id, start, end, value, note]).fetchone()[0]
        c = Correction(cid, kind, entity_id, target_id, article_id, start, end, value, note)
        apply_to_store(con, c)
    return c


def _put_entity(con, e: Entity) -> None:
    con.execute(
        "INSERT INTO entities (id, type, name, aliases, country, kb_id, wikidata) VALUES (?, ?, ?, ?, ?, ?, ?) "
        "ON CONFLICT (id) DO UPDATE SET aliases = list_distinct(list_concat(entities.aliases, excluded.aliases))",
        [e.id, e.type, e.name, e.aliases, e.country, e.kb_id, e.wikidata])


def _move(con, old: str, new: Entity, article_id: str | None = None) -> None:
    """Point every stored fact about ``old`` at ``new``."""
    where, params = ("AND article_id = ?", [article_id]) if article_id else ("", [])
    con.execute(f"UPDATE mentions SET entity_id = ? WHERE entity_id = ? {where}", [new.id, old, *params])
    con.execute(f"UPDATE quotes SET speaker_entity_id = ?, speaker_name = ? WHERE speaker_entity_id = ? {where}",
                [new.id, new.name, old, *params])
    for side in ("source", "target"):
        con.execute(f"UPDATE events SET {side}_entity_id = ? WHERE {side}_entity_id = ? {where}",
                    [new.id, old, *params])


def apply_to_store(con, c: Correction) -> None:
    source = _entity_row(con, c.entity_id) if c.entity_id else None
    target = _target_entity(con, c, source)
    if c.kind in ("merge", "link"):
        if target is None or source is None:
            return
        if source.id == target.id:
            return
        target.aliases = list(dict.fromkeys(target.aliases + source.aliases))
        _put_entity(con, target)
        _move(con, source.id, target)
        con.execute("DELETE FROM entities WHERE id = ?", [source.id])
    elif c.kind == "split":
        _put_entity(con, target)
        con.execute('UPDATE mentions SET entity_id = ? WHERE article_id = ? AND start = ? AND "end" = ? '
                    "AND entity_id = ?", [target.id, c.article_id, c.start, c.end, c.entity_id])
    elif c.kind == "speaker":
        if target is None:
            return
        _put_entity(con, target)
        con.execute("UPDATE quotes SET speaker_entity_id = ?, speaker_name = ? WHERE article_id = ? "
                    "AND quote_start = ?", [target.id, target.name, c.article_id, c.start])


# -- re-analysis ------------------------------------------------------------------
def apply_corrections(analysis: Analysis, corrections: list[Correction], con=None) -> None:
    """Apply corrections to a fresh analysis (in memory, in order)."""
    art_id = analysis.article.id
    for c in corrections:
        if c.kind in ("split", "speaker") and c.article_id != art_id:
            continue
        source = analysis.entity(c.entity_id) if c.entity_id else None
        if c.kind in ("merge", "link", "split") and source is None:
            continue
        target = _target_entity(con, c, source) if con is not None else None
        if target is None and c.kind == "merge":
            target = analysis.entity(c.target_id)
        if target is None:
            continue
        if c.kind in ("merge", "link"):
            _retarget(analysis, source.id, target, lambda m: True, move_facts=True)
        elif c.kind == "split":
            _retarget(analysis, source.id, target, lambda m: m.start == c.start and m.end == c.end,
                      move_facts=False)
        elif c.kind == "speaker":
            for q in analysis.quotes:
                if q.start == c.start:
                    q.speaker_entity_id, q.speaker_name = target.id, target.name
            if analysis.entity(target.id) is None:
                analysis.entities.append(target)


def _retarget(analysis: Analysis, old: str, target: Entity, which, move_facts: bool) -> None:
    moved: list[Mention] = [m for m in analysis.mentions if m.entity_id == old and which(m)]
    if not moved:
        return
    for m in moved:
        m.entity_id = target.id
    existing = analysis.entity(target.id)
    if existing is None:
        target.aliases = list(dict.fromkeys(target.aliases + [m.text for m in moved]))
        analysis.entities.append(target)
    else:
        existing.aliases = list(dict.fromkeys(existing.aliases + [m.text for m in moved]))
    if move_facts:  # a merge or link moves quotes and events too; a split only its mention
        for q in analysis.quotes:
            if q.speaker_entity_id == old:
                q.speaker_entity_id, q.speaker_name = target.id, target.name
        for ev in analysis.events:
            for actor in (ev.source, ev.target):
                if actor is not None and actor.entity_id == old:
                    actor.entity_id = target.id
    if not any(m.entity_id == old for m in analysis.mentions):
        analysis.entities = [e for e in analysis.entities if e.id != old]


def apply_stored(con, analysis: Analysis) -> None:
    """Apply every stored correction to ``analysis`` (called before writing it)."""
    corrections = list_corrections(con)
    if corrections:
        apply_corrections(analysis, corrections, con)

"""Pairwise precision/recall of duplicate groups and story clusters against
a corpus with known truth (see ``scripts/make_variants.py``).

A *pair* is two articles put together (same group / same story).  Precision
is the share of predicted pairs that are true pairs, recall the share of true
pairs that were predicted.  Articles outside any predicted group are
singletons and form no pairs.
"""
from __future__ import annotations

from collections import defaultdict
from datetime import datetime
from itertools import combinations

from ..ingest.common import finish
from ..model import Article


def _pairs(assignment: dict[str, str]) -> set[tuple[str, str]]:
    by_key: dict[str, list[str]] = defaultdict(list)
    for item, key in assignment.items():
        if key is not None:
            by_key[key].append(item)
    return {tuple(sorted(p)) for items in by_key.values() for p in combinations(items, 2)}


def pairwise(predicted: dict[str, str], truth: dict[str, str]) -> dict:
    """Pairwise precision, recall and F1 of ``predicted`` (item → cluster id,
    missing items are singletons) against ``truth`` (item → true key)."""
    pred, gold = _pairs(predicted), _pairs(truth)
    tp = len(pred & gold)
    p = tp / len(pred) if pred else 1.0
    r = tp / len(gold) if gold else 1.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": p, "recall": r, "f1": f, "predicted_pairs": len(pred), "true_pairs": len(gold), "tp": tp}


def record_to_article(rec: dict) -> Article:
    """An :class:`Article` from a ``make_variants`` record."""
    published = rec.get("published")
    return finish(Article(
        id=rec["id"], url=f"https://example.invalid/{rec['id']}", outlet=rec.get("outlet"),
        headline=rec.get("headline"), body=rec["body"], format="jsonl", language="de",
        published=datetime.fromisoformat(published) if published else None,
    ))


def load_records(store, records: list[dict]) -> int:
    """Bulk-insert ``make_variants`` records as new articles (one statement;
    for evaluation corpora and benchmarks, where ``put_article`` per record
    would dominate the run time).  Returns the number inserted."""
    import pyarrow as pa

    from ..ingest.common import content_hash

    arts = [record_to_article(r) for r in records]
    tbl = pa.table({
        "id": [a.id for a in arts], "url": [a.url for a in arts], "outlet": [a.outlet for a in arts],
        "headline": [a.headline for a in arts], "body": [a.body for a in arts],
        "published": pa.array([a.published for a in arts], pa.timestamp("us", tz="UTC")),
        "content_hash": [content_hash(a) for a in arts],
    })
    store.con.register("_records", tbl)
    store.con.execute(
        "INSERT INTO articles (id, version, is_current, url, outlet, headline, body, paragraphs, published, "
        "language, is_german, format, content_hash) SELECT id, 1, true, url, outlet, headline, body, '[]', "
        "published, 'de', true, 'jsonl', content_hash FROM _records")
    store.con.unregister("_records")
    ents = [(r["id"], e) for r in records for e in r.get("entities", ())]
    if ents:  # what the entity stage would have stored
        names = {e[0]: e[1] for _, e in ents}
        et = pa.table({"id": ["syn:" + n for n in names], "type": list(names.values()), "name": list(names)})
        store.con.register("_entities", et)
        store.con.execute("INSERT OR IGNORE INTO entities (id, type, name) SELECT * FROM _entities")
        store.con.unregister("_entities")
        mt = pa.table({"article_id": [a for a, _ in ents], "start": pa.array([e[2] for _, e in ents], pa.int32()),
                       "end": pa.array([e[3] for _, e in ents], pa.int32()), "text": [e[0] for _, e in ents],
                       "label": [e[1] for _, e in ents], "entity_id": ["syn:" + e[0] for _, e in ents]})
        store.con.register("_mentions", mt)
        store.con.execute('INSERT INTO mentions (article_id, start, "end", text, label, entity_id) SELECT * FROM _mentions')
        store.con.unregister("_mentions")
    return len(arts)


def score_store(store, records: list[dict]) -> dict:
    """Scores of the groups and stories in ``store`` for ``records``
    (which must have been stored under their ``id``)."""
    from .text import ValuesView

    with ValuesView(store.con, [r["id"] for r in records]) as v:
        dup = dict(store.con.execute(f"SELECT article_id, group_id FROM duplicate_groups WHERE article_id IN {v}").fetchall())
        sto = dict(store.con.execute(f"SELECT article_id, story_id FROM story_members WHERE article_id IN {v}").fetchall())
    return {
        "duplicates": pairwise(dup, {r["id"]: r["dup_key"] for r in records}),
        "stories": pairwise(sto, {r["id"]: r["story_key"] for r in records}),
    }

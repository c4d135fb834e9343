"""Database migrations of the entities component: analysts' corrections.

One row per correction; ``kind`` is ``merge`` (entity_id → target_id),
``split`` (the mention ``article_id``/``start``/``end`` of entity_id becomes its
own entity named ``value``), ``link`` (entity_id is knowledge-base entry
``target_id``) or ``speaker`` (the quote of ``article_id`` starting at
``start`` was said by ``target_id``).  Re-analysis applies them in order.
"""
from __future__ import annotations

from ..store.schema import register

register("entities", 1, """
CREATE SEQUENCE IF NOT EXISTS corrections_seq START 1;
CREATE TABLE IF NOT EXISTS corrections (
    id INTEGER PRIMARY KEY DEFAULT nextval('corrections_seq'),
    kind VARCHAR NOT NULL,          -- merge | split | link | speaker
    entity_id VARCHAR,              -- the entity corrected (merge, split, link)
    target_id VARCHAR,              -- merged into / linked to / speaker entity
    article_id VARCHAR,             -- split and speaker: where
    start INTEGER,                  -- split: mention start; speaker: quote start
    "end" INTEGER,
    value VARCHAR,                  -- split: name of the new entity; link: canonical name
    note VARCHAR,
    created_at TIMESTAMPTZ NOT NULL DEFAULT current_timestamp
);
""")

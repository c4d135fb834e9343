"""Database schema as forward migrations, one list per component.

Each component (``core``, and any stage that needs extra tables or columns)
owns an ordered list of SQL migrations.  ``schema_migrations`` records which
(component, version) pairs ran, so opening an old file upgrades it in place.
Stages add their own migrations with :func:`register` at import time; never
edit a migration that has shipped — append a new one.
"""
from __future__ import annotations

MIGRATIONS: dict[str, list[str]] = {}


def register(component: str, version: int, sql: str) -> None:
    """Register migration ``version`` (1-based, consecutive) of ``component``."""
    steps = MIGRATIONS.setdefault(component, [])
    if version != len(steps) + 1:
        if version <= len(steps) and steps[version - 1] == sql:
            return  # module imported twice
        raise ValueError(f"migration {component} v{version} out of order")
    steps.append(sql)


register("core", 1, """
CREATE TABLE IF NOT EXISTS articles (
    id VARCHAR NOT NULL,            -- stable: normalised URL, else content hash
    version INTEGER NOT NULL,       -- 1, 2, ... for changed content under the same id
    is_current BOOLEAN NOT NULL,
    url VARCHAR,
    canonical_url VARCHAR,
    outlet VARCHAR,
    section VARCHAR,
    kicker VARCHAR,
    headline VARCHAR,
    teaser VARCHAR,
    body VARCHAR NOT NULL,
    paragraphs JSON,                -- [{"start", "end", "kind": "p"|"h"}]
    published TIMESTAMPTZ,
    modified TIMESTAMPTZ,
    authors VARCHAR[],
    agency VARCHAR,
    author_initials VARCHAR,
    image VARCHAR,
    caption VARCHAR,
    credit VARCHAR,
    keywords VARCHAR[],
    language VARCHAR,
    is_german BOOLEAN,
    format VARCHAR,
    content_hash VARCHAR NOT NULL,
    source_ref VARCHAR,             -- path or URI of the raw input
    source_offset BIGINT,           -- byte offset inside it (WARC record, JSONL line)
    source_sha256 VARCHAR,          -- hash of the raw item bytes
    extra JSON,
    ingested_at TIMESTAMPTZ NOT NULL DEFAULT current_timestamp,
    analyzed_version VARCHAR,       -- pipeline version of the derived facts, NULL = not analysed
    PRIMARY KEY (id, version)
);
CREATE TABLE IF NOT EXISTS ingest_errors (
    item VARCHAR NOT NULL,          -- path, path#offset, or URI of the failed item
    reason VARCHAR NOT NULL,
    "at" TIMESTAMPTZ NOT NULL DEFAULT current_timestamp
);
-- Derived facts always belong to the current version of an article and are
-- replaced as a whole when it is re-analysed.
CREATE TABLE IF NOT EXISTS entities (
    id VARCHAR PRIMARY KEY,
    type VARCHAR NOT NULL,
    name VARCHAR NOT NULL,
    aliases VARCHAR[],
    country VARCHAR,
    kb_id VARCHAR,
    wikidata VARCHAR,
    pipeline_version VARCHAR
);
CREATE TABLE IF NOT EXISTS mentions (
    article_id VARCHAR NOT NULL,
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    text VARCHAR,
    label VARCHAR,
    entity_id VARCHAR,
    kind VARCHAR,
    confidence DOUBLE,
    pipeline_version VARCHAR
);
CREATE TABLE IF NOT EXISTS quotes (
    id VARCHAR PRIMARY KEY,         -- article_id || ':q' || n
    article_id VARCHAR NOT NULL,
    n INTEGER NOT NULL,
    type VARCHAR NOT NULL,
    medium VARCHAR,
    quote_start INTEGER,
    quote_end INTEGER,
    quote_text VARCHAR,
    quote_spans JSON,
    cue_text VARCHAR,
    cue_spans JSON,
    speaker_text VARCHAR,
    speaker_spans JSON,
    frame_spans JSON,
    addressee_text VARCHAR,
    addressee_spans JSON,
    speaker_entity_id VARCHAR,
    speaker_name VARCHAR,
    speaker_chain JSON,
    sentence_start INTEGER,
    sentence_end INTEGER,
    nested_in INTEGER,
    confidence DOUBLE,
    pipeline_version VARCHAR
);
CREATE TABLE IF NOT EXISTS events (
    id VARCHAR PRIMARY KEY,         -- article_id || ':e' || n
    article_id VARCHAR NOT NULL,
    n INTEGER NOT NULL,
    type VARCHAR NOT NULL,
    mode VARCHAR,
    source_text VARCHAR,
    source_start INTEGER,
    source_end INTEGER,
    source_canonical VARCHAR,
    source_entity_id VARCHAR,
    target_text VARCHAR,
    target_start INTEGER,
    target_end INTEGER,
    target_canonical VARCHAR,
    target_entity_id VARCHAR,
    event_date DATE,
    date_start DATE,
    date_end DATE,
    date_text VARCHAR,
    location_text VARCHAR,
    location_start INTEGER,
    location_end INTEGER,
    location_code VARCHAR,
    reciprocal BOOLEAN,
    cue_text VARCHAR,
    cue_start INTEGER,
    cue_end INTEGER,
    sentence_start INTEGER,
    sentence_end INTEGER,
    quote_id VARCHAR,
    asserted_by VARCHAR,
    confidence DOUBLE,
    pipeline_version VARCHAR
);
""")

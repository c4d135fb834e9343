"""Tables of the stories component: near-duplicate state, duplicate groups,
story clusters and the de-duplicated fact tables.

Registered as migration component ``stories``; :mod:`depesche.stages` imports
this module so that every :class:`~depesche.store.Store` creates the tables.
"""
from __future__ import annotations

from ..store.schema import register

register("stories", 1, """
-- One row per (current) article whose body has been sketched.  ``doc_no`` is a
-- dense integer so that the LSH bucket table stays small and joins fast.
CREATE TABLE IF NOT EXISTS dedup_docs (
    doc_no INTEGER PRIMARY KEY,
    article_id VARCHAR NOT NULL,
    content_hash VARCHAR NOT NULL,
    n_shingles INTEGER NOT NULL,    -- size of the shingle set (for containment)
    signature BLOB,                 -- MinHash values, uint32 little-endian; NULL = too short to compare
    added_at TIMESTAMPTZ NOT NULL DEFAULT current_timestamp
);
-- LSH: one row per band of every signature.  Two documents are candidates
-- when they share a bucket.
CREATE TABLE IF NOT EXISTS dedup_bands (
    bucket UBIGINT NOT NULL,
    doc_no INTEGER NOT NULL
);
-- One row per member of every group of two or more copies of one text.
CREATE TABLE IF NOT EXISTS duplicate_groups (
    group_id VARCHAR NOT NULL,      -- 'dup:' || article id of the first member; stable
    article_id VARCHAR NOT NULL,
    similarity DOUBLE NOT NULL,     -- estimated containment with the first member (1.0 for it)
    jaccard DOUBLE,                 -- estimated Jaccard similarity with the first member
    is_first BOOLEAN NOT NULL DEFAULT false,
    doc_no INTEGER NOT NULL,
    PRIMARY KEY (article_id)
);
-- Story clusters: articles about the same event across outlets and days.
CREATE TABLE IF NOT EXISTS stories (
    story_id VARCHAR PRIMARY KEY,   -- 'story:' || article id of the first member; stable
    label VARCHAR,                  -- headline of the central article
    central_article_id VARCHAR,
    first_date TIMESTAMPTZ,
    last_date TIMESTAMPTZ,
    n_articles INTEGER,
    n_outlets INTEGER,
    outlets VARCHAR[],
    key_entities VARCHAR[],
    key_terms VARCHAR[],
    centroid_terms VARCHAR[],       -- state for incremental assignment
    centroid_weights DOUBLE[],
    updated_at TIMESTAMPTZ DEFAULT current_timestamp
);
CREATE TABLE IF NOT EXISTS story_members (
    story_id VARCHAR NOT NULL,
    article_id VARCHAR PRIMARY KEY,
    content_hash VARCHAR,           -- the version that was clustered
    similarity DOUBLE,              -- cosine to the story centroid when it joined
    published TIMESTAMPTZ,
    terms VARCHAR[],                -- the article's key terms and weights (state)
    weights DOUBLE[]
);
-- Document frequencies of story terms, for TF-IDF weights.
CREATE TABLE IF NOT EXISTS story_df (
    term VARCHAR PRIMARY KEY,
    df INTEGER NOT NULL             -- the row with term '' holds the number of documents
);
-- The same quotation reprinted in many articles: one fact, many sightings.
CREATE TABLE IF NOT EXISTS quote_facts (
    fact_id VARCHAR PRIMARY KEY,
    quote_text VARCHAR,
    speaker_name VARCHAR,
    speaker_entity_id VARCHAR,
    type VARCHAR,
    first_seen TIMESTAMPTZ,
    last_seen TIMESTAMPTZ,
    first_article_id VARCHAR,
    n_sightings INTEGER,
    n_articles INTEGER,
    outlets VARCHAR[]
);
CREATE TABLE IF NOT EXISTS quote_sightings (
    fact_id VARCHAR NOT NULL,
    quote_id VARCHAR PRIMARY KEY,   -- quotes.id
    article_id VARCHAR NOT NULL,
    outlet VARCHAR,
    published TIMESTAMPTZ
);
CREATE TABLE IF NOT EXISTS event_facts (
    fact_id VARCHAR PRIMARY KEY,
    type VARCHAR NOT NULL,
    source VARCHAR,
    target VARCHAR,
    event_date DATE,
    first_seen TIMESTAMPTZ,
    last_seen TIMESTAMPTZ,
    first_article_id VARCHAR,
    n_sightings INTEGER,
    n_articles INTEGER,
    outlets VARCHAR[]
);
CREATE TABLE IF NOT EXISTS event_sightings (
    fact_id VARCHAR NOT NULL,
    event_id VARCHAR PRIMARY KEY,   -- events.id
    article_id VARCHAR NOT NULL,
    outlet VARCHAR,
    published TIMESTAMPTZ
);
""")

"""Full-text search over headlines and text, and the hook ingest calls.

The index is DuckDB's ``fts`` extension (BM25, German Snowball stemmer),
built inside each serving snapshot (see :mod:`depesche.web.snapshot`).
"""
from __future__ import annotations

from pathlib import Path

from markupsafe import Markup

from . import queries, render
from .snapshot import SEARCH_TABLE, build_snapshot, fingerprint, load_fts, sidecar_dir, write_manifest

__all__ = ["rebuild_index", "search", "SEARCH_TABLE"]


def rebuild_index(store) -> Path:
    """Snapshot ``store`` (a read-write :class:`depesche.store.Store`) and build
    the search index in it; a running ``depesche serve`` switches to it on its
    next poll, even while ``store`` stays open.

    Ingest calls this at the end of a run.  Cheap when nothing changed (the
    snapshot is keyed by a fingerprint of the corpus).  Returns the snapshot file.
    """
    con = store.con
    load_fts(con)  # the snapshot build needs the extension's PRAGMA
    progress = con.execute("SELECT current_setting('enable_progress_bar')").fetchone()[0]
    con.execute("SET enable_progress_bar = false")  # no bars in the middle of ingest's output
    try:
        db = con.execute("SELECT current_database()").fetchone()[0]
        con.execute("CHECKPOINT")
        folder = sidecar_dir(store.path)
        fp = fingerprint(con, db)
        path = build_snapshot(con, db, folder, fp)
        write_manifest(folder, fp)
    finally:
        con.execute(f"SET enable_progress_bar = {'true' if progress else 'false'}")
    return path


def query_words(q: str) -> list[str]:
    return [w.group() for w in render.WORD.finditer(q)]


def _fold(word: str) -> str:
    """Lower case without umlauts, as the Snowball stemmer spells its stems."""
    return word.lower().replace("ä", "a").replace("ö", "o").replace("ü", "u").replace("ß", "ss")


def search(cur, q: str, flt: queries.ArticleFilter, limit: int, offset: int) -> tuple[int, list[dict]]:
    """Ranked hits with a highlighted ``snippet`` and ``headline_html`` each."""
    words = query_words(q)
    if not words:
        return 0, []
    total, rows = queries.search_articles(cur, " ".join(words), flt, limit, offset)
    if not rows:
        return total, rows
    found = queries.search_texts(cur, [r["docid"] for r in rows])
    texts = {r["id"]: found.get(r["docid"], ("", ""))[1] for r in rows}
    query_stems = set(queries.query_terms(cur, " ".join(words)))
    # A word can only share a stem if it starts like it; stem just those.
    prefixes = tuple({_fold(s)[:4] for s in query_stems})
    candidates = sorted({w.group().lower() for t in [*texts.values(), *(r["headline"] or "" for r in rows)]
                         for w in render.WORD.finditer(t) if _fold(w.group()).startswith(prefixes)})
    stem_of = dict(zip(candidates, queries.stems(cur, candidates)))
    for r in rows:
        r["snippet_html"] = render.snippet(texts.get(r["id"], ""), stem_of, query_stems)
        r["headline_html"] = render.highlight_words(r["headline"], stem_of, query_stems)
        r["snippet"] = Markup(r["snippet_html"]).striptags()
        r.pop("docid", None)
    return total, rows

"""Query benchmark: the web app's speaker page and search over a generated
corpus of 1,000,000 articles (goal: a speaker page in < 200 ms).

    python benchmarks/bench_query.py                          # 1,000,000 articles
    python benchmarks/bench_query.py --articles 100000 --dir /tmp/q

The corpus is generated *inside DuckDB* with ``generate_series`` (no Python
loop over articles): bodies of ``--words`` words drawn from the synthetic
vocabulary of ``bench_search.py`` with a Zipf-like (1/rank) distribution,
``--mentions`` entity mentions, ``--quotes`` quotations and ``--events``
events per article, actors and speakers Zipf-distributed over ``--entities``
people (the most quoted person says ~7 % of all quotes, as a head of
government does).  Then the web app's snapshot and search index are built
exactly as ``depesche serve`` builds them, and the timed calls are the very
functions the app uses: ``web.queries.get_entity``, ``entity_quotes``,
``list_events``, ``co_mentioned`` and ``entity_timeline`` (one speaker page,
``entity_bundle`` in ``web/app.py``), ``web.queries.search_articles``, and
``quotes.query.quotes_by_speaker`` on the store itself (``depesche quotes``).
Wall-clock medians; prints numbers, asserts nothing.
"""
from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from bench_search import FUNCTION_WORDS, OUTLETS, SECTIONS, vocabulary  # noqa: E402

# rank in [0, n): P(r) ~ 1 / (r + 1), from a hash of ``seed`` (deterministic, no RNG state)
ZIPF_MACRO = ("CREATE OR REPLACE TEMP MACRO zipf(seed, n) AS "
              "(floor(exp((hash(seed) % 1000000007) / 1000000007.0 * ln(n + 1))) - 1)::INTEGER")


def generate(con, n: int, *, words: int, mentions: int, quotes: int, events: int, entities: int) -> dict:
    """Fill the (migrated, empty) store on ``con``; returns seconds per table."""
    import pyarrow as pa

    vocab = vocabulary()
    con.register("bench_vocab", pa.table({"rank": list(range(len(vocab))), "word": vocab}))
    con.execute(ZIPF_MACRO)
    con.execute("CREATE OR REPLACE TEMP TABLE bench_lists AS SELECT list(word ORDER BY rank) AS vocab, "
                f"? AS outlets, ? AS sections FROM bench_vocab", [OUTLETS, SECTIONS])
    v, content = len(vocab), len(vocab) - len(FUNCTION_WORDS)
    seconds = {}

    def timed(name: str, sql: str, params: list | None = None) -> None:
        t = time.perf_counter()
        con.execute(sql, params or [])
        seconds[name] = time.perf_counter() - t

    timed("articles", f"""
        INSERT INTO articles (id, version, is_current, outlet, section, headline, body, published, content_hash,
                              language, format, analyzed_version)
        SELECT 'b' || lpad(i::VARCHAR, 7, '0'), 1, true, l.outlets[1 + i % 8], l.sections[1 + (i // 8) % 8],
               array_to_string(list_transform(range(7), j -> l.vocab[{len(FUNCTION_WORDS) + 1}
                                                             + zipf(i * 7919 + j, {content})]), ' '),
               array_to_string(list_transform(range({words}), j -> l.vocab[1 + zipf(i * 104729 + j, {v})]), ' '),
               TIMESTAMPTZ '2023-01-01 06:00:00+00' + to_seconds((hash(i, 'published') % (730 * 86400))::BIGINT),
               'b' || i, 'de', 'bench', 'bench'
        FROM range({n}) t(i), bench_lists l""")
    timed("entities", f"""
        INSERT INTO entities (id, type, name, aliases)
        SELECT 'new:e' || k, 'PER', 'Person ' || k, ['P. ' || k] FROM range({entities}) t(k)""")
    timed("mentions", f"""
        INSERT INTO mentions (article_id, start, "end", text, label, entity_id, kind)
        SELECT 'b' || lpad(i::VARCHAR, 7, '0'), 10 * j, 10 * j + 6, 'Person', 'PER',
               'new:e' || zipf(i * 31 + j, {entities}), 'name'
        FROM range({n}) a(i), range({mentions}) b(j)""")
    timed("quotes", f"""
        INSERT INTO quotes (id, article_id, n, type, medium, quote_start, quote_end, quote_text, cue_text,
                            speaker_text, speaker_entity_id, speaker_name, confidence)
        SELECT 'b' || lpad(i::VARCHAR, 7, '0') || ':q' || j, 'b' || lpad(i::VARCHAR, 7, '0'), j,
               CASE j % 3 WHEN 0 THEN 'Direct' WHEN 1 THEN 'Indirect' ELSE 'Reported' END, 'Speech',
               100 * j, 100 * j + 60, 'Wir halten an dem Plan fest, sagte die Sprecherin ' || j, 'sagte',
               'Person ' || s, 'new:e' || s, 'Person ' || s, 0.9
        FROM (SELECT i, j, zipf(i * 17 + j + 7, {entities}) AS s FROM range({n}) a(i), range({quotes}) b(j))""")
    timed("events", f"""
        INSERT INTO events (id, article_id, n, type, mode, source_text, source_entity_id, target_text,
                            target_entity_id, sentence_start, sentence_end, cue_text, asserted_by, confidence)
        SELECT 'b' || lpad(i::VARCHAR, 7, '0') || ':e' || j, 'b' || lpad(i::VARCHAR, 7, '0'), j,
               CASE j % 4 WHEN 0 THEN 'CONSULT' WHEN 1 THEN 'ACCUSE' WHEN 2 THEN 'AGREE' ELSE 'DEMAND' END, NULL,
               'Person ' || s, 'new:e' || s, 'Person ' || t, 'new:e' || t, 0, 80, 'traf', 'outlet', 0.8
        FROM (SELECT i, j, zipf(i * 13 + j + 3, {entities}) AS s, zipf(i * 11 + j + 5, {entities}) AS t
              FROM range({n}) a(i), range({events}) b(j))""")
    con.execute("CHECKPOINT")
    con.unregister("bench_vocab")
    return seconds


def timed_median(fn, repeat: int) -> tuple[float, float]:
    fn()  # warm caches
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t) * 1000)
    return statistics.median(times), max(times)


def fill_store(db: Path, n: int, add, *, reuse: bool = False, **shape) -> None:
    """Create the store ``db`` with ``n`` generated articles (``shape``: words,
    mentions, quotes, events, entities per :func:`generate`)."""
    from depesche.store import Store

    if db.exists() and not reuse:
        db.unlink()
    t = time.perf_counter()
    with Store(db) as store:
        parts = {"reused": 0.0} if reuse else generate(store.con, n, **{**DEFAULT_SHAPE, **shape})
        counts = {tb: store.con.execute(f"SELECT count(*) FROM {tb}").fetchone()[0]
                  for tb in ("articles", "mentions", "quotes", "events", "entities")}
    add("generated corpus", f"{counts['articles']:,} articles",
        f"{counts['mentions']:,} mentions, {counts['quotes']:,} quotes, {counts['events']:,} events, "
        f"{counts['entities']:,} entities; {time.perf_counter() - t:.0f} s "
        f"({', '.join(f'{k} {s:.0f} s' for k, s in parts.items())}); {db.stat().st_size / 2**30:.1f} GiB")


def time_store_queries(db: Path, add, repeat: int) -> None:
    """``quotes.query.quotes_by_speaker`` on the store itself (``depesche quotes NAME``)."""
    from depesche.quotes.query import quotes_by_speaker
    from depesche.store import Store

    with Store(db, read_only=True) as store:
        for label, name in (("most quoted", "Person 0"), ("rarely quoted", "Person 40000")):
            med, mx = timed_median(lambda: quotes_by_speaker(store, name), repeat)
            add(f"store: quotes_by_speaker, {label} person", f"{med:.0f} ms", f"median of {repeat}, max {mx:.0f}")


def time_web_queries(db: Path, add, repeat: int, threads: int = 2, fresh: bool = True) -> None:
    """Build the web app's snapshot of ``db`` and time a speaker page and searches on it
    (``fresh=False``: reuse a snapshot of the same store and format)."""
    from depesche.web import queries as q
    from depesche.web import snapshot

    if fresh:
        shutil.rmtree(snapshot.sidecar_dir(db), ignore_errors=True)
    t = time.perf_counter()
    fp, path = snapshot.build_from_file(db, snapshot.sidecar_dir(db))
    add("snapshot + search index build", f"{time.perf_counter() - t:.0f} s", "once per corpus change")
    snap = snapshot.Snapshot.open(path, fp, threads=threads)
    cur = snap.cursor()
    top = cur.execute("SELECT speaker_entity_id, count(*) FROM quotes GROUP BY 1 ORDER BY 2 DESC LIMIT 1").fetchone()
    rare = cur.execute("SELECT speaker_entity_id FROM quotes GROUP BY 1 HAVING count(*) >= 3 "
                       "ORDER BY count(*), 1 LIMIT 1").fetchone()[0]

    def speaker_page(entity_id: str):
        # what entity_bundle in web/app.py runs for /entities/{id}
        ent = q.get_entity(cur, entity_id)
        ent["quotes"] = q.entity_quotes(cur, entity_id)
        _, ent["events"] = q.list_events(cur, entity=entity_id, limit=500)
        ent["co_mentioned"] = q.co_mentioned(cur, entity_id)
        ent["timeline"] = q.entity_timeline(cur, entity_id)
        return ent

    content = vocabulary()[len(FUNCTION_WORDS):]
    cases = [
        (f"speaker page, most quoted person ({top[1]:,} quotes)", lambda: speaker_page(top[0])),
        ("speaker page, rarely quoted person", lambda: speaker_page(rare)),
        ("  of which entity_quotes, most quoted", lambda: q.entity_quotes(cur, top[0])),
        ("  of which list_events, most quoted", lambda: q.list_events(cur, entity=top[0], limit=500)),
        ("  of which co_mentioned, most quoted", lambda: q.co_mentioned(cur, top[0])),
        ("  of which entity_timeline, most quoted", lambda: q.entity_timeline(cur, top[0])),
        ("search, frequent word", lambda: q.search_articles(cur, content[0], q.ArticleFilter(), 20, 0)),
        ("search, two words", lambda: q.search_articles(cur, f"{content[5]} {content[40]}", q.ArticleFilter(), 20, 0)),
        ("search, rare word", lambda: q.search_articles(cur, content[-1], q.ArticleFilter(), 20, 0)),
    ]
    try:
        for label, fn in cases:
            med, mx = timed_median(fn, repeat)
            add(f"query: {label}", f"{med:.0f} ms", f"median of {repeat}, max {mx:.0f}")
    finally:
        cur.close()
        snap.con.close()


DEFAULT_SHAPE = {"words": 80, "mentions": 10, "quotes": 5, "events": 2, "entities": 50_000}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--articles", type=int, default=1_000_000)
    ap.add_argument("--words", type=int, default=80, help="words per body (the search index grows with it)")
    ap.add_argument("--mentions", type=int, default=10, help="entity mentions per article")
    ap.add_argument("--quotes", type=int, default=5, help="quotations per article")
    ap.add_argument("--events", type=int, default=2, help="events per article")
    ap.add_argument("--entities", type=int, default=50_000, help="people the speakers and actors are drawn from")
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--threads", type=int, default=2, help="DuckDB threads of the serving snapshot")
    ap.add_argument("--dir", type=Path, default=None, help="work folder (deleted afterwards unless --keep)")
    ap.add_argument("--keep", action="store_true", help="keep the generated files")
    ap.add_argument("--reuse", action="store_true",
                    help="reuse the corpus (and a current snapshot) of an earlier --keep run in --dir; "
                         "times the web queries only")
    ap.add_argument("--generate-only", action="store_true", help="stop after generating (with --keep)")
    args = ap.parse_args()

    work = args.dir or Path(tempfile.mkdtemp(prefix="depesche-query-"))
    work.mkdir(parents=True, exist_ok=True)
    db = work / "corpus.duckdb"
    rows = []

    def add(measure: str, value: str, note: str = "") -> None:
        rows.append((measure, value, note))
        print(f"  {measure}: {value} {note}", file=sys.stderr, flush=True)

    load = os.getloadavg()[0]
    try:
        fill_store(db, args.articles, add, reuse=args.reuse, words=args.words, mentions=args.mentions,
                   quotes=args.quotes, events=args.events, entities=args.entities)
        if args.generate_only:
            return
        if not args.reuse:  # with --reuse: the web queries only, on the snapshot if it is current
            time_store_queries(db, add, args.repeat)
        time_web_queries(db, add, args.repeat, args.threads, fresh=not args.reuse)
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
    print(f"\nquery benchmark, {args.articles:,} articles of {args.words} words, DuckDB threads {args.threads}; "
          f"load average {load:.1f} at start, {os.getloadavg()[0]:.1f} at end\n")
    w0 = max(len(r[0]) for r in rows)
    w1 = max(len(r[1]) for r in rows)
    for m, v, n in rows:
        print(f"{m:<{w0}}  {v:>{w1}}  {n}")


if __name__ == "__main__":
    main()

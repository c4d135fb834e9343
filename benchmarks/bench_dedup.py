#!/usr/bin/env python3
"""Throughput and peak memory of grouping: near-duplicates, stories, facts.

Generates a variant corpus (``scripts/make_variants.py``) of about
``--articles`` articles into a fresh DuckDB file (not timed, own process),
then groups it in a second process with DuckDB limited to one thread and
prints articles/s per phase and the peak RSS of that process.  Finally adds
``--increment`` more articles and times the incremental run.

    nice python benchmarks/bench_dedup.py --articles 100000
    python benchmarks/bench_dedup.py --quality        # P/R on variant corpora
"""
from __future__ import annotations

import argparse
import importlib.util
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
PER_EVENT = 6.0  # mean articles per event of make_variants.generate with default parameters


def _variants():
    spec = importlib.util.spec_from_file_location("make_variants", REPO / "scripts" / "make_variants.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def build(db: str, articles: int, seed: int, days: int) -> None:
    from depesche.store import Store
    from depesche.stories.evaluate import load_records

    mv = _variants()
    batch, n = [], 0
    with Store(db) as st:
        for rec in mv.generate(n_events=int(articles / PER_EVENT) + 1, seed=seed, days=days):
            batch.append(rec)
            if len(batch) == 10_000:
                n += load_records(st, batch)
                batch = []
            if n + len(batch) >= articles:
                break
        n += load_records(st, batch)
    print(json.dumps({"built": n}))


def group(db: str) -> None:
    from depesche.store import Store
    from depesche.stories.cluster import update_stories
    from depesche.stories.dedup import update_duplicates
    from depesche.stories.facts import update_facts

    out = {}
    with Store(db) as st:
        st.con.execute("SET threads = 1")
        n = st.con.execute("SELECT count(*) FROM articles WHERE is_current").fetchone()[0]
        for name, fn in (("duplicates", update_duplicates), ("stories", update_stories), ("facts", update_facts)):
            t, c = time.perf_counter(), time.process_time()
            with st.transaction():
                res = fn(st.con)
            out[name + "_s"] = round(time.perf_counter() - t, 1)
            out[name + "_cpu"] = round(time.process_time() - c, 1)
            out[name + "_peak_rss_mib"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
            if name == "duplicates":
                out["sketched"], out["accepted_pairs"] = res.sketched, res.accepted_pairs
        out["articles"] = n
        out["groups"] = st.con.execute("SELECT count(DISTINCT group_id) FROM duplicate_groups").fetchone()[0]
        out["stories"] = st.con.execute("SELECT count(*) FROM stories").fetchone()[0]
    out["peak_rss_mib"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
    print(json.dumps(out))


def _run(*args) -> dict:
    env = dict(os.environ, OMP_NUM_THREADS="1", OPENBLAS_NUM_THREADS="1")
    res = subprocess.run([sys.executable, __file__, *args], capture_output=True, text=True, env=env, check=True)
    return json.loads(res.stdout.strip().splitlines()[-1])


def quality(seeds=(1, 2, 3), events=200, days=60) -> None:
    from depesche.store import Store
    from depesche.stories import update
    from depesche.stories.evaluate import load_records, score_store

    mv = _variants()
    for seed in seeds:
        recs = list(mv.generate(n_events=events, seed=seed, days=days))
        with tempfile.TemporaryDirectory() as tmp, Store(Path(tmp) / "q.duckdb") as st:
            load_records(st, recs)
            update(st, facts=False)
            s = score_store(st, recs)
        d, c = s["duplicates"], s["stories"]
        print(f"seed {seed}: {len(recs)} articles, {events} events in {days} days | duplicates P={d['precision']:.3f} "
              f"R={d['recall']:.3f} ({d['true_pairs']} true pairs) | stories P={c['precision']:.3f} "
              f"R={c['recall']:.3f} ({c['true_pairs']} true pairs)")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--articles", type=int, default=100_000)
    ap.add_argument("--increment", type=int, default=1_000)
    ap.add_argument("--days", type=int, help="date range of the corpus (default 365; 60 with --quality)")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--quality", action="store_true", help="print pairwise P/R on variant corpora and exit")
    ap.add_argument("--events", type=int, default=200, help="with --quality: events per corpus")
    ap.add_argument("--seeds", default="1,2,3", help="with --quality: comma-separated seeds")
    ap.add_argument("--phase", choices=["build", "group"], help=argparse.SUPPRESS)
    ap.add_argument("--db", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.phase == "build":
        args.days = args.days or 365
        return build(args.db, args.articles, args.seed, args.days)
    if args.phase == "group":
        return group(args.db)
    if args.quality:
        return quality(tuple(int(x) for x in args.seeds.split(",")), args.events, args.days or 60)
    args.days = args.days or 365
    with tempfile.TemporaryDirectory() as tmp:
        db = str(Path(tmp) / "bench.duckdb")
        t = time.perf_counter()
        built = _run("--phase", "build", "--db", db, "--articles", str(args.articles), "--seed", str(args.seed),
                     "--days", str(args.days))
        print(f"built {built['built']} articles in {time.perf_counter() - t:.0f} s (not timed below)")
        r = _run("--phase", "group", "--db", db)
        total = r["duplicates_s"] + r["stories_s"] + r["facts_s"]
        cpu = r["duplicates_cpu"] + r["stories_cpu"] + r["facts_cpu"]
        print(f"full run, DuckDB 1 thread: {r['articles']} articles in {total:.1f} s wall = {r['articles'] / total:.0f} "
              f"articles/s; {cpu:.1f} s CPU = {r['articles'] / cpu:.0f} articles/s per core; "
              f"peak RSS {r['peak_rss_mib']} MiB")
        print(f"  duplicates {r['duplicates_s']} s ({r['articles'] / r['duplicates_s']:.0f}/s, "
              f"{r['accepted_pairs']} pairs, {r['groups']} groups); stories {r['stories_s']} s "
              f"({r['articles'] / max(r['stories_s'], 0.01):.0f}/s, {r['stories']} stories); facts {r['facts_s']} s")
        if args.increment:
            _run("--phase", "build", "--db", db, "--articles", str(args.increment), "--seed", str(args.seed + 1000),
                 "--days", str(args.days))
            r2 = _run("--phase", "group", "--db", db)
            t2 = r2["duplicates_s"] + r2["stories_s"] + r2["facts_s"]
            c2 = r2["duplicates_cpu"] + r2["stories_cpu"] + r2["facts_cpu"]
            print(f"incremental run: {r2['sketched']} new articles in {t2:.1f} s wall, {c2:.1f} s CPU (duplicates {r2['duplicates_s']} s, "
                  f"stories {r2['stories_s']} s, facts {r2['facts_s']} s); peak RSS {r2['peak_rss_mib']} MiB")


if __name__ == "__main__":
    main()

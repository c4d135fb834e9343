"""All of depesche's speed figures in one table.

    python benchmarks/run_all.py [--pages 250] [--articles 1000000] [--skip dask,queries]
    python benchmarks/run_all.py --pages 60 --articles 20000       # a quick look
    python benchmarks/run_all.py --profile 40                        # where analysis time goes

Measures, in one run on the same inputs:

* end-to-end ingest of the German HTML pages of the extraction eval set
  (``../shared/data/extraction/trafilatura-eval-de/pages``): read, extract,
  analyse, store; articles per CPU-second (the one-core figure) and how many
  times the CPU time of trafilatura's extraction alone of the same pages it
  costs; with 1 and 2 local workers and on a 1- and 2-worker Dask LocalCluster
  (wall-clock speed-up of 2 workers over 1, peak RSS of the largest process);
* the speed-up of 2 local workers over 1 on ``--bulk`` 10kGNAD articles in
  one JSONL file, a longer run in which loading the models is a smaller share;
* the same ratio from one process that alternates, 25 pages at a time,
  trafilatura alone and depesche's whole ingest of the same pages, so that the
  machine's drift hits both alike (the steadier figure for issue 9's 0.25x);
* the analysis of the stored articles stage by stage in this process: tokens
  per CPU-second of the language core, quotes and events per CPU-second;
* DuckDB query times of a speaker page (every query of the web app's entity
  page) and a search (``web.queries.search_articles``) over a corpus of
  ``--articles`` articles generated in DuckDB (``bench_query.py``).

Per-stage detail on 10kGNAD stays in the other scripts (``bench_nlp.py``,
``bench_quotes.py``, ``bench_events.py``, ``bench_extraction.py``,
``bench_search.py``); ``--stage-scripts`` runs them after the table.
Times are printed, never asserted.  CPU figures hold on a loaded machine;
wall-clock ones (speed-ups, query times) depend on what else runs.
"""
from __future__ import annotations

import os

for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")

import argparse  # noqa: E402
import json  # noqa: E402
import platform  # noqa: E402
import subprocess  # noqa: E402
import sys  # noqa: E402
import tempfile  # noqa: E402
import time  # noqa: E402
from datetime import datetime, timezone  # noqa: E402
from pathlib import Path  # noqa: E402

HERE = Path(__file__).resolve().parent
SHARED = HERE.parent.parent / "shared"
PAGES = SHARED / "data/extraction/trafilatura-eval-de/pages"

# Runs one command and reports its rusage and that of everything it started
# (worker processes included): CPU seconds, and the peak RSS of the largest process.
# ``others_cpu``: CPU seconds the rest of the machine used meanwhile (all CPU time
# in /proc/stat less the command's own), so a wall-clock figure can be judged.
MEASURE = """
import json, os, resource, subprocess, sys, time

def machine_cpu():
    try:
        with open("/proc/stat") as fh:
            f = [int(x) for x in fh.readline().split()[1:]]
    except OSError:
        return float("nan")
    return (sum(f[:8]) - f[3] - f[4]) / os.sysconf("SC_CLK_TCK")  # all but idle and iowait

m = machine_cpu()
t = time.perf_counter()
rc = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL).returncode
wall = time.perf_counter() - t
busy = machine_cpu() - m
u = resource.getrusage(resource.RUSAGE_CHILDREN)
cpu = u.ru_utime + u.ru_stime
print(json.dumps({"rc": rc, "wall": wall, "cpu": cpu, "maxrss_mib": u.ru_maxrss / 1024,
                  "others_cpu": max(busy - cpu, 0.0)}))
"""


class Table:
    def __init__(self) -> None:
        self.rows: list[tuple[str, str, str]] = []

    def add(self, measure: str, value: str, note: str = "") -> None:
        self.rows.append((measure, value, note))
        print(f"  {measure}: {value} {note}", file=sys.stderr, flush=True)

    def print(self) -> None:
        w0 = max(len(r[0]) for r in self.rows)
        w1 = max(len(r[1]) for r in self.rows)
        print(f"{'measure':<{w0}}  {'value':>{w1}}  note")
        print(f"{'-' * w0}  {'-' * w1}  ----")
        for m, v, n in self.rows:
            print(f"{m:<{w0}}  {v:>{w1}}  {n}")


def measure(cmd: list[str]) -> dict:
    out = subprocess.run([sys.executable, "-c", MEASURE, *cmd], capture_output=True, text=True, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def depesche_cmd(*args: str) -> list[str]:
    return [sys.executable, "-c", "from depesche.cli import main; main()", *args]


# -- end to end ----------------------------------------------------------------

def trafilatura_cpu(files: list[Path]) -> float:
    """CPU seconds of trafilatura's extraction of ``files`` (after a warm-up)."""
    import trafilatura

    pages = [f.read_bytes() for f in files]
    for html in pages[:3]:
        trafilatura.extract(html)
    c = time.process_time()
    for html in pages:
        trafilatura.extract(html)
    return time.process_time() - c


def end_to_end(table: Table, files: list[Path], work: Path, skip: set[str], rounds: int = 1) -> Path:
    folder = work / "pages"
    folder.mkdir()
    for f in files:
        (folder / f.name).symlink_to(f)
    n_pages = len(files)
    t_cpu = trafilatura_cpu(files)
    table.add("trafilatura.extract alone", f"{n_pages / t_cpu:.1f} pages/CPU-s", f"{n_pages} pages")

    # the fixed cost of one process (imports, models) from a one-page run, to
    # tell the steady rate from start-up on short runs
    one = work / "one"
    one.mkdir()
    (one / files[0].name).symlink_to(files[0])
    start = measure(depesche_cmd("ingest", str(one), "--db", str(work / "one.duckdb"), "--workers", "1"))
    startup = start["cpu"]
    table.add("start-up of one process", f"{startup:.1f} CPU-s", "imports, models, one page")

    runs = {("local", w): r for w, r in local_pair(folder, work, "local").items()}
    if "dask" not in skip:
        for workers in (1, 2):
            out = work / f"dask{workers}"
            runs[("dask", workers)] = r = measure(depesche_cmd(
                "ingest", str(folder), "--engine", "dask", "--scheduler", "local", "--workers", str(workers),
                "--out", str(out)))
            r["articles"] = _parquet_analysed(out)
    for (engine, workers), r in runs.items():
        if r["rc"] not in (0,):
            table.add(f"{engine} x{workers}", "FAILED", f"exit code {r['rc']}")
            continue
        steady = max(r["cpu"] - workers * startup, 1e-9)
        table.add(f"end to end, {engine} engine, {workers} worker(s)",
                  f"{r['articles'] / steady:.2f} articles/CPU-s",
                  f"{r['articles']} of {n_pages} pages analysed; {r['cpu']:.0f} CPU-s in all, less start-up "
                  f"{steady:.0f}: {steady / t_cpu:.0f}x trafilatura's CPU time; {r['wall']:.0f} s wall "
                  f"(other processes used {r['others_cpu']:.0f} CPU-s meanwhile); "
                  f"peak RSS of a process {r['maxrss_mib']:.0f} MiB")
    for engine in ("local", "dask"):
        one, two = runs.get((engine, 1)), runs.get((engine, 2))
        if one and two and one["rc"] == two["rc"] == 0:
            table.add(f"speed-up 2 workers over 1, {engine}", f"{one['wall'] / two['wall']:.2f}x", _load_note(one, two))
    # more 1/2-worker pairs of the local engine: a wall-clock ratio is only
    # as good as the quietest pair, and the others' CPU use says which that is
    for k in range(2, rounds + 1):
        pair = local_pair(folder, work, f"round{k}-")
        one, two = pair[1], pair[2]
        if one["rc"] == two["rc"] == 0:
            table.add(f"speed-up 2 workers over 1, local, round {k}", f"{one['wall'] / two['wall']:.2f}x",
                      f"{one['wall']:.0f} s / {two['wall']:.0f} s wall; " + _load_note(one, two))
    return work / "local1.duckdb"


def local_pair(inputs: Path, work: Path, name: str) -> dict[int, dict]:
    """``depesche ingest inputs`` with 1, then 2 local workers, each into a fresh
    DuckDB file ``work/<name><workers>.duckdb``: the rusage of each run, plus
    ``articles`` (how many it analysed)."""
    runs = {}
    for workers in (1, 2):
        db = work / f"{name}{workers}.duckdb"
        runs[workers] = r = measure(depesche_cmd("ingest", str(inputs), "--db", str(db), "--workers", str(workers)))
        r["articles"] = _analysed(db) if r["rc"] == 0 else 0
    return runs


def _load_note(one: dict, two: dict) -> str:
    return (f"wall clock; other processes used {one['others_cpu']:.0f} / {two['others_cpu']:.0f} CPU-s "
            "during the 1- / 2-worker run")


def _analysed(db: Path) -> int:
    import duckdb

    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute("SELECT count(*) FROM articles WHERE analyzed_version IS NOT NULL").fetchone()[0]
    finally:
        con.close()


def _parquet_analysed(out: Path) -> int:
    import duckdb

    return duckdb.sql(f"SELECT count(*) FROM read_parquet('{out}/articles/*.parquet') "
                      "WHERE analyzed_version IS NOT NULL").fetchone()[0]


# -- speed-up on a longer run -------------------------------------------------------

GNAD = SHARED / "data/news/10kgnad/test.csv"


def bulk_speedup(table: Table, work: Path, n: int) -> None:
    """Speed-up of 2 local workers over 1 on ``n`` 10kGNAD articles in one JSONL file.

    On the 250 HTML pages a run has ~30 CPU-s of work, and every worker first
    loads the models (~4-5 CPU-s): a fixed cost that caps the speed-up of such a
    short run, while it vanishes on the large inputs the engine is for.  This
    longer run shows the speed-up with the fixed cost a smaller share."""
    sys.path.insert(0, str(HERE))
    from bench_nlp import read_10kgnad

    texts = read_10kgnad(GNAD, n)
    dump = work / "bulk" / "10kgnad.jsonl"
    dump.parent.mkdir(exist_ok=True)
    with open(dump, "w", encoding="utf-8") as fh:
        for i, text in enumerate(texts):
            fh.write(json.dumps({"url": f"https://10kgnad.example/{i}", "text": text, "language": "de"},
                                ensure_ascii=False) + "\n")
    runs = local_pair(dump, work, "bulk")
    one, two = runs[1], runs[2]
    if one["rc"] == two["rc"] == 0:
        table.add(f"speed-up 2 workers over 1, local, {len(texts)} articles", f"{one['wall'] / two['wall']:.2f}x",
                  f"{one['wall']:.0f} s / {two['wall']:.0f} s wall, {one['articles']} / {two['articles']} analysed; "
                  + _load_note(one, two))
    else:
        table.add("bulk speed-up", "FAILED", f"exit codes {one['rc']} / {two['rc']}")


# -- interleaved ratio -------------------------------------------------------------

def interleaved(table: Table, files: list[Path], work: Path, chunk: int = 25) -> None:
    """The ratio to trafilatura with the machine's drift cancelled out.

    The separate runs above measure trafilatura and the ingest minutes apart;
    this machine's speed moves by a quarter within minutes, and so does their
    ratio.  Here one process alternates, ``chunk`` pages at a time, trafilatura
    alone on the chunk and depesche's whole ingest of the same chunk (read and
    extract, language core, every stage, stored by the ingest ``Runner`` in
    DuckDB; at the end the corpus-wide duplicate/story step), after a warm-up
    that loads every model.  One worker, in-process: the per-core figure."""
    import trafilatura

    from depesche.ingest.commands import Runner
    from depesche.ingest.reader import iter_items
    from depesche.store import Store
    from depesche.stories import update as update_stories

    pages = [f.read_bytes() for f in files]
    cpu = time.process_time
    with Store(":memory:") as scratch:  # warm-up: loads every model
        warm = Runner(scratch)
        for x in iter_items(files[:2]):
            warm.handle(x)
        warm.flush()
        update_stories(scratch)
    for html in pages[:3]:
        trafilatura.extract(html)
    with Store(work / "interleaved.duckdb") as store:
        t_ref = t_ours = 0.0
        runner = Runner(store)
        for i in range(0, len(files), chunk):
            c = cpu()
            for html in pages[i:i + chunk]:
                trafilatura.extract(html)
            t_ref += cpu() - c
            c = cpu()
            for x in iter_items(files[i:i + chunk]):
                runner.handle(x)
            runner.flush()
            t_ours += cpu() - c
        c = cpu()
        update_stories(store)
        t_ours += cpu() - c
    n = runner.counts["analysed"]
    ref_rate, our_rate = len(files) / t_ref, n / t_ours
    table.add("end to end, interleaved with trafilatura (1 process)", f"{our_rate:.2f} articles/CPU-s",
              f"{n} of {len(files)} pages analysed; trafilatura alone {ref_rate:.1f} pages/CPU-s in the same "
              f"chunks; ratio {our_rate / ref_rate:.3f} (issue 9 asks >= 0.25)")


# -- stage by stage -------------------------------------------------------------

def stages(table: Table, db: Path, limit: int) -> None:
    """Language core, then each registered stage, over stored German bodies."""
    import duckdb

    from depesche import stages as _register  # noqa: F401
    from depesche.model import Analysis
    from depesche.nlp import load
    from depesche.pipeline import PARSE_BATCH, STAGES
    from depesche.store.db import ARTICLE_COLUMNS, _row_to_article

    con = duckdb.connect(str(db), read_only=True)
    rows = con.execute(f"SELECT {', '.join(ARTICLE_COLUMNS)} FROM articles WHERE is_current AND language = 'de' "
                       f"ORDER BY id LIMIT {int(limit)}").fetchall()
    con.close()
    articles = [_row_to_article(r) for r in rows]
    c = time.process_time()
    nlp = load()
    nlp("Warmlauf: Der Satz lädt alles, was träge geladen wird.")
    table.add("model loading (one process)", f"{time.process_time() - c:.1f} CPU-s")
    per_stage = {name: 0.0 for name in STAGES}
    tokens = quotes = events = 0
    t_core = 0.0
    docs = []
    for i in range(0, len(articles), PARSE_BATCH):  # as the ingest parses them
        c = time.process_time()
        docs += nlp.pipe([a.body for a in articles[i:i + PARSE_BATCH]], batch_size=PARSE_BATCH)
        t_core += time.process_time() - c
    for art, doc in zip(articles, docs):
        tokens += len(doc)
        analysis = Analysis(article=art, doc=doc)
        for st in sorted(STAGES.values()):
            c = time.process_time()
            st.fn(analysis)
            per_stage[st.name] += time.process_time() - c
        quotes += len(analysis.quotes)
        events += len(analysis.events)
    total = t_core + sum(per_stage.values())
    n = len(articles)
    table.add("language core", f"{tokens / t_core:,.0f} tokens/CPU-s", f"{n} articles, {tokens:,} tokens")
    for name, secs in per_stage.items():
        table.add(f"stage {name}", f"{n / secs:.1f} articles/CPU-s" if secs else "-",
                  f"{100 * secs / total:.0f}% of analysis time")
    table.add("analysis (core + stages)", f"{n / total:.2f} articles/CPU-s", f"{tokens / total:,.0f} tokens/CPU-s")
    table.add("quotes found", f"{quotes / total:.1f} quotes/CPU-s", f"{quotes} quotes")
    table.add("events coded", f"{events / total:.1f} events/CPU-s", f"{events} events")


def profile(db: Path, limit: int) -> None:
    """cProfile of ``analyze`` over stored articles: the 25 costliest functions."""
    import cProfile
    import pstats

    import duckdb

    from depesche.nlp import load
    from depesche.pipeline import analyze
    from depesche.store.db import ARTICLE_COLUMNS, _row_to_article

    con = duckdb.connect(str(db), read_only=True)
    rows = con.execute(f"SELECT {', '.join(ARTICLE_COLUMNS)} FROM articles WHERE is_current AND language = 'de' "
                       f"ORDER BY id LIMIT {int(limit)}").fetchall()
    con.close()
    articles = [_row_to_article(r) for r in rows]
    analyze(articles[0], nlp=load())
    prof = cProfile.Profile()
    prof.enable()
    for art in articles:
        analyze(art)
    prof.disable()
    print(f"\nprofile of analyze() over {len(articles)} articles (cumulative, then own time):")
    stats = pstats.Stats(prof).strip_dirs()
    stats.sort_stats("cumulative").print_stats(25)
    stats.sort_stats("tottime").print_stats(15)


# -- DuckDB queries ---------------------------------------------------------------

def queries(table: Table, n: int, work: Path, repeat: int = 5) -> None:
    """Speaker page and search over ``n`` articles generated in DuckDB (``bench_query.py``)."""
    sys.path.insert(0, str(HERE))
    import bench_query

    db = work / "corpus.duckdb"
    bench_query.fill_store(db, n, table.add)
    bench_query.time_web_queries(db, table.add, repeat)


def stage_scripts() -> None:
    for script, args in [("bench_nlp.py", ["--limit", "200"]), ("bench_quotes.py", ["--limit", "200"]),
                         ("bench_events.py", ["--limit", "100"]), ("bench_extraction.py", [])]:
        print(f"\n$ python benchmarks/{script} {' '.join(args)}", flush=True)
        subprocess.run([sys.executable, str(HERE / script), *args], check=False)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--pages", type=int, default=250, help="HTML pages for the end-to-end runs")
    ap.add_argument("--articles", type=int, default=1_000_000, help="generated articles for the query timings")
    ap.add_argument("--rounds", type=int, default=1, help="pairs of 1-/2-worker local runs (speed-up)")
    ap.add_argument("--skip", default="", help="comma list of: e2e, bulk, interleaved, dask, stages, queries")
    ap.add_argument("--bulk", type=int, default=1000, help="10kGNAD articles for the longer speed-up run (0: none)")
    ap.add_argument("--profile", type=int, default=0, metavar="N", help="only profile analyze() over N pages")
    ap.add_argument("--stage-scripts", action="store_true", help="also run the per-stage scripts")
    ap.add_argument("--dir", type=Path, default=None, help="work folder (default: a temp folder)")
    args = ap.parse_args()
    skip = {s.strip() for s in args.skip.split(",") if s.strip()}
    work = args.dir or Path(tempfile.mkdtemp(prefix="depesche-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    files = sorted(PAGES.glob("*.html"))[: args.pages]
    table = Table()
    load1 = os.getloadavg()[0]
    started = datetime.now(timezone.utc)
    db = work / "local1.duckdb"
    if args.profile:
        if not db.exists():
            subprocess.run(depesche_cmd("ingest", str(PAGES), "--db", str(db), "--workers", "2", "--no-analyze"),
                           check=True, stdout=subprocess.DEVNULL)
        profile(db, args.profile)
        return
    if "e2e" not in skip:
        end_to_end(table, files, work, skip, args.rounds)
    if "bulk" not in skip and args.bulk and GNAD.is_file():
        bulk_speedup(table, work, args.bulk)
    if "stages" not in skip and db.exists():
        stages(table, db, len(files))  # first: it reports the cost of loading the models
    if "interleaved" not in skip:
        interleaved(table, files, work)
    if "queries" not in skip:
        queries(table, args.articles, work)
    print(f"\ndepesche benchmarks, {started:%Y-%m-%d %H:%M} UTC, {platform.node()}: {os.cpu_count()} cores, "
          f"{platform.processor() or platform.machine()}, Python {platform.python_version()}; "
          f"load average {load1:.1f} at start, {os.getloadavg()[0]:.1f} at end\n")
    table.print()
    if args.stage_scripts:
        stage_scripts()


if __name__ == "__main__":
    main()

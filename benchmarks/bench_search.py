"""Search benchmark: N synthetic German-ish articles, snapshot + FTS build,
then query latencies of the web app's search (goal: < 300 ms per query).

    python benchmarks/bench_search.py                 # 100,000 articles
    python benchmarks/bench_search.py --articles 5000 --threads 1
    python benchmarks/bench_search.py --live rebuild --articles 5000 --new 2000

The text is generated (syllables glued into words, Zipf-distributed like real
vocabulary), never copied from anywhere.  Prints numbers; asserts nothing.
"""
from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import pyarrow as pa

FUNCTION_WORDS = ("der die das und in den von zu mit sich des auf für ist im dem nicht ein eine als auch "
                  "es an er hat aus bei nach wird um am sind noch wie einem über einen so zum war haben "
                  "nur oder aber vor zur bis mehr durch man dann soll").split()
PREFIXES = "ver be ent er zer ge un an aus mit vor nach über unter durch zu ab auf ein los hin her wieder".split()
STEMS = ("hand wahl stadt bahn recht macht kraft arbeit zeit frage rat werk sach kunft stand gang fall trag "
         "bruch schutz geld kost markt preis haus land volk bund wirt schaft steuer schul klima energie "
         "hafen straße brücke regier minister partei gericht polizei streik tarif lohn miete wohn bau "
         "grenz krieg frieden handel export import gipfel treff gespräch vertrag plan ziel weg").split()
SUFFIXES = ["", "", "en", "ung", "ungen", "er", "ern", "e", "es", "lich", "liche", "heit", "keit", "te", "ten", "t"]
OUTLETS = ["Tageskurier", "Lindenauer Bote", "Nordblick", "Rheinpost Online", "Alpenland Zeitung",
           "Hansestadt Echo", "Mitteldeutsche Stimme", "Depeschendienst"]
SECTIONS = ["Politik", "Wirtschaft", "Lokales", "Kultur", "Sport", "Wissen", "Ausland", "Panorama"]


def vocabulary() -> list[str]:
    words = [p + s + x for p in [""] + PREFIXES for s in STEMS for x in SUFFIXES]
    rng = np.random.default_rng(1)
    rng.shuffle(words)
    return FUNCTION_WORDS + list(dict.fromkeys(words))


def generate(n: int, mean_words: int, seed: int = 0) -> tuple[pa.Table, pa.Table, list[str]]:
    rng = np.random.default_rng(seed)
    vocab = np.array(vocabulary(), dtype=object)
    # Zipf-like: word of rank r has probability ∝ 1 / (r + 2)
    p = 1.0 / (np.arange(len(vocab)) + 2.0)
    p /= p.sum()
    lengths = rng.poisson(mean_words, n).clip(20)
    word_ids = rng.choice(len(vocab), size=int(lengths.sum()), p=p)
    words = vocab[word_ids]
    bounds = np.concatenate([[0], np.cumsum(lengths)])
    bodies, headlines = [], []
    head_ids = rng.choice(len(vocab) - 60, size=(n, 7)) + 60  # headlines: content words
    for i in range(n):
        w = words[bounds[i]:bounds[i + 1]]
        # sentences of ~15 words, paragraphs of ~5 sentences
        sentences = [" ".join(w[j:j + 15]).capitalize() + "." for j in range(0, len(w), 15)]
        bodies.append("\n\n".join(" ".join(sentences[k:k + 5]) for k in range(0, len(sentences), 5)))
        headlines.append(" ".join(vocab[head_ids[i]]).capitalize())
    ids = [f"b{i:07d}" for i in range(n)]
    day0 = np.datetime64("2023-01-01T06:00:00", "s")
    published = day0 + rng.integers(0, 730 * 86400, n).astype("timedelta64[s]")
    articles = pa.table({
        "id": ids,
        "headline": headlines,
        "body": bodies,
        "outlet": [OUTLETS[k] for k in rng.integers(0, len(OUTLETS), n)],
        "section": [SECTIONS[k] for k in rng.integers(0, len(SECTIONS), n)],
        "published": pa.array(published, type=pa.timestamp("s", tz="UTC")),
        "content_hash": ids,
    })
    # three entity mentions per article among 2,000 entities (Zipf too)
    ents = rng.choice(2000, size=(n, 3), p=(q := 1.0 / (np.arange(2000) + 5.0)) / q.sum())
    mentions = pa.table({
        "article_id": np.repeat(np.array(ids, dtype=object), 3),
        "entity_id": [f"new:e{k}" for k in ents.ravel()],
    })
    return articles, mentions, list(vocab)


LIVE_WRITER = """
import sys, time
sys.path.insert(0, sys.argv[3])
from bench_search import generate
from depesche.ingest.common import finish
from depesche.model import Article
from depesche.store import Store
from depesche.web.search import rebuild_index
arts, _, _ = generate(int(sys.argv[2]), 120, seed=int(time.time()))
import duckdb
for attempt in range(100):          # the server may hold a short read lock while it snapshots
    try:
        store = Store(sys.argv[1])  # holds the write lock for the whole run, like ingest
        break
    except duckdb.IOException as exc:
        print("retry", time.time(), flush=True)
        time.sleep(0.1)
print("locked", time.time(), flush=True)
for row in arts.to_pylist():
    a = finish(Article(id="live" + row["id"] + str(time.time_ns()), headline=row["headline"], body=row["body"],
                       outlet=row["outlet"], section=row["section"], published=row["published"]))
    store.put_article(a)
print("written", time.time(), flush=True)
if sys.argv[4] == "rebuild":
    rebuild_index(store)
print("indexed", time.time(), flush=True)
store.close()
print("closed", time.time(), flush=True)
"""


def live(n_base: int, n_new: int, mode: str, work: Path) -> None:
    """Serve while a writer adds ``n_new`` articles; report latencies, errors
    and how long until the new articles are searchable."""
    import json
    import socket
    import subprocess
    import threading
    import urllib.request

    from depesche.store import Store

    import shutil

    db = work / "live.duckdb"
    for leftover in [db, Path(str(db) + ".wal")]:
        leftover.unlink(missing_ok=True)
    shutil.rmtree(work / "live.duckdb.web", ignore_errors=True)  # snapshots of an earlier run
    articles, _, _ = generate(n_base, 120)
    with Store(db) as store:
        store.con.register("gen_articles", articles)
        store.con.execute(
            "INSERT INTO articles (id, version, is_current, outlet, section, headline, body, published, content_hash) "
            "SELECT id, 1, true, outlet, section, headline, body, published, content_hash FROM gen_articles")
        store.con.unregister("gen_articles")
    del store
    import gc

    gc.collect()  # a DuckDB instance lives (and keeps its file lock) until its last reference goes
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = subprocess.Popen([sys.executable, "-c", "from depesche.cli import main; main()", "serve", "--db", str(db),
                               "--port", str(port), "--poll", "0.5"],
                              stdout=subprocess.DEVNULL, stderr=open(work / "server.log", "w"))
    base = f"http://127.0.0.1:{port}"

    def get(path: str):
        t = time.perf_counter()
        try:
            with urllib.request.urlopen(base + path, timeout=30) as r:
                return r.status, json.loads(r.read()), (time.perf_counter() - t) * 1000
        except Exception as exc:  # noqa: BLE001 - every failure counts
            code = getattr(exc, "code", None) or type(exc).__name__
            return code, None, (time.perf_counter() - t) * 1000

    t0 = time.time()
    while get("/api/status")[0] != 200:
        if time.time() - t0 > 120:
            server.kill()
            raise SystemExit("server did not start")
        time.sleep(0.3)
    word = vocabulary()[len(FUNCTION_WORDS) + 3]
    stop = threading.Event()
    lat, errors, totals = [], [], []

    def hammer():
        while not stop.is_set():
            for path in (f"/api/search?q={word}", "/api/articles?limit=20"):
                status, body, ms = get(path)
                if status == 200:
                    lat.append(ms)
                    if path.startswith("/api/articles"):
                        totals.append((time.time(), body["total"]))
                else:
                    errors.append(status)

    client = threading.Thread(target=hammer, daemon=True)
    client.start()
    here = str(Path(__file__).resolve().parent)
    print(f"server pid {server.pid}")
    writer = subprocess.Popen([sys.executable, "-c", LIVE_WRITER, str(db), str(n_new), here, mode],
                              stdout=subprocess.PIPE, text=True)
    marks = {}
    for line in writer.stdout:  # "<step> <unix time>" lines; anything else is passed through
        parts = line.split()
        if len(parts) == 2 and parts[0] in ("locked", "written", "indexed", "closed"):
            marks[parts[0]] = float(parts[1])
        elif len(parts) == 2 and parts[0] == "retry":
            marks["retries"] = marks.get("retries", 0) + 1
        else:
            print("  writer:", line.rstrip())
    writer.wait()
    target = n_base + n_new
    deadline = time.time() + 300
    while not (totals and totals[-1][1] >= target) and time.time() < deadline:
        time.sleep(0.1)
    stop.set()
    client.join(timeout=60)
    server.terminate()
    server.wait(timeout=30)
    seen = next((t for t, n in totals if n >= target), None)
    lat.sort()
    during = [1 for t, _ in totals if marks["locked"] <= t <= marks["closed"]]
    print(f"live ({mode}): {n_base:,} articles served, writer added {n_new:,} in "
          f"{marks['written'] - marks['locked']:.1f} s (lock held {marks['closed'] - marks['locked']:.1f} s)")
    print(f"  writer had to retry opening the store {marks.get('retries', 0)} times (server's read lock)")
    print(f"  requests answered: {len(lat):,} ({len(during):,} article lists while the writer held the lock), "
          f"errors: {len(errors)} {sorted(set(map(str, errors)))}")
    print(f"  latency ms: median {statistics.median(lat):.0f}, p95 {lat[int(len(lat) * .95)]:.0f}, max {lat[-1]:.0f}")
    if seen:
        print(f"  new articles visible {seen - marks['indexed']:.1f} s after rebuild_index returned, "
              f"{seen - marks['closed']:.1f} s after the writer closed the store")
    else:
        print("  new articles NOT visible within 300 s")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--live", choices=["rebuild", "plain"], default=None,
                    help="instead: serve while a writer adds --new articles (with/without rebuild_index)")
    ap.add_argument("--new", type=int, default=2000, help="articles the --live writer adds")
    ap.add_argument("--articles", type=int, default=100_000)
    ap.add_argument("--words", type=int, default=250, help="mean body length in words")
    ap.add_argument("--threads", type=int, default=None, help="DuckDB threads (default: all cores)")
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--dir", type=Path, default=None, help="work folder (default: a temp folder)")
    args = ap.parse_args()

    from depesche.store import Store
    from depesche.web import queries, search, snapshot

    snapshot.BUILD_THREADS = args.threads
    work = args.dir or Path(tempfile.mkdtemp(prefix="depesche-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    if args.live:
        return live(args.articles, args.new, args.live, work)
    db = work / "bench.duckdb"
    for leftover in [db, Path(str(db) + ".wal")]:
        leftover.unlink(missing_ok=True)

    t = time.perf_counter()
    articles, mentions, vocab = generate(args.articles, args.words)
    t_gen = time.perf_counter() - t
    chars = sum(len(b) for b in articles.column("body").to_pylist())
    print(f"generated {args.articles:,} articles, {chars / 1e6:.0f} M chars in {t_gen:.1f} s")

    t = time.perf_counter()
    with Store(db) as store:
        store.con.register("gen_articles", articles)
        store.con.register("gen_mentions", mentions)
        store.con.execute(
            "INSERT INTO articles (id, version, is_current, outlet, section, headline, body, published, "
            "content_hash, language, format) SELECT id, 1, true, outlet, section, headline, body, published, "
            "content_hash, 'de', 'bench' FROM gen_articles")
        store.con.execute(
            "INSERT INTO mentions (article_id, start, \"end\", text, label, entity_id, kind) "
            "SELECT article_id, 0, 1, entity_id, 'PER', entity_id, 'name' FROM gen_mentions")
        store.con.execute(
            "INSERT INTO entities (id, type, name) SELECT DISTINCT entity_id, 'PER', 'Person ' || entity_id "
            "FROM gen_mentions")
    print(f"stored in {time.perf_counter() - t:.1f} s ({db.stat().st_size / 1e6:.0f} MB)")

    folder = snapshot.sidecar_dir(db)
    t = time.perf_counter()
    fp, path = snapshot.build_from_file(db, folder)
    t_build = time.perf_counter() - t
    print(f"snapshot + FTS index built in {t_build:.1f} s ({path.stat().st_size / 1e6:.0f} MB)")
    t = time.perf_counter()
    snapshot.build_from_file(db, folder)
    print(f"unchanged corpus: fingerprint check in {time.perf_counter() - t:.2f} s, no rebuild")

    snap = snapshot.Snapshot.open(path, fp, threads=args.threads or 2)
    cur = snap.cursor()
    content = vocab[len(FUNCTION_WORDS):]
    cases = [
        ("frequent word", content[0], {}),
        ("mid word", content[300], {}),
        ("rare word", content[-1], {}),
        ("two words", f"{content[5]} {content[40]}", {}),
        ("three words", f"{content[2]} {content[20]} {content[200]}", {}),
        ("word + outlet", content[10], {"outlet": OUTLETS[1]}),
        ("word + date range", content[10], {"date_from": "2024-03-01", "date_to": "2024-03-31"}),
        ("word + entity", content[10], {"entity": "new:e7"}),
    ]
    from datetime import date

    print(f"\n{'query':<20}{'hits':>8}{'rank ms (median/max)':>24}{'page ms (median/max)':>24}")
    worst = 0.0
    for label, q, f in cases:
        flt = queries.ArticleFilter(outlet=f.get("outlet"), entity=f.get("entity"),
                                    date_from=date.fromisoformat(f["date_from"]) if "date_from" in f else None,
                                    date_to=date.fromisoformat(f["date_to"]) if "date_to" in f else None)
        rank, full = [], []
        for _ in range(args.repeat):
            t = time.perf_counter()
            total, _rows = queries.search_articles(cur, q, flt, 20, 0)
            rank.append((time.perf_counter() - t) * 1000)
            t = time.perf_counter()
            search.search(cur, q, flt, 20, 0)  # ranking + snippets + highlighting
            full.append((time.perf_counter() - t) * 1000)
        worst = max(worst, statistics.median(full))
        print(f"{label:<20}{total:>8,}{statistics.median(rank):>13.0f} / {max(rank):<8.0f}"
              f"{statistics.median(full):>13.0f} / {max(full):<8.0f}")
    print(f"\nslowest median search page: {worst:.0f} ms (goal < 300 ms)")
    print(f"work folder: {work}")
    snap.con.close()


if __name__ == "__main__":
    sys.exit(main())

"""Store benchmark: CPU per article of the single writer (``put_article`` plus
``put_analyses``) with and without batching, on analysed 10kGNAD articles.

    python benchmarks/bench_store.py [--articles 40] [--batch 32]

The analyses are computed first (not timed) and pickled, as a worker sends
them to the writer; the timed loop unpickles and stores them.  CPU time of
this process; prints numbers, asserts nothing.
"""
from __future__ import annotations

import os

os.environ.setdefault("OMP_NUM_THREADS", "1")

import argparse  # noqa: E402
import pickle  # noqa: E402
import sys  # noqa: E402
import tempfile  # noqa: E402
import time  # noqa: E402
from pathlib import Path  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parent))

from news_corpus import load_10kgnad  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--articles", type=int, default=40)
    ap.add_argument("--batch", type=int, default=32, help="the batched run's batch size (Runner.BATCH)")
    args = ap.parse_args()

    from depesche.ingest.common import article_from_text
    from depesche.pipeline import analyze
    from depesche.store import Store

    arts = [article_from_text(t, url=f"https://bench.example/{i}") for i, t in enumerate(load_10kgnad(args.articles))]
    analyses = [analyze(a) for a in arts]
    for a in analyses:
        a.doc = None
    blobs = [pickle.dumps(a) for a in analyses]
    per = {f: sum(len(getattr(a, f)) for a in analyses) / len(analyses)
           for f in ("mentions", "entities", "quotes", "events")}
    print(f"{len(arts)} articles; per article: " + ", ".join(f"{v:.1f} {k}" for k, v in per.items()))
    for batch in (1, args.batch):
        with tempfile.TemporaryDirectory() as d, Store(Path(d) / "bench.duckdb") as st:
            c = time.process_time()
            pending = []
            for art, blob in zip(arts, blobs):
                st.put_article(art)
                pending.append(pickle.loads(blob))
                if len(pending) >= batch:
                    st.put_analyses(pending)
                    pending = []
            st.put_analyses(pending)
            ms = (time.process_time() - c) / len(arts) * 1000
        print(f"batch {batch:>3}: {ms:.1f} ms CPU per article stored (put_article + put_analyses)")


if __name__ == "__main__":
    main()

"""Events per second and articles per second of the events stage on one core.

Runs the whole analysis (language core, entities, quotes, events) over German
news articles and times the events stage separately, so the printed numbers
show both what event coding costs on its own and what it adds to full analysis.
Times are CPU time of this process (``time.process_time``), which other jobs on a
shared machine disturb less than wall-clock time; the events stage is timed
``--repeat`` times over the same analyses and the fastest run is reported.

    python benchmarks/bench_events.py [--limit 300]
"""
from __future__ import annotations

import argparse
import os
import sys
import time

os.environ.setdefault("OMP_NUM_THREADS", "1")

from news_corpus import load_10kgnad  # noqa: E402  (benchmarks/ is the script folder)





def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--limit", type=int, default=300)
    ap.add_argument("--repeat", type=int, default=3, help="timed runs of the events stage (the fastest counts)")
    args = ap.parse_args()
    from depesche.events.coder import code_events
    from depesche.ingest.common import article_from_text
    from depesche.pipeline import analyze
    from depesche.nlp import load

    nlp = load()
    texts = load_10kgnad(args.limit)
    analyses = []
    t0 = time.process_time()
    for t in texts:
        analyses.append(analyze(article_from_text(t), nlp=nlp, stages=["entities", "quotes"]))
    t_rest = time.process_time() - t0
    t_events = float("inf")
    for _ in range(max(1, args.repeat)):
        t0 = time.process_time()
        n_events = 0
        for an in analyses:
            n_events += len(code_events(an))
        t_events = min(t_events, time.process_time() - t0)
    n = len(texts)
    print(f"articles: {n}, events: {n_events}")
    print(f"events stage alone (CPU time): {n / t_events:,.1f} articles/s, {n_events / t_events:,.1f} events/s")
    print(f"language core + entities + quotes: {n / t_rest:,.1f} articles/s")
    print(f"full analysis incl. events: {n / (t_rest + t_events):,.1f} articles/s "
          f"(events add {100 * t_events / (t_rest + t_events):.1f}% of the time)")
    return 0


if __name__ == "__main__":
    sys.exit(main())

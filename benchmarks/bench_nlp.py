"""Throughput of the language core on one core, plus peak RSS.

    python benchmarks/bench_nlp.py [--shared ../shared] [--pipeline default] [--limit 1028]

Parses the 10kGNAD test articles (``category;'text'`` per line) with
``depesche.nlp(pipeline)`` and prints tokens/s for the whole pipeline and,
per component, the share of time it takes.  Threads are pinned to one.
Speed is printed, never asserted.  On a shared machine the wall-clock rate
depends on the load; tokens per CPU-second (process time) is the one-core figure.
"""
from __future__ import annotations

import os

for var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(var, "1")

import argparse  # noqa: E402
import resource  # noqa: E402
import time  # noqa: E402
from pathlib import Path  # noqa: E402


def read_10kgnad(path: Path, limit: int) -> list[str]:
    texts = []
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            _, _, text = line.rstrip("\n").partition(";")
            if text.startswith("'") and text.endswith("'"):
                text = text[1:-1]
            if text:
                texts.append(text)
            if len(texts) >= limit:
                break
    return texts


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--shared", type=Path, default=Path(__file__).resolve().parents[2] / "shared")
    ap.add_argument("--pipeline", default="default")
    ap.add_argument("--limit", type=int, default=1028)
    args = ap.parse_args()

    import depesche

    texts = read_10kgnad(args.shared / "data" / "news" / "10kgnad" / "test.csv", args.limit)
    t0 = time.perf_counter()
    nlp = depesche.nlp(args.pipeline)
    load_s = time.perf_counter() - t0
    nlp("Warmlauf: Der Satz lädt alles, was träge geladen wird.")

    per_pipe = {name: 0.0 for name in ["tokenizer", *nlp.pipe_names]}
    n_tokens = 0
    c0 = time.process_time()
    t0 = time.perf_counter()
    for text in texts:
        t = time.perf_counter()
        doc = nlp.make_doc(text)
        per_pipe["tokenizer"] += time.perf_counter() - t
        for name, proc in nlp.pipeline:
            t = time.perf_counter()
            doc = proc(doc)
            per_pipe[name] += time.perf_counter() - t
        n_tokens += len(doc)
    total = time.perf_counter() - t0
    cpu = time.process_time() - c0

    # nlp.pipe batches documents; report it too since stages may use it.
    c0 = time.process_time()
    t0 = time.perf_counter()
    n_pipe = sum(len(d) for d in nlp.pipe(texts, batch_size=32))
    total_pipe = time.perf_counter() - t0
    cpu_pipe = time.process_time() - c0

    rss_mib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"pipeline={args.pipeline} components={nlp.pipe_names}")
    print(f"load: {load_s:.1f}s")
    print(f"docs={len(texts)} tokens={n_tokens}")
    print(f"nlp(text) one by one: {n_tokens / total:,.0f} tokens/s wall, {n_tokens / cpu:,.0f} tokens per CPU-second")
    print(f"nlp.pipe(batch 32):    {n_pipe / total_pipe:,.0f} tokens/s wall, {n_pipe / cpu_pipe:,.0f} tokens per CPU-second")
    for name, secs in per_pipe.items():
        print(f"  {name:22s} {100 * secs / total:5.1f}% of time")
    print(f"peak RSS: {rss_mib:,.0f} MiB")


if __name__ == "__main__":
    main()

"""Throughput and memory of depesche's NER on real German news (10kGNAD test set).

Prints tokens/s of the NER component alone (on pre-tokenized docs, so the
tokenizer is not counted), tokens/s of the whole default pipeline
(``depesche.nlp.load()``: tokenizer + whatever the language core ships + NER),
and the peak RSS.  Run on one core:

    OMP_NUM_THREADS=1 python benchmarks/bench_ner.py [--shared ../shared] [--config default] [--limit 1028]
"""
from __future__ import annotations

import argparse
import csv
import os
import resource
import sys
import time
from pathlib import Path

os.environ.setdefault("OMP_NUM_THREADS", "1")
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")


def read_texts(path: Path, limit: int) -> list[str]:
    texts = []
    with open(path, encoding="utf8", newline="") as f:
        for row in csv.reader(f, delimiter=";", quotechar="'"):
            if len(row) >= 2:
                texts.append(row[1])
            if len(texts) >= limit:
                break
    return texts


def peak_rss_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", type=Path, default=Path(__file__).resolve().parents[2] / "shared")
    ap.add_argument("--config", default="default")
    ap.add_argument("--limit", type=int, default=1028, help="number of articles")
    args = ap.parse_args()

    from depesche.nlp.ner import load_model
    from depesche.nlp.ner_e5 import E5CrfTagger

    texts = read_texts(args.shared / "data/news/10kgnad/test.csv", args.limit)
    model = load_model(args.config)
    # CPU seconds as well as wall seconds: on a shared machine the wall clock
    # measures the neighbours, process time measures us (single-threaded).
    if isinstance(model, E5CrfTagger):
        # the e5 + CRF model tags word lists, sentence by sentence
        from depesche.nlp import load as load_core

        core = load_core("no-ner")
        sents = [[t.text for t in s if not t.is_space] for d in core.pipe(texts) for s in d.sents]
        n_tokens, docs = sum(len(s) for s in sents), sents
        model.tag([["Aufwärmen", "in", "Berlin", "."]])
        t0, c0 = time.perf_counter(), time.process_time()
        n_ents = sum(sum(tag.startswith("B-") for tag in tags) for tags in model.tag(sents))
    else:
        # pre-tokenize in the model's own vocabulary (its vectors live there)
        tokenizer = model.tokenizer
        docs = [tokenizer(t) for t in texts]
        n_tokens = sum(len(d) for d in docs)
        model(tokenizer("Aufwärmen in Berlin."))
        t0, c0 = time.perf_counter(), time.process_time()
        n_ents = sum(len(d.ents) for d in model.pipe(docs, batch_size=64))
    ner_s, ner_c = time.perf_counter() - t0, time.process_time() - c0
    print(f"NER alone ({args.config}): {len(texts)} articles, {n_tokens} tokens, {n_ents} entities, "
          f"{n_tokens / ner_s:,.0f} tokens/s wall, {n_tokens / ner_c:,.0f} tokens/CPU-s")

    from depesche.nlp import load

    nlp = load(args.config if args.config in ("default", "fast", "accurate") else None)
    if "ner" not in nlp.pipe_names:  # language core shipped without NER: add ours
        from depesche.nlp.ner import add_ner

        add_ner(nlp, args.config)
    t0, c0 = time.perf_counter(), time.process_time()
    n_full = sum(len(d) for d in nlp.pipe(texts, batch_size=64))
    full_s, full_c = time.perf_counter() - t0, time.process_time() - c0
    print(f"{args.config} pipeline {nlp.pipe_names}: {n_full} tokens, {n_full / full_s:,.0f} tokens/s wall, "
          f"{n_full / full_c:,.0f} tokens/CPU-s")
    print(f"peak RSS: {peak_rss_mib():,.0f} MiB")


if __name__ == "__main__":
    sys.exit(main())

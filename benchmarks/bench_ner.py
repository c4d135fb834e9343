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

    import spacy
    from thinc.api import set_num_threads

    set_num_threads(1)
    from depesche.nlp.ner import load_model

    texts = read_texts(args.shared / "data/news/10kgnad/test.csv", args.limit)
    tokenizer = spacy.blank("de").tokenizer
    docs = [tokenizer(t) for t in texts]
    n_tokens = sum(len(d) for d in docs)

    model = load_model(args.config)
    model(tokenizer("Aufwärmen in Berlin."))
    t0 = time.perf_counter()
    n_ents = sum(len(d.ents) for d in model.pipe(docs, batch_size=64))
    ner_s = time.perf_counter() - t0
    print(f"NER alone ({args.config}): {len(docs)} articles, {n_tokens} tokens, {n_ents} entities, "
          f"{n_tokens / ner_s:,.0f} tokens/s")

    from depesche.nlp import load

    nlp = load()
    if "ner" not in nlp.pipe_names:
        from depesche.nlp.ner import add_ner

        nlp = spacy.blank("de") if nlp is None else nlp
        add_ner(nlp, args.config)
    t0 = time.perf_counter()
    n_full = sum(len(d) for d in nlp.pipe(texts, batch_size=64))
    full_s = time.perf_counter() - t0
    print(f"default pipeline {nlp.pipe_names}: {n_full} tokens, {n_full / full_s:,.0f} tokens/s")
    print(f"peak RSS: {peak_rss_mib():,.0f} MiB")


if __name__ == "__main__":
    sys.exit(main())

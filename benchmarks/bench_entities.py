#!/usr/bin/env python3
"""Throughput of the entities stage on real German news (../shared 10kGNAD).

    nice python benchmarks/bench_entities.py [--n 400]

Prints knowledge-base load time, characters per second of the stage alone
(the spaCy parse is done before timing) and entities per article, and checks
that every mention's offsets index the body.  No timing assertions: numbers
are for comparison between versions.
"""
from __future__ import annotations

import argparse
import csv
import time
import warnings
from datetime import datetime
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=400, help="articles to run")
    ap.add_argument("--data", type=Path, default=REPO.parent / "shared/data/news/10kgnad/test.csv")
    args = ap.parse_args()
    warnings.filterwarnings("ignore")
    t0 = time.perf_counter()
    from depesche.entities.kb import load_kb

    kb = load_kb()
    print(f"knowledge base loaded in {time.perf_counter() - t0:.2f}s ({len(kb.entries)} entries, {len(kb.forms)} forms)")
    import spacy

    from depesche.entities.stage import extract
    from depesche.model import Analysis, Article

    nlp = spacy.blank("de")
    nlp.add_pipe("sentencizer")
    with open(args.data, encoding="utf-8") as fh:
        rows = list(csv.reader(fh, delimiter=";", quotechar="'"))[: args.n]
    chars = ents = 0
    spent = 0.0
    for i, (_, text) in enumerate(rows):
        a = Analysis(article=Article(id=str(i), body=text, published=datetime(2016, 1, 1)), doc=nlp(text))
        start = time.perf_counter()
        extract(a, kb)
        spent += time.perf_counter() - start
        assert all(text[m.start:m.end] == m.text for m in a.mentions)
        chars += len(text)
        ents += len(a.entities)
    print(f"{len(rows)} articles, {chars} chars: {chars / spent:,.0f} chars/s, "
          f"{len(rows) / spent:.1f} articles/s, {ents / len(rows):.1f} entities/article")


if __name__ == "__main__":
    main()

"""Throughput of quotation extraction on one core: articles/s and quotes/s.

Runs over real German news (``../shared/data/news/10kgnad/test.csv``) with
each shipped model.  The language core without NER (tokens, sentences, POS,
morphology: what the learned model's features and speaker selector read) is
timed separately from the quotes stage itself, which includes speaker
resolution; ``--blank`` tokenises with a blank pipeline instead (the learned
model then tags the text itself, inside the stage's time).  Times are CPU seconds of
this process (``time.process_time``), so the figures are per core even when
other jobs share the machine.  The learned model caches features per word,
so a long run gets cheaper than its start: ``--passes 2`` times a second pass
over the same articles as well (the steady state of a long run).

    OMP_NUM_THREADS=1 python benchmarks/bench_quotes.py [--limit 300] [--passes 2]
"""
from __future__ import annotations

import argparse
import os
import time

os.environ.setdefault("OMP_NUM_THREADS", "1")

from news_corpus import load_10kgnad  # noqa: E402  (benchmarks/ is the script folder)





def main() -> None:
    import spacy

    from depesche.model import Analysis
    from depesche.ingest.common import article_from_text
    from depesche.quotes.api import available_models, extract_from_doc
    from depesche.quotes.corpus import doc_from_spacy
    from depesche.quotes.resolve import resolve_speakers

    ap = argparse.ArgumentParser()
    ap.add_argument("--limit", type=int, default=300)
    ap.add_argument("--blank", action="store_true", help="tokenise with a blank pipeline, not the language core")
    ap.add_argument("--passes", type=int, default=1, help="time this many passes over the articles, each on its own")
    args = ap.parse_args()
    texts = load_10kgnad(args.limit)
    if args.blank:
        nlp = spacy.blank("de")
        nlp.add_pipe("sentencizer")
    else:
        from depesche.nlp import load

        nlp = load("no-ner")
    t0 = time.process_time()
    docs = [nlp(t) for t in texts]
    t_tok = time.process_time() - t0
    print(f"{len(texts)} articles, {sum(len(d) for d in docs)} tokens; {'blank tokenising' if args.blank else 'language core (no NER)'}: "
          f"{len(texts) / t_tok:.1f} articles/s")
    for model in available_models():
        extract_from_doc(doc_from_spacy(docs[0]), model)  # load weights outside the timing
        for p in range(args.passes):
            n_quotes = 0
            t0 = time.process_time()
            for text, doc in zip(texts, docs):
                analysis = Analysis(article=article_from_text(text), doc=doc)
                quotes = extract_from_doc(doc_from_spacy(doc), model)
                resolve_speakers(analysis, quotes)
                n_quotes += len(quotes)
            dt = time.process_time() - t0
            label = f" pass {p + 1}" if args.passes > 1 else ""
            print(f"model {model:<9}{label} quotes stage: {len(texts) / dt:7.1f} articles/s  {n_quotes / dt:7.1f} quotes/s  "
                  f"with the pipeline before it: {len(texts) / (dt + t_tok):7.1f} articles/s  ({n_quotes} quotes)")


if __name__ == "__main__":
    main()

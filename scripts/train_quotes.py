"""Train the Wikinews quotation taggers shipped as ``model="wikinews"`` (and ``"wikinews-e5"``).

Reads ``../shared/data/quotes/wikinews/train`` (never ``dev``: that split is
kept for measurement) and writes ``src/depesche/models/quotes/wikinews/``
(with ``--e5-layer 8``: ``…/wikinews-e5/``, taggers that also see e5 token vectors).
The corpus is CC BY-NC-SA 4.0, so the weights are for non-commercial use.

    nice python scripts/train_quotes.py [--data DIR] [--out DIR] [--iterations N]
    nice python scripts/train_quotes.py --selector-only   # speaker selector only
    nice python scripts/train_quotes.py --verifier-only   # speaker verifier only

The speaker verifier (``verifier.json``) learns from out-of-fold predictions:
the taggers are trained ``--verifier-folds`` more times (10: ~45 CPU minutes;
5 takes half as long and was 0.003 worse on dev).
"""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def main(argv=None) -> int:
    from depesche.quotes.corpus import read_json
    from depesche.quotes.tagger import train

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=REPO.parent / "shared/data/quotes/wikinews/train")
    ap.add_argument("--out", type=Path, default=None,
                    help="model folder (default: the shipped wikinews or, with --e5-layer, wikinews-e5)")
    ap.add_argument("--iterations", type=int, default=350)
    ap.add_argument("--jackknife", type=int, default=0, help="folds for the role tagger's quote tags (0: gold)")
    ap.add_argument("--c1", type=float, default=0.05, help="L1 regularisation of the quote tagger")
    ap.add_argument("--c2", type=float, default=0.05, help="L2 regularisation of the quote tagger")
    ap.add_argument("--role-c1", type=float, default=0.02, help="L1 regularisation of the role tagger")
    ap.add_argument("--role-c2", type=float, default=0.05, help="L2 regularisation of the role tagger")
    ap.add_argument("--reuse-quote", action="store_true", help="keep the quote tagger already in --out")
    ap.add_argument("--selector-only", action="store_true",
                    help="refit only the speaker selector (speaker.json); the taggers in --out stay")
    ap.add_argument("--verifier-folds", type=int, default=10,
                    help="folds for the speaker verifier's out-of-fold training data (0: no verifier)")
    ap.add_argument("--e5-layer", type=int, default=0,
                    help="also give the taggers this e5 layer's token vectors (8: the wikinews-e5 model)")
    ap.add_argument("--e5-scale", type=float, default=0.25, help="scale of the standardised e5 vectors")
    ap.add_argument("--workers", type=int, default=1, help="processes for the taggers and verifier folds")
    ap.add_argument("--verifier-only", action="store_true",
                    help="refit only the speaker verifier (verifier.json); the taggers in --out stay")
    args = ap.parse_args(argv)
    if args.out is None:
        args.out = REPO / "src/depesche/models/quotes" / ("wikinews-e5" if args.e5_layer else "wikinews")
    t0 = time.time()
    docs = [read_json(p) for p in sorted(args.data.glob("*.json"))]
    print(f"{len(docs)} documents read in {time.time() - t0:.1f}s", flush=True)
    if args.selector_only:
        from depesche.quotes.tagger import train_selector

        train_selector(docs, args.out, log=lambda m: print(m, flush=True))
        print(f"done in {time.time() - t0:.1f}s -> {args.out}", flush=True)
        return 0
    params = dict(max_iterations=args.iterations, c1=args.c1, c2=args.c2, role_c1=args.role_c1,
                  role_c2=args.role_c2, jackknife=args.jackknife, dense_layer=args.e5_layer,
                  dense_scale=args.e5_scale)
    if args.verifier_only:
        from depesche.quotes.tagger import train_verifier

        train_verifier(docs, args.out, folds=args.verifier_folds or 10, tagger_params=params,
                       workers=args.workers, log=lambda m: print(m, flush=True))
        print(f"done in {time.time() - t0:.1f}s -> {args.out}", flush=True)
        return 0
    train(docs, args.out, **params, reuse_quote=args.reuse_quote, verifier=args.verifier_folds,
          workers=args.workers, log=lambda m: print(m, flush=True))
    print(f"done in {time.time() - t0:.1f}s -> {args.out}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Reproduce the shipped tagger weights (src/depesche/models/tagger/).

    nice python scripts/train_tagger.py --shared ../shared [--out DIR] [--epochs N]

Same as ``depesche train tagger``; runs on one thread.
"""
from __future__ import annotations

import argparse
import os

os.environ.setdefault("OMP_NUM_THREADS", "1")
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

from pathlib import Path  # noqa: E402

from depesche.nlp.training import MODEL_DIR, train  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--shared", type=Path, default=Path("../shared"))
    ap.add_argument("--out", type=Path, default=MODEL_DIR)
    ap.add_argument("--epochs", type=int, default=18)
    ap.add_argument("--width", type=int, default=64)
    ap.add_argument("--depth", type=int, default=2)
    ap.add_argument("--max-minutes", type=float, default=60.0)
    ap.add_argument("--embed", choices=["hash", "char"], default="hash")
    args = ap.parse_args()
    train(args.shared, args.out, epochs=args.epochs, width=args.width, depth=args.depth,
          max_minutes=args.max_minutes, embed=args.embed, log=lambda m: print(m, flush=True))


if __name__ == "__main__":
    main()

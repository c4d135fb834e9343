"""Matrix products of the language core: thinc's blis against numpy's BLAS.

    python benchmarks/bench_gemm.py [--pages 64] [--rounds 4]

Why this exists: ``depesche.nlp.load`` switches every thinc network of the
pipeline to numpy's matrix product (``depesche.nlp.use_numpy_gemm``), because
blis, thinc's default, was several times slower on this project's machines.
This script shows whether that still holds where it runs:

* one ``gemm`` of the shapes our networks use (tokens x inputs x outputs), each
  way, one thread;
* the whole language core (``depesche.nlp.load()``, NER included) over the
  bodies of ``--pages`` German HTML pages of the extraction eval set, the two
  ways alternating for ``--rounds`` rounds in one process (so a machine whose
  speed drifts affects both alike), and whether their annotations are identical.

Times are CPU seconds of this process (one BLAS thread unless the environment
sets ``OMP_NUM_THREADS``/``OPENBLAS_NUM_THREADS``), printed, never asserted.
"""
from __future__ import annotations

import os

for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")

import argparse  # noqa: E402
import statistics  # noqa: E402
import time  # noqa: E402
from pathlib import Path  # noqa: E402

HERE = Path(__file__).resolve().parent
PAGES = HERE.parent.parent / "shared" / "data/extraction/trafilatura-eval-de/pages"
#: (rows, inputs, outputs): a document's or a batch's tokens through the NER's
#: embedding mixer (5 x 64 hash embeddings + 100 vector dims -> 64 x 3 pieces),
#: the window encoder (3 x 64 -> 64 x 3) and the tagger's output layer
SHAPES = [(800, 420, 192), (8000, 420, 192), (800, 192, 192), (8000, 192, 192), (8000, 64, 200)]


def cpu_of(fn, repeat: int) -> float:
    start = time.process_time()
    for _ in range(repeat):
        fn()
    return (time.process_time() - start) / repeat


def gemm_table() -> None:
    import numpy
    from thinc.api import NumpyOps

    blis, plain = NumpyOps(), NumpyOps(use_blis=False)
    rng = numpy.random.default_rng(0)
    print(f"gemm, {os.environ['OPENBLAS_NUM_THREADS']} BLAS thread(s)    blis ms   numpy ms   blis/numpy")
    for rows, n_in, n_out in SHAPES:
        x = rng.random((rows, n_in), dtype=numpy.float32)
        w = rng.random((n_out, n_in), dtype=numpy.float32)
        repeat = max(5, 200_000_000 // (rows * n_in * n_out))
        a = cpu_of(lambda: blis.gemm(x, w, trans2=True), repeat)
        b = cpu_of(lambda: plain.gemm(x, w, trans2=True), repeat)
        print(f"  {rows:>5} x {n_in:>3} -> {n_out:<3}      {a * 1e3:8.2f}   {b * 1e3:8.2f}   {a / b:6.2f}x")


def _annotations(doc) -> list[tuple]:
    return [(t.tag_, t.pos_, str(t.morph), t.lemma_, t.ent_iob_, t.ent_type_) for t in doc]


def core_table(n_pages: int, rounds: int) -> None:
    from thinc.api import NumpyOps

    import depesche
    from depesche.nlp import set_ops

    files = sorted(PAGES.glob("*"))[:n_pages]
    texts = []
    for f in files:
        try:
            texts.append(depesche.read(f).body)
        except Exception:  # noqa: BLE001 - a page without text is no benchmark input
            pass
    nlp = depesche.nlp()
    ways = {"blis": NumpyOps(), "numpy": NumpyOps(use_blis=False)}
    ann = {}
    for name, ops in ways.items():
        set_ops(nlp, ops)
        ann[name] = [_annotations(d) for d in nlp.pipe(texts, batch_size=8)]
    same = sum(a == b for a, b in zip(ann["blis"], ann["numpy"]))
    n_tokens = sum(len(a) for a in ann["blis"])
    times: dict[str, list[float]] = {name: [] for name in ways}
    for _ in range(rounds):
        for name, ops in ways.items():
            set_ops(nlp, ops)
            times[name].append(cpu_of(lambda: list(nlp.pipe(texts, batch_size=8)), 1))
    print(f"\nlanguage core over {len(texts)} pages ({n_tokens:,} tokens), {rounds} alternating rounds")
    for name, ts in times.items():
        med = statistics.median(ts)
        print(f"  {name:6} {n_tokens / med:>9,.0f} tokens/CPU-s   (CPU-s per round: "
              + ", ".join(f"{t:.2f}" for t in ts) + ")")
    print(f"  blis/numpy CPU: {statistics.median(times['blis']) / statistics.median(times['numpy']):.2f}x; "
          f"identical annotations in {same} of {len(texts)} documents")
    set_ops(nlp, ways["numpy"])  # as depesche.nlp.load leaves it


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--pages", type=int, default=64)
    ap.add_argument("--rounds", type=int, default=4)
    args = ap.parse_args()
    gemm_table()
    if PAGES.is_dir():
        core_table(args.pages, args.rounds)
    else:
        print(f"\n(no pages at {PAGES}: language core skipped)")


if __name__ == "__main__":
    main()

"""Speed of depesche's HTML reader against plain trafilatura on the same pages.

    python benchmarks/bench_extraction.py [PAGES_DIR] [--limit N] [--rounds R]

Each page is read by both extractors back to back, so a change in machine
load hits both alike; CPU time of this process is reported next to wall
time because the machine is shared.  Prints pages/s for each and the ratio
(how many times slower depesche is than trafilatura alone).
"""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

DEFAULT_PAGES = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "extraction" / "trafilatura-eval-de" / "pages"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("pages", nargs="?", type=Path, default=DEFAULT_PAGES)
    parser.add_argument("--limit", type=int, default=0, help="only the first N pages (0 = all)")
    parser.add_argument("--rounds", type=int, default=1)
    args = parser.parse_args()

    import trafilatura

    from depesche.ingest.common import ItemError
    from depesche.ingest.html import read_html

    files = sorted(args.pages.glob("*.htm*"))
    if args.limit:
        files = files[: args.limit]
    if not files:
        sys.exit(f"no pages in {args.pages}")
    pages = [f.read_bytes() for f in files]
    megabytes = sum(map(len, pages)) / 1e6

    # warm-up: imports, lazy tables and caches of both extractors
    for html in pages[:3]:
        trafilatura.extract(html)
        try:
            read_html(html)
        except ItemError:
            pass

    wall = {"depesche": 0.0, "trafilatura": 0.0}
    cpu = {"depesche": 0.0, "trafilatura": 0.0}
    errors = 0
    for _ in range(args.rounds):
        for html in pages:
            w, c = time.perf_counter(), time.process_time()
            trafilatura.extract(html)
            wall["trafilatura"] += time.perf_counter() - w
            cpu["trafilatura"] += time.process_time() - c

            w, c = time.perf_counter(), time.process_time()
            try:
                read_html(html)
            except ItemError:
                errors += 1
            wall["depesche"] += time.perf_counter() - w
            cpu["depesche"] += time.process_time() - c

    n = len(pages) * args.rounds
    print(f"{len(pages)} pages ({megabytes:.1f} MB) x {args.rounds} round(s); depesche item errors: {errors}")
    for name in ("trafilatura", "depesche"):
        print(f"{name:<12} {n / wall[name]:7.1f} pages/s wall   {n / cpu[name]:7.1f} pages/s CPU")
    print(f"ratio depesche/trafilatura time: {wall['depesche'] / wall['trafilatura']:.2f}x wall, "
          f"{cpu['depesche'] / cpu['trafilatura']:.2f}x CPU")


if __name__ == "__main__":
    main()

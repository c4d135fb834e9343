"""Ingest throughput per input format, without analysis.

    python benchmarks/bench_ingest.py [--shared ../shared] [--limit 250]

Builds inputs of every format in a temporary folder from ../shared (the
extraction-eval HTML pages, and 10kGNAD texts as JSONL lines, RSS entries and
text dumps; nothing is written to the repository), then times
``depesche.ingest.iter_items`` per format and ``Store.put_article`` for all.
Prints items per CPU-second (process time, the one-core figure) and wall time.
Speed is printed, never asserted.
"""
from __future__ import annotations

import argparse
import html
import io
import json
import tempfile
import time
from pathlib import Path


def tenk_texts(shared: Path, limit: int) -> list[str]:
    out = []
    with open(shared / "data/news/10kgnad/test.csv", encoding="utf-8") as fh:
        for line in fh:
            _, _, text = line.rstrip("\n").partition(";")
            out.append(text.strip("'"))
            if len(out) >= limit:
                break
    return out


def build(shared: Path, folder: Path, limit: int) -> dict[str, Path]:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    pages = sorted((shared / "data/extraction/trafilatura-eval-de/pages").glob("*.html"))[:limit]
    texts = tenk_texts(shared, limit)
    paths = {}
    (folder / "html").mkdir()
    for p in pages:
        (folder / "html" / p.name).write_bytes(p.read_bytes())
    paths["html"] = folder / "html"
    buf = io.BytesIO()
    writer = WARCWriter(buf, gzip=True)
    for n, p in enumerate(pages):
        headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record(f"https://example.org/{n}", "response",
                                                      payload=io.BytesIO(p.read_bytes()), http_headers=headers))
    paths["warc"] = folder / "pages.warc.gz"
    paths["warc"].write_bytes(buf.getvalue())
    paths["jsonl"] = folder / "dump.jsonl"
    paths["jsonl"].write_text("\n".join(json.dumps({"url": f"https://example.org/j{n}", "title": t[:60],
                                                    "maintext": t}, ensure_ascii=False)
                                        for n, t in enumerate(texts)), encoding="utf-8")
    items = "".join(f"<item><title>{html.escape(t[:60])}</title><link>https://example.org/r{n}</link>"
                    f"<description>{html.escape(t)}</description></item>" for n, t in enumerate(texts))
    paths["feed"] = folder / "feed.rss"
    paths["feed"].write_text(f'<?xml version="1.0"?><rss version="2.0"><channel><title>x</title>{items}'
                             "</channel></rss>", encoding="utf-8")
    (folder / "text").mkdir()
    for n, t in enumerate(texts):
        (folder / "text" / f"{n}.txt").write_text(f"Politik\n\nMeldung Nummer {n}\n\n{t}\n\nQuelle: x.de, abc/dpa\n",
                                                  encoding="utf-8")
    paths["text"] = folder / "text"
    return paths


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--shared", type=Path, default=Path(__file__).resolve().parents[2] / "shared")
    ap.add_argument("--limit", type=int, default=250)
    args = ap.parse_args()

    from depesche.ingest import iter_items
    from depesche.model import Article
    from depesche.ingest.language import detect_language
    from depesche.store import Store

    detect_language("Ein kurzer deutscher Satz, damit die Sprachmodelle geladen sind.")  # one-off load
    with tempfile.TemporaryDirectory() as d:
        paths = build(args.shared, Path(d), args.limit)
        articles = []
        print(f"{'format':8} {'items':>6} {'errors':>6} {'items/CPU-s':>12} {'wall s':>8}")
        for fmt, path in paths.items():
            t0, c0 = time.perf_counter(), time.process_time()
            results = list(iter_items(path))
            cpu, wall = time.process_time() - c0, time.perf_counter() - t0
            ok = [x for x in results if isinstance(x, Article)]
            articles += ok
            print(f"{fmt:8} {len(results):6d} {len(results) - len(ok):6d} {len(results) / max(cpu, 1e-9):12.1f} "
                  f"{wall:8.2f}")
        with Store(Path(d) / "bench.duckdb") as store:
            c0 = time.process_time()
            for a in articles:
                store.put_article(a)
            cpu = time.process_time() - c0
        print(f"{'store':8} {len(articles):6d} {0:6d} {len(articles) / max(cpu, 1e-9):12.1f}")


if __name__ == "__main__":
    main()

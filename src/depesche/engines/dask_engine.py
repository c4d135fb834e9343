"""Ingest on a Dask cluster (optional extra: ``pip install 'depesche[dask]'``).

``depesche ingest INPUT… --engine dask --scheduler tcp://HOST:8786 --out DIR``
cuts the input files into shards, and each Dask worker ingests whole shards:
it reads the files, analyses the German articles (loading the models once per
worker process: ``depesche.nlp.load`` is cached) and writes partitioned
Parquet (:mod:`depesche.engines.parquet`).  ``depesche load DIR --db FILE``
brings the result into DuckDB.  Work is submitted through
``Client.get_executor()``, the ``concurrent.futures`` face of Dask, so the
tasks are the same functions the local executor runs.

Shards are named by position and signed with their file list; a shard whose
``_done`` marker carries the same signature is skipped, so a killed run
resumes where it stopped.  See ``docs/scale.md`` for a real cluster.
"""
from __future__ import annotations

import hashlib
from collections import Counter
from concurrent.futures import as_completed
from datetime import datetime
from pathlib import Path
from typing import Iterable, Iterator

from . import parquet
from .local import default_workers

#: A shard holds at most this many files or bytes (whichever comes first):
#: large enough that per-task overhead vanishes, small enough to spread work.
SHARD_FILES = 64
SHARD_BYTES = 64 * 1024 * 1024
#: Small inputs are cut into about this many shards so that every worker has
#: work.  Shard size depends on the input alone (not on the cluster), so a
#: resumed run cuts the same shards and recognises the finished ones.
MIN_SHARDS = 16


def _need_dask():
    try:
        import distributed
    except ImportError:
        raise RuntimeError("--engine dask needs the optional extra: pip install 'depesche[dask]'") from None
    return distributed


def connect(scheduler: str = "local", workers: int | None = None):
    """A Dask ``Client``: to a running scheduler (``tcp://HOST:8786``), or to a
    new ``LocalCluster`` of ``workers`` single-threaded processes (``local``)."""
    distributed = _need_dask()
    if scheduler == "local":
        cluster = distributed.LocalCluster(n_workers=workers or default_workers(), threads_per_worker=1,
                                           processes=True, dashboard_address=":0", silence_logs=40)
        return distributed.Client(cluster)
    return distributed.Client(scheduler)


def close(client) -> None:
    cluster = client.cluster if hasattr(client, "cluster") else None
    client.close()
    if cluster is not None:
        cluster.close()


def width(client) -> int:
    """Worker threads of the cluster (how many tasks run at once)."""
    return max(1, sum(client.nthreads().values()))


def shards(files: list[Path], *, max_files: int = SHARD_FILES, max_bytes: int = SHARD_BYTES
           ) -> Iterator[list[Path]]:
    """Consecutive groups of ``files`` bounded in count and size."""
    group: list[Path] = []
    size = 0
    for f in files:
        try:
            n = f.stat().st_size
        except OSError:
            n = 0
        if group and (len(group) >= max_files or size + n > max_bytes):
            yield group
            group, size = [], 0
        group.append(f)
        size += n
    if group:
        yield group


def signature(files: list[Path]) -> str:
    """Names, sizes and modification times of a shard's files."""
    h = hashlib.sha256()
    for f in files:
        try:
            st = f.stat()
            h.update(f"{f}\0{st.st_size}\0{st.st_mtime_ns}\n".encode())
        except OSError:
            h.update(f"{f}\0missing\n".encode())
    return h.hexdigest()


def process_shard(name: str, files: list[str], out: str, fmt: str | None, published: datetime | None,
                  analyze: bool) -> dict[str, int]:
    """Ingest one shard into an in-memory store and write it as Parquet (runs on a worker)."""
    from ..ingest.commands import Runner
    from ..ingest.reader import item_name, iter_items
    from ..model import Article
    from ..store.db import Store
    from .work import init_worker

    init_worker()
    with Store(":memory:") as store:
        runner = Runner(store, analyze=analyze)
        items = []
        for x in iter_items(files, published=published, format=fmt):
            runner.handle(x)
            if isinstance(x, Article):
                items.append((item_name(x), x.id))
        runner.flush()
        parquet.write_shard(store, out, name, items)
    return dict(runner.counts)


def ingest_to_parquet(paths: Iterable[str | Path], out: str | Path, *, scheduler: str = "local",
                      workers: int | None = None, published: datetime | None = None, format: str | None = None,
                      analyze: bool = True, client=None) -> Counter:
    """Ingest ``paths`` on Dask into the Parquet folder ``out``; returns outcome counts."""
    from ..ingest.common import IngestError
    from ..ingest.reader import walk

    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    files, walk_errors = [], []
    for entry in walk(paths):
        (walk_errors if isinstance(entry, IngestError) else files).append(entry)
    counts: Counter = Counter()
    # errors of the paths themselves (a missing file) form a shard of their own
    _write_errors(out, walk_errors)
    counts["errors"] += len(walk_errors)
    todo = []
    per_shard = min(SHARD_FILES, max(1, -(-len(files) // MIN_SHARDS)))
    for n, group in enumerate(shards(files, max_files=per_shard)):
        name, sig = f"{n:06d}", signature(group)
        if parquet.is_done(out, name, sig):
            counts["shards skipped"] += 1
            continue
        todo.append((name, group, sig))
    own_client = client is None
    client = client or connect(scheduler, workers)
    try:
        executor = client.get_executor()
        futures = {executor.submit(process_shard, name, [str(f) for f in group], str(out.resolve()), format,
                                   published, analyze): (name, sig) for name, group, sig in todo}
        for future in as_completed(futures):
            name, sig = futures[future]
            try:
                counts.update(future.result())
            except Exception as e:  # noqa: BLE001 - a lost shard is reported; re-running retries it
                counts["errors"] += 1
                _write_errors(out, [IngestError(f"shard {name}", f"shard failed ({type(e).__name__}: {e})")],
                              shard=f"failed-{name}")
                continue
            parquet.mark_done(out, name, sig)
    finally:
        if own_client:
            close(client)
    return counts


def _write_errors(out: Path, errors: list, shard: str = "paths") -> None:
    from ..store.db import Store

    with Store(":memory:") as store:
        for e in errors:
            store.note_error(e.item, e.reason)
        parquet.write_shard(store, out, shard, [])

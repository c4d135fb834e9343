"""The local executor: read and analyse in worker processes, write in one place.

``depesche ingest --workers N`` (default: every core) sends two kinds of task
to a ``concurrent.futures`` executor:

* **read** one input file (HTML extraction, text-dump parsing, feed and WARC
  records) -> its articles and errors;
* **analyse** a few articles (``group`` of them, parsed together by the
  language core) -> their :class:`~depesche.model.Analysis` objects.

The parent is the only writer: it takes results back *in submission order*
(so versions of one article are stored in input order, as with one process)
and hands them to the ingest ``Runner``, which stores articles and facts in
DuckDB.  At most ``window`` futures are in flight, so memory stays bounded
however large the input.  Files larger than :data:`STREAM_BYTES` (big WARC or
JSONL dumps) are streamed record by record in the parent instead of being
read whole by a worker.

The driver only needs ``submit``: the same code runs on a process pool or on
a Dask cluster's executor (:mod:`depesche.engines.dask_engine`).
"""
from __future__ import annotations

import multiprocessing
import os
from collections import deque
from concurrent.futures import Executor, Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path
from typing import Callable, Iterable

from ..ingest.common import IngestError
from .work import analyze_articles, init_worker, read_file

#: Larger files are streamed in the parent, not shipped whole to a worker.
STREAM_BYTES = 16 * 1024 * 1024
#: A pool whose worker holds more memory than this is replaced by a fresh one (issue 9
#: asks <= 1 GiB per worker).  Why: spaCy's vocabulary and string store grow with every
#: new word and never shrink; on 16,000 Bundestag speech chunks (2 workers) a worker grew
#: from ~490 to ~845 MiB and was still growing.
WORKER_RSS_LIMIT = 900 * 2**20
#: Analysis results settled between two looks at the workers' memory.
RSS_CHECK_EVERY = 32


def default_workers() -> int:
    """Every core this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


def process_pool(workers: int) -> ProcessPoolExecutor:
    """A pool of ``workers`` fresh processes (spawned: the parent holds an open
    DuckDB connection and threads, which must not be forked)."""
    return ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context("spawn"),
                               initializer=init_worker)


class ParallelIngest:
    """Feeds a ``Runner`` from an executor, keeping results in input order.

    ``runner`` is :class:`depesche.ingest.commands.Runner` (or anything with
    ``handle(item)``, ``submit`` and ``settle(article, item, analysis, error)``).
    ``on_item`` is called once per input item handled (the progress bar).
    """

    def __init__(self, runner, executor: Executor, *, window: int = 16,
                 on_item: Callable[[], None] | None = None,
                 restart: Callable[[], Executor] | None = None, group: int | None = None,
                 max_worker_rss: int | None = WORKER_RSS_LIMIT, rss_check_every: int = RSS_CHECK_EVERY):
        from ..pipeline import PARSE_BATCH

        self.runner = runner
        self.executor = executor
        self.window = max(1, window)
        self.on_item = on_item or (lambda: None)
        self.restart = restart  # a fresh executor after a worker process died
        self.pending: deque[tuple[str, object, Future]] = deque()
        # articles to analyse, sent to a worker ``group`` at a time: the worker
        # parses them together, and fewer, larger tasks cost less to ship
        self.group = max(1, group or PARSE_BATCH)
        self._grouped: list[tuple[object, str]] = []
        self._draining = False
        # memory bound: see WORKER_RSS_LIMIT (needs restart and a pool that names its processes)
        self.max_worker_rss = max_worker_rss
        self.rss_check_every = max(1, rss_check_every)
        self._settled_since_check = 0
        self.recycled = 0  # pools replaced because a worker held too much memory
        runner.submit = self.submit_analysis

    # -- submitting ----------------------------------------------------------
    def submit_analysis(self, article, item: str) -> None:
        self._grouped.append((article, item))
        if len(self._grouped) >= self.group:
            self._submit_group()

    def _submit_group(self) -> None:
        if not self._grouped:
            return
        group, self._grouped = self._grouped, []
        self._push("analyse", group, analyze_articles, [article for article, _ in group])

    def _push(self, kind: str, payload, fn, *args) -> None:
        try:
            future = self.executor.submit(fn, *args)
        except BrokenProcessPool:
            self._replace_executor()
            future = self.executor.submit(fn, *args)
        self.pending.append((kind, payload, future))
        if not self._draining:  # settling a read submits its analyses: they queue behind
            self.drain(self.window)

    # -- collecting ----------------------------------------------------------
    def drain(self, limit: int = 0) -> None:
        """Settle the oldest futures until at most ``limit`` are in flight; with
        ``limit=0`` partial groups of articles are sent too, until nothing is left."""
        self._draining = True
        try:
            while True:
                while len(self.pending) > limit:
                    self._settle_oldest()
                if limit or not self._grouped:
                    break
                self._submit_group()  # the last, partial group: nothing else will fill it
        finally:
            self._draining = False

    def _settle_oldest(self) -> None:
        kind, payload, future = self.pending.popleft()
        if kind == "read":
            self._settle_read(payload, future)
        else:
            self._settle_analysis(payload, future)

    def _settle_read(self, path: str, future: Future) -> None:
        try:
            items = future.result()
        except Exception as e:  # noqa: BLE001 - a dead worker is this file's error
            self._after_failure(e)
            items = [IngestError(path, f"unreadable ({type(e).__name__}: {e})")]
        for x in items:
            self.runner.handle(x)
            self.on_item()

    def _settle_analysis(self, group, future: Future) -> None:
        try:
            outcomes = future.result()
        except Exception as e:  # noqa: BLE001 - e.g. the worker ran out of memory and died
            self._after_failure(e)
            outcomes = [(None, f"{type(e).__name__}: {e}")] * len(group)
        for (article, item), (analysis, error) in zip(group, outcomes):
            self.runner.settle(article, item, analysis, error)
        self._settled_since_check += 1
        if self._settled_since_check >= self.rss_check_every:
            self._settled_since_check = 0
            self._recycle_if_too_big()

    def _recycle_if_too_big(self) -> None:
        """Replace the pool when one of its workers holds more than ``max_worker_rss``:
        everything in flight is settled on the old pool first (nothing lost, input
        order kept), then the old workers exit and fresh ones load the models anew."""
        if self.restart is None or not self.max_worker_rss:
            return
        processes = getattr(self.executor, "_processes", None) or {}  # ProcessPoolExecutor's workers
        if not any(_rss_bytes(pid) > self.max_worker_rss for pid in list(processes)):
            return
        while self.pending:
            self._settle_oldest()
        self.executor.shutdown(wait=True)
        self.executor = self.restart()
        self.recycled += 1

    def _after_failure(self, exc: Exception) -> None:
        if isinstance(exc, BrokenProcessPool):
            self._replace_executor()

    def _replace_executor(self) -> None:
        # every future of the broken pool fails; later items get a fresh pool
        if self.restart is None:
            raise RuntimeError("a worker process died and the executor cannot be restarted")
        try:
            self.executor.shutdown(wait=False, cancel_futures=True)
        except Exception:  # noqa: BLE001
            pass
        self.executor = self.restart()

    # -- the run -------------------------------------------------------------
    def run(self, paths: Iterable[str | Path], *, published=None, format: str | None = None) -> None:
        """Read every input of ``paths`` (files and folders) and settle everything."""
        from ..ingest.reader import iter_items, walk

        for entry in walk(paths):
            if isinstance(entry, IngestError):
                self.runner.handle(entry)
                self.on_item()
            elif _size(entry) > STREAM_BYTES:
                for x in iter_items([entry], published=published, format=format):
                    self.runner.handle(x)
                    self.on_item()
                    self.drain(self.window)
            else:
                self._push("read", str(entry), read_file, str(entry), format, published)
        self.drain(0)
        self.runner.flush()  # the runner writes in batches: the last one too


def _rss_bytes(pid: int) -> int:
    """Resident memory of process ``pid`` (0 where /proc cannot tell)."""
    try:
        with open(f"/proc/{pid}/statm", "rb") as fh:
            return int(fh.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError):
        return 0


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0  # the worker reports why it cannot be read

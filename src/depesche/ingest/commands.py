"""``depesche ingest``: read inputs, store articles, analyse them."""
from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import typer
from rich.console import Console
from rich.progress import BarColumn, Progress, ProgressColumn, SpinnerColumn, TextColumn, TimeElapsedColumn
from rich.table import Table
from rich.text import Text

from ..cli import DB_OPTION, annotate_app, app, eval_app, train_app  # noqa: F401
from ..model import Article
from .common import IngestError
from .reader import item_name  # noqa: F401  (re-exported for the store commands)


class ItemRateColumn(ProgressColumn):
    """Items per second (rich's speed columns count bytes)."""

    def render(self, task) -> Text:
        speed = task.finished_speed or task.speed
        return Text(f"{speed:.1f} items/s" if speed else "… items/s", style="progress.data.speed")


def reason_kind(reason: str) -> str:
    """Group reasons for the summary: the part before details."""
    head = re.split(r"[:(]", reason, maxsplit=1)[0].strip()
    return head or reason


def parse_published_option(value: str | None):
    if value is None:
        return None
    from .dates import parse_date

    dt = parse_date(value)
    if dt is None:
        raise typer.BadParameter(f"not a date: {value!r} (try 2021-12-08 or '08.12.2021, 06:42 Uhr')",
                                 param_hint="--published")
    return dt


class Runner:
    """Stores what the readers yield and analyses new articles; counts outcomes."""

    #: Analyses stored together in one transaction (see :meth:`flush`).
    BATCH = 32
    #: Most ids remembered by :meth:`_surely_new` (~100 MB); past it the store is asked.
    RUN_IDS_MAX = 1_000_000

    def __init__(self, store, analyze: bool = True, batch: int = BATCH, parse_batch: int | None = None):
        from ..pipeline import PARSE_BATCH

        self.store = store
        self.do_analyze = analyze
        self.counts: Counter = Counter()
        self.reasons: Counter = Counter()
        self._pv = None
        # set by a parallel engine (depesche.engines.local): analyse elsewhere
        self.submit = None
        # analyses waiting to be stored, by article id: writing many at once is
        # far cheaper than one transaction per article; flush() writes them
        self.batch = max(1, batch)
        self._pending: dict[str, tuple[str, object]] = {}
        # articles waiting to be analysed in this process, by id: the language
        # core parses them together (depesche.engines.work.analyze_articles)
        self.parse_batch = max(1, parse_batch or PARSE_BATCH)
        self._queued: dict[str, tuple[Article, str]] = {}
        # new articles (ids not stored before) waiting to be inserted, by id:
        # flush() writes them in one statement, before their analyses
        self._new: dict[str, tuple[str, Article]] = {}
        self._unstored: set[str] = set()  # ids whose insert failed: their analyses are dropped
        # items that have (or had) rows in ingest_errors: the runner is the
        # only writer of its store during the run, so an item outside this set
        # has no errors to clear, which saves three queries per article
        self._error_items: set[str] | None = None
        # whether the store held no article when the run began, and the ids the run has
        # handled since: see _surely_new
        self._fresh: bool | None = None
        self._run_ids: set[str] = set()

    def _surely_new(self, article_id: str) -> bool:
        """Is ``article_id`` certainly not stored?  Yes if the store held no article
        when the run began (the runner is its only writer) and the id has not come up
        before in this run.  Then the store need not be asked: one query per article
        cost ~1 % of an ingest, and a first ingest of an archive asks it for every one."""
        if self._fresh is None:
            self._fresh = self.store.con.execute("SELECT count(*) FROM articles").fetchone()[0] == 0
        if not self._fresh or article_id in self._run_ids:
            return False
        if len(self._run_ids) >= self.RUN_IDS_MAX:  # bounded memory: ask the store from here on
            self._fresh, self._run_ids = False, set()
            return False
        self._run_ids.add(article_id)
        return True

    def _may_have_errors(self, item: str) -> bool:
        if self._error_items is None:
            self._error_items = {r for (r,) in self.store.con.execute(
                "SELECT DISTINCT item FROM ingest_errors").fetchall()}
        return item in self._error_items

    def error(self, item: str, reason: str) -> None:
        self._may_have_errors(item)  # load the set before it grows
        self.store.note_error(item, reason)
        self._error_items.add(item)
        self.reasons[reason_kind(reason)] += 1

    def handle(self, x: Article | IngestError) -> None:
        if isinstance(x, IngestError):
            self.counts["errors"] += 1
            self.error(x.item, x.reason)
            return
        item = item_name(x)
        if x.id in self._pending or x.id in self._new or x.id in self._queued:
            self.flush()  # the same id again: store what is waiting first, then compare with it
        try:
            status = "new" if self._surely_new(x.id) else self.store.article_status(x)[0]
            if status == "version":
                self.store.put_article(x)  # rare: at once, in its own transaction
        except Exception as e:  # noqa: BLE001 - a store failure is this item's error
            self.counts["errors"] += 1
            self.error(item, f"could not store ({type(e).__name__}: {e})")
            return
        if status == "new":
            self._unstored.discard(x.id)
            self._new[x.id] = (item, x)
        self.counts[status] += 1
        warnings = list(x.extra.get("warnings", []))
        # the item reads fine now: errors of earlier runs (a since-fixed file) no longer hold;
        # analysis failures are settled by the analysis below
        if self._may_have_errors(item):
            self.store.clear_errors(item, keep=warnings + self._analysis_errors(item))
        for warning in warnings:
            self.counts["warnings"] += 1
            self.error(item, warning)
        if self.do_analyze and x.language in (None, "de"):
            self.analyze(x, item, force=status != "unchanged")
        if len(self._new) >= self.batch:
            self._flush_articles()

    def analyze(self, article: Article, item: str, force: bool = True) -> None:
        from ..pipeline import pipeline_version

        if self._pv is None:
            self._pv = pipeline_version()
        if not force and self.store.analyzed_version(article.id) == self._pv:
            return  # already analysed by this pipeline version: nothing to add
        if self.submit is not None:  # worker processes analyse; the engine calls settle()
            self.submit(article, item)
            return
        if article.id in self._queued:
            self._analyze_queued()  # versions of one article are analysed in input order
        self._queued[article.id] = (article, item)
        if len(self._queued) >= self.parse_batch:
            self._analyze_queued()

    def _analyze_queued(self) -> None:
        """Analyse the queued articles together and settle each."""
        from ..engines.work import analyze_articles

        if not self._queued:
            return
        queued, self._queued = list(self._queued.values()), {}
        for (article, item), outcome in zip(queued, analyze_articles([a for a, _ in queued])):
            self.settle(article, item, *outcome)

    def settle(self, article: Article, item: str, analysis, error: str | None) -> None:
        """Take the outcome of analysing ``article``: its facts are stored with
        the next batch (:meth:`flush`), a failure is recorded at once."""
        if article.id in self._unstored:
            return  # the article itself could not be stored (reported then)
        if analysis is None:
            self.counts["analysis errors"] += 1
            self.error(item, f"analysis failed ({error})")
            return
        self._pending.pop(article.id, None)  # re-inserted last: batches keep input order
        self._pending[article.id] = (item, analysis)
        if len(self._pending) >= self.batch:
            self.flush()

    def _flush_articles(self) -> None:
        """Insert the waiting new articles: one statement; if it fails, one by
        one, so that only the failing ones are reported (and lose their analyses)."""
        if not self._new:
            return
        new, self._new = list(self._new.values()), {}
        try:
            self.store.put_new_articles([a for _, a in new])
            return
        except Exception:  # noqa: BLE001 - find the article(s) at fault below
            pass
        for item, article in new:
            try:
                self.store.put_new_articles([article])
            except Exception as e:  # noqa: BLE001 - a store failure is this item's error
                self.counts["new"] -= 1
                self.counts["errors"] += 1
                self.error(item, f"could not store ({type(e).__name__}: {e})")
                self._unstored.add(article.id)
                self._pending.pop(article.id, None)

    def flush(self) -> None:
        """Store the waiting new articles, then every pending analysis: one
        transaction for the batch; if it fails, article by article, so that
        only the failing ones are reported."""
        self._analyze_queued()
        self._flush_articles()
        if not self._pending:
            return
        pending, self._pending = list(self._pending.values()), {}
        try:
            self.store.put_analyses([analysis for _, analysis in pending])
            done = pending
        except Exception:  # noqa: BLE001 - find the article(s) at fault below
            done = []
            for item, analysis in pending:
                try:
                    self.store.put_analysis(analysis)
                    done.append((item, analysis))
                except Exception as e:  # noqa: BLE001 - the article stays stored without facts
                    self.counts["analysis errors"] += 1
                    self.error(item, f"analysis failed ({type(e).__name__}: {e})")
        self.counts["analysed"] += len(done)
        for item, _ in done:
            if self._may_have_errors(item):
                self.store.clear_errors(item, prefix="analysis failed")

    def _analysis_errors(self, item: str) -> list[str]:
        return [r for (r,) in self.store.con.execute(
            "SELECT reason FROM ingest_errors WHERE item = ? AND starts_with(reason, 'analysis failed')", [item]
        ).fetchall()]

    def failed(self) -> int:
        return self.counts["errors"] + self.counts["analysis errors"]


def progress_bar(console: Console) -> Progress:
    return Progress(
        SpinnerColumn(), TextColumn("[bold]{task.description}"), BarColumn(),
        TextColumn("{task.completed} items"), ItemRateColumn(),
        TextColumn("[red]{task.fields[errors]} errors"), TimeElapsedColumn(),
        console=console, transient=True,
    )


def summary_table(runner: Runner, title: str) -> Table:
    table = Table(title=title, show_header=True)
    table.add_column("outcome")
    table.add_column("items", justify="right")
    c = runner.counts
    for label, key in [("new", "new"), ("unchanged", "unchanged"), ("new versions", "version"),
                       ("errors", "errors"), ("warnings (stored)", "warnings"), ("analysed", "analysed"),
                       ("analysis failures", "analysis errors")]:
        table.add_row(label, str(c[key]))
    return table


def reasons_table(runner: Runner, top: int = 5) -> Table | None:
    if not runner.reasons:
        return None
    table = Table(title="Top reasons (errors and warnings)")
    table.add_column("reason")
    table.add_column("items", justify="right")
    for reason, n in runner.reasons.most_common(top):
        table.add_row(reason, str(n))
    return table


@app.command()
def ingest(
    paths: list[Path] = typer.Argument(..., help="Files or folders (HTML, WARC, RSS/Atom, JSONL, text dumps)."),
    db: str = DB_OPTION,
    published: str = typer.Option(None, "--published", help="Date for inputs that carry none (e.g. 2021-12-08)."),
    no_analyze: bool = typer.Option(False, "--no-analyze", help="Store articles only; analyse later with reanalyze."),
    strict: bool = typer.Option(False, "--strict", help="Exit with 1 if any item failed."),
    format: str = typer.Option(None, "--format", help="Force the input format: html|warc|feed|jsonl|text."),
    workers: int = typer.Option(None, "--workers", min=1,
                                help="Worker processes (default: every core; small inputs run in one process). "
                                     "1 = in this process."),
    engine: str = typer.Option("local", "--engine", help="local (process pool) or dask (needs the optional dask extra, see docs/scale.md)."),
    scheduler: str = typer.Option("local", "--scheduler",
                                  help="With --engine dask: tcp://HOST:8786, or 'local' for a LocalCluster."),
    out: Path = typer.Option(None, "--out", help="With --engine dask: write partitioned Parquet here "
                                                 "(bring it into DuckDB with 'depesche load') instead of --db."),
) -> None:
    """Read news items into the store and analyse them.

    Bad items never stop the run: each becomes a row in ingest_errors naming
    the item and the reason.  Re-running over the same inputs adds nothing,
    and a run that was killed resumes: stored, unchanged items are skipped and
    articles not yet analysed are analysed.
    """
    from ..store.commands import open_store
    from .reader import FORMATS, iter_items

    pub = parse_published_option(published)
    if format is not None and format not in FORMATS:
        raise typer.BadParameter(f"one of {', '.join(FORMATS)}", param_hint="--format")
    if engine not in ("local", "dask"):
        raise typer.BadParameter("local or dask", param_hint="--engine")
    if out is not None and engine != "dask":
        raise typer.BadParameter("--out needs --engine dask", param_hint="--out")
    if engine == "dask":
        import importlib.util

        if importlib.util.find_spec("distributed") is None:
            Console(stderr=True).print("[red]error:[/red] --engine dask needs the dask extra: "
                                       "pip install 'depesche\\[dask]'")
            raise typer.Exit(1)
    console = Console(stderr=True)
    output = Console()
    if engine == "dask" and out is not None:
        from ..engines.dask_engine import ingest_to_parquet

        with console.status("ingest on Dask"):
            counts = ingest_to_parquet(paths, out, scheduler=scheduler, workers=workers, published=pub,
                                       format=format, analyze=not no_analyze)
        runner = Runner(None)
        runner.counts.update(counts)
        output.print(summary_table(runner, f"Ingest into {out} (load with: depesche load {out} --db FILE)"))
        if strict and runner.failed():
            raise typer.Exit(1)
        return
    with open_store(db, read_only=False, create=True) as store:
        runner = Runner(store, analyze=not no_analyze)
        with progress_bar(console) as progress:
            task = progress.add_task("ingest", total=None, errors=0)

            def tick() -> None:
                progress.update(task, advance=1, errors=runner.failed())

            with _executor(engine, scheduler, workers, paths) as (executor, restart, width):
                if executor is None:  # one process: read, analyse and store in turn
                    for x in iter_items(paths, published=pub, format=format):
                        runner.handle(x)
                        tick()
                else:
                    from ..engines.local import ParallelIngest

                    ParallelIngest(runner, executor, window=4 * width, on_item=tick,
                                   restart=restart).run(paths, published=pub, format=format)
            runner.flush()
        after_ingest(store, Path(db), console)
        output.print(summary_table(runner, f"Ingest into {db}"))
        reasons = reasons_table(runner)
        if reasons is not None:
            output.print(reasons)
    if strict and runner.failed():
        raise typer.Exit(1)


def after_ingest(store, db: Path, console: Console) -> None:
    """Steps that need the whole corpus, once per run: near-duplicate groups,
    stories and the de-duplicated fact tables; then, if a web server has ever
    served this file (its ``<db>.web`` folder exists), a fresh search snapshot
    so new articles are searchable at once.  A failure here is reported and
    leaves the stored articles as they are."""
    try:
        from ..stories import update as update_stories

        with console.status("grouping duplicates and stories"):
            update_stories(store)
    except Exception as exc:  # never lose a finished ingest to a corpus-wide step
        console.print(f"[yellow]warning:[/yellow] stories not updated: {type(exc).__name__}: {exc}")
    if db.with_name(db.name + ".web").is_dir():
        try:
            from ..web.search import rebuild_index

            with console.status("refreshing the search snapshot"):
                rebuild_index(store)
        except Exception as exc:
            console.print(f"[yellow]warning:[/yellow] search snapshot not refreshed: {type(exc).__name__}: {exc}")


#: With the default --workers, inputs of fewer files than this run in one
#: process: starting workers and loading models in each costs more than it saves.
SMALL_INPUT_FILES = 16


def _small_input(paths: list[Path]) -> bool:
    from itertools import islice

    from .reader import walk

    return sum(1 for _ in islice(walk(paths), SMALL_INPUT_FILES)) < SMALL_INPUT_FILES


class _executor:
    """``(executor, restart, width)`` for the run, ``(None, None, 1)`` for one process; shut down on exit."""

    def __init__(self, engine: str, scheduler: str, workers: int | None, paths: list[Path]):
        self.engine, self.scheduler, self.workers, self.paths = engine, scheduler, workers, paths
        self.executor = self.client = None

    def __enter__(self):
        if self.engine == "dask":
            from ..engines.dask_engine import connect, width

            self.client = connect(self.scheduler, self.workers)
            self.executor = self.client.get_executor()
            return self.executor, None, width(self.client)
        from ..engines.local import default_workers, process_pool

        n = self.workers or default_workers()
        if n == 1 or (self.workers is None and _small_input(self.paths)):
            return None, None, 1
        self.executor = process_pool(n)

        def restart():
            self.executor = process_pool(n)
            return self.executor

        return self.executor, restart, n

    def __exit__(self, *exc) -> None:
        if self.client is not None:
            self.executor.shutdown(wait=True)  # Dask's executor knows no cancel_futures
        elif self.executor is not None:
            self.executor.shutdown(wait=True, cancel_futures=True)
        if self.client is not None:
            from ..engines.dask_engine import close

            close(self.client)

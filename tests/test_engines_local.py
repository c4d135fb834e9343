"""The local executor: results stored in input order, bounded in flight,
failures of workers reported per item; the CLI's --workers path."""
from __future__ import annotations

from concurrent.futures import Future, ThreadPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path

import pytest
from typer.testing import CliRunner

from depesche.cli import app
from depesche.engines import local
from depesche.ingest.commands import Runner
from depesche.ingest.reader import iter_items
from depesche.store import Store

from conftest import REPO

DEMO = REPO / "demo"
cli = CliRunner()

GERMAN = ("Die Stadträtin Jana Beispielfrau hat am Montag in Neustadt den neuen Radweg eröffnet. "
          "„Das ist ein guter Tag für alle, die mit dem Rad fahren“, sagte sie vor Anwohnern. "
          "Der Bau hatte zwei Jahre gedauert und kostete mehr als geplant.")


def _ids(store: Store) -> list[tuple[str, str]]:
    return store.con.execute("SELECT id, content_hash FROM articles ORDER BY rowid").fetchall()


def _sequential_ids(path: Path) -> list[tuple[str, str]]:
    """The articles of the demo corpus as one process without analysis stores them."""
    with Store(path) as seq:
        runner = Runner(seq, analyze=False)
        for x in iter_items([DEMO]):
            runner.handle(x)
        runner.flush()
        return _ids(seq)


def test_parallel_reading_stores_the_same_articles_in_the_same_order(tmp_path):
    expected = _sequential_ids(tmp_path / "seq.duckdb")
    with Store(tmp_path / "par.duckdb") as par, ThreadPoolExecutor(3) as pool:
        runner = Runner(par, analyze=False)
        seen = []
        engine = local.ParallelIngest(runner, pool, window=2, on_item=lambda: seen.append(1))
        engine.run([DEMO])
        assert _ids(par) == expected
        assert len(seen) == len(expected) == 26
        assert not engine.pending


class RecordingPool:
    """Runs tasks at once and remembers how many futures were unsettled at each submit."""

    def __init__(self, engine_ref: list):
        self.engine_ref = engine_ref
        self.in_flight: list[int] = []

    def submit(self, fn, *args):
        if self.engine_ref:
            self.in_flight.append(len(self.engine_ref[0].pending))
        f = Future()
        f.set_result(fn(*args))
        return f

    def shutdown(self, **kw):
        pass


def test_in_flight_futures_stay_bounded(tmp_path, monkeypatch):
    monkeypatch.setattr(local, "analyze_articles",
                        lambda articles: [(None, "Skipped: no models in this test")] * len(articles))
    ref: list = []
    pool = RecordingPool(ref)
    with Store(tmp_path / "b.duckdb") as st:
        engine = local.ParallelIngest(Runner(st, analyze=True), pool, window=3)
        ref.append(engine)
        engine.run([DEMO / "html", DEMO / "text"])
        # settling one read may queue its article's analysis behind the window, never more
        assert pool.in_flight and max(pool.in_flight) <= 3 + 1
        n = st.con.execute("SELECT count(*) FROM articles").fetchone()[0]
        reasons = [r for (r,) in st.con.execute("SELECT reason FROM ingest_errors").fetchall()]
    assert n == 11
    assert len(reasons) == 11 and all(r == "analysis failed (Skipped: no models in this test)" for r in reasons)


class DyingPool(ThreadPoolExecutor):
    """A pool whose analysis futures fail as if the worker process had died."""

    def submit(self, fn, *args):
        if fn is local.analyze_articles:
            f = Future()
            f.set_exception(BrokenProcessPool("a worker died"))
            return f
        return super().submit(fn, *args)


def test_a_dead_worker_fails_its_items_and_the_pool_is_replaced(tmp_path):
    made = []

    def restart():
        made.append(DyingPool(1))
        return made[-1]

    with Store(tmp_path / "d.duckdb") as st, DyingPool(1) as first:
        engine = local.ParallelIngest(Runner(st), first, window=2, restart=restart)
        engine.run([DEMO / "text"])
        reasons = st.con.execute("SELECT DISTINCT reason FROM ingest_errors").fetchall()
        unanalysed = st.con.execute("SELECT count(*) FROM articles WHERE analyzed_version IS NULL").fetchone()[0]
    for pool in made:
        pool.shutdown()
    assert made, "the broken pool was not replaced"
    assert reasons == [("analysis failed (BrokenProcessPool: a worker died)",)]
    assert unanalysed == 5  # stored without facts: the next run analyses them


def test_workers_option_is_checked():
    result = cli.invoke(app, ["ingest", str(DEMO), "--workers", "0", "--db", "x.duckdb"])
    assert result.exit_code != 0
    result = cli.invoke(app, ["ingest", str(DEMO), "--engine", "spark", "--db", "x.duckdb"])
    assert result.exit_code != 0 and "local or dask" in result.output


def test_a_killed_run_resumes_with_a_pool(tmp_path, db_path):
    """In-process first, then two worker processes: the articles a killed run left unanalysed (or never
    reached) are analysed on the next run; finished ones are skipped."""
    folder = tmp_path / "in"
    folder.mkdir()
    for n in range(4):
        (folder / f"meldung-{n}.txt").write_text(GERMAN.replace("zwei", f"{n + 2}"), encoding="utf-8")
    (folder / "kaputt.html").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(300))
    first = cli.invoke(app, ["ingest", str(folder), "--db", str(db_path), "--workers", "1"])
    assert first.exit_code == 0, first.output
    with Store(db_path) as st:
        done = st.con.execute("SELECT count(*) FROM articles WHERE analyzed_version IS NOT NULL").fetchone()[0]
        quotes = st.con.execute("SELECT count(*) FROM quotes").fetchone()[0]
        assert done == 4 and quotes >= 4
        errors = st.con.execute("SELECT item, reason FROM ingest_errors").fetchall()
        assert len(errors) == 1 and errors[0][0].endswith("kaputt.html") and "binary" in errors[0][1]
        # the state a kill leaves: one article stored but not analysed, one never reached
        victim, gone = [r[0] for r in st.con.execute("SELECT id FROM articles ORDER BY id LIMIT 2").fetchall()]
        st.con.execute("DELETE FROM quotes WHERE article_id = ?", [victim])
        st.con.execute("UPDATE articles SET analyzed_version = NULL WHERE id = ?", [victim])
        st.delete_articles([gone])
    second = cli.invoke(app, ["ingest", str(folder), "--db", str(db_path), "--workers", "2"])
    assert second.exit_code == 0, second.output
    assert _row(second.output, "analysed") == 2 and _row(second.output, "new") == 1
    assert _row(second.output, "unchanged") == 3
    with Store(db_path, read_only=True) as st:
        assert st.con.execute("SELECT count(*) FROM articles WHERE analyzed_version IS NULL").fetchone()[0] == 0
        assert st.con.execute("SELECT count(*) FROM quotes").fetchone()[0] == quotes
        assert st.con.execute("SELECT count(*) FROM ingest_errors").fetchone()[0] == 1


def _row(output: str, label: str) -> int:
    for line in output.splitlines():
        cells = [c.strip() for c in line.replace("│", "|").split("|") if c.strip()]
        if len(cells) == 2 and cells[0] == label:
            return int(cells[1])
    raise AssertionError(f"no row {label!r} in:\n{output}")


@pytest.mark.parametrize("n_files,expected", [(3, True), (40, False)])
def test_small_inputs_run_in_one_process(tmp_path, n_files, expected):
    from depesche.ingest.commands import _small_input

    for n in range(n_files):
        (tmp_path / f"{n}.txt").write_text("x", encoding="utf-8")
    assert _small_input([Path(tmp_path)]) is expected


def test_dask_engine_without_the_extra_is_a_clear_error(monkeypatch, db_path):
    import importlib.util

    real = importlib.util.find_spec
    monkeypatch.setattr(importlib.util, "find_spec",
                        lambda name, *a: None if name == "distributed" else real(name, *a))
    result = cli.invoke(app, ["ingest", str(DEMO), "--engine", "dask", "--db", str(db_path)])
    assert result.exit_code == 1
    assert "pip install 'depesche[dask]'" in " ".join(result.output.split())


class ThreadPoolWithPids(ThreadPoolExecutor):
    """A thread pool that names this process as its worker, as ProcessPoolExecutor names its own."""

    def __init__(self, made: list):
        super().__init__(2)
        import os

        self._processes = {os.getpid(): None}
        made.append(self)


def _slow_stub(articles):
    import time

    time.sleep(0.05)  # still in flight when the pool is replaced
    return [(None, "Skipped: no models in this test")] * len(articles)


def test_a_pool_whose_worker_outgrows_the_memory_limit_is_replaced_without_losing_anything(tmp_path, monkeypatch):
    monkeypatch.setattr(local, "analyze_articles", _slow_stub)
    expected = _sequential_ids(tmp_path / "seq.duckdb")
    def errors(st):
        return st.con.execute("SELECT item, reason FROM ingest_errors ORDER BY item, reason").fetchall()

    with Store(tmp_path / "plain.duckdb") as st, ThreadPoolExecutor(2) as pool:
        local.ParallelIngest(Runner(st), pool, window=3, group=2, max_worker_rss=None).run([DEMO])
        expected_errors = errors(st)
    made: list = []
    with Store(tmp_path / "r.duckdb") as st:
        engine = local.ParallelIngest(Runner(st), ThreadPoolWithPids(made), window=3, group=2,
                                      restart=lambda: ThreadPoolWithPids(made),
                                      max_worker_rss=1, rss_check_every=2)  # any process is "too big"
        engine.run([DEMO])
        assert _ids(st) == expected  # every article once, in input order
        assert errors(st) == expected_errors  # every analysis came back (as the stub's errors)
    assert any("Skipped: no models" in reason for _, reason in expected_errors)
    assert engine.recycled >= 2 and len(made) == engine.recycled + 1
    assert all(pool._shutdown for pool in made[:-1])  # the old pools were shut down
    made[-1].shutdown()


def test_the_memory_limit_can_see_a_process_pools_workers():
    import os
    from concurrent.futures import ProcessPoolExecutor

    assert local._rss_bytes(os.getpid()) > 10 * 2**20
    assert local._rss_bytes(-1) == 0
    with ProcessPoolExecutor(1) as pool:
        assert pool.submit(os.getpid).result() in pool._processes  # the private name the check relies on

"""Serving while ingesting: the server reads snapshots, never the store file,
and catches up when ingest finishes (with or without ``rebuild_index``).

A real second process holds DuckDB's write lock, as ``depesche ingest`` would.
"""
from __future__ import annotations

import importlib.util
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from depesche.web.app import create_app
from depesche.web.snapshot import SnapshotManager, read_manifest

FIXTURE = Path(__file__).parent / "fixtures" / "web" / "web_corpus.py"
_spec = importlib.util.spec_from_file_location("depesche_web_corpus", FIXTURE)
corpus = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(corpus)

# a stand-in for `depesche ingest`: open the store read-write, signal, wait
# for "go", add an article, optionally rebuild the index, signal, wait, exit
WRITER = textwrap.dedent("""
    import importlib.util, sys
    spec = importlib.util.spec_from_file_location("c", sys.argv[1]); c = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(c)
    from depesche.store import Store
    from depesche.web.search import rebuild_index
    store = Store(sys.argv[2])
    print("locked", flush=True); sys.stdin.readline()
    a = c.extra_article(); store.put_article(a.article); store.put_analysis(a)
    if sys.argv[3] == "rebuild":
        rebuild_index(store)
    print("written", flush=True); sys.stdin.readline()
    store.close()
""")


@pytest.fixture
def store_file(tmp_path) -> Path:
    path = tmp_path / "live.duckdb"
    corpus.build(path)
    return path


def writer(path: Path, mode: str) -> subprocess.Popen:
    proc = subprocess.Popen([sys.executable, "-c", WRITER, str(FIXTURE), str(path), mode],
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    assert proc.stdout.readline().strip() == "locked"
    return proc


def step(proc: subprocess.Popen, expect: str | None) -> None:
    proc.stdin.write("go\n")
    proc.stdin.flush()
    if expect:
        assert proc.stdout.readline().strip() == expect


def hits(client: TestClient, q: str) -> int:
    r = client.get("/api/search", params={"q": q})
    assert r.status_code == 200
    return r.json()["total"]


@pytest.mark.parametrize("mode", ["rebuild", "plain"])
def test_serves_during_ingest_and_catches_up(store_file, mode):
    manager = SnapshotManager(store_file, poll_seconds=0.2)
    with TestClient(create_app(store_file, manager=manager, watch=False)) as client:
        first = manager.current().fingerprint
        assert hits(client, "Seilbahn") == 0
        proc = writer(store_file, mode)
        try:
            # the store is locked by the writer: refreshing must not fail or block
            manager._seen_stat = None  # as if the writer had changed the file already
            assert manager.refresh() is False
            assert manager.busy_since is not None
            assert hits(client, "Fernwärme") == 2 and client.get("/api/status").json()["store_busy"]
            step(proc, "written")
            if mode == "rebuild":
                # ingest published a new snapshot while still holding its lock
                assert manager.refresh() is True
                assert hits(client, "Seilbahn") == 1
            else:
                assert manager.refresh() is False and hits(client, "Seilbahn") == 0
            step(proc, None)
            assert proc.wait(timeout=60) == 0
        finally:
            proc.kill()
        manager.refresh()  # lock released: now the store itself can be read
        assert hits(client, "Seilbahn") == 1
        assert manager.current().fingerprint != first
        assert read_manifest(manager.folder)["fingerprint"] == manager.current().fingerprint
        assert client.get("/api/articles").json()["total"] == 5


def test_unchanged_corpus_is_not_rebuilt(store_file):
    manager = SnapshotManager(store_file)
    manager.start()
    try:
        snap = manager.current().path
        mtime = snap.stat().st_mtime_ns
        manager._seen_stat = None  # pretend the file changed (e.g. touched)
        assert manager.refresh() is False
        assert manager.current().path == snap and snap.stat().st_mtime_ns == mtime
    finally:
        manager.stop()


def test_store_file_is_never_written(store_file):
    before = store_file.stat().st_mtime_ns, store_file.stat().st_size
    with TestClient(create_app(store_file, watch=False)) as client:
        client.get("/api/search", params={"q": "Stadtwerke"})
        client.get("/")
    assert (store_file.stat().st_mtime_ns, store_file.stat().st_size) == before


def test_serve_refuses_a_missing_database(tmp_path):
    from typer.testing import CliRunner

    from depesche.cli import app

    result = CliRunner().invoke(app, ["serve", "--db", str(tmp_path / "none.duckdb")])
    assert result.exit_code == 2 and "no database" in result.output


def test_stale_snapshot_layout_is_rebuilt_not_served(store_file):
    import duckdb

    from depesche.web.snapshot import sidecar_dir, snapshot_path, write_manifest

    folder = sidecar_dir(store_file)
    old = snapshot_path(folder, "oldlayout")
    con = duckdb.connect(str(old))
    con.execute("CREATE TABLE articles (id VARCHAR)")  # a snapshot of an older version: no search tables
    con.close()
    write_manifest(folder, "oldlayout")
    manager = SnapshotManager(store_file)
    with TestClient(create_app(store_file, manager=manager, watch=False)) as client:
        assert manager.current().fingerprint != "oldlayout"
        assert hits(client, "Fernwärme") == 2

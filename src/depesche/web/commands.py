"""CLI commands of the web stage (registered on depesche.cli's apps)."""
from __future__ import annotations

from pathlib import Path

import typer

from ..cli import annotate_app, app, eval_app, train_app  # noqa: F401


@app.command()
def serve(
    db: Path = typer.Option(Path("depesche.duckdb"), "--db", help="DuckDB file (never written)."),
    host: str = typer.Option("127.0.0.1", "--host", help="Interface to listen on."),
    port: int = typer.Option(8000, "--port", min=1, max=65535, help="TCP port."),
    poll: float = typer.Option(2.0, "--poll", min=0.2, help="Seconds between checks for a newer corpus."),
) -> None:
    """Serve the web app and JSON API (docs at /docs) for the store, read-only.

    Safe to run while `depesche ingest` writes the same file: pages are served
    from a snapshot beside it (<db>.web/) that is refreshed when ingest is done.
    """
    import uvicorn

    from .app import create_app
    from .snapshot import NoStore, SnapshotManager, StoreBusy

    if not db.exists():
        typer.echo(f"error: no database at {db}; run `depesche ingest … --db {db}` first", err=True)
        raise typer.Exit(2)
    manager = SnapshotManager(db, poll_seconds=poll)
    typer.echo(f"preparing snapshot of {db} in {manager.folder} …", err=True)
    try:
        manager.start()
    except (StoreBusy, NoStore) as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(1)
    typer.echo(f"serving {manager.current().path.name} on http://{host}:{port}/", err=True)
    uvicorn.run(create_app(db, manager=manager), host=host, port=port, log_level="info")

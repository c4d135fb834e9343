"""CLI commands of the engines: ``depesche load`` (Parquet from ``ingest --engine dask --out``)."""
from __future__ import annotations

from pathlib import Path

import typer
from rich.console import Console
from rich.table import Table

from ..cli import DB_OPTION, annotate_app, app, eval_app, train_app  # noqa: F401


@app.command("load")
def load_cmd(
    folder: Path = typer.Argument(..., help="Parquet folder written by 'depesche ingest --engine dask --out'."),
    db: str = DB_OPTION,
    no_stories: bool = typer.Option(False, "--no-stories", help="Skip duplicate groups and stories."),
) -> None:
    """Bring a Parquet ingest folder into DuckDB (idempotent: loading twice adds nothing).

    Steps that need the whole corpus (duplicate groups, stories) run here,
    after every shard is in.
    """
    from ..store.commands import open_store
    from .parquet import load

    if not folder.is_dir():
        raise typer.BadParameter(f"{folder} is not a folder", param_hint="FOLDER")
    with open_store(db, read_only=False, create=True) as store:
        try:
            counts = load(folder, store, stories=not no_stories)
        except FileNotFoundError as e:
            Console(stderr=True).print(f"[red]error:[/red] {e}")
            raise typer.Exit(1) from None
    table = Table(title=f"Load {folder} into {db}")
    table.add_column("outcome")
    table.add_column("items", justify="right")
    for key, value in counts.items():
        table.add_row(key, str(value))
    Console().print(table)

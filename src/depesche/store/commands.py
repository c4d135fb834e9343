"""Store commands: ``show``, ``stats``, ``export``, ``delete``, ``reanalyze``."""
from __future__ import annotations

import json
from pathlib import Path

import typer
from rich.console import Console
from rich.table import Table
from rich.text import Text

from ..cli import DB_OPTION, annotate_app, app, eval_app, train_app  # noqa: F401


def open_store(db: str, read_only: bool = True, create: bool = False):
    """Open the store or exit 1 with a clear message (missing file, locked by
    another writer, not a DuckDB file) instead of a traceback."""
    import duckdb

    from . import Store

    if not create and not Path(db).exists():
        Console(stderr=True).print(f"[red]no database at {db}[/red] (create one with: depesche ingest PATH --db {db})")
        raise typer.Exit(1)
    try:
        return Store(db, read_only=read_only)
    except duckdb.Error as e:
        first_line = str(e).strip().splitlines()[0] if str(e).strip() else type(e).__name__
        Console(stderr=True).print(f"[red]cannot open {db}:[/red] {first_line}", markup=True, highlight=False)
        raise typer.Exit(1) from None


_open = open_store


def _counts_table(title: str, rows, key: str = "value") -> Table:
    table = Table(title=title)
    table.add_column(key)
    table.add_column("n", justify="right")
    for k, n in rows:
        table.add_row(str(k), str(n))
    return table


@app.command()
def show(
    key: str = typer.Argument(..., help="Article id or URL."),
    db: str = DB_OPTION,
    as_json: bool = typer.Option(False, "--json", help="Print the article as JSON instead."),
) -> None:
    """Show one article: metadata, text, and how many facts were derived from it."""
    with _open(db) as store:
        art = store.get_article(key)
        if art is None:
            from ..ingest.common import normalize_url, sha256

            norm = normalize_url(key)
            art = store.get_article(sha256(norm)[:16]) if norm and norm != key else None
        if art is None:
            Console(stderr=True).print(f"[red]no article with id or URL {key!r}[/red]")
            raise typer.Exit(1)
        counts = store.fact_counts(art.id)
    if as_json:
        d = art.to_dict()
        d["facts"] = counts
        typer.echo(json.dumps(d, ensure_ascii=False, indent=2))
        return
    console = Console()
    meta = Table(show_header=False, title=art.headline or art.id)
    meta.add_column("field", style="bold")
    meta.add_column("value")
    for field in ("id", "url", "outlet", "section", "kicker", "headline", "published", "modified", "authors",
                  "agency", "author_initials", "image", "caption", "credit", "keywords", "language", "format",
                  "source_ref"):
        value = getattr(art, field)
        if value in (None, "", []):
            continue
        if isinstance(value, list):
            value = ", ".join(value)
        meta.add_row(field, str(value))
    meta.add_row("facts", ", ".join(f"{n} {k}" for k, n in counts.items()))
    console.print(meta)
    # Text objects, not markup strings: article text may contain "[brackets]"
    if art.teaser:
        console.print(Text("\n" + art.teaser, style="italic"))
    for p in art.paragraphs:
        console.print(Text("\n" + art.body[p.start:p.end], style="bold" if p.kind == "h" else ""))


@app.command()
def stats(db: str = DB_OPTION) -> None:
    """Corpus overview: articles by format, outlet and language; errors; derived facts."""
    with _open(db) as store:
        s = store.stats()
    console = Console()
    overview = Table(title=f"depesche store {db}", show_header=False)
    overview.add_column("what", style="bold")
    overview.add_column("n", justify="right")
    overview.add_row("articles (current)", str(s["articles"]))
    overview.add_row("article versions", str(s["versions"]))
    overview.add_row("analysed", str(s["analyzed"]))
    overview.add_row("ingest errors", str(s["errors"]))
    for k, n in s["facts"].items():
        overview.add_row(k, str(n))
    console.print(overview)
    console.print(_counts_table("by format", s["by_format"], "format"))
    console.print(_counts_table("by outlet", s["by_outlet"], "outlet"))
    console.print(_counts_table("by language", s["by_language"], "language"))
    if s["top_errors"]:
        console.print(_counts_table("top ingest errors", s["top_errors"], "reason"))


@app.command()
def export(
    out: Path = typer.Option(..., "--out", help="File to write."),
    format: str = typer.Option("parquet", "--format", help="parquet | jsonl | csv"),
    table: str = typer.Option("articles", "--table", help="articles | mentions | entities | quotes | events | "
                                                          "ingest_errors"),
    all_versions: bool = typer.Option(False, "--all-versions", help="Articles: every version, not only current."),
    db: str = DB_OPTION,
) -> None:
    """Export a table as Parquet, JSON lines or CSV."""
    from . import Store

    if format not in Store.EXPORT_FORMATS:
        raise typer.BadParameter(f"one of {', '.join(Store.EXPORT_FORMATS)}", param_hint="--format")
    if table not in Store.EXPORT_TABLES:
        raise typer.BadParameter(f"one of {', '.join(Store.EXPORT_TABLES)}", param_hint="--table")
    with _open(db) as store:
        n = store.export(table, format, out, all_versions=all_versions)
    typer.echo(f"{n} rows of {table} written to {out}")


@app.command()
def delete(
    key: str = typer.Argument(None, help="Article id or URL."),
    url: str = typer.Option(None, "--url", help="Delete the article of this URL (normalised)."),
    outlet: str = typer.Option(None, "--outlet", help="Delete every article of this outlet."),
    dry_run: bool = typer.Option(False, "--dry-run", help="Only list what would be deleted."),
    db: str = DB_OPTION,
) -> None:
    """Remove articles, all their versions and everything derived from them (right to erasure)."""
    given = [x for x in (key, url, outlet) if x is not None]
    if len(given) != 1:
        raise typer.BadParameter("give exactly one of ID, --url or --outlet")
    with _open(db, read_only=dry_run) as store:
        ids = store.article_ids(key=key, url=url, outlet=outlet)
        if dry_run:
            for i in ids:
                typer.echo(i)
            typer.echo(f"{len(ids)} article(s) would be deleted")
            return
        n = store.delete_articles(ids)
    typer.echo(f"{n} article(s) deleted with their derived facts")
    if n == 0:
        raise typer.Exit(1)


@app.command()
def reanalyze(
    since: str = typer.Option(None, "--since", help="Only articles ingested on or after this date."),
    db: str = DB_OPTION,
) -> None:
    """Recompute derived facts of stored articles (no inputs are re-read).

    Non-German articles are skipped, as in ingest.
    """
    from ..ingest.commands import Runner, item_name, parse_published_option, progress_bar, summary_table

    when = None
    if since is not None:
        try:
            when = parse_published_option(since)
        except typer.BadParameter:
            raise typer.BadParameter(f"not a date: {since!r}", param_hint="--since") from None
    console = Console(stderr=True)
    with _open(db, read_only=False) as store:
        runner = Runner(store, analyze=True)
        articles = list(store.iter_articles(since=when))
        with progress_bar(console) as progress:
            task = progress.add_task("reanalyze", total=len(articles), errors=0)
            for art in articles:
                if art.language in (None, "de"):
                    runner.analyze(art, item_name(art), force=True)
                else:
                    runner.counts["skipped"] += 1
                progress.update(task, advance=1, errors=runner.failed())
            runner.flush()
        Console().print(summary_table(runner, f"Reanalyse {db}"))
    if runner.failed():
        raise typer.Exit(1)

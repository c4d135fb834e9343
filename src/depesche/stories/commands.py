"""CLI commands of the stories stage (registered on depesche.cli's apps)."""
from __future__ import annotations

from datetime import datetime, timezone

import typer

from ..cli import DB_OPTION, annotate_app, app, eval_app, train_app  # noqa: F401


def _parse_since(since: str | None) -> datetime | None:
    if not since:
        return None
    try:
        d = datetime.fromisoformat(since)
    except ValueError:
        raise typer.BadParameter(f"not an ISO date: {since!r} (expected e.g. 2026-03-01)", param_hint="--since")
    return d if d.tzinfo else d.replace(tzinfo=timezone.utc)


def _open(db: str):
    """The store, or a clear error (locked by another writer, not a DuckDB file)."""
    import duckdb

    from ..store import Store

    try:
        return Store(db)
    except duckdb.Error as e:
        typer.echo(f"{db}: cannot open the store: {e}", err=True)
        raise typer.Exit(1)


def _fmt_date(d) -> str:
    return d.strftime("%Y-%m-%d") if d else "?"


@app.command("stories")
def stories_cmd(
    since: str = typer.Option(None, "--since", help="Only stories with articles on or after this date (ISO)."),
    limit: int = typer.Option(30, "--limit", help="How many stories to list."),
    db: str = DB_OPTION,
) -> None:
    """Group articles not yet grouped (duplicates, stories, facts), then list stories."""
    from . import update
    from .cluster import list_stories

    since_dt = _parse_since(since)
    with _open(db) as store:
        summary = update(store)
        typer.echo(
            f"grouped {summary['sketched']} new article(s): {summary['groups_written']} duplicate group(s) written, "
            f"{summary.get('new_stories', 0)} new story(ies); "
            f"{summary.get('quote_facts', 0)} unique quotation(s) in {summary.get('quote_sightings', 0)} sighting(s), "
            f"{summary.get('event_facts', 0)} unique event(s) in {summary.get('event_sightings', 0)} sighting(s)"
        )
        for s in list_stories(store.con, since_dt, limit):
            outlets = ", ".join(s["outlets"] or [])
            ents = ", ".join(s["key_entities"] or s["key_terms"] or [])
            typer.echo(
                f"{s['story_id']}  {_fmt_date(s['first_date'])}..{_fmt_date(s['last_date'])}  "
                f"{s['n_articles']} article(s), {s['n_outlets']} outlet(s)\n"
                f"    {s['label'] or '(no headline)'}\n    outlets: {outlets}\n    key: {ents}"
            )


@app.command("duplicates")
def duplicates_cmd(
    article: str = typer.Argument(..., help="Article id or URL."),
    db: str = DB_OPTION,
) -> None:
    """List the copies of an article's text (its duplicate group)."""
    from .dedup import duplicates_of

    with _open(db) as store:
        art = store.get_article(article)
        if art is None:
            typer.echo(f"{article}: no such article", err=True)
            raise typer.Exit(1)
        members = duplicates_of(store.con, art.id)
        if not members:
            typer.echo(f"{art.id}: no duplicates known (run `depesche stories` to group new articles)")
            return
        typer.echo(f"group {members[0]['group_id']}: {len(members)} copies")
        for m in members:
            mark = "*" if m["is_first"] else " "
            typer.echo(f"{mark} {m['article_id']}  {m['similarity']:.2f}  {_fmt_date(m['published'])}  "
                       f"{m['outlet'] or '?'}  {m['headline'] or ''}")

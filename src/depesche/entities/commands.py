"""CLI commands of the entities stage (registered on depesche.cli's apps).

* ``depesche entities [--type PER] [--top 50]``: each entity once, by mentions;
* ``depesche entity NAME``: aliases, articles, quotes, co-occurring entities;
* ``depesche correct merge|split|link|speaker|list``: analysts' corrections;
* ``depesche kb NAME``: look a name up in the knowledge base;
* ``depesche eval entities``: speaker-span linking accuracy on the dev set.
"""
from __future__ import annotations

from pathlib import Path

import typer
from rich.console import Console
from rich.table import Table

from ..cli import DB_OPTION, app, eval_app

console = Console()
correct_app = typer.Typer(help="Analysts' corrections of entities and speakers (kept across re-analysis).",
                          no_args_is_help=True)
app.add_typer(correct_app, name="correct")

REPO = Path(__file__).resolve().parents[3]


def _store(db: str, read_only: bool):
    from ..store.db import Store

    if read_only and not Path(db).exists():
        raise typer.BadParameter(f"{db}: no such database", param_hint="--db")
    return Store(db, read_only=read_only)


def find_entities(con, name: str) -> list[tuple]:
    """Entities whose id, canonical name or any alias equals ``name`` (case-insensitive)."""
    return con.execute(
        "SELECT id, type, name, aliases, country, kb_id, wikidata FROM entities "
        "WHERE id = ? OR lower(name) = lower(?) OR list_contains(list_transform(aliases, a -> lower(a)), lower(?)) "
        "ORDER BY (lower(name) = lower(?)) DESC, id", [name, name, name, name]).fetchall()


def _one_entity(con, name: str) -> str:
    rows = find_entities(con, name)
    if not rows:
        raise typer.BadParameter(f"no entity named {name!r}")
    exact = [r for r in rows if r[0] == name or r[2].lower() == name.lower()]
    if len(exact) == 1:
        return exact[0][0]
    if len(rows) > 1:
        listing = "; ".join(f"{r[0]} ({r[2]}, {r[1]})" for r in rows[:8])
        raise typer.BadParameter(f"{name!r} is ambiguous: {listing}; give the id")
    return rows[0][0]


@app.command("entities")
def list_entities(
    type_: str = typer.Option(None, "--type", help="PER, ORG, LOC or OTH."),
    top: int = typer.Option(50, "--top", help="How many to list."),
    db: str = DB_OPTION,
) -> None:
    """List each entity once: canonical name, type, mentions, articles."""
    with _store(db, read_only=True) as store:
        where, params = ("WHERE e.type = ?", [type_.upper()]) if type_ else ("", [])
        rows = store.con.execute(
            f"SELECT e.name, e.type, e.country, e.id, count(*) AS n, count(DISTINCT m.article_id) AS arts "
            f"FROM entities e JOIN mentions m ON m.entity_id = e.id {where} "
            f"GROUP BY e.name, e.type, e.country, e.id ORDER BY n DESC, e.name LIMIT ?", [*params, top]).fetchall()
    table = Table("entity", "type", "country", "mentions", "articles", "id")
    for name, typ, country, eid, n, arts in rows:
        table.add_row(name, typ, country or "", str(n), str(arts), eid)
    console.print(table)


@app.command("entity")
def show_entity(name: str = typer.Argument(..., help="Canonical name, alias or id."), db: str = DB_OPTION) -> None:
    """Show an entity: aliases, articles, quotes and co-occurring entities."""
    with _store(db, read_only=True) as store:
        con = store.con
        rows = find_entities(con, name)
        if not rows:
            console.print(f"no entity named {name!r}")
            raise typer.Exit(1)
        for eid, typ, cname, aliases, country, kb_id, wikidata in rows:
            console.print(f"[bold]{cname}[/bold]  {typ}  {country or ''}  id={eid}"
                          + (f"  kb={kb_id}" if kb_id else "") + (f"  wikidata={wikidata}" if wikidata else ""))
            console.print("  aliases: " + ", ".join(aliases or []))
            arts = con.execute(
                "SELECT m.article_id, a.headline, a.published, count(*) FROM mentions m "
                "LEFT JOIN articles a ON a.id = m.article_id AND a.is_current WHERE m.entity_id = ? "
                "GROUP BY m.article_id, a.headline, a.published ORDER BY a.published DESC NULLS LAST LIMIT 20",
                [eid]).fetchall()
            console.print(f"  articles ({len(arts)}):")
            for aid, headline, published, n in arts:
                console.print(f"    {published.date() if published else '-'}  {headline or aid}  ({n}×)")
            quotes = con.execute(
                "SELECT quote_text, article_id FROM quotes WHERE speaker_entity_id = ? LIMIT 10", [eid]).fetchall()
            console.print(f"  quotes ({len(quotes)}):")
            for text, aid in quotes:
                console.print(f"    „{(text or '')[:140]}“  [{aid}]")
            co = con.execute(
                "SELECT e.name, e.type, count(DISTINCT m2.article_id) AS n FROM mentions m1 "
                "JOIN mentions m2 ON m1.article_id = m2.article_id AND m2.entity_id <> m1.entity_id "
                "JOIN entities e ON e.id = m2.entity_id WHERE m1.entity_id = ? "
                "GROUP BY e.name, e.type ORDER BY n DESC, e.name LIMIT 10", [eid]).fetchall()
            console.print("  co-occurring: " + ", ".join(f"{n} ({t}, {k})" for n, t, k in co))


def _record(db: str, kind: str, **kw) -> None:
    from .corrections import CorrectionError, add_correction

    with _store(db, read_only=False) as store:
        try:
            c = add_correction(store, kind, **kw)
        except CorrectionError as exc:
            console.print(f"[red]correction refused:[/red] {exc}")
            raise typer.Exit(2)
    console.print(f"recorded correction #{c.id} ({kind})")


@correct_app.command("merge")
def correct_merge(
    entity: str = typer.Argument(..., help="The entity to merge away (name or id)."),
    into: str = typer.Argument(..., help="The entity it is (name or id)."),
    note: str = typer.Option(None, help="Why."),
    db: str = DB_OPTION,
) -> None:
    """Two entities are one actor: move everything of ENTITY to INTO."""
    with _store(db, read_only=True) as store:
        a, b = _one_entity(store.con, entity), _one_entity(store.con, into)
    _record(db, "merge", entity_id=a, target_id=b, note=note)


@correct_app.command("split")
def correct_split(
    entity: str = typer.Argument(..., help="The entity with a wrong mention (name or id)."),
    article: str = typer.Argument(..., help="Article id."),
    start: int = typer.Argument(..., help="Mention start offset."),
    end: int = typer.Argument(..., help="Mention end offset."),
    name: str = typer.Argument(..., help="Canonical name of the actor the mention really names."),
    note: str = typer.Option(None, help="Why."),
    db: str = DB_OPTION,
) -> None:
    """One mention belongs to another actor: split it off as NAME."""
    with _store(db, read_only=True) as store:
        a = _one_entity(store.con, entity)
    _record(db, "split", entity_id=a, article_id=article, start=start, end=end, value=name, note=note)


@correct_app.command("link")
def correct_link(
    entity: str = typer.Argument(..., help="The entity (name or id)."),
    kb_id: str = typer.Argument(..., help="Knowledge-base id (see `depesche kb NAME`), or 'new' to unlink."),
    name: str = typer.Option(None, help="With 'new': the canonical name to keep."),
    note: str = typer.Option(None, help="Why."),
    db: str = DB_OPTION,
) -> None:
    """Fix the knowledge-base link of an entity."""
    with _store(db, read_only=True) as store:
        a = _one_entity(store.con, entity)
    _record(db, "link", entity_id=a, target_id=kb_id.removeprefix("kb:") if kb_id != "new" else "new",
            value=name, note=note)


@correct_app.command("speaker")
def correct_speaker(
    article: str = typer.Argument(..., help="Article id."),
    quote_start: int = typer.Argument(..., help="Start offset of the quotation."),
    entity: str = typer.Argument(..., help="Who said it (name or id)."),
    note: str = typer.Option(None, help="Why."),
    db: str = DB_OPTION,
) -> None:
    """Fix the speaker of a quotation."""
    with _store(db, read_only=True) as store:
        who = _one_entity(store.con, entity)
    _record(db, "speaker", article_id=article, start=quote_start, target_id=who, note=note)


@correct_app.command("list")
def correct_list(db: str = DB_OPTION) -> None:
    """List recorded corrections."""
    from .corrections import list_corrections

    with _store(db, read_only=True) as store:
        rows = list_corrections(store.con)
    table = Table("#", "kind", "entity", "target", "article", "span", "value", "note")
    for c in rows:
        span = "" if c.start is None else (str(c.start) if c.end is None else f"{c.start}-{c.end}")
        table.add_row(str(c.id), c.kind, c.entity_id or "", c.target_id or "", c.article_id or "", span,
                      c.value or "", c.note or "")
    console.print(table)


@app.command("kb")
def kb_lookup(
    name: str = typer.Argument(..., help="A name or alias as written, e.g. 'Bidens', 'Kreml', 'russischen'."),
    kb: list[Path] = typer.Option(None, "--kb", help="Extra knowledge-base file(s) (YAML/JSON/CSV); also $DEPESCHE_KB."),
) -> None:
    """Look a name up in the knowledge base (ids for `depesche correct link`)."""
    from .kb import load_kb, words_of

    base = load_kb([str(p) for p in kb or []])
    forms = base.lookup(words_of(name))
    if not forms:
        console.print(f"no knowledge-base entry for {name!r}")
        raise typer.Exit(1)
    for f in forms:
        e = base.get(f.entry)
        roles = "; ".join(f"{o} {s or ''}–{t or ''}" for o, s, t in e.roles[:6])
        console.print(f"{e.id}  {e.type}  {e.name}  country={e.country or '-'}  wikidata={e.wikidata or '-'}  "
                      f"form={f.kind}{' (genitive)' if f.genitive else ''}" + (f"  roles: {roles}" if roles else ""))


@eval_app.command("entities")
def eval_entities(
    gold: Path = typer.Option(REPO / "tests/fixtures/entities/linking_dev.json", help="Gold spans + names."),
    corpus: Path = typer.Option(Path("../shared/data/quotes/wikinews/dev"), help="Wikinews quotation folder."),
    errors: bool = typer.Option(False, "--errors", help="List the misses."),
    blank: bool = typer.Option(False, "--blank", help="Without the language core (no NER): tokens only."),
) -> None:
    """Accuracy of resolving gold speaker spans to canonical entities."""
    from .evaluate import evaluate_linking

    nlp = None
    if blank:
        import spacy

        nlp = spacy.blank("de")
        nlp.add_pipe("sentencizer")
    result = evaluate_linking(gold, corpus, nlp=nlp, verbose=errors)
    misses = result.pop("errors", [])
    table = Table("spans", "n", "accuracy")
    for k in ("all", "name", "description", "pronoun"):
        if k in result:
            table.add_row(k, str(result[k]["n"]), f"{result[k]['accuracy']:.3f}")
    console.print(table)
    for m in misses:
        console.print(f"  {m['doc']}:{m['start']}-{m['end']} [{m['category']}] gold={m['gold']!r} got={m['got']!r}")

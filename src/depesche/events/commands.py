"""CLI: ``depesche events`` (query and export) and ``depesche annotate events``."""
from __future__ import annotations

import json
import re
import sys
from datetime import date, datetime, timezone
from pathlib import Path
from typing import Optional

import typer

from ..cli import DB_OPTION, annotate_app, app

PLOVER_TYPES = ("AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST", "ACCUSE",
                "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT")
_DATE_IN_NAME = re.compile(r"\((\d{4}-\d{2}-\d{2})\)")

# One row per event, GDELT/POLECAT-like: who did what to whom, when, where, with the evidence.
EXPORT_SQL = """
SELECT e.id AS event_id, e.article_id, a.url, a.outlet, a.published, e.event_date, e.date_start, e.date_end,
       e.type AS event_type, e.mode, e.source_canonical AS source_actor, e.source_text, e.source_entity_id,
       e.target_canonical AS target_actor, e.target_text, e.target_entity_id, e.reciprocal,
       e.location_text, e.location_code, e.cue_text, e.asserted_by, e.quote_id, e.confidence,
       substr(a.body, e.sentence_start + 1, e.sentence_end - e.sentence_start) AS sentence,
       e.pipeline_version
FROM events e JOIN articles a ON a.id = e.article_id AND a.is_current
"""


# The same event reported by several articles is one fact.  The stories stage keys facts
# (``event_sightings``); events it has not seen yet (or a store without that table) are keyed
# the same way here: type, source, target (entity id, else canonical name, else the text)
# and the day.
_FALLBACK_FACT_KEY = ("concat_ws('|', r.event_type, "
                      "coalesce(r.source_entity_id, lower(r.source_actor), lower(r.source_text), ''), "
                      "coalesce(r.target_entity_id, lower(r.target_actor), lower(r.target_text), ''), "
                      "CAST(coalesce(r.event_date, r.date_start, CAST(r.published AS DATE)) AS VARCHAR))")


def unique_facts_sql(rows_sql: str, with_sightings: bool) -> str:
    """One row per event fact over the event rows of ``rows_sql``: the earliest report
    stands for the fact, with the number of sightings and of outlets."""
    key = f"coalesce(s.fact_id, {_FALLBACK_FACT_KEY})" if with_sightings else _FALLBACK_FACT_KEY
    join = "LEFT JOIN event_sightings s ON s.event_id = r.event_id" if with_sightings else ""
    return f"""
WITH r AS ({rows_sql}),
k AS (SELECT r.*, {key} AS fact_key FROM r {join}),
f AS (SELECT fact_key, count(*) AS n_sightings, count(DISTINCT outlet) AS n_outlets,
             arg_min(event_id, coalesce(published, TIMESTAMPTZ '1970-01-01')) AS first_event
      FROM k GROUP BY fact_key)
SELECT k.*, f.n_sightings, f.n_outlets FROM k JOIN f ON k.event_id = f.first_event
"""


def _has_sightings(con) -> bool:
    return bool(con.execute("SELECT count(*) FROM information_schema.tables WHERE table_name = 'event_sightings'")
                .fetchone()[0])


def _parse_date(value: str | None, name: str) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise typer.BadParameter(f"{value!r} is not a date (YYYY-MM-DD)", param_hint=name)


@app.command("events")
def events_cmd(
    actor: Optional[str] = typer.Option(None, "--actor", help="Source or target: canonical name, ISO-3 code or text."),
    type_: Optional[str] = typer.Option(None, "--type", help="PLOVER type, e.g. THREATEN."),
    since: Optional[str] = typer.Option(None, "--since", help="Events on or after this date (YYYY-MM-DD)."),
    limit: int = typer.Option(50, "--limit", min=1, max=100000),
    export: Optional[Path] = typer.Option(None, "--export", help="Write all matching events to FILE.parquet or FILE.csv."),
    rows: bool = typer.Option(False, "--rows", help="List every report of an event, not each event once."),
    db: str = DB_OPTION,
) -> None:
    """List coded events (who did what to whom, when and where), each event once with the
    number of reports (sightings) unless --rows; --export writes one row per report."""
    from rich.console import Console
    from rich.table import Table

    from ..store import Store

    if type_ and type_.upper() not in PLOVER_TYPES:
        raise typer.BadParameter(f"unknown type {type_!r}; one of {', '.join(PLOVER_TYPES)}", param_hint="--type")
    since_d = _parse_date(since, "--since")
    where, params = ["true"], []
    if actor:
        where.append("(lower(source_actor) = lower(?) OR lower(target_actor) = lower(?) "
                     "OR lower(source_text) LIKE lower(?) OR lower(target_text) LIKE lower(?))")
        params += [actor, actor, f"%{actor}%", f"%{actor}%"]
    if type_:
        where.append("event_type = ?")
        params.append(type_.upper())
    if since_d:
        where.append("coalesce(event_date, date_start, CAST(published AS DATE)) >= ?")
        params.append(since_d)
    if not Path(db).exists():
        typer.echo(f"no database at {db}", err=True)
        raise typer.Exit(2)
    with Store(db, read_only=True) as st:
        sql = f"SELECT * FROM ({EXPORT_SQL}) WHERE {' AND '.join(where)} ORDER BY coalesce(event_date, CAST(published AS DATE)) DESC NULLS LAST, event_id"
        if export is not None:
            fmt = export.suffix.lower().lstrip(".")
            if fmt not in ("parquet", "csv"):
                raise typer.BadParameter("export file must end in .parquet or .csv", param_hint="--export")
            rel = st.con.sql(sql, params=params)
            if fmt == "parquet":
                rel.write_parquet(str(export))
            else:
                rel.write_csv(str(export))
            n = st.con.execute(f"SELECT count(*) FROM ({sql})", params).fetchone()[0]
            typer.echo(f"{n} events written to {export}")
            return
        if not rows:
            order = "ORDER BY coalesce(event_date, CAST(published AS DATE)) DESC NULLS LAST, event_id"
            sql = f"SELECT * FROM ({unique_facts_sql(sql, _has_sightings(st.con))}) {order}"
        found = st.con.execute(sql + f" LIMIT {int(limit)}", params).fetchall()
        cols = [d[0] for d in st.con.description]
    table = Table(title=f"{len(found)} {'reports of events' if rows else 'events'}")
    for col in ("date", "type", "mode", "source", "target", "where", "outlet", "sentence"):
        table.add_column(col, overflow="fold")
    if not rows:
        table.add_column("reports", justify="right")
    for row in found:
        r = dict(zip(cols, row))
        when = r["event_date"] or (f"{r['date_start']}–{r['date_end']}" if r["date_start"] else "")
        cells = [str(when or ""), r["event_type"], r["mode"] or "", r["source_actor"] or "?",
                 r["target_actor"] or "", r["location_text"] or "", r["outlet"] or "", (r["sentence"] or "")[:160]]
        if not rows:
            cells.append(f"{r['n_sightings']} ({r['n_outlets']} outlets)")
        table.add_row(*cells)
    Console().print(table)


def _event_json(doc_name: str, ev, sentences: list[tuple[int, int]] | None) -> dict:
    anchor = ev.cue.start if ev.cue else ev.sentence.start
    sb, se = ev.sentence.start, ev.sentence.end
    if sentences:
        for b, e in sentences:
            if b <= anchor < e:
                sb, se = b, e
                break
    def actor(a):
        if a is None or a.span is None:
            return None
        return {"text": a.span.text, "charBegin": a.span.start, "charEnd": a.span.end, "canonical": a.canonical}
    loc = ev.location
    return {
        "doc": doc_name,
        "sentence": {"charBegin": sb, "charEnd": se},
        "type": ev.type,
        "mode": ev.mode,
        "source": actor(ev.source),
        "target": actor(ev.target),
        "date": ev.date.isoformat() if ev.date else None,
        "location": {"text": loc.text, "charBegin": loc.start, "charEnd": loc.end} if loc else None,
        "reciprocal": bool(ev.reciprocal),
    }


def annotate_file(path: Path, published: date | None = None) -> list[dict]:
    """Events of one input file (``.json`` in the quotation corpus' schema, or text) as
    interchange records with offsets into the text exactly as read."""
    from ..ingest.common import article_from_text
    from ..pipeline import analyze

    raw = path.read_bytes()
    sentences = None
    if path.suffix.lower() == ".json":
        data = json.loads(raw.decode("utf-8-sig"))
        text = data["originalText"]
        if data.get("sentences"):
            sentences = [(s["charBegin"], s["charEnd"]) for s in data["sentences"]]
    else:
        text = raw.decode("utf-8", errors="replace")
        if text.startswith("\ufeff"):
            # keep offsets into the decoded text as read: the BOM is a character there too
            pass
    m = _DATE_IN_NAME.search(path.name)
    pub = date.fromisoformat(m.group(1)) if m else published
    article = article_from_text(text, published=datetime(pub.year, pub.month, pub.day, 12, tzinfo=timezone.utc) if pub else None)
    analysis = analyze(article)
    return [_event_json(path.name, ev, sentences) for ev in analysis.events]


@annotate_app.command("events")
def annotate_events(
    in_dir: Path = typer.Argument(..., help="Folder of .txt files or .json files with originalText."),
    out: Path = typer.Argument(..., help="Output JSONL, one event per line."),
    published: Optional[str] = typer.Option(None, "--published", help="Publication date when the file name has none."),
) -> None:
    """Code events in every file of IN_DIR and write them as JSONL."""
    pub = _parse_date(published, "--published")
    if not in_dir.is_dir():
        raise typer.BadParameter(f"{in_dir} is not a folder", param_hint="IN_DIR")
    files = sorted(p for p in in_dir.iterdir() if p.is_file() and not p.name.startswith("."))
    n_events = errors = 0
    out.parent.mkdir(parents=True, exist_ok=True)
    with out.open("w", encoding="utf-8") as fh:
        for path in files:
            try:
                records = annotate_file(path, pub)
            except Exception as exc:  # one bad file must not stop the run
                errors += 1
                print(f"{path.name}: {type(exc).__name__}: {exc}", file=sys.stderr)
                continue
            for rec in records:
                fh.write(json.dumps(rec, ensure_ascii=False) + "\n")
            n_events += len(records)
    typer.echo(f"{n_events} events from {len(files) - errors} files written to {out}" + (f"; {errors} files failed" if errors else ""))


from ..cli import eval_app  # noqa: E402


@eval_app.command("events")
def eval_events(
    gold: Path = typer.Argument(..., exists=True, dir_okay=False, help="Gold events, JSONL."),
    pred: Path = typer.Argument(..., exists=True, dir_okay=False, help="Predicted events, JSONL (annotate events)."),
) -> None:
    """Event-type precision/recall/F1 and actor accuracy of PRED against GOLD."""
    from rich.console import Console
    from rich.table import Table

    from .evaluate import load_jsonl, score

    g = load_jsonl(gold)
    sc = score(g, load_jsonl(pred), docs={r["doc"] for r in g})
    table = Table(title="events")
    for col in ("type", "tp", "fp", "fn", "P", "R", "F1"):
        table.add_column(col)
    for t, (tp, fp, fn) in sorted(sc.per_type.items()):
        p = tp / (tp + fp) if tp + fp else 0.0
        r = tp / (tp + fn) if tp + fn else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        table.add_row(t, str(tp), str(fp), str(fn), f"{p:.3f}", f"{r:.3f}", f"{f:.3f}")
    table.add_row("ALL", str(sc.tp), str(sc.fp), str(sc.fn), f"{sc.precision:.3f}", f"{sc.recall:.3f}", f"{sc.f1:.3f}")
    Console().print(table)
    typer.echo(f"source right {sc.rate(sc.source_right):.3f}  target right {sc.rate(sc.target_right):.3f}  "
               f"date right {sc.rate(sc.date_right):.3f}  (of {sc.tp} matched events)")

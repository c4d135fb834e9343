"""CLI commands of the quotes stage (registered on depesche.cli's apps).

* ``depesche quotes --speaker NAME``: what a speaker said, from the database;
* ``depesche annotate quotes IN_DIR OUT_DIR``: corpus-schema JSON in, the same
  files with predicted ``annotations`` out (for independent scoring);
* ``depesche eval quotes GOLD_DIR PRED_DIR``: P/R/F1 per role and type;
* ``depesche train quotes``: reproduce the shipped Wikinews taggers.
"""
from __future__ import annotations

import json
from pathlib import Path

import typer

from ..cli import DB_OPTION, annotate_app, app, eval_app, train_app

MODEL_OPTION = typer.Option("wikinews-e5", "--model",
                            help="wikinews-e5 (CC BY-NC-SA weights, CRFs with e5 token vectors: the most "
                                 "accurate, ~0.8 CPU-s per article), wikinews (same licence, CRFs alone: ~18x "
                                 "faster, the analysis stage's default) or rules (no training data, project licence).")


@annotate_app.command("quotes")
def annotate_quotes(
    in_dir: Path = typer.Argument(..., help="Folder of corpus-schema JSON files."),
    out_dir: Path = typer.Argument(..., help="Where to write the annotated files."),
    model: str = MODEL_OPTION,
) -> None:
    """Predict quotations for every JSON file of IN_DIR into OUT_DIR (same names)."""
    from .api import extract_from_doc
    from .corpus import read_json, to_json

    out_dir.mkdir(parents=True, exist_ok=True)
    files = sorted(in_dir.glob("*.json"))
    errors = 0
    for path in files:
        try:
            doc = read_json(path)
            quotes = extract_from_doc(doc, model)
            (out_dir / path.name).write_text(json.dumps(to_json(doc, quotes), ensure_ascii=False, indent=1),
                                             encoding="utf-8")
        except (ValueError, KeyError, TypeError, OSError, json.JSONDecodeError) as exc:
            errors += 1
            typer.echo(f"{path}: skipped: {type(exc).__name__}: {exc}", err=True)
    typer.echo(f"annotated {len(files) - errors} of {len(files)} files into {out_dir} (model {model})")


@eval_app.command("quotes")
def eval_quotes(
    gold_dir: Path = typer.Argument(..., help="Gold corpus-schema JSON files."),
    pred_dir: Path = typer.Argument(..., help="Predicted files of the same names."),
) -> None:
    """Print P/R/F1 per role (token overlap and exact span) and per quotation type."""
    from .evaluate import evaluate_dirs

    typer.echo(evaluate_dirs(gold_dir, pred_dir).table())


@train_app.command("quotes")
def train_quotes(
    data: Path = typer.Option(Path("../shared/data/quotes/wikinews/train"), help="Training folder."),
    out: Path = typer.Option(None, help="Model folder (default: the shipped wikinews model)."),
    iterations: int = typer.Option(350, help="L-BFGS iterations per tagger."),
    verifier_folds: int = typer.Option(10, help="Folds of out-of-fold predictions for the speaker verifier "
                                               "(trains the taggers that many more times; 0: no verifier)."),
    e5_layer: int = typer.Option(0, help="Also give the taggers this e5 encoder layer's token vectors "
                                         "(8 for the shipped wikinews-e5 model; 0: none)."),
    workers: int = typer.Option(1, help="Processes training the taggers and verifier folds side by side."),
) -> None:
    """Train the Wikinews CRF taggers, speaker selector and verifier (never on dev: it is kept for measurement)."""
    from .api import MODEL_ROOT
    from .corpus import read_json
    from .tagger import train

    docs = [read_json(p) for p in sorted(data.glob("*.json"))]
    default = MODEL_ROOT / ("wikinews-e5" if e5_layer else "wikinews")
    train(docs, out or default, max_iterations=iterations, verifier=verifier_folds, dense_layer=e5_layer,
          workers=workers, log=typer.echo)


@app.command("quotes")
def quotes_cmd(
    speaker: str = typer.Option(..., "--speaker", help="Name or alias of the speaker (case-insensitive)."),
    db: Path = DB_OPTION,
    type_: str = typer.Option(None, "--type", help="Only this quotation type (Direct, Indirect, …)."),
    limit: int = typer.Option(50, "--limit", help="At most this many quotations per speaker."),
    as_json: bool = typer.Option(False, "--json", help="JSON lines instead of text."),
) -> None:
    """List what a speaker said, with article, date and outlet."""
    from ..store.db import Store
    from .query import local_date, quotes_by_speaker

    if not db.exists():
        typer.echo(f"no database at {db}", err=True)
        raise typer.Exit(1)
    with Store(db, read_only=True) as store:
        groups = quotes_by_speaker(store, speaker, type_=type_, limit=limit)
    if not groups:
        typer.echo(f"no quotations found for {speaker!r}")
        return
    for g in groups:
        if as_json:
            typer.echo(json.dumps(g, ensure_ascii=False, default=str))
            continue
        typer.echo(f"== {g['speaker_name']} ({g['speaker_entity_id'] or 'unresolved'}): {len(g['quotes'])} quotation(s)")
        for q in g["quotes"]:
            date = local_date(q["published"])
            typer.echo(f"- [{q['type']}] {q['quote_text']}")
            typer.echo(f"    {date} · {q['outlet'] or '-'} · {q['headline'] or q['article_id']}"
                       + (f" · cue: {q['cue_text']}" if q["cue_text"] else ""))

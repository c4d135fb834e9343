"""CLI commands of the HTML reader: ``depesche extract`` and ``depesche eval extraction``."""
from __future__ import annotations

from pathlib import Path

import typer

from ..cli import annotate_app, app, eval_app, train_app  # noqa: F401


def output_name(page: Path) -> str:
    """``page.html`` → ``page.html.txt``: the input file name plus ``.txt``."""
    return f"{page.name}.txt"


@app.command("extract")
def extract(
    pages: list[Path] = typer.Argument(..., help="HTML files to read.", exists=False),
    out: Path = typer.Option(..., "--out", help="Folder for the text files (created if missing)."),
) -> None:
    """Write the main text (teaser and body, without headline) of each page to OUT/<file name>.txt.

    A page whose text cannot be extracted gets an empty file and a message on stderr.
    """
    from .common import ItemError
    from .html import main_text_of, read_html

    out.mkdir(parents=True, exist_ok=True)
    failed = 0
    for page in pages:
        text = ""
        try:
            text = main_text_of(read_html(page.read_bytes(), url=None))
        except ItemError as exc:
            failed += 1
            typer.echo(f"{page}: {exc.reason}", err=True)
        except OSError as exc:
            failed += 1
            typer.echo(f"{page}: cannot read file: {exc.strerror or exc}", err=True)
        (out / output_name(page)).write_text(text + ("\n" if text else ""), encoding="utf-8")
    typer.echo(f"{len(pages) - failed} of {len(pages)} pages extracted to {out}", err=True)


@eval_app.command("extraction")
def eval_extraction(
    cases_file: Path = typer.Argument(..., help="cases.json (trafilatura evaluation format), pages/ beside it."),
    misses: bool = typer.Option(False, "--misses", help="List every missed/unwanted snippet of depesche."),
    metadata: bool = typer.Option(False, "--metadata", help="Also score headline and publication day against the cases' title/date."),
) -> None:
    """Precision, recall and F1 of depesche and of plain trafilatura.extract on the same pages."""
    from .html_eval import evaluate, evaluate_metadata, load_cases

    if not cases_file.is_file():
        typer.echo(f"{cases_file}: no such file", err=True)
        raise typer.Exit(2)
    cases = load_cases(cases_file)
    scores = evaluate(cases)
    typer.echo(f"{len(cases)} pages; halves A/B split by file name hash")
    typer.echo(f"{'extractor':<12} {'part':<4} {'precision':>9} {'recall':>7} {'F1':>7} {'TP':>5} {'FN':>4} {'FP':>4} {'TN':>5}")
    for name, parts in scores.items():
        for part, s in parts.items():
            typer.echo(
                f"{name:<12} {part:<4} {s.precision:>9.4f} {s.recall:>7.4f} {s.f1:>7.4f} {s.tp:>5} {s.fn:>4} {s.fp:>4} {s.tn:>5}"
            )
    if metadata:
        for name, m in evaluate_metadata(cases).items():
            typer.echo(
                f"{name:<12} headline = title {m.title_accuracy:.3f} ({m.titles_right}/{m.titles}); "
                f"publication day = date {m.date_accuracy:.3f} ({m.dates_right}/{m.dates})"
            )
    if misses:
        for file, kind, snippet in scores["depesche"]["all"].misses:
            typer.echo(f"{kind}\t{file}\t{snippet}")

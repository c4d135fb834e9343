"""The ``depesche`` command line (typer).

The main app and its command groups live here; each stage adds its commands
in its own ``commands`` module, imported at the bottom, so the CLI stays a
thin layer over the Python API.
"""
from __future__ import annotations

from .engines.work import one_blas_thread

one_blas_thread()  # before anything imports numpy: processes, not BLAS threads, share the cores

import typer  # noqa: E402

app = typer.Typer(
    name="depesche",
    help="German news into a structured, searchable record: articles, entities, quotes, events, stories.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
eval_app = typer.Typer(help="Score depesche against gold data.", no_args_is_help=True)
annotate_app = typer.Typer(help="Interchange formats for independent scoring.", no_args_is_help=True)
train_app = typer.Typer(help="Reproduce the shipped models from ../shared data.", no_args_is_help=True)
app.add_typer(eval_app, name="eval")
app.add_typer(annotate_app, name="annotate")
app.add_typer(train_app, name="train")

DB_OPTION = typer.Option("depesche.duckdb", "--db", help="DuckDB file.")


@app.command()
def version() -> None:
    """Print the depesche version and the pipeline version."""
    from . import __version__
    from .pipeline import pipeline_version

    typer.echo(f"depesche {__version__} ({pipeline_version()})")


# Each stage registers its commands on the apps above.
from .ingest import commands as _ingest_cmds  # noqa: E402,F401
from .ingest import html_commands as _html_cmds  # noqa: E402,F401
from .store import commands as _store_cmds  # noqa: E402,F401
from .nlp import commands as _nlp_cmds  # noqa: E402,F401
from .nlp import ner_commands as _ner_cmds  # noqa: E402,F401
from .entities import commands as _entities_cmds  # noqa: E402,F401
from .quotes import commands as _quotes_cmds  # noqa: E402,F401
from .events import commands as _events_cmds  # noqa: E402,F401
from .stories import commands as _stories_cmds  # noqa: E402,F401
from .web import commands as _web_cmds  # noqa: E402,F401
from .engines import commands as _engines_cmds  # noqa: E402,F401


def main() -> None:
    app()


if __name__ == "__main__":
    main()

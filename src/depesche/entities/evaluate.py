"""Scoring speaker-span linking against the hand-labelled dev set.

The gold file (``tests/fixtures/entities/linking_dev.json``) holds only
offsets and canonical names; the texts are read from the Wikinews quotation
corpus in ``../shared``.  For each gold span we run the entities stage over
the article (published date from the file name) and ask
:func:`depesche.entities.resolve` for the entity; a hit is an entity whose
canonical name equals the gold name (case- and accent-insensitive) or has it
among its aliases.
"""
from __future__ import annotations

import json
import re
from collections import Counter, defaultdict
from datetime import datetime
from pathlib import Path

from ..model import Article
from . import resolve
from .kb import normalize

PRONOUNS = {"er", "sie", "der", "die", "diese", "dieser"}


def _nlp():
    try:
        from ..nlp import load

        return load()
    except Exception as exc:  # the language core is optional for this stage, but say so
        import warnings

        import spacy

        warnings.warn(f"language core not loaded ({exc}): scoring with a blank tokenizer")

        nlp = spacy.blank("de")
        nlp.add_pipe("sentencizer")
        return nlp


def _category(text: str) -> str:
    t = text.strip()
    if t.lower() in PRONOUNS:
        return "pronoun"
    if re.search(r"\b[A-ZÄÖÜ][\w'-]+ [A-ZÄÖÜŞ][\w'-]+", t) or len(t.split()) == 1:
        return "name"
    return "description"


def evaluate_linking(gold_path: Path, corpus_dir: Path, nlp=None, verbose: bool = False) -> dict:
    """Accuracy of resolving gold speaker spans to canonical entities."""
    from ..pipeline import analyze

    gold = json.loads(Path(gold_path).read_text(encoding="utf-8"))["items"]
    files = {p.name.split(" - ")[0]: p for p in Path(corpus_dir).glob("*.json")}
    nlp = nlp or _nlp()
    by_doc = defaultdict(list)
    for g in gold:
        by_doc[g["doc"]].append(g)
    hits, total = Counter(), Counter()
    errors = []
    for doc, items in by_doc.items():
        path = files.get(doc)
        if path is None:
            raise FileNotFoundError(f"dev article {doc} not found in {corpus_dir}")
        data = json.loads(path.read_text(encoding="utf-8"))
        m = re.search(r"\((\d{4}-\d{2}-\d{2})\)", path.name)
        published = datetime.fromisoformat(m.group(1)) if m else None
        analysis = analyze(Article(id=doc, body=data["originalText"], published=published),
                           nlp=nlp, stages=["entities"])
        for g in items:
            text = analysis.article.body[g["start"]:g["end"]]
            cat = _category(text)
            entity = resolve(analysis, g["start"], g["end"])
            names = {normalize(entity.name), *(normalize(a) for a in entity.aliases)} if entity else set()
            ok = entity is not None and (normalize(entity.name) == normalize(g["name"])
                                         or normalize(g["name"]) in names)
            total[cat] += 1
            total["all"] += 1
            if ok:
                hits[cat] += 1
                hits["all"] += 1
            else:
                errors.append({"doc": doc, "start": g["start"], "end": g["end"], "gold": g["name"],
                               "got": entity.name if entity else None, "category": cat})
    result = {k: {"n": total[k], "accuracy": round(hits[k] / total[k], 3)} for k in total}
    if verbose:
        result["errors"] = errors
    return result

"""Scoring of event interchange files (JSONL, one event per line).

A predicted event matches a gold event of the same document and type whose
sentence overlaps it; matching is one to one, greedy in file order, preferring
among such gold events a required one, and among those one whose source agrees.  Gold
events flagged ``"optional": true`` (borderline cases of the coding guide,
section 6) count neither way: a prediction that matches one is ignored, and
one left unmatched is no miss.  Among matched required events, an actor is
right when the canonical names agree (case-insensitively) or the spans
overlap; both null is right too.
"""
from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path


def load_jsonl(path: Path) -> list[dict]:
    rows = []
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        if line.strip():
            rows.append(json.loads(line))
    return rows


def _overlap(a: dict | None, b: dict | None) -> bool:
    return bool(a and b and a["charBegin"] < b["charEnd"] and b["charBegin"] < a["charEnd"])


def actor_right(gold: dict | None, pred: dict | None) -> bool:
    if gold is None or pred is None:
        return gold is None and pred is None
    gc, pc = (gold.get("canonical") or "").lower(), (pred.get("canonical") or "").lower()
    return (gc and gc == pc) or _overlap(gold, pred)


@dataclass
class EventScores:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    source_right: int = 0
    target_right: int = 0
    date_right: int = 0
    per_type: dict = field(default_factory=lambda: defaultdict(lambda: [0, 0, 0]))

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def rate(self, n: int) -> float:
        return n / self.tp if self.tp else 0.0


def score(gold: list[dict], pred: list[dict], docs: set[str] | None = None) -> EventScores:
    """Score ``pred`` against ``gold``; ``docs`` limits both to these documents."""
    if docs is not None:
        gold = [g for g in gold if g["doc"] in docs]
        pred = [p for p in pred if p["doc"] in docs]
    sc = EventScores()
    used: set[int] = set()
    for p in pred:
        # among the gold events of this type in an overlapping sentence, prefer required ones,
        # and among those one whose source agrees ("Die EU und die USA kritisierten …" are
        # two records)
        options = [i for i, g in enumerate(gold) if i not in used and g["doc"] == p["doc"]
                   and g["type"] == p["type"] and _overlap(g["sentence"], p["sentence"])]
        options.sort(key=lambda i: (bool(gold[i].get("optional")),
                                    not actor_right(gold[i].get("source"), p.get("source")), i))
        match = options[0] if options else None
        if match is None:
            sc.fp += 1
            sc.per_type[p["type"]][1] += 1
            continue
        used.add(match)
        g = gold[match]
        if g.get("optional"):
            continue
        sc.tp += 1
        sc.per_type[g["type"]][0] += 1
        sc.source_right += actor_right(g.get("source"), p.get("source"))
        sc.target_right += actor_right(g.get("target"), p.get("target"))
        sc.date_right += (g.get("date") == p.get("date"))
    for i, g in enumerate(gold):
        if i not in used and not g.get("optional"):
            sc.fn += 1
            sc.per_type[g["type"]][2] += 1
    return sc

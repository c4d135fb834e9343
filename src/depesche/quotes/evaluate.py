"""Scoring predicted quotations against gold files of the corpus schema.

Two views, both per role (quote, speaker, cue, frame, addressee):

* **token overlap**, as the corpus authors define it: gold and predicted
  quotations of a document are aligned one to one by the number of tokens
  their quote spans share (greedy, largest overlap first); then for every
  role, token precision is averaged over the predicted quotations that fill
  the role and token recall over the gold quotations that fill it (an
  unaligned quotation scores 0);
* **exact span**: a predicted span counts when a gold span of the same role
  has the same character offsets (whitespace-trimmed), micro-averaged.

Tokens are the gold file's tokens; predicted spans are mapped onto them by
token middles, so any tokenisation of the prediction scores the same.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from ..model import Quote
from .corpus import ROLES, TextDoc, gold_quotes, read_json

TYPES = ("Direct", "Indirect", "FreeIndirect", "IndirectFreeIndirect", "Reported")


@dataclass
class PR:
    p_sum: float = 0.0
    p_n: int = 0
    r_sum: float = 0.0
    r_n: int = 0

    @property
    def precision(self) -> float:
        return self.p_sum / self.p_n if self.p_n else 0.0

    @property
    def recall(self) -> float:
        return self.r_sum / self.r_n if self.r_n else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class Scores:
    overlap: dict[str, PR] = field(default_factory=lambda: defaultdict(PR))
    exact: dict[str, PR] = field(default_factory=lambda: defaultdict(PR))
    by_type: dict[str, PR] = field(default_factory=lambda: defaultdict(PR))
    documents: int = 0
    skipped: list[str] = field(default_factory=list)

    def table(self) -> str:
        lines = [f"{self.documents} documents",
                 f"{'role':<22}{'tok-P':>7}{'tok-R':>7}{'tok-F1':>8}{'ex-P':>8}{'ex-R':>7}{'ex-F1':>8}"]
        for r in ROLES:
            o, e = self.overlap[r], self.exact[r]
            lines.append(f"{r:<22}{o.precision:7.3f}{o.recall:7.3f}{o.f1:8.3f}{e.precision:8.3f}{e.recall:7.3f}{e.f1:8.3f}")
        lines.append("quote span by type (token overlap, aligned within the type)")
        for t in TYPES:
            o = self.by_type[t]
            lines.append(f"  {t:<20}{o.precision:7.3f}{o.recall:7.3f}{o.f1:8.3f}   (gold {o.r_n}, pred {o.p_n})")
        lines.extend(f"skipped {s}" for s in self.skipped)
        return "\n".join(lines)


def _tokset(doc: TextDoc, spans) -> set[int]:
    out: set[int] = set()
    for s in spans:
        out.update(doc.tokens_in(s.start, s.end))
    return out


def align(gold: list[set[int]], pred: list[set[int]]) -> dict[int, int]:
    """One-to-one alignment pred index → gold index by shared quote tokens."""
    pairs = sorted(((len(g & p), gi, pi) for gi, g in enumerate(gold) for pi, p in enumerate(pred) if g & p),
                   reverse=True)
    used_g, used_p, out = set(), set(), {}
    for _, gi, pi in pairs:
        if gi in used_g or pi in used_p:
            continue
        used_g.add(gi)
        used_p.add(pi)
        out[pi] = gi
    return out


def _score_overlap(doc: TextDoc, gold: list[Quote], pred: list[Quote], roles, acc: dict[str, PR]) -> None:
    gsets = [{r: _tokset(doc, getattr(q, r)) for r in roles} for q in gold]
    psets = [{r: _tokset(doc, getattr(q, r)) for r in roles} for q in pred]
    mapping = align([g["quote"] for g in gsets], [p["quote"] for p in psets])
    back = {gi: pi for pi, gi in mapping.items()}
    for r in roles:
        for pi, pq in enumerate(psets):
            if pq[r]:
                g = gsets[mapping[pi]][r] if pi in mapping else set()
                acc[r].p_sum += len(pq[r] & g) / len(pq[r])
                acc[r].p_n += 1
        for gi, gq in enumerate(gsets):
            if gq[r]:
                p = psets[back[gi]][r] if gi in back else set()
                acc[r].r_sum += len(p & gq[r]) / len(gq[r])
                acc[r].r_n += 1


def _trim(doc: TextDoc, s) -> tuple[int, int]:
    t = doc.text[s.start:s.end]
    return s.start + (len(t) - len(t.lstrip())), s.end - (len(t) - len(t.rstrip()))


def score_document(doc: TextDoc, gold: list[Quote], pred: list[Quote], scores: Scores) -> None:
    scores.documents += 1
    _score_overlap(doc, gold, pred, ROLES, scores.overlap)
    for t in TYPES:
        tmp: dict[str, PR] = defaultdict(PR)
        _score_overlap(doc, [q for q in gold if q.type == t], [q for q in pred if q.type == t], ("quote",), tmp)
        acc = scores.by_type[t]
        acc.p_sum += tmp["quote"].p_sum
        acc.p_n += tmp["quote"].p_n
        acc.r_sum += tmp["quote"].r_sum
        acc.r_n += tmp["quote"].r_n
    for r in ROLES:
        g = {_trim(doc, s) for q in gold for s in getattr(q, r)}
        p = {_trim(doc, s) for q in pred for s in getattr(q, r)}
        e = scores.exact[r]
        e.p_sum += len(g & p)
        e.p_n += len(p)
        e.r_sum += len(g & p)
        e.r_n += len(g)


def evaluate_dirs(gold_dir: Path, pred_dir: Path) -> Scores:
    """Score every gold file against the predicted file of the same name (missing = no quotes)."""
    scores = Scores()
    for gpath in sorted(Path(gold_dir).glob("*.json")):
        try:
            doc = read_json(gpath)
        except (ValueError, KeyError, TypeError, OSError) as exc:
            scores.skipped.append(f"{gpath}: {type(exc).__name__}: {exc}")
            continue
        ppath = Path(pred_dir) / gpath.name
        try:
            pred = gold_quotes(read_json(ppath)) if ppath.exists() else []
        except (ValueError, KeyError, TypeError, OSError) as exc:
            scores.skipped.append(f"{ppath}: {type(exc).__name__}: {exc} (scored as no quotations)")
            pred = []
        score_document(doc, gold_quotes(doc), pred, scores)
    return scores

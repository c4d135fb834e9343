"""GermEval 2014 token files: reading, writing, tag folding, the fixed split, scoring.

A GermEval file has one token per line: ``index <TAB> token <TAB> outer <TAB>
inner``; ``#`` lines carry the source URL and date; a blank line ends a
sentence.  depesche predicts the *outer* level only, with the ``deriv`` and
``part`` variants folded into their type (``B-LOCderiv`` -> ``B-LOC``), and is
scored with strict span matching (type and both boundaries must agree).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Iterator

LABELS = ("PER", "ORG", "LOC", "OTH")

GERMEVAL_DIR = "data/ner/germeval2014"
GERMEVAL_FILES = ("NER-de-dev.tsv", "NER-de-test-part1.tsv")


class FormatError(ValueError):
    """A line of a token file that is not in GermEval format (names file and line)."""


@dataclass
class Sentence:
    """One sentence of a GermEval file, kept verbatim enough to write it back."""

    comments: list[str] = field(default_factory=list)
    rows: list[list[str]] = field(default_factory=list)  # index, token, outer, inner
    source: str = ""  # "file:line" of the first token, for error messages

    @property
    def words(self) -> list[str]:
        return [r[1] for r in self.rows]

    @property
    def tags(self) -> list[str]:
        """Outer tags, folded to PER/ORG/LOC/OTH."""
        return [fold_tag(r[2]) for r in self.rows]


def fold_tag(tag: str) -> str:
    """``B-LOCderiv`` -> ``B-LOC``, ``I-ORGpart`` -> ``I-ORG``; ``O`` stays."""
    tag = tag.strip()
    if tag in ("", "O", "_"):
        return "O"
    prefix, _, label = tag.partition("-")
    if prefix not in ("B", "I") or not label:
        raise ValueError(f"not a BIO tag: {tag!r}")
    for suffix in ("deriv", "part"):
        if label.endswith(suffix):
            label = label[: -len(suffix)]
    return f"{prefix}-{label}"


def read_germeval(path: Path | str) -> list[Sentence]:
    """Read a GermEval-format file; raise :class:`FormatError` on a bad line."""
    path = Path(path)
    sentences: list[Sentence] = []
    cur = Sentence()
    with open(path, encoding="utf8") as f:
        for lineno, raw in enumerate(f, 1):
            line = raw.rstrip("\n").rstrip("\r")
            if not line.strip():
                if cur.rows or cur.comments:
                    sentences.append(cur)
                cur = Sentence()
                continue
            if line.startswith("#"):
                if cur.rows:  # a comment inside a sentence starts a new one
                    sentences.append(cur)
                    cur = Sentence()
                cur.comments.append(line)
                continue
            cols = line.split("\t")
            if len(cols) < 2 or not cols[1]:
                raise FormatError(f"{path}:{lineno}: expected 'index<TAB>token[<TAB>outer<TAB>inner]', got {line!r}")
            while len(cols) < 4:
                cols.append("O")
            try:
                fold_tag(cols[2])
            except ValueError as e:
                raise FormatError(f"{path}:{lineno}: {e}") from None
            if not cur.rows:
                cur.source = f"{path}:{lineno}"
            cur.rows.append(cols)
    if cur.rows or cur.comments:
        sentences.append(cur)
    return sentences


def write_germeval(sentences: Iterable[Sentence], path: Path | str) -> None:
    """Write sentences back in GermEval format (comments, rows, blank line after each)."""
    with open(path, "w", encoding="utf8") as f:
        for s in sentences:
            for c in s.comments:
                f.write(c + "\n")
            for r in s.rows:
                f.write("\t".join(r) + "\n")
            f.write("\n")


def bio_spans(tags: list[str]) -> list[tuple[int, int, str]]:
    """Spans ``(start, end, label)`` (end exclusive) from folded BIO tags.

    Like conlleval, an ``I-X`` that does not continue an ``X`` span opens a new
    one, so gold and predictions are decoded the same way.
    """
    spans = []
    start, label = None, None
    for i, tag in enumerate(list(tags) + ["O"]):
        prefix, _, lab = tag.partition("-")
        if start is not None and (prefix != "I" or lab != label):
            spans.append((start, i, label))
            start, label = None, None
        if prefix == "B" or (prefix == "I" and start is None):
            start, label = i, lab
    return spans


def spans_to_bio(spans: Iterable[tuple[int, int, str]], n: int) -> list[str]:
    tags = ["O"] * n
    for start, end, label in spans:
        tags[start] = f"B-{label}"
        for i in range(start + 1, end):
            tags[i] = f"I-{label}"
    return tags


# ---------------------------------------------------------------------------
# the fixed split


def split_of(position: int) -> str:
    """Split of the sentence at ``position`` (0-based, counted per file).

    Every 10th sentence (positions 9, 19, ...) is the CI ``holdout`` and is
    never trained on; positions 4, 14, ... are ``dev`` (model selection); the
    rest is ``train``.  Counting per file stratifies by file.
    """
    if position % 10 == 9:
        return "holdout"
    if position % 10 == 4:
        return "dev"
    return "train"


def germeval_splits(shared: Path | str) -> dict[str, list[Sentence]]:
    """The GermEval sentences of ``shared`` cut into train / dev / holdout."""
    out: dict[str, list[Sentence]] = {"train": [], "dev": [], "holdout": []}
    for name in GERMEVAL_FILES:
        sents = read_germeval(Path(shared) / GERMEVAL_DIR / name)
        for i, s in enumerate(sents):
            out[split_of(i)].append(s)
    return out


# ---------------------------------------------------------------------------
# scoring


@dataclass
class Score:
    tp: int = 0
    fp: int = 0
    fn: int = 0

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


def score_spans(gold: Iterable[list[str]], pred: Iterable[list[str]]) -> dict[str, Score]:
    """Strict span P/R/F per label and ``"ALL"`` from paired folded tag sequences."""
    scores = {lab: Score() for lab in LABELS}
    scores["ALL"] = Score()
    for g_tags, p_tags in zip(gold, pred, strict=True):
        if len(g_tags) != len(p_tags):
            raise ValueError(f"token counts differ: gold {len(g_tags)}, predicted {len(p_tags)}")
        g, p = set(bio_spans(g_tags)), set(bio_spans(p_tags))
        for span in g | p:
            lab = span[2]
            s = scores.setdefault(lab, Score())
            if span in g and span in p:
                s.tp += 1
                scores["ALL"].tp += 1
            elif span in p:
                s.fp += 1
                scores["ALL"].fp += 1
            else:
                s.fn += 1
                scores["ALL"].fn += 1
    return scores


def format_scores(scores: dict[str, Score]) -> str:
    lines = [f"{'type':<6} {'prec':>6} {'rec':>6} {'f1':>6} {'gold':>6} {'pred':>6}"]
    for lab, s in scores.items():
        lines.append(
            f"{lab:<6} {s.precision:6.4f} {s.recall:6.4f} {s.f1:6.4f} {s.tp + s.fn:6d} {s.tp + s.fp:6d}"
        )
    return "\n".join(lines)


def iter_tokens(sentences: Iterable[Sentence]) -> Iterator[str]:
    for s in sentences:
        yield from s.words

"""GermEval reading, tag folding, span decoding and scoring (no model needed)."""
from __future__ import annotations

from pathlib import Path

import pytest

from depesche.nlp.ner_data import (FormatError, bio_spans, fold_tag, read_germeval, score_spans,
                                   split_of, write_germeval)

FIXTURE = Path(__file__).parent / "fixtures" / "ner" / "handwritten.tsv"


def test_fold_tag():
    assert fold_tag("B-LOCderiv") == "B-LOC"
    assert fold_tag("I-ORGpart") == "I-ORG"
    assert fold_tag("B-PER") == "B-PER"
    assert fold_tag("O") == "O"
    with pytest.raises(ValueError):
        fold_tag("X-PER")


def test_bio_spans_strict_decoding():
    assert bio_spans(["B-PER", "I-PER", "O", "B-LOC"]) == [(0, 2, "PER"), (3, 4, "LOC")]
    # an I- that does not continue a span of its type opens a new one (conlleval)
    assert bio_spans(["O", "I-ORG", "I-PER"]) == [(1, 2, "ORG"), (2, 3, "PER")]
    assert bio_spans(["B-LOC", "B-LOC"]) == [(0, 1, "LOC"), (1, 2, "LOC")]


def test_score_is_strict_on_boundaries_and_type():
    gold = [["B-PER", "I-PER", "O", "B-LOC"]]
    pred = [["B-PER", "O", "O", "B-ORG"]]  # PER cut short, LOC mistyped
    s = score_spans(gold, pred)
    assert s["ALL"].tp == 0 and s["ALL"].fp == 2 and s["ALL"].fn == 2
    s = score_spans(gold, gold)
    assert s["ALL"].f1 == 1.0 and s["PER"].tp == 1 and s["LOC"].tp == 1


def test_read_write_round_trip(tmp_path):
    sents = read_germeval(FIXTURE)
    assert len(sents) == 3
    assert sents[0].comments == ["# handgeschrieben 1"]
    assert sents[0].tags[7] == "B-LOC"  # französischen: B-LOCderiv folded
    out = tmp_path / "copy.tsv"
    write_germeval(sents, out)
    assert out.read_text(encoding="utf8") == FIXTURE.read_text(encoding="utf8")


def test_bad_line_names_file_and_line(tmp_path):
    bad = tmp_path / "bad.tsv"
    bad.write_text("1\tHallo\tO\tO\n2\tWelt\tQ-PER\tO\n", encoding="utf8")
    with pytest.raises(FormatError, match=r"bad.tsv:2"):
        read_germeval(bad)


def test_split_is_fixed_and_holds_out_every_tenth():
    splits = [split_of(i) for i in range(100)]
    assert splits.count("holdout") == 10 and splits.count("dev") == 10
    assert all(splits[i] == "holdout" for i in range(9, 100, 10))

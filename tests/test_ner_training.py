"""Smoke test of ``depesche train ner``: the whole path (vector corpus, floret,
spaCy vectors, DocBins, spacy train, copy, holdout scoring) on a tiny budget."""
from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from depesche.cli import app


@pytest.mark.slow
def test_train_ner_smoke(shared, tmp_path):
    res = CliRunner().invoke(app, [
        "train", "ner", "--shared", str(shared), "--out", str(tmp_path / "models"),
        "--workdir", str(tmp_path / "work"), "--max-steps", "6", "--corpus-tokens", "20000",
    ])
    assert res.exit_code == 0, res.output
    model = tmp_path / "models" / "default"
    assert (model / "config.cfg").is_file() and (model / "gazetteer" / "entries.json").is_file()
    info = json.loads((model / "depesche-ner.json").read_text(encoding="utf8"))
    assert info["train_sentences"] == 3800
    assert set(info["holdout"]) >= {"PER", "ORG", "LOC", "OTH", "ALL"}


def test_train_ner_rejects_wrong_shared(tmp_path):
    res = CliRunner().invoke(app, ["train", "ner", "--shared", str(tmp_path)])
    assert res.exit_code == 1 and "shared data folder" in res.output

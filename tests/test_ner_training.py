"""Smoke test of ``depesche train ner``: the whole path (vector corpus, floret,
spaCy vectors, DocBins, spacy train, copy, holdout scoring) on a tiny budget."""
from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from depesche.cli import app


# two silver sentences in GermEval format (written for this test), so the
# smoke run of the default setting skips tagging ~200k tokens with the
# accurate NER (~10 CPU-minutes) and still goes through the silver path
SILVER = (
    "1\tAnna\tB-PER\tO\n2\tKeller\tI-PER\tO\n3\twohnt\tO\tO\n4\tin\tO\tO\n"
    "5\tKassel\tB-LOC\tO\n6\t.\tO\tO\n\n"
    "1\tDer\tO\tO\n2\tVerein\tO\tO\n3\tTSV\tB-ORG\tO\n4\tLinden\tI-ORG\tO\n"
    "5\tgewann\tO\tO\n6\t.\tO\tO\n\n"
)


@pytest.mark.slow
def test_train_ner_smoke(shared, tmp_path):
    silver = tmp_path / "silver.tsv"
    silver.write_text(SILVER, encoding="utf8")
    res = CliRunner().invoke(app, [
        "train", "ner", "--shared", str(shared), "--out", str(tmp_path / "models"),
        "--workdir", str(tmp_path / "work"), "--max-steps", "6", "--corpus-tokens", "20000",
        "--silver", str(silver),
    ])
    assert res.exit_code == 0, res.output
    model = tmp_path / "models" / "default"
    assert (model / "config.cfg").is_file() and (model / "gazetteer" / "entries.json").is_file()
    info = json.loads((model / "depesche-ner.json").read_text(encoding="utf8"))
    # GermEval train plus the two silver sentences (the default is distilled)
    assert info["train_sentences"] == 3800 + 2
    assert info["settings"]["width"] == 64 and info["settings"]["use_upper"] == "false"
    assert set(info["holdout"]) >= {"PER", "ORG", "LOC", "OTH", "ALL"}


def test_train_ner_rejects_wrong_shared(tmp_path):
    res = CliRunner().invoke(app, ["train", "ner", "--shared", str(tmp_path)])
    assert res.exit_code == 1 and "shared data folder" in res.output

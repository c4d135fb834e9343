"""Events end to end through the interchange command: the sample page's expected
events, and a quality floor on the hand-coded German dev set (../shared articles,
gold in tests/fixtures/events as offsets and canonical names)."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from depesche.cli import app
from depesche.events.evaluate import load_jsonl, score

FIXTURES = Path(__file__).parent / "fixtures" / "events"


def _annotate(in_dir: Path, out: Path, *extra: str) -> list[dict]:
    result = CliRunner().invoke(app, ["annotate", "events", str(in_dir), str(out), *extra])
    assert result.exit_code == 0, result.output
    return load_jsonl(out)


@pytest.fixture(scope="module")
def sample_events(shared, tmp_path_factory) -> tuple[str, list[dict]]:
    d = tmp_path_factory.mktemp("ev-sample")
    shutil.copy(shared / "samples" / "ntv-biden-putin-videogipfel.txt", d / "ntv.txt")
    text = (d / "ntv.txt").read_text(encoding="utf-8")
    return text, _annotate(d, d / "out.jsonl", "--published", "2021-12-08")


def _has(events, type_, source, target, **kw):
    for e in events:
        if e["type"] != type_ or (e["source"] or {}).get("canonical") != source:
            continue
        if (e["target"] or {}).get("canonical") != target:
            continue
        if all(e.get(k) == v for k, v in kw.items()):
            return e
    return None


def test_sample_page_events(sample_events):
    text, events = sample_events
    consult = _has(events, "CONSULT", "Wladimir Putin", "Joe Biden", date="2021-12-07") or \
        _has(events, "CONSULT", "Joe Biden", "Wladimir Putin", date="2021-12-07")
    assert consult and consult["reciprocal"]
    assert _has(events, "THREATEN", "Joe Biden", "Wladimir Putin", date="2021-12-07")
    assert _has(events, "REQUEST", "Wladimir Putin", "NATO")
    agree = _has(events, "AGREE", "USA", "UKR")
    assert agree
    # offsets index into the file exactly as read, and a record is one sentence
    s = agree["sentence"]
    assert "\n" not in text[s["charBegin"]:s["charEnd"]].strip()
    src = agree["source"]
    assert text[src["charBegin"]:src["charEnd"]] == src["text"]


# Measured F1 / source accuracy (``depesche eval events``) after the rules were last changed:
# dev 0.76/1.00, train 0.87/0.83, blind2 0.88/0.91, blind3 0.87/0.85, blind4 0.81/0.83,
# blind5 0.86/0.88, blind6 0.82/0.90, blind7 0.82/0.83, blind8 0.79/0.62.  Each blindN set was coded before the coder ever ran on it; its first-run
# score is the honest one (docs/events.md) and the rules have since learnt from all of them, so
# the floors sit a little below the current scores to catch regressions, not to claim quality.
@pytest.mark.parametrize("gold_file,f1_floor,source_floor", [
    ("wikinews-dev-events.jsonl", 0.70, 0.85),
    ("wikinews-train-blind-events.jsonl", 0.80, 0.74),
    ("wikinews-blind2-events.jsonl", 0.82, 0.83),
    ("wikinews-blind3-events.jsonl", 0.74, 0.75),
    ("wikinews-blind4-events.jsonl", 0.75, 0.70),
    ("wikinews-blind5-events.jsonl", 0.78, 0.75),
    ("wikinews-blind6-events.jsonl", 0.75, 0.80),
    ("wikinews-blind7-events.jsonl", 0.75, 0.75),
    ("wikinews-blind8-events.jsonl", 0.70, 0.50),
])
def test_hand_coded_set_floor(shared, tmp_path, gold_file, f1_floor, source_floor):
    gold = load_jsonl(FIXTURES / gold_file)
    docs = sorted({g["doc"] for g in gold})
    corpus = shared / "data" / "quotes" / "wikinews"
    for name in docs:
        src = next(p for p in (corpus / "train" / name, corpus / "dev" / name) if p.exists())
        shutil.copy(src, tmp_path / name)
    pred = _annotate(tmp_path, tmp_path.parent / f"pred-{gold_file}")
    sc = score(gold, pred, docs=set(docs))
    assert sc.f1 >= f1_floor, (sc.precision, sc.recall, sc.f1)
    assert sc.rate(sc.source_right) >= source_floor


def test_bad_file_is_reported_and_the_run_goes_on(tmp_path):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "broken.json").write_text("{not json", encoding="utf-8")
    (tmp_path / "in" / "ok (2024-03-05).txt").write_text(
        "Die Polizei nahm am Montag in Hamburg drei Demonstranten fest.", encoding="utf-8")
    result = CliRunner().invoke(app, ["annotate", "events", str(tmp_path / "in"), str(tmp_path / "o.jsonl")])
    assert result.exit_code == 0
    rows = load_jsonl(tmp_path / "o.jsonl")
    assert [r["doc"] for r in rows] == ["ok (2024-03-05).txt"]
    assert rows[0]["type"] == "COERCE" and rows[0]["date"] == "2024-03-04"

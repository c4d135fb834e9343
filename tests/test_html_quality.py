"""Quality floor of main-text extraction on the shared trafilatura evaluation pages.

depesche must be at least as good as plain ``trafilatura.extract`` measured
in the same run, and stay above a floor a little below what it reached
when this test was written (F1 0.958 on the 250 pages; trafilatura 0.917).
"""
from __future__ import annotations

import pytest

from depesche.ingest.html_eval import evaluate, load_cases

FLOOR_F1 = 0.945


@pytest.mark.slow
def test_extraction_quality_floor(shared):
    cases = load_cases(shared / "data" / "extraction" / "trafilatura-eval-de" / "cases.json")
    assert len(cases) >= 200
    scores = evaluate(cases)
    ours, baseline = scores["depesche"]["all"], scores["trafilatura"]["all"]
    print(f"depesche F1 {ours.f1:.4f} (P {ours.precision:.4f} R {ours.recall:.4f}); "
          f"trafilatura F1 {baseline.f1:.4f} (P {baseline.precision:.4f} R {baseline.recall:.4f})")
    assert ours.f1 >= baseline.f1
    assert ours.f1 >= FLOOR_F1
    # no half of the split may fall behind the baseline either (guards against overfitting one half)
    for part in ("A", "B"):
        assert scores["depesche"][part].f1 >= scores["trafilatura"][part].f1

"""Quality floors on the generated variant corpus (scripts/make_variants.py):
pairwise precision/recall of duplicate groups and of story clusters."""
from __future__ import annotations

import importlib.util
from pathlib import Path

from depesche.store import Store
from depesche.stories import update
from depesche.stories.evaluate import load_records, pairwise, score_store

SCRIPT = Path(__file__).resolve().parent.parent / "scripts" / "make_variants.py"


def make_variants():
    spec = importlib.util.spec_from_file_location("make_variants", SCRIPT)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def test_pairwise_scores():
    s = pairwise({"a": "1", "b": "1", "c": "1"}, {"a": "x", "b": "x", "c": "y"})
    assert (s["tp"], s["predicted_pairs"], s["true_pairs"]) == (1, 3, 1)
    assert abs(s["precision"] - 1 / 3) < 1e-9 and s["recall"] == 1.0


def test_variant_corpus_floors(db_path):
    records = list(make_variants().generate(n_events=120, seed=11))
    kinds = {r["kind"] for r in records}
    assert kinds == {"original", "copy"} and len({r["story_key"] for r in records}) == 120
    with Store(db_path) as st:
        load_records(st, records)
        # two runs: most articles first, the rest joins incrementally
        first = records[: len(records) * 3 // 4]
        st.con.execute("UPDATE articles SET is_current = false WHERE id NOT IN (SELECT unnest(?))",
                       [[r["id"] for r in first]])
        update(st, facts=False)
        st.con.execute("UPDATE articles SET is_current = true")
        update(st, facts=False)
        scores = score_store(st, records)
    dup, sto = scores["duplicates"], scores["stories"]
    print(f"\nvariant corpus ({len(records)} articles, 120 events): "
          f"duplicates P={dup['precision']:.3f} R={dup['recall']:.3f} ({dup['true_pairs']} true pairs); "
          f"stories P={sto['precision']:.3f} R={sto['recall']:.3f} ({sto['true_pairs']} true pairs)")
    assert dup["precision"] >= 0.95 and dup["recall"] >= 0.90
    assert sto["precision"] >= 0.90 and sto["recall"] >= 0.90

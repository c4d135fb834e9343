"""Near-duplicates on real German news (../shared 10kGNAD test split, read at
test time, never copied): distinct articles must not be grouped, and copies
made from them (an added paragraph and a service box, or the last sentence
dropped) must join their original."""
from __future__ import annotations

import re

from depesche.store import Store
from depesche.stories import update
from depesche.stories.evaluate import load_records, pairwise

ADDED = ("Unsere Redaktion hat die Beteiligten am Abend um eine Stellungnahme gebeten, "
         "eine Antwort stand bis Redaktionsschluss noch aus.")
SERVICE = "Sie möchten keine Meldung verpassen? Den Newsletter können Sie jederzeit kostenlos bestellen."


def read_gnad(shared):
    out = []
    with open(shared / "data/news/10kgnad/test.csv", encoding="utf-8") as f:
        for i, line in enumerate(f):
            _cat, _, text = line.partition(";")
            out.append(text.strip().strip("'"))
    return out


def test_real_news_distinct_articles_stay_apart_and_copies_join(shared, db_path):
    bodies = read_gnad(shared)
    assert len(bodies) > 1000
    records = [{"id": f"r{i}", "outlet": "Original", "headline": None, "body": b,
                "published": "2016-05-01T08:00:00+00:00", "dup_key": f"r{i}", "story_key": f"r{i}"}
               for i, b in enumerate(bodies)]
    long_ones = [r for r in records if len(r["body"]) > 1500][:60]
    for k, r in enumerate(long_ones):
        body = r["body"]
        if k % 2:
            sentences = re.split(r"(?<=[.!?])\s+", body)
            copy = " ".join(sentences[:-1])  # the last sentence dropped
        else:
            cut = len(body) // 2
            copy = body[:cut] + "\n\n" + ADDED + "\n\n" + body[cut:] + "\n\n" + SERVICE
        records.append({"id": r["id"] + "c", "outlet": "Copy", "headline": None, "body": copy,
                        "published": "2016-05-01T12:00:00+00:00", "dup_key": r["dup_key"], "story_key": r["story_key"]})
    with Store(db_path) as st:
        load_records(st, records)
        update(st, stories=False, facts=False)
        groups = dict(st.con.execute("SELECT article_id, group_id FROM duplicate_groups").fetchall())
    score = pairwise(groups, {r["id"]: r["dup_key"] for r in records})
    print(f"\n10kGNAD + {len(long_ones)} copies: duplicates P={score['precision']:.3f} R={score['recall']:.3f}")
    assert score["recall"] >= 0.95
    assert score["precision"] >= 0.95

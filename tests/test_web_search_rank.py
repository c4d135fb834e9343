"""Unfiltered search ranks hits without joining all of them with their
articles; it must order pages exactly as the joined SQL ranking does."""
from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from depesche.ingest.common import article_from_text
from depesche.store import Store
from depesche.web import queries as q
from depesche.web import snapshot


@pytest.fixture(scope="module")
def cur(tmp_path_factory):
    path = tmp_path_factory.mktemp("rank") / "r.duckdb"
    words = ["Haushalt", "Rente", "Brücke", "Wahl"]
    day0 = datetime(2024, 3, 1, 8, tzinfo=timezone.utc)
    with Store(path) as st:
        for i in range(60):
            # many bodies of equal length and word counts: tied scores, told apart by date and id
            body = " ".join(words[(i + k) % (1 + i % 4)] for k in range(3 + i % 3)) + " steht auf der Tagesordnung."
            a = article_from_text(body, url=f"https://example.org/r/{i}")
            a.headline = f"Meldung {i % 7}"
            a.published = None if i % 9 == 0 else day0 + timedelta(hours=i % 5)
            st.put_article(a)
    fp, snap_path = snapshot.build_from_file(path, snapshot.sidecar_dir(path))
    snap = snapshot.Snapshot.open(snap_path, fp, threads=1)
    yield snap.cursor()
    snap.con.close()


@pytest.mark.parametrize("query", ["Haushalt", "Rente", "Haushalt Rente", "Brücke Wahl Haushalt", "Tagesordnung"])
def test_unfiltered_pages_equal_the_joined_ranking(cur, query, monkeypatch):
    pages = {}
    for mode, cap in (("fast", 1000), ("joined", -1)):  # a cap below 0 forces the joined SQL
        monkeypatch.setattr(q, "MAX_TIED_CANDIDATES", cap)
        pages[mode] = [q.search_articles(cur, query, q.ArticleFilter(), limit, offset)
                       for limit, offset in ((20, 0), (5, 0), (5, 5), (7, 14), (10, 100))]
    assert pages["fast"] == pages["joined"]
    assert pages["fast"][0][0] > 0, "the query finds something"


def test_a_word_nobody_wrote_finds_nothing(cur):
    assert q.search_articles(cur, "Zeppelinhafen", q.ArticleFilter(), 20, 0) == (0, [])

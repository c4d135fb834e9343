"""Articles analysed in batches (the language core parses several at once) get
exactly the facts of one-by-one analysis; a failure stays with its article."""
from __future__ import annotations

from concurrent.futures import Future
from dataclasses import asdict

import pytest

from depesche import pipeline
from depesche.engines import local, work
from depesche.ingest.commands import Runner
from depesche.ingest.common import article_from_text
from depesche.model import Analysis, Mention
from depesche.store import Store

from conftest import REPO

TEXTS = sorted((REPO / "demo" / "text").glob("*.txt"))


def _facts(an: Analysis) -> tuple:
    tokens = [(t.text, t.tag_, t.lemma_, t.ent_type_, str(t.morph)) for t in an.doc or []]
    return ([asdict(m) for m in an.mentions], [asdict(e) for e in an.entities],
            [asdict(q) for q in an.quotes], [asdict(e) for e in an.events], tokens)


def _articles() -> list:
    arts = [article_from_text(p.read_text(encoding="utf-8"), url=f"https://example.org/{p.stem}") for p in TEXTS]
    assert len(arts) >= 4
    return arts


def test_batched_analysis_equals_one_by_one():
    arts = _articles()
    one_by_one = [_facts(pipeline.analyze(a)) for a in arts]
    batched = [_facts(an) for an in pipeline.analyze_many(arts, batch_size=3)]
    assert batched == one_by_one
    assert any(f[2] for f in batched) and any(f[0] for f in batched)  # the texts do have quotes and mentions


def test_a_failing_stage_fails_only_its_article(monkeypatch):
    arts = _articles()[:3]
    bad = arts[1].id
    real = pipeline.STAGES["quotes"].fn

    def quotes_or_fail(analysis):
        if analysis.article.id == bad:
            raise ValueError("kaputt")
        real(analysis)

    monkeypatch.setitem(pipeline.STAGES, "quotes", pipeline.Stage(pipeline.STAGES["quotes"].order, "quotes",
                                                                  quotes_or_fail))
    outcomes = work.analyze_articles(arts)
    assert [error for _, error in outcomes] == [None, "ValueError: kaputt", None]
    assert outcomes[0][0].article.id == arts[0].id and outcomes[2][0].article.id == arts[2].id
    assert all(an is None or an.doc is None for an, _ in outcomes)  # no Doc goes back to the parent


def test_a_batch_that_cannot_be_parsed_is_parsed_article_by_article(monkeypatch):
    arts = _articles()[:3]
    expected = [_facts(pipeline.analyze(a))[:4] for a in arts]
    calls = []

    def parse_many(texts, **kw):
        calls.append(len(texts))
        raise MemoryError("the batch is too big")

    monkeypatch.setattr(pipeline, "parse_many", parse_many)
    outcomes = work.analyze_articles(arts)
    assert calls == [3]
    assert [error for _, error in outcomes] == [None, None, None]
    assert [_facts(an)[:4] for an, _ in outcomes] == expected


def _fake_outcomes(seen: list):
    def analyze_articles(articles):
        seen.append([a.id for a in articles])
        out = []
        for a in articles:
            an = Analysis(article=a, pipeline_version="t")
            an.mentions.append(Mention(0, 6, a.body[:6], "PER"))
            out.append((an, None))
        return out
    return analyze_articles


def test_the_runner_analyses_in_batches_and_keeps_versions_in_order(db_path, monkeypatch):
    seen: list = []
    monkeypatch.setattr(work, "analyze_articles", _fake_outcomes(seen))
    with Store(db_path) as st:
        runner = Runner(st, analyze=True, parse_batch=3)
        arts = [article_from_text(f"Merkel sprach am Tag {i}.", url=f"https://example.org/{i}") for i in range(4)]
        for a in arts:
            runner.handle(a)
        assert seen == [[a.id for a in arts[:3]]]  # a full batch at once, the fourth waits
        changed = article_from_text("Merkel sprach am Tag 3, geändert.", url="https://example.org/3")
        runner.handle(changed)  # the same id while its first version waits: that one is analysed first
        assert seen[1] == [arts[3].id]
        runner.flush()
        assert seen[2] == [changed.id]
        assert runner.counts["analysed"] == 5 and runner.counts["version"] == 1
        assert st.con.execute("SELECT count(DISTINCT article_id) FROM mentions").fetchone()[0] == 4


class InlinePool:
    """Runs each task at once; remembers the size of every analysis task."""

    def __init__(self):
        self.groups: list[int] = []

    def submit(self, fn, *args):
        if fn is local.analyze_articles:
            self.groups.append(len(args[0]))
        f = Future()
        f.set_result(fn(*args))
        return f

    def shutdown(self, **kw):
        pass


@pytest.mark.parametrize("group", [1, 4])
def test_the_parallel_engine_sends_articles_in_groups_and_settles_all(db_path, monkeypatch, group):
    seen: list = []
    monkeypatch.setattr(local, "analyze_articles", _fake_outcomes(seen))
    pool = InlinePool()
    with Store(db_path) as st:
        runner = Runner(st, analyze=True)
        local.ParallelIngest(runner, pool, window=2, group=group).run([REPO / "demo"])
        stored = st.con.execute("SELECT count(*) FROM articles").fetchone()[0]
        analysed = st.con.execute("SELECT count(*) FROM articles WHERE analyzed_version = 't'").fetchone()[0]
    assert sum(pool.groups) == analysed == runner.counts["analysed"] > 8
    assert all(n == group for n in pool.groups[:-1]) and 0 < pool.groups[-1] <= group
    assert stored >= analysed


def test_the_first_analysis_freezes_the_loaded_models_for_the_collector():
    # in a fresh process: gc.freeze() would otherwise affect this test session
    import subprocess
    import sys

    code = (
        "import gc\n"
        "from depesche.engines.work import analyze_articles\n"
        "from depesche.ingest.common import article_from_text\n"
        "assert gc.get_freeze_count() == 0\n"
        "a = article_from_text('Bundeskanzler Olaf Scholz sagte am Montag in Berlin, er sei zufrieden.')\n"
        "[(an, err)] = analyze_articles([a])\n"
        "assert err is None and an.mentions, err\n"
        "frozen = gc.get_freeze_count()\n"
        "analyze_articles([a])\n"
        "print(frozen, gc.get_freeze_count())\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split()
    first, second = map(int, out)
    assert first > 100_000  # the models' objects
    assert second == first  # frozen once, not again per batch

"""The ingest Runner stores analyses in batches: nothing is lost or misattributed."""
from depesche.ingest.commands import Runner
from depesche.ingest.common import article_from_text
from depesche.model import Analysis, Mention
from depesche.store import Store


def _analysed(article, pv="t"):
    an = Analysis(article=article, pipeline_version=pv)
    an.mentions.append(Mention(0, 6, article.body[:6], "PER"))
    return an


def test_pending_analyses_are_stored_on_flush_and_in_full_batches(db_path):
    with Store(db_path) as st:
        runner = Runner(st, analyze=False, batch=3)
        arts = [article_from_text(f"Merkel sprach am Tag {i}.", url=f"https://example.org/{i}") for i in range(4)]
        for a in arts:
            runner.handle(a)
            runner.settle(a, a.url, _analysed(a), None)
        # the first three went as one batch, the fourth waits
        assert st.con.execute("SELECT count(DISTINCT article_id) FROM mentions").fetchone()[0] == 3
        runner.flush()
        assert st.con.execute("SELECT count(DISTINCT article_id) FROM mentions").fetchone()[0] == 4
        assert runner.counts["analysed"] == 4


def test_a_new_version_does_not_receive_the_facts_of_the_old_one(db_path):
    with Store(db_path) as st:
        runner = Runner(st, analyze=False)
        old = article_from_text("Merkel sprach gestern.", url="https://example.org/a")
        runner.handle(old)
        runner.settle(old, old.url, _analysed(old), None)  # pending, not yet written
        new = article_from_text("Merkel sprach heute, geändert.", url="https://example.org/a")
        runner.handle(new)  # stores the pending facts first, then the version replaces them
        runner.flush()
        assert st.analyzed_version(new.id) is None
        assert st.con.execute("SELECT count(*) FROM mentions").fetchone()[0] == 0


def test_a_failed_analysis_is_recorded_at_once(db_path):
    with Store(db_path) as st:
        runner = Runner(st, analyze=False)
        a = article_from_text("Merkel sprach.", url="https://example.org/x")
        runner.handle(a)
        runner.settle(a, a.url, None, "ValueError: kaputt")
        reasons = [r for (r,) in st.con.execute("SELECT reason FROM ingest_errors").fetchall()]
        assert reasons == ["analysis failed (ValueError: kaputt)"]
        assert runner.failed() == 1


def test_new_articles_are_written_together_and_a_repeated_id_is_compared_with_them(db_path):
    with Store(db_path) as st:
        runner = Runner(st, analyze=False, batch=4)
        arts = [article_from_text(f"Merkel sprach am Tag {i}.", url=f"https://example.org/{i}") for i in range(3)]
        for a in arts:
            runner.handle(a)
        assert st.con.execute("SELECT count(*) FROM articles").fetchone()[0] == 0  # waiting for the batch
        # the same page again before the batch is written: unchanged, not a second row
        runner.handle(article_from_text("Merkel sprach am Tag 0.", url="https://example.org/0"))
        assert runner.counts["unchanged"] == 1
        # changed content under a waiting id: the first version is written, then the second
        runner.handle(article_from_text("Merkel sprach am Tag 1, geändert.", url="https://example.org/1"))
        runner.flush()
        rows = st.con.execute("SELECT id, version, is_current FROM articles ORDER BY id, version").fetchall()
        assert runner.counts["new"] == 3 and runner.counts["version"] == 1
        assert [(v, c) for i, v, c in rows if i == arts[1].id] == [(1, False), (2, True)]
        assert len(rows) == 4


def test_an_article_that_cannot_be_stored_is_reported_and_loses_its_facts(db_path, monkeypatch):
    with Store(db_path) as st:
        runner = Runner(st, analyze=False)
        good = article_from_text("Merkel sprach gestern.", url="https://example.org/good")
        bad = article_from_text("Merkel sprach heute.", url="https://example.org/bad")
        real = st.put_new_articles

        def put_new_articles(articles):
            if any(a.id == bad.id for a in articles):
                raise ValueError("Speicher voll")
            real(articles)

        monkeypatch.setattr(st, "put_new_articles", put_new_articles)
        for a in (good, bad):
            runner.handle(a)
            runner.settle(a, a.url, _analysed(a), None)
        runner.flush()
        assert [r for (r,) in st.con.execute("SELECT id FROM articles").fetchall()] == [good.id]
        assert [r for (r,) in st.con.execute("SELECT DISTINCT article_id FROM mentions").fetchall()] == [good.id]
        reasons = [r for (r,) in st.con.execute("SELECT reason FROM ingest_errors").fetchall()]
        assert reasons == ["could not store (ValueError: Speicher voll)"]
        assert runner.counts["new"] == 1 and runner.counts["errors"] == 1 and runner.counts["analysed"] == 1


def _statuses(runner, arts):
    before = dict(runner.counts)
    out = []
    for a in arts:
        runner.handle(a)
        now = dict(runner.counts)
        out.append(next(k for k in ("new", "unchanged", "version") if now.get(k, 0) != before.get(k, 0)))
        before = now
    return out


def test_a_fresh_store_is_not_asked_about_new_ids_but_repeats_are_compared(db_path, monkeypatch):
    with Store(db_path) as st:
        asked = []
        real = st.article_status
        monkeypatch.setattr(st, "article_status", lambda a: asked.append(a.id) or real(a))
        runner = Runner(st, analyze=False, batch=2)
        a0, a1, a2 = (article_from_text(f"Merkel sprach am Tag {i}.", url=f"https://example.org/{i}") for i in range(3))
        changed = article_from_text("Merkel sprach am Tag 1, geändert.", url="https://example.org/1")
        again = article_from_text("Merkel sprach am Tag 0.", url="https://example.org/0")
        assert _statuses(runner, [a0, a1, a2, changed, again]) == ["new", "new", "new", "version", "unchanged"]
        assert set(asked) == {a1.id, a0.id}  # only the repeated ids (put_article asks again for a version)
        runner.flush()
        assert st.con.execute("SELECT count(*) FROM articles").fetchone()[0] == 4


def test_a_store_with_articles_is_asked_about_every_id(db_path):
    with Store(db_path) as st:
        first = Runner(st, analyze=False)
        a0 = article_from_text("Merkel sprach am Tag 0.", url="https://example.org/0")
        first.handle(a0)
        first.flush()
        second = Runner(st, analyze=False)
        a1 = article_from_text("Merkel sprach am Tag 1.", url="https://example.org/1")
        assert _statuses(second, [a0, a1]) == ["unchanged", "new"]


def test_past_its_id_limit_the_runner_asks_the_store_again(db_path, monkeypatch):
    monkeypatch.setattr(Runner, "RUN_IDS_MAX", 2)
    with Store(db_path) as st:
        runner = Runner(st, analyze=False, batch=1)
        arts = [article_from_text(f"Merkel sprach am Tag {i}.", url=f"https://example.org/{i}") for i in range(4)]
        assert _statuses(runner, arts + [arts[0], arts[3]]) == ["new"] * 4 + ["unchanged"] * 2
        assert runner._fresh is False

from depesche.ingest.common import article_from_text, normalize_url
from depesche.model import Analysis, Entity, Mention, Quote, Span
from depesche.store import Store


def test_put_article_is_idempotent_and_versions_changed_content(db_path):
    with Store(db_path) as st:
        a = article_from_text("Erster Absatz.\n\nZweiter Absatz.", url="http://Example.org/a/?utm_source=x#top")
        assert st.put_article(a) == "new"
        assert st.put_article(a) == "unchanged"
        b = article_from_text("Erster Absatz, geändert.", url="https://example.org/a")
        assert b.id == a.id
        assert st.put_article(b) == "version"
        rows = st.con.execute("SELECT version, is_current FROM articles ORDER BY version").fetchall()
        assert rows == [(1, False), (2, True)]
        assert st.get_article(a.id).body.startswith("Erster Absatz, geändert")


def test_migrations_run_once(db_path):
    Store(db_path).close()
    with Store(db_path) as st:
        n = st.con.execute("SELECT count(*) FROM schema_migrations WHERE component = 'core'").fetchone()[0]
        assert n == 1


def test_delete_removes_derived_facts(db_path):
    with Store(db_path) as st:
        a = article_from_text("Putin sagte etwas.", url="https://example.org/b")
        st.put_article(a)
        an = Analysis(article=a, pipeline_version="t")
        an.entities.append(Entity("e1", "PER", "Wladimir Putin"))
        an.mentions.append(Mention(0, 5, "Putin", "PER", "e1"))
        an.quotes.append(Quote("Reported", [Span(6, 17, "sagte etwas")], speaker=[Span(0, 5, "Putin")]))
        st.put_analysis(an)
        assert st.con.execute("SELECT count(*) FROM quotes").fetchone()[0] == 1
        assert st.delete_articles([a.id]) == 1
        for table in ("articles", "mentions", "quotes", "entities"):
            assert st.con.execute(f"SELECT count(*) FROM {table}").fetchone()[0] == 0


def test_normalize_url():
    assert normalize_url("HTTP://www.N-TV.de:80/politik/x/?utm_medium=rss&id=3#c") == "https://www.n-tv.de/politik/x?id=3"

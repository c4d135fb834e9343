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


def _analysis(st, text: str, url: str, aliases: list[str], pv: str = "t") -> Analysis:
    a = article_from_text(text, url=url)
    st.put_article(a)
    an = Analysis(article=a, pipeline_version=pv)
    an.entities.append(Entity("e1", "PER", "Olaf Scholz", aliases=aliases))
    an.mentions.append(Mention(0, 5, "Scholz", "PER", "e1"))
    an.quotes.append(Quote("Indirect", [Span(13, 30, "er komme morgen")], speaker=[Span(0, 6, "Scholz")],
                           speaker_entity_id="e1"))
    return an


def test_a_batch_stores_what_one_write_per_article_stores(tmp_path):
    """put_analyses (one transaction, set-wise inserts) leaves the same rows as put_analysis in turn."""
    tables = {}
    for mode in ("one by one", "batch"):
        with Store(tmp_path / f"{mode}.duckdb") as st:
            batch = [_analysis(st, "Scholz sagte, er komme morgen.", "https://example.org/1", ["Scholz"]),
                     _analysis(st, "Scholz sagte, er komme heute.", "https://example.org/2", ["Kanzler Scholz"])]
            if mode == "batch":
                st.put_analyses(batch)
            else:
                for an in batch:
                    st.put_analysis(an)
            tables[mode] = {
                t: st.con.execute(f"SELECT * EXCLUDE (ingested_at) FROM {t} ORDER BY ALL").fetchall()
                if t == "articles" else st.con.execute(f"SELECT * FROM {t} ORDER BY ALL").fetchall()
                for t in ("articles", "mentions", "quotes", "events")}
            tables[mode]["aliases"] = sorted(st.con.execute("SELECT aliases FROM entities").fetchone()[0])
    assert tables["batch"] == tables["one by one"]
    assert tables["batch"]["aliases"] == ["Kanzler Scholz", "Scholz"]
    assert len(tables["batch"]["quotes"]) == 2


def test_a_batch_keeps_the_last_analysis_of_an_article(db_path):
    with Store(db_path) as st:
        first = _analysis(st, "Scholz sagte, er komme morgen.", "https://example.org/1", ["Scholz"], pv="v1")
        second = Analysis(article=first.article, pipeline_version="v2")
        st.put_analyses([first, second])
        assert st.con.execute("SELECT count(*) FROM quotes").fetchone()[0] == 0
        assert st.analyzed_version(first.article.id) == "v2"

"""The demo corpus ingests cleanly, over all five formats, and idempotently."""
from typer.testing import CliRunner

from depesche.cli import app
from depesche.store import Store

from conftest import REPO

DEMO = REPO / "demo"
runner = CliRunner()


def test_demo_ingests_cleanly_and_a_rerun_adds_nothing(db_path):
    first = runner.invoke(app, ["ingest", str(DEMO), "--db", str(db_path), "--no-analyze", "--strict"])
    assert first.exit_code == 0, first.output
    with Store(db_path, read_only=True) as st:
        by_format = dict(st.con.execute("SELECT format, count(*) FROM articles GROUP BY format").fetchall())
        assert by_format == {"html": 6, "warc": 4, "feed": 5, "jsonl": 6, "text": 5}
        assert st.con.execute("SELECT count(*) FROM ingest_errors").fetchone()[0] == 0
        assert st.con.execute("SELECT count(*) FROM articles WHERE language <> 'de' OR published IS NULL"
                              ).fetchone()[0] == 0
        # the reprinted dpa dispatch: one quote in three articles of three formats
        quote = "Wir werden die Ukraine so lange unterstützen, wie es nötig ist"
        formats = sorted(r[0] for r in st.con.execute(
            "SELECT format FROM articles WHERE contains(body, ?)", [quote]).fetchall())
        assert formats == ["html", "jsonl", "warc"]
        texts = st.con.execute("SELECT kicker, headline, outlet, agency, author_initials FROM articles "
                               "WHERE format = 'text' ORDER BY headline").fetchall()
        assert all(k and h and o == "nachrichten24.example" and a and i for k, h, o, a, i in texts)
        before = st.con.execute("SELECT count(*) FROM articles").fetchone()[0]
    second = runner.invoke(app, ["ingest", str(DEMO), "--db", str(db_path), "--no-analyze"])
    assert second.exit_code == 0
    with Store(db_path, read_only=True) as st:
        assert st.con.execute("SELECT count(*) FROM articles").fetchone()[0] == before
        assert st.con.execute("SELECT count(*) FROM ingest_errors").fetchone()[0] == 0

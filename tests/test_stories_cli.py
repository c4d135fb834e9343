"""`depesche stories` and `depesche duplicates` on a small store."""
from __future__ import annotations

from typer.testing import CliRunner

from depesche.cli import app
from depesche.store import Store
from test_stories_dedup import UNRELATED, art, copies

runner = CliRunner()


def test_stories_groups_then_lists_and_duplicates_shows_copies(db_path):
    original, reworded, extended = copies()
    ship = art(UNRELATED, 9, "Hafenblatt", "Frachter in Wismar auf Grund gelaufen", 2)
    with Store(db_path) as st:
        for a in (original, reworded, extended, ship):
            st.put_article(a)
    res = runner.invoke(app, ["stories", "--db", str(db_path)])
    assert res.exit_code == 0, res.output
    assert "grouped 4 new article(s)" in res.output
    assert "3 article(s), 3 outlet(s)" in res.output
    assert "Frachter in Wismar auf Grund gelaufen" in res.output
    # a second run has nothing new to group
    res = runner.invoke(app, ["stories", "--db", str(db_path), "--since", "2030-01-01"])
    assert res.exit_code == 0 and "grouped 0 new article(s)" in res.output
    assert "article(s)," not in res.output.split("\n", 1)[1]  # no story that late

    res = runner.invoke(app, ["duplicates", reworded.url, "--db", str(db_path)])
    assert res.exit_code == 0, res.output
    assert f"group dup:{original.id}: 3 copies" in res.output
    assert f"* {original.id}  1.00" in res.output
    res = runner.invoke(app, ["duplicates", ship.id, "--db", str(db_path)])
    assert res.exit_code == 0 and "no duplicates known" in res.output


def test_bad_input_gives_clear_errors(db_path):
    Store(db_path).close()
    res = runner.invoke(app, ["duplicates", "https://nowhere.example/x", "--db", str(db_path)])
    assert res.exit_code == 1 and "no such article" in res.output
    res = runner.invoke(app, ["stories", "--since", "gestern", "--db", str(db_path)])
    assert res.exit_code == 2 and "not an ISO date" in res.output


def test_not_a_store_is_a_clear_error(tmp_path):
    bad = tmp_path / "kaputt.duckdb"
    bad.write_text("das ist keine Datenbank")
    res = runner.invoke(app, ["stories", "--db", str(bad)])
    assert res.exit_code == 1 and "cannot open the store" in res.output

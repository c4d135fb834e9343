"""Bad input never crashes a run: one ingest_errors row per bad item, naming
the item and the reason; stored rows stay untouched; re-runs add nothing."""
import gzip
import io
import os
import shutil

import pytest
from typer.testing import CliRunner

from depesche.cli import app
from depesche.store import Store

from conftest import FIXTURES

DUMPS = FIXTURES / "ingest"
GERMAN = ("Der Landtag hat am Donnerstag nach langer Debatte ein neues Schulgesetz verabschiedet. "
          "Die Kultusministerin sagte, die Reform werde den Unterricht für Schülerinnen und Schüler verbessern.")
runner = CliRunner()


def html(title, text, charset="utf-8"):
    return (f'<!DOCTYPE html><html><head><meta charset="{charset}"><title>{title}</title></head>'
            f"<body><article><h1>{title}</h1><p>{text}</p><p>{text.replace('Donnerstag', 'Freitag')}</p>"
            f"</article></body></html>")


def warc_gz(pages) -> bytes:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    buf = io.BytesIO()
    writer = WARCWriter(buf, gzip=True)
    for url, body in pages:
        headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record(url, "response", payload=io.BytesIO(body),
                                                      http_headers=headers))
    return buf.getvalue()


@pytest.fixture
def bad_folder(tmp_path):
    d = tmp_path / "in"
    d.mkdir()
    shutil.copy(DUMPS / "kaputt.html", d / "broken.html")
    shutil.copy(DUMPS / "english.html", d / "english.html")
    shutil.copy(DUMPS / "dump.jsonl", d / "dump.jsonl")  # 2 good lines, line 2 malformed
    (d / "wrong-charset.html").write_bytes(html("Schulgesetz", GERMAN, charset="iso-8859-1").encode("utf-8"))
    (d / "no-charset.html").write_bytes(html("Schulreform", GERMAN, charset="").replace(
        '<meta charset="">', "").encode("cp1252"))
    (d / "binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + os.urandom(2000))
    (d / "empty.html").write_bytes(b"")
    (d / "huge.html").write_bytes(b"<html><body><p>" + b"Sehr langer Text. " * (20 * 1024 * 1024 // 18) + b"</p>")
    pages = [(f"https://www.beispiel.de/seite-{i}", html(f"Seite {i}", GERMAN.replace("neues", f"{i}. neues"))
              .encode()) for i in range(6)]
    whole = warc_gz(pages)
    (d / "truncated.warc.gz").write_bytes(whole[: int(len(whole) * 0.6)])
    return d


def ingest(*args):
    return runner.invoke(app, ["ingest", *map(str, args), "--no-analyze"])


def errors_by_item(db):
    with Store(db, read_only=True) as st:
        rows = st.con.execute("SELECT item, reason FROM ingest_errors ORDER BY item").fetchall()
    out = {}
    for item, reason in rows:
        out.setdefault(os.path.basename(item), []).append(reason)
    return out


def test_every_bad_kind_is_one_error_row_and_the_run_completes(bad_folder, db_path):
    missing = bad_folder / "does-not-exist.html"
    result = ingest(bad_folder, missing, "--db", db_path)
    assert result.exit_code == 0, result.output
    errors = errors_by_item(db_path)
    assert "no article text" in " ".join(errors["broken.html"]) or "no text" in " ".join(errors["broken.html"])
    assert errors["binary.txt"] == ["binary file (PNG image), not a news item"]
    assert errors["empty.html"] == ["empty file"]
    assert len(errors["huge.html"]) == 1 and errors["huge.html"][0].startswith("too large: 20.0 MB")
    assert errors["does-not-exist.html"] == ["no such file or directory"]
    assert len(errors["dump.jsonl:2"]) == 1 and errors["dump.jsonl:2"][0].startswith("malformed JSON")
    truncated = [k for k in errors if k.startswith("truncated.warc.gz#")]
    assert len(truncated) == 1 and "truncated or corrupt WARC" in errors[truncated[0]][0]
    # recoverable problems: stored, with one row saying what was wrong
    assert len(errors["wrong-charset.html"]) == 1 and "declared charset" in errors["wrong-charset.html"][0]
    assert len(errors["english.html"]) == 1 and "not German" in errors["english.html"][0]
    assert "no-charset.html" not in errors  # a missing declaration is no error: the bytes tell
    for reasons in errors.values():
        for r in reasons:
            assert "Traceback" not in r and "\n" not in r
    with Store(db_path, read_only=True) as st:
        rows = dict(st.con.execute("SELECT source_ref, language FROM articles").fetchall())
        bodies = [b for (b,) in st.con.execute("SELECT body FROM articles").fetchall()]
        warc_articles = st.con.execute("SELECT count(*) FROM articles WHERE format = 'warc'").fetchone()[0]
        jsonl_articles = st.con.execute("SELECT count(*) FROM articles WHERE format = 'jsonl'").fetchone()[0]
    assert rows[str(bad_folder / "english.html")] == "en"
    assert rows[str(bad_folder / "wrong-charset.html")] == "de"
    assert any("Kultusministerin" in b for b in bodies)
    assert 1 <= warc_articles < 6  # the records before the cut are kept
    assert jsonl_articles == 2


def test_strict_exit_code_and_rerun_adds_nothing(bad_folder, db_path):
    first = ingest(bad_folder, "--db", db_path, "--strict")
    assert first.exit_code == 1
    with Store(db_path, read_only=True) as st:
        before = st.con.execute("SELECT * EXCLUDE (ingested_at) FROM articles ORDER BY id").fetchall()
        n_errors = st.con.execute("SELECT count(*) FROM ingest_errors").fetchone()[0]
    second = ingest(bad_folder, "--db", db_path)
    assert second.exit_code == 0
    assert "unchanged" in second.output
    with Store(db_path, read_only=True) as st:
        after = st.con.execute("SELECT * EXCLUDE (ingested_at) FROM articles ORDER BY id").fetchall()
        assert st.con.execute("SELECT count(*) FROM ingest_errors").fetchone()[0] == n_errors
    assert after == before


def test_bad_items_leave_stored_rows_untouched(tmp_path, db_path):
    good = tmp_path / "good.txt"
    good.write_text("Schulgesetz beschlossen\n\n" + GERMAN + "\n\n" + GERMAN.replace("Landtag", "Rat"),
                    encoding="utf-8")
    assert ingest(good, "--db", db_path).exit_code == 0
    with Store(db_path, read_only=True) as st:
        before = st.con.execute("SELECT * FROM articles").fetchall()
    good.write_bytes(b"\x00\x01\x02 binary now")  # the same item, now broken
    assert ingest(good, "--db", db_path).exit_code == 0
    with Store(db_path, read_only=True) as st:
        assert st.con.execute("SELECT * FROM articles").fetchall() == before
        assert st.con.execute("SELECT count(*) FROM ingest_errors").fetchone()[0] == 1


@pytest.mark.skipif(os.geteuid() == 0, reason="root can read any file")
def test_unreadable_file(tmp_path, db_path):
    f = tmp_path / "secret.txt"
    f.write_text("Geheim\n\n" + GERMAN, encoding="utf-8")
    f.chmod(0)
    try:
        assert ingest(f, "--db", db_path).exit_code == 0
        assert errors_by_item(db_path)["secret.txt"] == ["cannot read: permission denied"]
    finally:
        f.chmod(0o644)


def test_gzip_that_is_no_warc(tmp_path, db_path):
    f = tmp_path / "page.html"
    f.write_bytes(gzip.compress(b"<html><body><p>x</p></body></html>"))
    assert ingest(f, "--db", db_path).exit_code == 0
    (reason,) = errors_by_item(db_path)["page.html"]
    assert "gzip" in reason


def test_unreadable_file_even_as_root(tmp_path, db_path, monkeypatch):
    """Permission errors are simulated, since root reads everything."""
    from depesche.ingest import reader

    f = tmp_path / "secret.txt"
    f.write_text("Geheim\n\n" + GERMAN, encoding="utf-8")

    def deny(path, mode="r", *a, **k):
        raise PermissionError(13, "Permission denied", str(path))

    monkeypatch.setattr(reader, "open", deny, raising=False)
    assert ingest(f, "--db", db_path).exit_code == 0
    assert errors_by_item(db_path)["secret.txt"] == ["cannot read: permission denied"]


def test_a_fixed_item_loses_its_old_error(tmp_path, db_path):
    f = tmp_path / "later.txt"
    f.write_bytes(b"")
    assert ingest(f, "--db", db_path).exit_code == 0
    assert errors_by_item(db_path) == {"later.txt": ["empty file"]}
    f.write_text("Schulgesetz beschlossen\n\n" + GERMAN + "\n\n" + GERMAN.replace("Landtag", "Rat"),
                 encoding="utf-8")
    assert ingest(f, "--db", db_path).exit_code == 0
    assert errors_by_item(db_path) == {}

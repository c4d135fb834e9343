"""``depesche extract``: one text file per page, named after the input file."""
from __future__ import annotations

import shutil

from typer.testing import CliRunner

from depesche.cli import app

from pathlib import Path

FIXTURES = Path(__file__).resolve().parent / "fixtures"


def test_extract_names_output_after_input_file(tmp_path):
    pages = tmp_path / "in"
    pages.mkdir()
    shutil.copy(FIXTURES / "html" / "newsarticle_jsonld.html", pages / "page.html")
    shutil.copy(FIXTURES / "html" / "no_text.html", pages / "leer.htm")
    (pages / "kaputt.html").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(500))
    out = tmp_path / "out"
    result = CliRunner().invoke(
        app, ["extract", str(pages / "page.html"), str(pages / "leer.htm"), str(pages / "kaputt.html"),
              str(pages / "fehlt.html"), "--out", str(out)]
    )
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in out.iterdir()) == ["fehlt.html.txt", "kaputt.html.txt", "leer.htm.txt", "page.html.txt"]
    text = (out / "page.html.txt").read_text(encoding="utf-8")
    assert text.startswith("Nach monatelangem Streit hat der Stadtrat")  # teaser first
    assert "Mit 31 zu 24 Stimmen" in text
    assert "Stadtrat beschließt neues Radwegenetz" not in text  # no headline
    for empty in ("leer.htm.txt", "kaputt.html.txt", "fehlt.html.txt"):
        assert (out / empty).read_text(encoding="utf-8") == ""
    assert "kaputt.html: binary content" in result.output

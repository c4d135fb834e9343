"""read_html: main text structure and publisher metadata on handwritten pages."""
from __future__ import annotations

from datetime import datetime, timezone

import pytest

from depesche.ingest.common import ItemError
from depesche.ingest.html import main_text_of, read_html
from depesche.model import SourceRef

from pathlib import Path

FIXTURES = Path(__file__).resolve().parent / "fixtures"

HTML = FIXTURES / "html"


def read(name: str, **kwargs):
    return read_html((HTML / name).read_bytes(), **kwargs)


def test_json_ld_news_article_metadata():
    a = read("newsarticle_jsonld.html", url="https://www.beispielbote.example/lokales/stadtrat-radwegenetz-101.html?utm_source=x")
    assert a.format == "html"
    assert a.headline == "Stadtrat beschließt neues Radwegenetz"
    assert a.teaser.startswith("Nach monatelangem Streit hat der Stadtrat")
    assert a.published == datetime(2021, 12, 8, 5, 42, tzinfo=timezone.utc)
    assert a.published.tzinfo is not None
    assert a.modified == datetime(2021, 12, 8, 8, 15, tzinfo=timezone.utc)
    assert a.authors == ["Anna Beispiel", "Bernd Muster"]
    assert a.section == "Lokales"
    assert a.outlet == "Der Beispielbote"
    assert a.canonical_url == "https://www.beispielbote.example/lokales/stadtrat-radwegenetz-101.html"
    assert a.keywords == ["Verkehr", "Stadtrat", "Radwege"]
    assert a.kicker == "Verkehrswende"
    assert a.image == "https://www.beispielbote.example/bilder/radweg.jpg"
    assert a.caption == "Ein Radweg in der Innenstadt"
    assert a.credit == "Carla Knipser"  # the "Foto:" label is not part of the credit
    assert a.language == "de"
    assert a.id and a.content_hash


def test_body_structure_without_headline_script_or_related_box():
    a = read("newsarticle_jsonld.html")
    assert a.body.startswith("Mit 31 zu 24 Stimmen")
    assert "Stadtrat beschließt neues Radwegenetz" not in a.body  # the headline is metadata
    assert "beispielTracking" not in a.body and "Skript" not in a.body
    assert "Neue Busspur" not in a.body and "Mehr zum Thema" not in a.body
    assert "Alle Rechte vorbehalten" not in a.body
    assert a.subheadings == ["Kritik an den Kosten"]
    kinds = [p.kind for p in a.paragraphs]
    assert kinds == ["p", "p", "h", "p", "p", "p"]
    # paragraphs are separated by blank lines and their offsets index into the body
    assert a.body.split("\n\n") == [a.body[p.start:p.end] for p in a.paragraphs]
    assert a.body[a.paragraphs[-1].start:].startswith("Über die genaue Reihenfolge")


def test_main_text_is_teaser_then_body_without_headline():
    a = read("newsarticle_jsonld.html")
    text = main_text_of(a)
    assert text.startswith(a.teaser + "\n\n" + a.body[:20])
    assert "Stadtrat beschließt neues Radwegenetz" not in text


def test_json_ld_graph_with_reportage_type():
    a = read("graph_jsonld.html")
    assert a.headline == "Hochwasser: Pegel an der Donau sinkt langsam"
    assert a.published == datetime(2023, 6, 3, 14, 5, tzinfo=timezone.utc)
    assert a.authors == ["Clara Regen", "Dieter Damm"]  # "Von … und …" split into names
    assert a.section == "Chronik"
    assert a.outlet == "Donaublatt"
    assert a.keywords == ["Hochwasser", "Donau", "Feuerwehr"]
    assert a.canonical_url == "https://www.donaukurier-beispiel.example/chronik/hochwasser"
    assert a.language == "de"
    assert a.extra["page_type"] == "reportagenewsarticle"
    assert a.teaser == "Die Lage entspannt sich, doch die Aufräumarbeiten werden Wochen dauern."
    assert a.body.startswith("Nach drei Tagen mit Dauerregen")
    assert "Chronik" not in a.body


def test_opengraph_only():
    a = read("opengraph_only.html")
    assert a.headline == "Bibliothek verlängert Öffnungszeiten"
    assert a.outlet == "Wochenblatt Musterhausen"
    assert a.canonical_url == "https://wochenblatt-musterhausen.example/kultur/bibliothek-oeffnungszeiten"
    assert a.published.isoformat() == "2022-11-30T17:20:00+01:00"
    assert a.modified.isoformat() == "2022-12-01T08:00:00+01:00"
    assert a.section == "Kultur"
    assert a.keywords == ["Bibliothek", "Kultur"]
    assert a.authors == ["Emil Leser"]
    assert a.image == "https://wochenblatt-musterhausen.example/img/bibliothek.jpg"
    assert a.teaser == "Ab Januar hat die Stadtbibliothek auch samstags bis zum Abend geöffnet."
    assert len(a.paragraphs) == 3


def test_german_numeric_date_with_time_in_byline():
    a = read("german_date_numeric.html")
    assert a.published.isoformat() == "2021-12-08T06:42:00+01:00"
    assert a.headline == "Vereinsheim wird saniert"
    assert "Vereinsheim wird saniert" not in a.body


def test_german_worded_date():
    a = read("german_date_worded.html")
    assert a.published.date().isoformat() == "2021-12-08"
    assert a.published.utcoffset() is not None


def test_broken_unclosed_html():
    a = read("broken.html")
    assert a.headline == "Brücke bleibt länger gesperrt"
    assert a.body.startswith("Die Sanierung der alten Mühlbachbrücke")
    assert "Radfahrer & Fußgänger" in a.body
    assert "Ein Termin steht noch nicht fest." in a.body
    assert "aus einem Skript" not in a.body
    assert len(a.paragraphs) == 4


def test_latin1_without_declaration():
    raw = (HTML / "latin1_undeclared.html").read_bytes()
    with pytest.raises(UnicodeDecodeError):
        raw.decode("utf-8")  # the fixture really is not UTF-8
    a = read_html(raw)
    assert a.headline == "Bäckerei schließt nach 90 Jahren"
    assert "Die Bäckerei Süßmeier in der Schloßstraße" in a.body
    assert "\ufffd" not in a.body


def test_str_input_and_source_ref():
    text = (HTML / "opengraph_only.html").read_text(encoding="utf-8")
    ref = SourceRef("crawl/page.html")
    a = read_html(text, source_ref=ref)
    assert a.source_ref is ref and len(ref.sha256) == 64
    assert a.headline == "Bibliothek verlängert Öffnungszeiten"


@pytest.mark.parametrize(
    "data, reason",
    [
        (b"", "empty"),
        ("   \n ", "empty"),
        (b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4, "binary"),
        (b"\x00\x01\x02\x03" * 300, "binary"),
        ((HTML / "no_text.html").read_bytes(), "no text"),
    ],
)
def test_unusable_input_raises_item_error_naming_item_and_reason(data, reason):
    with pytest.raises(ItemError) as info:
        read_html(data, url="https://example.org/seite")
    assert info.value.item == "https://example.org/seite"
    assert reason in info.value.reason


def test_never_raises_other_errors_on_junk():
    for junk in ("<", "<html><body><p>", "<?xml version='1.0' encoding='utf-8'?><html><body><p>Hallo Welt</p></body></html>",
                 "]]>--><!--", "<script>" * 50, "<p>" + "ä" * 5000):
        try:
            read_html(junk)
        except ItemError:
            pass


def test_author_names_are_normalised():
    from depesche.ingest.html_meta import normalize_authors

    assert normalize_authors(["Von Anna Beispiel und Bernd Muster"]) == ["Anna Beispiel", "Bernd Muster"]
    assert normalize_authors(["Muster, Max"]) == ["Max Muster"]
    assert normalize_authors(["Reuters, Bloomberg"]) == ["Reuters", "Bloomberg"]
    assert normalize_authors(["dpa, AFP"]) == ["dpa", "AFP"]
    assert normalize_authors(["https://www.example.org/autor/max", "Max Muster", "max muster"]) == ["Max Muster"]


def test_hidden_navigation_h1_is_not_the_headline():
    page = """<html><head><title>Seite</title></head><body>
    <h1 class="sr-only">Navigation</h1><nav><a href="/">Start</a></nav>
    <div class="page-intro"><h1 class="headline">Neue Fähre verbindet die Inseln</h1>
    <div class="page-intro__copy">Ab Mai fährt eine elektrische Fähre dreimal täglich zwischen den beiden Inseln hin und her.</div></div>
    <div class="text"><p>Die Reederei hat das Schiff in einer Werft an der Küste bauen lassen. Es bietet Platz für zweihundert
    Fahrgäste und zwanzig Fahrräder und soll die alte Dieselfähre ersetzen, die seit vierzig Jahren im Einsatz war.</p>
    <p>Geladen werden die Batterien im Hafen während der Pausen. Die Überfahrt dauert etwa eine halbe Stunde und damit
    kaum länger als bisher, wie der Kapitän bei der Probefahrt sagte.</p></div></body></html>"""
    a = read_html(page)
    assert a.headline == "Neue Fähre verbindet die Inseln"
    assert a.teaser == "Ab Mai fährt eine elektrische Fähre dreimal täglich zwischen den beiden Inseln hin und her."
    assert a.body.startswith("Die Reederei hat das Schiff")

"""Readers of every format, format detection, encodings, dates, languages."""
import gzip
import io
import json
from datetime import datetime, timezone
from zoneinfo import ZoneInfo

import pytest

import depesche
from depesche.ingest import IngestError, ItemError, iter_items, parse_date
from depesche.ingest.encoding import decode
from depesche.ingest.reader import sniff

from conftest import FIXTURES

BERLIN = ZoneInfo("Europe/Berlin")
DUMPS = FIXTURES / "ingest"

GERMAN = ("Die Bundesregierung hat am Mittwoch ein neues Gesetz zur Förderung von Wärmepumpen beschlossen. "
          "Die Ministerin sagte, der Umbau der Heizungen müsse sozial gerecht gestaltet werden.")


def page(title: str, paragraphs: list[str], charset: str = "utf-8", extra_head: str = "") -> str:
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    return (f'<!DOCTYPE html><html lang="de"><head><meta charset="{charset}"><title>{title}</title>{extra_head}'
            f"</head><body><article><h1>{title}</h1>{body}</article></body></html>")


# -- dates ------------------------------------------------------------------
@pytest.mark.parametrize("text,expected", [
    ("08.12.2021, 06:42 Uhr", datetime(2021, 12, 8, 6, 42, tzinfo=BERLIN)),
    ("8. Dezember 2021", datetime(2021, 12, 8, tzinfo=BERLIN)),
    ("Mittwoch, 8. Dez. 2021 um 6:42 Uhr", datetime(2021, 12, 8, 6, 42, tzinfo=BERLIN)),
    ("Stand: 14.03.2023 17:05 Uhr", datetime(2023, 3, 14, 17, 5, tzinfo=BERLIN)),
    ("3. März 2022", datetime(2022, 3, 3, tzinfo=BERLIN)),
    ("2021-12-08", datetime(2021, 12, 8, tzinfo=BERLIN)),
    ("2021-12-08 06:42:00", datetime(2021, 12, 8, 6, 42, tzinfo=BERLIN)),
    ("2021-12-08T05:42:00Z", datetime(2021, 12, 8, 5, 42, tzinfo=timezone.utc)),
    ("Wed, 08 Dec 2021 06:42:00 +0100", datetime(2021, 12, 8, 5, 42, tzinfo=timezone.utc)),
])
def test_parse_date(text, expected):
    got = parse_date(text)
    assert got is not None and got.tzinfo is not None
    assert got == expected


def test_parse_date_keeps_offset_and_rejects_junk():
    assert parse_date("2021-12-08T06:42:00+01:00").utcoffset().total_seconds() == 3600
    for junk in ("", "gestern", "32.13.2021", "Dezember", None, 42, "x" * 500):
        assert parse_date(junk) is None


# -- encodings ---------------------------------------------------------------
@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "latin-1", "cp1252", "utf-16"])
def test_text_dump_in_any_encoding_comes_out_right(tmp_path, encoding):
    text = f"Politik\n\nÄrger über Gebühren\n\n{GERMAN} Maßnahmen „gegen“ Öl – sagt sie.\n"
    if encoding == "latin-1":
        text = text.replace("„", '"').replace("“", '"').replace("–", "-")
    f = tmp_path / f"{encoding}.txt"
    f.write_bytes(text.encode(encoding))
    a = depesche.read(f)
    assert a.headline == "Ärger über Gebühren"
    assert "Förderung von Wärmepumpen" in a.body and "Maßnahmen" in a.body
    assert "\ufeff" not in a.headline and "�" not in a.body


def test_wrong_charset_declaration_is_overruled_with_a_warning(tmp_path):
    html = page("Wärmepumpen für alle", [GERMAN, "Kritik kam von der Opposition, die höhere Kosten fürchtet."],
                charset="iso-8859-1")
    f = tmp_path / "wrong.html"
    f.write_bytes(html.encode("utf-8"))
    a = depesche.read(f)
    assert "Förderung von Wärmepumpen" in a.body and "Ã" not in a.body
    assert any("declared charset" in w for w in a.extra["warnings"])


def test_cp1252_page_without_declaration(tmp_path):
    html = page("Wärmepumpen für alle", [GERMAN, "„Das wird teuer“, sagte der Oppositionsführer."]).replace(
        '<meta charset="utf-8">', "")
    f = tmp_path / "nodecl.html"
    f.write_bytes(html.encode("cp1252"))
    a = depesche.read(f)
    assert "„Das wird teuer“" in a.body and "Förderung" in a.body


def test_decode_prefers_bom_and_strict_utf8():
    assert decode("Grüße".encode("utf-8-sig")).text == "Grüße"
    assert decode("Grüße".encode("utf-8"), "windows-1252").text == "Grüße"
    assert decode("Grüße".encode("cp1252"), "utf-8").text == "Grüße"


# -- formats -----------------------------------------------------------------
def test_sniffing():
    assert sniff(b"WARC/1.0\r\n") == "warc"
    assert sniff(b'<?xml version="1.0"?><rss version="2.0">') == "feed"
    assert sniff(b'<feed xmlns="http://www.w3.org/2005/Atom">') == "feed"
    assert sniff(b"<!DOCTYPE html><html>") == "html"
    assert sniff(b'{"url": "x"}\n') == "jsonl"
    assert sniff(b"Politik\n\nEine Zeile") is None


def test_read_from_str_and_bytes_and_format_override():
    a = depesche.read("Kurze Meldung\n\n" + GERMAN, published="2023-05-01")
    assert a.format == "text" and a.headline == "Kurze Meldung"
    assert a.published == datetime(2023, 5, 1, tzinfo=BERLIN)
    b = depesche.read(page("Wärmepumpen", [GERMAN]).encode("utf-8"), url="https://example.org/w")
    assert b.format == "html" and b.url == "https://example.org/w" and "Wärmepumpen" in b.body
    with pytest.raises(ValueError):
        depesche.read(GERMAN, format="pdf")
    with pytest.raises(ItemError):
        depesche.read(b"")
    with pytest.raises(ItemError, match="no such file"):
        depesche.read("tippfehler/seite.html")


def test_jsonl_news_please_and_cc_news_fields():
    items = list(iter_items(DUMPS / "dump.jsonl"))
    assert [type(x).__name__ for x in items] == ["Article", "IngestError", "Article"]
    first, bad, third = items
    assert first.headline == "Ministerin kündigt Hilfspaket an"
    assert first.published == datetime(2023, 2, 10, 14, 30, tzinfo=BERLIN)
    assert first.modified == datetime(2023, 2, 10, 16, 0, tzinfo=BERLIN)
    assert first.authors == ["Lena Probst"] and first.outlet == "beispiel-zeitung.de"
    assert first.teaser == "Weitere 50 Millionen Euro für die Erdbebenregion."
    assert len(first.paragraphs) == 3 and first.format == "jsonl"
    assert first.source_ref.offset == 0
    assert bad.item.endswith("dump.jsonl:2") and "malformed JSON" in bad.reason
    assert third.outlet == "andere-zeitung.de" and third.published.utcoffset().total_seconds() == 3600
    raw = (DUMPS / "dump.jsonl").read_bytes()
    assert raw[third.source_ref.offset:].startswith(b'{"url": "https://www.andere-zeitung.de')


def test_gzipped_jsonl(tmp_path):
    rec = {"url": "https://example.org/a", "title": "Titel", "maintext": GERMAN}
    f = tmp_path / "dump.jsonl.gz"
    f.write_bytes(gzip.compress((json.dumps(rec, ensure_ascii=False) + "\n").encode()))
    (a,) = list(iter_items(f))
    assert a.headline == "Titel" and a.url == "https://example.org/a"


RSS = """<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel><title>Beispielblatt</title><link>https://www.beispielblatt.de/</link>
<item><title>Ministerin besucht Flutgebiet</title><link>https://www.beispielblatt.de/flut-1</link>
<pubDate>Tue, 14 Mar 2023 09:15:00 +0100</pubDate><dc:creator>Paul Probe</dc:creator><category>Inland</category>
<description>Kurzer Anriss zum Besuch.</description>
<content:encoded><![CDATA[<p>Die Ministerin hat am Dienstag das Flutgebiet besucht.</p><h2>Hilfe zugesagt</h2><p>Sie sagte, der Bund werde beim Wiederaufbau helfen. Die Betroffenen bräuchten jetzt schnelle Unterstützung.</p>]]></content:encoded></item>
<item><title>Nur mit Zusammenfassung</title><link>https://www.beispielblatt.de/kurz-2</link>
<description>&lt;p&gt;Der Landtag hat am Mittwoch über den Haushalt beraten. Die Opposition kritisierte die geplanten Kürzungen scharf.&lt;/p&gt;</description></item>
<item><title>Leer</title><link>https://www.beispielblatt.de/leer-3</link></item>
</channel></rss>"""


def test_rss_entries_with_content_summary_and_an_empty_entry(tmp_path):
    f = tmp_path / "feed.rss"
    f.write_text(RSS, encoding="utf-8")
    items = list(iter_items(f, published="2023-03-15"))
    assert [type(x).__name__ for x in items] == ["Article", "Article", "IngestError"]
    a, b, err = items
    assert a.format == "feed" and a.headline == "Ministerin besucht Flutgebiet"
    assert a.url == "https://www.beispielblatt.de/flut-1"
    assert a.published == datetime(2023, 3, 14, 8, 15, tzinfo=timezone.utc)
    assert a.authors == ["Paul Probe"] and a.keywords == ["Inland"] and a.outlet == "beispielblatt.de"
    assert a.subheadings == ["Hilfe zugesagt"] and a.teaser == "Kurzer Anriss zum Besuch."
    assert b.body.startswith("Der Landtag hat am Mittwoch") and "<p>" not in b.body
    assert b.published == datetime(2023, 3, 15, tzinfo=BERLIN)  # from --published
    assert err.item.endswith("#entry-3") and "neither content nor summary" in err.reason


ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Atomblatt</title><link href="https://atom.example.de/"/>
<entry><title>Gipfel vertagt</title><link href="https://atom.example.de/g"/><id>urn:x:1</id>
<updated>2023-04-01T10:00:00+02:00</updated><author><name>Eva Test</name></author>
<content type="html">&lt;p&gt;Der Gipfel der Regierungschefs wurde am Samstag ohne Ergebnis vertagt. Die Gespräche sollen in zwei Wochen weitergehen.&lt;/p&gt;</content></entry>
</feed>"""


def test_atom_feed(tmp_path):
    f = tmp_path / "feed.atom"
    f.write_text(ATOM, encoding="utf-8")
    (a,) = list(iter_items(f))
    assert a.headline == "Gipfel vertagt" and a.authors == ["Eva Test"]
    assert a.published == datetime(2023, 4, 1, 8, 0, tzinfo=timezone.utc)
    assert a.extra["feed_entry_id"] == "urn:x:1"


def write_warc(path, pages, *, gz=True):
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with open(path, "wb") as fh:
        writer = WARCWriter(fh, gzip=gz)
        for url, html, date, ctype in pages:
            headers = StatusAndHeaders("200 OK", [("Content-Type", ctype)], protocol="HTTP/1.1")
            rec = writer.create_warc_record(url, "response", payload=io.BytesIO(html),
                                            http_headers=headers, warc_headers_dict={"WARC-Date": date})
            writer.write_record(rec)


def test_warc_html_responses_with_url_date_and_offset(tmp_path):
    f = tmp_path / "crawl.warc.gz"
    write_warc(f, [
        ("https://www.beispiel.de/a", page("Erste Seite", [GERMAN]).encode(), "2023-01-02T10:00:00Z",
         "text/html; charset=utf-8"),
        ("https://www.beispiel.de/logo.png", b"\x89PNG\r\n", "2023-01-02T10:00:01Z", "image/png"),
        ("https://www.beispiel.de/b", page("Zweite Seite", ["Die Polizei hat am Montag in Hamburg drei "
                                                         "Verdächtige festgenommen. Ihnen wird Betrug vorgeworfen."],
                                          charset="windows-1252").encode("cp1252"),
         "2023-01-03T11:30:00Z", "text/html"),
    ])
    items = list(iter_items(f))
    assert [type(x).__name__ for x in items] == ["Article", "Article"]
    a, b = items
    assert a.format == "warc" and a.url == "https://www.beispiel.de/a"
    assert a.published == datetime(2023, 1, 2, 10, 0, tzinfo=timezone.utc)
    assert a.source_ref.offset == 0 and b.source_ref.offset > 0
    assert b.source_ref.location == str(f)
    assert "festgenommen" in b.body
    from warcio.archiveiterator import ArchiveIterator

    with open(f, "rb") as fh:  # the offset points at the record the article came from
        fh.seek(b.source_ref.offset)
        record = next(iter(ArchiveIterator(fh)))
        assert record.rec_headers.get_header("WARC-Target-URI") == b.url


def test_non_german_is_stored_and_flagged():
    (a,) = list(iter_items(DUMPS / "english.html"))
    assert a.language == "en"
    assert any("not German" in w for w in a.extra["warnings"])


def test_folder_walk_skips_other_files_and_is_sorted(tmp_path):
    (tmp_path / "b.txt").write_text("Meldung B\n\n" + GERMAN, encoding="utf-8")
    (tmp_path / "a.txt").write_text("Meldung A\n\n" + GERMAN.replace("Mittwoch", "Montag"), encoding="utf-8")
    (tmp_path / "README.md").write_text("# not news", encoding="utf-8")
    (tmp_path / ".hidden.txt").write_text("Versteckt\n\n" + GERMAN, encoding="utf-8")
    heads = [x.headline for x in iter_items(tmp_path)]
    assert heads == ["Meldung A", "Meldung B"]
    assert isinstance(next(iter(iter_items(tmp_path / "fehlt.txt"))), IngestError)


def test_json_array_of_records(tmp_path):
    f = tmp_path / "export.json"
    f.write_text(json.dumps([{"url": "https://example.org/1", "title": "Eins", "maintext": GERMAN},
                             {"title": "ohne Text"}], ensure_ascii=False), encoding="utf-8")
    a, err = list(iter_items(f))
    assert a.headline == "Eins" and a.format == "jsonl"
    assert err.item.endswith("export.json#record-2") and "no article text" in err.reason


def test_fallback_html_reader_reads_json_ld():
    """The minimal trafilatura reader used when depesche.ingest.html is missing."""
    from depesche.ingest.htmlpage import fallback_read_html

    from conftest import REPO

    data = (REPO / "demo/html/haushalt-bundestag.html").read_bytes()
    a = fallback_read_html(data, url="https://www.hansezeitung.example/politik/haushalt-bundestag.html")
    assert a.headline == "Lindner verteidigt Sparkurs im Bundestag"
    assert a.authors == ["Jonas Kettler", "Sina Brodersen"] and a.outlet == "Hansezeitung"
    assert a.published == datetime(2024, 2, 1, 16, 5, tzinfo=BERLIN)
    assert "Grüne wollen Reform der Schuldenbremse" in [a.body[p.start:p.end] for p in a.paragraphs if p.kind == "h"]
    assert "Impressum" not in a.body and "Meistgelesen" not in a.body

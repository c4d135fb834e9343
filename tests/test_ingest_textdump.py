"""The plain-text page-dump reader: the ntv sample and our own dumps of other shapes."""
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

import depesche
from depesche.ingest.textdump import parse_source_line, read_text_dump, split_kicker

from conftest import FIXTURES

DUMPS = FIXTURES / "ingest"


@pytest.fixture(scope="module")
def sample(shared):
    return depesche.read(shared / "samples" / "ntv-biden-putin-videogipfel.txt", published="2021-12-08")


def test_sample_header(sample):
    assert sample.format == "text"
    assert sample.section == "Politik"
    assert sample.kicker == "Putin gegen NATO-Osterweiterung"
    assert sample.headline == "Biden will notfalls Ukraine aufrüsten"
    assert sample.image == "d5fb7c27ec7a03849a5b26ad97b60ccf.jpg"
    assert sample.caption == "Die Staatschefs Biden und Putin trafen sich virtuell."
    assert sample.credit == "REUTERS"
    assert sample.teaser.startswith("Lang ist ihr Gespräch nicht")
    assert sample.teaser.endswith("folgt eine militärische Antwort.")
    assert sample.language == "de"
    assert sample.published == datetime(2021, 12, 8, tzinfo=ZoneInfo("Europe/Berlin"))


def test_sample_source_line(sample):
    assert (sample.outlet, sample.agency, sample.author_initials) == ("ntv.de", "dpa", "fzö")


def test_sample_body(sample):
    body = sample.body
    assert body.startswith("US-Präsident Joe Biden will die Ukraine")
    assert sample.subheadings == ["Gespräche sollen fortgesetzt werden"]
    # the two prose paragraphs after "Mehr zum Thema" stay body text, the marker goes
    assert "Russland sieht sich von einem Vorrücken der NATO bedroht" in body
    assert body.endswith("Die Gespräche sollten fortgesetzt werden.")
    assert "Mehr zum Thema" not in body
    for junk in ("Dienste", "Newsletter", "Software", "Ich möchte gerne", "Quelle:", "REUTERS", ".jpg"):
        assert junk not in body
    assert sample.teaser not in body
    kinds = [p.kind for p in sample.paragraphs]
    assert kinds == ["p", "p", "p", "h", "p", "p"]
    for p in sample.paragraphs:  # offsets index the body, no stray whitespace
        text = body[p.start:p.end]
        assert text == text.strip() and text


def test_two_line_header_date_author_several_subheadings_and_agencies():
    a = depesche.read(DUMPS / "wirtschaft-zwei-zeilen.txt")
    assert a.section == "Wirtschaft"
    assert a.kicker == "Streit um den Bundeshaushalt"
    assert a.headline == "Finanzminister lehnt neue Schulden ab"
    assert a.published == datetime(2023, 3, 14, 17, 5, tzinfo=ZoneInfo("Europe/Berlin"))
    assert a.authors == ["Jana Beispielmann"]
    assert a.image is None and a.caption is None
    assert a.subheadings == ["Kanzler mahnt zur Eile", "Opposition spricht von Chaos"]
    assert a.outlet == "tagesblatt-beispiel.de"
    assert a.agency == "AFP, Reuters"
    assert a.author_initials == "abc"
    # link lines under the marker are related links, the prose after them is body
    assert a.extra["related"] == ["Haushalt: Was die Schuldenbremse erlaubt", "Ministerien melden Mehrbedarf an"]
    assert "Was die Schuldenbremse erlaubt" not in a.body
    assert a.body.endswith('verlangte eine Regierungserklärung.')
    assert "Tagesblatt Dienste" not in a.body and "E-Mail" not in a.body


def test_no_section_no_source_line_inline_credit_and_footer_junk():
    a = depesche.read(DUMPS / "panorama-ohne-quelle.txt")
    assert a.section is None and a.kicker is None
    assert a.headline == "Polizei nimmt Demonstranten in Lützerath fest"
    assert a.image == "https://bilder.beispiel.de/2023/01/raeumung.jpg"
    assert a.caption == "Einsatzkräfte tragen einen Aktivisten vom Gelände."
    assert a.credit == "Max Muster/dpa"
    assert a.outlet is None and a.agency is None
    assert "Artikel teilen" not in a.body and "Impressum" not in a.body
    assert a.body.endswith("der Rechtsstaat müsse sich durchsetzen.")


def test_kicker_split_on_one_line_with_reuters_short_form():
    a = depesche.read(DUMPS / "ausland-reuters.txt")
    assert (a.section, a.kicker, a.headline) == ("Ausland", "Gipfel in Brüssel",
                                                 "EU-Staaten einigen sich auf neue Sanktionen")
    assert a.agency == "Reuters" and a.author_initials is None
    assert a.outlet == "nachrichten-beispiel.de"


@pytest.mark.parametrize("line,expected", [
    ("Putin gegen NATO-Osterweiterung Biden will notfalls Ukraine aufrüsten",
     ("Putin gegen NATO-Osterweiterung", "Biden will notfalls Ukraine aufrüsten")),
    ("Nach Treffen mit Macron Scholz sichert Kiew weitere Hilfe zu",
     ("Nach Treffen mit Macron", "Scholz sichert Kiew weitere Hilfe zu")),
    ("Historische Wahl Chile wählt linken Präsidenten", ("Historische Wahl", "Chile wählt linken Präsidenten")),
    ("Ukraine-Krise Biden warnt Putin", ("Ukraine-Krise", "Biden warnt Putin")),
    ("Ungarn stimmt zu Schweden wird 32. NATO-Mitglied", ("Ungarn stimmt zu", "Schweden wird 32. NATO-Mitglied")),
    ("Merz stimmt dem Antrag zu", (None, "Merz stimmt dem Antrag zu")),
    ("Zinsentscheid Notenbank lässt Leitzins unverändert", ("Zinsentscheid", "Notenbank lässt Leitzins unverändert")),
    ("Annalena Baerbock reist nach Kiew", (None, "Annalena Baerbock reist nach Kiew")),
    ("Friedrich Merz fordert Neuwahlen", (None, "Friedrich Merz fordert Neuwahlen")),
    # no kicker: a title must not be cut from its name, and plain headlines stay whole
    ("Bundeskanzler Olaf Scholz besucht Kiew", (None, "Bundeskanzler Olaf Scholz besucht Kiew")),
    ("US-Präsident Joe Biden droht Russland mit Sanktionen",
     (None, "US-Präsident Joe Biden droht Russland mit Sanktionen")),
    ("Scholz besucht Kiew", (None, "Scholz besucht Kiew")),
    ("Scholz: Wir stehen an der Seite der Ukraine", (None, "Scholz: Wir stehen an der Seite der Ukraine")),
    ("Ministerin kündigt Hilfspaket an", (None, "Ministerin kündigt Hilfspaket an")),
])
def test_split_kicker(line, expected):
    assert split_kicker(line) == expected


@pytest.mark.parametrize("text,outlet,initials,agencies", [
    ("ntv.de, fzö/dpa", "ntv.de", ["fzö"], ["dpa"]),
    ("ntv.de, mli/dpa/AFP", "ntv.de", ["mli"], ["dpa", "AFP"]),
    ("n-tv.de, jog/rts", "n-tv.de", ["jog"], ["Reuters"]),
    ("ntv.de, ghö/rtr/AP", "ntv.de", ["ghö"], ["Reuters", "AP"]),
    ("ntv.de, epd, KNA", "ntv.de", [], ["epd", "KNA"]),
    ("dpa", None, [], ["dpa"]),
    ("zeitung.de", "zeitung.de", [], []),
])
def test_parse_source_line(text, outlet, initials, agencies):
    got = parse_source_line(text)
    assert (got["outlet"], got["initials"], got["agencies"]) == (outlet, initials, agencies)


def test_single_paragraph_has_no_teaser_and_wrapped_lines_are_joined():
    a = read_text_dump("Kurzmeldung zur Wahl\n\nDie Wahlbeteiligung lag nach Angaben der Landeswahlleiterin\n"
                       "bei knapp sechzig Prozent und damit deutlich unter dem Wert der letzten Wahl.\n")
    assert a.headline == "Kurzmeldung zur Wahl"
    assert a.teaser is None
    assert a.body == ("Die Wahlbeteiligung lag nach Angaben der Landeswahlleiterin bei knapp sechzig Prozent "
                      "und damit deutlich unter dem Wert der letzten Wahl.")


def test_dump_without_blank_lines_caption_without_credit_and_bare_credit_line():
    text = "\n".join([
        "Wirtschaft",
        "Zinsentscheid Notenbank lässt Leitzins unverändert",
        "notenbank.png",
        "Das Gebäude der Notenbank in Frankfurt.",
        "Foto: Beispiel-Agentur",
        "Die Währungshüter warten ab. Eine Senkung sei verfrüht, heißt es.",
        "Die Notenbank hat den Leitzins am Donnerstag nicht verändert. Die Inflation sei noch zu hoch, sagte die "
        "Präsidentin nach der Sitzung des Rates.",
        "Ökonomen hatten mit diesem Schritt gerechnet. Sie erwarten eine erste Senkung im Sommer.",
        "Quelle: geldblatt.example, kna/dts",
    ])
    a = read_text_dump(text)
    assert (a.section, a.kicker, a.headline) == ("Wirtschaft", "Zinsentscheid", "Notenbank lässt Leitzins unverändert")
    assert (a.image, a.caption, a.credit) == ("notenbank.png", "Das Gebäude der Notenbank in Frankfurt.",
                                              "Beispiel-Agentur")
    assert a.teaser.startswith("Die Währungshüter")
    assert len(a.paragraphs) == 2 and a.body.endswith("im Sommer.")
    assert (a.outlet, a.agency, a.author_initials) == ("geldblatt.example", "KNA, dts", None)


def test_bare_credit_line_closes_the_article():
    text = ("Ausland\n\nKrisentreffen in Genf: Diplomaten ringen um Waffenruhe\n\n"
            "Die Gespräche dauerten bis in die Nacht. Ein Durchbruch blieb nach Angaben von Teilnehmern aus.\n\n"
            "Der Sondergesandte sagte am Abend, beide Seiten hätten sich zumindest auf einen Zeitplan geeinigt.\n\n"
            "mrc/dpa/AFP\n\nArtikel teilen\n")
    a = read_text_dump(text)
    assert (a.kicker, a.headline) == ("Krisentreffen in Genf", "Diplomaten ringen um Waffenruhe")
    assert (a.agency, a.author_initials) == ("dpa, AFP", "mrc")
    assert "mrc/dpa" not in a.body and "Artikel teilen" not in a.body

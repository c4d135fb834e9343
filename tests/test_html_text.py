"""Main-text cleanup rules: headline, boilerplate, teaser; and fuzzing of read_html."""
from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from depesche.ingest.common import ItemError
from depesche.ingest.html import read_html
from depesche.ingest.html_text import drop_boilerplate, drop_headline, is_noise, looks_like_prose

PROSE = "Der Gemeinderat hat am Abend über den Haushalt für das kommende Jahr beraten und ihn knapp beschlossen."


def test_drop_headline_only_where_it_opens_the_body():
    blocks = [("h", "Haushalt beschlossen"), ("p", PROSE)]
    assert drop_headline(blocks, ["Haushalt beschlossen"]) == [("p", PROSE)]
    later = [("p", PROSE)] * 4 + [("p", "Haushalt beschlossen")]
    assert drop_headline(later, ["Haushalt beschlossen"]) == later


def test_related_box_at_the_end_cuts_the_rest():
    blocks = [("p", PROSE)] * 5 + [("h", "Mehr zum Thema"), ("p", "Neue Schule eröffnet"), ("p", "Bad wird saniert")]
    assert drop_boilerplate(blocks) == [("p", PROSE)] * 5


def test_marker_early_in_text_is_dropped_alone():
    blocks = [("p", PROSE), ("h", "Das könnte Sie auch interessieren"), ("p", PROSE)] + [("p", PROSE)] * 3
    assert drop_boilerplate(blocks) == [("p", PROSE)] * 5


def test_sentences_that_start_like_markers_stay():
    text = "Kontakt zu den Behörden hatte der Mann nach eigenen Angaben nie gesucht."
    assert drop_boilerplate([("p", PROSE)] * 3 + [("p", text)]) == [("p", PROSE)] * 3 + [("p", text)]


def test_noise_lines():
    for line in ("Foto: Max Muster", "© dpa", "Titelbild: Rathaus bei Nacht", "Bild anzeigen", "2 von 17",
                 "Auch lesen: Zehn Tipps für den Garten", "23.10.2018", "24. März 2004, 19:49 | Genesis"):
        assert is_noise(line), line
    for line in (PROSE, "Fotografie ist ihre große Leidenschaft, sagt die Künstlerin.", "Am 23.10.2018 begann der Prozess gegen die drei Angeklagten."):
        assert not is_noise(line), line


def test_subtitles_are_not_teasers():
    assert looks_like_prose(PROSE)
    assert not looks_like_prose("Neue Taskforce nimmt die Arbeit auf")
    assert not looks_like_prose(None)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(st.binary(max_size=3000), st.text(max_size=3000),
                 st.lists(st.sampled_from(["<p>", "</p>", "<div>", "<script>", "</script>", "<h1>", "Wort ",
                                           "ä", "&amp;", "<!--", "-->", "<meta charset=\"x\">", "\x00"]),
                          max_size=300).map("".join)))
def test_read_html_raises_only_item_errors(data):
    try:
        read_html(data)
    except ItemError:
        pass


def test_label_words_need_a_separator_to_be_noise():
    assert is_noise("Quelle: Landesamt für Statistik")
    assert not is_noise("Quelle der Zahlen ist das Landesamt.")
    assert not is_noise("Bilder zeigen, wie hoch das Wasser stand.")


def test_advertising_description_is_not_a_teaser():
    page = """<html><head><meta name="description" content="Gartenstühle günstig kaufen ✓ Versandkostenfrei ✓ 30 Tage Rückgabe. Jetzt bestellen!"></head>
    <body><h1>Gartenstühle aus Holz</h1><div class="text"><p>Unsere Stühle werden in einer kleinen Werkstatt aus heimischer
    Lärche gefertigt. Das Holz ist unbehandelt und wird mit den Jahren silbergrau, ohne an Festigkeit zu verlieren.</p>
    <p>Jeder Stuhl wiegt etwa vier Kilogramm und lässt sich für den Winter platzsparend zusammenklappen. Ersatzteile
    liefern wir auch nach vielen Jahren noch nach, damit ein Stuhl nicht wegen einer Schraube auf dem Müll landet.</p></div></body></html>"""
    a = read_html(page)
    assert a.teaser is None
    assert a.body.startswith("Unsere Stühle werden")

"""The news tokenizer and the sentence splitter (rules only, no weights needed).

All sentences here are written for these tests.
"""
from __future__ import annotations

import pytest

import depesche


@pytest.fixture(scope="module")
def rules():
    return depesche.nlp("rules")


def words(nlp, text):
    return [t.text for t in nlp(text) if not t.is_space]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("„Das geht so nicht“, meinte sie.", ["„", "Das", "geht", "so", "nicht", "“", ",", "meinte", "sie", "."]),
        ("»Nie wieder«, rief er.", ["»", "Nie", "wieder", "«", ",", "rief", "er", "."]),
        ('Sie nannte es "schwierig".', ["Sie", "nannte", "es", '"', "schwierig", '"', "."]),
        ("Er sagte 'vielleicht' dazu.", ["Er", "sagte", "'", "vielleicht", "'", "dazu", "."]),
    ],
)
def test_quotation_marks_are_own_tokens(rules, text, expected):
    assert words(rules, text) == expected


@pytest.mark.parametrize("abbr", ["u.a.", "z.B.", "Dr.", "Nr.", "bzw.", "ca.", "Mio.", "Mrd.", "Prof.", "vgl.", "d.h."])
def test_abbreviations_keep_their_dot(rules, abbr):
    toks = words(rules, f"Im Bericht steht {abbr} eine Zahl.")
    assert abbr in toks
    assert toks[-1] == "."


def test_numbers_with_abbreviations(rules):
    assert words(rules, "Der Etat wuchs um ca. 3,5 Mrd. Euro auf 12 Mio. Nutzer.") == [
        "Der", "Etat", "wuchs", "um", "ca.", "3,5", "Mrd.", "Euro", "auf", "12", "Mio.", "Nutzer", "."]


def test_ordinal_dates_and_times(rules):
    toks = words(rules, "Am 7. Dezember um 06:42 Uhr begann die 3. Runde.")
    assert toks == ["Am", "7.", "Dezember", "um", "06:42", "Uhr", "begann", "die", "3.", "Runde", "."]


def test_sentence_final_time_and_year_lose_the_dot(rules):
    assert words(rules, "Das Treffen endete um 18:30.")[-2:] == ["18:30", "."]
    assert words(rules, "Das war im Jahr 2021.")[-2:] == ["2021", "."]
    assert words(rules, "Der Zähler stand bei 10.000.")[-2:] == ["10.000", "."]


@pytest.mark.parametrize("word", ["NATO-Osterweiterung", "US-Präsident", "Corona-Krise", "20er-Jahre", "E-Mail-Adresse"])
def test_hyphenated_compounds_stay_whole(rules, word):
    assert word in words(rules, f"Die {word} wurde erwähnt.")


@pytest.mark.parametrize("word", ["Kund:innen", "Bürger*innen", "Lehrer_innen", "Ärzt*in"])
def test_gender_forms_stay_whole(rules, word):
    toks = words(rules, f"Viele {word}, so die Umfrage, sind zufrieden.")
    assert word in toks
    assert "," in toks


def test_urls_and_handles(rules):
    toks = words(rules, "Mehr unter https://www.example.org/politik/artikel-1.html oder bei @redaktion_de und #Wahl2025.")
    assert "https://www.example.org/politik/artikel-1.html" in toks
    assert "@redaktion_de" in toks
    assert "#Wahl2025" in toks
    assert toks[-1] == "."


def test_tokens_cover_the_text(rules):
    text = "„Kund:innen“ zahlen ca. 5 Mio. Euro – u.a. für die NATO-Osterweiterung (7. Mai, 06:42 Uhr)."
    doc = rules(text)
    assert doc.text == text


def sents(nlp, text):
    return [s.text.strip() for s in nlp(text).sents if s.text.strip()]


def test_headline_caption_and_body_lines_are_sentences(rules):
    text = (
        "Ausland\n"
        "Gipfel endet ohne Einigung\n"
        "Die Delegationen vor dem Rathaus in Lübeck (Archivbild)\n"
        "\n"
        "Nach sechs Stunden brachen die Gespräche ab. Dr. Weber sprach am 7. Dezember von einem Rückschlag.\n"
        "Zwischentitel ohne Punkt\n"
        "Der Rest folgt."
    )
    assert sents(rules, text) == [
        "Ausland",
        "Gipfel endet ohne Einigung",
        "Die Delegationen vor dem Rathaus in Lübeck (Archivbild)",
        "Nach sechs Stunden brachen die Gespräche ab.",
        "Dr. Weber sprach am 7. Dezember von einem Rückschlag.",
        "Zwischentitel ohne Punkt",
        "Der Rest folgt.",
    ]


def test_quote_with_attribution_after_it_is_one_sentence(rules):
    text = "„Wir lehnen das ab. Das ist klar!“, sagte die Ministerin. „Warum?“ fragte ein Reporter. »Ja.« Dann ging sie."
    assert sents(rules, text) == [
        "„Wir lehnen das ab. Das ist klar!“, sagte die Ministerin.",
        "„Warum?“ fragte ein Reporter.",
        "»Ja.«",
        "Dann ging sie.",
    ]


def test_straight_quotes_and_unclosed_quotes(rules):
    text = 'Er sagte: "Wir gehen. Sofort." Danach war Ruhe. „Ein offenes Zitat. Ohne Ende.\nNeue Zeile.'
    assert sents(rules, text) == [
        'Er sagte: "Wir gehen. Sofort."',
        "Danach war Ruhe.",
        "„Ein offenes Zitat.",
        "Ohne Ende.",
        "Neue Zeile.",
    ]


def test_repeated_punctuation_ends_one_sentence(rules):
    assert sents(rules, "Nie wieder!!! Wirklich?! Ja.") == ["Nie wieder!!!", "Wirklich?!", "Ja."]


def test_spaced_abbreviations_titles_streets_and_scores(rules):
    text = ("Es gibt z. B. Birnen, d. h. Obst. Sie traf Dr. med. Weber in der Lindenstr. 4 am Markt. "
            "Das Spiel endete 2:1. Die Fans jubelten.")
    assert sents(rules, text) == [
        "Es gibt z. B. Birnen, d. h. Obst.",
        "Sie traf Dr. med. Weber in der Lindenstr. 4 am Markt.",
        "Das Spiel endete 2:1.",
        "Die Fans jubelten.",
    ]


def test_no_split_at_abbreviations(rules):
    text = "Es kamen u.a. Vertreter von Bund bzw. Ländern, z.B. aus Bayern. Danach war Schluss."
    assert sents(rules, text) == ["Es kamen u.a. Vertreter von Bund bzw. Ländern, z.B. aus Bayern.", "Danach war Schluss."]


def test_empty_and_whitespace_text(rules):
    assert len(rules("")) == 0
    assert sents(rules, "  \n\n ") == []


def test_unknown_pipeline_name_is_a_clear_error():
    from depesche.nlp import load

    with pytest.raises(ValueError, match="unknown pipeline"):
        load("gigantic")

"""Quotation detection and attribution on hand-written German text."""
from __future__ import annotations

import pytest
import spacy

from depesche.quotes.api import available_models, extract_quotes
from depesche.quotes.corpus import doc_from_text
from depesche.quotes.lexicon import konjunktiv


@pytest.fixture(scope="module")
def nlp():
    """The language core when it loads; else a blank German pipeline, since the
    quotes stage must work with sentences only."""
    try:
        from depesche.nlp import load

        return load()
    except Exception:  # the language core's weights may not be there yet
        blank = spacy.blank("de")
        blank.add_pipe("sentencizer")
        return blank


MODELS = available_models()
TEXT = (
    "Der Stadtrat von Lindenau hat am Montag über die neue Brücke beraten. "
    "„Wir haben lange genug gewartet“, sagte Bürgermeisterin Petra Albrecht nach der Sitzung. "
    "Die Kosten seien aber höher als geplant, räumte sie ein. "
    "Laut dem Bauamt wird die Hauptstraße ab Mai gesperrt."
)


def _find(quotes, needle):
    for q in quotes:
        if any(needle in s.text for s in q.quote):
            return q
    return None


def test_both_models_are_offered():
    assert "rules" in MODELS
    assert "wikinews" in MODELS


@pytest.mark.parametrize("model", MODELS)
def test_direct_quote_with_speaker_and_cue(nlp, model):
    quotes = extract_quotes(doc_from_text(TEXT, nlp), model=model)
    q = _find(quotes, "lange genug gewartet")
    assert q is not None and q.type == "Direct"
    assert any("Albrecht" in s.text for s in q.speaker)
    assert [s.text for s in q.cue] == ["sagte"]
    # offsets index into the text
    for s in q.quote + q.speaker + q.cue + q.frame:
        assert TEXT[s.start:s.end] == s.text


@pytest.mark.parametrize("model", MODELS)
def test_indirect_quote_in_konjunktiv(nlp, model):
    quotes = extract_quotes(doc_from_text(TEXT, nlp), model=model)
    q = _find(quotes, "Kosten seien")
    assert q is not None and q.type == "Indirect"
    # the corpus marks the pronoun; the learned selector may name the person it stands for.
    # wikinews-e5's selector picks "sie", and its verifier withholds it (estimated precision
    # 0.167 below its threshold 0.175): a known miss, listed in the model card
    allowed = (["sie"], ["Bürgermeisterin Petra Albrecht"]) + (([],) if model == "wikinews-e5" else ())
    assert [s.text for s in q.speaker] in allowed
    assert "räumte" in [s.text for s in q.cue]


@pytest.mark.parametrize("model", MODELS)
def test_interrupted_direct_quote_is_one_quotation(nlp, model):
    text = ("„Die Lage ist ernst“, sagte der Minister, „aber wir haben einen Plan.“ "
            "Danach verließ er den Saal.")
    quotes = extract_quotes(doc_from_text(text, nlp), model=model)
    direct = [q for q in quotes if q.type == "Direct"]
    assert len(direct) == 1
    assert len(direct[0].quote) == 2
    assert direct[0].speaker and direct[0].speaker[0].text == "der Minister"


@pytest.mark.parametrize("model", MODELS)
def test_text_without_quotations_gives_none(nlp, model):
    text = "Die Sonne schien über dem Hafen. Am Nachmittag legten drei Schiffe ab."
    assert extract_quotes(doc_from_text(text, nlp), model=model) == []


@pytest.mark.parametrize("model", MODELS)
def test_odd_input_does_not_crash(nlp, model):
    for text in ["", "   ", "„", "“„“„", "sagte sagte sagte", "\n\n\"", "A" * 3000]:
        quotes = extract_quotes(doc_from_text(text, nlp), model=model)
        assert isinstance(quotes, list)


def test_unknown_model_is_a_clear_error(nlp):
    with pytest.raises(ValueError, match="unknown quotes model"):
        extract_quotes(doc_from_text(TEXT, nlp), model="gpt")


def test_konjunktiv_fallback():
    assert konjunktiv("sei") == "I"
    assert konjunktiv("würde") == "II"
    assert konjunktiv("ist") is None



def test_a_marked_quotation_a_colon_introduces_is_kept_without_speaker_or_cue():
    from depesche.model import Quote, Span
    from depesche.quotes.api import _drop_unattributed

    text = "Die Sprecherin versuchte zu beruhigen: „Das Netz ist stabil.“ Auf dem Plakat stand „Das Netz ist stabil.“"
    doc = doc_from_text(text)

    def marked(start):
        end = text.index("“", start) + 1
        # found by the quotation-mark rule only: no speaker, no cue, confidence below the tagger's
        return Quote(type="Direct", quote=[Span(start, end, text[start:end])], confidence=0.6)

    after_colon, on_a_sign = marked(text.index("„")), marked(text.rindex("„"))
    assert _drop_unattributed([after_colon, on_a_sign], doc) == [after_colon]
    assert _drop_unattributed([after_colon, on_a_sign]) == []  # without the text: the old rule

"""Sentence boundaries for news text (the ``depesche_sentences`` component).

News pages mix running text with lines that have no final punctuation:
headlines, captions, subheadings, photo credits.  A line break therefore
always ends a sentence.  Inside running text a sentence ends at ``. ! ? …``
(plus any closing quotation marks or brackets glued to it), unless the next
token continues the sentence: a comma ("„Wir kommen.“, sagte sie.") or a
lowercase word ("„Warum?“ fragte er.").  Abbreviations ("Dr.", "u.a.") and
ordinals ("7. Dezember") are single tokens and do not end a sentence; an
ordinal-looking number ("Er wurde 75. Dann …") and the few abbreviations that
can close a sentence ("usw.") end one only when the next word is neither
noun, proper noun, adjective nor number (needs the POS, so the component
runs after the morphologizer; without POS they never split).
"""
from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc

FINAL_PUNCT = re.compile(r"^(?:[.!?]+|…|\.\.\.)$")
CLOSERS = {"“", "”", '"', "«", "»", "'", "‘", "’", "›", "‹", ")", "]", "}"}
CONTINUATION = {",", ";", ":", "-", "–", "—"}
ORDINAL = re.compile(r"^\d{1,3}\.$")
#: Abbreviations that often stand at the end of a sentence.
CLOSING_ABBREVIATIONS = {"usw.", "etc.", "u.ä.", "o.ä.", "u.v.m.", "ff.", "bzw."}
#: POS of a next word that makes "75." an ordinal ("der 3. Weltkrieg").
ORDINAL_HEADS = {"NOUN", "PROPN", "ADJ", "NUM", ""}


def _is_newline(token) -> bool:
    return token.is_space and "\n" in token.text


def _continues(token) -> bool:
    """Does ``token`` carry on the sentence before it?"""
    text = token.text
    return text in CONTINUATION or text[:1].islower()


def set_sentence_starts(doc: Doc) -> Doc:
    n = len(doc)
    if n == 0:
        return doc
    starts = [False] * n
    starts[0] = True
    i = 0
    while i < n:
        tok = doc[i]
        end = None  # index of the last token of a sentence ending here
        if _is_newline(tok):
            end = i
        elif FINAL_PUNCT.match(tok.text):
            end = i
            # closing quotes/brackets glued to the punctuation belong to it
            while end + 1 < n and doc[end + 1].text in CLOSERS and not doc[end].whitespace_:
                end += 1
            if end + 1 < n and _continues(doc[end + 1]):
                end = None
        elif tok.text.endswith(".") and len(tok.text) > 1 and i + 1 < n:
            nxt = doc[i + 1]
            if (ORDINAL.match(tok.text) or tok.text in CLOSING_ABBREVIATIONS) and nxt.text[:1].isupper():
                if nxt.pos_ not in ORDINAL_HEADS and nxt.text not in MONTHS:
                    end = i
        if end is not None:
            j = end + 1
            # whitespace tokens stay with the sentence they follow
            while j < n and doc[j].is_space:
                j += 1
            if j < n:
                starts[j] = True
            i = max(j, i + 1)
            continue
        i += 1
    for tok, start in zip(doc, starts):
        tok.is_sent_start = start
    return doc


MONTHS = {
    "Januar", "Jänner", "Februar", "März", "April", "Mai", "Juni", "Juli", "August",
    "September", "Oktober", "November", "Dezember",
}


@Language.component("depesche_sentences")
def depesche_sentences(doc: Doc) -> Doc:
    """Set ``is_sent_start`` on every token (see module docstring)."""
    return set_sentence_starts(doc)

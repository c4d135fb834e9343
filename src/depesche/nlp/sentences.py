"""Sentence boundaries for news text (the ``depesche_sentences`` component).

News pages mix running text with lines that have no final punctuation:
headlines, captions, subheadings, photo credits.  A line break therefore
always ends a sentence.  Inside running text a sentence ends at ``. ! ? …``
(plus any closing quotation marks or brackets glued to it), unless the next
token continues the sentence: a comma ("„Wir kommen.“, sagte sie.") or a
lowercase word ("„Warum?“ fragte er.").  Nor does a sentence end inside a
quotation that closes on the same line: „Wir kommen. Wir bleiben.“, sagte
sie. is one sentence, so a quote stays with its attribution.  Abbreviations ("Dr.", "u.a.") and
ordinals ("7. Dezember") are single tokens and do not end a sentence; an
ordinal-looking number ("Er wurde 75. Dann …") and the few abbreviations that
can close a sentence ("usw.") end one only when the next word is neither
noun, proper noun, adjective nor number (needs the POS, so the component
runs after the morphologizer; without POS they never split).
"""
from __future__ import annotations

import re

import numpy
from spacy.attrs import ORTH, SENT_START, SPACY
from spacy.language import Language
from spacy.tokens import Doc

FINAL_PUNCT = re.compile(r"^(?:[.!?]+|…|\.\.\.)$")
CLOSERS = {"“", "”", '"', "«", "»", "'", "''", "‘", "’", "›", "‹", ")", "]", "}"}
CONTINUATION = {",", ";", ":", "-", "–", "—"}
ORDINAL = re.compile(r"^\d{1,3}\.$")
#: Abbreviations that often stand at the end of a sentence.
CLOSING_ABBREVIATIONS = {"usw.", "etc.", "u.ä.", "o.ä.", "u.v.m.", "ff.", "bzw."}
#: POS of a next word that makes "75." an ordinal ("der 3. Weltkrieg").
ORDINAL_HEADS = {"NOUN", "PROPN", "ADJ", "NUM", ""}


# Token classes, decided once per vocabulary entry (cached by orth id).
PLAIN, NEWLINE, SPACE, FINAL, CLOSER, CONTINUES, CAPITAL, DOTTED, OPENER = range(9)
QUOTE_CLASSES = {CLOSER, OPENER}


def _closes_quote(doc: Doc, classes: list[int], i: int) -> bool:
    """Is the final punctuation at ``i`` followed by the closing quote ("ab.“")?"""
    return i + 1 < len(classes) and classes[i + 1] == CLOSER and not doc[i].whitespace_


def _classify(text: str) -> int:
    if text.isspace():
        return NEWLINE if "\n" in text else SPACE
    if FINAL_PUNCT.match(text):
        return FINAL
    if text in CLOSERS:
        return CLOSER
    if text in OPENING_QUOTES:
        return OPENER
    if len(text) > 1 and text.endswith(".") and (ORDINAL.match(text) or text in CLOSING_ABBREVIATIONS):
        return DOTTED
    if text in CONTINUATION or text[:1].islower():
        return CONTINUES
    if text[:1].isupper():
        return CAPITAL
    return PLAIN


_CLASS_CACHE: dict[int, int] = {}


def _classes(doc: Doc) -> list[int]:
    cache, strings = _CLASS_CACHE, doc.vocab.strings
    out = []
    for orth in doc.to_array(ORTH).tolist():
        cls = cache.get(orth)
        if cls is None:
            cls = cache[orth] = _classify(strings[orth])
        out.append(cls)
    return out


OPENING_QUOTES = {"„", "»", "‚", "›", "``"}
CLOSING_QUOTES = {"“", "«", "‘", "‹", "”", "''"}
#: A quotation longer than this (in tokens) is taken as unmatched.
MAX_QUOTE = 150


def quoted(doc: Doc, classes: list[int]) -> list[bool]:
    """Flags for tokens inside a matched quotation on one line.

    A sentence does not end inside a quotation, so that a quote of several
    sentences stays in one sentence with its attribution:
    „Wir lehnen das ab. Das ist klar“, sagte sie.
    """
    n = len(doc)
    inside = [False] * n
    opened = -1
    for i, cls in enumerate(classes):
        if cls == NEWLINE:
            opened = -1
        elif cls in QUOTE_CLASSES:
            text = doc[i].text
            if text == '"':  # straight quote: opens after whitespace, else closes
                is_open = opened < 0 and (i == 0 or bool(doc[i - 1].whitespace_) or classes[i - 1] in (SPACE, NEWLINE))
                is_close = opened >= 0
            else:
                is_open, is_close = text in OPENING_QUOTES, text in CLOSING_QUOTES
            if is_close and opened >= 0:
                if i - opened <= MAX_QUOTE:
                    for k in range(opened + 1, i):
                        inside[k] = True
                opened = -1
            elif is_open:
                opened = i
    return inside


def sentence_starts(doc: Doc) -> list[bool]:
    """One flag per token: does a sentence start here?"""
    n = len(doc)
    classes = _classes(doc)
    starts = [False] * n
    if n == 0:
        return starts
    starts[0] = True
    inside = quoted(doc, classes) if QUOTE_CLASSES.intersection(classes) else [False] * n
    spaces = None  # whitespace flags, fetched only when a closer needs them
    i = 0
    while i < n:
        cls = classes[i]
        end = None  # index of the last token of a sentence ending here
        if cls == NEWLINE:
            end = i
        elif cls == FINAL and inside[i] and not _closes_quote(doc, classes, i):
            pass  # not inside a quotation (unless the quote closes right after)
        elif cls == FINAL:
            end = i
            # closing quotes/brackets and more punctuation ("!!", "?!") glued
            # to the punctuation belong to it
            while end + 1 < n and classes[end + 1] in (CLOSER, FINAL):
                if spaces is None:
                    spaces = doc.to_array(SPACY).tolist()
                if spaces[end]:
                    break
                end += 1
            if end + 1 < n and classes[end + 1] == CONTINUES:
                end = None
        elif cls == DOTTED and i + 1 < n and classes[i + 1] == CAPITAL:
            nxt = doc[i + 1]
            if nxt.pos_ not in ORDINAL_HEADS and nxt.text not in MONTHS:
                end = i
        if end is not None:
            j = end + 1
            # whitespace tokens stay with the sentence they follow
            while j < n and classes[j] in (SPACE, NEWLINE):
                j += 1
            if j < n:
                starts[j] = True
            i = max(j, i + 1)
            continue
        i += 1
    return starts


def set_sentence_starts(doc: Doc) -> Doc:
    if len(doc) == 0:
        return doc
    flags = numpy.array([1 if s else -1 for s in sentence_starts(doc)], dtype="int32")
    doc.from_array([SENT_START], flags.reshape(-1, 1).astype("uint64"))
    return doc


MONTHS = {
    "Januar", "Jänner", "Februar", "März", "April", "Mai", "Juni", "Juli", "August",
    "September", "Oktober", "November", "Dezember",
}


@Language.component("depesche_sentences")
def depesche_sentences(doc: Doc) -> Doc:
    """Set ``is_sent_start`` on every token (see module docstring)."""
    return set_sentence_starts(doc)

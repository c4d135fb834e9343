"""Lemmas from a lexicon where it beats the edit trees (``depesche_lemmas``).

The edit-tree lemmatizer learns German inflection from ~2,500 sentences.  On
the UD holdout the lexicon of ``simplemma`` (MIT) is more accurate for
nouns, verbs and adjectives (it knows the irregular plurals and strong verbs
the treebank never showed), while the edit trees win for prepositions with
merged articles ("zum" -> "zu"), pronouns and names.  So for the open classes
the lexicon lemma is used whenever the lexicon knows the word; otherwise the
edit-tree lemma stays.  Scores in docs/model-card-tagger.md.
"""
from __future__ import annotations

from functools import lru_cache

import numpy
from spacy.attrs import IS_SPACE, POS
from spacy.language import Language
from spacy.symbols import IDS
from spacy.tokens import Doc

#: POS for which a known lexicon lemma replaces the edit-tree lemma.
LEXICON_POS = {"NOUN", "VERB", "AUX", "ADJ", "ADV", "DET"}
_LEXICON_POS_IDS = numpy.array([IDS[p] for p in sorted(LEXICON_POS)], dtype="uint64")


@lru_cache(maxsize=100000)
def lexicon_lemma(word: str) -> str | None:
    """simplemma's lemma for ``word``, or None if simplemma does not know it."""
    import simplemma

    lemma = simplemma.lemmatize(word, lang="de")
    return None if lemma == word else lemma


@Language.component("depesche_lemmas")
def depesche_lemmas(doc: Doc) -> Doc:
    """Use lexicon lemmas for open-class words the lexicon knows; mark whitespace tokens SPACE."""
    if len(doc) == 0:
        return doc
    arr = doc.to_array([POS, IS_SPACE])
    wanted = numpy.isin(arr[:, 0], _LEXICON_POS_IDS) | (arr[:, 1] == 1)
    for i in numpy.flatnonzero(wanted).tolist():
        token = doc[i]
        if token.is_space:
            # UD has no whitespace tokens, so the models guess; spaCy's convention
            token.pos_, token.tag_, token.lemma_ = "SPACE", "_SP", token.text
            token.set_morph(None)
        elif token.pos_ in LEXICON_POS and token.is_alpha:
            lemma = lexicon_lemma(token.text)
            if lemma is not None:
                token.lemma_ = lemma
    return doc

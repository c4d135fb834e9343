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
from spacy.attrs import IS_ALPHA, IS_SPACE, LEMMA, ORTH, POS
from spacy.language import Language
from spacy.pipeline.edit_tree_lemmatizer import EditTreeLemmatizer
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


_UNSEEN = object()
#: word (orth hash) -> its lexicon lemma, None if the lexicon does not know it
_LEXICON_LEMMAS: dict[int, str | None] = {}
_LEXICON_LEMMAS_MAX = 200_000  # emptied when full: a long ingest must not grow it forever


@Language.component("depesche_lemmas")
def depesche_lemmas(doc: Doc) -> Doc:
    """Use lexicon lemmas for open-class words the lexicon knows; mark whitespace tokens SPACE."""
    if len(doc) == 0:
        return doc
    arr = doc.to_array([POS, IS_SPACE, IS_ALPHA, ORTH, LEMMA])
    open_class = numpy.isin(arr[:, 0], _LEXICON_POS_IDS)
    is_space = arr[:, 1] == 1
    # open-class words: read and written as arrays (no Token objects)
    todo = numpy.flatnonzero(open_class & ~is_space & (arr[:, 2] == 1)).tolist()
    if todo:
        strings = doc.vocab.strings
        if len(_LEXICON_LEMMAS) > _LEXICON_LEMMAS_MAX:
            _LEXICON_LEMMAS.clear()
        lemmas = arr[:, 4].copy()
        changed = False
        for i, orth in zip(todo, arr[todo, 3].tolist()):
            lemma = _LEXICON_LEMMAS.get(orth, _UNSEEN)
            if lemma is _UNSEEN:
                lemma = _LEXICON_LEMMAS[orth] = lexicon_lemma(strings[orth])
            if lemma is not None:
                lemmas[i] = strings.add(lemma)  # (the store of this doc's vocabulary)
                changed = True
        if changed:
            doc.from_array([LEMMA], lemmas)
    for i in numpy.flatnonzero(is_space).tolist():
        # UD has no whitespace tokens, so the models guess; spaCy's convention
        token = doc[i]
        token.pos_, token.tag_, token.lemma_ = "SPACE", "_SP", token.text
        token.set_morph(None)
    return doc



class CachedEditTreeLemmatizer(EditTreeLemmatizer):
    """spaCy's edit-tree lemmatizer with the same output, less Python per token.

    spaCy applies the predicted tree to every token twice (to check it, then to
    set the lemma), each time through new ``Token`` objects.  Here the result of
    applying a tree to a word is remembered per (tree, word), the words come
    from ``Doc.to_array`` and the lemmas go back with one ``Doc.from_array``.
    Only the ``top_k == 1`` path is replaced (the shipped configuration).
    """

    _apply_cache_size = 200_000

    def _apply(self, tree_id: int, orth: int, strings) -> str | None:
        cache = self.__dict__.setdefault("_applied", {})
        key = (tree_id, orth)
        lemma = cache.get(key, _UNSEEN)
        if lemma is _UNSEEN:
            if len(cache) >= self._apply_cache_size:
                cache.clear()
            lemma = cache[key] = self.trees.apply(tree_id, strings[orth])
        return lemma

    def _scores2guesses_top_k_equals_1(self, docs, scores):
        labels = self.cfg["labels"]
        guesses = []
        for doc, doc_scores in zip(docs, scores):
            best = self.numpy_ops.asarray(doc_scores.argmax(axis=1)).tolist()
            strings = doc.vocab.strings
            orths = doc.to_array(ORTH).tolist()
            guesses.append(numpy.array([
                tree_id if self._apply(tree_id, orth, strings) is not None else -1
                for tree_id, orth in zip((labels[b] for b in best), orths)]))
        return guesses

    def set_annotations(self, docs, batch_tree_ids):
        if self.backoff not in (None, "orth"):
            return super().set_annotations(docs, batch_tree_ids)
        for i, doc in enumerate(docs):
            doc_tree_ids = batch_tree_ids[i]
            if hasattr(doc_tree_ids, "get"):
                doc_tree_ids = doc_tree_ids.get()
            if not len(doc):
                continue
            strings = doc.vocab.strings
            arr = doc.to_array([ORTH, LEMMA])
            orths, lemmas = arr[:, 0].tolist(), arr[:, 1].tolist()
            for j, tree_id in enumerate(doc_tree_ids.tolist()):
                if self.overwrite or lemmas[j] == 0:
                    # -1: no applicable tree was predicted (then the backoff)
                    if tree_id == -1:
                        if self.backoff is not None:
                            lemmas[j] = orths[j]
                    else:
                        lemmas[j] = strings.add(self._apply(tree_id, orths[j], strings))
            doc.from_array([LEMMA], numpy.array(lemmas, dtype="uint64"))


def cache_edit_trees(nlp: Language) -> None:
    """Give ``nlp``'s spaCy edit-tree lemmatizers the cached implementation."""
    for _, proc in nlp.pipeline:
        if type(proc) is EditTreeLemmatizer and proc.top_k == 1:
            proc.__class__ = CachedEditTreeLemmatizer

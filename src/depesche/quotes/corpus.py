"""Reading and writing the JSON schema of the German news quotation corpus.

One file per article: ``originalText``, ``sentences`` (each with ``tokenIds``),
``tokens`` (``charBegin``/``charEnd``) and ``annotations`` (one per quotation,
roles ``quote``/``speaker``/``cue``/``frame``/``addressee`` as span lists).
Internally a document is a :class:`TextDoc`: the text plus tokens grouped in
sentences, the unit the taggers work on.
"""
from __future__ import annotations

import json
import logging
from bisect import bisect_left
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from ..model import Quote, Span

log = logging.getLogger(__name__)
ROLES = ("quote", "speaker", "cue", "frame", "addressee")


@dataclass
class Token:
    start: int
    end: int
    text: str
    morph: object = None  # spaCy MorphAnalysis when parsed by the language core
    pos: str = ""  # UD part of speech from the language core ("" when not tagged)
    feats: str = ""  # UD morphological features, e.g. "Case=Nom|Number=Sing"


@dataclass
class TextDoc:
    """Text with tokens (character offsets) grouped into sentences."""

    text: str
    tokens: list[Token]
    sentences: list[list[int]]  # token indices per sentence
    name: str = ""
    raw: dict = field(default_factory=dict)  # the JSON it came from, if any

    def sentence_of(self) -> list[int]:
        out = [0] * len(self.tokens)
        for si, sent in enumerate(self.sentences):
            for t in sent:
                out[t] = si
        return out

    def tokens_in(self, start: int, end: int) -> list[int]:
        """Indices of tokens whose middle lies in ``[start, end)``."""
        middles = self._middles()
        if middles is None:  # tokens out of order: look at each
            return [i for i, t in enumerate(self.tokens) if start <= (t.start + t.end - 1) // 2 < end]
        # middles ascend, so the tokens inside form one run: find its ends by bisection
        return list(range(bisect_left(middles, start), bisect_left(middles, end)))

    def _middles(self) -> list[int] | None:
        """Token middles when they ascend (None otherwise), kept until the token list changes."""
        key = (id(self.tokens), len(self.tokens))
        cached = self.__dict__.get("_middles_cache")
        if cached is None or cached[0] != key:
            middles = [(t.start + t.end - 1) // 2 for t in self.tokens]
            ascending = all(a <= b for a, b in zip(middles, middles[1:]))
            cached = (key, middles if ascending else None)
            self.__dict__["_middles_cache"] = cached
        return cached[1]


def doc_from_spacy(doc) -> TextDoc:
    """A TextDoc over a spaCy ``Doc`` (whitespace tokens dropped).

    Reads token attributes column-wise with ``Doc.to_array``: creating a spaCy
    ``Token`` object per token (``for tok in doc``, also inside ``doc.text``
    and ``doc.sents``) cost more than the rest of this function."""
    from spacy.attrs import IDX, IS_SPACE, MORPH, ORTH, POS, SPACY
    from spacy.parts_of_speech import NAMES as POS_NAMES

    tokens: list[Token] = []
    sentences: list[list[int]] = []
    columns = doc.to_array([ORTH, SPACY, IDX, IS_SPACE, POS, MORPH]).tolist() if len(doc) else []
    strings = _vocab_strings(doc.vocab)
    orths, morphs = strings.orths, strings.morphs
    words = [orths.get(row[0]) or strings.orth(row[0]) for row in columns]
    # what doc.text computes: each token's text and its trailing space
    text = "".join([w + " " if row[1] else w for w, row in zip(words, columns)])
    prev_end = 0
    for first, stop in _sentence_bounds(doc):
        ids: list[int] = []
        for k in range(first, stop):
            _, _, start, is_space, pos, morph_key = columns[k]
            if is_space:
                continue
            # a line break always ends a sentence (headings, list items, boilerplate);
            # the text between two tokens is looked at only when there is some
            if ids and start > prev_end and "\n" in text[prev_end:start]:
                sentences.append(ids)
                ids = []
            ids.append(len(tokens))
            word = words[k]
            morph, feats = morphs.get(morph_key) or strings.morph(morph_key)
            prev_end = start + len(word)
            tokens.append(Token(start, prev_end, word, morph, POS_NAMES[pos], feats))
        if ids:
            sentences.append(ids)
    _move_opening_marks(text, tokens, sentences)
    return TextDoc(text, tokens, sentences)


def _sentence_bounds(doc) -> list[tuple[int, int]]:
    """``(start, end)`` token indices of the sentences, as ``doc.sents`` gives them
    (read from the ``SENT_START`` column instead of a ``Token`` per token);
    the whole doc when no boundaries are set."""
    if "sents" in doc.user_hooks:
        return [(s.start, s.end) for s in doc.sents]
    if not len(doc) or not doc.has_annotation("SENT_START"):
        return [(0, len(doc))]
    from spacy.attrs import SENT_START

    starts = [i for i, v in enumerate(doc.to_array([SENT_START]).tolist()) if v == 1 and i > 0]
    edges = [0] + starts + [len(doc)]
    return list(zip(edges, edges[1:]))


class _VocabStrings:
    """Token texts and morphological analyses by hash, for one spaCy vocab.

    Looked up once per distinct word and analysis instead of once per token;
    the hashes of a vocab never change meaning, so the tables live as long as
    the vocab (bounded in size)."""

    LIMIT = 200_000

    def __init__(self, vocab):
        self.vocab = vocab
        self.orths: dict[int, str] = {}
        self.morphs: dict[int, tuple] = {}

    def orth(self, key: int) -> str:
        word = self.orths.get(key)
        if word is None:
            if len(self.orths) > self.LIMIT:
                self.orths.clear()
            word = self.orths[key] = self.vocab.strings[key]
        return word

    def morph(self, key: int) -> tuple:
        """``(MorphAnalysis or None, feature string)`` as ``Token.morph`` gives them."""
        hit = self.morphs.get(key)
        if hit is None:
            if key == 0:  # no analysis set (Token.has_morph() is False)
                hit = (None, "")
            else:
                from spacy.tokens.morphanalysis import MorphAnalysis

                morph = MorphAnalysis.from_id(self.vocab, key)
                hit = (morph, str(morph))
            if len(self.morphs) > self.LIMIT:
                self.morphs.clear()
            self.morphs[key] = hit
        return hit


_VOCABS: dict[int, _VocabStrings] = {}


def _vocab_strings(vocab) -> _VocabStrings:
    table = _VOCABS.get(id(vocab))
    if table is None or table.vocab is not vocab:
        if len(_VOCABS) > 8:  # pipelines come and go in tests
            _VOCABS.clear()
        table = _VOCABS[id(vocab)] = _VocabStrings(vocab)
    return table


QUOTE_CHARS = set('"„“”»«‚‘›‹')


def _move_opening_marks(text: str, tokens: list[Token], sentences: list[list[int]]) -> None:
    """A sentence splitter may leave the opening mark of the next quote at the
    end of the previous sentence (``… aufrüsten. "Wir …``); move it over."""
    for si in range(len(sentences) - 1):
        sent = sentences[si]
        while len(sent) > 1:
            tok = tokens[sent[-1]]
            before = text[tok.start - 1:tok.start] if tok.start else " "
            after = text[tok.end:tok.end + 1]
            if tok.text in QUOTE_CHARS and before.isspace() and after and not after.isspace():
                sentences[si + 1].insert(0, sent.pop())
            else:
                break


def doc_from_text(text: str, nlp=None) -> TextDoc:
    """Tokenise with the language core (or ``nlp``) and group into sentences."""
    return doc_from_spacy((nlp or _default_nlp())(text))


@lru_cache(maxsize=1)
def _default_nlp():
    """The language core; if its weights cannot be loaded, a blank German
    pipeline with a sentencizer: tokens and sentences are all we need."""
    try:
        from ..nlp import load

        return load()
    except Exception as exc:  # noqa: BLE001 - any failure of an optional component
        import spacy

        log.warning("quotes: language core unavailable (%s); tokenising with a blank pipeline", exc)
        nlp = spacy.blank("de")
        nlp.add_pipe("sentencizer")
        return nlp


def ud_feature(feats: str, name: str) -> str:
    """One value of a UD feature string: ``ud_feature("Case=Nom|Number=Sing", "Case") == "Nom"``."""
    for part in feats.split("|"):
        if part.startswith(name + "="):
            return part[len(name) + 1:]
    return ""


def untouched_sentences(doc: "TextDoc", quotes, min_tokens: int = 1):
    """``(sentence, charBegin, charEnd)`` of sentences no quote span overlaps:
    the recall rules look only there."""
    taken = [(s.start, s.end) for q in quotes for s in q.quote]
    for sent in doc.sentences:
        b, e = doc.tokens[sent[0]].start, doc.tokens[sent[-1]].end
        if len(sent) >= min_tokens and not any(s < e and b < t for s, t in taken):
            yield sent, b, e


def is_finite(tok: Token) -> bool:
    """A finite verb: the tagger marks it with person and mood, not with VerbForm=Fin."""
    return tok.pos in ("VERB", "AUX") and ("VerbForm=Fin" in tok.feats or "Person=" in tok.feats)


def is_tagged(doc: TextDoc) -> bool:
    return any(t.pos for t in doc.tokens)


def add_tags(doc: TextDoc, nlp=None) -> bool:
    """Give the doc's own tokens POS and morphology from the language core
    (tokens and sentences stay as they are: a corpus file keeps its gold
    tokenisation).  The learned taggers use case and part of speech to tell
    a speaker (nominative) from an object.  False when no tagger can be loaded."""
    if not doc.tokens:
        return False
    nlp = nlp or _tagging_nlp()
    if nlp is None:
        return False
    from spacy.tokens import Doc

    words = [t.text for t in doc.tokens]
    spaces = [doc.text[a.end:b.start] != "" for a, b in zip(doc.tokens, doc.tokens[1:])] + [False]
    sdoc = Doc(nlp.vocab, words=words, spaces=spaces)
    for _, proc in nlp.pipeline:
        sdoc = proc(sdoc)
    for tok, stok in zip(doc.tokens, sdoc):
        tok.pos, tok.feats = stok.pos_, str(stok.morph)
        if tok.morph is None:
            tok.morph = stok.morph
    return True


@lru_cache(maxsize=1)
def _tagging_nlp():
    """The language core without NER (POS, morphology, mood); None without its weights."""
    try:
        from ..nlp import load

        nlp = load("no-ner")
    except Exception as exc:  # noqa: BLE001 - any failure of an optional component
        log.warning("quotes: language core unavailable (%s); tagging without POS and case", exc)
        return None
    return nlp if "morphologizer" in nlp.pipe_names else None


def read_json(path: Path, nlp=None) -> TextDoc:
    """Read one corpus file; tokenise ``originalText`` when ``sentences`` is absent."""
    data = json.loads(Path(path).read_text(encoding="utf-8"))
    text = data.get("originalText")
    if not isinstance(text, str):
        raise ValueError("no originalText")
    sentences = data.get("sentences")
    if sentences:
        tokens: list[Token] = []
        sent_ids: list[list[int]] = []
        for s in sentences:
            ids = []
            toks = s.get("tokens") or []
            # token offsets come from the top-level ``tokens`` list when it is there
            top = data.get("tokens")
            for k, tid in enumerate(s.get("tokenIds") or []):
                if top and tid < len(top):
                    t = top[tid]
                    b, e = t["charBegin"], t["charEnd"]
                else:  # sentence-level tokens only: find them in order
                    word = toks[k]
                    start = tokens[-1].end if tokens else s.get("charBegin", 0)
                    b = text.find(word, start)
                    e = b + len(word)
                ids.append(len(tokens))
                tokens.append(Token(b, e, text[b:e]))
            if ids:
                sent_ids.append(ids)
        doc = TextDoc(text, tokens, sent_ids, Path(path).name, data)
    else:
        doc = doc_from_text(text, nlp)
        doc.name, doc.raw = Path(path).name, data
    return doc


def gold_quotes(doc: TextDoc) -> list[Quote]:
    """The annotations of a corpus file as :class:`Quote` objects."""
    quotes = []
    for a in doc.raw.get("annotations") or []:
        roles = {r: [Span(s["charBegin"], s["charEnd"], doc.text[s["charBegin"]:s["charEnd"]])
                     for s in (a.get(r) or {}).get("spans", [])] for r in ROLES}
        q = Quote(type=a.get("type", ""), medium=a.get("medium", ""), **roles)
        q.nested_in = -1 if a.get("isNested") else None
        quotes.append(q)
    return quotes


def _role_json(doc: TextDoc, spans: list[Span]) -> dict:
    out = []
    token_ids: list[int] = []
    for s in spans:
        ids = doc.tokens_in(s.start, s.end)
        d = {"charBegin": s.start, "charEnd": s.end}
        if ids:
            d["begin"], d["end"] = ids[0], ids[-1] + 1
        token_ids.extend(ids)
        out.append(d)
    return {"spans": out, "text": " ".join(doc.text[s.start:s.end] for s in spans), "tokenIds": token_ids}


def to_json(doc: TextDoc, quotes: list[Quote]) -> dict:
    """The input JSON with ``annotations`` replaced by ``quotes``."""
    data = dict(doc.raw)
    data["originalText"] = doc.text
    anns = []
    for i, q in enumerate(quotes):
        a = {"id": i, "type": q.type, "medium": q.medium}
        for r in ROLES:
            a[r] = _role_json(doc, getattr(q, r))
        a["isNested"] = q.nested_in is not None
        a["hasNested"] = any(o.nested_in == i for o in quotes)
        anns.append(a)
    data["annotations"] = anns
    return data

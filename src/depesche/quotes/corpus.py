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
        return [i for i, t in enumerate(self.tokens) if start <= (t.start + t.end - 1) // 2 < end]


def doc_from_spacy(doc) -> TextDoc:
    """A TextDoc over a spaCy ``Doc`` (whitespace tokens dropped)."""
    tokens: list[Token] = []
    sentences: list[list[int]] = []
    try:
        sents = list(doc.sents)
    except ValueError:  # no sentence boundaries set
        sents = [doc[:]]
    text = doc.text
    for sent in sents:
        ids: list[int] = []
        for tok in sent:
            if tok.is_space:
                continue
            start = tok.idx
            # a line break always ends a sentence (headings, list items, boilerplate)
            if ids and "\n" in text[tokens[ids[-1]].end:start]:
                sentences.append(ids)
                ids = []
            ids.append(len(tokens))
            tokens.append(Token(start, start + len(tok.text), tok.text, tok.morph if tok.has_morph() else None,
                                tok.pos_, str(tok.morph)))
        if ids:
            sentences.append(ids)
    _move_opening_marks(text, tokens, sentences)
    return TextDoc(text, tokens, sentences)


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

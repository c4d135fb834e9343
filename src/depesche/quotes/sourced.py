"""Sentences attributed to a source the taggers missed.

Two patterns, each marked by the corpus as an Indirect quotation:

* a source preposition — "laut X", "X zufolge", "nach Angaben der Polizei":
  the sentence without the source phrase is the quote, the preposition the
  cue, the noun phrase after it (before "zufolge") the speaker;
* a trailing frame — "…, so X.", "…, teilte X mit.", "…, sagte X.", "…, wie X
  betonte.", "…, hatte X gesagt.": the part before the last comma is the
  quote, the verb (and its particle, or "wie" or the auxiliary) the cue.

Added only for a sentence no other quotation touches (measured on a train
fold: quote F1 +0.01, speaker F1 +0.01).  Needs POS and case.
"""
from __future__ import annotations

from ..model import Quote, Span
from .corpus import TextDoc, is_finite, untouched_sentences
from .lexicon import CUE_PARTICLES, STATEMENT_NOUNS, is_speech_word


NP_POS = {"DET", "ADJ", "NOUN", "PROPN", "NUM", "X"}
# "nach" is a source only before a statement noun ("nach Angaben", "nach Polizeiberichten")
SOURCE_ENDINGS = ("angaben", "berichten", "informationen", "ansicht", "meinung", "auffassung", "einschätzung",
                  "schätzungen", "aussagen", "darstellung", "worten", "meldungen", "erkenntnissen", "untersuchungen")


def _np_after(doc: TextDoc, sent: list[int], j: int) -> list[int]:
    """The noun phrase starting at position j of the sentence (with genitive attributes)."""
    out = []
    for i in sent[j:]:
        t = doc.tokens[i]
        if t.pos in NP_POS or (t.text.lower() in ("von", "des", "der") and out):
            out.append(i)
        else:
            break
    while out and doc.tokens[out[-1]].pos not in ("NOUN", "PROPN", "X"):
        out.pop()
    return out


def _np_before(doc: TextDoc, sent: list[int], j: int) -> list[int]:
    out = []
    for i in reversed(sent[:j]):
        t = doc.tokens[i]
        if t.pos in NP_POS:
            out.insert(0, i)
        else:
            break
    return out


def source_phrase(doc: TextDoc, sent: list[int]) -> tuple[list[int], list[int]] | None:
    """(cue ids, speaker ids) of the first source phrase of a sentence."""
    words = [doc.tokens[i].text.lower() for i in sent]
    for j, w in enumerate(words):
        if w in ("laut", "gemäß"):
            spk = _np_after(doc, sent, j + 1)
            if spk:
                return [sent[j]], spk
        elif w == "nach" and j + 1 < len(words):
            spk = _np_after(doc, sent, j + 1)
            if spk and any(words[sent.index(i)] in STATEMENT_NOUNS or words[sent.index(i)].endswith(SOURCE_ENDINGS)
                           for i in spk):
                return [sent[j]], spk
        elif w == "zufolge" and j > 0:
            spk = _np_before(doc, sent, j)
            if spk:
                return [sent[j]], spk
    return None


def trailing_frame(doc: TextDoc, sent: list[int]) -> tuple[list[int], list[int], list[int]] | None:
    """(quote ids, cue ids, speaker ids) of "…, so X." / "…, teilte X mit." / "…, sagte X."."""
    words = [doc.tokens[i].text for i in sent]
    commas = [j for j, w in enumerate(words) if w == ","]
    if not commas or commas[-1] < 4:
        return None
    c = commas[-1]
    tail = list(range(c + 1, len(sent)))
    while tail and not words[tail[-1]].isalnum():
        tail.pop()
    if len(tail) < 2:
        return None
    first = doc.tokens[sent[tail[0]]]
    last = words[tail[-1]].lower()
    cue = [sent[tail[0]]]
    rest = tail[1:]
    if first.text.lower() == "wie" or (first.pos == "AUX" and is_finite(first)):
        # the verb at the end: "…, wie X betonte." / "…, wie X mitteilte." /
        # "…, hatte X (bei …) gesagt."
        if len(tail) < 3 or not is_speech_word(last) or doc.tokens[sent[tail[-1]]].pos not in ("VERB", "AUX"):
            return None
        cue.append(sent[tail[-1]])
        rest = rest[:-1]
    elif first.text.lower() == "so":
        pass
    elif not (is_finite(first) and is_speech_word(first.text.lower())):
        return None
    if rest and words[rest[-1]].lower() in CUE_PARTICLES:
        cue.append(sent[rest[-1]])
        rest = rest[:-1]
    spk = _np_after(doc, sent, rest[0]) if rest else []
    if not spk and rest and doc.tokens[sent[rest[0]]].text.lower() in ("er", "sie"):
        spk = [sent[rest[0]]]
    if not spk:
        return None
    heads = [doc.tokens[i] for i in spk if doc.tokens[i].pos in ("NOUN", "PROPN", "PRON")]
    if not heads or "Case=Nom" not in heads[0].feats and "Case=" in heads[0].feats:
        return None
    return sent[:c], cue, spk


def _runs(ids: list[int]) -> list[list[int]]:
    """Ascending token ids split into runs of neighbours."""
    runs: list[list[int]] = []
    for i in ids:
        if runs and i == runs[-1][-1] + 1:
            runs[-1].append(i)
        else:
            runs.append([i])
    return runs


def add_sourced(doc: TextDoc, quotes: list[Quote]) -> list[Quote]:
    """``quotes`` plus an Indirect quotation for every untouched sentence with a source phrase."""
    if not any(t.pos for t in doc.tokens):
        return quotes
    out = list(quotes)
    for sent, b, e in untouched_sentences(doc, quotes, min_tokens=6):
        found = source_phrase(doc, sent)
        if found is not None:
            cue, spk = found
            rest = [i for i in sent if i not in cue and i not in spk]
        elif (found := trailing_frame(doc, sent)) is not None:
            rest, cue, spk = found
        else:
            continue
        # a lone comma or full stop left between the pieces is no part of the quote
        runs = [r for r in _runs(rest) if any(doc.tokens[i].text.isalnum() for i in r)]
        if not runs:
            continue
        span = lambda ids: Span(doc.tokens[ids[0]].start, doc.tokens[ids[-1]].end,  # noqa: E731
                                doc.text[doc.tokens[ids[0]].start:doc.tokens[ids[-1]].end])
        # "teilte … mit", "wie … betonte": one cue span per run of cue words, not one over the speaker
        out.append(Quote(type="Indirect", quote=[span(r) for r in runs], medium="SW", cue=[span(r) for r in _runs(sorted(cue))],
                         speaker=[span(spk)], sentence=Span(b, e, doc.text[b:e]), confidence=0.5))
    return out

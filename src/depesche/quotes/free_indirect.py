"""Free indirect continuations the taggers miss: a report goes on in Konjunktiv I.

German news continues a reported statement in sentences of their own whose
only mark is the subjunctive: "X sagte, die Lage sei ernst. *Man habe keine
Wahl.*"  The corpus marks such a sentence as an IndirectFreeIndirect
quotation whose speaker is the one of the statement before.  This rule adds
one for a sentence that

* no other quotation touches,
* follows a quotation that ends at most ``MAX_GAP`` sentences before it,
* has, as its first finite verb, a Konjunktiv I form that differs from the
  indicative (3rd person: "sei", "habe", "könne", "werde", "gebe" …;
  "seien"), and is not a fixed phrase ("es sei denn", "sei es").

Konjunktiv II ("wäre", "hätte") is left out: it is mostly hypothetical.
The speaker is the previous quotation's; the learned speaker selector, when
it runs, may choose again.  Needs POS and morphology from the language core.
"""
from __future__ import annotations

from ..model import Quote, Span
from .corpus import TextDoc, is_finite, ud_feature, untouched_sentences
from .lexicon import KONJUNKTIV_FORMS, KONJUNKTIV_II_FORMS

KONJUNKTIV_ONE = KONJUNKTIV_FORMS - KONJUNKTIV_II_FORMS - {"möchte", "möchten", "sollte", "sollten"}

MAX_GAP = 1
# Konjunktiv I of the third person that cannot be read as an indicative
PLURAL_FORMS = {"seien"}
FIXED_AFTER = {"denn", "es", "dank", "gesagt", "gelobt"}  # "es sei denn", "sei es", "Gott sei Dank"


def konjunktiv_one(doc: TextDoc, sent: list[int]) -> bool:
    """The sentence's first finite verb is an unambiguous Konjunktiv I."""
    for k, i in enumerate(sent):
        t = doc.tokens[i]
        if not is_finite(t):
            continue
        word = t.text.lower()
        if word in KONJUNKTIV_II_FORMS or ("Mood=Sub" not in t.feats and word not in KONJUNKTIV_ONE):
            return False
        nxt = doc.tokens[sent[k + 1]].text.lower() if k + 1 < len(sent) else ""
        if nxt in FIXED_AFTER:
            return False
        if word in PLURAL_FORMS:
            return True
        return ud_feature(t.feats, "Person") in ("3", "") and ud_feature(t.feats, "Number") != "Plur" \
            and word.endswith("e") or word == "sei"
    return False


def add_free_indirect(doc: TextDoc, quotes: list[Quote]) -> list[Quote]:
    """``quotes`` plus an IndirectFreeIndirect quotation for every untouched
    Konjunktiv I sentence right after a quotation."""
    if not quotes or not any(t.pos for t in doc.tokens):
        return quotes
    starts = [doc.tokens[s[0]].start for s in doc.sentences]

    def sentence_index(pos: int) -> int:
        lo, hi = 0, len(starts) - 1
        while lo < hi:  # last sentence starting at or before pos
            mid = (lo + hi + 1) // 2
            if starts[mid] <= pos:
                lo = mid
            else:
                hi = mid - 1
        return lo

    ends = sorted(((sentence_index(max(s.end - 1, s.start)), k) for k, q in enumerate(quotes) for s in q.quote))
    out = list(quotes)
    for sent, b, e in untouched_sentences(doc, quotes, min_tokens=3):
        si = sentence_index(b)
        before = [(end_si, k) for end_si, k in ends if end_si < si]
        if not before or si - before[-1][0] > MAX_GAP or not konjunktiv_one(doc, sent):
            continue
        prev = quotes[before[-1][1]]
        out.append(Quote(type="IndirectFreeIndirect", medium=prev.medium or "Speech",
                         quote=[Span(b, e, doc.text[b:e])], speaker=list(prev.speaker),
                         sentence=Span(b, e, doc.text[b:e]), confidence=0.5))
        ends.append((si, len(out) - 1))
        ends.sort()
        quotes = out  # a run of such sentences continues from the newest one
    return out

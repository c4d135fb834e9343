"""Follow-up quotations that run over several sentences are one quotation.

The corpus annotates a run of Konjunktiv sentences continuing a statement
("Die Lage sei ernst. Man müsse handeln.") as *one* IndirectFreeIndirect (or
FreeIndirect) quotation with a multi-sentence span in about a quarter of the
cases; the taggers label sentence by sentence.  A predicted quotation of such
a type that fills the sentence right after another one of the same type,
without a cue of its own, is merged into it — when the earlier one runs to
the end of its sentence.
"""
from __future__ import annotations

from ..model import Quote
from .corpus import TextDoc

MERGE_TYPES = {"IndirectFreeIndirect", "FreeIndirect"}


def _sentence_bounds(doc: TextDoc) -> list[tuple[int, int]]:
    return [(doc.tokens[s[0]].start, doc.tokens[s[-1]].end) for s in doc.sentences]


def _sentence_index(bounds: list[tuple[int, int]], pos: int) -> int | None:
    for k, (b, e) in enumerate(bounds):
        if b <= pos < e:
            return k
    return None


def merge_followups(doc: TextDoc, quotes: list[Quote]) -> list[Quote]:
    if not quotes:
        return quotes
    bounds = _sentence_bounds(doc)
    order = sorted(range(len(quotes)), key=lambda k: quotes[k].start)
    drop: dict[int, int] = {}  # merged quotation -> the one it went into
    host: int | None = None
    for k in order:
        q = quotes[k]
        if q.nested_in is not None:
            continue
        if host is not None and q.type in MERGE_TYPES and quotes[host].type in MERGE_TYPES and not q.cue:
            h = quotes[host]
            hs, qs = _sentence_index(bounds, h.end - 1), _sentence_index(bounds, q.start)
            if hs is not None and qs == hs + 1 and bounds[qs][0] == q.start \
                    and doc.text[h.end:bounds[hs][1]].strip(" .!?\"“”") == "":
                h.quote.extend(q.quote)
                drop[k] = host
                continue
        host = k
    if not drop:
        return quotes
    new_index, out = {}, []
    for k, q in enumerate(quotes):
        if k not in drop:
            new_index[k] = len(out)
            out.append(q)
    for q in out:
        if q.nested_in is not None:
            q.nested_in = new_index.get(drop.get(q.nested_in, q.nested_in))
    return out

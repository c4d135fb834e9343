"""From token labels to quotations: spans, grouping, frame, type and medium.

The taggers (learned or rule-based) label tokens; this module turns the labels
of one :class:`TextDoc` into :class:`~depesche.model.Quote` objects:

1. quote segments become quotations; a Direct quote interrupted by its frame
   („…“, sagte er, „…“) and a quote running on over a sentence break inside
   the same quotation marks are merged;
2. speaker, cue and addressee segments go to the nearest quotation in the same
   sentence, or to the quotation opening the next sentence ("Er sagte:" + „…“);
3. a quotation without a speaker inherits the one of the quotation just
   before it (the corpus does the same for follow-up sentences);
4. the frame is the rest of the sentence(s) carrying the cue or speaker;
5. the medium comes from the cue words (a table learned from data, or the
   lexicon), else the most frequent medium of the type.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from ..model import Quote, Span
from .corpus import TextDoc
from .lexicon import THOUGHT_WORDS, WRITING_WORDS

CLOSING = {"“", "«", "”", '"', "‘", "‹"}


@dataclass
class Segment:
    label: str
    tokens: list[int]  # global token indices, contiguous
    sent: int


@dataclass
class Draft:
    type: str
    segments: list[Segment]
    roles: dict[str, list[Segment]] = field(default_factory=lambda: {"SPK": [], "CUE": [], "ADR": []})
    inherited: bool = False

    @property
    def tokens(self) -> list[int]:
        return [t for s in self.segments for t in s.tokens]

    @property
    def sents(self) -> set[int]:
        return {s.sent for s in self.segments}


def segments(doc: TextDoc, tags: list[list[str]]) -> list[Segment]:
    """Contiguous runs of one label (a stray ``I-`` starts a run too)."""
    out: list[Segment] = []
    for si, (sent, stags) in enumerate(zip(doc.sentences, tags)):
        cur: Segment | None = None
        for tid, tag in zip(sent, stags):
            if tag == "O":
                cur = None
                continue
            bio, label = tag[:1], tag[2:]
            if cur is not None and bio == "I" and label == cur.label:
                cur.tokens.append(tid)
            else:
                cur = Segment(label, [tid], si)
                out.append(cur)
    return out


def _gap_text(doc: TextDoc, a: Segment, b: Segment) -> str:
    return doc.text[doc.tokens[a.tokens[-1]].end:doc.tokens[b.tokens[0]].start]


def group(doc: TextDoc, quote_segs: list[Segment], role_segs: list[Segment]) -> list[Draft]:
    drafts: list[Draft] = []
    role_tokens = {t for s in role_segs for t in s.tokens}
    for seg in quote_segs:
        prev = drafts[-1] if drafts else None
        if prev is not None:
            last = prev.segments[-1]
            gap_ids = list(range(last.tokens[-1] + 1, seg.tokens[0]))
            gap = _gap_text(doc, last, seg)
            last_tok = doc.tokens[last.tokens[-1]].text
            # running on over a sentence break, inside the same marks
            if (not gap_ids and gap.strip() == "" and seg.label == prev.type
                    and (prev.type == "Direct" and last_tok not in CLOSING)):
                last.tokens.extend(seg.tokens)
                continue
            # „…“, sagte er, „…“: an interrupted direct quote
            if (prev.type == "Direct" and seg.label == "Direct" and 0 < len(gap_ids) <= 12
                    and seg.sent - last.sent <= 1 and any(t in role_tokens for t in gap_ids)
                    and not any(doc.tokens[t].text in ".!?" for t in gap_ids)):
                prev.segments.append(seg)
                continue
            # one clause cut by its own source phrase: "X wurde, nach Angaben von Y, verletzt"
            if (prev.type == seg.label and seg.sent == last.sent and gap_ids
                    and all(t in role_tokens or not doc.tokens[t].text.isalnum() for t in gap_ids)):
                prev.segments.append(seg)
                continue
        drafts.append(Draft(seg.label, [seg]))
    _attach_roles(doc, drafts, role_segs)
    return drafts


def _distance(a: list[int], b: list[int]) -> int:
    if a[-1] < b[0]:
        return b[0] - a[-1]
    if b[-1] < a[0]:
        return a[0] - b[-1]
    return 0


def _attach_roles(doc: TextDoc, drafts: list[Draft], role_segs: list[Segment]) -> None:
    by_sent: dict[int, list[Draft]] = {}
    for d in drafts:
        for s in d.sents:
            by_sent.setdefault(s, []).append(d)
    for seg in role_segs:
        cands = by_sent.get(seg.sent)
        if cands:
            best = min(cands, key=lambda d: _distance(seg.tokens, d.tokens))
            best.roles[seg.label].append(seg)
            continue
        # "Er sagte:" followed by the quotation in the next sentence
        nxt = by_sent.get(seg.sent + 1)
        if nxt and seg.sent + 1 < len(doc.sentences):
            first = min(nxt, key=lambda d: d.tokens[0])
            ends_colon = doc.tokens[doc.sentences[seg.sent][-1]].text == ":"
            opens_next = first.tokens[0] == doc.sentences[seg.sent + 1][0]
            if ends_colon or (opens_next and first.type == "Direct"):
                first.roles[seg.label].append(seg)
    # one speaker per quotation: the nearest span wins
    for d in drafts:
        if len(d.roles["SPK"]) > 1:
            d.roles["SPK"] = [min(d.roles["SPK"], key=lambda s: _distance(s.tokens, d.tokens))]
    # a follow-up quotation without a speaker inherits the previous speaker
    for i, d in enumerate(drafts):
        if d.roles["SPK"] or i == 0:
            continue
        prev = drafts[i - 1]
        if prev.roles["SPK"] and min(d.sents) - max(prev.sents) <= 2 and d.type not in ("Reported", "Indirect"):
            d.roles["SPK"] = list(prev.roles["SPK"])
            d.inherited = True


def _spans(doc: TextDoc, token_ids: list[int]) -> list[Span]:
    """Character spans of contiguous token runs."""
    spans: list[Span] = []
    run: list[int] = []
    for t in sorted(set(token_ids)):
        if run and t != run[-1] + 1:
            spans.append(_span(doc, run))
            run = []
        run.append(t)
    if run:
        spans.append(_span(doc, run))
    return spans


def _span(doc: TextDoc, run: list[int]) -> Span:
    b, e = doc.tokens[run[0]].start, doc.tokens[run[-1]].end
    return Span(b, e, doc.text[b:e])


def _frame(doc: TextDoc, d: Draft) -> list[int]:
    if d.type == "Reported":
        return []
    own = {t for s in d.roles["CUE"] + d.roles["SPK"] for t in s.tokens}
    if not d.roles["CUE"] and not (d.roles["SPK"] and not d.inherited):
        return []
    sents = {s.sent for s in d.roles["CUE"]} | ({s.sent for s in d.roles["SPK"]} if not d.inherited else set())
    quote = set(d.tokens)
    ids = [t for si in sorted(sents) for t in doc.sentences[si] if t not in quote]
    return ids if own else []


def _medium(doc: TextDoc, d: Draft, table: dict | None) -> str:
    words = [doc.tokens[t].text.lower() for s in d.roles["CUE"] for t in s.tokens]
    if table:
        for w in words:
            if w in table["words"]:
                return table["words"][w]
        return table["types"].get(d.type, table.get("default", "Speech"))
    if any(w in WRITING_WORDS for w in words):
        return "Writing"
    if any(w in THOUGHT_WORDS for w in words):
        return "ST"
    if d.type in ("Indirect", "Reported", "IndirectFreeIndirect"):
        return "SW"
    return "Speech"


def to_quotes(doc: TextDoc, drafts: list[Draft], medium_table: dict | None = None) -> list[Quote]:
    quotes = []
    for d in drafts:
        sent_ids = doc.sentences[min(d.sents)]
        sb, se = doc.tokens[sent_ids[0]].start, doc.tokens[sent_ids[-1]].end
        q = Quote(
            type=d.type,
            quote=[_span(doc, s.tokens) for s in d.segments],
            medium=_medium(doc, d, medium_table),
            cue=[_span(doc, s.tokens) for s in sorted(d.roles["CUE"], key=lambda s: s.tokens[0])],
            speaker=[_span(doc, s.tokens) for s in d.roles["SPK"]],
            addressee=[_span(doc, s.tokens) for s in d.roles["ADR"]],
            frame=_spans(doc, _frame(doc, d)),
            sentence=Span(sb, se, doc.text[sb:se]),
        )
        quotes.append(q)
    return quotes


def decode(doc: TextDoc, qtags: list[list[str]], rtags: list[list[str]], medium_table: dict | None = None) -> list[Quote]:
    """Token labels of both taggers → quotations."""
    drafts = group(doc, segments(doc, qtags), segments(doc, rtags))
    return to_quotes(doc, drafts, medium_table)


def _continues_after_frame(doc: TextDoc, q: Quote, start: int) -> bool:
    """Is a marked span at ``start`` the second half of the Direct quotation
    ``q`` around its frame („…“, sagte er, „…“)?  As in :func:`group`: at most
    12 tokens between them, no sentence end, and the cue or speaker of ``q``
    among them (a tagger may label the first half and miss the second)."""
    if q.type != "Direct":
        return False
    gap = doc.tokens_in(q.quote[-1].end, start)
    roles = q.cue + q.speaker
    return (0 < len(gap) <= 12 and not any(doc.tokens[t].text in ".!?" for t in gap)
            and any(sp.start < doc.tokens[t].end and doc.tokens[t].start < sp.end for t in gap for sp in roles))


def add_marked_quotes(doc: TextDoc, quotes: list[Quote], spans: list[tuple[int, int]]) -> list[Quote]:
    """Complete learned output with the quotation-mark spans ``(first, last token)``.

    A marked span inside a longer indirect or reported quotation becomes a
    nested Direct quotation sharing the outer one's speaker, cue and frame
    (the corpus annotates it so); a marked span no quotation touches becomes a
    Direct quotation of its own when it is long enough to be speech, taking the
    speaker of a quotation in the same sentence, or continues the Direct
    quotation its frame interrupts.
    """
    out = list(quotes)
    for b, e in spans:
        start, end = doc.tokens[b].start, doc.tokens[e].end
        overlapping = [i for i, q in enumerate(quotes) if any(s.start < end and start < s.end for s in q.quote)]
        if overlapping:
            i = overlapping[0]
            outer = quotes[i]
            inner = [doc.tokens[k].text for k in range(b + 1, e) if doc.tokens[k].text.isalpha()]
            speechlike = len(inner) >= 3 or any(w[:1].islower() for w in inner)
            if (outer.type != "Direct" and speechlike and outer.start <= start and end <= outer.end
                    and (end - start) < (outer.end - outer.start)):
                out.append(Quote(type="Direct", quote=[Span(start, end, doc.text[start:end])], medium=outer.medium,
                                 cue=list(outer.cue), speaker=list(outer.speaker), frame=list(outer.frame),
                                 sentence=outer.sentence, nested_in=i, confidence=0.8))
            continue
        words = [doc.tokens[k].text for k in range(b + 1, e) if doc.tokens[k].text.isalpha()]
        if len(words) < 4:
            continue
        before = [q for q in out if q.nested_in is None and q.quote and q.quote[-1].end <= start]
        last = max(before, key=lambda q: q.quote[-1].end) if before else None
        if last is not None and _continues_after_frame(doc, last, start):
            last.quote.append(Span(start, end, doc.text[start:end]))
            continue
        same = [q for q in quotes if q.sentence and q.sentence.start <= start < q.sentence.end and q.speaker]
        out.append(Quote(type="Direct", quote=[Span(start, end, doc.text[start:end])], medium="Speech",
                         speaker=list(same[0].speaker) if same else [],
                         sentence=same[0].sentence if same else None, confidence=0.6))
    return out

"""A learned speaker selector: for each quotation, pick one noun phrase (or none).

The role tagger labels tokens one by one and often marks the object of the
speech verb ("forderten *die Schüler* auf, …") or misses a speaker a
sentence away.  This selector looks at whole candidates instead:

* candidates are noun phrases (from POS: determiners, adjectives, nouns,
  names, numbers; personal pronouns alone), with an apposition or a
  "von"/"aus" phrase attached as a longer variant, in the quotation's
  sentence(s) and the two sentences before, outside the quote itself, plus
  the role tagger's own speaker spans (as further candidates); and "no speaker";
* features say where the candidate stands (same sentence before/after the
  quote, previous sentence, token distance), what surrounds it (a verb of
  saying right before — "sagte X" — or after — "X sagte", "X zufolge", "laut
  X", "so X"), its case (a speaker is nominative unless a preposition
  introduces it), whether it stands before the finite verb, is a name or a
  pronoun;
* a conditional logit (softmax over the candidates of one quotation) scores
  them; weights are learned from the gold quotations of the training split
  with plain gradient steps in Python (no dependency) and stored as JSON next
  to the CRF weights.
"""
from __future__ import annotations

import json
import math
import random
from pathlib import Path

from ..model import Quote, Span
from .corpus import TextDoc, gold_quotes, is_finite, ud_feature
from .lexicon import PERSONAL_PRONOUNS, SOURCE_PREPOSITIONS, is_speech_word

NP_POS = {"DET", "ADJ", "NOUN", "PROPN", "NUM", "X"}
HEAD_POS = {"NOUN", "PROPN", "PRON"}
SPEAKER_PRONOUNS = {"er", "sie", "ich", "wir", "man"}
LINKS = {"von", "aus", "der", "des"}  # "John Smith von der Organisation", genitive chains
NONE = None  # the "no speaker" candidate


def _case(feats: str) -> str:
    return ud_feature(feats, "Case") or "-"


def _chunks(doc: TextDoc, sent: list[int], blocked: set[int]) -> list[list[int]]:
    """Noun phrases of one sentence as runs of token ids (quote tokens excluded)."""
    runs: list[list[int]] = []
    cur: list[int] = []
    for i in sent:
        t = doc.tokens[i]
        ok = i not in blocked and (t.pos in NP_POS or (t.pos == "PRON" and t.text.lower() in SPEAKER_PRONOUNS))
        if ok and t.pos == "PRON" and cur:
            ok = False  # a pronoun is a phrase of its own
        if ok and cur and t.pos == "DET" and "Case=Gen" not in t.feats \
                and any(doc.tokens[k].pos in ("NOUN", "PROPN") for k in cur):
            runs.append(cur)  # "Lorenzen | dem Deutschlandfunk": a new phrase, unless a genitive attribute
            cur = [i]
            continue
        if ok:
            cur.append(i)
            continue
        if cur:
            runs.append(cur)
        cur = [i] if i not in blocked and t.pos == "PRON" and t.text.lower() in SPEAKER_PRONOUNS else []
        if cur:
            runs.append(cur)
            cur = []
    if cur:
        runs.append(cur)
    runs = [r for r in runs if any(doc.tokens[i].pos in HEAD_POS for i in r)]
    out = [list(r) for r in runs]
    # longer variants: apposition "X, der Y," / "X (SPD)" / "X von Y"
    for a, b in zip(runs, runs[1:]):
        gap = list(range(a[-1] + 1, b[0]))
        words = [doc.tokens[i].text.lower() for i in gap]
        if any(i in blocked for i in gap) or not gap:
            continue
        if words in ([","], ["("], ["von"], ["aus"], ["von", "der"], ["vom"]) or words[:1] == ["("]:
            span = list(range(a[0], b[-1] + 1))
            nxt = b[-1] + 1
            if nxt < len(doc.tokens) and doc.tokens[nxt].text == ")" and nxt not in blocked:
                span.append(nxt)
            out.append(span)
    return out


class Candidate:
    __slots__ = ("ids", "feats")

    def __init__(self, ids, feats):
        self.ids = ids
        self.feats = feats


def _bucket(d: int) -> str:
    return str(d) if d <= 3 else ("4-6" if d <= 6 else ("7-12" if d <= 12 else "far"))


def candidates(doc: TextDoc, q: Quote, sent_of: list[int], cue_ids: set[int], tagged: list[list[int]],
               fin_at: dict[int, int]) -> list[Candidate]:
    """Candidates of one quotation with their features (the last one is "no speaker")."""
    qids = set()
    for s in q.quote:
        qids.update(doc.tokens_in(s.start, s.end))
    if not qids:
        return []
    # a Reported quotation covers the whole speech act, its speaker included
    blocked = set() if q.type == "Reported" else qids
    qs = sorted({sent_of[i] for i in qids})
    first, last = min(qids), max(qids)
    window = [si for si in range(max(0, qs[0] - 2), qs[-1] + 1)]
    raw: list[list[int]] = []
    for si in window:
        raw.extend(_chunks(doc, doc.sentences[si], blocked))
    raw.extend(t for t in tagged if not (set(t) & blocked))
    seen, cands = set(), []
    starts_sentence = doc.sentences[qs[0]][0] in (first, first - 1)
    for ids in raw:
        key = tuple(ids)
        if key in seen:
            continue
        seen.add(key)
        toks = [doc.tokens[i] for i in ids]
        si = sent_of[ids[0]]
        sent = doc.sentences[si]
        if si in qs:
            if ids[-1] < first:
                rel = "before"
            elif ids[0] > last:
                rel = "after"
            else:
                rel = "inside"
            dist = min(abs(first - ids[-1]), abs(ids[0] - last))
        else:
            rel = f"prev{qs[0] - si}"
            dist = 99
        heads = [t for t in toks if t.pos in HEAD_POS]
        case = _case(heads[0].feats) if heads else "-"
        prev_w = doc.tokens[ids[0] - 1].text.lower() if ids[0] > sent[0] else "<s>"
        prev2_w = doc.tokens[ids[0] - 2].text.lower() if ids[0] - 1 > sent[0] else "<s>"
        next_w = doc.tokens[ids[-1] + 1].text.lower() if ids[-1] < sent[-1] else "</s>"
        cue_before = any(j in cue_ids for j in (ids[0] - 1, ids[0] - 2, ids[0] - 3)) and ids[0] - 1 >= sent[0]
        cue_after = any(j in cue_ids for j in (ids[-1] + 1, ids[-1] + 2))
        lex_before = is_speech_word(prev_w) or is_speech_word(prev2_w)
        lex_after = is_speech_word(next_w)
        fin = fin_at.get(si)
        f = [
            "rel=" + rel, f"rel|d={rel}|{_bucket(dist)}", "case=" + case, f"rel|case={rel}|{case}",
            "ty|rel=" + q.type + "|" + rel, "pw=" + prev_w, "nw=" + next_w, "p0=" + toks[0].pos,
            "len=" + _bucket(len(ids)),
        ]
        if any(t.pos == "PROPN" for t in toks):
            f.append("propn")
            f.append("propn|rel=" + rel)
        if len(ids) == 1 and toks[0].text.lower() in PERSONAL_PRONOUNS | SPEAKER_PRONOUNS:
            f.append("pron=" + toks[0].text.lower())
            f.append("pron|rel=" + rel)
        if cue_before:
            f.append("cue_before")
            f.append("cue_before|case=" + case)
        if cue_after:
            f.append("cue_after")
            f.append("cue_after|case=" + case)
        if lex_before:
            f.append("lex_before|" + rel)
        if lex_after:
            f.append("lex_after|" + rel)
        if prev_w in SOURCE_PREPOSITIONS:
            f.append("src_prep=" + prev_w)
        if next_w == "zufolge":
            f.append("zufolge")
        if prev_w == "so" or (prev_w == "," and next_w in (".", "</s>")):
            f.append("so_x")
        if fin is not None:
            if ids[-1] < fin:
                f.append("vorfeld|" + case)
            elif ids[0] == fin + 1:
                f.append("after_fin|" + case)
        if ids[0] == sent[0]:
            f.append("sent_start")
        if rel.startswith("prev") and starts_sentence:
            f.append("prev|q_opens_sentence")
        head = heads[0].text.lower() if heads else ""
        f.append("hs3=" + head[-3:])
        if fin is not None and heads:
            # subject-verb agreement in number: "die Forscher sagten", not "der Minister sagten"
            hn, vn = ud_feature(heads[0].feats, "Number"), ud_feature(doc.tokens[fin].feats, "Number")
            if hn and vn:
                f.append(f"agree={hn == vn}|{case}")
        cands.append(Candidate(ids, f))
    # the nearest phrase before and after the quote in its own sentence
    before = [c for c in cands if c.feats[0] == "rel=before"]
    after = [c for c in cands if c.feats[0] == "rel=after"]
    if before:
        near = max(before, key=lambda c: (c.ids[-1], -c.ids[0]))
        near.feats += ["nearest_before", "nearest_before|" + near.feats[2]]
    if after:
        near = min(after, key=lambda c: (c.ids[0], -c.ids[-1]))
        near.feats += ["nearest_after", "nearest_after|" + near.feats[2]]
    none_f = ["NONE", "NONE|ty=" + q.type, "NONE|tagged=" + str(bool(tagged))]
    if not any(i in cue_ids for si in qs for i in doc.sentences[si]):
        none_f.append("NONE|nocue")
    if starts_sentence:
        none_f.append("NONE|opens")
    cands.append(Candidate(NONE, none_f))
    return cands


def _finite_positions(doc: TextDoc) -> dict[int, int]:
    out = {}
    for si, sent in enumerate(doc.sentences):
        for i in sent:
            t = doc.tokens[i]
            if is_finite(t):
                out[si] = i
                break
    return out


def _ids(doc: TextDoc, spans) -> set[int]:
    out: set[int] = set()
    for s in spans:
        out.update(doc.tokens_in(s.start, s.end))
    return out


def _lex_cues(doc: TextDoc) -> set[int]:
    return {i for i, t in enumerate(doc.tokens)
            if (t.text[:1].islower() and is_speech_word(t.text.lower())) or t.text.lower() in SOURCE_PREPOSITIONS}


def quote_candidates(doc: TextDoc, quotes: list[Quote], tagged_speakers: list[list[list[int]]]) -> list[list[Candidate]]:
    """Candidates for every quotation; ``tagged_speakers[k]``: token-id runs the tagger gave quotation k."""
    sent_of = doc.sentence_of()
    fin_at = _finite_positions(doc)
    lex = _lex_cues(doc)
    out = []
    for q, tagged in zip(quotes, tagged_speakers):
        cue_ids = lex | _ids(doc, q.cue)
        out.append(candidates(doc, q, sent_of, cue_ids, tagged, fin_at))
    return out


def mark_previous(doc: TextDoc, cands: list[Candidate], prev: set[int] | None, q: Quote, gap: int) -> None:
    """Features tying a candidate to the speaker of the quotation before:
    follow-up quotations (IndirectFreeIndirect, FreeIndirect) mostly continue
    the previous speaker, and a later mention of the same person ("Gabriel"
    after "Bundesaußenminister Siegmar Gabriel") shares a name word with it."""
    if not prev:
        return
    names = {doc.tokens[i].text.lower() for i in prev if doc.tokens[i].pos == "PROPN" or doc.tokens[i].text[:1].isupper()}
    adj = "adj" if gap <= 1 else "far"
    for c in cands:
        if c.ids is NONE:
            c.feats.append("NONE|prev=" + adj)
            continue
        if set(c.ids) & prev:
            c.feats += ["prevspk", f"prevspk|{adj}", f"prevspk|ty={q.type}"]
        elif names & {doc.tokens[i].text.lower() for i in c.ids}:
            c.feats += ["prevname", f"prevname|{adj}", f"prevname|ty={q.type}"]


def _order(quotes: list[Quote]) -> list[int]:
    return sorted(range(len(quotes)), key=lambda k: (min((s.start for s in quotes[k].quote), default=0), k))


class SpeakerSelector:
    """``none_margin`` is subtracted from the score of "no speaker" (negative:
    a bonus).  The weights come from gold quotations, which nearly all have a
    speaker, while predicted ones are sometimes spurious; the margin, set by
    cross-validation, corrects for that."""

    def __init__(self, weights: dict[str, float], none_margin: float = 0.0):
        self.w = weights
        self.none_margin = none_margin

    @classmethod
    def load(cls, path: Path) -> "SpeakerSelector | None":
        path = Path(path)
        if not path.exists():
            return None
        data = json.loads(path.read_text(encoding="utf-8"))
        return cls(data["weights"], float(data.get("none_margin", 0.0)))

    def score(self, c: Candidate) -> float:
        w = self.w
        return sum(w.get(f, 0.0) for f in c.feats) - (self.none_margin if c.ids is NONE else 0.0)

    def choose(self, cands: list[Candidate]) -> Candidate | None:
        return max(cands, key=self.score) if cands else None

    def apply(self, doc: TextDoc, quotes: list[Quote]) -> dict[int, "Choice"]:
        """Replace every quotation's speaker by the selector's choice (nested ones keep their outer's).

        Returns how sure the selector was, by quotation index, for the quotations
        that got a speaker (read by :mod:`depesche.quotes.verifier`)."""
        tagged = [[sorted(doc.tokens_in(s.start, s.end)) for s in q.speaker] for q in quotes]
        tagged = [[t for t in ts if t] for ts in tagged]
        all_cands = quote_candidates(doc, quotes, tagged)
        sent_of = doc.sentence_of()
        prev, prev_sent = None, -9
        choices: dict[int, Choice] = {}
        for k in _order(quotes):
            q, cands = quotes[k], all_cands[k]
            if q.nested_in is not None or not cands:
                continue
            first_sent = min((sent_of[i] for i in _ids(doc, q.quote)), default=0)
            mark_previous(doc, cands, prev, q, first_sent - prev_sent)
            scores = [self.score(c) for c in cands]
            top = max(range(len(cands)), key=scores.__getitem__)  # the first of equals, as max() picks
            best = cands[top]
            prev_sent = max((sent_of[i] for i in _ids(doc, q.quote)), default=0)
            if best.ids is NONE:
                q.speaker = []
                prev = None
                continue
            choices[k] = Choice(best, scores, top, set(best.ids) & prev if prev else set(), tagged[k])
            prev = set(best.ids)
            b, e = doc.tokens[best.ids[0]].start, doc.tokens[best.ids[-1]].end
            q.speaker = [Span(b, e, doc.text[b:e])]
        share_outer_speakers(quotes)
        return choices


def share_outer_speakers(quotes: list[Quote]) -> None:
    """A nested quotation has the speaker of the quotation it stands in."""
    for q in quotes:
        if q.nested_in is not None and 0 <= q.nested_in < len(quotes):
            q.speaker = list(quotes[q.nested_in].speaker)


class Choice:
    """The selector's pick for one quotation and how clearly it won."""

    __slots__ = ("candidate", "prob", "margin_none", "margin_next", "n_candidates", "continues_previous",
                 "tagged", "tagged_hit")

    def __init__(self, best: Candidate, scores: list[float], top: int, shared_with_previous: set[int],
                 tagged: list[list[int]]):
        top_score = scores[top]
        self.candidate = best
        # softmax probability of the winner among all candidates ("no speaker" is the last)
        self.prob = 1.0 / sum(math.exp(s - top_score) for s in scores)
        self.margin_none = top_score - scores[-1]
        self.margin_next = top_score - max((s for j, s in enumerate(scores) if j != top), default=top_score - 10.0)
        self.n_candidates = len(scores)
        self.continues_previous = bool(shared_with_previous)
        self.tagged = bool(tagged)  # the role tagger marked a speaker of its own
        self.tagged_hit = any(set(best.ids) & set(t) for t in tagged)


def _f1(a: set[int], b: set[int]) -> float:
    inter = len(a & b)
    return 2 * inter / (len(a) + len(b)) if inter else 0.0


def training_items(doc: TextDoc) -> list[tuple[list[Candidate], int]]:
    """(candidates, index of the right one) for the gold quotations of a training doc.

    The right candidate is the one overlapping the gold speaker best (token
    F1); "no speaker" when the gold has none; quotations whose gold speaker no
    candidate reaches are left out (nothing to learn from them)."""
    gold = [q for q in gold_quotes(doc) if q.nested_in is None]
    gold = [gold[k] for k in _order(gold)]
    sent_of = doc.sentence_of()
    items = []
    prev, prev_sent = None, -9
    for q, cands in zip(gold, quote_candidates(doc, gold, [[] for _ in gold])):
        qsents = [sent_of[i] for i in _ids(doc, q.quote)]
        if cands and qsents:
            mark_previous(doc, cands, prev, q, min(qsents) - prev_sent)
        if qsents:
            prev_sent = max(qsents)
        prev = _ids(doc, q.speaker) or None
        if not cands:
            continue
        gs = _ids(doc, q.speaker)
        if not gs:
            items.append((cands, len(cands) - 1))
            continue
        scores = [(_f1(set(c.ids), gs) if c.ids is not NONE else 0.0) for c in cands]
        best = max(range(len(cands)), key=lambda k: scores[k])
        if scores[best] >= 0.3:
            items.append((cands, best))
    return items


def fit(items: list[tuple[list[Candidate], int]], epochs: int = 15, lr: float = 0.1, l2: float = 1e-4,
        seed: int = 0, log=print) -> dict[str, float]:
    """Conditional-logit weights by stochastic gradient ascent (deterministic given the seed)."""
    w: dict[str, float] = {}
    order = list(range(len(items)))
    rng = random.Random(seed)
    for ep in range(epochs):
        rng.shuffle(order)
        ll = 0.0
        rate = lr / (1 + ep * 0.5)
        for k in order:
            cands, gold = items[k]
            scores = [sum(w.get(f, 0.0) for f in c.feats) for c in cands]
            m = max(scores)
            exps = [math.exp(s - m) for s in scores]
            z = sum(exps)
            ll += scores[gold] - m - math.log(z)
            for c, e in zip(cands, exps):
                p = e / z
                for f in c.feats:
                    w[f] = w.get(f, 0.0) - rate * p
            for f in cands[gold].feats:
                w[f] = w.get(f, 0.0) + rate
        if l2:
            shrink = 1 - l2 * len(items) * rate
            w = {f: v * shrink for f, v in w.items() if abs(v * shrink) > 1e-4}
        log(f"speaker selector epoch {ep + 1}: mean log-likelihood {ll / max(1, len(items)):.3f}")
    return w


def save(weights: dict[str, float], path: Path, note: str = "", none_margin: float = 0.0) -> None:
    Path(path).write_text(json.dumps({"note": note, "none_margin": none_margin, "weights": {f: round(v, 4) for f, v in sorted(weights.items())}},
                                     ensure_ascii=False, indent=0), encoding="utf-8")


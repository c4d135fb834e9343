"""A second look at each chosen speaker: keep it, or leave the quotation without one.

The speaker selector (:mod:`depesche.quotes.speaker`) learns from gold
quotations, nearly all of which have a speaker, so it names one for nearly
every *predicted* quotation too, including the spurious ones.  A speaker on a
quotation the gold does not have, or a wrong one, costs speaker precision; a
quotation left without a speaker costs nothing there.  This verifier
estimates, for each chosen speaker, the share of its tokens that are right
(token precision against the gold speaker of the aligned gold quotation,
0 when no gold quotation aligns) from what the pipeline knows at that point:

* the quotation: type, medium, confidence, cue or not, length, sentences,
  a verb of saying in its sentences, first sentence of the text;
* the selector's decision: the winner's softmax probability, its margins over
  "no speaker" and over the runner-up, the number of candidates, whether it
  continues the previous quotation's speaker, whether the role tagger
  marked a speaker and the winner is it;
* the winner itself: where it stands (before, after, a sentence back), a name
  or a pronoun, next to a cue, its length and word classes.

A logistic regression over these binary features is fitted on out-of-fold
predictions of the training split (taggers and selector trained on the other
folds, :func:`depesche.quotes.tagger.train_verifier`), and the speaker is
dropped when the estimate is below a threshold chosen on those predictions
for the best speaker F1.  Measured out of fold over the 700 Wikinews training
articles: speaker F1 0.575 -> 0.588 (5 folds), 0.573 -> 0.581 (10 folds, the
shipped setting); Wikinews dev 0.599 -> 0.602.
"""
from __future__ import annotations

import json
import math
from pathlib import Path

from ..model import Quote
from .corpus import TextDoc, gold_quotes
from .lexicon import is_speech_word
from .speaker import Choice, _ids, share_outer_speakers

#: flags of the chosen candidate worth a weight of their own (see speaker.candidates)
_WINNER_FLAGS = ("pron=", "propn", "cue_before", "cue_after", "zufolge", "src_prep", "nearest_")


def _bucket(x: float, edges: tuple[float, ...]) -> str:
    for e in edges:
        if x < e:
            return f"<{e}"
    return f">={edges[-1]}"


def features(doc: TextDoc, q: Quote, choice: Choice, sent_of: list[int] | None = None) -> list[str]:
    """Binary features of one quotation and the speaker the selector chose for it."""
    sent_of = sent_of if sent_of is not None else doc.sentence_of()
    qids = _ids(doc, q.quote)
    qsents = sorted({sent_of[i] for i in qids}) or [0]
    cue = bool(q.cue)
    rel = choice.candidate.feats[0]  # "rel=before|after|inside|prevN"
    f = ["bias", "ty=" + q.type, "med=" + q.medium, "conf=" + _bucket(q.confidence, (0.5, 0.7, 0.9, 0.99)),
         f"cue={cue}", f"ty|cue={q.type}|{cue}", "qlen=" + _bucket(len(qids), (4, 8, 15, 30, 60)),
         f"nspans={min(len(q.quote), 3)}",
         "mnone=" + _bucket(choice.margin_none, (0.5, 1, 2, 3, 5, 8)),
         "m2=" + _bucket(choice.margin_next, (0.5, 1, 2, 4)),
         f"ty|mnone={q.type}|{_bucket(choice.margin_none, (1, 3, 6))}",
         f"prevtie={choice.continues_previous}", rel, f"ty|{rel}|{q.type}",
         "ncand=" + _bucket(choice.n_candidates, (3, 6, 10, 20)),
         "prob=" + _bucket(choice.prob, (0.3, 0.5, 0.7, 0.85, 0.95)),
         f"ty|prob={q.type}|{_bucket(choice.prob, (0.5, 0.8, 0.95))}",
         f"tagged={choice.tagged}|hit={choice.tagged_hit}"]
    f.extend("b:" + x for x in choice.candidate.feats if x.startswith(_WINNER_FLAGS) and "|" not in x)
    toks = [doc.tokens[i] for i in choice.candidate.ids]
    f.append("slen=" + _bucket(len(toks), (2, 3, 5, 8)))
    # the set of word classes by their first two letters (ADJ, ADP and ADV share "AD"),
    # as the shipped weights were fitted
    f.append("spos=" + "".join(sorted({t.pos[:2] for t in toks}))[:12])
    f.append(f"scap={any(t.text[:1].isupper() for t in toks)}")
    f.append("qsents=" + _bucket(len(qsents), (2, 3, 5)))
    f.append(f"first_sent={qsents[0] == 0}")
    lexcue = any(is_speech_word(doc.tokens[i].text.lower()) for s in qsents for i in doc.sentences[s])
    f.append(f"lexcue={lexcue}")
    return f


def _sigmoid(z: float) -> float:
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


class SpeakerVerifier:
    """Drops a chosen speaker whose estimated token precision is below ``threshold``."""

    def __init__(self, weights: dict[str, float], threshold: float):
        self.w = weights
        self.threshold = threshold

    @classmethod
    def load(cls, path: Path) -> "SpeakerVerifier | None":
        path = Path(path)
        if not path.exists():
            return None
        data = json.loads(path.read_text(encoding="utf-8"))
        return cls(data["weights"], float(data["threshold"]))

    def save(self, path: Path, note: str = "") -> None:
        Path(path).write_text(json.dumps({"note": note, "threshold": self.threshold,
                                          "weights": {f: round(v, 4) for f, v in sorted(self.w.items())}},
                                         ensure_ascii=False, indent=0), encoding="utf-8")

    def probability(self, feats: list[str]) -> float:
        w = self.w
        return _sigmoid(sum(w.get(f, 0.0) for f in feats))

    def apply(self, doc: TextDoc, quotes: list[Quote], choices: dict[int, Choice]) -> None:
        """Leave the quotations whose speaker fails the check without one (nested ones follow)."""
        sent_of = doc.sentence_of()
        dropped = False
        for k, choice in choices.items():
            q = quotes[k]
            if q.speaker and self.probability(features(doc, q, choice, sent_of)) < self.threshold:
                q.speaker = []
                dropped = True
        if dropped:
            share_outer_speakers(quotes)


# -- training ------------------------------------------------------------------

class Row:
    """One chosen speaker of a held-out document: its features and what it is worth.

    ``precision``/``count``: summed token precision of the speaker (with the
    nested quotations that share it) and how many predicted speakers that is;
    ``recall``: the summed token recall it brings to gold quotations with a
    speaker.  Dropping the speaker removes all three, which is exactly how the
    token-overlap score of ``depesche eval quotes`` changes."""

    __slots__ = ("feats", "precision", "count", "recall", "group")

    def __init__(self, feats, precision, count, recall, group):
        self.feats, self.precision, self.count, self.recall, self.group = feats, precision, count, recall, group


def training_rows(doc: TextDoc, quotes: list[Quote], choices: dict[int, Choice], group: int = 0) -> tuple[list[Row], int]:
    """Rows for the chosen speakers of one held-out document with gold annotations,
    and the number of gold quotations with a speaker (recall's denominator)."""
    from .evaluate import _tokset, align

    gold = gold_quotes(doc)
    gsets = [(_tokset(doc, g.quote), _tokset(doc, g.speaker)) for g in gold]
    psets = [(_tokset(doc, q.quote), _tokset(doc, q.speaker)) for q in quotes]
    mapping = align([g[0] for g in gsets], [p[0] for p in psets])
    sent_of = doc.sentence_of()
    rows = []
    for k, choice in choices.items():
        members = [k] + [j for j, q in enumerate(quotes) if q.nested_in == k]
        prec = rec = 0.0
        count = 0
        for j in members:
            spk = psets[j][1]
            if not spk:
                continue
            g = gsets[mapping[j]][1] if j in mapping else set()
            prec += len(spk & g) / len(spk)
            count += 1
            if g:
                rec += len(spk & g) / len(g)
        if count:
            rows.append(Row(features(doc, quotes[k], choice, sent_of), prec, count, rec, group))
    n_gold = sum(1 for g in gsets if g[1])
    return rows, n_gold


def fit(rows: list[Row], l2: float = 1.0, iterations: int = 1500, rate: float = 1.0) -> dict[str, float]:
    """Logistic regression of each row's token precision (a soft label) on its
    features: full-batch gradient descent, deterministic."""
    import numpy as np

    vocab = {f: j for j, f in enumerate(sorted({f for r in rows for f in r.feats}))}
    x = np.zeros((len(rows), len(vocab)))
    for n, r in enumerate(rows):
        for f in r.feats:
            x[n, vocab[f]] = 1.0
    y = np.array([r.precision / r.count for r in rows])
    w = np.zeros(len(vocab))
    for _ in range(iterations):
        p = 1.0 / (1.0 + np.exp(-(x @ w)))
        w -= rate * (x.T @ (p - y) / len(y) + l2 * w / len(y))
    return {f: float(w[j]) for f, j in vocab.items() if abs(w[j]) > 1e-4}


def speaker_f1(rows: list[Row], keep: list[bool], base: tuple[float, int, float, int]) -> float:
    """Token-overlap speaker F1 when only the ``keep`` rows keep their speaker;
    ``base`` = (precision sum, count, recall sum, gold count) of everything else."""
    p_sum, p_n, r_sum, r_n = base
    for r, k in zip(rows, keep):
        if k:
            p_sum += r.precision
            p_n += r.count
            r_sum += r.recall
    p = p_sum / p_n if p_n else 0.0
    rc = r_sum / r_n if r_n else 0.0
    return 2 * p * rc / (p + rc) if p + rc else 0.0


THRESHOLDS = tuple(round(0.05 + 0.025 * i, 3) for i in range(13))  # 0.05 … 0.35


def choose_threshold(rows: list[Row], n_gold: int, folds: int = 5, l2: float = 1.0) -> tuple[float, dict[float, float]]:
    """The threshold with the best speaker F1 over ``rows``, each scored by a
    model fitted without its group (document fold); returns it and the F1 per
    threshold (0.0 = keep every speaker)."""
    est = [0.0] * len(rows)
    for k in range(folds):
        w = fit([r for r in rows if r.group % folds != k], l2=l2)
        for n, r in enumerate(rows):
            if r.group % folds == k:
                est[n] = _sigmoid(sum(w.get(f, 0.0) for f in r.feats))
    base = (0.0, 0, 0.0, n_gold)
    scores = {t: speaker_f1(rows, [e >= t for e in est], base) for t in (0.0,) + THRESHOLDS}
    best = max(THRESHOLDS, key=lambda t: (scores[t], -t))
    return best, scores


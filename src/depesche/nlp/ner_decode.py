"""spaCy's greedy decoding of a transition-based NER, vectorised with numpy.

spaCy decodes an ``ner`` component one step per token: at every step it
computes the scores of every open state, asks each of the 18 moves whether it
is valid (a C function call each) and re-takes the GIL once per step.  On
German news that loop cost about as much as the NER's whole network
(``docs/performance.md``, 2026-12-07).  The model makes that loop unnecessary:

* The network has no upper layer (``use_upper = false``), so a state's scores
  are the maxout of the sum of three precomputed rows: the buffer token ``B0``,
  the first token of the open entity ``E0`` and the token before ``B0`` (the
  last two are padding rows while no entity is open).
* Every BILUO move consumes exactly one token.

So while no entity is open, the scores at a token depend on that token alone:
the choice among Begin, Unit and Out is made for all tokens at once.  Once an
entity opens at ``s``, the choice between In and Last at each later token
depends only on ``s``, its label and that token, so every candidate start is
followed to its end at once too.  A pass over the candidates in token order
then keeps the ones spaCy would reach (a candidate inside an accepted entity
is never reached).  The arithmetic is spaCy's own (the same precomputed rows
from the model's own layers, summed in the same order in float32; ties go to
the first move, as in ``arg_max_if_valid``), so the entities are the same:
``tests/test_ner_decode.py`` compares them with spaCy's decoder.

:func:`fast_decoder` returns ``None`` for any model this does not hold for
(an upper layer, beam search, other features, unseen classes); docs with
preset entities are left to spaCy (:meth:`GreedyNerDecoder.decode` returns
``None``).
"""
from __future__ import annotations

import numpy as np
from spacy.attrs import ENT_IOB, IS_SPACE, SENT_START
from spacy.tokens import Doc

_NEG = np.float32(-np.inf)


class GreedyNerDecoder:
    """Entities of docs as spaCy's greedy decoder of ``ner`` would set them."""

    def __init__(self, ner):
        self.ner = ner
        model = ner.model
        self.tok2vec = model.get_ref("tok2vec")
        self.lower = model.get_ref("lower")
        names = [ner.moves.get_class_name(i) for i in range(ner.moves.n_moves)]
        labels: list[str] = []
        for name in names:
            if name[:2] in ("B-", "I-", "L-", "U-") and name[2:] and name[2:] not in labels:
                labels.append(name[2:])
        self.labels = labels

        def index(move: str) -> np.ndarray:
            return np.array([names.index(f"{move}-{label}") for label in labels], dtype=np.intp)

        self.begin, self.inside, self.last, self.unit = (index(m) for m in "BILU")
        self.out = names.index("O")
        # moves valid while no entity is open, in move order (ties go to the first)
        closed = sorted([*self.begin, *self.unit, self.out])
        self.closed_moves = np.array(closed, dtype=np.intp)
        kinds = {int(i): ("B", k) for k, i in enumerate(self.begin)}
        kinds.update({int(i): ("U", k) for k, i in enumerate(self.unit)})
        kinds[self.out] = ("O", -1)
        self.closed_kind = np.array(["BUO".index(kinds[i][0]) for i in closed], dtype=np.int8)
        self.closed_label = np.array([kinds[i][1] for i in closed], dtype=np.intp)
        # In and Last of one label: In wins a tie when it comes first in move order
        self.in_first = self.inside < self.last

    def decode(self, docs: list[Doc]) -> list[list[tuple[int, int, str]]] | None:
        """``(start, end, label)`` per doc, or ``None`` if a doc has preset entities."""
        lengths = [len(d) for d in docs]
        if not sum(lengths):
            return [[] for _ in docs]
        iob = np.concatenate([d.to_array(ENT_IOB) for d in docs if len(d)])
        if iob.any():
            return None
        flat = np.concatenate([d.to_array([IS_SPACE, SENT_START]) for d in docs if len(d)]).astype(np.int64)
        is_space, sent_start = flat[:, 0].astype(bool), flat[:, 1]
        n = len(flat)
        ends = np.cumsum(lengths)
        last_of_doc = np.zeros(n, dtype=bool)
        last_of_doc[ends[np.array(lengths) > 0] - 1] = True
        # "buffer_length() < 2" and "B(1).sent_start == 1": no entity may run on
        next_starts = np.zeros(n, dtype=bool)
        next_starts[:-1] = sent_start[1:] == 1
        may_continue = ~last_of_doc & ~next_starts

        feats = self.lower.predict(self.tok2vec.predict(docs))  # (n + 1, 3, moves, pieces); row 0: padding
        bias = self.lower.get_param("b")
        own = feats[1:, 0]

        # no entity open: E0 and the token before are padding
        closed = (((own[:, self.closed_moves] + feats[0, 1, self.closed_moves])
                   + feats[0, 2, self.closed_moves]) + bias[self.closed_moves]).max(axis=2)
        kind = self.closed_kind
        valid = np.ones_like(closed, dtype=bool)
        valid[:, kind == 0] = may_continue[:, None] & ~is_space[:, None]  # Begin
        valid[:, kind == 1] = ~is_space[:, None]  # Unit
        choice = np.where(valid, closed, _NEG).argmax(axis=1)
        choice_kind, choice_label = kind[choice], self.closed_label[choice]

        starts = np.flatnonzero(choice_kind == 0)
        ent_end = np.empty(len(starts), dtype=np.intp)  # last token of each candidate entity
        if len(starts):
            labels = choice_label[starts]
            c_in, c_last = self.inside[labels], self.last[labels]
            in_first = self.in_first[labels]
            active = np.arange(len(starts))
            pos = starts + 1
            while len(active):
                t, s = pos[active], starts[active]
                both = np.stack([c_in[active], c_last[active]], axis=1)  # (k, 2)
                score = (((own[t[:, None], both] + feats[s[:, None] + 1, 1, both])
                          + feats[t[:, None], 2, both]) + bias[both]).max(axis=2)
                take_in = np.where(in_first[active], score[:, 0] >= score[:, 1], score[:, 0] > score[:, 1])
                take_in &= may_continue[t]
                done = ~take_in
                ent_end[active[done]] = t[done]
                pos[active] += 1
                active = active[take_in]

        # walk the candidates in token order: one inside an accepted entity is never reached
        unit_at = np.flatnonzero(choice_kind == 1)
        cand_start = np.concatenate([starts, unit_at])
        cand_end = np.concatenate([ent_end, unit_at])
        order = np.argsort(cand_start, kind="stable")
        doc_of = np.searchsorted(ends, cand_start[order], side="right")
        offsets = np.concatenate([[0], ends[:-1]])
        out: list[list[tuple[int, int, str]]] = [[] for _ in docs]
        reached = -1
        for start, end, d in zip(cand_start[order].tolist(), cand_end[order].tolist(), doc_of.tolist()):
            if start <= reached:
                continue
            reached = end
            off = int(offsets[d])
            out[d].append((start - off, end - off + 1, self.labels[int(choice_label[start])]))
        return out


def fast_decoder(ner) -> GreedyNerDecoder | None:
    """A :class:`GreedyNerDecoder` for the spaCy ``ner`` component, if it decodes its model exactly."""
    try:
        model = ner.model
        if type(ner.moves).__name__ != "BiluoPushDown" or ner.cfg.get("beam_width", 1) != 1:
            return None
        if model.attrs.get("has_upper", True) or model.attrs.get("unseen_classes"):
            return None
        lower = model.get_ref("lower")
        if lower.name != "precomputable_affine" or lower.get_dim("nF") != 3:
            return None
        return GreedyNerDecoder(ner)
    except (KeyError, ValueError, AttributeError):
        return None

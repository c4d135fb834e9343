"""Token features for the quotation taggers.

Two feature sets over a :class:`TextDoc`, one list of CRF attributes
(``b"key:value"``) per token, grouped by sentence (the CRF's sequence unit):

* ``quote_features``: word shape and affixes, quotation-mark depth over the
  whole document, speech-verb lexicon, Konjunktiv, clause cues ("dass", colon,
  comma) and the same for the neighbours;
* ``role_features``: the above plus where the token sits relative to the
  quotation spans found by the first tagger (inside, before, after).
"""
from __future__ import annotations

from .corpus import TextDoc, ud_feature
from .lexicon import (
    CUE_PARTICLES, KONJUNKTIV_II_FORMS, PERSONAL_PRONOUNS, SOURCE_PREPOSITIONS, STATEMENT_NOUNS,
    WIDE_REPORTED_STEMS,
    is_cue_word, konjunktiv, maybe_konjunktiv_suffix,
)

OPEN_MARKS = {"„", "»", "‚", "›"}
CLOSE_MARKS = {"“", "«", "‘", "‹", "”"}
AMBIGUOUS_MARKS = {'"', "“", "'"}


def quote_depth(doc: TextDoc) -> list[int]:
    """Quotation-mark nesting depth of every token (marks themselves count as inside).

    German marks „…“ and »…«, English “…”, straight quotes toggling.  Depth is
    reset at paragraph breaks, so an unclosed mark cannot run away.
    """
    # the features, the rules and the marked-quote pass all ask: compute once per doc
    key = (id(doc.tokens), len(doc.tokens), id(doc.text))
    cached = doc.__dict__.get("_quote_depth")
    if cached is None or cached[0] != key:
        cached = doc.__dict__["_quote_depth"] = (key, _quote_depth(doc))
    return list(cached[1])


def _quote_depth(doc: TextDoc) -> list[int]:
    depth = 0
    straight_open = False
    out = []
    prev_end = 0
    text = doc.text
    for tok in doc.tokens:
        if tok.start - prev_end >= 2 and "\n\n" in text[prev_end:tok.start]:  # no slice for the usual gap
            depth, straight_open = 0, False
        prev_end = tok.end
        t = tok.text
        if t in ("„", "»", "‚", "›") or (t == "“" and depth == 0):
            depth += 1
            out.append(depth)
        elif t in ("“", "«", "‘", "‹", "”"):
            out.append(max(depth, 1))
            depth = max(depth - 1, 0)
        elif t == '"':
            if straight_open:
                out.append(max(depth, 1))
                depth = max(depth - 1, 0)
            else:
                depth += 1
                out.append(depth)
            straight_open = not straight_open
        else:
            out.append(depth)
    return out


CLAUSE_BREAKS = {",", ":", ";", "(", ")", "–", "-"}
CLAUSE_OPENERS = {"dass", "ob", "wie", "wonach", "weil", "da", "wenn", "als", "der", "die", "das", "den", "dem",
                  "welche", "welcher", "so", "und", "aber", "doch", "sondern", "nachdem", "um", "zu", "laut", "nach"}


def _clauses(words: list[str]) -> list[int]:
    """Clause number of each token: a new clause after a comma, colon, dash or bracket."""
    out, c = [], 0
    for j, w in enumerate(words):
        out.append(c)
        if w in CLAUSE_BREAKS:
            c += 1
    return out


def _shape(t: str) -> str:
    if t.isdigit():
        return "d"
    if t.isupper() and len(t) > 1:
        return "XX"
    if t[:1].isupper():
        return "Xx"
    if t[:1].islower():
        return "x"
    return "p"


class TokenBase:
    """The features of one token that do not look at its neighbours, as the
    CRF reads them (``b"key:value"``: what python-crfsuite makes of a
    ``{key: value}`` dict, in the same order, as UTF-8), plus the flags the sentence
    features ask about.  They depend only on the word, its tags and its
    quotation depth, so tokens that share these share one object (cached).

    Attribute order (the CRF adds weights in this order): w s3 s2 p3 sh, dq,
    mark cue prep rep stmt part pron, upos case upos|case, konj or konj?;
    a neighbour shows w sh cue konj mark dq prep stmt upos case."""

    __slots__ = ("strings", "neighbour", "cue", "prep", "konj", "bits")

    def __init__(self, word: "_Word", tag: "_Tags", dq: str, parts: "_BaseCache"):
        k = word.konj_sub if tag.subjunctive else word.konj
        konj, konj_nb = parts.konj[k] if k else (parts.maybe_konj if word.maybe_konj else parts.no_konj)
        dq_s, dq_nb = parts.dq[dq]
        self.strings = word.head + dq_s + word.mid + tag.strings + konj
        mark_nb, tail_nb = parts.mark_nb[word.mark], parts.tail_nb[word.tail]
        self.neighbour = tuple([word.nb_head[k] + konj_nb[k] + mark_nb[k] + dq_nb[k] + tail_nb[k] + tag.neighbour[k]
                                for k in range(len(_OFFSETS))])
        self.cue = bool(word.bits & CUE)
        self.prep = bool(word.bits & PREP)
        self.konj = bool(k)
        # the flags as bits, so a sentence's flags are one OR per token
        self.bits = word.bits | (KONJ if k else 0) | (QUOTED if dq != "0" else 0)


_BITS = (CUE, KONJ, MARK, PREP, QUOTED, REP) = (1, 2, 4, 8, 16, 32)
_OFFSETS = (-2, -1, 1, 2)
_PADS = {off: f"{off}:pad:1".encode() for off in _OFFSETS}
#: per-token attributes from a small set of values, encoded once
_POSITION = {v: ("pos:" + v).encode() for v in ("0", "1", "2", "end", "mid")}
_DCUE = {v: (("dcue:" + v).encode(), ("dcue|cap:" + v).encode()) for v in ("-3", "-2", "-1", "0", "1", "2", "3", "<", ">")}
_PREFIXES = tuple((off, f"{off}:") for off in _OFFSETS)
_FLAGS = ("mark", "cue", "prep", "rep", "stmt", "part", "pron")


class _Word:
    """The part of a token's features that depends on its text alone."""

    __slots__ = ("head", "mid", "nb_head", "mark", "tail", "konj", "konj_sub", "maybe_konj", "bits")

    def __init__(self, t: str, parts: "_BaseCache"):
        known = parts.known
        lo = t.lower()
        sh = _shape(t)
        head = ["w:" + lo, "s3:" + lo[-3:], "s2:" + lo[-2:], "p3:" + lo[:3], "sh:" + sh]
        mark = t in OPEN_MARKS or t in CLOSE_MARKS or t in AMBIGUOUS_MARKS
        cue = is_cue_word(lo)
        prep = lo in SOURCE_PREPOSITIONS
        rep = lo.startswith(WIDE_REPORTED_STEMS) and t[:1].islower()
        stmt = lo in STATEMENT_NOUNS
        flags = (mark, cue, prep, rep, stmt, lo in CUE_PARTICLES, lo in PERSONAL_PRONOUNS)
        self.head = _keep(head, known)
        self.mid = parts.mid(flags)
        seen = ("w:" + lo, "sh:" + sh, "cue:1") if cue else ("w:" + lo, "sh:" + sh)
        self.nb_head = _per_offset(seen, known)
        self.mark = mark
        self.tail = (prep, stmt)
        self.konj = konjunktiv(t)  # without morphology: the form lists
        self.konj_sub = "II" if lo in KONJUNKTIV_II_FORMS else "I"  # what konjunktiv() says for Mood=Sub
        self.maybe_konj = maybe_konjunktiv_suffix(t)
        self.bits = (CUE if cue else 0) | (MARK if mark else 0) | (PREP if prep else 0) | (REP if rep else 0)


class _Tags:
    """The part of a token's features that depends on its part of speech and morphology."""

    __slots__ = ("strings", "neighbour", "subjunctive")

    def __init__(self, pos: str, feats: str, morph, known: frozenset[bytes] | None):
        # part of speech and case from the language core: a speaker is a
        # nominative noun phrase, the object of "forderte X auf" is not
        f = {}
        if pos:
            f["upos"] = pos
            case = ud_feature(feats, "Case")
            if case:
                f["case"] = case
                f["upos|case"] = pos + "|" + case
        self.strings = _keep([k + ":" + v for k, v in f.items()], known)
        seen = [k + ":" + f[k] for k in ("upos", "case") if k in f]
        self.neighbour = _per_offset(seen, known)
        self.subjunctive = _subjunctive(morph)


def _subjunctive(morph) -> bool:
    """``Mood=Sub`` in a spaCy analysis, read as :func:`konjunktiv` reads it."""
    if morph is None:
        return False
    try:
        return "Sub" in morph.get("Mood")
    except Exception:  # noqa: BLE001 - morph objects vary, as in konjunktiv()
        return False


def _per_offset(strings, known: frozenset[bytes] | None) -> tuple[tuple[bytes, ...], ...]:
    """What the tokens at each offset in ``_OFFSETS`` see of these attributes."""
    return tuple([_keep([p + a for a in strings], known) for _, p in _PREFIXES])


class _BaseCache:
    """Word parts, tag parts and whole :class:`TokenBase` objects for one set
    of known attributes, and the few attribute lists shared by many words."""

    SIZE = 50_000  # ~65 MiB with their words (83,000 entries measured at 107 MiB); then start over

    def __init__(self, known: frozenset[bytes] | None):
        self.known = known
        self.words: dict[str, _Word] = {}
        self.tags: dict[tuple, _Tags] = {}
        self.tokens: dict[tuple, TokenBase] = {}
        self.mids: dict[tuple, list[str]] = {}
        self.dq = {dq: (_keep(["dq:" + dq], known), _per_offset(["dq:" + dq], known)) for dq in ("0", "1", "2")}
        self.konj = {k: (_keep(["konj:" + k], known), _per_offset(["konj:" + k], known)) for k in ("I", "II")}
        self.maybe_konj = (_keep(["konj?:1"], known), _per_offset([], known))
        self.no_konj = ((), _per_offset([], known))
        self.mark_nb = {mark: _per_offset(["mark:1"] if mark else [], known) for mark in (False, True)}
        self.tail_nb = {(prep, stmt): _per_offset([n + ":1" for n, on in (("prep", prep), ("stmt", stmt)) if on], known)
                        for prep in (False, True) for stmt in (False, True)}

    def mid(self, flags: tuple) -> list[str]:
        out = self.mids.get(flags)
        if out is None:
            out = self.mids[flags] = _keep([name + ":1" for name, on in zip(_FLAGS, flags) if on], self.known)
        return out

    def get(self, tok, dq: str) -> TokenBase:
        key = (tok.text, tok.pos, tok.feats, tok.morph, dq)
        try:
            b = self.tokens.get(key)
        except TypeError:  # an unhashable morph object: build without caching
            return TokenBase(_Word(tok.text, self), _Tags(tok.pos, tok.feats, tok.morph, self.known), dq, self)
        if b is None:
            if len(self.tokens) > self.SIZE:
                self.tokens.clear()
                self.words.clear()
            word = self.words.get(tok.text)
            if word is None:
                word = self.words[tok.text] = _Word(tok.text, self)
            tag_key = (tok.pos, tok.feats, tok.morph)
            tags = self.tags.get(tag_key)
            if tags is None:
                tags = self.tags[tag_key] = _Tags(tok.pos, tok.feats, tok.morph, self.known)
            b = self.tokens[key] = TokenBase(word, tags, dq, self)
        return b


#: per set of known attributes (None: keep all)
_BASE_CACHES: dict[int, _BaseCache] = {}


def _keep(strings: list[str], known: frozenset[bytes] | None) -> tuple[bytes, ...]:
    """``strings`` as UTF-8 (python-crfsuite takes bytes as they are and would
    encode each str again on every call) without the attributes a model has
    no weights for.

    A CRF skips an attribute it does not know, so leaving it out changes no
    score (the known ones keep their order, so even rounding is the same);
    it saves python-crfsuite converting and looking up some of them."""
    if known is None:
        return tuple([s.encode() for s in strings])
    return tuple([e for s in strings if (e := s.encode()) in known])


def token_base(doc: TextDoc, known: frozenset[bytes] | None = None) -> list[TokenBase]:
    """Per-token features that do not look at neighbours (only those in ``known``, if given)."""
    depth = quote_depth(doc)
    cache = _BASE_CACHES.get(id(known))
    if cache is None or cache.known is not known:
        cache = _BASE_CACHES[id(known)] = _BaseCache(known)
    get = cache.get
    return [get(tok, _DQ[d] if d < 2 else "2") for tok, d in zip(doc.tokens, depth)]


_DQ = ("0", "1")


def _sent_len(n: int) -> str:
    return "s_len=" + ("short" if n < 8 else "mid" if n < 25 else "long") + ":1"


def quote_features(doc: TextDoc, base: list[TokenBase] | None = None,
                   known: frozenset[bytes] | None = None) -> list[list[list[bytes]]]:
    """Per sentence, per token: the CRF attributes (UTF-8 ``b"key:value"``);
    with ``known``, only those (``base`` must then come from the same ``known``)."""
    base = base if base is not None else token_base(doc, known)
    out = []
    tokens = doc.tokens
    sentences = doc.sentences
    prev_bits = 0  # flags of the previous sentence
    for si, sent in enumerate(sentences):
        bs = [base[i] for i in sent]
        raw = [tokens[i].text for i in sent]
        words = [t.lower() for t in raw]
        bits = 0
        for b in bs:
            bits |= b.bits
        has = (
            ("s_cue", bits & CUE),
            ("s_konj", bits & KONJ),
            ("s_mark", bits & MARK),
            ("s_dass", "dass" in words),
            ("s_colon", ":" in words),
            ("s_prep", bits & PREP),
            ("s_inq", bits & QUOTED),
            ("s_rep", bits & REP),
            ("ps_cue", prev_bits & (CUE | PREP)),
        )
        # features every token of the sentence carries, in the order they are added
        shared = ["s_first=" + (words[0] if words else "") + ":1", _sent_len(len(sent))]
        shared += [k + ":1" for k, v in has if v]
        if si > 0 and tokens[sentences[si - 1][-1]].text == ":":
            shared.append("prev_colon:1")
        if prev_bits & KONJ:
            shared.append("prev_konj:1")
        prev_bits = bits
        shared = _keep(shared, known)
        clause = _clauses(words)
        n_clause = clause[-1] + 1 if clause else 0
        c_konj = [False] * n_clause
        c_cue = [False] * n_clause
        c_first: list[str] = [""] * n_clause
        for j, b in enumerate(bs):
            c = clause[j]
            if b.konj:
                c_konj[c] = True
            if b.cue or b.prep:
                c_cue[c] = True
            if not c_first[c] and words[j] not in CLAUSE_BREAKS:
                c_first[c] = words[j] if words[j] in CLAUSE_OPENERS else ("X" if raw[j][:1].isupper() else "x")
        cue_clauses = [c for c in range(n_clause) if c_cue[c]]
        # per clause: the features of the clause part, the same for all its tokens
        clause_strings = []
        for c in range(n_clause):
            cs = ["c_first:" + c_first[c]]
            if c_konj[c]:
                cs.append("c_konj:1")
            if c_cue[c]:
                cs.append("c_cue:1")
            if cue_clauses:
                d = min((c - cc for cc in cue_clauses), key=abs)
                dcue = str(max(-2, min(2, d)))
                cs.append("c_dcue:" + dcue)
                cs.append("c_dcue|konj:" + dcue + ("k" if c_konj[c] else ""))
            cs.append("c_idx:" + str(min(c, 3)))
            clause_strings.append(_keep(cs, known))
        seq = []
        cue_at = [j for j, b in enumerate(bs) if b.cue and raw[j][:1].islower()]
        seen_dass = seen_comma = seen_cue = False
        n = len(sent)
        for j, b in enumerate(bs):
            f = [*b.strings, *shared]
            if j == 0:
                f.append(b"BOS:1")
            if j == n - 1:
                f.append(b"EOS:1")
            f.append(_POSITION[str(j) if j < 3 else ("end" if n - j <= 2 else "mid")])
            w = words[j]
            if seen_dass:
                f.append(b"after_dass:1")
            if seen_comma:
                f.append(b"after_comma:1")
            if seen_cue:
                f.append(b"after_cue:1")
            if cue_at:
                # token distance to the nearest verb of saying: speakers sit right next to it
                d = min((j - c for c in cue_at), key=abs)
                dcue, dcue_cap = _DCUE[str(d) if -3 <= d <= 3 else ("<" if d < 0 else ">")]
                f.append(dcue)
                if raw[j][:1].isupper():
                    f.append(dcue_cap)
            for k, off in enumerate(_OFFSETS):
                jj = j + off
                if 0 <= jj < n:
                    f += bs[jj].neighbour[k]
                else:
                    f.append(_PADS[off])
            bigram = ("w-1|w:" + (words[j - 1] if j else "<s>") + "|" + w).encode()
            if known is None or bigram in known:
                f.append(bigram)
            f += clause_strings[clause[j]]
            seq.append(f)
            if w == "dass":
                seen_dass = True
            if w == ",":
                seen_comma = True
            if b.cue:
                seen_cue = True
        out.append(seq)
    return out


def role_features(doc: TextDoc, quote_tags: list[list[str]], base: list[TokenBase] | None = None,
                  qfeats: list[list[list[bytes]]] | None = None,
                  wanted: list[bool] | None = None) -> list[list[list[bytes]]]:
    """Quote features plus the token's position relative to tagged quotations
    (for the sentences ``wanted``; the others keep their quote features)."""
    qfeats = qfeats if qfeats is not None else quote_features(doc, base)
    out = []
    n_sent = len(doc.sentences)
    for si, (seq, tags) in enumerate(zip(qfeats, quote_tags)):
        if wanted is not None and not wanted[si]:
            out.append(seq)
            continue
        inside = [t != "O" for t in tags]
        # quotation types in order of appearance (a set's order would change with the hash seed)
        types = dict.fromkeys(t[2:] for t in tags if t != "O")
        first = inside.index(True) if any(inside) else None
        last = len(inside) - 1 - inside[::-1].index(True) if any(inside) else None
        next_q = si + 1 < n_sent and quote_tags[si + 1] and quote_tags[si + 1][0] != "O"
        prev_q = si > 0 and any(t != "O" for t in quote_tags[si - 1])
        shared = [("qt=" + ty + ":1").encode() for ty in types]
        n = len(seq)
        new = []
        for j, f in enumerate(seq):
            g = f + shared
            if inside[j]:
                g.append(("inq:" + tags[j][2:]).encode())
            elif first is None:
                g.append(b"noq:1")
            elif j < first:
                g.append(b"beforeq:1")
            elif j > last:
                g.append(b"afterq:1")
            else:
                g.append(b"betweenq:1")
            if next_q:
                g.append(b"next_sent_q:1")
            if prev_q:
                g.append(b"prev_sent_q:1")
            if j > 0 and inside[j - 1] != inside[j]:
                g.append(b"-1:qedge:1")
            if j + 1 < n and inside[j + 1] != inside[j]:
                g.append(b"1:qedge:1")
            new.append(g)
        out.append(new)
    return out

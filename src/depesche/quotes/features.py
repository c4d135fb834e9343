"""Token features for the quotation taggers.

Two feature sets over a :class:`TextDoc`, one dict of string features per
token, grouped by sentence (the CRF's sequence unit):

* ``quote_features``: word shape and affixes, quotation-mark depth over the
  whole document, speech-verb lexicon, Konjunktiv, clause cues ("dass", colon,
  comma) and the same for the neighbours;
* ``role_features``: the above plus where the token sits relative to the
  quotation spans found by the first tagger (inside, before, after).
"""
from __future__ import annotations

from .corpus import TextDoc, ud_feature
from .lexicon import (
    CUE_PARTICLES, PERSONAL_PRONOUNS, REPORTED_STEMS, SOURCE_PREPOSITIONS, STATEMENT_NOUNS, is_speech_word,
    konjunktiv, maybe_konjunktiv_suffix,
)

OPEN_MARKS = {"„", "»", "‚", "›"}
CLOSE_MARKS = {"“", "«", "‘", "‹", "”"}
AMBIGUOUS_MARKS = {'"', "“", "'"}


def quote_depth(doc: TextDoc) -> list[int]:
    """Quotation-mark nesting depth of every token (marks themselves count as inside).

    German marks „…“ and »…«, English “…”, straight quotes toggling.  Depth is
    reset at paragraph breaks, so an unclosed mark cannot run away.
    """
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
    CRF reads them (``"key:value"`` strings, what python-crfsuite makes of a
    ``{key: value}`` dict, in the same order), plus the flags the sentence
    features ask about.  They depend only on the word, its tags and its
    quotation depth, so tokens that share these share one object (cached)."""

    __slots__ = ("strings", "neighbour", "cue", "prep", "rep", "konj", "mark", "quoted")

    def __init__(self, f: dict, known: frozenset[str] | None = None):
        self.strings = _keep([k + ":" + v for k, v in f.items()], known)
        # what the tokens around this one see of it, per offset
        self.neighbour = {off: _keep([f"{off}:{key}:{f[key]}" for key in _NEIGHBOUR_KEYS if key in f], known)
                          for off in _OFFSETS}
        self.cue = "cue" in f
        self.prep = "prep" in f
        self.rep = "rep" in f
        self.konj = bool(f.get("konj"))
        self.mark = "mark" in f
        self.quoted = f["dq"] != "0"


_NEIGHBOUR_KEYS = ("w", "sh", "cue", "konj", "mark", "dq", "prep", "stmt", "upos", "case")
_OFFSETS = (-2, -1, 1, 2)
_PADS = {off: f"{off}:pad:1" for off in _OFFSETS}
_BASE_CACHE_SIZE = 200_000  # a few hundred thousand distinct words fit; then start over
#: per set of known attributes (None: keep all): (that set, {token key: TokenBase})
_BASE_CACHES: dict[int, tuple[frozenset[str] | None, dict[tuple, TokenBase]]] = {}


def _keep(strings: list[str], known: frozenset[str] | None) -> list[str]:
    """``strings`` without the attributes a model has no weights for.

    A CRF skips an attribute it does not know, so leaving it out changes no
    score (the known ones keep their order, so even rounding is the same);
    it saves python-crfsuite converting and looking up about half of them."""
    return strings if known is None else [s for s in strings if s in known]


def _base_dict(t: str, pos: str, feats: str, morph, dq: str) -> dict:
    """The per-token features as a dict (insertion order is the CRF's attribute order)."""
    lo = t.lower()
    f = {
        "w": lo, "s3": lo[-3:], "s2": lo[-2:], "p3": lo[:3], "sh": _shape(t),
        "dq": dq,
    }
    if t in OPEN_MARKS or t in CLOSE_MARKS or t in AMBIGUOUS_MARKS:
        f["mark"] = "1"
    if is_speech_word(lo):
        f["cue"] = "1"
    if lo in SOURCE_PREPOSITIONS:
        f["prep"] = "1"
    if lo.startswith(REPORTED_STEMS) and t[:1].islower():
        f["rep"] = "1"
    if lo in STATEMENT_NOUNS:
        f["stmt"] = "1"
    if lo in CUE_PARTICLES:
        f["part"] = "1"
    if lo in PERSONAL_PRONOUNS:
        f["pron"] = "1"
    if pos:
        # part of speech and case from the language core: a speaker is a
        # nominative noun phrase, the object of "forderte X auf" is not
        f["upos"] = pos
        case = ud_feature(feats, "Case")
        if case:
            f["case"] = case
            f["upos|case"] = pos + "|" + case
    k = konjunktiv(t, morph)
    if k:
        f["konj"] = k
    elif maybe_konjunktiv_suffix(t):
        f["konj?"] = "1"
    return f


def token_base(doc: TextDoc, known: frozenset[str] | None = None) -> list[TokenBase]:
    """Per-token features that do not look at neighbours (only those in ``known``, if given)."""
    depth = quote_depth(doc)
    entry = _BASE_CACHES.get(id(known))
    if entry is None or entry[0] is not known:
        entry = _BASE_CACHES[id(known)] = (known, {})
    cache = entry[1]
    if len(cache) > _BASE_CACHE_SIZE:
        cache.clear()
    base = []
    for tok, d in zip(doc.tokens, depth):
        dq = _DQ[d] if d < 2 else "2"
        key = (tok.text, tok.pos, tok.feats, tok.morph, dq)
        try:
            b = cache.get(key)
        except TypeError:  # an unhashable morph object: no caching
            key, b = None, None
        if b is None:
            b = TokenBase(_base_dict(tok.text, tok.pos, tok.feats, tok.morph, dq), known)
            if key is not None:
                cache[key] = b
        base.append(b)
    return base


_DQ = ("0", "1")


def _sent_len(n: int) -> str:
    return "s_len=" + ("short" if n < 8 else "mid" if n < 25 else "long") + ":1"


def quote_features(doc: TextDoc, base: list[TokenBase] | None = None,
                   known: frozenset[str] | None = None) -> list[list[list[str]]]:
    """Per sentence, per token: the CRF attributes (``"key:value"`` strings);
    with ``known``, only those (``base`` must then come from the same ``known``)."""
    base = base if base is not None else token_base(doc, known)
    out = []
    tokens = doc.tokens
    sentences = doc.sentences
    for si, sent in enumerate(sentences):
        bs = [base[i] for i in sent]
        raw = [tokens[i].text for i in sent]
        words = [t.lower() for t in raw]
        prev = [base[i] for i in sentences[si - 1]] if si > 0 else []
        has = (
            ("s_cue", any(b.cue for b in bs)),
            ("s_konj", any(b.konj for b in bs)),
            ("s_mark", any(b.mark for b in bs)),
            ("s_dass", "dass" in words),
            ("s_colon", ":" in words),
            ("s_prep", any(b.prep for b in bs)),
            ("s_inq", any(b.quoted for b in bs)),
            ("s_rep", any(b.rep for b in bs)),
            ("ps_cue", any(b.cue or b.prep for b in prev)),
        )
        # features every token of the sentence carries, in the order they are added
        shared = ["s_first=" + (words[0] if words else "") + ":1", _sent_len(len(sent))]
        shared += [k + ":1" for k, v in has if v]
        if si > 0 and tokens[sentences[si - 1][-1]].text == ":":
            shared.append("prev_colon:1")
        if any(b.konj for b in prev):
            shared.append("prev_konj:1")
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
            f = b.strings + shared
            if j == 0:
                f.append("BOS:1")
            if j == n - 1:
                f.append("EOS:1")
            f.append("pos:" + (str(j) if j < 3 else ("end" if n - j <= 2 else "mid")))
            w = words[j]
            if seen_dass:
                f.append("after_dass:1")
            if seen_comma:
                f.append("after_comma:1")
            if seen_cue:
                f.append("after_cue:1")
            if cue_at:
                # token distance to the nearest verb of saying: speakers sit right next to it
                d = min((j - c for c in cue_at), key=abs)
                dcue = str(d) if -3 <= d <= 3 else ("<" if d < 0 else ">")
                f.append("dcue:" + dcue)
                if raw[j][:1].isupper():
                    f.append("dcue|cap:" + dcue)
            for off in _OFFSETS:
                jj = j + off
                if 0 <= jj < n:
                    f += bs[jj].neighbour[off]
                else:
                    f.append(_PADS[off])
            bigram = "w-1|w:" + (words[j - 1] if j else "<s>") + "|" + w
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
                  qfeats: list[list[list[str]]] | None = None) -> list[list[list[str]]]:
    """Quote features plus the token's position relative to tagged quotations."""
    qfeats = qfeats if qfeats is not None else quote_features(doc, base)
    out = []
    n_sent = len(doc.sentences)
    for si, (seq, tags) in enumerate(zip(qfeats, quote_tags)):
        inside = [t != "O" for t in tags]
        # quotation types in order of appearance (a set's order would change with the hash seed)
        types = dict.fromkeys(t[2:] for t in tags if t != "O")
        first = inside.index(True) if any(inside) else None
        last = len(inside) - 1 - inside[::-1].index(True) if any(inside) else None
        next_q = si + 1 < n_sent and quote_tags[si + 1] and quote_tags[si + 1][0] != "O"
        prev_q = si > 0 and any(t != "O" for t in quote_tags[si - 1])
        shared = ["qt=" + ty + ":1" for ty in types]
        n = len(seq)
        new = []
        for j, f in enumerate(seq):
            g = f + shared
            if inside[j]:
                g.append("inq:" + tags[j][2:])
            elif first is None:
                g.append("noq:1")
            elif j < first:
                g.append("beforeq:1")
            elif j > last:
                g.append("afterq:1")
            else:
                g.append("betweenq:1")
            if next_q:
                g.append("next_sent_q:1")
            if prev_q:
                g.append("prev_sent_q:1")
            if j > 0 and inside[j - 1] != inside[j]:
                g.append("-1:qedge:1")
            if j + 1 < n and inside[j + 1] != inside[j]:
                g.append("1:qedge:1")
            new.append(g)
        out.append(new)
    return out

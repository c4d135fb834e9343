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
    for tok in doc.tokens:
        if "\n\n" in doc.text[prev_end:tok.start]:
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


def token_base(doc: TextDoc) -> list[dict]:
    """Per-token features that do not look at neighbours."""
    depth = quote_depth(doc)
    base = []
    for i, tok in enumerate(doc.tokens):
        t = tok.text
        lo = t.lower()
        f = {
            "w": lo, "s3": lo[-3:], "s2": lo[-2:], "p3": lo[:3], "sh": _shape(t),
            "dq": str(min(depth[i], 2)),
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
        if tok.pos:
            # part of speech and case from the language core: a speaker is a
            # nominative noun phrase, the object of "forderte X auf" is not
            f["upos"] = tok.pos
            case = ud_feature(tok.feats, "Case")
            if case:
                f["case"] = case
                f["upos|case"] = tok.pos + "|" + case
        k = konjunktiv(t, tok.morph)
        if k:
            f["konj"] = k
        elif maybe_konjunktiv_suffix(t):
            f["konj?"] = "1"
        base.append(f)
    return base


_NEIGHBOUR_KEYS = ("w", "sh", "cue", "konj", "mark", "dq", "prep", "stmt", "upos", "case")


def quote_features(doc: TextDoc, base: list[dict] | None = None) -> list[list[dict]]:
    base = base if base is not None else token_base(doc)
    out = []
    n_sent = len(doc.sentences)
    for si, sent in enumerate(doc.sentences):
        words = [doc.tokens[i].text.lower() for i in sent]
        has = {
            "s_cue": any("cue" in base[i] for i in sent),
            "s_konj": any(base[i].get("konj") for i in sent),
            "s_mark": any("mark" in base[i] for i in sent),
            "s_dass": "dass" in words,
            "s_colon": ":" in words,
            "s_prep": any("prep" in base[i] for i in sent),
            "s_inq": any(base[i]["dq"] != "0" for i in sent),
            "s_rep": any("rep" in base[i] for i in sent),
            "ps_cue": si > 0 and any("cue" in base[i] or "prep" in base[i] for i in doc.sentences[si - 1]),
        }
        s_first = "s_first=" + words[0] if words else "s_first="
        s_len = "s_len=" + ("short" if len(sent) < 8 else "mid" if len(sent) < 25 else "long")
        clause = _clauses(words)
        n_clause = clause[-1] + 1 if clause else 0
        c_konj = [False] * n_clause
        c_cue = [False] * n_clause
        c_first: list[str] = [""] * n_clause
        for j, i in enumerate(sent):
            c = clause[j]
            if base[i].get("konj"):
                c_konj[c] = True
            if "cue" in base[i] or "prep" in base[i]:
                c_cue[c] = True
            if not c_first[c] and words[j] not in CLAUSE_BREAKS:
                c_first[c] = words[j] if words[j] in CLAUSE_OPENERS else ("X" if doc.tokens[i].text[:1].isupper() else "x")
        cue_clauses = [c for c in range(n_clause) if c_cue[c]]
        prev_colon = si > 0 and doc.tokens[doc.sentences[si - 1][-1]].text == ":"
        prev_konj = si > 0 and any(base[i].get("konj") for i in doc.sentences[si - 1])
        seq = []
        cue_at = [j for j, i in enumerate(sent) if "cue" in base[i] and doc.tokens[i].text[:1].islower()]
        seen_dass = seen_comma = seen_cue = False
        n = len(sent)
        for j, i in enumerate(sent):
            f = dict(base[i])
            f[s_first] = "1"
            f[s_len] = "1"
            for k, v in has.items():
                if v:
                    f[k] = "1"
            if prev_colon:
                f["prev_colon"] = "1"
            if prev_konj:
                f["prev_konj"] = "1"
            if j == 0:
                f["BOS"] = "1"
            if j == n - 1:
                f["EOS"] = "1"
            f["pos"] = str(min(j, 3)) if j < 3 else ("end" if n - j <= 2 else "mid")
            w = words[j]
            if seen_dass:
                f["after_dass"] = "1"
            if seen_comma:
                f["after_comma"] = "1"
            if seen_cue:
                f["after_cue"] = "1"
            if cue_at:
                # token distance to the nearest verb of saying: speakers sit right next to it
                d = min((j - c for c in cue_at), key=abs)
                f["dcue"] = str(d) if -3 <= d <= 3 else ("<" if d < 0 else ">")
                if doc.tokens[i].text[:1].isupper():
                    f["dcue|cap"] = f["dcue"]
            for off in (-2, -1, 1, 2):
                jj = j + off
                if 0 <= jj < n:
                    nb = base[sent[jj]]
                    for key in _NEIGHBOUR_KEYS:
                        if key in nb:
                            f[f"{off}:{key}"] = nb[key]
                else:
                    f[f"{off}:pad"] = "1"
            f["w-1|w"] = (words[j - 1] if j else "<s>") + "|" + w
            c = clause[j]
            f["c_first"] = c_first[c]
            if c_konj[c]:
                f["c_konj"] = "1"
            if c_cue[c]:
                f["c_cue"] = "1"
            if cue_clauses:
                d = min((c - cc for cc in cue_clauses), key=abs)
                f["c_dcue"] = str(max(-2, min(2, d)))
                f["c_dcue|konj"] = f["c_dcue"] + ("k" if c_konj[c] else "")
            f["c_idx"] = str(min(c, 3))
            seq.append(f)
            if w == "dass":
                seen_dass = True
            if w == ",":
                seen_comma = True
            if "cue" in base[i]:
                seen_cue = True
        out.append(seq)
        _ = n_sent
    return out


def role_features(doc: TextDoc, quote_tags: list[list[str]], base: list[dict] | None = None,
                  qfeats: list[list[dict]] | None = None) -> list[list[dict]]:
    """Quote features plus the token's position relative to tagged quotations."""
    qfeats = qfeats if qfeats is not None else quote_features(doc, base)
    out = []
    n_sent = len(doc.sentences)
    for si, (seq, tags) in enumerate(zip(qfeats, quote_tags)):
        inside = [t != "O" for t in tags]
        types = {t[2:] for t in tags if t != "O"}
        first = inside.index(True) if any(inside) else None
        last = len(inside) - 1 - inside[::-1].index(True) if any(inside) else None
        next_q = si + 1 < n_sent and quote_tags[si + 1] and quote_tags[si + 1][0] != "O"
        prev_q = si > 0 and any(t != "O" for t in quote_tags[si - 1])
        new = []
        for j, f in enumerate(seq):
            g = dict(f)
            for ty in types:
                g["qt=" + ty] = "1"
            if inside[j]:
                g["inq"] = tags[j][2:]
            elif first is None:
                g["noq"] = "1"
            elif j < first:
                g["beforeq"] = "1"
            elif j > last:
                g["afterq"] = "1"
            else:
                g["betweenq"] = "1"
            if next_q:
                g["next_sent_q"] = "1"
            if prev_q:
                g["prev_sent_q"] = "1"
            for off in (-1, 1):
                jj = j + off
                if 0 <= jj < len(seq) and inside[jj] != inside[j]:
                    g[f"{off}:qedge"] = "1"
            new.append(g)
        out.append(new)
    return out

"""The rule-based quotation tagger (``model="rules"``): no training data needed.

It produces the same token labels as the learned taggers, so the shared
decoder (:mod:`depesche.quotes.extract`) builds the quotations.  Patterns:

* **Direct**: text inside quotation marks (with the marks), unless it looks
  like a title or name (short and all capitalised);
* **Indirect** after a verb of saying: ``X sagte, dass …`` /
  ``X sagte, Y sei …`` (the clause after the comma) and ``Y sei …, sagte X``
  / ``…, so X`` (the clause before it);
* **Indirect** with a source phrase: ``laut X``, ``X zufolge``,
  ``nach Angaben X`` (the rest of the sentence is the quote);
* **IndirectFreeIndirect** continuation: a sentence in Konjunktiv I right after a
  quotation, without a cue of its own.
"""
from __future__ import annotations

from .corpus import TextDoc
from .features import quote_depth
from .lexicon import PERSONAL_PRONOUNS, REPORTED_STEMS, STATEMENT_NOUNS, is_cue_word, konjunktiv

ARTICLES = {"der", "die", "das", "des", "dem", "den", "ein", "eine", "einer", "eines", "einem", "einen"}
PUNCT = {",", ".", ":", ";", "!", "?", "(", ")", "–", "-"}
STOP_VERB_LIKE = {"und", "oder", "aber", "auch", "am", "im", "in", "auf", "bei", "vor", "nach", "mit", "zu",
                  "ist", "sind", "war", "hat", "habe", "wird", "würde", "sei", "dass", "nicht", "noch"}


def _np_after(words: list[str], raw: list[str], j: int, limit: int = 7) -> list[int]:
    """Token positions of a noun phrase starting at ``j`` (pronoun, article or name)."""
    if j >= len(words):
        return []
    if words[j] in PERSONAL_PRONOUNS:
        return [j]
    out = []
    k = j
    while k < len(words) and len(out) < limit:
        w, r = words[k], raw[k]
        if w in PUNCT:
            if w == "," and out and k + 1 < len(words) and raw[k + 1][:1].isupper() and len(out) <= 5:
                # apposition: "Der Sprecher, Hans Muster" – keep going one name
                out.append(k)
                k += 1
                continue
            break
        if r[:1].isupper() or w in ARTICLES or (out and w in ("von", "vom", "des", "der")):
            out.append(k)
        elif out and r[:1].islower() and w not in STOP_VERB_LIKE and k + 1 < len(words) and raw[k + 1][:1].isupper():
            out.append(k)  # an attributive adjective: "der russische Präsident"
        else:
            break
        k += 1
    while out and (words[out[-1]] in ARTICLES or words[out[-1]] in (",", "von", "vom")):
        out.pop()
    return out


def _np_before(words: list[str], raw: list[str], j: int, limit: int = 7) -> list[int]:
    """Noun phrase ending just before ``j`` (back to a comma or the sentence start)."""
    out = []
    k = j - 1
    while k >= 0 and len(out) < limit:
        w, r = words[k], raw[k]
        if w in PUNCT or w in STOP_VERB_LIKE:
            break
        out.insert(0, k)
        k -= 1
    if out and not (raw[out[-1]][:1].isupper() or words[out[-1]] in PERSONAL_PRONOUNS):
        return []
    return out


def _label(tags: list[str], positions: list[int], label: str) -> None:
    if not positions or any(tags[p] != "O" for p in positions):
        return
    tags[positions[0]] = "B-" + label
    for p in positions[1:]:
        tags[p] = "I-" + label


def _label_clause(qt: list[str], clause: list[int]) -> None:
    """Label a reported clause Indirect; a direct quote inside it is absorbed,
    a clause that is itself a direct quotation is left alone."""
    direct = sum(qt[p] != "O" for p in clause)
    if direct * 2 >= len(clause):
        return
    qt[clause[0]] = "B-Indirect"
    for p in clause[1:]:
        qt[p] = "I-Indirect"
    # a direct quote cut by the clause boundary keeps only its outside part
    for p in range(clause[-1] + 1, len(qt)):
        if qt[p].startswith("I-Direct"):
            qt[p] = "B-Direct"
        break


def _strip_end(positions: list[int], words: list[str]) -> list[int]:
    while positions and words[positions[-1]] in PUNCT:
        positions = positions[:-1]
    while positions and words[positions[0]] in PUNCT:
        positions = positions[1:]
    return positions


def marked_spans(doc: TextDoc, depth: list[int], speech_only: bool = True) -> list[tuple[int, int]]:
    """(first, last) token indices of quotation-mark spans; with ``speech_only``
    only those that look like speech rather than a title or name."""
    out = []
    i, n = 0, len(doc.tokens)
    while i < n:
        if depth[i] >= 1 and (i == 0 or depth[i - 1] == 0):
            j = i
            while j + 1 < n and depth[j + 1] >= 1 and "\n\n" not in doc.text[doc.tokens[j].end:doc.tokens[j + 1].start]:
                j += 1
            inner = [doc.tokens[k].text for k in range(i + 1, j)]
            words = [w for w in inner if w.isalpha()]
            if words and (not speech_only or len(words) >= 4
                          or (len(words) >= 2 and any(w[:1].islower() for w in words))):
                out.append((i, j))
            i = j + 1
        else:
            i += 1
    return out


def tag(doc: TextDoc) -> tuple[list[list[str]], list[list[str]]]:
    depth = quote_depth(doc)
    direct = marked_spans(doc, depth)
    qglobal = ["O"] * len(doc.tokens)
    for b, e in direct:
        qglobal[b] = "B-Direct"
        for k in range(b + 1, e + 1):
            qglobal[k] = "I-Direct"
    qtags: list[list[str]] = []
    rtags: list[list[str]] = []
    prev_had_quote = False
    for sent in doc.sentences:
        raw = [doc.tokens[t].text for t in sent]
        words = [w.lower() for w in raw]
        qt = [qglobal[t] for t in sent]
        rt = ["O"] * len(sent)
        n = len(sent)
        has_direct = any(t != "O" for t in qt)
        outside = [k for k in range(n) if qt[k] == "O"]
        cue_pos = [k for k in outside if is_cue_word(words[k]) and raw[k][:1].islower()]
        found = False
        for c in cue_pos:
            _label(rt, [c], "CUE")
            # speaker: right after the verb ("sagte er"), else the phrase before it
            spk = _np_after(words, raw, c + 1)
            if not spk or qt[spk[0]] != "O":
                spk = _np_before(words, raw, c)
                if spk and spk[0] > 0 and words[spk[0] - 1] == "so":
                    spk = []
            if not spk:
                # the subject opening the clause: "Putin hatte auch erklärt, …"
                start = max((k + 1 for k in range(c) if words[k] == ","), default=0)
                cand = _np_after(words, raw, start)
                if cand and cand[-1] < c and qt[cand[0]] == "O":
                    spk = cand
            _label(rt, [p for p in spk if qt[p] == "O"], "SPK")
            # clause after the verb: ", dass …" or ", Y sei …"
            after = [k for k in range(c + 1, n)]
            comma = next((k for k in after if words[k] == ","), None)
            if comma is not None:
                clause = _strip_end(list(range(comma + 1, n)), words)
                if clause and (words[clause[0]] == "dass" or any(konjunktiv(raw[k]) for k in clause)):
                    _label_clause(qt, clause)
                    found = True
                    continue
            # clause before the verb: "Y sei …, sagte X"
            if c > 0 and words[c - 1] == ",":
                clause = _strip_end(list(range(0, c - 1)), words)
                if clause and any(konjunktiv(raw[k]) for k in clause):
                    _label_clause(qt, clause)
                    found = True
        for k in outside:
            if words[k] in ("zufolge", "laut") and rt[k] == "O" and (found or has_direct):
                _label(rt, [k], "CUE")  # "sagte X einer Mitteilung zufolge"
        found = found or has_direct
        if not found:
            # ", so X" after a clause
            for k in range(1, n - 1):
                if words[k] == "so" and words[k - 1] == ",":
                    spk = _np_after(words, raw, k + 1)
                    if spk:
                        _label(rt, [k], "CUE")
                        _label(rt, spk, "SPK")
                        _label(qt, _strip_end(list(range(0, k)), words), "Indirect")
                        found = True
                        break
        if not found:
            found = _source_phrase(words, raw, qt, rt)
        if not found:
            found = _reported(words, raw, qt, rt)
        if not found and prev_had_quote and any(konjunktiv(r) == "I" for r in raw):
            _label(qt, _strip_end(list(range(n)), words), "IndirectFreeIndirect")
            found = True
        prev_had_quote = found
        qtags.append(qt)
        rtags.append(rt)
    return qtags, rtags


def _source_phrase(words: list[str], raw: list[str], qt: list[str], rt: list[str]) -> bool:
    """``laut X`` / ``X zufolge`` / ``nach Angaben X``: the rest of the sentence is the quote."""
    n = len(words)
    for k, w in enumerate(words):
        frame: list[int] = []
        spk: list[int] = []
        cue: list[int] = []
        if w == "laut":
            spk = _np_after(words, raw, k + 1)
            cue, frame = [k], [k] + spk
        elif w == "zufolge":
            spk = _np_before(words, raw, k)
            cue, frame = [k], spk + [k]
        elif w == "nach" and k + 1 < n and words[k + 1] in STATEMENT_NOUNS:
            spk = _np_after(words, raw, k + 2)
            if k + 2 < n and words[k + 2] in ("von", "vom", "des", "der") and not spk:
                spk = _np_after(words, raw, k + 3)
            cue = [k, k + 1]
            frame = cue + [p for p in range(k + 2, (spk[-1] + 1) if spk else k + 2)]
        if not spk:
            continue
        _label(rt, cue, "CUE")
        _label(rt, spk, "SPK")
        rest = [p for p in range(n) if p not in set(frame) and words[p] not in (",",)]
        rest = _strip_end(rest, words)
        if len(rest) >= 3:
            _label(qt, [p for p in range(rest[0], rest[-1] + 1) if p not in set(frame)], "Indirect")
            return True
    return False


def _reported(words: list[str], raw: list[str], qt: list[str], rt: list[str]) -> bool:
    """A whole sentence around a finite speech-act verb with its subject as speaker."""
    n = len(words)
    if n < 5 or any(t != "O" for t in qt) or "dass" in words or any(konjunktiv(r) for r in raw):
        return False
    for v in range(1, min(n - 2, 10)):
        if not (words[v].startswith(REPORTED_STEMS) and raw[v][:1].islower()):
            continue
        subj = _np_after(words, raw, 0)
        if not (subj and subj[-1] == v - 1):
            subj = _np_after(words, raw, v + 1)  # inversion: "Dabei forderte die Partei …"
        if not subj:
            return False
        _label(rt, subj, "SPK")
        _label(qt, list(range(0, n)), "Reported")
        return True
    return False

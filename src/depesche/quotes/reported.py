"""Reported speech the taggers miss: "X kritisierte den Plan", "X forderte …".

The corpus marks a sentence whose subject performs a speech act, summarised
rather than quoted, as one Reported quotation: the whole sentence is the
quote, its subject the speaker, and no cue.  The learned taggers find few of
them (they are rare and look like ordinary sentences), so this rule adds one
for a sentence that

* no other quotation touches,
* opens with a nominative noun phrase naming someone (a name, a noun, a
  personal pronoun) followed directly by a finite verb of a speech act
  (``REPORTED_STEMS``, a few verbs of judging and announcing, and the
  lexicon's verbs of saying except the most general ones; measured on a
  train fold: the broad list found more than it cost, an inverted subject
  "Am Montag kritisierte X" did not pay).

Needs POS and case from the language core; without them nothing is added.
"""
from __future__ import annotations

from ..model import Quote, Span
from .corpus import TextDoc, is_finite, ud_feature, untouched_sentences
from .lexicon import REPORTED_STEMS, is_speech_word

# speech-act verbs whose object is a summary, not a quotation (finite forms)
ACT_STEMS = REPORTED_STEMS + ("verurteilt", "begründe", "kündigt", "räumt", "weist", "wies", "bekannt",
                              "droht", "drohte", "sprachen", "sprach", "lehnte", "lehnt")
# verbs of saying too general to mark a speech act on their own
TOO_GENERAL = ("gab", "gibt", "geht", "ging", "stellt", "zeigt", "hieß", "heißt", "lautet", "weiß", "wusste",
               "rechnet", "bekannt", "meld", "denkt", "dachte", "glaub", "hoff", "erwartet", "schätz", "sah", "sieht")
SUBJECT_POS = {"DET", "ADJ", "NOUN", "PROPN", "NUM", "X", "PUNCT", "PRON"}


def _case(feats: str) -> str:
    return ud_feature(feats, "Case")


def _is_act(verb: str) -> bool:
    return verb.startswith(ACT_STEMS) or (is_speech_word(verb) and not verb.startswith(TOO_GENERAL))


def subject_and_act(doc: TextDoc, sent: list[int]) -> tuple[list[int], int] | None:
    """(subject token ids, finite verb id) when the sentence opens "Subject + speech-act verb"."""
    toks = [doc.tokens[i] for i in sent]
    fin = next((j for j, t in enumerate(toks) if is_finite(t)), None)
    if not fin or fin > 12:
        return None
    verb = toks[fin].text.lower()
    if not _is_act(verb):
        return None
    head = toks[:fin]
    if any(t.pos not in SUBJECT_POS for t in head) or head[0].pos not in ("DET", "NOUN", "PROPN", "PRON", "ADJ"):
        return None
    if head[0].pos == "PRON" and (fin != 1 or head[0].text.lower() not in ("er", "sie", "wir")):
        return None
    nouns = [t for t in head if t.pos in ("NOUN", "PROPN", "PRON")]
    if not nouns or _case(nouns[0].feats) not in ("Nom", ""):
        return None
    return sent[:fin], sent[fin]


def add_reported(doc: TextDoc, quotes: list[Quote]) -> list[Quote]:
    """``quotes`` plus a Reported quotation for every untouched "Subject + speech act" sentence."""
    if not any(t.pos for t in doc.tokens):
        return quotes
    out = list(quotes)
    for sent, b, e in untouched_sentences(doc, quotes):
        found = subject_and_act(doc, sent)
        if found is None:
            continue
        subj, _ = found
        sb, se = doc.tokens[subj[0]].start, doc.tokens[subj[-1]].end
        out.append(Quote(type="Reported", quote=[Span(b, e, doc.text[b:e])], medium="SW",
                         speaker=[Span(sb, se, doc.text[sb:se])], sentence=Span(b, e, doc.text[b:e]),
                         confidence=0.5))
    return out

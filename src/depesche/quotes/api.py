"""The Python API of the quotes stage: text or parsed doc in, quotations out.

Three models, all selectable everywhere (``model=`` here, ``--model`` on the
command line):

* ``"wikinews"`` (default of the analysis stage and of this API): CRF
  taggers trained on the German Wikinews quotation corpus.  The corpus is
  CC BY-NC-SA 4.0, so in the conservative reading these weights are for
  **non-commercial use** only;
* ``"wikinews-e5"`` (default of ``depesche annotate quotes``): the same
  taggers also seeing contextual e5 token vectors
  (:mod:`depesche.quotes.dense`): better, ~18 times slower, same licence;
* ``"rules"``: hand-written patterns and word lists of depesche itself
  (Apache-2.0, no training data).
"""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from ..model import Quote, Span
from .corpus import TextDoc, doc_from_spacy, doc_from_text
from .extract import add_marked_quotes, decode
from .free_indirect import add_free_indirect
from .merge import merge_followups
from .reported import add_reported
from .sourced import add_sourced
from .lexicon import PERSONAL_PRONOUNS, STATEMENT_NOUNS

MODELS = ("wikinews", "wikinews-e5", "rules")
DEFAULT_MODEL = "wikinews"
MODEL_ROOT = Path(__file__).resolve().parent.parent / "models" / "quotes"


@lru_cache(maxsize=4)
def _taggers(name: str):
    from .tagger import CRFTaggers

    path = MODEL_ROOT / name
    if not (path / "quote.crfsuite").exists():
        raise FileNotFoundError(f"quotes model {name!r} is not shipped (expected {path})")
    return CRFTaggers(path)


def available_models() -> list[str]:
    return [m for m in MODELS if m == "rules" or (MODEL_ROOT / m / "quote.crfsuite").exists()]


def extract_from_doc(doc: TextDoc, model: str = DEFAULT_MODEL) -> list[Quote]:
    """Quotations of a tokenised document (offsets into ``doc.text``)."""
    if model not in MODELS:
        raise ValueError(f"unknown quotes model {model!r}; choose one of {', '.join(MODELS)}")
    if not doc.tokens:
        return []
    if model == "rules":
        from . import rules

        qtags, rtags = rules.tag(doc)
        return decode(doc, qtags, rtags, None)
    taggers = _taggers(model)
    quotes = learned_quotes(doc, taggers)
    if taggers.speaker is not None:
        # one speaker per quotation, chosen among whole noun phrases (see speaker.py) …
        choices = taggers.speaker.apply(doc, quotes)
        if taggers.verifier is not None:
            # … and dropped again where it is likely wrong (see verifier.py)
            taggers.verifier.apply(doc, quotes, choices)
    return quotes


def learned_quotes(doc: TextDoc, taggers) -> list[Quote]:
    """Quotations from the CRF taggers, completed by quotation marks and rules
    (speakers as the role tagger and the rules found them)."""
    from .features import quote_depth
    from .rules import marked_spans

    qtags, rtags = taggers.tag(doc)
    quotes = decode(doc, qtags, rtags, taggers.medium)
    # quotation marks are more reliable than the tagger for Direct quotes
    quotes = add_marked_quotes(doc, quotes, marked_spans(doc, quote_depth(doc), speech_only=False))
    # the rules are precise where they fire: take what the tagger missed
    ruled = _rule_quotes(doc)
    _clean_cues(doc, quotes)
    _trim_speakers(doc, quotes)
    _borrow_speakers(quotes, ruled)
    quotes = _add_unseen(quotes, ruled)
    # sentences the taggers left alone: "laut X …" and "X kritisierte …" (need POS and case)
    quotes = add_reported(doc, add_sourced(doc, quotes))
    for q in quotes:
        if _fully_marked(q):
            q.type = "Direct"  # the corpus' definition: in quotation marks
    quotes = _drop_unattributed(quotes, doc)
    # a run of follow-up sentences is one quotation, as the corpus has it
    quotes = merge_followups(doc, quotes)
    # a report that goes on in Konjunktiv I in sentences of its own
    return add_free_indirect(doc, quotes)


# Types that stand without a cue or speaker of their own often enough to keep
# (measured on Wikinews dev: other types without either are mostly false).
KEEP_UNATTRIBUTED = {"IndirectFreeIndirect", "FreeIndirect"}


def _drop_unattributed(quotes: list[Quote], doc: TextDoc | None = None) -> list[Quote]:
    """Remove quotations with neither speaker nor cue, except tagged Direct
    quotes, Direct quotes a colon introduces ("… mit den Worten: „…“") and
    follow-up types; keep ``nested_in`` pointing right."""
    keep = [bool(q.speaker or q.cue or q.type in KEEP_UNATTRIBUTED
                 or (q.type == "Direct" and (q.confidence >= 1.0 or (doc is not None and _after_colon(doc, q)))))
            for q in quotes]
    new_index, out = {}, []
    for i, (q, k) in enumerate(zip(quotes, keep)):
        if k:
            new_index[i] = len(out)
            out.append(q)
    for q in out:
        if q.nested_in is not None:
            q.nested_in = new_index.get(q.nested_in)
    return out


def _after_colon(doc: TextDoc, q: Quote) -> bool:
    """Does a colon right before the quotation introduce it?"""
    return doc.text[max(0, q.start - 3):q.start].rstrip().endswith(":")


def _fully_marked(q: Quote) -> bool:
    from .corpus import QUOTE_CHARS

    if len(q.quote) != 1:
        return False
    t = q.quote[0].text.strip().rstrip(".,;:")
    return len(t) > 2 and t[0] in QUOTE_CHARS and t[-1] in QUOTE_CHARS and not any(c in QUOTE_CHARS for c in t[1:-1])


SOURCE_NOUN_ENDINGS = ("angaben", "berichten", "informationen", "ansicht", "meinung", "auffassung",
                       "einschätzung", "untersuchungen", "erkenntnissen", "schätzungen", "aussagen",
                       "darstellung", "worten", "recherchen", "meldungen", "zählung", "prognosen")


def _clean_cues(doc: TextDoc, quotes: list[Quote]) -> None:
    """"nach" is a cue only before a statement noun ("nach Angaben"), not in "nach der Sitzung"."""
    for q in quotes:
        keep = []
        for c in q.cue:
            if c.text.lower() == "nach":
                following = [w.lower().strip(",.„“\"") for w in doc.text[c.end:c.end + 60].split()[:3]]
                if not any(w in STATEMENT_NOUNS or w.endswith(SOURCE_NOUN_ENDINGS) for w in following):
                    continue
            keep.append(c)
        q.cue = keep


def _trim_speakers(doc: TextDoc, quotes: list[Quote]) -> None:
    """A noun phrase does not end in a determiner: the role tagger's "Putin einer"
    (from "sagte Putin einer vom Kreml veröffentlichten Mitteilung zufolge") is "Putin"."""
    for q in quotes:
        trimmed = []
        for sp in q.speaker:
            ids = doc.tokens_in(sp.start, sp.end)
            while len(ids) > 1 and doc.tokens[ids[-1]].pos == "DET":
                ids.pop()
            end = doc.tokens[ids[-1]].end if ids else sp.end
            trimmed.append(sp if end >= sp.end else Span(sp.start, end, doc.text[sp.start:end]))
        q.speaker = trimmed


def _plausible_speaker(span) -> bool:
    """A speaker span names someone: a capitalised word or a pronoun, not "zu" or "den Worten"."""
    words = span.text.split()
    return any(w[:1].isupper() for w in words) or span.text.lower() in PERSONAL_PRONOUNS


def _borrow_speakers(quotes: list[Quote], ruled: list[Quote]) -> None:
    """Drop implausible tagged speakers; fill missing ones from a rule quotation of the same sentence."""
    for q in quotes:
        q.speaker = [s for s in q.speaker if _plausible_speaker(s)]
        if q.speaker or q.sentence is None:
            continue
        for r in ruled:
            if r.speaker and r.sentence and r.sentence.start == q.sentence.start:
                q.speaker = list(r.speaker)
                if not q.cue:
                    q.cue = list(r.cue)
                break


def _rule_quotes(doc: TextDoc) -> list[Quote]:
    from . import rules

    qtags, rtags = rules.tag(doc)
    return decode(doc, qtags, rtags, None)


def _add_unseen(quotes: list[Quote], extra: list[Quote]) -> list[Quote]:
    """Append the quotations of ``extra`` whose quote spans overlap none of ``quotes``."""
    out = list(quotes)
    for q in extra:
        if (q.type == "Direct" and not q.speaker) or q.type == "Reported":
            continue  # the tagger knows Reported better than the rule
        if not any(a.start < q.end and q.start < a.end for a in quotes):
            q.confidence = 0.7
            out.append(q)
    return out


def extract_quotes(text_or_doc, model: str = DEFAULT_MODEL, nlp=None) -> list[Quote]:
    """Quotations of a German text, a spaCy ``Doc`` or a :class:`TextDoc`."""
    if isinstance(text_or_doc, TextDoc):
        doc = text_or_doc
    elif isinstance(text_or_doc, str):
        doc = doc_from_text(text_or_doc, nlp)
    else:
        doc = doc_from_spacy(text_or_doc)
    return extract_from_doc(doc, model)

"""A German news tokenizer: spaCy's blank ``de`` tokenizer, adjusted.

spaCy's German rules already split quotation marks („…“ »…« "…") off as own
tokens, keep hyphenated compounds ("NATO-Osterweiterung") and ordinals
("7.") whole and know many abbreviations.  On top of that this module:

* keeps gender forms whole: "Kund:innen", "Bürger*innen", "Lehrer_innen",
  "Kolleg/innen" (the colon would otherwise be an infix);
* keeps hashtags ("#Bundestag") and @handles whole;
* adds abbreviations that news text uses and spaCy lacks (see ``ABBREVIATIONS``);
* keeps clock times "06:42" and "8.30" whole (spaCy already does; tested).
"""
from __future__ import annotations

import re

from spacy.attrs import NORM, ORTH
from spacy.language import Language
from spacy.tokenizer import Tokenizer
from spacy.util import compile_infix_regex

#: Abbreviations frequent in German news; each becomes one token with its dot.
ABBREVIATIONS = [
    "u.a.", "z.B.", "Dr.", "Nr.", "bzw.", "ca.", "Mio.", "Mrd.", "Tsd.", "Prof.", "Str.",
    "d.h.", "v.a.", "u.U.", "z.T.", "i.d.R.", "o.ä.", "o.Ä.", "u.ä.", "s.o.", "s.u.",
    "vgl.", "ggf.", "evtl.", "inkl.", "exkl.", "zzgl.", "abzgl.", "usw.", "etc.", "sog.",
    "ehem.", "bzgl.", "Abs.", "Art.", "Tel.", "Jh.", "Jhd.", "Hrsg.", "geb.", "gest.",
    "St.", "Dipl.", "Ing.", "Mag.", "Min.", "Std.", "Sek.", "max.", "min.", "Co.",
    "Jan.", "Feb.", "Febr.", "Apr.", "Aug.", "Sept.", "Sep.", "Okt.", "Nov.", "Dez.",
    "Mo.", "Di.", "Mi.", "Do.", "Fr.", "Sa.", "So.", "Bd.", "Kap.", "Aufl.", "Red.",
    "Anm.", "bspw.", "insb.", "lt.", "allg.", "gem.", "zit.", "u.v.m.", "a.D.", "i.R.",
    "med.", "phil.", "rer.", "nat.", "jur.", "dent.", "vet.", "h.c.", "em.", "Stv.", "stv.",
]

# Whole-token patterns that win over prefix/suffix/infix splitting.  spaCy
# checks ``token_match`` after each affix is stripped, so "Kund:innen," still
# loses its comma but keeps the colon.
_GENDER = r"[^\W\d_]+[:*_/][Ii]nnen|[^\W\d_]+[:*_/][Ii]n"
_HANDLE = r"@[\w.]*\w|#[^\W\d_]\w*"
_STREET = r"[^\W\d_][\w-]*-(?:Str|Pl)\.|[^\W\d_]+str\."  # "Peter-Müller-Str.", "Hauptstr."
TOKEN_MATCH = re.compile(rf"^(?:{_GENDER}|{_HANDLE}|{_STREET})$")

# A dot after a clock time, a score or a four-digit number ends a sentence ("um 12:30.", "2:1.",
# "im Jahr 2021."); spaCy keeps any "<digits>." whole because of ordinals
# ("7. Dezember"), which is right for one or two digits.
EXTRA_SUFFIXES = [r"(?<=[0-9]:[0-9])\.", r"(?<=[0-9]:[0-9]{2})\.", r"(?<=[0-9]{4})\.", r"(?<=[0-9]\.[0-9]{3})\."]


def make_tokenizer(nlp: Language) -> Tokenizer:
    """The news tokenizer for ``nlp`` (whose defaults must be German)."""
    defaults = nlp.Defaults
    base = Tokenizer(
        nlp.vocab,
        rules=dict(defaults.tokenizer_exceptions),
        prefix_search=spacy_prefix_search(nlp),
        suffix_search=spacy_suffix_search(nlp),
        infix_finditer=compile_infix_regex(defaults.infixes).finditer,
        token_match=TOKEN_MATCH.match,
        url_match=defaults.url_match,
    )
    for abbr in ABBREVIATIONS:
        base.add_special_case(abbr, [{ORTH: abbr, NORM: abbr}])
    return base


def spacy_prefix_search(nlp: Language):
    from spacy.util import compile_prefix_regex

    # "#" stays on its hashtag (matched whole by TOKEN_MATCH).
    prefixes = [p for p in nlp.Defaults.prefixes if p not in ("#", r"\#")]
    return compile_prefix_regex(prefixes).search


def spacy_suffix_search(nlp: Language):
    from spacy.util import compile_suffix_regex

    return compile_suffix_regex(EXTRA_SUFFIXES + list(nlp.Defaults.suffixes)).search

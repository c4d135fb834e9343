"""Word lists for German reported speech: our own, written for depesche.

Nothing here is derived from a corpus.  The lists feed the token features of
the learned taggers and the rule-based extractor.
"""
from __future__ import annotations

import re
from functools import lru_cache

# Stems of verbs of saying, writing and thinking (matched as prefixes of the
# lower-cased token; particle verbs are also caught at the particle, below).
SPEECH_VERB_STEMS = (
    "sag", "erklär", "beton", "teilt", "mitteil", "forder", "warn", "bericht", "meld",
    "kündig", "ankündig", "schrieb", "schreib", "meint", "behaupt", "bestätig", "kritisier",
    "äußer", "verkünd", "versicher", "hoff", "glaub", "befürcht", "fürcht", "vermut",
    "bezeichn", "nannt", "nenn", "wirft", "warf", "vorwerf", "zitier", "hieß", "heißt",
    "lautet", "räumt", "unterstrich", "unterstreich", "ergänzt", "sprach", "sprech",
    "fragt", "antwortet", "erwider", "bekräftig", "beklagt", "mahnt", "appellier",
    "verlangt", "droht", "drohte", "gestand", "gesteht", "bestritt", "bestreit",
    "dementier", "leugn", "verwies", "verweist", "rief", "ruft", "empfahl", "empfiehlt",
    "riet", "rät", "schätzt", "erwartet", "informier", "begründ", "erinnert", "fügte",
    "fügt", "gab", "gibt", "stellt", "zeigt", "sieht", "sah", "kommentier", "beschuldig",
    "vorgeworfen", "gesagt", "erklärt", "betont", "gefordert", "gewarnt", "angekündigt",
    "mitgeteilt", "geschrieben", "berichtet", "bestätigt", "kritisiert", "geäußert",
    "wiederholt", "bekannt", "versprach", "versprich", "verspricht", "beschreib", "beschrieb",
    "schilder", "argumentier", "wünsch", "plädier", "bedauer", "lobt", "lobte", "begrüß",
    "entgegnet", "widersprach", "widerspricht", "bezweifel", "zweifel", "ist überzeugt",
    "klagt", "rechnet", "geht", "ging", "meinte", "denkt", "dachte", "weiß", "wusste",
    "schätz", "prognostizier", "kündigte", "sagte", "erläuter", "präzisier", "bekannte",
    "räumte", "gab", "hieß", "gesteh", "beharr", "insist", "unterstellt", "vermutet",
)

# Further stems for finding quotations: plural and infinitive
# forms the third-person stems above miss ("Die Mönche verlangen, dass …",
# "Experten mahnen …") and particle verbs whose particle comes first.  Read by
# the taggers' features and the rules' cue search (better quotation recall on
# train fold 0 and dev); the speaker selector keeps the narrower list (the
# wider one made its choices worse).
WIDE_SPEECH_VERB_STEMS = SPEECH_VERB_STEMS + (
    "verlang", "meinen", "teilen", "fragen", "antworten", "mahnen", "beklagen", "drohen",
    "räumen", "loben", "klagen", "ergänzen", "entgegnen", "bemängel",
    "aufforder", "aufgeforder", "feststell", "festgestellt", "urteil",
    "erhoff", "zugesagt", "zusag", "sicherte", "versprochen", "gebeten", "beschwer",
    "prangert", "anprangert", "skandier", "würdig", "vertritt", "vertrat", "hervorgehob",
    "hob", "hebt", "schlug", "schlägt", "vorgeschlagen", "angegeben", "hingewiesen", "wies",
    "weist", "eingeräumt", "zurückgewiesen",
    "veröffentlicht", "gefragt", "beteuer", "bekunde", "bezichtig",
    "spekulier", "mutmaß", "einräum", "verdächtig", "vorgeworf",
)

# Verbs of a speech act whose content a sentence may only summarise
# ("Die Behörden warnen vor …", "X kritisierte den Plan"): Reported speech.
REPORTED_STEMS = (
    "kritisier", "forder", "warnt", "warnen", "warnte", "bezeichne", "wirft", "warf", "bestritt", "bestreit",
    "lehnt", "begrüß", "lobt", "verurteil", "appellier", "protestier", "beklagt", "dementier", "mahnt",
    "verlangt", "bekräftig", "verteidigt", "plädier", "sprach", "spricht", "rief", "ruft", "kündigt",
)

# Further speech-act stems for the taggers' "rep" feature only: plural and
# infinitive forms ("Die Gewerkschaften kritisieren", "loben", "drohen") and a
# few more acts of judging, demanding and announcing.
WIDE_REPORTED_STEMS = REPORTED_STEMS + (
    "loben", "beklagen", "mahnen", "verlang", "verteidig", "drohen",
    "droht", "kündigen", "rufen", "sprechen", "zurückgewiesen",
    "wies", "weist", "weisen", "bemängel", "anprangert", "prangert", "prangern", "attackier", "würdig",
    "bestätig", "dementi", "bedauer", "beschuldig", "vorgeworf", "werfen", "aufgeforder", "aufforder",
    "empfahl", "empfiehlt", "empfehlen", "versprach", "versprochen", "verspricht", "versprechen",
    "zusag", "zugesagt", "sicherte", "erhob", "erheben",
)

# Particles that complete a particle verb of saying ("teilte … mit").
CUE_PARTICLES = {"mit", "an", "bekannt", "hinzu", "zu", "vor", "aus", "klar", "fest", "ein", "auf", "davon"}

# Prepositions and adverbs that introduce a source ("laut", "… zufolge").
SOURCE_PREPOSITIONS = {"laut", "zufolge", "gemäß", "demnach", "wonach", "demzufolge", "nach"}

# Nouns naming a statement or its source, for "nach Angaben", "in einer Mitteilung".
STATEMENT_NOUNS = {
    "angaben", "angabe", "mitteilung", "erklärung", "bericht", "berichten", "berichte",
    "aussage", "aussagen", "worte", "worten", "informationen", "einschätzung", "meinung",
    "ansicht", "auffassung", "überzeugung", "darstellung", "stellungnahme", "interview",
    "pressemitteilung", "medienberichten", "polizeiangaben", "schätzungen", "zeitung",
    "sprecher", "sprecherin", "sprecherinnen", "erklärungen", "forderung", "vorwurf",
    "vorwürfe", "warnung", "kritik", "auskunft", "behördenangaben", "regierungsangaben",
}

# Words whose presence in a clause signals writing rather than speech.
WRITING_WORDS = {
    "schrieb", "schreibt", "geschrieben", "mitteilung", "pressemitteilung", "erklärung",
    "bericht", "berichten", "zeitung", "brief", "heißt", "hieß", "urteil", "studie",
    "stellungnahme", "veröffentlicht", "veröffentlichte", "twitter", "internetseite",
}
THOUGHT_WORDS = {
    "glaubt", "glaubte", "hofft", "hoffte", "befürchtet", "befürchtete", "fürchtet",
    "fürchtete", "vermutet", "vermutete", "denkt", "dachte", "überzeugt", "erwartet",
    "erwartete", "geht", "ging", "schätzt", "schätzte",
}

PERSONAL_PRONOUNS = {"er", "sie", "ihm", "ihr", "ihn", "ihnen", "wir", "ich"}
PRONOUN_GENDER = {"er": "m", "ihm": "m", "ihn": "m", "sie": "f", "ihr": "f"}

# Verb forms that are unambiguously Konjunktiv I or II (3rd person mostly).
KONJUNKTIV_FORMS = {
    "sei", "seien", "seiest", "habe", "werde", "könne", "müsse", "solle", "wolle",
    "dürfe", "möge", "wisse", "gebe", "bleibe", "komme", "gehe", "stehe", "liege", "sehe",
    "brauche", "handle", "handele", "fehle", "gelte", "lasse", "stamme", "plane", "arbeite",
    "hätte", "hätten", "wäre", "wären", "würde", "würden", "könnte", "könnten", "müsste",
    "müssten", "dürfte", "dürften", "sollte", "sollten", "gäbe", "käme", "ginge",
    "stünde", "läge", "bliebe", "wüsste", "hieße", "fände", "bräuchte", "möchte", "möchten",
    "täte", "sähe", "ließe",
}
KONJUNKTIV_II_FORMS = {
    "hätte", "hätten", "wäre", "wären", "würde", "würden", "könnte", "könnten", "müsste",
    "müssten", "dürfte", "dürften", "gäbe", "käme", "ginge", "stünde", "läge", "bliebe",
    "wüsste", "hieße", "fände", "bräuchte", "täte", "sähe", "ließe",
}

# Lower-case words ending in -e that are not verbs (articles, adjectives, ...).
_NOT_VERB_E = {
    "die", "eine", "keine", "diese", "jede", "alle", "welche", "meine", "seine", "ihre",
    "unsere", "euere", "deine", "solche", "manche", "einige", "viele", "wenige", "andere",
    "beide", "große", "neue", "erste", "letzte", "gerne", "gegenüber", "ohne", "heute",
    "bitte", "gerade", "dabei", "ebenfalls", "ende", "ganze", "lange", "nahe", "eigene",
    "dritte", "zweite", "weitere", "mehrere", "hohe", "gute", "deutsche", "schwere", "kleine",
    "junge", "alte", "wichtige", "derzeitige", "ehemalige", "bisherige", "frühere", "gesamte",
}

_WORD = re.compile(r"^[a-zäöüß]+$")


@lru_cache(maxsize=65536)
def is_cue_word(lower: str) -> bool:
    """:func:`is_speech_word` over the wider stem list (the taggers' features, the rules' cue search)."""
    return lower.startswith(WIDE_SPEECH_VERB_STEMS) and len(lower) > 2


@lru_cache(maxsize=65536)  # called for every token; str.startswith over ~200 stems is slow
def is_speech_word(lower: str) -> bool:
    """Does the token look like a verb (or noun) of saying, writing or thinking?"""
    return lower.startswith(SPEECH_VERB_STEMS) and len(lower) > 2


def konjunktiv(text: str, morph=None) -> str | None:
    """``"I"``, ``"II"`` or ``None`` for one token.

    Uses the language core's ``depesche.nlp.morph.konjunktiv`` contract when the
    token carries ``Mood=Sub``; otherwise a form list plus a conservative suffix
    rule (lower-case -e forms that are no determiner or adjective).
    """
    lower = text.lower()
    if morph is not None:
        try:
            if "Sub" in morph.get("Mood"):
                return "II" if lower in KONJUNKTIV_II_FORMS else "I"
        except Exception:  # pragma: no cover - morph objects vary
            pass
    if lower in KONJUNKTIV_II_FORMS:
        return "II"
    if lower in KONJUNKTIV_FORMS:
        return "I"
    return None


def maybe_konjunktiv_suffix(text: str) -> bool:
    """Weak signal: a lower-case word in -e/-en/-est that could be a subjunctive verb."""
    return (
        text[:1].islower() and len(text) > 3 and text.endswith("e") and text not in _NOT_VERB_E
        and not text.endswith(("liche", "ische", "ige", "sche")) and bool(_WORD.match(text))
    )

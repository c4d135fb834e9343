"""depesche's German event vocabulary for the PLOVER v2.0 types.

Each cue is a lemma (verb or noun) with its PLOVER type, an optional mode,
and the prepositions that introduce its target ("drohen mit" names the
instrument, "drohen" + dative names the target; "Sanktionen gegen X" names
X).  The vocabulary is depesche's own, written from the coding guide and
informed by the English CAMEO verb dictionary's categories (CAMEO→PLOVER
mapping); no patterns were copied.

``reciprocal`` cues (meetings, talks, agreements) take two coordinated
parties ("Biden und Putin sprachen …") or a partner with "mit".
``speech`` cues are verbal acts: they are events even when their content is
conditional.  ``material`` cues are actions: under a modal ("will liefern"),
future ("werden liefern") or Konjunktiv II ("würden liefern") they are
promises, which PLOVER codes as AGREE (aid, cooperation, meetings) or
CONCEDE (withdrawal, release); otherwise they are not coded as happened.
"""
from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Cue:
    lemma: str
    type: str
    mode: str | None = None
    pos: str = "VERB"  # VERB | NOUN
    target_preps: tuple[str, ...] = ()  # prepositions introducing the target
    particle: str | None = None  # separable particle that must be present ("teilte … mit")
    reflexive: bool = False  # needs "sich" ("sich treffen", "sich einigen")
    reciprocal: bool = False
    speech: bool = False  # a verbal act
    promise_type: str | None = None  # type when announced/promised (material cues)
    needs: tuple[str, ...] = ()  # other lemmas that must occur in the sentence
    forbid: tuple[str, ...] = field(default=())  # lemmas that veto the cue
    active_only: bool = False  # "verletzt wurden" (injured, by whom?) is no event
    needs_partner: bool = False  # only with "sich", a "mit" partner, two parties or a named target
    passive_only: bool = False  # "wurde gefasst" (caught), not "Beschlüsse gefasst"
    also: bool = False
    negated_type: str | None = None  # type when negated ("erkennen … nicht an" is REJECT)  # coded in addition to the lemma's first matching cue ("zu Haft verurteilt": SANCTION + COERCE)


def _v(lemma, type_, mode=None, **kw) -> Cue:
    return Cue(lemma, type_, mode, "VERB", **kw)


def _n(lemma, type_, mode=None, **kw) -> Cue:
    return Cue(lemma, type_, mode, "NOUN", **kw)


# negative labels that make "bezeichnen als" or "nennen" an accusation
NEGATIVE_LABELS = ("Inszenierung", "Provokation", "Lüge", "Lügner", "Farce", "Skandal", "Unsinn", "Panikmache", "Verbrechen",
                   "Verbrecher", "Diktator", "Verräter", "Verrat", "Propaganda", "Hetze", "Schande", "Willkür", "Terror",
                   "Terrorist", "Terroristen", "Erpressung", "Heuchelei", "Betrug", "Verleumdung", "Kriegserklärung",
                   "Schlag ins Gesicht", "Verbrechertum", "inakzeptabel", "unverantwortlich", "verantwortungslos", "absurd", "skandalös",
                   "unerträglich", "rechtswidrig", "illegal", "barbarisch", "Barbarei", "Völkermord", "Kriegsverbrechen",
                   "faschistisch", "Fehler", "Fehlentscheidung", "Angriff", "Bedrohung", "Zumutung", "aggressiv",
                   "gewalttätig", "kriminell")

# words that make "verurteilen" a court's sentence, not criticism
SENTENCE_WORDS = ("Haft", "Gefängnis", "Jahr", "Monat", "Freiheitsstrafe", "Geldstrafe", "Haftstrafe", "Bewährung",
                  "Todesstrafe", "Tod", "lebenslang", "Strafe", "Arbeitslager", "Gericht", "Richter", "Richterin",
                  "Instanz", "schuldig", "Angeklagte", "Angeklagten", "Zahlung", "Schadenersatz", "Landgericht",
                  "Amtsgericht", "Schöffengericht", "Berufungsgericht", "wegen")
PRISON_WORDS = ("Haft", "Gefängnis", "Freiheitsstrafe", "Haftstrafe", "lebenslang", "Arbeitslager")

# support verbs that make a meeting noun an event ("das Treffen fand statt", "führten Gespräche")
MEET_SUPPORT = ("stattfinden", "abhalten", "führen", "fortsetzen", "aufnehmen", "beginnen", "kommen", "vereinbaren", "dauern", "enden", "zusammenkommen", "halten", "teilnehmen", "beraten", "geben", "ausrichten", "tagen", "folgen", "laufen")

CUES: list[Cue] = [
    # cues that share a lemma with a more general cue further down and must be tried first
    _v("sprechen", "SANCTION", "convict", needs=("schuldig",)),
    _v("befinden", "SANCTION", "convict", needs=("schuldig",)),
    _v("bringen", "ASSAULT", "abduct", needs=("Gewalt",)),  # "in seine Gewalt gebracht"
    _v("nehmen", "ASSAULT", "abduct", needs=("Geisel",)),  # "als Geisel genommen"
    _v("nehmen", "COERCE", "arrest", needs=("gefangen",)),  # "gefangen genommen"
    _v("ankündigen", "CONCEDE", speech=True, needs=("Abzug", "Rückzug", "Freilassung", "Rücktritt")),  # announced withdrawal
    _v("folgen", "CONCEDE", needs=("Antrag", "Beschwerde", "Berufung", "Revision")),  # a court grants a request
    _v("entlassen", "RETREAT", "resign", needs=("Dienst", "Amt", "Posten", "Kabinett")),  # dismissed from office
    _v("stellen", "ACCUSE", "disapprove", needs=("Pranger",)),  # "an den Pranger gestellt"
    _n("Feuer", "ASSAULT", "destroy", needs=("legen",)),  # "Feuer gelegt" (before "Feuer eröffnen")
    _v("ziehen", "PROTEST", "demo", needs=("Demonstranten", "Demonstrant", "Protestierende", "Demonstrationszug", "Protestzug")),
    _v("wenden", "REJECT", reflexive=True, speech=True, needs=("gegen",)),  # "wandte sich gegen …"
    _v("stellen", "REJECT", reflexive=True, speech=True, needs=("gegen",)),  # "stellten sich gegen eine Einigung"
    _v("lassen", "REJECT", speech=True, needs=("gelten",), negated_type="REJECT"),  # "ließ den Einwand nicht gelten"
    # AGREE: verbal cooperation, promises
    _v("einigen", "AGREE", reflexive=True, reciprocal=True, speech=True, target_preps=("mit",)),
    _v("verständigen", "AGREE", reflexive=True, reciprocal=True, speech=True, target_preps=("mit",)),
    _v("vereinbaren", "AGREE", reciprocal=True, speech=True, target_preps=("mit",)),
    _v("zusichern", "AGREE", speech=True),
    _v("zusagen", "AGREE", speech=True),
    _v("versprechen", "AGREE", speech=True),
    _v("anbieten", "AGREE", speech=True),
    _v("zustimmen", "AGREE", speech=True),
    _n("Einigung", "AGREE", reciprocal=True, target_preps=("mit",), needs=("erzielen", "einigen", "verkünden", "erreichen")),
    _n("Zusage", "AGREE", target_preps=("an", "für")),
    _n("Waffenstillstandsabkommen", "AGREE", reciprocal=True),
    # "erklärte die Bereitschaft, … Gespräche … aufzunehmen": an announced meeting or cooperation
    _n("Bereitschaft", "AGREE", target_preps=("mit", "zu"), needs=("erklären", "signalisieren", "bekunden", "bekräftigen", "zeigen")),
    # CONSULT
    _v("treffen", "CONSULT", reflexive=False, reciprocal=True, target_preps=("mit",), promise_type="AGREE",
       active_only=True, needs_partner=True,
       forbid=("Entscheidung", "Maßnahme", "Vorkehrung", "Vorbereitung", "Absprache", "Auswahl", "Regelung")),
    _v("telefonieren", "CONSULT", "phone", reciprocal=True, target_preps=("mit",), promise_type="AGREE"),
    _v("beraten", "CONSULT", reciprocal=True, target_preps=("mit",), promise_type="AGREE"),
    _v("verhandeln", "CONSULT", reciprocal=True, target_preps=("mit",), promise_type="AGREE"),
    _v("sprechen", "CONSULT", reciprocal=True, target_preps=("mit",), promise_type="AGREE", needs_partner=True),
    _v("diskutieren", "CONSULT", reciprocal=True, target_preps=("mit",), promise_type="AGREE", needs_partner=True, active_only=True),
    _v("empfangen", "CONSULT", "visit", promise_type="AGREE"),
    _v("besuchen", "CONSULT", "visit", promise_type="AGREE"),
    _v("reisen", "CONSULT", "visit", target_preps=("nach", "zu"), promise_type="AGREE"),
    _v("zusammenkommen", "CONSULT", reciprocal=True, target_preps=("mit",), promise_type="AGREE"),
    _n("Treffen", "CONSULT", reciprocal=True, target_preps=("mit",), needs=MEET_SUPPORT),
    _n("Gespräch", "CONSULT", reciprocal=True, target_preps=("mit",), needs=MEET_SUPPORT),
    _n("Telefonat", "CONSULT", "phone", reciprocal=True, target_preps=("mit",), needs=MEET_SUPPORT),
    _n("Videogipfel", "CONSULT", "phone", reciprocal=True, target_preps=("mit",), needs=MEET_SUPPORT),
    _n("Video-Gipfel", "CONSULT", "phone", reciprocal=True, target_preps=("mit",), needs=MEET_SUPPORT),
    _n("Videokonferenz", "CONSULT", "phone", reciprocal=True, target_preps=("mit",), needs=MEET_SUPPORT),
    _n("Gipfel", "CONSULT", "multilateral", reciprocal=True, target_preps=("mit",), needs=MEET_SUPPORT),
    _n("Gipfeltreffen", "CONSULT", "multilateral", reciprocal=True, target_preps=("mit",), needs=MEET_SUPPORT),
    _n("Verhandlung", "CONSULT", reciprocal=True, target_preps=("mit",), needs=MEET_SUPPORT),
    _n("Besuch", "CONSULT", "visit", target_preps=("in", "bei")),
    _n("Mission", "CONSULT", "visit", target_preps=("nach", "in"), needs=("aufbrechen", "reisen", "antreten")),
    _v("aufbrechen", "CONSULT", "visit", target_preps=("nach", "zu"), needs=("Mission", "Reise", "Besuch", "Gespräch", "Gipfel", "Treffen")),
    _n("Vermittlung", "CONSULT", "third-party", target_preps=("zwischen",), needs=("bemühen", "anbieten", "übernehmen")),
    _n("Konsultation", "CONSULT", reciprocal=True, target_preps=("mit",), needs=MEET_SUPPORT),
    # SUPPORT
    _v("loben", "SUPPORT", speech=True),
    _v("begrüßen", "SUPPORT", speech=True),
    _v("danken", "SUPPORT", speech=True),
    _v("würdigen", "SUPPORT", speech=True),
    _v("gratulieren", "SUPPORT", speech=True),
    _v("unterstützen", "SUPPORT", speech=True, promise_type="AGREE"),
    _v("nominieren", "SUPPORT", speech=True),
    _v("unterzeichnen", "SUPPORT", reciprocal=True, target_preps=("mit",)),
    _n("Unterstützung", "SUPPORT", target_preps=("für",), needs=("zusichern", "aussprechen", "bekunden", "signalisieren")),
    _n("Lob", "SUPPORT", target_preps=("für",), needs=("aussprechen", "äußern", "ernten", "zollen")),
    _n("Solidarität", "SUPPORT", target_preps=("mit",), needs=("bekunden", "erklären", "zeigen", "aussprechen")),
    # CONCEDE
    _v("freisprechen", "CONCEDE"),
    _n("Freispruch", "CONCEDE"),
    _v("begnadigen", "CONCEDE"),
    _v("entschuldigen", "CONCEDE", speech=True, reflexive=True, target_preps=("bei",)),
    _n("Entschuldigung", "CONCEDE", needs=("bitten",)),
    _v("eingestehen", "CONCEDE", speech=True),
    _v("gestehen", "CONCEDE", speech=True, needs=("Tat", "Taten", "Mord", "Verbrechen", "Schuld", "Vorwurf", "Vorwürfe", "Anschlag", "Diebstahl")),
    _v("zugeben", "CONCEDE", speech=True),
    _v("zubilligen", "CONCEDE", speech=True),
    _v("zugestehen", "CONCEDE", speech=True),
    _v("einräumen", "CONCEDE", speech=True, needs=("Fehler", "Schuld", "Versäumnis", "Recht", "Rechte")),
    _v("nachgeben", "CONCEDE", speech=True),
    # "gehen auf eine Forderung ein": yielding to a demand
    _v("eingehen", "CONCEDE", speech=True, needs=("Forderung", "Bedingung", "Wunsch", "Angebot", "Vorschlag")),
    _n("Begnadigung", "CONCEDE", needs=("erhalten", "gewähren", "aussprechen")),
    # COOPERATE
    _v("zusammenarbeiten", "COOPERATE", reciprocal=True, target_preps=("mit",), promise_type="AGREE"),
    _v("kooperieren", "COOPERATE", reciprocal=True, target_preps=("mit",), promise_type="AGREE"),
    _v("ausliefern", "COOPERATE", target_preps=("an",), promise_type="AGREE"),
    _n("Zusammenarbeit", "COOPERATE", reciprocal=True, target_preps=("mit",), needs=("vereinbaren", "beschließen", "ausbauen", "vertiefen")),
    # AID
    _v("liefern", "AID", target_preps=("an",), promise_type="AGREE"),
    _v("helfen", "AID", promise_type="AGREE"),
    _v("spenden", "AID", target_preps=("an", "für"), promise_type="AGREE"),
    _v("bereitstellen", "AID", target_preps=("für",), promise_type="AGREE"),
    _v("stellen", "AID", needs=("Verfügung",), promise_type="AGREE"),
    _v("aufrüsten", "AID", promise_type="AGREE"),
    _v("retten", "AID"),
    _v("befreien", "AID", forbid=("Pflicht", "Steuer", "Gebühr", "Abgabe", "Zwang", "Schulden", "Maskenpflicht")),
    _v("evakuieren", "AID"),
    _n("Hilfe", "AID", target_preps=("für", "an"), needs=("leisten", "schicken", "senden", "liefern", "gewähren", "bringen")),
    _n("Lieferung", "AID", target_preps=("an",), needs=("erhalten", "eintreffen", "ankommen", "beginnen")),
    _n("Hilfspaket", "AID", target_preps=("für",), needs=("beschließen", "schnüren", "bewilligen")),
    _n("Asyl", "AID", needs=("gewähren", "erhalten")),
    _n("Hilfsgut", "AID", target_preps=("für", "an"), needs=("liefern", "bringen", "landen", "eintreffen", "ankommen", "verteilen", "schicken", "ausliefern")),
    _n("Hilfsgüter", "AID", target_preps=("für", "an"), needs=("liefern", "bringen", "landen", "eintreffen", "ankommen", "verteilen", "schicken", "ausliefern")),
    _n("Hilfslieferung", "AID", target_preps=("für", "an"), needs=("erreichen", "eintreffen", "ankommen", "schicken", "bringen", "landen")),
    # RETREAT
    _v("freilassen", "RETREAT", "release", promise_type="CONCEDE"),
    _v("entlassen", "RETREAT", "release", needs=("Haft", "Gefängnis", "Gewahrsam", "Untersuchungshaft"), promise_type="CONCEDE"),
    _n("Freilassung", "RETREAT", "release", needs=("kommen", "erfolgen")),
    _v("zurücktreten", "RETREAT", "resign", promise_type="CONCEDE"),
    _n("Rücktritt", "RETREAT", "resign", needs=("erklären", "verkünden", "einreichen", "bekanntgeben", "anbieten")),
    _v("abziehen", "RETREAT", "withdraw", promise_type="CONCEDE"),
    _n("Abzug", "RETREAT", "withdraw", needs=("beginnen", "abschließen", "vollziehen")),
    _v("kapitulieren", "RETREAT", "disarm"),
    _n("Waffenruhe", "RETREAT", "ceasefire", reciprocal=True, needs=("vereinbaren", "verkünden", "ausrufen", "einhalten", "gelten")),
    # REQUEST
    _v("fordern", "REQUEST", speech=True, target_preps=("von",)),
    _v("auffordern", "REQUEST", speech=True),
    _v("verlangen", "REQUEST", speech=True, target_preps=("von",)),
    _v("appellieren", "REQUEST", speech=True, target_preps=("an",)),
    _v("mahnen", "REQUEST", speech=True),
    _v("anmahnen", "REQUEST", speech=True),
    _v("bitten", "REQUEST", speech=True, target_preps=("um",)),
    _v("ersuchen", "REQUEST", speech=True),
    _v("drängen", "REQUEST", speech=True),
    _v("werben", "REQUEST", "assist", speech=True, needs=("Unterstützung", "Hilfe", "Zustimmung")),
    _v("anweisen", "REQUEST", speech=True, forbid=("auf", "darauf")),  # not "auf Hilfe angewiesen"
    _v("aufrufen", "REQUEST", speech=True, target_preps=("an",)),
    _n("Aufruf", "REQUEST", target_preps=("an",), needs=("richten", "veröffentlichen", "erneuern", "folgen")),
    # "knüpften Vorbedingungen an …", "stellte Bedingungen"
    _n("Vorbedingung", "REQUEST", needs=("knüpfen", "stellen", "nennen")),
    _n("Bedingung", "REQUEST", needs=("knüpfen", "stellen")),
    _n("Forderung", "REQUEST", target_preps=("an",), needs=("bekräftigen", "erheben", "stellen", "erneuern", "wiederholen", "richten", "bekräftigte", "unterstreichen")),
    _n("Appell", "REQUEST", target_preps=("an",)),
    _n("Aufforderung", "REQUEST", target_preps=("an",)),
    # ACCUSE
    _v("kritisieren", "ACCUSE", "disapprove", speech=True),
    _v("vorwerfen", "ACCUSE", "allege", speech=True),
    _v("beschuldigen", "ACCUSE", "allege", speech=True),
    _v("beschimpfen", "ACCUSE", "disapprove", speech=True),
    _v("beleidigen", "ACCUSE", "disapprove", speech=True),
    _v("anprangern", "ACCUSE", "disapprove", speech=True),
    _v("rügen", "ACCUSE", "disapprove", speech=True),
    _v("verurteilen", "ACCUSE", "disapprove", speech=True, forbid=SENTENCE_WORDS),
    _v("ächten", "ACCUSE", "disapprove", speech=True),
    # "bezeichnete den Prozess als Inszenierung": a negative label
    _v("bezeichnen", "ACCUSE", "disapprove", speech=True, needs=NEGATIVE_LABELS),
    _v("nennen", "ACCUSE", "disapprove", speech=True, needs=NEGATIVE_LABELS),
    _v("beschreiben", "ACCUSE", "disapprove", speech=True, needs=NEGATIVE_LABELS),
    _v("empören", "ACCUSE", "disapprove", speech=True, reflexive=True, target_preps=("über",)),
    _v("reagieren", "ACCUSE", "disapprove", speech=True, needs=("Empörung", "Entsetzen", "Entsetzten", "Wut", "Bestürzung", "Abscheu", "Kritik", "Protest", "empört", "entsetzt")),
    _n("Empörung", "ACCUSE", "disapprove", target_preps=("über",), needs=("äußern", "auslösen", "zeigen")),
    _v("vernehmen", "ACCUSE", "investigate"),
    _v("bemängeln", "ACCUSE", "disapprove", speech=True),
    _v("legen", "ACCUSE", "allege", needs=("Last",)),  # "wird zur Last gelegt"
    _v("verhören", "ACCUSE", "investigate"),
    _v("ermitteln", "ACCUSE", "investigate", target_preps=("gegen",)),
    _v("anklagen", "ACCUSE", "allege"),
    _v("verklagen", "ACCUSE", "allege"),
    _v("machen", "ACCUSE", "allege", speech=True, needs=("verantwortlich",), forbid=("sich",)),
    _v("bezichtigen", "ACCUSE", "allege", speech=True),
    _v("anzeigen", "ACCUSE", "allege"),
    _n("Kritik", "ACCUSE", "disapprove", target_preps=("an", "gegen"), needs=("üben", "äußern", "erneuern", "bekräftigen", "richten")),
    _v("beantragen", "ACCUSE", "allege", needs=("Prozess", "Haftbefehl", "Verfahren", "Anklage", "Hauptverfahren")),
    _n("Vorwurf", "ACCUSE", "allege", target_preps=("gegen",), needs=("erheben", "machen", "richten")),
    _n("Ermittlungsverfahren", "ACCUSE", "investigate", target_preps=("gegen",), needs=("einleiten", "eröffnen")),
    _n("Ermittlung", "ACCUSE", "investigate", target_preps=("gegen",), needs=("aufnehmen", "einleiten")),
    _n("Anklage", "ACCUSE", "allege", target_preps=("gegen",), needs=("erheben",)),
    _n("Verfahren", "ACCUSE", "investigate", target_preps=("gegen",), needs=("einleiten", "eröffnen")),
    _n("Untersuchung", "ACCUSE", "investigate", target_preps=("gegen",), needs=("einleiten", "aufnehmen", "anordnen")),
    # "will ihren Fall vor den Gerichtshof bringen": a lawsuit (announced: THREATEN)
    _v("bringen", "ACCUSE", "allege", target_preps=("gegen",), needs=("Gericht", "Gerichtshof", "Verfassungsgericht")),
    _v("klagen", "ACCUSE", "allege", target_preps=("gegen",), needs=("gegen", "Gericht", "Gerichtshof", "Verfassungsgericht"), forbid=("über",)),
    _n("Klage", "ACCUSE", "allege", target_preps=("gegen",), needs=("einreichen", "erheben")),
    _n("Klageschrift", "ACCUSE", "allege", target_preps=("gegen",), needs=("einreichen",)),
    _n("Anzeige", "ACCUSE", "allege", target_preps=("gegen",), needs=("erstatten", "stellen")),
    # REJECT
    _v("ablehnen", "REJECT", speech=True),
    _v("anerkennen", "CONCEDE", speech=True, needs=("Schuld", "Fehler", "Niederlage", "Verantwortung")),
    _v("anerkennen", "REJECT", speech=True, negated_type="REJECT"),  # only negated: "erkennen … nicht an" is a refusal
    _v("zurückweisen", "REJECT", speech=True),
    _v("bestreiten", "REJECT", speech=True),
    _v("dementieren", "REJECT", speech=True),
    _v("weigern", "REJECT", reflexive=True, speech=True),
    _v("verweigern", "REJECT", speech=True),
    _v("distanzieren", "REJECT", reflexive=True, speech=True, target_preps=("von",)),
    _v("widersprechen", "REJECT", speech=True),
    _n("Absage", "REJECT", target_preps=("an",), needs=("erteilen",)),
    # "sprach sich gegen … aus": objection to a proposal (the particle is checked in the coder)
    _v("aussprechen", "REJECT", reflexive=True, speech=True, needs=("gegen",)),
    _v("stellen", "REJECT", speech=True, needs=("infrage",)),  # "stellte den Beschluss in Frage" ("in Frage" is joined)
    _v("verteidigen", "REJECT", speech=True, reflexive=True, needs=("Vorwurf", "Vorwürfe", "Kritik", "Anschuldigung")),
    # THREATEN
    _v("drohen", "THREATEN", speech=True, target_preps=("gegen", "auf"), forbid=("Gefahr", "Strafe", "Haft", "Insolvenz", "Ausfall", "Engpass", "Hochwasser", "Unwetter")),
    _v("androhen", "THREATEN", speech=True, target_preps=("gegen", "auf")),
    # "mit dem Tod bedroht" (not "vom Aussterben", "mit Haft bedroht")
    _v("bedrohen", "THREATEN", "violence", speech=True, needs=("Tod", "Waffe", "Messer", "Pistole", "Gewehr", "Mord", "umbringen", "erschießen")),
    _n("Frist", "THREATEN", needs=("setzen", "stellen")),  # an ultimatum
    _v("ankündigen", "THREATEN", speech=True, needs=("Sanktion", "Konsequenz", "Vergeltung", "Notstand", "Ausnahmezustand",
                                                     "Gegenmaßnahme", "Strafzoll", "Vergeltungsmaßnahme", "anzugreifen",
                                                     "gewaltsam", "Angriff", "Streik", "Boykott", "Klage", "Kundgebung")),
    _n("Drohung", "THREATEN", target_preps=("gegen", "an"), needs=("aussprechen", "richten", "wiederholen", "bekräftigen")),
    _n("Ultimatum", "THREATEN", needs=("stellen", "setzen")),
    # PROTEST
    _v("demonstrieren", "PROTEST", "demo", target_preps=("gegen",)),
    _v("protestieren", "PROTEST", "demo", target_preps=("gegen",)),
    _v("streiken", "PROTEST", "strike", target_preps=("gegen", "für")),
    _v("boykottieren", "PROTEST", "boycott"),
    _n("Demonstration", "PROTEST", "demo", target_preps=("gegen",)),
    _n("Kundgebung", "PROTEST", "demo", target_preps=("gegen",)),
    _n("Protest", "PROTEST", "demo", target_preps=("gegen",), needs=("kommen", "gehen", "versammeln", "ziehen", "auslösen", "folgen", "ausweiten",
                                                                    "fortsetzen", "setzen", "veranstalten", "abhalten", "andauern", "anhalten", "organisieren")),
    # occupying a building or square as a protest
    _v("besetzen", "PROTEST", "obstruct", needs=("Gebäude", "Amtssitz", "Regierungssitz", "Gelände", "Platz", "Parlament",
                                                  "Büro", "Ministerium", "Botschaft", "Zentrale", "Hörsaal", "Rathaus", "Flughafen"),
       forbid=("Truppe", "Truppen", "Armee", "Soldaten", "Militär", "Posten", "Stelle", "Rolle")),
    _n("Boykott", "PROTEST", "boycott", target_preps=("gegen",), needs=("aufrufen", "rufen", "beschließen", "verhängen")),
    _n("Streik", "PROTEST", "strike", target_preps=("gegen",), needs=("treten", "legen", "beginnen", "aufrufen", "rufen")),
    _n("Hungerstreik", "PROTEST", "hunger"),
    _n("Menschenkette", "PROTEST", "demo"),
    # SANCTION
    _v("sanktionieren", "SANCTION"),
    _v("ausweisen", "SANCTION", "expel", needs=("Diplomat", "Botschafter", "Diplomaten")),
    _v("einfrieren", "SANCTION", "discontinue"),
    _v("aussetzen", "SANCTION", "discontinue", needs=("Gespräch", "Zusammenarbeit", "Hilfe", "Verhandlung", "Mitgliedschaft", "Abkommen")),
    _n("Sanktion", "SANCTION", target_preps=("gegen",), needs=("verhängen", "beschließen", "erlassen", "verschärfen", "ausweiten", "ankündigen")),
    _n("Einreiseverbot", "SANCTION", target_preps=("gegen", "für"), needs=("verhängen", "erlassen", "belegen")),
    _v("abbrechen", "SANCTION", "discontinue", needs=("Verhandlung", "Gespräch", "Beziehung", "Kontakt", "Verhandlungen", "Gespräche", "Beziehungen")),
    _v("ausschließen", "SANCTION", "expel", needs=("Gruppe", "Partei", "Fraktion", "Organisation", "Verband", "Verein", "Bündnis", "Gemeinschaft", "G8", "Kreis")),
    _n("Ausschluss", "SANCTION", "expel", needs=("erfolgen", "beschließen", "verkünden")),
    _v("absagen", "SANCTION", "discontinue", needs=("Gipfel", "Treffen", "Besuch", "Gespräch", "Verhandlung", "Reise", "Staatsbesuch")),
    _v("urteilen", "SANCTION", "convict", needs=SENTENCE_WORDS),
    _n("Reiseverbot", "SANCTION", target_preps=("gegen", "für"), needs=("verhängen", "erlassen", "belegen")),
    # court sentences: conviction (SANCTION convict), and COERCE arrest when it is prison
    _v("verurteilen", "SANCTION", "convict", needs=SENTENCE_WORDS),
    _v("verurteilen", "COERCE", "arrest", needs=PRISON_WORDS, also=True),
    _n("Urteil", "SANCTION", "convict", target_preps=("gegen",), needs=("bestätigen", "verhängen", "fällen", "sprechen")),
    _n("Haftstrafe", "SANCTION", "convict", target_preps=("gegen", "für"), needs=("bestätigen", "verhängen", "bekommen", "erhalten", "verbüßen")),
    _n("Haftstrafe", "COERCE", "arrest", target_preps=("gegen", "für"), needs=("bestätigen", "verhängen", "bekommen", "erhalten"), also=True),
    _n("Gefängnisstrafe", "SANCTION", "convict", target_preps=("gegen", "für"), needs=("bestätigen", "verhängen", "bekommen", "erhalten")),
    _n("Gefängnisstrafe", "COERCE", "arrest", target_preps=("gegen", "für"), needs=("bestätigen", "verhängen", "bekommen", "erhalten"), also=True),
    _n("Todesurteil", "SANCTION", "convict", target_preps=("gegen", "für"), needs=("bestätigen", "verhängen", "fällen", "sprechen", "vollstrecken")),
    _n("Strafzoll", "SANCTION", target_preps=("gegen", "auf"), needs=("verhängen", "erheben", "einführen")),
    _n("Embargo", "SANCTION", target_preps=("gegen",), needs=("verhängen", "beschließen")),
    _n("Moratorium", "SANCTION", target_preps=("gegen", "für"), needs=("verhängen", "beschließen")),
    # MOBILIZE
    _v("mobilisieren", "MOBILIZE", "troops"),
    _v("zusammenziehen", "MOBILIZE", "troops", needs=("Truppe", "Soldat", "Truppen", "Soldaten")),
    _v("stationieren", "MOBILIZE", "troops", needs=("Truppe", "Soldat", "Truppen", "Soldaten", "Rakete", "Raketen", "Waffe", "Angriffswaffe")),
    _n("Truppenaufmarsch", "MOBILIZE", "troops"),
    # COERCE
    _v("festnehmen", "COERCE", "arrest"),
    _v("verhaften", "COERCE", "arrest"),
    _v("inhaftieren", "COERCE", "arrest"),
    _v("fassen", "COERCE", "arrest", passive_only=True, forbid=("kurz", "Beschluss", "Entschluss", "Mut", "Plan", "Vertrauen", "Fuß", "Vorsatz", "Entscheidung", "Gedanke", "Wort", "Worte", "zusammenfassen")),
    _v("entern", "COERCE", "seize"),
    _v("überwältigen", "COERCE", "arrest"),
    _n("Polizeiaktion", "COERCE", target_preps=("gegen",), needs=("durchführen", "starten", "geben", "kommen", "führen")),
    _n("Polizeieinsatz", "COERCE", target_preps=("gegen",), needs=("durchführen", "starten", "geben", "kommen", "führen")),
    _n("Landnahme", "COERCE", "seize"),
    _v("räumen", "COERCE", "restrict", needs=("Lager", "Camp", "Platz", "Gebäude", "Haus", "Gelände", "Besetzung", "Straße", "Protestcamp", "Zeltlager")),
    _n("Räumung", "COERCE", "restrict", target_preps=("von",), needs=("beginnen", "kommen", "erfolgen", "starten", "durchführen", "anordnen")),
    _v("umstellen", "COERCE", "restrict", needs=("Lager", "Camp", "Platz", "Gebäude", "Haus", "Gelände", "Wohnung", "Moschee", "Kirche", "Dorf")),
    _v("stoppen", "COERCE", "restrict", needs=("Schiff", "Yacht", "Boot", "Konvoi", "Fahrzeug", "Lastwagen", "Flotte", "Frachter")),
    _n("Gewahrsam", "COERCE", "arrest", needs=("nehmen",)),
    _n("Razzia", "COERCE", "seize", needs=("durchführen", "kommen", "geben", "starten", "beginnen")),
    _v("sperren", "COERCE", "censor", needs=("Internet", "Internetzugang", "Zugang", "Website", "Webseite", "Youtube", "Twitter", "Facebook", "Account")),
    _v("sperren", "COERCE", "seize", needs=("Konto", "Konten", "Vermögen", "Guthaben")),
    _v("durchsuchen", "COERCE", "seize"),
    _v("beschlagnahmen", "COERCE", "seize"),
    _v("abschieben", "COERCE", "deport"),
    _v("abriegeln", "COERCE", "restrict"),
    _v("verbieten", "COERCE", "restrict"),
    _v("untersagen", "COERCE", "restrict"),
    _v("beenden", "COERCE", "restrict", needs=("Kundgebung", "Demonstration", "Protest", "Versammlung", "Blockade", "Besetzung")),
    _v("auflösen", "COERCE", "restrict", needs=("Demonstration", "Kundgebung", "Versammlung", "Protest", "Camp", "Lager")),
    _n("Festnahme", "COERCE", "arrest", needs=("kommen", "erfolgen")),
    _n("Durchsuchung", "COERCE", "seize", needs=("kommen", "erfolgen")),
    _n("Ausnahmezustand", "COERCE", "martial-law", needs=("verhängen", "ausrufen")),
    _n("Alarmzustand", "COERCE", "martial-law", needs=("verhängen", "ausrufen")),
    _n("Notstand", "COERCE", "martial-law", needs=("verhängen", "ausrufen")),
    _n("Verbot", "COERCE", "restrict", needs=("verhängen", "erlassen", "aussprechen", "verfügen")),
    _n("Hackerangriff", "COERCE", "cyber"),
    _n("Cyberangriff", "COERCE", "cyber"),
    # ASSAULT
    _v("töten", "ASSAULT"),
    _v("erschießen", "ASSAULT", "firearms"),
    _v("ermorden", "ASSAULT"),
    _v("angreifen", "ASSAULT"),
    _v("attackieren", "ASSAULT"),
    _v("bombardieren", "ASSAULT", "aerial"),
    _v("beschießen", "ASSAULT", "heavy-weapons"),
    _v("entführen", "ASSAULT", "abduct"),
    _v("stürmen", "ASSAULT"),
    _v("schießen", "ASSAULT", "firearms", target_preps=("auf",),
       needs=("auf", "Kopf", "Rücken", "Brust", "Bein", "Menschen", "Demonstranten", "Polizisten", "Soldaten", "Zivilisten"),
       forbid=("Tor", "Tore", "Treffer", "Foto", "Fotos", "Bild", "Bilder", "Elfmeter", "Ball", "Rakete", "Satellit",
               "Führung", "Strafraum", "Strafraumgrenze", "Latte", "Pfosten")),
    _v("stattgeben", "CONCEDE"),
    _v("enthaupten", "ASSAULT"),
    _v("köpfen", "ASSAULT"),
    _v("hinrichten", "ASSAULT"),
    _v("vorgehen", "ASSAULT", "crowd-control", target_preps=("gegen",),
       needs=("gewaltsam", "brutal", "hart", "massiv", "Gewalt", "Tränengas", "Schlagstock", "Wasserwerfer")),
    _v("bemächtigen", "ASSAULT", "abduct", reflexive=True),
    _v("anzünden", "ASSAULT", "destroy"),
    _v("einwerfen", "ASSAULT", "destroy", needs=("Scheibe", "Scheiben", "Schaufenster", "Fenster", "Fensterscheibe")),
    _v("erstechen", "ASSAULT"),
    _n("Gewalttätigkeit", "ASSAULT", needs=("kommen", "geben")),
    _n("Ausschreitung", "PROTEST", "riot", needs=("kommen", "geben")),
    _n("Geiselnahme", "ASSAULT", "abduct"),
    _v("einstechen", "ASSAULT", "beat", target_preps=("auf",)),
    _n("Schuss", "ASSAULT", "firearms", target_preps=("auf",), needs=("abgeben", "abfeuern", "fallen")),
    _v("überfallen", "ASSAULT"),
    _v("sprengen", "ASSAULT", "explosives", needs=("Luft", "Bombe", "Sprengsatz")),
    _v("stecken", "ASSAULT", "destroy", needs=("Brand",)),
    _n("Warnschuss", "ASSAULT", "firearms", needs=("abgeben",)),
    _v("einschlagen", "ASSAULT", "beat", target_preps=("auf",)),
    _v("niederschlagen", "ASSAULT", "crowd-control", needs=("Protest", "Demonstration", "Aufstand", "Kundgebung", "Unruhe")),
    _n("Feuer", "ASSAULT", "firearms", target_preps=("auf",), needs=("eröffnen",)),
    _v("verletzen", "ASSAULT", active_only=True, forbid=("Unfall", "Regel", "Recht", "Völkerrecht", "Vertrag", "Abkommen", "Gesetz", "Pflicht")),
    _n("Angriff", "ASSAULT", target_preps=("auf",), needs=("verüben", "starten", "führen", "kommen", "geben", "töten", "sterben", "fortsetzen", "fliegen")),
    _n("Anschlag", "ASSAULT", "explosives", target_preps=("auf",), needs=("verüben", "kommen", "töten", "sterben", "geben")),
    _n("Luftangriff", "ASSAULT", "aerial", target_preps=("auf",)),
    _n("Drohnenangriff", "ASSAULT", "drone", target_preps=("auf",)),
    _n("Raketenangriff", "ASSAULT", "heavy-weapons", target_preps=("auf",)),
    _n("Beschuss", "ASSAULT", "heavy-weapons", target_preps=("auf",)),
    _n("Zusammenstoß", "ASSAULT", reciprocal=True, target_preps=("mit", "zwischen")),
    _n("Auseinandersetzung", "ASSAULT", reciprocal=True, target_preps=("mit", "zwischen"), needs=("kommen", "geben", "liefern")),
    _n("Rangelei", "ASSAULT", reciprocal=True, target_preps=("mit", "zwischen"), needs=("kommen", "geben")),
    _n("Schlägerei", "ASSAULT", "beat", reciprocal=True, target_preps=("mit", "zwischen"), needs=("kommen", "geben")),
    _n("Krawall", "PROTEST", "riot", needs=("kommen", "geben")),
    _v("einsetzen", "ASSAULT", "crowd-control", target_preps=("gegen",),
       needs=("Knüppel", "Schlagstock", "Tränengas", "Wasserwerfer", "Pfefferspray", "Gummigeschoss", "Blendgranate")),
    _v("anhalten", "COERCE", "restrict", needs=("Demonstration", "Protestzug", "Marsch", "Konvoi", "Demonstrationszug")),
]

VERB_CUES: dict[str, list[Cue]] = {}
NOUN_CUES: dict[str, list[Cue]] = {}
for _cue in CUES:
    (VERB_CUES if _cue.pos == "VERB" else NOUN_CUES).setdefault(_cue.lemma.lower(), []).append(_cue)

# separable verbs: particle + base lemma → full lemma ("teilte … mit" is not an event, but
# "wies … zurück" is REJECT, "lehnte … ab" is REJECT, "nahm … fest" is COERCE)
SEPARABLE = {
    ("lehnen", "ab"): "ablehnen", ("weisen", "zurück"): "zurückweisen", ("nehmen", "fest"): "festnehmen",
    ("sichern", "zu"): "zusichern", ("sagen", "zu"): "zusagen", ("bieten", "an"): "anbieten",
    ("stimmen", "zu"): "zustimmen", ("fordern", "auf"): "auffordern", ("mahnen", "an"): "anmahnen",
    ("werfen", "vor"): "vorwerfen", ("prangern", "an"): "anprangern", ("klagen", "an"): "anklagen",
    ("zeigen", "an"): "anzeigen", ("drohen", "an"): "androhen", ("lassen", "frei"): "freilassen",
    ("treten", "zurück"): "zurücktreten", ("ziehen", "ab"): "abziehen", ("ziehen", "zusammen"): "zusammenziehen",
    ("schieben", "ab"): "abschieben", ("riegeln", "ab"): "abriegeln", ("lösen", "auf"): "auflösen",
    ("greifen", "an"): "angreifen", ("stellen", "bereit"): "bereitstellen", ("rüsten", "auf"): "aufrüsten",
    ("statten", "aus"): "ausstatten", ("frieren", "ein"): "einfrieren", ("setzen", "aus"): "aussetzen",
    ("weisen", "aus"): "ausweisen", ("liefern", "aus"): "ausliefern", ("arbeiten", "zusammen"): "zusammenarbeiten",
    ("kommen", "zusammen"): "zusammenkommen", ("sprechen", "frei"): "freisprechen", ("geben", "zu"): "zugeben",
    ("stehen", "ein"): "eingestehen", ("schlagen", "ein"): "einschlagen", ("schlagen", "nieder"): "niederschlagen",
    ("kündigen", "an"): "ankündigen", ("setzen", "ein"): "einsetzen", ("halten", "an"): "anhalten",
    ("rufen", "auf"): "aufrufen", ("brechen", "auf"): "aufbrechen", ("billigen", "zu"): "zubilligen",
    ("gestehen", "zu"): "zugestehen", ("räumen", "ein"): "einräumen", ("geben", "nach"): "nachgeben",
    ("gehen", "ein"): "eingehen", ("sprechen", "aus"): "aussprechen",
    ("reichen", "ein"): "einreichen", ("brechen", "ab"): "abbrechen", ("schließen", "aus"): "ausschließen",
    ("sagen", "ab"): "absagen", ("erkennen", "an"): "anerkennen", ("stechen", "ein"): "einstechen",
    ("geben", "ab"): "abgeben", ("gehen", "vor"): "vorgehen", ("lösen", "aus"): "auslösen", ("weiten", "aus"): "ausweiten",
    ("zünden", "an"): "anzünden", ("geben", "statt"): "stattgeben", ("werfen", "ein"): "einwerfen", ("weisen", "an"): "anweisen", ("richten", "hin"): "hinrichten", ("leiten", "ein"): "einleiten", ("nehmen", "auf"): "aufnehmen",
}

# strong or rare forms of cue verbs that the lemmatizers leave as they are
IRREGULAR_FORMS = {
    "beschossen": "beschießen", "beschoss": "beschießen", "vernommen": "vernehmen", "vernahm": "vernehmen",
    "geächtet": "ächten", "geschossen": "schießen", "schoss": "schießen", "schossen": "schießen",
    "stattgegeben": "stattgeben", "erstochen": "erstechen", "erstach": "erstechen", "angezündet": "anzünden",
    "eingeworfen": "einwerfen", "angewiesen": "anweisen", "bedroht": "bedrohen", "gestanden": "gestehen", "gestand": "gestehen", "enthauptet": "enthaupten",
    "hingerichtet": "hinrichten", "gezwungen": "zwingen", "zwang": "zwingen", "geworben": "werben", "warb": "werben", "ächtete": "ächten", "erschossen": "erschießen", "erschoss": "erschießen",
    "angegriffen": "angreifen", "festgenommen": "festnehmen", "freigelassen": "freilassen",
    "zurückgewiesen": "zurückweisen", "niedergeschlagen": "niederschlagen", "verboten": "verbieten",
    "verbot": "verbieten", "gefasst": "fassen", "geentert": "entern", "enterten": "entern", "enterte": "entern",
    "überfallen": "überfallen", "überfielen": "überfallen", "überfiel": "überfallen", "gestürmt": "stürmen",
    "verhört": "verhören", "ausgewiesen": "ausweisen", "abgeschoben": "abschieben", "entführt": "entführen",
    "bestritten": "bestreiten", "bestritt": "bestreiten", "verhängt": "verhängen", "verhängte": "verhängen",
    "zugebilligt": "zubilligen", "eingeräumt": "einräumen", "aufgerufen": "aufrufen", "vorgeworfen": "vorwerfen",
    "ausgesprochen": "aussprechen", "angeklagt": "anklagen", "festgesetzt": "festsetzen",
}

NEGATIONS = {"nicht", "kein", "keine", "keinen", "keinem", "keiner", "keines", "nie", "niemals", "weder"}
# words that make an action merely possible, planned or considered
HYPOTHETICAL = {"erwägen", "begriff", "prüfen", "könnte", "könnten", "möglicherweise", "eventuell", "falls", "wenn", "ob",
                "erwogen", "denkbar", "planen", "plant", "vielleicht"}
MODALS_PROMISE = {"wollen", "werden", "sollen", "möchten"}

# Heads of noun phrases that name people, groups or institutions without a proper
# name ("Oppositionsanhänger", "Männer in Zivilkleidung", "die spanische Regierung");
# matched at the end of the word so compounds count too.
GROUP_HEADS = (
    "anhänger", "gegner", "unterstützer", "demonstranten", "demonstrantinnen", "studenten", "studierende", "personen",
    "menschen", "männer", "männern", "frauen", "soldaten", "polizisten", "polizistinnen", "aktivisten", "aktivistinnen",
    "beamte", "beamten", "kräfte", "kräften", "behörde", "behörden", "regierung", "ministerium", "ministeriums", "lotsen",
    "arbeiter", "arbeiterinnen", "mitarbeiter", "bewohner", "einwohner", "bürger", "bürgern", "bauern", "lehrer",
    "lehrerin", "ärzte", "journalisten", "journalistin", "mitglieder", "mitgliedern", "abgeordnete", "abgeordneten",
    "vertreter", "vertreterin", "oppositionelle", "häftlinge", "gefangene", "gefangenen", "flüchtlinge", "migranten",
    "täter", "verdächtige", "verdächtigen", "beschuldigte", "beschuldigten", "angeklagte", "angeklagten",
    "staatsanwaltschaft", "gericht", "anwalt", "anwältin", "richter", "polizei", "armee", "militär", "truppen",
    "rebellen", "kämpfer", "milizen", "miliz", "gewerkschaft", "verband", "partei", "fraktion", "koalition",
    "opposition", "staaten", "einheiten", "separatisten", "terroristen", "angreifer", "hacker", "ermittler",
    "diplomaten", "botschafter", "sprecher", "sprecherin", "chef", "chefin", "vorsitzende", "vorsitzender",
    "minister", "ministerin", "präsident", "präsidentin", "kanzler", "kanzlerin", "konzern", "unternehmen",
    "teilnehmer", "teilnehmern", "ministerien", "medien", "flugzeuge", "bruderschaft", "bewegung", "organisation",
    "gruppe", "gruppen", "netzwerk", "prediger", "kabinett", "regime", "palästinenser", "israelis",
    "mönche", "geistliche", "geistlichen", "helfer", "helfern", "experten", "junta", "marine", "sicherheitsrat",
    "tribunal", "gerichtshof", "hilfswerk", "hilfsorganisation", "hilfsorganisationen", "kommission", "kommissar",
    "vereinigung", "agentur", "insassen", "attentäter", "bande", "banden", "kartell", "clan", "schüler",
    "polizeiwache", "polizeiwachen", "gefangener", "angestellte", "angestellten", "geiselnehmer", "kommando",
    "jury", "geschworenen", "kläger", "klägerin", "zeugen", "beschäftigten", "gewerkschaften", "lenker", "jährige",
    "jähriger", "jährigen", "mann", "frau", "agenturen", "verbände", "organisationen",
    "moslems", "muslime", "christen", "juden", "mächte", "putschisten", "anführer", "anführern",
    "nationalisten", "extremisten", "islamisten", "tibeter", "tibetern", "chinesen", "kurden", "uiguren", "afghanen",
    "iraker", "syrer", "türken", "russen", "ukrainer", "amerikaner", "franzosen", "briten", "polen", "serben",
    "albaner", "roma", "mönchen", "aufständische", "aufständischen", "aufrührer",
)
# heads that make an adjective of a country ("spanische Regierung") stand for the state
STATE_HEADS = ("regierung", "flugzeuge", "kabinett", "behörden", "behörde", "ministerium", "ministeriums", "armee", "militär", "streitkräfte",
               "sicherheitskräfte", "truppen", "soldaten", "diplomaten", "botschafter", "führung", "staatsführung",
               "polizei", "justiz", "grenzschutz", "marine", "luftwaffe", "vertreter", "vertreterin", "junta")

# German generic agents (no name), after the Phoenix agents' categories; the value is
# the canonical short noun phrase used when no better name is known.
GENERIC_AGENTS = {
    "polizei": "Polizei", "polizist": "Polizei", "polizisten": "Polizei", "bundespolizei": "Bundespolizei",
    "demonstrant": "Demonstranten", "demonstranten": "Demonstranten", "protestierende": "Demonstranten",
    "regierung": "Regierung", "bundesregierung": "DEU", "armee": "Armee", "militär": "Militär",
    "soldaten": "Soldaten", "soldat": "Soldaten", "truppen": "Truppen", "streitkräfte": "Streitkräfte",
    "rebellen": "Rebellen", "separatisten": "Separatisten", "opposition": "Opposition",
    "staatsanwaltschaft": "Staatsanwaltschaft", "gericht": "Gericht", "behörden": "Behörden",
    "aktivisten": "Aktivisten", "gewerkschaft": "Gewerkschaft", "terroristen": "Terroristen",
    "angreifer": "Angreifer", "täter": "Täter", "unbekannte": "Unbekannte", "flüchtlinge": "Flüchtlinge",
    "ermittler": "Ermittler", "landgericht": "Landgericht", "amtsgericht": "Amtsgericht",
    "bundesverfassungsgericht": "Bundesverfassungsgericht", "sicherheitskräfte": "Sicherheitskräfte",
    "einsatzkräfte": "Einsatzkräfte", "milizen": "Milizen", "miliz": "Miliz", "hacker": "Hacker",
}
